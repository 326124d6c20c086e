/* i18n.h - the output language: fixed strings, and numbers and dates in
 * the language's own style (English "$500B", Chinese "5000億美元"). */
#ifndef AIGROWTH_I18N_H
#define AIGROWTH_I18N_H

#include <stddef.h>

#include "dates.h"
#include "parse_value.h"

/* zh-CN is written from the zh-TW text (simplified.h): one Chinese text
 * per string, reviewed in Traditional, converted to mainland Simplified. */
typedef enum { LANG_EN = 0, LANG_ZH_TW = 1, LANG_ZH_CN = 2 } Lang;
#define LANG_COUNT 3

/* How Chinese figures group their digits: plain as the Central News
 * Agency writes them (1015億美元, the default), or grouped with a
 * thousands comma (1,015億美元). English figures never reach four digits
 * before their unit word. The style rides in a Lang's high bits, so every
 * formatter that is given the language also knows it; lang_base strips
 * it wherever the language alone is asked. */
typedef enum { NUMBERS_PLAIN = 0, NUMBERS_GROUPED = 1 } NumberStyle;
#define LANG_NUMBERS_GROUPED 0x10

static inline Lang lang_base(Lang lang)
{
    return (Lang)(lang & 0x0f);
}

/* lang written in style. */
static inline Lang lang_with_numbers(Lang lang, NumberStyle style)
{
    return (Lang)(lang_base(lang) |
                  (style == NUMBERS_GROUPED ? LANG_NUMBERS_GROUPED : 0));
}

/* "plain" or "grouped"; returns 0 or -1. */
int number_style_parse(const char *text, NumberStyle *out);

/* "en", "zh-TW" (also "zh_TW", "zh-Hant") or "zh-CN" (also "zh_CN",
 * "zh-Hans"); returns 0 or -1. */
int lang_parse(const char *text, Lang *out);

/* "en", "zh-TW", "zh-CN": the tag of report.ini's text[...] keys. */
const char *lang_tag(Lang lang);

/* Traditional or Simplified Chinese. */
static inline int lang_is_chinese(Lang lang)
{
    return lang_base(lang) == LANG_ZH_TW || lang_base(lang) == LANG_ZH_CN;
}

/* The string for lang: call sites carry both versions side by side, so a
 * translation is reviewed where it is used. zh-CN gets zh converted;
 * the result is borrowed for the life of the process. */
const char *lang_pick(Lang lang, const char *en, const char *zh);

/* Text from the data or the spec (a company, a title) as lang writes it:
 * Simplified in zh-CN, else as it is. Borrowed like lang_pick's. */
const char *lang_text(Lang lang, const char *text);

/* NULL when lang can be written, else why not (zh-CN without OpenCC's
 * data). */
const char *lang_unavailable(Lang lang);

/* Compact value with unit in the language's style. English is
 * format_compact ("$1.2B", "800M"); Chinese counts in 萬 (1e4), 億 (1e8)
 * and 兆 (1e12) with the currency as a word: "5000億美元", "8億", "80萬",
 * "1.2兆美元", "3億歐元". digits: significant digits (at least the whole
 * integer part is kept in Chinese style). Returns buf. */
char *format_compact_lang(double value, const char *unit, int digits,
                          Lang lang, char *buf, size_t size);

/* What a value says of itself, set before it: "over " / "逾" for a lower
 * bound, "about " / "約"; "" for an exact value. */
const char *lang_qualifier_word(Lang lang, ValueQualifier qualifier);

/* format_compact_lang with what the value says of itself: "over $5B" /
 * "逾5億美元" for a lower bound, "about $7B" / "約70億美元"; exact
 * values as format_compact_lang. Returns buf. */
char *format_qualified_lang(double value, const char *unit, int digits,
                            ValueQualifier qualifier, Lang lang, char *buf,
                            size_t size);

/* Month and year: "Oct 2025" / "2025年10月". */
char *format_month_year_lang(long days, Lang lang, char *buf, size_t size);

/* The period a date of that precision names: "Q3 2025" / "2025年第3季",
 * "2025" / "2025年", else as format_month_year_lang. */
char *format_period_lang(long days, DatePrecision prec, Lang lang,
                         char *buf, size_t size);

/* A metric identifier for people: "Run-rate revenue" / "年化營收". */
char *format_metric_name_lang(const char *metric, Lang lang, char *buf,
                              size_t size);

/* "3.6 months" / "3.6 個月", "2.5 years" / "2.5 年"; "never" / "不會". */
char *format_duration_lang(double years, Lang lang, char *buf, size_t size);

/* The unit as a word for subtitles: "USD" / "美元"; "" for plain counts
 * ("users" or no unit). Borrowed. */
const char *unit_word_lang(const char *unit, Lang lang);

#endif
