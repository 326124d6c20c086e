/* format.h - number and date labels for axes, tables and captions. */
#ifndef AIGROWTH_FORMAT_H
#define AIGROWTH_FORMAT_H

#include <stddef.h>
#include "dates.h"

/* Compact value with unit: unit "USD" gives "$1.2B", "$500M", "$100B";
 * "EUR" gives "€300M"; "users" or "" gives "800M", "1.5B", "45K".
 * Up to `digits` significant digits (2 or 3 usually), trailing zeros
 * dropped; never scientific notation, never "G". Returns buf. */
char *format_compact(double value, const char *unit, int digits, char *buf,
                     size_t size);

/* Date as the input gave it: "2025", "2025-10", "2025-10-02", "2025-Q3". */
char *format_date(long days, DatePrecision precision, char *buf, size_t size);

/* Month and year for captions: "Oct 2025". */
char *format_month_year(long days, char *buf, size_t size);

/* A duration in years as "3.6 months" under two years, else "2.5 years";
 * "never" when not finite or not positive. */
char *format_duration(double years, char *buf, size_t size);

/* Growth rate as a percentage: 0.45 gives "+45%", 8.6 gives "+860%". */
char *format_percent(double rate, char *buf, size_t size);

/* The name of a known metric id, in English or (chinese 1) Traditional
 * Chinese; NULL for an id not in the table. Static storage. */
const char *format_metric_known(const char *metric, int chinese);

/* A metric identifier for people: "run_rate_revenue" -> "Run-rate revenue"
 * for known metrics, else underscores become spaces, first letter capital. */
char *format_metric_name(const char *metric, char *buf, size_t size);

/* A plain decimal with up to `digits` significant digits, trailing zeros
 * dropped: 2.4284 at 3 gives "2.43", 0.098700 gives "0.0987". No
 * exponent, no unit; "n/a" when not finite. Returns buf. */
char *format_number(double value, int digits, char *buf, size_t size);

/* Room format_decimal needs, terminator included. */
#define FORMAT_DECIMAL_MAX 32

/* Writes v rounded (half away from zero) to `decimals` places (0..9) into
 * buf as an SVG or PDF number: trailing zeros and a bare point trimmed,
 * "0" for anything that rounds to zero (never "-0"), NaN and infinities
 * as "0", magnitudes from 1e15 up with an exponent
 * ("12345678901234567e3"). No printf and no locale: vector outputs write
 * tens of thousands. Returns the length; buf is NUL-terminated. */
size_t format_decimal(char *buf, double v, int decimals);

/* A range's lower end without the Chinese unit word its upper end
 * repeats ("447億美元" before "1,178億美元" becomes "447億"); magnitude
 * words and Latin units are kept. Edits lo in place. */
void format_drop_shared_unit(char *lo, const char *hi);

#endif
