/* parse_value.c - one CSV field to a finite number, whatever the locale.
 *
 * strtod reads the decimal point of the process locale ("12,5" under
 * de_DE), so the syntax is checked here and strtod only ever sees digits
 * and an exponent: "12.5" is handed over as "125e-1", which every locale
 * reads the same way and strtod still rounds correctly. A multiplier
 * (B, 億) is applied after, by one multiplication: "1.5T" is
 * 15e-1 * 1e12, exact to the last bit for every value people type.
 * A plain number ("4.58216", "-7e9"), the bulk of a big file, is read
 * first by parse_plain without any of this, to the same double. */
#include "parse_value.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define EXP_CLAMP 100000 /* beyond this any exponent over/underflows anyway */

enum { NUM_OK = 0, NUM_SYNTAX = -1, NUM_GROUPING = -2, NUM_AMBIGUOUS = -3 };

typedef struct {
    const char *text;
    const char *code;
} Word;

/* Longest first where one is a prefix of another. */
static const Word currency_prefix[] = {
    {"US$", "USD"}, {"USD", "USD"}, {"$", "USD"}, {"\xE2\x82\xAC", "EUR"},
    {"EUR", "EUR"}, {"\xC2\xA3", "GBP"}, {"GBP", "GBP"}, {"CNY", "CNY"},
    {"RMB", "CNY"}, {"JPY", "JPY"}};

static const Word unit_suffix[] = {
    {"%", "%"}, {"USD", "USD"}, {"\xE7\xBE\x8E\xE5\x85\x83", "USD"},
    {"\xE2\x82\xAC", "EUR"}, {"EUR", "EUR"}, {"GBP", "GBP"},
    {"CNY", "CNY"}, {"RMB", "CNY"}, {"JPY", "JPY"}};

typedef struct {
    const char *text;
    double factor;
} Multiplier;

