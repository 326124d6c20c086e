/* json.h - the pieces of JSON output every command writes the same way. */
#ifndef AIGROWTH_JSON_H
#define AIGROWTH_JSON_H

#include <stdio.h>

/* Writes s as a JSON string: quotes and backslashes escaped, control
 * characters and DEL as \u00XX, so no byte below 0x20 is raw; UTF-8
 * passes through (the loader checked it). */
void json_string(FILE *out, const char *s);

/* Writes v with 17 significant digits (it reads back the same double),
 * or null when not finite: JSON has no infinity. */
void json_number(FILE *out, double v);

#endif
