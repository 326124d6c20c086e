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
    {"RMB", "CNY"}, {"JPY", "JPY"}, {"NT$", "TWD"}, {"NTD", "TWD"},
    {"TWD", "TWD"}, {"HK$", "HKD"}, {"HKD", "HKD"},
    {"\xE6\x96\xB0\xE5\x8F\xB0\xE5\xB9\xA3", "TWD"},   /* 新台幣 */
    {"\xE6\x96\xB0\xE5\x8F\xB0\xE5\xB8\x81", "TWD"},   /* 新台币 */
    {"\xE5\x8F\xB0\xE5\xB9\xA3", "TWD"},               /* 台幣 */
    {"\xE5\x8F\xB0\xE5\xB8\x81", "TWD"},               /* 台币 */
    {"\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB9\xA3", "CNY"},   /* 人民幣 */
    {"\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB8\x81", "CNY"}};  /* 人民币 */

/* After the number. 元 alone names no currency ("" code): with a prefix
 * it is the prefix's (新台幣300億元), without one the unit stays "". */
static const Word unit_suffix[] = {
    {"%", "%"}, {"USD", "USD"}, {"\xE7\xBE\x8E\xE5\x85\x83", "USD"},
    {"\xE2\x82\xAC", "EUR"}, {"EUR", "EUR"}, {"GBP", "GBP"},
    {"CNY", "CNY"}, {"RMB", "CNY"}, {"JPY", "JPY"}, {"NTD", "TWD"},
    {"TWD", "TWD"}, {"HKD", "HKD"},
    {"\xE7\xBE\x8E\xE9\x87\x91", "USD"},               /* 美金 */
    {"\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB9\xA3", "CNY"},   /* 人民幣 */
    {"\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB8\x81", "CNY"},   /* 人民币 */
    {"\xE6\x96\xB0\xE5\x8F\xB0\xE5\xB9\xA3", "TWD"},   /* 新台幣 */
    {"\xE6\x96\xB0\xE5\x8F\xB0\xE5\xB8\x81", "TWD"},   /* 新台币 */
    {"\xE5\x8F\xB0\xE5\xB9\xA3", "TWD"},               /* 台幣 */
    {"\xE5\x8F\xB0\xE5\xB8\x81", "TWD"},               /* 台币 */
    {"\xE6\xB8\xAF\xE5\x85\x83", "HKD"},               /* 港元 */
    {"\xE6\xB8\xAF\xE5\xB9\xA3", "HKD"},               /* 港幣 */
    {"\xE6\xB8\xAF\xE5\xB8\x81", "HKD"},               /* 港币 */
    {"\xE6\x97\xA5\xE5\x9C\x93", "JPY"},               /* 日圓 */
    {"\xE6\x97\xA5\xE5\x85\x83", "JPY"},               /* 日元 */
    {"\xE6\xAD\x90\xE5\x85\x83", "EUR"},               /* 歐元 */
    {"\xE6\xAC\xA7\xE5\x85\x83", "EUR"},               /* 欧元 */
    {"\xE8\x8B\xB1\xE9\x8E\x8A", "GBP"},               /* 英鎊 */
    {"\xE8\x8B\xB1\xE9\x95\x91", "GBP"},               /* 英镑 */
    {"\xE5\x85\x83", ""}};                             /* 元 */

/* Words that only the lenient reading takes, to name the nearest form:
 * a currency in English, or 美元 before the number. */
static const Word lenient_suffix[] = {
    {"dollars", "USD"}, {"dollar", "USD"}, {"yuan", "CNY"},
    {"renminbi", "CNY"}, {"yen", "JPY"}, {"euros", "EUR"}, {"euro", "EUR"},
    {"pounds", "GBP"}};
static const Word lenient_prefix[] = {
    {"\xE7\xBE\x8E\xE5\x85\x83", "USD"}, {"\xE7\xBE\x8E\xE9\x87\x91", "USD"}};

/* The word a suggestion uses for a currency written in a form not
 * accepted, beside CJK text; elsewhere the code itself. */
