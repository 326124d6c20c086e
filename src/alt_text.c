/* alt_text.c - a chart's description in words (see alt_text.h). */
#include "alt_text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "report_labels.h"
#include "simplified.h"
#include "util.h"

typedef struct {
    const ChartRequest *req;
    const ChartBuilt *c;
    Lang lang;
    int zh;
    size_t named[ALT_TEXT_MAX_NAMED];
    size_t n_named, more;  /* more: series drawn but not named */
    char *buf;
    size_t size;
    char names[4][256];    /* series_name's, in turn */
    int next_name;
} Alt;

static const char *tr(const Alt *t, const char *en, const char *zh)
{
    return lang_pick(t->lang, en, zh);
}

/* A series' name as the text says it: its company, and on a chart of
 * two metrics its metric too ("ChatGPT (weekly active users)"). Up to
 * four names may be used at once. */
static const char *series_name(Alt *t, const Series *s)
{
    if (t->c->n_metrics < 2)
        return s->company;
    char metric[160];
    format_metric_name_lang(s->metric, t->lang, metric, sizeof metric);
    label_lower_first(t->lang, metric);
    char *buf = t->names[t->next_name++ % 4];
    snprintf(buf, sizeof t->names[0], t->zh ? "%s（%s）" : "%s (%s)",
             s->company, metric);
    return buf;
}

static double latest_of(const Series *s)
{
    return s->n ? s->value[s->n - 1] : -INFINITY;
}

/* The series to name: for a line chart those drawn in colour, the
 * largest latest values first (ties in the chart's order); the rest are
 * counted. */
static void pick_named(Alt *t)
{
    const ChartBuilt *c = t->c;
    for (size_t i = 0; i < c->n; i++) {
        if (c->series[i]->n == 0)
            continue;
        int grey = t->req->kind == CHART_LINE && c->context && c->context[i];
        double v = latest_of(c->series[i]);
        size_t k = t->n_named;
        while (k > 0 && !grey && latest_of(c->series[t->named[k - 1]]) < v)
            k--;
        if (grey || k == ALT_TEXT_MAX_NAMED) {
            t->more++;
            continue;
        }
        if (t->n_named == ALT_TEXT_MAX_NAMED)
            t->more++; /* the smallest named one drops out */
        else
            t->n_named++;
        memmove(&t->named[k + 1], &t->named[k],
                (t->n_named - 1 - k) * sizeof t->named[0]);
        t->named[k] = i;
    }
}

static void say(Alt *t, const char *fmt, const char *a, const char *b)
{
    label_append(t->buf, t->size, fmt, a, b);
}

/* What stands between the k-th of n names and the one before it, given
 * the one before (prev) and it (next): ", " or " and "; in Chinese "、"
 * or 與, spaced from a Latin name only ("OpenAI 與 Anthropic",
 * "（週活躍用戶）與 ChatGPT"). */
static const char *name_sep(const Alt *t, size_t k, size_t n,
                            const char *prev, const char *next, char *buf,
                            size_t size)
{
    if (k == 0)
        return "";
    if (k + 1 < n || t->more)
        return tr(t, ", ", "、");
    if (!t->zh)
        return " and ";
    snprintf(buf, size, "%s與%s", label_gap_after(prev),
             label_gap_before(next));
    return buf;
}

/* " and 2 more" / "及其他2家", spaced from what was said last only when
 * that is Latin. */
static void say_more(Alt *t)
{
    if (t->zh)
        label_append(t->buf, t->size, "%s及其他%zu家",
                     label_gap_after(t->buf), t->more);
    else
        label_append(t->buf, t->size, " and %zu more", t->more);
}

/* "A, B and C" / "A、B 與 C", or "A, B and 2 more" / "A、B 及其他2家". */
static void say_names(Alt *t)
{
    const char *prev = "";
    for (size_t k = 0; k < t->n_named; k++) {
        char sep[16];
        const char *name = series_name(t, t->c->series[t->named[k]]);
        say(t, "%s%s", name_sep(t, k, t->n_named, prev, name, sep, sizeof sep),
            name);
        prev = name;
    }
    if (t->more)
        say_more(t);
}

/* "$47B (May 2026)" / "470億美元（2026年5月）": point k as the chart's
 * labels give it. */
static void point_words(const Alt *t, const Series *s, size_t k, char *buf,
                        size_t size)
{
    char v[64], when[48];
    label_point_value(t->lang, s, k, v, sizeof v);
    format_period_lang(s->date[k], (DatePrecision)s->precision[k], t->lang,
                       when, sizeof when);
    snprintf(buf, size, t->zh ? "%s（%s）" : "%s (%s)", v, when);
}

