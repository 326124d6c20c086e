/* i18n.c - language choice and localized number and date labels. */
#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dates.h"
#include "format.h"
#include "simplified.h"
#include "util.h"

int lang_parse(const char *text, Lang *out)
{
    if (!ascii_casecmp(text, "en")) {
        *out = LANG_EN;
        return 0;
    }
    if (!ascii_casecmp(text, "zh-TW") || !ascii_casecmp(text, "zh_TW") ||
        !ascii_casecmp(text, "zh-Hant")) {
        *out = LANG_ZH_TW;
        return 0;
    }
    if (!ascii_casecmp(text, "zh-CN") || !ascii_casecmp(text, "zh_CN") ||
        !ascii_casecmp(text, "zh-Hans")) {
        *out = LANG_ZH_CN;
        return 0;
    }
    return -1;
}

int number_style_parse(const char *text, NumberStyle *out)
{
    if (!ascii_casecmp(text, "plain"))
        *out = NUMBERS_PLAIN;
    else if (!ascii_casecmp(text, "grouped"))
        *out = NUMBERS_GROUPED;
    else
        return -1;
    return 0;
}

const char *lang_tag(Lang lang)
{
    static const char *const tags[LANG_COUNT] = {"en", "zh-TW", "zh-CN"};
    return tags[lang_base(lang)];
}

const char *lang_pick(Lang lang, const char *en, const char *zh)
{
    if (lang_base(lang) == LANG_ZH_CN)
        return simplified_text(zh);
    return lang_base(lang) == LANG_ZH_TW ? zh : en;
}

const char *lang_text(Lang lang, const char *text)
{
    return lang_base(lang) == LANG_ZH_CN ? simplified_text(text) : text;
}

const char *lang_unavailable(Lang lang)
{
    return lang_base(lang) == LANG_ZH_CN ? simplified_failure() : NULL;
}

static const char *currency_word(const char *unit)
{
    if (!unit)
        return "";
    if (!ascii_casecmp(unit, "USD"))
        return "美元";
    if (!ascii_casecmp(unit, "EUR"))
        return "歐元";
    if (!ascii_casecmp(unit, "GBP"))
        return "英鎊";
    if (!ascii_casecmp(unit, "CNY") || !ascii_casecmp(unit, "RMB"))
        return "人民幣";
    if (!ascii_casecmp(unit, "HKD") || !ascii_casecmp(unit, "HK$"))
        return "港元";
    return "";
}

/* Mantissa in [1, 10000) with `digits` significant digits, at least its
 * whole integer part; trailing fractional zeros dropped; a thousands
 * comma only when grouped (1,015), none as the Central News Agency
 * writes 1015億美元 (a mantissa stays under 萬). The process never calls
 * setlocale, so printf's decimal point is '.'. */
static void format_mantissa(double m, int digits, int grouped, char *out,
                            size_t size)
{
    int int_digits = m >= 1 ? (int)floor(log10(m)) + 1 : 1;
    int decimals = digits > int_digits ? digits - int_digits : 0;
    char tmp[64];
    snprintf(tmp, sizeof tmp, "%.*f", decimals, m);
    char *point = strchr(tmp, '.');
    if (point) {
        size_t k = strlen(tmp);
        while (k > 0 && tmp[k - 1] == '0')
            tmp[--k] = '\0';
        if (tmp[k - 1] == '.')
            tmp[--k] = '\0';
    }
    size_t whole = strcspn(tmp, ".");
    if (grouped && whole > 3)
        snprintf(out, size, "%.*s,%s", (int)(whole - 3), tmp,
                 tmp + whole - 3);
    else
        snprintf(out, size, "%s", tmp);
}

