/* dates.h - calendar dates as day numbers, and time in years for fitting. */
#ifndef AIGROWTH_DATES_H
#define AIGROWTH_DATES_H

/* A date is a day number: days since 1970-01-01 (proleptic Gregorian),
 * negative before. The precision records what the input said, so a
 * "2025-10" reads back as "2025-10", not "2025-10-01". */
typedef enum { DATE_YEAR, DATE_MONTH, DATE_DAY, DATE_QUARTER } DatePrecision;

#define DAYS_PER_YEAR 365.2425

long date_from_ymd(int year, int month, int day);
void date_to_ymd(long days, int *year, int *month, int *day);
int date_days_in_month(int year, int month);
/* Days / 365.2425: the time axis of every fit. */
double date_to_years(long days);
long date_from_years(double years);
/* Adds months, clamping the day to the target month's length. */
long date_add_months(long days, int months);

/* The first day of the month nearest day (from the 16th of a 31-day
 * month on, the next one): how an estimated date is named to the month. */
long date_nearest_month(long day);

#endif
