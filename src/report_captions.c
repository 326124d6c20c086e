/* report_captions.c - the generated caption under a chart: each
 * series' observed growth, trend and projection, and the crossings. */
#include "report_captions.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_labels.h"
#include "theme.h"
#include "util.h"

/* The Chinese sentence puts the date before the name the English puts
 * first: zh_or(d, zh_word, en_word). */
static const char *zh_or(const Doc *d, const char *zh, const char *en)
{
    return lang_is_chinese(d->lang) ? zh : en;
}

/* " (past the default horizon)" or " (capped at world population)". */
/* A company's name as the report's language writes it. */
static const char *name_of(const Doc *d, const Series *s)
{
    return lang_text(d->lang, s->company);
}

/* Who a sentence is about: the company, and on a chart of two metrics
 * its metric too ("ChatGPT's monthly active users"). */
static void series_who(const Doc *d, const Series *s, int with_metric,
                       char *buf, size_t size)
{
    if (!with_metric) {
        snprintf(buf, size, "%s", name_of(d, s));
        return;
    }
    char metric[200];
    format_metric_name_lang(s->metric, d->lang, metric, sizeof metric);
    label_lower_first(d->lang, metric);
    snprintf(buf, size, L(d, "%s's %s", "%s 的%s"), name_of(d, s), metric);
}

/* Whether the chart's series are of more than one metric. */
static int two_metrics(const ReportChart *ch)
{
    for (size_t i = 1; i < ch->n_series; i++)
        if (strcmp(ch->series[i]->metric, ch->series[0]->metric) != 0)
            return 1;
    return 0;
}

static void flag_words(const Doc *d, const SeriesAnalysis *a, char *buf,
                       size_t size)
{
    buf[0] = '\0';
    if (isfinite(a->t_ceiling)) {
        char v[48];
        label_value(d->lang, a->ceiling, a->s->unit, v, sizeof v);
        if (strcmp(a->ceiling_what, "world population") == 0)
            snprintf(buf, size, L(d, ", capped at world population (%s)",
                                  "，以世界人口（%s）為上限"), v);
        else
            snprintf(buf, size, L(d, ", capped at %s", "，以%s為上限"), v);
    } else if (a->beyond_default) {
        snprintf(buf, size, "%s",
                 L(d, ", past the default horizon", "，超出預設推估期"));
    }
}

/* One series' sentence: observed growth over the window, the trend's
 * current rate, and its projection; or why it has no trend. */
