/* format.c - number and date labels. Pure and locale-independent: printf
 * is used only for what the locale cannot change (digits, exponents), and
 * the decimal point is always written by this file. */
#include "format.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>


#include "util.h"

/* Longest plain decimal we build: DBL_MAX has 309 integer digits. */
#define NUM_MAX 352

/* Rounds x > 0 (finite) to `digits` (1..17) significant digits, half away
 * from zero: 1.25e9 at 2 digits is "1.3B", as a reader expects, where
 * printf's own rounding of an exact tie would give "1.2B". The 17 digits
 * of %.16e identify the double; printf's digits and exponent do not
 * depend on the locale (only the point does, and we skip it). Fills mant
 * with the digits (no point, NUL-terminated) and returns the decimal
 * exponent of the first digit: 999.6 at 3 digits gives "100", 3. */
static int round_sig(double x, int digits, char *mant)
{
    char tmp[64], all[24];
    snprintf(tmp, sizeof tmp, "%.16e", x);
    size_t k = 0;
    const char *p = tmp;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && k < 17)
            all[k++] = *p;
    int sign = 1, e = 0;
    if (*p == 'e')
        p++;
    if (*p == '-' || *p == '+')
        sign = *p++ == '-' ? -1 : 1;
    for (; *p >= '0' && *p <= '9'; p++)
        e = e * 10 + (*p - '0');
    e *= sign;

    size_t nd = (size_t)digits < k ? (size_t)digits : k;
    memcpy(mant, all, nd);
    mant[nd] = '\0';
    if (nd < k && all[nd] >= '5') {
        size_t i = nd;
        while (i > 0 && mant[i - 1] == '9')
            mant[--i] = '0';
        if (i > 0) {
            mant[i - 1]++;
        } else {
            /* 9.99 -> 10.0: one more leading digit, same length. */
            mant[0] = '1';
            e++;
        }
    }
    return e;
}

/* Writes the digits of mant as a plain decimal with `point` digits before
 * the point (<= 0 gives leading "0.00"), padding with zeros and dropping
 * trailing fractional zeros and a bare point. */
static void plain_decimal(const char *mant, int point, char *out,
                          size_t size)
{
    char s[NUM_MAX];
    size_t k = 0, nd = strlen(mant);
    if (point <= 0) {
        s[k++] = '0';
        s[k++] = '.';
        for (int i = 0; i < -point && k < NUM_MAX - 2; i++)
            s[k++] = '0';
        for (size_t i = 0; i < nd && k < NUM_MAX - 1; i++)
            s[k++] = mant[i];
    } else {
        for (int i = 0; i < point && k < NUM_MAX - 2; i++)
            s[k++] = (size_t)i < nd ? mant[i] : '0';
        if ((size_t)point < nd) {
            s[k++] = '.';
            for (size_t i = (size_t)point; i < nd && k < NUM_MAX - 1; i++)
                s[k++] = mant[i];
        }
    }
    s[k] = '\0';
    if (strchr(s, '.')) {
        while (k > 0 && s[k - 1] == '0')
            s[--k] = '\0';
        if (k > 0 && s[k - 1] == '.')
            s[--k] = '\0';
    }
    snprintf(out, size, "%s", s);
}

/* x >= 0 with exactly `decimals` decimals ("%.*f"), the locale's decimal
 * point (possibly several bytes) replaced by '.'. */
static void fixed_decimal(double x, int decimals, char *out, size_t size)
{
    char tmp[NUM_MAX + 64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, x);
    char s[sizeof tmp];
    size_t k = 0;
    int in_point = 0;
    for (const char *p = tmp; *p; p++) {
        if ((*p >= '0' && *p <= '9') || *p == '-') {
            s[k++] = *p;
            in_point = 0;
        } else if (!in_point) {
            s[k++] = '.';
            in_point = 1;
        }
    }
    s[k] = '\0';
    snprintf(out, size, "%s", s);
}