static const Word currency_cjk[] = {
    {"USD", "\xE7\xBE\x8E\xE5\x85\x83"}, {"CNY", "\xE4\xBA\xBA\xE6\xB0\x91\xE5\xB9\xA3"},
    {"TWD", "\xE6\x96\xB0\xE5\x8F\xB0\xE5\xB9\xA3"}, {"HKD", "\xE6\xB8\xAF\xE5\x85\x83"},
    {"JPY", "\xE6\x97\xA5\xE5\x9C\x93"}, {"EUR", "\xE6\xAD\x90\xE5\x85\x83"},
    {"GBP", "\xE8\x8B\xB1\xE9\x8E\x8A"}};

/* A count of people, accounts or companies: unit "". */
static const Word counters[] = {
    {"\xE4\xBA\xBA", ""}, {"\xE5\x90\x8D", ""},        /* 人 名 */
    {"\xE6\x88\xB6", ""}, {"\xE6\x88\xB7", ""},        /* 戶 户 */
    {"\xE5\xAE\xB6", ""}};                             /* 家 */

typedef struct {
    const char *text;
    ValueQualifier qualifier;
} Marker;

static const Marker marker_prefix[] = {
    {">=", VALUE_AT_LEAST}, {">", VALUE_AT_LEAST},
    {"\xE2\x89\xA5", VALUE_AT_LEAST},                  /* ≥ */
    {"~", VALUE_ABOUT}, {"\xE2\x89\x88", VALUE_ABOUT},  /* ≈ */
    {"\xE5\xA4\xA7\xE7\xB4\x84", VALUE_ABOUT},         /* 大約 */
    {"\xE5\xA4\xA7\xE7\xBA\xA6", VALUE_ABOUT},         /* 大约 */
    {"\xE7\xB4\x84", VALUE_ABOUT}, {"\xE7\xBA\xA6", VALUE_ABOUT},  /* 約 约 */
    {"\xE5\xB0\x87\xE8\xBF\x91", VALUE_ABOUT},         /* 將近 */
    {"\xE5\xB0\x86\xE8\xBF\x91", VALUE_ABOUT},         /* 将近 */
    {"\xE8\xBF\x91", VALUE_ABOUT},                     /* 近 */
    {"\xE9\x80\xBE", VALUE_AT_LEAST},                  /* 逾 */
    {"\xE8\xB6\x85\xE9\x81\x8E", VALUE_AT_LEAST},      /* 超過 */
    {"\xE8\xB6\x85\xE8\xBF\x87", VALUE_AT_LEAST}};     /* 超过 */

static const Marker marker_suffix[] = {
    {"\xE4\xBB\xA5\xE4\xB8\x8A", VALUE_AT_LEAST},      /* 以上 */
    {"\xE5\xB7\xA6\xE5\x8F\xB3", VALUE_ABOUT}};        /* 左右 */

typedef struct {
    const char *text;
    double factor;
} Multiplier;

/* 兆 is 1e12 as Taiwanese and financial Chinese use it (not the SI
 * mega). Two-character words before the one-character ones they start
 * with. */
static const Multiplier multipliers[] = {
    {"trillion", 1e12}, {"billion", 1e9}, {"million", 1e6},
    {"thousand", 1e3}, {"tn", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"mm", 1e6},
    {"t", 1e12}, {"b", 1e9}, {"m", 1e6}, {"k", 1e3},
    {"\xE8\x90\xAC\xE5\x84\x84", 1e12}, {"\xE4\xB8\x87\xE4\xBA\xBF", 1e12},
    {"\xE5\x8D\x83\xE5\x84\x84", 1e11}, {"\xE5\x8D\x83\xE4\xBA\xBF", 1e11},
    {"\xE7\x99\xBE\xE5\x84\x84", 1e10}, {"\xE7\x99\xBE\xE4\xBA\xBF", 1e10},
    {"\xE5\x8D\x83\xE8\x90\xAC", 1e7}, {"\xE5\x8D\x83\xE4\xB8\x87", 1e7},
    {"\xE7\x99\xBE\xE8\x90\xAC", 1e6}, {"\xE7\x99\xBE\xE4\xB8\x87", 1e6},
    {"\xE8\x90\xAC", 1e4}, {"\xE4\xB8\x87", 1e4},      /* 萬 万 */
    {"\xE5\x84\x84", 1e8}, {"\xE4\xBA\xBF", 1e8},      /* 億 亿 */
    {"\xE5\x85\x86", 1e12}};                           /* 兆 */

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
        ".",   /* FRED's missing value */
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

/* What parse_parts read, as offsets into the text, so that a refusal
 * can rebuild the nearest accepted form from the user's own words. */
