/* parse_value.c - one CSV field to a finite number, whatever the locale.
 *
 * strtod reads the decimal point of the process locale ("12,5" under
 * de_DE), so the syntax is checked here and strtod only ever sees digits
 * and an exponent: "12.5" is handed over as "125e-1", which every locale
 * reads the same way and strtod still rounds correctly. */
#include "parse_value.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define QUOTE_MAX 40     /* bytes of the offending text quoted in a message */
#define EXP_CLAMP 100000 /* beyond this any exponent over/underflows anyway */

static int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Same contract as in parse_date.c: a printable excerpt for a message. */
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

/* ASCII case-insensitive: does s[0..n) equal word? */
static int equals_word(const char *s, size_t n, const char *word)
{
    if (strlen(word) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[i])
            return 0;
    }
    return 1;
}

static int is_missing(const char *s, size_t n)
{
    static const char *const words[] = {"na", "n/a", "-", "null"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (equals_word(s, n, words[i]))
            return 1;
    return 0;
}

static int is_nonfinite_word(const char *s, size_t n)
{
    if (n > 0 && (*s == '+' || *s == '-')) {
        s++;
        n--;
    }
    return equals_word(s, n, "inf") || equals_word(s, n, "infinity") ||
           equals_word(s, n, "nan");
}

/* Checks s[0..n) against [+-]digits[.digits][(e|E)[+-]digits] (at least
 * one mantissa digit) and writes the locale-free form
 * "[-]DIGITS" "e" EXP into out (n + 32 bytes). Returns 0, or -1 on bad
 * syntax. */
static int to_plain_digits(const char *s, size_t n, char *out)
{
    size_t i = 0, o = 0, ndigits = 0;
    long frac = 0, exp = 0;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        if (s[i] == '-')
            out[o++] = '-';
        i++;
    }
    for (; i < n && is_digit(s[i]); i++, ndigits++)
        out[o++] = s[i];
    if (i < n && s[i] == '.') {
        for (i++; i < n && is_digit(s[i]); i++, ndigits++, frac++)
            out[o++] = s[i];
    }
    if (ndigits == 0)
        return -1;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        int neg = 0;
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            neg = s[i++] == '-';
        if (i >= n || !is_digit(s[i]))
            return -1;
        for (; i < n && is_digit(s[i]); i++)
            if (exp < EXP_CLAMP)
                exp = exp * 10 + (s[i] - '0');
        if (neg)
            exp = -exp;
    }
    if (i != n)
        return -1;
    /* frac <= n, far below LONG_MAX; exp is clamped: no overflow.
     * Written by hand: snprintf took more time than strtod. */
    long e = exp - frac;
    char rev[24];
    size_t k = 0;
    out[o++] = 'e';
    if (e < 0) {
        out[o++] = '-';
        e = -e;
    }
    do {
        rev[k++] = (char)('0' + e % 10);
        e /= 10;
    } while (e > 0);
    while (k > 0)
        out[o++] = rev[--k];
    out[o] = '\0';
    return 0;
}

ValueStatus parse_value(const char *text, double *value, char *why,
                        size_t why_size)
{
    const char *s = text ? text : "";
    size_t n = strlen(s);
    while (n > 0 && is_blank(*s)) {
        s++;
        n--;
    }
    while (n > 0 && is_blank(s[n - 1]))
        n--;
    if (n == 0 || is_missing(s, n))
        return VALUE_MISSING;

    char q[QUOTE_MAX + 8];
    quote_text(q, sizeof q, s, n);
    char small[96];
    char *plain = n + 32 <= sizeof small ? small : xmalloc(n + 32);
    ValueStatus status = VALUE_ERROR;
    if (to_plain_digits(s, n, plain) != 0) {
        if (is_nonfinite_word(s, n))
            snprintf(why, why_size,
                     "value \"%s\" is not a finite number; write digits like "
                     "7000000000 or 7e9", q);
        else if (memchr(s, ',', n))
            snprintf(why, why_size,
                     "value \"%s\" is not a number; write it without "
                     "thousands separators and with a dot for decimals, like "
                     "7000000000 or 12.5", q);
        else
            snprintf(why, why_size,
                     "value \"%s\" is not a number; write digits like "
                     "7000000000 or 7e9", q);
        goto done;
    }
    errno = 0;
    char *end;
    double v = strtod(plain, &end);
    /* ERANGE on underflow gives 0 or a subnormal: fine for a chart. */
    if (*end != '\0' || !isfinite(v)) {
        snprintf(why, why_size,
                 "value \"%s\" is not a finite number; write digits like "
                 "7000000000 or 7e9", q);
        goto done;
    }
    *value = v;
    status = VALUE_OK;
done:
    if (plain != small)
        free(plain);
    return status;
}
