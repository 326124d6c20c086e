/* parse_date.c - one CSV field to a date.
 *
 * Hand-written scanner, no sscanf/strptime: those follow the locale and
 * accept things we refuse (signs, spaces inside, trailing junk). Each form
 * is tried in turn on a cursor; a form either does not match (0), matches
 * (1), or matches but names something impossible (-1, reason written). */
#include "parse_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define YEAR_MIN 1      /* no year 0, no BCE: the calendar starts at 1 */
#define YEAR_MAX 9999

/* UTF-8 of the CJK date markers 年 月 日. */
#define CJK_YEAR "\xE5\xB9\xB4"
#define CJK_MONTH "\xE6\x9C\x88"
#define CJK_DAY "\xE6\x97\xA5"
#define CJK_ORDINAL "\xE7\xAC\xAC"     /* 第 */
#define CJK_QUARTER "\xE5\xAD\xA3"     /* 季 */
#define CJK_QUARTER_TAIL "\xE5\xBA\xA6" /* 度, as in 季度 */
#define ROC_YEAR_BASE 1911
#define DATE_TEXT_MAX 96   /* longer texts are no date: not folded */               /* 民國 1 is 1912 */

static const char *const month_names[12] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"};

typedef struct {
    const char *s;
    size_t n, i;
} Scan;

typedef struct {
    int year, month, day;
    DatePrecision prec;
} Ymd;

static int at_end(const Scan *c)
{
    return c->i == c->n;
}

static int eat_char(Scan *c, char ch)
{
    if (c->i < c->n && c->s[c->i] == ch) {
        c->i++;
        return 1;
    }
    return 0;
}

static int eat_bytes(Scan *c, const char *lit)
{
    size_t len = strlen(lit);
    if (c->n - c->i >= len && memcmp(c->s + c->i, lit, len) == 0) {
        c->i += len;
        return 1;
    }
    return 0;
}

/* One or more spaces. */
static int eat_spaces(Scan *c)
{
    size_t start = c->i;
    while (c->i < c->n && ascii_blank(c->s[c->i]))
        c->i++;
    return c->i > start;
}

/* Reads a run of 1..max digits into *out; returns the run length (0 when
 * there is no digit, or more than max digits). */
static size_t read_digits(Scan *c, size_t max, int *out)
{
    size_t start = c->i;
    int v = 0;
    while (c->i < c->n && ascii_digit(c->s[c->i])) {
        if (c->i - start < max)
            v = v * 10 + (c->s[c->i] - '0');
        c->i++;
    }
    size_t len = c->i - start;
    if (len == 0 || len > max)
        return 0;
    *out = v;
    return len;
}

static int read_year(Scan *c, int *year)
{
    return read_digits(c, 4, year) == 4;
}

/* An English month name, full or abbreviated to three letters ("Sept"
 * too), any case, optionally followed by a dot. */
static int read_month_name(Scan *c, int *month)
{
    size_t start = c->i;
    while (c->i < c->n && ascii_alpha(c->s[c->i]))
        c->i++;
    size_t len = c->i - start;
    const char *w = c->s + start;
    for (int m = 0; m < 12 && len >= 3; m++) {
        const char *name = month_names[m];
        size_t full = strlen(name);
        int ok = len == 3 || len == full || (m == 8 && len == 4);
        for (size_t k = 0; ok && k < len; k++)
            ok = ascii_lower(w[k]) == ascii_lower(name[k]);
        if (ok) {
            *month = m + 1;
            eat_char(c, '.');
            return 1;
        }
    }
    c->i = start;
    return 0;
}

/* hh:mm[:ss[.fff]][Z|+hh[:mm]|-hh[:mm]] after a date; checked, dropped. */
static int read_time(Scan *c)
{
    int h, m, sec = 0, zh = 0, zm = 0;
    if (read_digits(c, 2, &h) != 2 || !eat_char(c, ':') ||
        read_digits(c, 2, &m) != 2)
        return 0;
    if (eat_char(c, ':')) {
        if (read_digits(c, 2, &sec) != 2)
            return 0;
        if (eat_char(c, '.') || eat_char(c, ',')) {
            size_t start = c->i;
            while (c->i < c->n && ascii_digit(c->s[c->i]))
                c->i++;
            if (c->i == start)
                return 0;
        }
    }
    if (!eat_char(c, 'Z') && c->i < c->n &&
        (c->s[c->i] == '+' || c->s[c->i] == '-')) {
        c->i++;
        int z;
        size_t len = read_digits(c, 4, &z);
        if (len == 4) {             /* +hhmm */
            zh = z / 100;
            zm = z % 100;
        } else if (len == 2) {      /* +hh or +hh:mm */
            zh = z;
            if (eat_char(c, ':') && read_digits(c, 2, &zm) != 2)
                return 0;
        } else {
            return 0;
        }
    }
    if (!at_end(c))
        return 0;
    return h <= 23 && m <= 59 && sec <= 60 && zh <= 14 && zm <= 59 ? 1 : -1;
}