/* A rebased chart's latest value as its label gives it: "; 37.5× its
 * Jan 2025 value" / "，為2025年1月的37.5倍", or "; index 3750 (Jan 2025
 * = 100)", so the words carry the number the chart shows. */
static void say_rebased_latest(Alt *t, const SeriesAnalysis *a)
{
    const ChartBuilt *c = t->c;
    if (!c->rebase || a->n == 0)
        return;
    double v = a->latest * c->rebase[a - c->analyses];
    char when[48], num[64];
    format_month_year_lang(c->rebase_at, t->lang, when, sizeof when);
    format_compact_lang(v, "", 3, t->lang, num, sizeof num);
    if (t->req->growth && t->zh)
        label_append(t->buf, t->size, "，為%s的%s倍", when, num);
    else if (t->req->growth)
        label_append(t->buf, t->size, ", %s\xc3\x97 its %s value", num, when);
    else if (t->zh)
        label_append(t->buf, t->size, "，指數%s（%s = %g）", num, when,
                     t->req->index_base);
    else
        label_append(t->buf, t->size, ", index %s (%s = %g)", num, when,
                     t->req->index_base);
}

/* "rose from $100M (Dec 2023) to $47B (May 2026), about 12.9× a year":
 * the fit window's first and latest points and the analysis' observed
 * growth a year between them (its CAGR). */
static void say_growth(Alt *t, const SeriesAnalysis *a)
{
    const Series *s = a->s;
    size_t last = a->n - 1, first = a->count > 0 ? a->first : 0;
    char from[128], to[128];
    point_words(t, s, last, to, sizeof to);
    if (first >= last) {
        say(t, "%s%s", tr(t, ": ", "："), to);
        return;
    }
    point_words(t, s, first, from, sizeof from);
    double rate = a->cagr;
    int fell = isfinite(rate) && rate < 0;
    say(t, t->zh ? (fell ? "從%s減至%s" : "從%s增至%s")
                 : (fell ? " fell from %s to %s" : " rose from %s to %s"),
        from, to);
    if (isfinite(rate)) {
        char grow[48];
        label_growth(rate, grow, sizeof grow);
        if (t->zh && rate >= 1)
            label_append(t->buf, t->size, "，平均每年約為前一年的%.1f倍",
                         1 + rate);
        else if (t->zh)
            say(t, "，平均每年約%s%s", fell ? "減少" : "成長", grow);
        else
            say(t, ", about %s a year%s", grow, "");
    }
    say_rebased_latest(t, a);
}

/* Line charts: "Line chart: Anthropic's run-rate revenue rose …" for one
 * company, else "Line chart of run-rate revenue: A, B and C. A rose …; B
 * rose …." */
static void say_line_series(Alt *t, const char *metric)
{
    const ChartBuilt *c = t->c;
    if (t->n_named == 1 && !t->more) {
        const char *name = series_name(t, c->series[t->named[0]]);
        if (t->zh)
            label_append(t->buf, t->size, "折線圖：%s%s的%s%s", name,
                         label_gap_after(name), label_gap_before(metric),
                         metric);
        else
            say(t, "Line chart: %s's %s", name, metric);
        say_growth(t, &c->analyses[t->named[0]]);
        say(t, "%s%s", tr(t, ".", "。"), "");
        return;
    }
    if (c->facet == FACET_COMPANY)
        say(t, tr(t, "Small multiples of %s, a panel per company: ",
                  "%s分格折線圖，每家公司一格："),
            metric, "");
    else if (c->facet == FACET_METRIC)
        say(t, tr(t, "Line charts of %s, a panel per metric on one time "
                     "axis: ",
                  "%s折線圖，每個指標一格，共用時間軸："),
            metric, "");
    else
        say(t, tr(t, "Line chart of %s: ", "折線圖，%s："), metric, "");
    say_names(t);
    say(t, "%s%s", tr(t, ".", "。"), "");
    for (size_t k = 0; k < t->n_named; k++) {
        const char *name = series_name(t, c->series[t->named[k]]);
        say(t, "%s%s", k ? tr(t, "; ", "；") : tr(t, " ", ""), name);
        if (t->zh)
            say(t, "%s%s", label_gap_after(name), "");
        say_growth(t, &c->analyses[t->named[k]]);
    }
    say(t, "%s%s", tr(t, ".", "。"), "");
}

/* The first crossing the analyses find among the named series, as the
 * report's caption words it. */
