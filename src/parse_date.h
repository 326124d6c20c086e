/* parse_date.h - one CSV field to a date, with a precise reason on failure. */
#ifndef AIGROWTH_PARSE_DATE_H
#define AIGROWTH_PARSE_DATE_H

#include <stddef.h>
#include "dates.h"

/* Parses an ISO 8601 date: "2025", "2025-11", "2025-11-18". Leading and
 * trailing spaces are ignored. A period means its first day.
 * Returns 0 and sets *days and *precision, or returns -1 and writes a short
 * reason with a fix into why (e.g. `date "2025-13" has month 13; use
 * YYYY-MM`). Pure: no locale, no globals. */
int parse_date(const char *text, long *days, DatePrecision *precision,
               char *why, size_t why_size);

#endif