typedef struct {
    ValueQualifier qualifier;
    size_t mark_at, mark_len;     /* the marker as written */
    int mark_after;               /* written after the number (以上) */
    int negative;
    const char *currency;         /* code; NULL when none is stated */
    size_t cur_at, cur_len;       /* its accepted word; 0 long: none */
    int cur_before;               /* that word comes before the number */
    int percent;
    size_t num_at, num_end;       /* the number and its multiplier */
    double factor;
    size_t count_at, count_len;   /* a counter (人, 家) */
    int fixes;                    /* lenient: what the strict form refuses */
} Reading;

static const Marker *eat_marker(const char *s, size_t n, size_t *i,
                                const Marker *marks, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (eat_word(s, n, i, marks[k].text))
            return &marks[k];
    return NULL;
}

/* A currency (code) or % read after the number, into rd. Returns 0, or
 * NUM_SYNTAX when it contradicts what was read before ("$7 EUR"). */
static int take_unit(Reading *rd, const char *code, size_t at, size_t len,
                     int accepted)
{
    if (strcmp(code, "%") == 0) {
        if (rd->currency || rd->percent)
            return NUM_SYNTAX;
        rd->percent = 1;
        return 0;
    }
    if (rd->percent)
        return NUM_SYNTAX;
    if (!code[0])
        return 0;   /* 元 */
    if (rd->currency && strcmp(rd->currency, code) != 0)
        return NUM_SYNTAX;
    rd->currency = code;
    if (accepted && rd->cur_len == 0) {
        rd->cur_at = at;
        rd->cur_len = len;
    }
    return 0;
}

/* [marker] [sign] [currency] [sign]: what comes before the number. */
static void read_before_number(const char *s, size_t n, size_t *i,
                               int lenient, Reading *rd)
{
    size_t at = *i;
    const Marker *m = eat_marker(s, n, i, marker_prefix,
                                 sizeof marker_prefix / sizeof *marker_prefix);
    if (m) {
        rd->qualifier = m->qualifier;
        rd->mark_at = at;
        rd->mark_len = *i - at;
        skip_blanks(s, n, i);
    }
    int signed_ = 0;
    if (*i < n && (s[*i] == '+' || s[*i] == '-')) {
        rd->negative = s[(*i)++] == '-';
        signed_ = 1;
    }
    at = *i;
    const char *cur = eat_from(s, n, i, currency_prefix,
                               sizeof currency_prefix / sizeof *currency_prefix);
    if (cur) {
        rd->currency = cur;
        rd->cur_at = at;
        rd->cur_len = *i - at;
        rd->cur_before = 1;
    } else if (lenient &&
               (cur = eat_from(s, n, i, lenient_prefix,
                               sizeof lenient_prefix / sizeof *lenient_prefix))) {
        rd->currency = cur;
        rd->fixes++;
    }
    skip_blanks(s, n, i);
    if (!signed_ && *i < n && (s[*i] == '+' || s[*i] == '-'))
        rd->negative = s[(*i)++] == '-';
}

/* The currency words and % after the number. Returns 0 or NUM_SYNTAX. */
static int read_units(const char *s, size_t n, size_t *i, int lenient,
                      Reading *rd)
{
    for (int words = 0;; words++) {
        size_t at = *i;
        const char *code = eat_from(s, n, i, unit_suffix,
                                    sizeof unit_suffix / sizeof *unit_suffix);
        int accepted = code != NULL;
        if (!code && lenient)
            code = eat_from(s, n, i, lenient_suffix,
                            sizeof lenient_suffix / sizeof *lenient_suffix);
        if (!code)
            return 0;
        if (!accepted || words > 0) {
            /* A second % is no currency word said twice ("12.5%%"). */
            if (!lenient || strcmp(code, "%") == 0)
                return NUM_SYNTAX;
            rd->fixes++;
        }
        if (take_unit(rd, code, at, *i - at, accepted) != 0)
            return NUM_SYNTAX;
        skip_blanks(s, n, i);
    }
}