static void say_crossing(Alt *t)
{
    const ChartBuilt *c = t->c;
    Crossing x;
    if (analysis_crossings(c->analyses, c->n, c->context, 0, &x, 1) == 0)
        return;
    const SeriesAnalysis *a = &c->analyses[x.lead];
    const SeriesAnalysis *b = &c->analyses[x.other];
    if (x.passed) {
        char va[128], vb[128];
        point_words(t, a->s, a->n - 1, va, sizeof va);
        point_words(t, b->s, b->n - 1, vb, sizeof vb);
        say(t, tr(t, " %s has passed %s", "%s 已超越 %s"), series_name(t, a->s),
            series_name(t, b->s));
        say(t, tr(t, ": %s against %s.", "：%s對%s。"), va, vb);
        return;
    }
    const char *riser = x.c.a_leads ? series_name(t, b->s) : series_name(t, a->s);
    const char *leader = x.c.a_leads ? series_name(t, a->s) : series_name(t, b->s);
    char when[48];
    format_month_year_lang(date_from_years(x.c.t), t->lang, when,
                           sizeof when);
    if (t->zh)
        label_append(t->buf, t->size, "依目前趨勢，%s 約於 %s 超越 %s。",
                     riser, when, leader);
    else
        label_append(t->buf, t->size,
                     " At these trends, %s would pass %s around %s.", riser,
                     leader, when);
}

/* Why series a shows no projection, in the chart label's words; "" when
 * none was asked for or its horizon is not past its data. */
static void no_trend_words(const Alt *t, const SeriesAnalysis *a, char *buf,
                           size_t size)
{
    buf[0] = '\0';
    if (a->status == TREND_TOO_FEW && a->count > 0)
        snprintf(buf, size,
                 t->zh ? "%zu個資料點，不足以推估趨勢"
                       : "%zu point%s: too few for a trend",
                 a->count, t->zh || a->count == 1 ? "" : "s");
    else if (a->status == TREND_OK && a->too_uncertain)
        snprintf(buf, size, "%s",
                 tr(t, "trend too uncertain to project",
                    "趨勢過於不確定，不予推估"));
    else if (a->status == TREND_FAILED)
        label_why(t->lang, a, buf, size);
}

/* "Trend (80% interval): A $160B–$540B by May 2027; B …." with the
 * chart label's figures, then "No trend for C (…)." per named series
 * without one. */
static void say_trends(Alt *t)
{
    const ChartBuilt *c = t->c;
    int single = t->n_named == 1 && !t->more;
    size_t said = 0;
    for (size_t k = 0; k < t->n_named; k++) {
        const SeriesAnalysis *a = &c->analyses[t->named[k]];
        if (!chart_line_projects(a, 0))
            continue;
        const Series *s = a->s;
        char lo[64], hi[64], end[48], lev[16];
        /* A rebased chart's numbers, as its labels give them. */
        double f = c->rebase ? c->rebase[t->named[k]] : 1;
        const char *unit = c->rebase ? "" : s->unit;
        format_compact_lang(a->lo * f, unit, 2, t->lang, lo, sizeof lo);
        format_compact_lang(a->hi * f, unit, 2, t->lang, hi, sizeof hi);
        if (c->rebase && t->req->growth) {
            label_append(lo, sizeof lo, "\xc3\x97");
            label_append(hi, sizeof hi, "\xc3\x97");
        }
        format_drop_shared_unit(lo, hi);
        format_month_year_lang(a->horizon, t->lang, end, sizeof end);
        if (said++ == 0) {
            label_level(t->req->level, lev, sizeof lev);
            say(t, tr(t, " Trend (%s interval):", "趨勢（%s區間）："), lev,
                "");
        } else {
            say(t, "%s%s", tr(t, ";", "；"), "");
        }
        if (!t->zh)
            say(t, " %s%s", single ? "" : series_name(t, s), single ? "" : " ");
        else if (!single) {
            const char *name = series_name(t, s);
            say(t, "%s%s", name, label_gap_after(name));
        }
        if (isfinite(a->t_ceiling))
            label_append(t->buf, t->size,
                         t->zh ? "觸及上限%s（%s）" : "capped at %s by %s", hi,
                         end);
        else
            label_append(t->buf, t->size,
                         t->zh ? "%s–%s（%s）" : "%s" EN_DASH "%s by %s", lo,
                         hi, end);
    }
    if (said)
        say(t, "%s%s", tr(t, ".", "。"), "");
    for (size_t k = 0; k < t->n_named; k++) {
        const SeriesAnalysis *a = &c->analyses[t->named[k]];
        char why[300];
        no_trend_words(t, a, why, sizeof why);
        if (!why[0])
            continue;
        if (single)
            say(t, tr(t, " No trend (%s).", "無趨勢（%s）。"), why, "");
        else if (t->zh)
        {
            const char *name = series_name(t, a->s);
            label_append(t->buf, t->size, "%s%s無趨勢（%s）。", name,
                         label_gap_after(name), why);
        }
        else
            say(t, " No trend for %s (%s).", series_name(t, a->s), why);
    }
}

