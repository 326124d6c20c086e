/* report_labels.c - the report's localised labels (see report_labels.h). */
#include "report_labels.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <ctype.h>
#include <string.h>

#include "format.h"

void label_append(char *buf, size_t size, const char *fmt, ...)
{
    size_t len = strlen(buf);
    if (len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + len, size - len, fmt, ap);
    va_end(ap);
}

char *label_date(Lang lang, long days, DatePrecision prec, char *buf,
                 size_t size)
{
    if (!lang_is_chinese(lang))
        return format_date(days, prec, buf, size);
    int y, m, dd;
    date_to_ymd(days, &y, &m, &dd);
    if (prec == DATE_YEAR)
        snprintf(buf, size, "%d年", y);
    else if (prec == DATE_QUARTER)
        snprintf(buf, size, "%d年第%d季", y, (m - 1) / 3 + 1);
    else if (prec == DATE_MONTH)
        snprintf(buf, size, "%d年%d月", y, m);
    else
        snprintf(buf, size, "%d年%d月%d日", y, m, dd);
    return buf;
}

char *label_day(Lang lang, time_t t, char *buf, size_t size)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    return label_date(lang,
                      date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
                                    tm.tm_mday),
                      DATE_DAY, buf, size);
}

char *label_value(Lang lang, double v, const char *unit, char *buf,
                  size_t size)
{
    if (!isfinite(v))
        snprintf(buf, size, EN_DASH);
    else
        format_compact_lang(v, unit, 3, lang, buf, size);
    return buf;
}

char *label_point_value(Lang lang, const Series *s, size_t k, char *buf,
                        size_t size)
{
    if (!isfinite(s->value[k]))
        snprintf(buf, size, EN_DASH);
    else
        format_qualified_lang(s->value[k], s->unit, 3, series_qualifier(s, k),
                              lang, buf, size);
    return buf;
}

char *label_level(double level, char *buf, size_t size)
{
    snprintf(buf, size, "%g%%", round(level * 1000) / 10);
    return buf;
}

char *label_percent(double rate, char *buf, size_t size)
{
    if (isfinite(rate))
        format_percent(rate, buf, size);
    else
        snprintf(buf, size, EN_DASH);
    return buf;
}

char *label_growth(double rate, char *buf, size_t size)
{
    if (rate >= 1) {
        snprintf(buf, size, "%.1f\xc3\x97", 1 + rate);
        return buf;
    }
    char p[32];
    format_percent(fabs(rate), p, sizeof p);
    snprintf(buf, size, "%s", p + (p[0] == '+' || p[0] == '-'));
    return buf;
}

const char *label_model(Lang lang, Model m)
{
    switch (m) {
    case MODEL_EXP: return lang_pick(lang, "exponential", "指數");
    case MODEL_LINEAR: return lang_pick(lang, "linear", "線性");
    case MODEL_LOGISTIC: return lang_pick(lang, "logistic", "邏輯");
    case MODEL_DAMPED: return lang_pick(lang, "damped", "趨緩");
    default: return EN_DASH;
    }
}

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

/* The first word of a phrase is a proper name's (see label_lower_first). */
static int starts_with_proper_name(const char *phrase)
{
    size_t word = strcspn(phrase, " ");
    for (size_t i = 1; i < word; i++)
        if (is_upper(phrase[i]))
            return 1;
    return phrase[word] == ' ' && is_upper(phrase[word + 1]);
}

char *label_why(Lang lang, const SeriesAnalysis *a, char *buf, size_t size)
{
    if (!lang_is_chinese(lang) || a->status == TREND_OK)
        snprintf(buf, size, "%s", analysis_why(a));
    else if (a->status == TREND_NOT_ASKED)
        snprintf(buf, size, "%s", lang_pick(lang, "", "未要求推估趨勢"));
    else if (a->status == TREND_UNVERIFIED)
        snprintf(buf, size, "%s", lang_pick(lang, "", "沒有已查證的資料點可推估"));
    else if (a->status == TREND_TOO_FEW && a->count == 0)
        snprintf(buf, size, "%s", lang_pick(lang, "", "無觀測值"));
    else if (a->status == TREND_TOO_FEW)
        snprintf(buf, size, lang_pick(lang, "", "%zu個資料點，不足以推估趨勢"),
                 a->count);
    else
        snprintf(buf, size, lang_pick(lang, "", "無法配適趨勢：%s"),
                 analysis_why(a));
    return buf;
}

const char *label_gap_before(const char *text)
{
    unsigned char c = (unsigned char)text[0];
    return c < 0x80 && isalnum(c) ? " " : "";
}

const char *label_gap_after(const char *text)
{
    size_t n = strlen(text);
    unsigned char c = n ? (unsigned char)text[n - 1] : 0;
    return c && c < 0x80 && c != ' ' ? " " : "";
}

void label_lower_first(Lang lang, char *metric)
{
    if (lang_base(lang) == LANG_EN && is_upper(metric[0]) &&
        !starts_with_proper_name(metric))
        metric[0] = (char)(metric[0] - 'A' + 'a');
}