static const char *currency_symbol(const char *unit)
{
    if (!unit)
        return "";
    if (!ascii_casecmp(unit, "USD") || !strcmp(unit, "$")
        || !ascii_casecmp(unit, "US$"))
        return "$";
    if (!ascii_casecmp(unit, "EUR"))
        return "\xe2\x82\xac"; /* € */
    if (!ascii_casecmp(unit, "GBP"))
        return "\xc2\xa3";     /* £ */
    /* Listed Chinese AI companies report in these: HK$ and CN¥ as the
     * Hong Kong and mainland press write them in English. */
    if (!ascii_casecmp(unit, "HKD") || !ascii_casecmp(unit, "HK$"))
        return "HK$";
    if (!ascii_casecmp(unit, "CNY") || !ascii_casecmp(unit, "RMB"))
        return "CN\xc2\xa5";   /* CN¥ */
    return "";
}

/* digits within what a double holds, and at least one. */
static int significant_digits(int digits)
{
    return digits < 1 ? 1 : digits > 17 ? 17 : digits;
}

/* The unit is chosen after rounding, so 999.6M at 3 digits reads "1B",
 * not "1000M". Beyond trillions the T stays ("1500T"): never "e" or "G". */
char *format_compact(double value, const char *unit, int digits, char *buf,
                     size_t size)
{
    if (!buf || size == 0)
        return buf;
    const char *cur = currency_symbol(unit);
    if (!isfinite(value)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    digits = significant_digits(digits);
    if (value == 0) {
        snprintf(buf, size, "%s0", cur);
        return buf;
    }
    static const char suffix[][2] = {"", "K", "M", "B", "T"};
    char mant[32], num[NUM_MAX];
    int e = round_sig(fabs(value), digits, mant);
    int u = e < 0 ? 0 : e / 3;
    if (u > 4)
        u = 4;
    plain_decimal(mant, e - 3 * u + 1, num, sizeof num);
    snprintf(buf, size, "%s%s%s%s", value < 0 ? "-" : "", cur, num,
             suffix[u]);
    return buf;
}

char *format_date(long days, DatePrecision precision, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    const char *yfmt = y >= 0 ? "%04d" : "%d";
    char year[16];
    snprintf(year, sizeof year, yfmt, y);
    if (precision == DATE_YEAR)
        snprintf(buf, size, "%s", year);
    else if (precision == DATE_MONTH)
        snprintf(buf, size, "%s-%02d", year, m);
    else if (precision == DATE_QUARTER)
        snprintf(buf, size, "%s-Q%d", year, (m - 1) / 3 + 1);
    else
        snprintf(buf, size, "%s-%02d-%02d", year, m, d);
    return buf;
}

char *format_month_year(long days, char *buf, size_t size)
{
    static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr",
                                       "May", "Jun", "Jul", "Aug",
                                       "Sep", "Oct", "Nov", "Dec"};
    if (!buf || size == 0)
        return buf;
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    snprintf(buf, size, "%s %d", months[m - 1], y);
    return buf;
}

char *format_duration(double years, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!isfinite(years) || years <= 0) {
        snprintf(buf, size, "never");
        return buf;
    }
    char num[NUM_MAX + 64];
    if (years < 2) {
        fixed_decimal(years * 12.0, 1, num, sizeof num);
        snprintf(buf, size, "%s months", num);
    } else {
        fixed_decimal(years, 1, num, sizeof num);
        snprintf(buf, size, "%s years", num);
    }
    return buf;
}

/* Whole percents from 10% up; two significant digits below, where "+3.4%"
 * says more than "+3%". Under 0.001% reads as "0%". */
char *format_percent(double rate, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!isfinite(rate)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    double p = fabs(rate * 100.0);
    if (p < 0.001) {
        snprintf(buf, size, "0%%");
        return buf;
    }
    char num[NUM_MAX], mant[32];
    int e = round_sig(p, 17, mant);
    int digits = e >= 1 ? e + 1 : 2;
    e = round_sig(p, digits > 17 ? 17 : digits, mant);
    plain_decimal(mant, e + 1, num, sizeof num);
    snprintf(buf, size, "%s%s%%", rate < 0 ? "-" : "+", num);
    return buf;
}

