/* parse_value.h - one CSV field to a number, in the C locale. */
#ifndef AIGROWTH_PARSE_VALUE_H
#define AIGROWTH_PARSE_VALUE_H

#include <stddef.h>

typedef enum { VALUE_OK = 0, VALUE_MISSING = 1, VALUE_ERROR = -1 } ValueStatus;

/* Parses a number as people paste it from articles and spreadsheets:
 *   7000000000  7e9  7,000,000,000  $7B  US$ 7 bn  USD 24bn  $300 billion
 *   800M  1.5T  12.5%  5000億  80萬  €11.7B  -$5M
 * Multipliers: k thousand, M m mn mm million, B b bn billion, T tn
 * trillion, 萬/万 1e4, 億/亿 1e8. decimal is '.' (then ',' may group
 * thousands in threes) or ',' (files delimited by ';': "3.700,5"; a lone
 * "3.700" is refused as ambiguous, "1.5" still reads as 1.5).
 * *unit is set to a static string naming what the text says: "USD",
 * "EUR", "GBP", "CNY", "JPY", "%" or "" (unit may be NULL); 12.5% gives
 * 12.5, not 0.125. Empty, NA, N/A, #N/A, n.a., -, —, –, null are
 * VALUE_MISSING. Anything else that is not a finite number is VALUE_ERROR
 * with a reason and a fix in why. Independent of the process locale. */
ValueStatus parse_value(const char *text, char decimal, double *value,
                        const char **unit, char *why, size_t why_size);

#endif