/* "Bar chart of the latest run-rate revenue, largest first: A $47B (May
 * 2026), B $25B (Feb 2026) and 3 more." */
static void say_bars(Alt *t, const char *metric)
{
    say(t, tr(t, "Bar chart of the latest %s, largest first: ",
              "長條圖，各公司最新%s，由大到小："),
        metric, "");
    const char *prev = "";
    for (size_t k = 0; k < t->n_named; k++) {
        const Series *s = t->c->series[t->named[k]];
        char v[128];
        point_words(t, s, s->n - 1, v, sizeof v);
        const char *name = series_name(t, s);
        char sep[16];
        label_append(t->buf, t->size, "%s%s%s%s",
                     name_sep(t, k, t->n_named, prev, name, sep, sizeof sep),
                     name, t->zh ? label_gap_after(name) : " ", v);
        prev = name;
    }
    if (t->more)
        say_more(t);
    say(t, "%s%s", tr(t, ".", "。"), "");
}

/* "Milestone chart: when each company's run-rate revenue reaches $100B.
 * Anthropic: Aug 2026 (80%: Aug–Sep 2026); Perplexity: not by …." Every
 * row in the chart's order and words. */
static void say_milestones(Alt *t)
{
    const ChartBuilt *c = t->c;
    const ChartRequest *req = t->req;
    char title[240], words[200];
    chart_milestones_title(req->metric, req->target, c->unit, t->lang,
                           title, sizeof title);
    if (!t->zh && title[0])
        title[0] = (char)(title[0] - 'A' + 'a');
    say(t, tr(t, "Milestone chart: %s.", "里程碑圖：%s。"), title, "");
    size_t *order = xmalloc_array(c->n + 1, sizeof *order);
    chart_milestones_order(c->milestones, c->analyses, c->n, order);
    for (size_t k = 0; k < c->n; k++) {
        size_t i = order[k];
        chart_milestone_words(&c->milestones[i], &c->analyses[i],
                              req->target, req->level > 0 ? req->level : 0.8,
                              t->lang, words, sizeof words);
        say(t, "%s%s", k ? tr(t, "; ", "；") : tr(t, " ", ""),
            series_name(t, c->series[i]));
        say(t, tr(t, ": %s", "：%s"), words, "");
    }
    say(t, "%s%s", tr(t, ".", "。"), "");
    free(order);
}

/* zh-CN: the words are put together in zh-TW with zh-CN's numbers and
 * dates, then converted whole, names and all, as lang_text would. */
static char *simplify_if_mainland(Alt *t)
{
    const char *simple =
        lang_base(t->lang) == LANG_ZH_CN ? simplified_text(t->buf) : t->buf;
    if (simple != t->buf) /* ASCII text comes back as it is */
        snprintf(t->buf, t->size, "%s", simple);
    return t->buf;
}

char *alt_text_write(const ChartRequest *req, const ChartBuilt *chart,
                     char *buf, size_t size)
{
    Alt t = {.req = req, .c = chart, .lang = req->lang,
             .zh = lang_is_chinese(req->lang), .buf = buf, .size = size};
    buf[0] = '\0';
    pick_named(&t);
    if (t.n_named == 0)
        return buf;
    char metric[300];
    snprintf(metric, sizeof metric, "%s", chart->metric_name);
    label_lower_first(req->lang, metric);
    if (chart->rebase) {
        char when[48];
        format_month_year_lang(chart->rebase_at, req->lang, when,
                               sizeof when);
        if (req->growth)
            label_append(metric, sizeof metric,
                         t.zh ? "（%s起的倍數）"
                              : " as a multiple of its value in %s",
                         when);
        else
            label_append(metric, sizeof metric,
                         t.zh ? "（指數，起點 = %g，%s）"
                              : " as an index (start = %g in %s)",
                         req->index_base, when);
    }
    if (req->kind == CHART_MILESTONES && chart->milestones) {
        say_milestones(&t);
        return simplify_if_mainland(&t);
    }
    if (req->kind == CHART_BAR) {
        say_bars(&t, metric);
        return simplify_if_mainland(&t);
    }
    say_line_series(&t, metric);
    if (chart->align_words[0])
        say(&t, "%s%s", t.zh ? "" : " ", chart->align_words);
    say_crossing(&t);
    say_trends(&t);
    return simplify_if_mainland(&t);
}
