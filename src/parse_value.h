/* parse_value.h - one CSV field to a number, in the C locale. */
#ifndef AIGROWTH_PARSE_VALUE_H
#define AIGROWTH_PARSE_VALUE_H

#include <stddef.h>

typedef enum { VALUE_OK = 0, VALUE_MISSING = 1, VALUE_ERROR = -1 } ValueStatus;

/* Parses a plain number ("7000000000", "7e9", "12.5"), surrounding spaces
 * allowed. Empty, "NA", "N/A", "-" and "null" are VALUE_MISSING. Anything
 * else that is not a finite number is VALUE_ERROR with a reason and a fix
 * in why. Independent of the process locale. */
ValueStatus parse_value(const char *text, double *value, char *why,
                        size_t why_size);

#endif