/* YYYY, YYYY-MM, YYYY-MM-DD (also / as separator, one-digit month or
 * day), a time after YYYY-MM-DD, YYYY-Qn, YYYYQn, YYYY年[MM月[DD日]]. */
static int form_year_first(Scan *c, Ymd *d)
{
    if (!read_year(c, &d->year))
        return 0;
    d->prec = DATE_YEAR;
    if (at_end(c))
        return 1;
    size_t save = c->i;
    int q;
    eat_char(c, '-');
    if (eat_char(c, 'Q') || eat_char(c, 'q')) {
        if (read_digits(c, 1, &q) != 1 || !at_end(c))
            return 0;
        d->month = 3 * (q - 1) + 1;
        d->prec = DATE_QUARTER;
        return q >= 1 && q <= 4 ? 1 : -2;
    }
    c->i = save;
    if (eat_bytes(c, CJK_YEAR)) {
        if (at_end(c))
            return 1;
        if (!read_digits(c, 2, &d->month) || !eat_bytes(c, CJK_MONTH))
            return 0;
        d->prec = DATE_MONTH;
        if (at_end(c))
            return 1;
        if (!read_digits(c, 2, &d->day) || !eat_bytes(c, CJK_DAY))
            return 0;
        d->prec = DATE_DAY;
        return at_end(c);
    }
    char sep = c->s[c->i];
    if (sep != '-' && sep != '/')
        return 0;
    c->i++;
    if (!read_digits(c, 2, &d->month))
        return 0;
    d->prec = DATE_MONTH;
    if (at_end(c))
        return 1;
    if (!eat_char(c, sep) || !read_digits(c, 2, &d->day))
        return 0;
    d->prec = DATE_DAY;
    if (at_end(c))
        return 1;
    if (sep != '-' || !(eat_char(c, 'T') || eat_char(c, ' ')))
        return 0;
    int t = read_time(c);
    return t == 1 ? 1 : t == -1 ? -3 : 0;
}

/* 18 Nov 2025, 18-Nov-2025, 18 November 2025. */
static int form_day_month_name(Scan *c, Ymd *d)
{
    if (!read_digits(c, 2, &d->day))
        return 0;
    int dash = eat_char(c, '-');
    if (!dash)
        eat_spaces(c);
    if (!read_month_name(c, &d->month))
        return 0;
    if (dash ? !eat_char(c, '-') : !eat_spaces(c))
        return 0;
    d->prec = DATE_DAY;
    return read_year(c, &d->year) && at_end(c);
}

/* Nov 2025, November 2025, Nov-2025, Nov 18, 2025, Nov. 18 2025. */
static int form_month_name_first(Scan *c, Ymd *d)
{
    if (!read_month_name(c, &d->month))
        return 0;
    if (eat_char(c, '-')) {
        d->prec = DATE_MONTH;
        return read_year(c, &d->year) && at_end(c);
    }
    if (!eat_spaces(c))
        return 0;
    size_t save = c->i;
    if (read_year(c, &d->year) && at_end(c)) {
        d->prec = DATE_MONTH;
        return 1;
    }
    c->i = save;
    if (!read_digits(c, 2, &d->day))
        return 0;
    eat_char(c, ',');
    eat_spaces(c);
    d->prec = DATE_DAY;
    return read_year(c, &d->year) && at_end(c);
}

/* Q3 2025. */
static int form_quarter_first(Scan *c, Ymd *d)
{
    int q;
    if (!(eat_char(c, 'Q') || eat_char(c, 'q')) ||
        read_digits(c, 1, &q) != 1)
        return 0;
    if (!eat_char(c, '-'))
        eat_spaces(c);
    if (!read_year(c, &d->year) || !at_end(c))
        return 0;
    d->month = 3 * (q - 1) + 1;
    d->prec = DATE_QUARTER;
    return q >= 1 && q <= 4 ? 1 : -2;
}

/* A quarter as 1-4 or 一二三四, into *q. */
static int read_quarter_number(Scan *c, int *q)
{
    static const char *const numerals[4] = {
        "\xE4\xB8\x80", "\xE4\xBA\x8C", "\xE4\xB8\x89",
        "\xE5\x9B\x9B"};
    for (int k = 0; k < 4; k++) {
        if (eat_bytes(c, numerals[k])) {
            *q = k + 1;
            return 1;
        }
    }
    return read_digits(c, 1, q) == 1;
}