/* [counter] [marker] after the units. Returns 0 or NUM_SYNTAX. */
static int read_counter_and_marker(const char *s, size_t n, size_t *i,
                                   int lenient, Reading *rd)
{
    size_t at = *i;
    if (eat_from(s, n, i, counters, sizeof counters / sizeof *counters)) {
        if (rd->currency || rd->percent)
            return NUM_SYNTAX;   /* "$8億人": money or heads, not both */
        rd->count_at = at;
        rd->count_len = *i - at;
        skip_blanks(s, n, i);
    }
    at = *i;
    const Marker *m = eat_marker(s, n, i, marker_suffix,
                                 sizeof marker_suffix / sizeof *marker_suffix);
    if (!m)
        return 0;
    if (rd->mark_len) {
        /* "逾5億以上" says it twice; "約5億以上" contradicts itself. */
        if (!lenient || m->qualifier != rd->qualifier)
            return NUM_SYNTAX;
        rd->fixes++;
        return 0;
    }
    rd->qualifier = m->qualifier;
    rd->mark_at = at;
    rd->mark_len = *i - at;
    rd->mark_after = 1;
    return 0;
}

/* [marker] [sign] [currency] [sign] number [multiplier] [unit] [counter]
 * [marker], blanks between; one marker at most. lenient also takes what
 * people write but the strict form refuses (two currency words, English
 * currency words, 美元 first, a marker twice), counting each in fixes,
 * so that a refusal can show the accepted form. */
static int parse_parts(const char *s, size_t n, char decimal, int lenient,
                       char *plain, Reading *rd)
{
    size_t i = 0;
    memset(rd, 0, sizeof *rd);
    rd->factor = 1;
    read_before_number(s, n, &i, lenient, rd);
    rd->num_at = i;
    int r = to_plain_digits(s, n, &i, decimal, rd->negative, plain);
    if (r != NUM_OK)
        return r;
    rd->num_end = i;
    skip_blanks(s, n, &i);
    for (size_t k = 0; k < sizeof multipliers / sizeof *multipliers; k++) {
        if (eat_word(s, n, &i, multipliers[k].text)) {
            rd->factor = multipliers[k].factor;
            rd->num_end = i;
            break;
        }
    }
    skip_blanks(s, n, &i);
    if (read_units(s, n, &i, lenient, rd) != 0 ||
        read_counter_and_marker(s, n, &i, lenient, rd) != 0)
        return NUM_SYNTAX;
    return i == n ? NUM_OK : NUM_SYNTAX;
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

typedef struct {
    char *p;
    size_t size, len;
} Out;

/* Appends s[0..n) to o, cut to fit (size > 0). */
static void out_put(Out *o, const char *s, size_t n)
{
    size_t room = o->size - 1 - o->len;
    if (n > room)
        n = room;
    memcpy(o->p + o->len, s, n);
    o->len += n;
    o->p[o->len] = '\0';
}

static int has_non_ascii(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80)
            return 1;
    return 0;
}

/* The accepted spelling of what the lenient reading rd read from s:
 * written as the user wrote it, less what made it refused. With
 * currency 0 the currency is left out (for "with unit USD"). */
static void nearest_form(const char *s, size_t n, const Reading *rd,
                         int currency, char *buf, size_t size)
{
    Out o = {buf, size, 0};
    buf[0] = '\0';
    if (rd->mark_len && !rd->mark_after)
        out_put(&o, s + rd->mark_at, rd->mark_len);
    if (currency && rd->cur_before)
        out_put(&o, s + rd->cur_at, rd->cur_len);
    if (rd->negative)
        out_put(&o, "-", 1);
    out_put(&o, s + rd->num_at, rd->num_end - rd->num_at);
    if (rd->percent)
        out_put(&o, "%", 1);
    if (currency && rd->currency && !rd->cur_before) {
        if (rd->cur_len) {
            out_put(&o, s + rd->cur_at, rd->cur_len);
        } else if (has_non_ascii(s, n)) {
            for (size_t k = 0; k < sizeof currency_cjk / sizeof *currency_cjk;
                 k++)
                if (strcmp(currency_cjk[k].text, rd->currency) == 0)
                    out_put(&o, currency_cjk[k].code,
                            strlen(currency_cjk[k].code));
        } else {
            out_put(&o, " ", 1);
            out_put(&o, rd->currency, strlen(rd->currency));
        }
    }
    out_put(&o, s + rd->count_at, rd->count_len);
    if (rd->mark_len && rd->mark_after)
        out_put(&o, s + rd->mark_at, rd->mark_len);
}