static void series_sentence(Doc *d, const SeriesAnalysis *a,
                            int with_metric, char *out, size_t size)
{
    const Series *s = a->s;
    char metric[200], first[48], last[48], grow[48], dur[48], when[48],
        lo[48], hi[48], lev[16], flag[128];
    format_metric_name_lang(s->metric, d->lang, metric, sizeof metric);
    label_lower_first(d->lang, metric);
    int zh = lang_is_chinese(d->lang);
    if (!doc_fitted(a)) {
        char who[300];
        series_who(d, s, with_metric, who, sizeof who);
        if (a->status == TREND_TOO_FEW && a->count > 0)
            snprintf(out, size,
                     L(d, "%s: %zu point%s, too few for a trend.",
                       "%s：%zu個資料點%s，不足以推估趨勢。"),
                     who, a->count, zh || a->count == 1 ? "" : "s");
        else
            out[0] = '\0';
        return;
    }
    label_date(d->lang, s->date[a->first], s->precision[a->first], first,
               sizeof first);
    label_date(d->lang, a->latest_date, s->precision[a->n - 1], last,
               sizeof last);
    format_month_year_lang(a->horizon, d->lang, when, sizeof when);
    label_value(d->lang, a->lo, s->unit, lo, sizeof lo);
    label_value(d->lang, a->hi, s->unit, hi, sizeof hi);
    format_drop_shared_unit(lo, hi);
    label_level(d->level, lev, sizeof lev);
    flag_words(d, a, flag, sizeof flag);
    char observed[256] = "";
    if (isfinite(a->cagr)) {
        label_growth(a->cagr, grow, sizeof grow);
        if (zh && a->cagr >= 1)
            snprintf(observed, sizeof observed,
                     lang_text(d->lang, "在%s至%s間，平均每年為"
                                        "前一年的%.1f倍"),
                     first, last,
                     1 + a->cagr);
        else if (zh)
            snprintf(observed, sizeof observed,
                     lang_text(d->lang, "在%s至%s間，平均每年%s%s"), first,
                     last, lang_text(d->lang, a->cagr < 0 ? "減少" : "成長"),
                     grow);
        else
            snprintf(observed, sizeof observed,
                     "%s %s a year over %s " ELLIPSIS " %s",
                     a->cagr < 0 ? "fell" : "grew", grow, first, last);
    }
    if (a->too_uncertain) {
        double factor = a->hi / a->lo; /* too_uncertain implies lo > 0 */
        if (zh)
            snprintf(out, size,
                     lang_text(d->lang, "%s 的%s%s%s%s趨勢過於不確定，不予"
                                        "推估（%s區間相差%.0f倍）。"),
                     name_of(d, s), label_gap_before(metric), metric,
                     observed, observed[0] ? "；" : "：",
                     lev, factor);
        else
            snprintf(out, size, "%s's %s%s%s%sthe trend is too uncertain "
                     "to project (its %s interval spans a factor of %.0f).",
                     name_of(d, s), metric, observed[0] ? " " : "", observed,
                     observed[0] ? "; " : ": ",
                     lev, factor);
        return;
    }
    char rate[160] = "";
    if (isfinite(a->doubling_years) && a->doubling_years > 0) {
        format_duration_lang(a->doubling_years, d->lang, dur, sizeof dur);
        snprintf(rate, sizeof rate,
                 L(d, "at the trend's current rate it doubles every %s; ",
                   "依目前趨勢約每%s翻倍；"),
                 dur);
    }
    if (zh)
        snprintf(out, size,
                 lang_text(d->lang,
                           "%s 的%s%s%s%s%s推估%s達%s至%s（%s區間%s）。"),
                 name_of(d, s), label_gap_before(metric), metric, observed,
                 observed[0] ? "；" : "：",
                 rate, when, lo, hi, lev, flag);
    else
        snprintf(out, size, "%s's %s%s%s%s%sby %s it projects %s" EN_DASH
                 "%s (%s interval%s).",
                 name_of(d, s), metric, observed[0] ? " " : "", observed,
                 observed[0] ? "; " : ": ",
                 rate, when, lo, hi, lev, flag);
}

/* A month bound of a date interval: "before" the start or "after" the
 * end of the range searched when it lies outside. */
static void bound_label(Doc *d, double t, double t_edge, int upper,
                        char *buf, size_t size)
{
    char h[48];
    if (isfinite(t)) {
        format_month_year_lang(date_from_years(t), d->lang, buf, size);
        return;
    }
    format_month_year_lang(date_from_years(t_edge), d->lang, h, sizeof h);
    if (upper)
        snprintf(buf, size, L(d, "after %s", "%s之後"), h);
    else
        snprintf(buf, size, L(d, "before %s", "%s之前"), h);
}

/* "Anthropic has passed OpenAI: $47B (May 2026) against $25B (Feb
 * 2026)." for a pair whose latest observations reverse their order in
 * the data; "At these trends, A would pass B around Mar 2026
 * (uncertainty of the trend lines: Feb to May 2026)." for a crossing
 * still ahead. Up to two pairs. */