/* Taiwan writes 兆 for 10^12; the mainland writes 万亿. */
static char *format_compact_zh(double value, const char *unit, int digits,
                               Lang lang, char *buf, size_t size)
{
    static const struct {
        double scale;
        const char *word[2]; /* zh-TW, zh-CN */
    } units[] = {{1e12, {"兆", "万亿"}},
                 {1e8, {"億", "亿"}},
                 {1e4, {"萬", "万"}},
                 {1, {"", ""}}};
    const char *cur = lang_text(lang, currency_word(unit));
    int mainland = lang_base(lang) == LANG_ZH_CN;
    int percent = unit && strcmp(unit, "%") == 0;
    if (!isfinite(value)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    double a = fabs(value);
    size_t u = 0;
    while (u + 1 < sizeof units / sizeof units[0] && a < units[u].scale)
        u++;
    char mant[64];
    format_mantissa(a / units[u].scale, digits,
                    (lang & LANG_NUMBERS_GROUPED) != 0, mant, sizeof mant);
    /* Rounding may carry into the next unit: 9999.6萬 is 1億. */
    if (u > 0 && (!strcmp(mant, "10000") || !strcmp(mant, "10,000"))) {
        u--;
        snprintf(mant, sizeof mant, "1");
    }
    snprintf(buf, size, "%s%s%s%s%s", value < 0 ? "-" : "", mant,
             units[u].word[mainland], percent ? "%" : "", cur);
    return buf;
}

char *format_compact_lang(double value, const char *unit, int digits,
                          Lang lang, char *buf, size_t size)
{
    if (lang_is_chinese(lang))
        return format_compact_zh(value, unit, digits, lang, buf, size);
    return format_compact(value, unit, digits, buf, size);
}

const char *lang_qualifier_word(Lang lang, ValueQualifier qualifier)
{
    if (qualifier == VALUE_AT_LEAST)
        return lang_pick(lang, "over ", "逾");
    if (qualifier == VALUE_ABOUT)
        return lang_pick(lang, "about ", "約");
    return "";
}

char *format_qualified_lang(double value, const char *unit, int digits,
                            ValueQualifier qualifier, Lang lang, char *buf,
                            size_t size)
{
    char v[64];
    format_compact_lang(value, unit, digits, lang, v, sizeof v);
    snprintf(buf, size, "%s%s", lang_qualifier_word(lang, qualifier), v);
    return buf;
}

char *format_month_year_lang(long days, Lang lang, char *buf, size_t size)
{
    if (!lang_is_chinese(lang))
        return format_month_year(days, buf, size);
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    snprintf(buf, size, "%d年%d月", y, m);
    return buf;
}

char *format_period_lang(long days, DatePrecision prec, Lang lang,
                         char *buf, size_t size)
{
    int y, m, d;
    date_to_ymd(days, &y, &m, &d);
    int zh = lang_is_chinese(lang), q = (m - 1) / 3 + 1;
    if (prec == DATE_QUARTER && zh)
        snprintf(buf, size, "%d年第%d季", y, q);
    else if (prec == DATE_QUARTER)
        snprintf(buf, size, "Q%d %d", q, y);
    else if (prec == DATE_YEAR)
        snprintf(buf, size, zh ? "%d年" : "%d", y);
    else
        format_month_year_lang(days, lang, buf, size);
    return buf;
}

char *format_metric_name_lang(const char *metric, Lang lang, char *buf,
                              size_t size)
{
    const char *zh = lang_is_chinese(lang)
                         ? lang_text(lang, format_metric_known(metric, 1))
                         : NULL;
    if (zh) {
        snprintf(buf, size, "%s", zh);
        return buf;
    }
    return format_metric_name(metric, buf, size);
}

char *format_duration_lang(double years, Lang lang, char *buf, size_t size)
{
    if (!lang_is_chinese(lang))
        return format_duration(years, buf, size);
    if (!isfinite(years) || years <= 0)
        snprintf(buf, size, "%s", lang_pick(lang, "never", "不會"));
    else if (years < 2)
        snprintf(buf, size, lang_pick(lang, "%.1f months", "%.1f個月"),
                 years * 12);
    else
        snprintf(buf, size, "%.1f年", years);
    return buf;
}

const char *unit_word_lang(const char *unit, Lang lang)
{
    if (!unit || !unit[0] || !strcmp(unit, "users"))
        return "";
    if (lang_is_chinese(lang)) {
        const char *word = lang_text(lang, currency_word(unit));
        return word[0] ? word : unit;
    }
    return unit;
}