static int set_quarter(Ymd *d, int q)
{
    d->month = 3 * (q - 1) + 1;
    d->prec = DATE_QUARTER;
    return q >= 1 && q <= 4 ? 1 : -2;
}

/* What follows YYYY年: nothing, 第N季[度], QN, or M月[D日], blanks
 * between the parts. */
static int after_cjk_year(Scan *c, Ymd *d)
{
    eat_spaces(c);
    if (at_end(c))
        return 1;
    int q;
    if (eat_bytes(c, CJK_ORDINAL)) {
        eat_spaces(c);
        if (!read_quarter_number(c, &q))
            return 0;
        eat_spaces(c);
        if (!eat_bytes(c, CJK_QUARTER))
            return 0;
        eat_bytes(c, CJK_QUARTER_TAIL);
        return at_end(c) ? set_quarter(d, q) : 0;
    }
    if (eat_char(c, 'Q') || eat_char(c, 'q'))
        return read_digits(c, 1, &q) == 1 && at_end(c) ? set_quarter(d, q)
                                                       : 0;
    if (!read_digits(c, 2, &d->month))
        return 0;
    eat_spaces(c);
    if (!eat_bytes(c, CJK_MONTH))
        return 0;
    d->prec = DATE_MONTH;
    eat_spaces(c);
    if (at_end(c))
        return 1;
    if (!read_digits(c, 2, &d->day))
        return 0;
    eat_spaces(c);
    if (!eat_bytes(c, CJK_DAY))
        return 0;
    d->prec = DATE_DAY;
    return at_end(c);
}

/* What follows a four-digit year without 年: " Q3", ".10", ".10.18".
 * Month and day take two digits: "2025.5" is more likely a fraction of
 * a year than May. */
static int after_plain_year(Scan *c, Ymd *d)
{
    int q;
    if (eat_spaces(c))
        return (eat_char(c, 'Q') || eat_char(c, 'q')) &&
                       read_digits(c, 1, &q) == 1 && at_end(c)
                   ? set_quarter(d, q)
                   : 0;
    if (!eat_char(c, '.') || read_digits(c, 2, &d->month) != 2)
        return 0;
    d->prec = DATE_MONTH;
    if (at_end(c))
        return 1;
    if (!eat_char(c, '.') || read_digits(c, 2, &d->day) != 2)
        return 0;
    d->prec = DATE_DAY;
    return at_end(c);
}

/* The forms of Chinese-language newsrooms: 2025年 10月 (blanks between),
 * 2025年第3季, 2025年第三季度, 2025年Q3, 2025 Q3, 2025.10, 2025.10.18, and
 * Republic of China years: 民國114年10月, or a year of one to three
 * digits before 年 (114年第3季), is 1911 + that year. -5: ROC year 0. */
static int form_chinese(Scan *c, Ymd *d)
{
    int roc = eat_bytes(c, "\xE6\xB0\x91\xE5\x9C\x8B") ||   /* 民國 */
              eat_bytes(c, "\xE6\xB0\x91\xE5\x9B\xBD");      /* 民国 */
    if (roc)
        eat_spaces(c);
    size_t len = read_digits(c, 4, &d->year);
    if (len == 0)
        return 0;
    d->prec = DATE_YEAR;
    size_t save = c->i;
    eat_spaces(c);
    if (eat_bytes(c, CJK_YEAR)) {
        if (roc || len < 4) {
            if (d->year == 0)
                return -5;
            d->year += ROC_YEAR_BASE;
        }
        return after_cjk_year(c, d);
    }
    c->i = save;
    if (roc || len < 4)
        return 0;
    return after_plain_year(c, d);
}

/* d{1,2} SEP d{1,2} SEP d{2,4}, SEP one of / . -: the day/month order
 * cannot be told from the text. Sets a, b and the year digits. */
static int form_numeric(Scan *c, int *a, int *b, int *year, size_t *ylen)
{
    if (!read_digits(c, 2, a) || c->i >= c->n)
        return 0;
    char sep = c->s[c->i];
    if (sep != '/' && sep != '.' && sep != '-')
        return 0;
    c->i++;
    if (!read_digits(c, 2, b) || !eat_char(c, sep))
        return 0;
    *ylen = read_digits(c, 4, year);
    return (*ylen == 2 || *ylen == 4) && at_end(c);
}

/* Tries each form; returns 1 with d filled, 0 for no form, or a negative
 * code after writing why: -1 done, -2 bad quarter, -3 bad time, -4 the
 * day/month order, -5 ROC year 0. */