/* why for a text the strict form refuses and the lenient one reads as
 * v: the nearest accepted form, the form for a unit column, and digits
 * when v is a whole number (printed without a decimal point, so that
 * the locale cannot change it). */
static void write_nearest(const char *s, size_t n, const Reading *rd,
                          double v, const char *q, char *why,
                          size_t why_size)
{
    char form[128], bare[128], digits[40] = "";
    nearest_form(s, n, rd, 1, form, sizeof form);
    nearest_form(s, n, rd, 0, bare, sizeof bare);
    if (v == floor(v) && fabs(v) < 1e18)
        snprintf(digits, sizeof digits, ", or %.0f", v);
    if (rd->currency)
        snprintf(why, why_size,
                 "value \"%s\" is not a number; nearest accepted: %s, or %s "
                 "with unit %s%s", q, form, bare, rd->currency, digits);
    else
        snprintf(why, why_size,
                 "value \"%s\" is not a number; nearest accepted: %s%s", q,
                 form, digits);
}

/* Everything but a plain number. Kept out of parse_value so that a plain
 * number does not pay for its stack frame. */
static __attribute__((noinline)) ValueStatus
parse_general(const char *text, char decimal, double *value,
              const char **unit, ValueQualifier *qualifier, char *why,
              size_t why_size)
{
    const char *orig = text;
    size_t orig_n = ascii_trim_span(&orig);
    size_t len = strlen(text);
    char q[QUOTE_MAX + 8];
    char small[192];
    /* The folded text (len + 1 bytes), then the digits for strtod
     * (len + 32): len is a string's length, far from SIZE_MAX / 2. */
    char *buf = 2 * len + 40 <= sizeof small ? small : xmalloc(2 * len + 40);
    char *plain = buf + len + 1;
    const char *s = buf;
    width_fold(text, len, buf);
    size_t n = ascii_trim_span(&s);
    ValueStatus status = VALUE_ERROR;
    Reading rd;
    if (n == 0 || is_missing(s, n)) {
        status = VALUE_MISSING;
        goto done;
    }
    int r = parse_parts(s, n, decimal, 0, plain, &rd);
    /* Only messages quote the text, as the user wrote it. */
    if (r != NUM_OK)
        quote_excerpt(q, sizeof q, orig, orig_n);
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
        if (is_nonfinite_word(s, n)) {
            snprintf(why, why_size,
                     "value \"%s\" is not a finite number; write digits like "
                     "7000000000 or 7e9", q);
            goto done;
        }
        Reading near;
        if (parse_parts(s, n, decimal, 1, plain, &near) == NUM_OK) {
            double v = strtod(plain, NULL) * near.factor;
            if (isfinite(v)) {
                write_nearest(s, n, &near, v, q, why, why_size);
                goto done;
            }
        }
        snprintf(why, why_size,
                 "value \"%s\" is not a number; write digits like "
                 "7000000000 or 7e9", q);
        goto done;
    }
    errno = 0;
    char *end;
    double v = strtod(plain, &end) * rd.factor;
    /* ERANGE on underflow gives 0 or a subnormal: fine for a chart. */
    if (*end != '\0' || !isfinite(v)) {
        quote_excerpt(q, sizeof q, orig, orig_n);
        snprintf(why, why_size,
                 "value \"%s\" is not a finite number; write digits like "
                 "7000000000 or 7e9", q);
        goto done;
    }
    *value = v;
    if (unit)
        *unit = rd.percent ? "%" : rd.currency ? rd.currency : "";
    if (qualifier)
        *qualifier = rd.qualifier;
    status = VALUE_OK;
done:
    if (buf != small)
        free(buf);
    return status;
}

ValueStatus parse_value_qualified(const char *text, char decimal,
                                  double *value, const char **unit,
                                  ValueQualifier *qualifier, char *why,
                                  size_t why_size)
{
    const char *s = text ? text : "";
    if (parse_plain(s, decimal, value)) {
        if (unit)
            *unit = "";
        if (qualifier)
            *qualifier = VALUE_EXACT;
        return VALUE_OK;
    }
    return parse_general(s, decimal, value, unit, qualifier, why, why_size);
}

ValueStatus parse_value(const char *text, char decimal, double *value,
                        const char **unit, char *why, size_t why_size)
{
    return parse_value_qualified(text, decimal, value, unit, NULL, why,
                                 why_size);
}
