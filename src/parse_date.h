/* parse_date.h - one CSV field to a date, with a precise reason on failure. */
#ifndef AIGROWTH_PARSE_DATE_H
#define AIGROWTH_PARSE_DATE_H

#include <stddef.h>
#include "dates.h"

/* How to read d/m/y dates written with digits only (03/04/2025): without
 * an order they are refused, since 3 April and March 4 look the same. */
typedef enum { DATE_ORDER_NONE, DATE_ORDER_DMY, DATE_ORDER_MDY } DateOrder;

/* Parses one date. Accepted, surrounding spaces ignored:
 *   2025  2025-11  2025-11-18  2025/11/18  2025-Q3  2025Q3  Q3 2025
 *   2025-11-18T09:00:00Z  2025-11-18 09:00  (+hh:mm zones, fractions)
 *   Nov 2025  November 2025  18 Nov 2025  Nov 18, 2025
 *   2025年  2025年11月  2025年11月18日  2025年 10月  2025 年 10 月 18 日
 *   2025年第3季  2025年第三季度  2025年Q3  2025 Q3  2025.10  2025.10.18
 *   民國114年10月  114年第3季 (ROC years: 1911 + the year)
 *   full-width digits and punctuation (２０２５年１０月)
 *   18/11/2025, 11/18/2025 (also with . or -) only with an order.
 * A period means its first day (2025-Q3 is 2025-07-01, precision
 * DATE_QUARTER). A time of day is dropped and the date is taken as written,
 * in its own zone: converting to UTC would move late-evening figures to
 * the next day. Impossible dates (2025-02-30) and times are refused.
 * Returns 0 and sets *days and *precision, or leaves them alone, writes a
 * short reason with a fix in the data into why (e.g. `date "2025-13" has
 * month 13; use YYYY-MM`) and returns PARSE_DATE_ORDER when a digits-only
 * date needs another day/month order (none given, or the one given makes
 * a month past 12), -1 otherwise. Pure: no locale, no globals. */
enum { PARSE_DATE_ORDER = -2 };
int parse_date_ordered(const char *text, DateOrder order, long *days,
                       DatePrecision *precision, char *why, size_t why_size);

/* What a digits-only d/m/y date (12/31/2022, 31.12.2022) says of its
 * order: DATE_ORDER_MDY when only its second number can be a day above
 * 12, DATE_ORDER_DMY when only its first can, DATE_ORDER_NONE when it
 * settles nothing (03/04/2025) or is no such date. For inferring the
 * order of a whole column. Pure. */
DateOrder parse_date_order_hint(const char *text);

/* parse_date_ordered with DATE_ORDER_NONE. */
int parse_date(const char *text, long *days, DatePrecision *precision,
               char *why, size_t why_size);

#endif
