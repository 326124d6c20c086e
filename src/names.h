/* names.h - comma-separated lists of names, as options and report.ini
 * keys write them: --company '"Korea, Rep.",OpenAI'. */
#ifndef AIGROWTH_NAMES_H
#define AIGROWTH_NAMES_H

/* Called with each item, NUL-terminated inside the text being split. */
typedef void (*NamesItemFn)(void *ctx, char *item);

/* Splits text in place at commas outside double quotes, calling on_item
 * for each non-empty item. Spaces around an item are dropped; inside
 * quotes commas and spaces are kept, "" is one quote character, and the
 * quotes themselves are removed ("Korea, Rep." is Korea, Rep.). A quote
 * left open runs to the end of the text. Returns the number of items. */
unsigned names_split(char *text, NamesItemFn on_item, void *ctx);

#endif