static void crossing_sentences(Doc *d, const ReportChart *ch, char *out,
                               size_t size)
{
    Crossing found[2];
    size_t n = analysis_crossings(ch->analyses, ch->n_series, ch->context, 1,
                                  found, 2);
    for (size_t k = 0; k < n; k++) {
        const SeriesAnalysis *a = &ch->analyses[found[k].lead];
        const SeriesAnalysis *b = &ch->analyses[found[k].other];
        if (found[k].passed) {
            const SeriesAnalysis *lead = a, *other = b;
            char va[48], vb[48], da[48], db[48];
            label_point_value(d->lang, lead->s, lead->n - 1, va, sizeof va);
            label_point_value(d->lang, other->s, other->n - 1, vb,
                              sizeof vb);
            format_month_year_lang(lead->latest_date, d->lang, da,
                                   sizeof da);
            format_month_year_lang(other->latest_date, d->lang, db,
                                   sizeof db);
            label_append(out, size,
                         L(d, " %s has passed %s: %s (%s) against %s (%s).",
                           "%s 已超越 %s：%s（%s）對%s（%s）。"),
                         name_of(d, lead->s), name_of(d, other->s), va, da, vb,
                         db);
            continue;
        }
        const Comparison *c = &found[k].c;
        const char *riser = name_of(d, c->a_leads ? b->s : a->s);
        const char *leader = name_of(d, c->a_leads ? a->s : b->s);
        char when[48], lo[64], hi[64];
        format_month_year_lang(date_from_years(c->t), d->lang, when,
                               sizeof when);
        bound_label(d, c->lo, c->t_start, 0, lo, sizeof lo);
        bound_label(d, c->hi, c->t_end, 1, hi, sizeof hi);
        if (isinf(c->lo) && isinf(c->hi))
            label_append(
                out, size,
                L(d, " At these trends, %s would pass %s around %s, "
                     "though the trend lines leave the date uncertain.",
                  "依目前趨勢，%s 約於%s超越 %s，但趨勢線的不確定性"
                  "使日期難以確定。"),
                riser, zh_or(d, when, leader), zh_or(d, leader, when));
        else
            label_append(
                out, size,
                L(d, " At these trends, %s would pass %s around %s "
                     "(uncertainty of the trend lines: %s to %s).",
                  "依目前趨勢，%s 約於%s超越 %s（趨勢線的不確定"
                  "範圍：%s至%s）。"),
                riser, zh_or(d, when, leader), zh_or(d, leader, when),
                lo, hi);
    }
}

/* "Latest post-money valuation: Anthropic $965B (2026-05-28), …" for the
 * three largest. */
static void bar_caption(Doc *d, const ReportChart *ch, char *out, size_t size)
{
    size_t order[3], n = 0;
    for (size_t i = 0; i < ch->n_series; i++) {
        const Series *s = ch->series[i];
        if (s->n == 0)
            continue;
        size_t k = n < 3 ? n++ : 3;
        while (k > 0 && ch->series[order[k - 1]]->value[
                            ch->series[order[k - 1]]->n - 1] <
                            s->value[s->n - 1]) {
            if (k < 3)
                order[k] = order[k - 1];
            k--;
        }
        if (k < 3)
            order[k] = i;
    }
    if (n == 0)
        return;
    char metric[200];
    format_metric_name_lang(ch->series[order[0]]->metric, d->lang, metric,
                            sizeof metric);
    label_lower_first(d->lang, metric);
    label_append(out, size,
                 L(d, "Latest %s by company, largest first: ",
                   "各公司最新%s，由大到小："),
                 metric);
    for (size_t k = 0; k < n; k++) {
        const Series *s = ch->series[order[k]];
        char v[64], when[64];
        label_point_value(d->lang, s, s->n - 1, v, sizeof v);
        label_date(d->lang, s->date[s->n - 1], s->precision[s->n - 1], when,
                   sizeof when);
        label_append(out, size, L(d, "%s%s %s (%s)", "%s%s %s（%s）"),
                     k ? L(d, ", ", "、") : "", name_of(d, s), v,
                     when);
    }
    label_append(out, size, "%s", L(d, ".", "。"));
}