/* The metrics the shipped data uses, by id: English and Traditional
 * Chinese names, the one table both languages read. */
static const struct {
    const char *id, *en, *zh;
} known_metrics[] = {
    {"revenue", "Revenue", "營收"},
    {"run_rate_revenue", "Run-rate revenue", "年化營收"},
    {"annual_revenue", "Annual revenue", "年度營收"},
    {"annual_contract_value", "Annual contract value", "年度合約價值"},
    {"claude_code_run_rate_revenue", "Claude Code run-rate revenue",
     "Claude Code 年化營收"},
    {"post_money_valuation", "Post-money valuation", "投後估值"},
    {"secondary_valuation", "Secondary-sale valuation", "二級市場估值"},
    {"merger_valuation", "Merger valuation", "合併估值"},
    {"reported_valuation", "Reported valuation", "報導估值"},
    {"valuation", "Valuation", "估值"},
    {"market_cap", "Market capitalisation", "市值"},
    {"market_capitalization", "Market capitalisation", "市值"},
    {"ipo_valuation", "Valuation at IPO", "上市估值"},
    {"secondary_implied_valuation", "Secondary-market implied valuation",
     "二級市場隱含估值"},
    {"quarterly_revenue", "Quarterly revenue", "季度營收"},
    {"quarterly_revenue_forecast", "Quarterly revenue (forecast)",
     "季度營收（預測）"},
    {"semiannual_revenue", "Half-year revenue", "半年度營收"},
    {"users", "Users", "用戶數"},
    {"weekly_active_users", "Weekly active users", "週活躍用戶"},
    {"monthly_active_users", "Monthly active users", "月活躍用戶"},
    {"daily_active_users_mobile", "Daily active users (mobile apps)",
     "行動 App 日活躍用戶"},
    {"monthly_active_users_mobile", "Monthly active users (mobile apps)",
     "行動 App 月活躍用戶"},
    {"daily_active_users", "Daily active users", "日活躍用戶"},
    {"paying_subscribers", "Paying subscribers", "付費訂閱用戶"},
    {"paying_business_users", "Paying business users", "付費企業用戶"},
    {"workplace_seats", "Workplace seats", "企業席位"},
    {"paid_seats", "Paid seats", "付費席位"},
    {"paid_licenses", "Paid licences", "付費授權"},
    {"customers_over_1m_annual", "Customers spending over $1M a year",
     "年支出逾100萬美元的客戶"},
    {"enterprise_customers", "Enterprise customers", "企業客戶"},
    {"total_users", "Users served (cumulative)", "累計服務用戶"},
};

const char *format_metric_known(const char *metric, int chinese)
{
    for (size_t i = 0; metric && i < sizeof known_metrics /
                                         sizeof known_metrics[0]; i++)
        if (!strcmp(metric, known_metrics[i].id))
            return chinese ? known_metrics[i].zh : known_metrics[i].en;
    return NULL;
}

char *format_metric_name(const char *metric, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!metric)
        metric = "";
    const char *name = format_metric_known(metric, 0);
    if (name) {
        snprintf(buf, size, "%s", name);
        return buf;
    }
    snprintf(buf, size, "%s", metric);
    for (char *p = buf; *p; p++)
        if (*p == '_')
            *p = ' ';
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

char *format_number(double value, int digits, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!isfinite(value)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    if (value == 0) {
        snprintf(buf, size, "0");
        return buf;
    }
    digits = significant_digits(digits);
    char mant[32], num[NUM_MAX];
    int e = round_sig(fabs(value), digits, mant);
    plain_decimal(mant, e + 1, num, sizeof num);
    snprintf(buf, size, "%s%s", value < 0 ? "-" : "", num);
    return buf;
}

/* ---- plain decimals for vector outputs ---------------------------------- */

