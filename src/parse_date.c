/* parse_date.c - one CSV field to a date: ISO 8601 YYYY, YYYY-MM, YYYY-MM-DD.
 *
 * Hand-written scanner, no sscanf/strptime: those follow the locale and
 * accept things we refuse (signs, spaces inside, trailing junk). */
#include "parse_date.h"

#include <stdio.h>
#include <string.h>

#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define QUOTE_MAX 40    /* bytes of the offending text quoted in a message */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Copies at most QUOTE_MAX bytes of s[0..len) into out for quoting in a
 * message, cut at a UTF-8 character boundary, "..." marking the cut; control
 * bytes become '?' so a stray tab or newline cannot break the message. */
static void quote_text(char *out, size_t size, const char *s, size_t len)
{
    size_t n = len;
    if (n > QUOTE_MAX) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < size; i++)
        out[o++] = (unsigned char)s[i] < 0x20 ? '?' : s[i];
    if (n < len)
        for (int k = 0; k < 3 && o + 1 < size; k++)
            out[o++] = '.';
    out[o] = '\0';
}

/* Reads a run of 1..max digits at s[*i] into *out; returns the run length
 * (0 when there is no digit, or more than max digits). */
static size_t read_digits(const char *s, size_t n, size_t *i, size_t max,
                          int *out)
{
    size_t start = *i;
    int v = 0;
    while (*i < n && is_digit(s[*i])) {
        if (*i - start < max)
            v = v * 10 + (s[*i] - '0');
        (*i)++;
    }
    size_t len = *i - start;
    if (len == 0 || len > max)
        return 0;
    *out = v;
    return len;
}

/* Recognises d{1,2} SEP d{1,2} SEP d{2,4} with SEP one of / . -: a US or
 * European day/month order we cannot tell apart. */
static int looks_ambiguous(const char *s, size_t n)
{
    size_t i = 0;
    int v;
    if (!read_digits(s, n, &i, 2, &v) || i >= n)
        return 0;
    char sep = s[i];
    if (sep != '/' && sep != '.' && sep != '-')
        return 0;
    i++;
    if (!read_digits(s, n, &i, 2, &v) || i >= n || s[i] != sep)
        return 0;
    i++;
    size_t y = read_digits(s, n, &i, 4, &v);
    return (y == 2 || y == 4) && i == n;
}

/* Recognises YYYY/MM/DD or YYYY.MM.DD: clear, but not ISO. */
static int looks_slashed_iso(const char *s, size_t n)
{
    size_t i = 0;
    int v;
    if (read_digits(s, n, &i, 4, &v) != 4 || i >= n)
        return 0;
    char sep = s[i];
    if (sep != '/' && sep != '.')
        return 0;
    i++;
    if (!read_digits(s, n, &i, 2, &v) || i >= n || s[i] != sep)
        return 0;
    i++;
    return read_digits(s, n, &i, 2, &v) && i == n;
}

int parse_date(const char *text, long *days, DatePrecision *precision,
               char *why, size_t why_size)
{
    static const char *const month_names[12] = {
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    const char *s = text ? text : "";
    size_t n = strlen(s);
    while (n > 0 && is_blank(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    if (n == 0) {
        snprintf(why, why_size,
                 "date is empty; use YYYY, YYYY-MM or YYYY-MM-DD");
        return -1;
    }
    char q[QUOTE_MAX + 8];
    quote_text(q, sizeof q, s, n);

    /* Scan YYYY[-M[M][-D[D]]]: one- or two-digit month and day are
     * accepted, since with a four-digit year first the order is clear. */
    size_t i = 0;
    int year = 0, month = 1, day = 1;
    DatePrecision prec = DATE_YEAR;
    int ok = read_digits(s, n, &i, 4, &year) == 4;
    if (ok && i < n) {
        ok = s[i++] == '-' && read_digits(s, n, &i, 2, &month);
        prec = DATE_MONTH;
    }
    if (ok && i < n) {
        ok = s[i++] == '-' && read_digits(s, n, &i, 2, &day);
        prec = DATE_DAY;
    }
    if (!ok || i != n) {
        if (looks_ambiguous(s, n))
            snprintf(why, why_size,
                     "date \"%s\" is ambiguous; use ISO 8601 (YYYY-MM-DD)", q);
        else if (looks_slashed_iso(s, n))
            snprintf(why, why_size,
                     "date \"%s\" is not ISO 8601; use YYYY-MM-DD with dashes",
                     q);
        else
            snprintf(why, why_size,
                     "date \"%s\" is not a date; use YYYY, YYYY-MM or "
                     "YYYY-MM-DD", q);
        return -1;
    }
    if (year < YEAR_MIN || year > YEAR_MAX) {
        snprintf(why, why_size,
                 "date \"%s\" has year %d; use a year from %d to %d", q, year,
                 YEAR_MIN, YEAR_MAX);
        return -1;
    }
    if (month < 1 || month > 12) {
        snprintf(why, why_size, "date \"%s\" has month %d; use %s", q, month,
                 prec == DATE_DAY ? "YYYY-MM-DD" : "YYYY-MM");
        return -1;
    }
    int dim = date_days_in_month(year, month);
    if (day < 1 || day > dim) {
        snprintf(why, why_size,
                 "date \"%s\" does not exist (%s %d has %d days)", q,
                 month_names[month - 1], year, dim);
        return -1;
    }
    *days = date_from_ymd(year, month, day);
    *precision = prec;
    return 0;
}