void report_caption(Doc *d, const ReportChart *ch, char *out,
                    size_t size)
{
    out[0] = '\0';
    if (ch->caption) {
        snprintf(out, size, "%s", ch->caption);
        return;
    }
    if (ch->bar) {
        bar_caption(d, ch, out, size);
        return;
    }
    size_t said = 0, more = 0;
    if (ch->alignment && ch->alignment[0])
        label_append(out, size, "%s", ch->alignment);
    char sentence[1024], why[300], who[300];
    int with_metric = two_metrics(ch);
    /* Series with a trend first, then those without, each saying why. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < ch->n_series; i++) {
            const SeriesAnalysis *a = &ch->analyses[i];
            if (doc_fitted(a) != (pass == 0) || a->n == 0)
                continue;
            if (said == 3 || (ch->context && ch->context[i])) {
                more++;
                continue;
            }
            series_sentence(d, a, with_metric, sentence, sizeof sentence);
            series_who(d, a->s, with_metric, who, sizeof who);
            if (!sentence[0] && a->status == TREND_NOT_ASKED) {
                /* model = none: the chart is of the data; say its latest. */
                char value[64], when[64];
                label_point_value(d->lang, a->s, a->n - 1, value,
                                  sizeof value);
                label_date(d->lang, a->latest_date,
                           a->s->precision[a->n - 1], when, sizeof when);
                snprintf(sentence, sizeof sentence,
                         L(d, "%s: %s (%s).", "%s：%s（%s）。"), who,
                         value, when);
            } else if (!sentence[0]) {
                snprintf(sentence, sizeof sentence,
                         L(d, "%s: no trend (%s).", "%s：無趨勢（%s）。"),
                         who, label_why(d->lang, a, why, sizeof why));
            }
            label_append(out, size, "%s%s",
                         out[0] && lang_base(d->lang) == LANG_EN ? " " : "",
                         sentence);
            said++;
        }
    }
    if (more)
        label_append(out, size,
                     L(d, " %zu more series in the key figures.",
                       "其餘%zu個數列見關鍵數據。"),
                     more);
    crossing_sentences(d, ch, out, size);
}

void report_method_sentence(Doc *d, const ReportChart *ch, char *out,
                            size_t size)
{
    out[0] = '\0';
    if (ch->bar || !ch->analyses) {
        snprintf(out, size, "%s",
                 L(d, "Method: the latest reported value of each company; "
                      "no trend is fitted.",
                   "方法：各公司最新公布的數值，不擬合趨勢。"));
        return;
    }
    int used[MODEL_COUNT] = {0};
    char models[160] = "";
    for (size_t i = 0; i < ch->n_series; i++) {
        const SeriesAnalysis *a = &ch->analyses[i];
        if (!doc_fitted(a) || a->fit.model >= MODEL_COUNT ||
            used[a->fit.model])
            continue;
        used[a->fit.model] = 1;
        label_append(models, sizeof models, "%s%s",
                     models[0] ? L(d, ", ", "、") : "",
                     label_model(d->lang, a->fit.model));
    }
    char lev[16];
    label_level(d->level, lev, sizeof lev);
    if (!models[0]) {
        snprintf(out, size, "%s",
                 L(d, "Method: observed values only; no series has a trend "
                      "to project.",
                   "方法：僅列觀測值；沒有數列可推估趨勢。"));
        return;
    }
    snprintf(out, size,
             L(d, "Method: each series' trend (%s) is fitted by least "
                  "squares to the observations in its window and projected "
                  "from its latest observation; the band is the %s "
                  "prediction interval. The report's method section has "
                  "the details.",
               "方法：各數列的趨勢（%s）以最小平方法配適其配適範圍內的觀測值，"
               "並自最新觀測值起推估；陰影帶為%s預測區間。詳見報告的方法一節。"),
             models, lev);
}