static const double pow10_table[10] = {1e0, 1e1, 1e2, 1e3, 1e4,
                                       1e5, 1e6, 1e7, 1e8, 1e9};

/* Writes the decimal digits of v (no sign) to buf; returns the count. */
static size_t put_digits(char *buf, uint64_t v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    return n;
}

/* Magnitudes of 1e15 and up: 17 significant digits at most, trailing
 * zeros folded into an exponent. No chart coordinate comes near; this
 * only keeps a hostile scene's numbers valid SVG. */
static size_t format_huge(char *buf, double a, int neg)
{
    /* One division by a power of ten, not a loop of divisions by ten: a
     * loop would gather rounding errors (1e300 is not 1e17 * 10^283 in
     * binary, but a single correctly rounded quotient lands on 1e16). */
    int exp = (int)floor(log10(a)) - 16;
    if (exp < 0)
        exp = 0;
    a /= pow(10, exp);
    if (a >= 1e17) {
        a /= 10;
        exp++;
    }
    uint64_t m = (uint64_t)(a + 0.5);
    while (m % 10 == 0) {
        m /= 10;
        exp++;
    }
    size_t n = 0;
    if (neg)
        buf[n++] = '-';
    n += put_digits(buf + n, m);
    if (exp > 0) {
        buf[n++] = 'e';
        n += put_digits(buf + n, (uint64_t)exp);
    }
    buf[n] = '\0';
    return n;
}

size_t format_decimal(char *buf, double v, int decimals)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    if (!isfinite(v))
        v = 0;
    int neg = v < 0;
    double a = neg ? -v : v;
    if (a >= 1e15)
        return format_huge(buf, a, neg);
    /* a < 1e15 and 10^9: the product stays below 2^64. */
    uint64_t scale = (uint64_t)pow10_table[decimals];
    uint64_t r = (uint64_t)(a * pow10_table[decimals] + 0.5);
    size_t n = 0;
    if (r == 0) {
        buf[0] = '0';
        buf[1] = '\0';
        return 1;
    }
    if (neg)
        buf[n++] = '-';
    n += put_digits(buf + n, r / scale);
    uint64_t frac = r % scale;
    if (frac) {
        int places = decimals;
        while (frac % 10 == 0) {
            frac /= 10;
            places--;
        }
        buf[n++] = '.';
        for (int i = places - 1; i >= 0; i--) {
            buf[n + (size_t)i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        n += (size_t)places;
    }
    buf[n] = '\0';
    return n;
}

/* A range names its Chinese unit word once, after its upper end:
 * "447億美元" before "1,178億美元" becomes "447億", "5,000萬美元" before
 * "1.2億美元" "5,000萬". The magnitude (億, 萬, 兆) stays on both ends;
 * Latin units ("$5.5B", "$168B") are short and stay too. */
void format_drop_shared_unit(char *lo, const char *hi)
{
    size_t nl = strlen(lo), nh = strlen(hi), k = 0;
    while (k < nl && k < nh && lo[nl - 1 - k] == hi[nh - 1 - k] &&
           !(lo[nl - 1 - k] >= '0' && lo[nl - 1 - k] <= '9'))
        k++;
    /* Start the shared part on a character boundary. */
    while (k > 0 && ((unsigned char)lo[nl - k] & 0xC0) == 0x80)
        k--;
    const char *tail = lo + nl - k;
    /* The magnitude stays with lo (503億–922億美元); 万亿 before 万. */
    static const char *const magnitudes[] = {"万亿", "億", "萬", "兆",
                                             "亿", "万"};
    for (size_t m = 0; m < sizeof magnitudes / sizeof magnitudes[0]; m++) {
        size_t len = strlen(magnitudes[m]);
        if (k >= len && strncmp(tail, magnitudes[m], len) == 0) {
            tail += len;
            k -= len;
            break;
        }
    }
    if (k == 0 || (unsigned char)tail[0] < 0x80)
        return;
    lo[nl - k] = '\0';
}