static int match_forms(const char *s, size_t n, DateOrder order, Ymd *d,
                       const char *q, char *why, size_t why_size)
{
    int (*const forms[])(Scan *, Ymd *) = {
        form_year_first, form_day_month_name, form_month_name_first,
        form_quarter_first, form_chinese};
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
        Scan c = {s, n, 0};
        Ymd t = {0, 1, 1, DATE_YEAR};
        int r = forms[k](&c, &t);
        if (r == 0)
            continue;
        *d = t;
        return r;
    }
    Scan c = {s, n, 0};
    int a, b, year;
    size_t ylen;
    if (!form_numeric(&c, &a, &b, &year, &ylen))
        return 0;
    if (order == DATE_ORDER_NONE) {
        snprintf(why, why_size,
                 "date \"%s\" has no clear day/month order; use ISO 8601 "
                 "(YYYY-MM-DD)", q);
        return -4;
    }
    if (ylen != 4) {
        snprintf(why, why_size,
                 "date \"%s\" has a two-digit year; write the year with "
                 "four digits", q);
        return -1;
    }
    const char *name = order == DATE_ORDER_DMY ? "dmy" : "mdy";
    d->year = year;
    d->day = order == DATE_ORDER_DMY ? a : b;
    d->month = order == DATE_ORDER_DMY ? b : a;
    d->prec = DATE_DAY;
    if (d->month > 12) {
        snprintf(why, why_size,
                 "date \"%s\" has month %d when read as %s; use "
                 "YYYY-MM-DD", q, d->month, name);
        return -4;
    }
    return 1;
}

/* The common case, exactly YYYY-MM-DD of a day that exists: returns 1
 * with *days set, else 0 and the general scanner reads the text (and
 * explains what is wrong with it). */
static int parse_iso_day(const char *s, long *days)
{
    /* A digit minus '0', as unsigned, is at most 9; anything else is
     * more. Checked in order, so that a shorter text stops at its NUL. */
    const unsigned char *u = (const unsigned char *)s;
    unsigned y0 = u[0] - (unsigned)'0';
    if (y0 > 9)
        return 0;
    unsigned y1 = u[1] - (unsigned)'0';
    if (y1 > 9)
        return 0;
    unsigned y2 = u[2] - (unsigned)'0';
    if (y2 > 9)
        return 0;
    unsigned y3 = u[3] - (unsigned)'0';
    if (y3 > 9 || u[4] != '-')
        return 0;
    unsigned m0 = u[5] - (unsigned)'0';
    if (m0 > 9)
        return 0;
    unsigned m1 = u[6] - (unsigned)'0';
    if (m1 > 9 || u[7] != '-')
        return 0;
    unsigned d0 = u[8] - (unsigned)'0';
    if (d0 > 9)
        return 0;
    unsigned d1 = u[9] - (unsigned)'0';
    if (d1 > 9 || u[10] != '\0')
        return 0;
    unsigned year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
    unsigned month = m0 * 10 + m1, day = d0 * 10 + d1;
    if (year < 1601 || month < 1 || month > 12 || day < 1)
        return 0;
    /* date_from_ymd and date_days_in_month, cut down to the years from
     * 1601 (earlier ones take the general path, so that the divisions
     * need no care for signs): they
     * were a tenth of the time of loading a big file. test_parse_date
     * checks every day of the range against date_from_ymd. */
    static const unsigned short before[12] = {0,   31,  59,  90,  120, 151,
                                              181, 212, 243, 273, 304, 334};
    static const unsigned char length[12] = {31, 28, 31, 30, 31, 30,
                                             31, 31, 30, 31, 30, 31};
    unsigned leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    if (day > length[month - 1] + (unsigned)(month == 2 && leap))
        return 0;
    unsigned y = year - 1601;   /* days from 1601-01-01 to 1970-01-01: */
    *days = (long)(365 * y + y / 4 - y / 100 + y / 400 + before[month - 1] +
                   (month > 2 && leap) + day - 1) -
            134774;
    return 1;
}

/* A year of one to three digits alone: 25 may be 2025 abbreviated, 114
 * a ROC year, 800 the year 800; the writer says which with four digits.
 * 1 when text is such a year (why written), else 0. */
static int short_year(const char *s, size_t n, const char *q, char *why,
                      size_t why_size)
{
    if (n == 0 || n > 3)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!ascii_digit(s[i]))
            return 0;
    int y = atoi(s);
    if (n == 3)
        snprintf(why, why_size,
                 "date \"%s\" has a year of 3 digits; write it with four "
                 "(%04d for the year %d)", q, y, y);
    else
        snprintf(why, why_size,
                 "date \"%s\" has a year of %zu digit%s; write it with four "
                 "(%04d for the year %d, 20%02d if it is short for that)",
                 q, n, n == 1 ? "" : "s", y, y, y);
    return 1;
}