static const Multiplier multipliers[] = {
    {"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6},
    {"thousand", 1e3}, {"tn", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"mm", 1e6},
    {"t", 1e12}, {"b", 1e9}, {"m", 1e6}, {"k", 1e3},
    {"\xE8\x90\xAC", 1e4}, {"\xE4\xB8\x87", 1e4},      /* 萬 万 */
    {"\xE5\x84\x84", 1e8}, {"\xE4\xBA\xBF", 1e8}};     /* 億 亿 */

/* ASCII case-insensitive: does s[0..n) equal word? */
static int equals_word(const char *s, size_t n, const char *word)
{
    if (strlen(word) != n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_lower(s[i]) != word[i])
            return 0;
    return 1;
}

static int is_missing(const char *s, size_t n)
{
    static const char *const words[] = {
        "na", "n/a", "#n/a", "n.a.", "-", "null",
        "\xE2\x80\x94", "\xE2\x80\x93"};   /* em dash, en dash */
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

/* Does s[*i..n) start with word (ASCII letters case-insensitively), not
 * followed by another ASCII letter? Advances *i past it if so. */
static int eat_word(const char *s, size_t n, size_t *i, const char *word)
{
    size_t len = strlen(word);
    if (n - *i < len)
        return 0;
    for (size_t k = 0; k < len; k++)
        if (ascii_lower(s[*i + k]) != ascii_lower(word[k]))
            return 0;
    if (ascii_alpha(word[len - 1]) && *i + len < n && ascii_alpha(s[*i + len]))
        return 0;
    *i += len;
    return 1;
}

static const char *eat_from(const char *s, size_t n, size_t *i,
                            const Word *words, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (eat_word(s, n, i, words[k].text))
            return words[k].code;
    return NULL;
}

static void skip_blanks(const char *s, size_t n, size_t *i)
{
    while (*i < n && ascii_blank(s[*i]))
        (*i)++;
}

/* Scans digits with optional thousands groups (sep, exactly three digits
 * each after a first group of one to three) and an optional fraction
 * after point, then an exponent; appends the digits to out (*o) and
 * returns the count of fraction digits in *frac. sep or point may be 0. */
static int scan_mantissa(const char *s, size_t n, size_t *i, char sep,
                         char point, char *out, size_t *o, long *frac,
                         size_t *ndigits)
{
    size_t first = 0;
    for (; *i < n && ascii_digit(s[*i]); (*i)++, first++)
        out[(*o)++] = s[*i];
    *ndigits = first;
    if (sep && *i < n && s[*i] == sep && *i + 1 < n && ascii_digit(s[*i + 1])) {
        if (first < 1 || first > 3)
            return NUM_GROUPING;
        while (*i < n && s[*i] == sep) {
            size_t k = *i + 1;
            for (size_t g = 0; g < 3; g++, k++)
                if (k >= n || !ascii_digit(s[k]))
                    return NUM_GROUPING;
            if (k < n && ascii_digit(s[k]))
                return NUM_GROUPING;
            memcpy(out + *o, s + *i + 1, 3);
            *o += 3;
            *ndigits += 3;
            *i = k;
        }
    }
    if (point && *i < n && s[*i] == point) {
        for ((*i)++; *i < n && ascii_digit(s[*i]); (*i)++, (*frac)++)
            out[(*o)++] = s[*i];
        *ndigits += (size_t)*frac;
    }
    if (*i < n && (s[*i] == ',' || s[*i] == '.') && *i + 1 < n &&
        ascii_digit(s[*i + 1]))
        return s[*i] == ',' && point == '.' ? NUM_GROUPING : NUM_SYNTAX;
    return *ndigits ? NUM_OK : NUM_SYNTAX;
}

/* Picks the separators of the digit run at s[i..n) for decimal ','.
 * With a comma, dots group thousands. Without one, two or more dot groups
 * do too; a single dot before exactly three digits could be either, and
 * other dots are decimal points. Returns NUM_AMBIGUOUS or NUM_OK. */
static int comma_mode_separators(const char *s, size_t n, size_t i,
                                 char *sep, char *point)
{
    size_t end = i, dots = 0, last_dot = 0;
    int comma = 0;
    for (; end < n && (ascii_digit(s[end]) || s[end] == '.' || s[end] == ',');
         end++) {
        if (s[end] == ',')
            comma = 1;
        if (s[end] == '.') {
            dots++;
            last_dot = end;
        }
    }
    *sep = '.';
    *point = ',';
    if (comma || dots >= 2)
        return NUM_OK;
    if (dots == 1 && end - last_dot == 4 && last_dot > i &&
        last_dot - i <= 3)
        return NUM_AMBIGUOUS;
    *sep = 0;
    *point = '.';
    return NUM_OK;
}

/* Checks the number at s[*i..n) and writes its locale-free form
 * "[-]DIGITS" "e" EXP into out (n + 32 bytes). */
static int to_plain_digits(const char *s, size_t n, size_t *i, char decimal,
                           int negative, char *out)
{
    size_t o = 0, ndigits = 0;
    long frac = 0, exp = 0;
    if (negative)
        out[o++] = '-';
    char sep = ',', point = '.';
    if (decimal == ',' &&
        comma_mode_separators(s, n, *i, &sep, &point) != NUM_OK)
        return NUM_AMBIGUOUS;
    int r = scan_mantissa(s, n, i, sep, point, out, &o, &frac, &ndigits);
    if (r == NUM_GROUPING && sep == '.')
        r = NUM_SYNTAX;   /* the comma hint is for files with dot decimals */
    if (r != NUM_OK)
        return r;
    if (*i < n && (s[*i] == 'e' || s[*i] == 'E')) {
        size_t k = *i + 1;
        int neg = 0;
        if (k < n && (s[k] == '+' || s[k] == '-'))
            neg = s[k++] == '-';
        if (k < n && ascii_digit(s[k])) {
            for (; k < n && ascii_digit(s[k]); k++)
                if (exp < EXP_CLAMP)
                    exp = exp * 10 + (s[k] - '0');
            if (neg)
                exp = -exp;
            *i = k;
        } else if (k > *i + 1 || k >= n || !ascii_alpha(s[k])) {
            return NUM_SYNTAX;   /* "7e", "7e+": not a suffix either */
        }
    }
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
    return NUM_OK;
}

/* [sign] [currency] [sign] number [multiplier] [unit], blanks between. */
static int parse_parts(const char *s, size_t n, char decimal, char *plain,
                       double *factor, const char **unit)
{
    size_t i = 0;
    int negative = 0, signed_ = 0;
    if (s[i] == '+' || s[i] == '-') {
        negative = s[i++] == '-';
        signed_ = 1;
    }
    const char *cur = eat_from(s, n, &i, currency_prefix,
                               sizeof currency_prefix / sizeof *currency_prefix);
    skip_blanks(s, n, &i);
    if (!signed_ && i < n && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    int r = to_plain_digits(s, n, &i, decimal, negative, plain);
    if (r != NUM_OK)
        return r;
    skip_blanks(s, n, &i);
    *factor = 1;
    for (size_t k = 0; k < sizeof multipliers / sizeof *multipliers; k++) {
        if (eat_word(s, n, &i, multipliers[k].text)) {
            *factor = multipliers[k].factor;
            break;
        }
    }
    skip_blanks(s, n, &i);
    const char *suffix = eat_from(s, n, &i, unit_suffix,
                                  sizeof unit_suffix / sizeof *unit_suffix);
    if (i != n)
        return NUM_SYNTAX;
    if (cur && suffix && cur != suffix && strcmp(cur, suffix) != 0)
        return NUM_SYNTAX;   /* "$7 EUR", "$12%" */
    *unit = cur ? cur : suffix ? suffix : "";
    return NUM_OK;
}

/* Powers of ten that a double holds exactly. */
static const double exact_pow10[] = {
    1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

#define FAST_MANTISSA_MAX (1ULL << 53)

/* The common case, a plain number as machines write it: [sign] digits
 * [point digits] [e [sign] digits], nothing around it. Returns 1 with
 * *value set when the text is exactly that and its digits fit in 2^53
 * with a decimal exponent of at most 22 either way: then one exact
 * multiplication or division rounds once, to the same double strtod
 * gives (Clinger's fast path). Returns 0 for anything else, which the
 * general parser then reads. Needs double arithmetic without excess
 * precision (FLT_EVAL_METHOD 0, as on x86-64 and arm64). */
static int parse_plain(const char *s, char point, double *value)
{
#if defined(FLT_EVAL_METHOD) && FLT_EVAL_METHOD == 0
    const char *p = s;
    int negative = 0;
    if (*p == '+' || *p == '-')
        negative = *p++ == '-';
    if (!ascii_digit(*p))
        return 0;
    unsigned long long m = 0;
    int digits = 0;
    long e10 = 0;
    for (; ascii_digit(*p); p++, digits++)
        m = m * 10 + (unsigned)(*p - '0');
    if (*p == point && ascii_digit(p[1])) {
        for (p++; ascii_digit(*p); p++, digits++, e10--)
            m = m * 10 + (unsigned)(*p - '0');
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        int neg = 0;
        if (*p == '+' || *p == '-')
            neg = *p++ == '-';
        long x = 0;
        int xd = 0;
        for (; ascii_digit(*p) && xd < 4; p++, xd++)
            x = x * 10 + (*p - '0');
        if (xd == 0)
            return 0;
        e10 += neg ? -x : x;
    }
    /* 19 digits cannot overflow the accumulator; past 2^53 the integer
     * itself would be rounded. */
    if (*p != '\0' || digits > 19 || m > FAST_MANTISSA_MAX || e10 < -22 ||
        e10 > 22)
        return 0;
    double v = (double)m;
    v = e10 < 0 ? v / exact_pow10[-e10] : v * exact_pow10[e10];
    *value = negative ? -v : v;
    return 1;
#else
    (void)s;
    (void)point;
    (void)value;
    return 0;
#endif
}

/* Everything but a plain number. Kept out of parse_value so that a plain
 * number does not pay for its stack frame. */
static __attribute__((noinline)) ValueStatus
parse_general(const char *s, char decimal, double *value, const char **unit,
              char *why, size_t why_size)
{
    size_t n = ascii_trim_span(&s);
    if (n == 0 || is_missing(s, n))
        return VALUE_MISSING;

    char q[QUOTE_MAX + 8];
    char small[96];
    char *plain = n + 32 <= sizeof small ? small : xmalloc(n + 32);
    ValueStatus status = VALUE_ERROR;
    double factor = 1;
    const char *found = "";
    int r = parse_parts(s, n, decimal, plain, &factor, &found);
    /* Only messages quote the text. */
    if (r != NUM_OK)
        quote_excerpt(q, sizeof q, s, n);
    if (r == NUM_GROUPING) {
        snprintf(why, why_size,
                 "value \"%s\" has a comma that does not group thousands; "
                 "write decimals with a dot, like 12.5", q);
        goto done;
    }
    if (r == NUM_AMBIGUOUS) {
        snprintf(why, why_size,
                 "value \"%s\" is ambiguous where commas mark decimals; "
                 "drop the thousands dot or add a decimal comma", q);
        goto done;
    }
    if (r != NUM_OK) {
        if (is_nonfinite_word(s, n))
            snprintf(why, why_size,
                     "value \"%s\" is not a finite number; write digits like "
                     "7000000000 or 7e9", q);
        else
            snprintf(why, why_size,
                     "value \"%s\" is not a number; write digits like "
                     "7000000000 or 7e9", q);
        goto done;
    }
    errno = 0;
    char *end;
    double v = strtod(plain, &end) * factor;
    /* ERANGE on underflow gives 0 or a subnormal: fine for a chart. */
    if (*end != '\0' || !isfinite(v)) {
        quote_excerpt(q, sizeof q, s, n);
        snprintf(why, why_size,
                 "value \"%s\" is not a finite number; write digits like "
                 "7000000000 or 7e9", q);
        goto done;
    }
    *value = v;
    if (unit)
        *unit = found;
    status = VALUE_OK;
done:
    if (plain != small)
        free(plain);
    return status;
}

ValueStatus parse_value(const char *text, char decimal, double *value,
                        const char **unit, char *why, size_t why_size)
{
    const char *s = text ? text : "";
    if (parse_plain(s, decimal, value)) {
        if (unit)
            *unit = "";
        return VALUE_OK;
    }
    return parse_general(s, decimal, value, unit, why, why_size);
}
