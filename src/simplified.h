/* simplified.h - Traditional Chinese (Taiwan) text as Simplified Chinese
 * (mainland) text, for --lang zh-CN: every zh-TW string of the program,
 * and the data's own names, pass through here once.
 *
 * OpenCC's tw2sp conversion (characters, Taiwan phrases to mainland
 * phrases: 資料來源 → 数据源, 軟體 → 软件), then the few mainland
 * conventions it leaves out: “” quotes for 「」, 增长 for 成长.
 *
 * Results are interned for the life of the process, so a caller may keep
 * the pointer as it keeps a string literal; safe from several threads. */
#ifndef AIGROWTH_SIMPLIFIED_H
#define AIGROWTH_SIMPLIFIED_H

/* The Simplified form of text (NULL gives NULL). ASCII-only text is
 * returned as it is. When OpenCC's data cannot be loaded the text is
 * returned unconverted and simplified_failure says why. */
const char *simplified_text(const char *text);

/* NULL, or what stopped the conversion ("OpenCC: ..."). */
const char *simplified_failure(void);

#endif