/* Every form but the common one. Kept out of parse_date_ordered so that
 * the common one does not pay for its stack frame. */
static __attribute__((noinline)) int
parse_general(const char *s, DateOrder order, long *days,
              DatePrecision *precision, char *why, size_t why_size)
{
    size_t n = ascii_trim_span(&s);
    if (n == 0) {
        snprintf(why, why_size,
                 "date is empty; use YYYY, YYYY-MM or YYYY-MM-DD");
        return -1;
    }
    char q[QUOTE_MAX + 8];
    quote_excerpt(q, sizeof q, s, n);
    /* Full-width digits and punctuation (２０２５年１０月) as ASCII: the
     * folded text is never longer. */
    char folded[DATE_TEXT_MAX + 1];
    if (n <= DATE_TEXT_MAX) {
        n = width_fold(s, n, folded);
        s = folded;
        n = ascii_trim_span(&s);
    }

    if (n > 1 && s[0] == '-' && ascii_digit(s[1])) {
        snprintf(why, why_size,
                 "date \"%s\" has a year before year 1 (BCE); aigrowth "
                 "reads years from 1 to 9999", q);
        return -1;
    }
    if (short_year(s, n, q, why, why_size))
        return -1;
    Ymd d = {0, 1, 1, DATE_YEAR};
    int r = match_forms(s, n, order, &d, q, why, why_size);
    if (r == 0) {
        snprintf(why, why_size,
                 "date \"%s\" is not a date; use YYYY, YYYY-MM or "
                 "YYYY-MM-DD", q);
        return -1;
    }
    if (r == -2) {
        snprintf(why, why_size, "date \"%s\" has no such quarter; use Q1 "
                 "to Q4", q);
        return -1;
    }
    if (r == -3) {
        snprintf(why, why_size,
                 "date \"%s\" has an impossible time of day; use hh:mm from "
                 "00:00 to 23:59", q);
        return -1;
    }
    if (r == -5) {
        snprintf(why, why_size, "date \"%s\" has ROC (\xE6\xB0\x91\xE5\x9C\x8B) "
                 "year 0; ROC years start at 1 (1912)", q);
        return -1;
    }
    if (r == -4)   /* the day/month order: why says which way */
        return PARSE_DATE_ORDER;
    if (r < 0)
        return -1;
    if (d.year < YEAR_MIN || d.year > YEAR_MAX) {
        snprintf(why, why_size,
                 "date \"%s\" has year %d; use a year from %d to %d", q,
                 d.year, YEAR_MIN, YEAR_MAX);
        return -1;
    }
    if (d.month < 1 || d.month > 12) {
        snprintf(why, why_size, "date \"%s\" has month %d; use %s", q,
                 d.month, d.prec == DATE_DAY ? "YYYY-MM-DD" : "YYYY-MM");
        return -1;
    }
    int dim = date_days_in_month(d.year, d.month);
    if (d.day < 1 || d.day > dim) {
        snprintf(why, why_size,
                 "date \"%s\" does not exist (%s %d has %d days)", q,
                 month_names[d.month - 1], d.year, dim);
        return -1;
    }
    *days = date_from_ymd(d.year, d.month, d.day);
    *precision = d.prec;
    return 0;
}

int parse_date_ordered(const char *text, DateOrder order, long *days,
                       DatePrecision *precision, char *why, size_t why_size)
{
    const char *s = text ? text : "";
    if (parse_iso_day(s, days)) {
        *precision = DATE_DAY;
        return 0;
    }
    return parse_general(s, order, days, precision, why, why_size);
}

int parse_date(const char *text, long *days, DatePrecision *precision,
               char *why, size_t why_size)
{
    return parse_date_ordered(text, DATE_ORDER_NONE, days, precision, why,
                              why_size);
}

DateOrder parse_date_order_hint(const char *text)
{
    const char *s = text ? text : "";
    size_t n = ascii_trim_span(&s);
    Scan c = {s, n, 0};
    int a, b, year;
    size_t ylen;
    if (!form_numeric(&c, &a, &b, &year, &ylen) || ylen != 4)
        return DATE_ORDER_NONE;
    if (a > 12 && b >= 1 && b <= 12)
        return DATE_ORDER_DMY;
    if (b > 12 && a >= 1 && a <= 12)
        return DATE_ORDER_MDY;
    return DATE_ORDER_NONE;
}
