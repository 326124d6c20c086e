/* dates.c - day numbers (days since 1970-01-01, proleptic Gregorian). */
#include "dates.h"

#include <math.h>

/* Howard Hinnant's days_from_civil: exact for every year, no tables. */
long date_from_ymd(int year, int month, int day)
{
    long y = (long)year - (month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = (month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void date_to_ymd(long days, int *year, int *month, int *day)
{
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(yoe + era * 400 + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return days[month - 1] + (month == 2 && leap);
}

double date_to_years(long days)
{
    return (double)days / DAYS_PER_YEAR;
}

long date_from_years(double years)
{
    return lround(years * DAYS_PER_YEAR);
}

long date_add_months(long days, int months)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    long total = (long)y * 12 + (m - 1) + months;
    long ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
    int nm = (int)(total - ny * 12) + 1;
    int dim = date_days_in_month((int)ny, nm);
    return date_from_ymd((int)ny, nm, d > dim ? dim : d);
}

long date_nearest_month(long day)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    if (2 * (d - 1) >= date_days_in_month(y, m) && ++m > 12) {
        m = 1;
        y++;
    }
    return date_from_ymd(y, m, 1);
}
