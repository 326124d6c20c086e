/* project_words.c - values, dates and the analyses' findings in words,
 * and auto's candidates, for every format of `aigrowth project`.
 *
 * Dates the analyses estimate (a crossing, a target, the ends of their
 * intervals) are rounded to the month in the table and the sentences: the
 * trend lines do not know the day. CSV and JSON also give them as days
 * and as years (%.17g). */
#include "project_words.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "i18n.h"
#include "json.h"
#include "report_labels.h"
#include "util.h"


/* ---- values and dates ------------------------------------------------ */

static int has_symbol(const char *unit)
{
    static const char *const symbol[] = {"USD", "$", "US$", "EUR", "GBP"};
    for (size_t i = 0; i < sizeof symbol / sizeof symbol[0]; i++)
        if (ascii_casecmp(unit, symbol[i]) == 0)
            return 1;
    return 0;
}

/* "$47B", "€3M", "800M" (users), "45%", "12B CNY"; "470億美元" in
 * Chinese; "-" when not finite. */
char *project_value_text(Lang lang, double v, const char *unit, char *buf,
                         size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "-");
        return buf;
    }
    if (lang_is_chinese(lang))
        return format_compact_lang(v, unit, 3, lang, buf, size);
    char num[40];
    format_compact(v, unit, 3, num, sizeof num);
    if (strcmp(unit, "%") == 0)
        snprintf(buf, size, "%s%%", num);
    else if (unit[0] && !has_symbol(unit) && strcmp(unit, "users") != 0)
        snprintf(buf, size, "%s %s", num, unit);
    else
        snprintf(buf, size, "%s", num);
    return buf;
}

char *project_percent_text(double rate, char *buf, size_t size)
{
    if (!isfinite(rate))
        snprintf(buf, size, "-");
    else
        format_percent(rate, buf, size);
    return buf;
}

/* The month nearest a day: an estimated date, rounded. */
static char *month_of_day(Lang lang, long day, char *buf, size_t size)
{
    int y, m, d;
    date_to_ymd(date_nearest_month(day), &y, &m, &d);
    return label_date(lang, date_from_ymd(y, m, 1), DATE_MONTH, buf, size);
}

static char *month_of(Lang lang, double t, char *buf, size_t size)
{
    return month_of_day(lang, date_from_years(t), buf, size);
}

/* A day set by the data or the options (a horizon, the start of a
 * search): its month when it is the first, else the day. Not rounded. */
char *project_day_label(Lang lang, long day, char *buf, size_t size)
{
    int y, m, d;
    date_to_ymd(day, &y, &m, &d);
    return label_date(lang, day, d == 1 ? DATE_MONTH : DATE_DAY, buf, size);
}

/* An observation's date as its file gave it. */
static char *obs_date(Lang lang, const Series *s, long day, char *buf,
                      size_t size)
{
    DatePrecision prec = DATE_DAY;
    for (size_t i = 0; i < s->n; i++)
        if (s->date[i] == day) {
            prec = (DatePrecision)s->precision[i];
            break;
        }
    return label_date(lang, day, prec, buf, size);
}

/* What the observation of that day says of itself: "over " / "逾" for a
 * lower bound, "about " / "約"; "" for an exact value or no such day. */
static const char *obs_qualifier(Lang lang, const Series *s, long day)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->date[i] == day)
            return lang_qualifier_word(lang, series_qualifier(s, i));
    return "";
}

char *project_iso_day(long day, char *buf, size_t size)
{
    return format_date(day, DATE_DAY, buf, size);
}

/* "2026-09 to 2027-01": the interval of an estimated date, from years;
 * an open end reads "before <start>" or "after <end>", both open
 * "uncertain"; "-" when there is none. */
static char *span_text(Lang lang, double lo, double hi, long start,
                       long end, char *buf, size_t size)
{
    char a[64], b[64], d[32];
    if (isnan(lo) || isnan(hi)) {
        snprintf(buf, size, "-");
        return buf;
    }
    if (isinf(lo) && isinf(hi)) {
        snprintf(buf, size, "%s", PW(lang, "uncertain", "不確定"));
        return buf;
    }
    if (isinf(lo))
        snprintf(a, sizeof a, PW(lang, "before %s", "%s之前"),
                 project_day_label(lang, start, d, sizeof d));
    else
        month_of(lang, lo, a, sizeof a);
    if (isinf(hi))
        snprintf(b, sizeof b, PW(lang, "after %s", "%s之後"),
                 project_day_label(lang, end, d, sizeof d));
    else
        month_of(lang, hi, b, sizeof b);
    snprintf(buf, size, PW(lang, "%s to %s", "%s至%s"), a, b);
    return buf;
}

/* ---- what the analyses found, in words ------------------------------- */

const char *project_compare_status(CompareStatus s)
{
    switch (s) {
    case COMPARE_CROSSES: return "crosses";
    case COMPARE_GAINS: return "gains";
    case COMPARE_DIVERGING: return "diverging";
    }
    return "?";
}

const char *project_target_status(const ProjectTarget *q)
{
    if (q->rc != 0)
        return "no_trend";
    switch (q->r.status) {
    case TARGET_OBSERVED: return "observed";
    case TARGET_AT: return "at";
    case TARGET_NOT_IN_HORIZON: return "not_in_horizon";
    case TARGET_NEVER: return "never";
    }
    return "?";
}

const SeriesAnalysis *project_leader(const Projection *p, const ProjectPair *q)
{
    return &p->rows[q->c.a_leads ? q->a : q->b];
}

const SeriesAnalysis *project_follower(const Projection *p,
                                       const ProjectPair *q)
{
    return &p->rows[q->c.a_leads ? q->b : q->a];
}

static long pair_start(const ProjectPair *q)
{
    return date_from_years(q->c.t_start);
}

long project_pair_end(const ProjectPair *q)
{
    return date_from_years(q->c.t_end);
}

/* Appends to buf (size bytes, *len used), truncating: a long company
 * name shortens the sentence, never overruns it. */
static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void append(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, size - *len, fmt, ap);
    va_end(ap);
    if (n > 0)
        *len = *len + (size_t)n < size ? *len + (size_t)n : size - 1;
}

/* "Anthropic is ahead: $47B (2026-05) against OpenAI's $25B (2026-02);
 * OpenAI would pass Anthropic around 2026-11". The one ahead is ahead
 * where the comparison starts, the later of the two latest observations:
 * when its own latest value is the smaller, it is ahead by its trend. */
char *project_compare_text(const Projection *p, const ProjectPair *q,
                           char *buf, size_t size)
{
    const Comparison *c = &q->c;
    const SeriesAnalysis *l = project_leader(p, q),
                         *f = project_follower(p, q);
    double vl = c->a_leads ? c->va : c->vb, vf = c->a_leads ? c->vb : c->va;
    long dl = c->a_leads ? c->da : c->db, df = c->a_leads ? c->db : c->da;
    Lang lang = p->lang;
    const char *lead = lang_text(lang, l->s->company);
    const char *follow = lang_text(lang, f->s->company);
    char bl[64], bf[64], sl[32], sf[32], d[32];
    size_t len = 0;
    buf[0] = '\0';
    if (vl < vf)
        append(buf, size, &len,
               PW(lang, "%s is ahead by its trend at %s: ",
                  "%s 依趨勢於%s領先："),
               lead, project_day_label(lang, pair_start(q), d, sizeof d));
    else
        append(buf, size, &len, PW(lang, "%s is ahead: ", "%s 領先："), lead);
    append(buf, size, &len,
           PW(lang, "%s%s (%s) against %s's %s%s (%s)",
              "%s%s（%s）對 %s 的%s%s（%s）"),
           obs_qualifier(lang, l->s, dl),
           project_value_text(lang, vl, l->s->unit, bl, sizeof bl),
           obs_date(lang, l->s, dl, sl, sizeof sl), follow,
           obs_qualifier(lang, f->s, df),
           project_value_text(lang, vf, f->s->unit, bf, sizeof bf),
           obs_date(lang, f->s, df, sf, sizeof sf));
    switch (c->status) {
    case COMPARE_CROSSES:
        append(buf, size, &len,
               PW(lang, "; %s would pass %s around %s", "；%s 約於%s超越 %s"),
               follow, lang_is_chinese(lang) ? month_of(lang, c->t, d, sizeof d)
                                             : lead,
               lang_is_chinese(lang) ? lead
                                     : month_of(lang, c->t, d, sizeof d));
        break;
    case COMPARE_GAINS:
        append(buf, size, &len,
               PW(lang, "; %s gains, but does not pass by %s",
                  "；%s 逐漸追近，但至%s仍未超越"),
               follow,
               project_day_label(lang, project_pair_end(q), d, sizeof d));
        break;
    case COMPARE_DIVERGING:
        append(buf, size, &len, "%s", PW(lang, "; the gap widens", "；差距擴大"));
        break;
    }
    return buf;
}

char *project_compare_span(Lang lang, const ProjectPair *q, char *buf,
                           size_t size)
{
    if (q->c.status != COMPARE_CROSSES) {
        snprintf(buf, size, "-");
        return buf;
    }
    return span_text(lang, q->c.lo, q->c.hi, pair_start(q),
                     project_pair_end(q), buf, size);
}

/* What a target result says, and its interval ("-" when none). */
void project_target_text(const Projection *p, const ProjectTarget *q,
                         char *res, char *span, size_t size)
{
    const SeriesAnalysis *a = &p->rows[q->row];
    const TargetResult *r = &q->r;
    Lang lang = p->lang;
    char v[64], d[32], why[300];
    snprintf(span, size, "-");
    if (q->rc != 0) {
        snprintf(res, size, PW(lang, "no trend: %s", "無趨勢：%s"),
                 label_why(lang, a, why, sizeof why));
        return;
    }
    switch (r->status) {
    case TARGET_OBSERVED:
        snprintf(res, size,
                 PW(lang, "already reached: observed %s on %s",
                    "已達到：%s（%s）"),
                 project_value_text(lang, r->observed, a->s->unit, v,
                                    sizeof v),
                 obs_date(lang, a->s, r->observed_date, d, sizeof d));
        break;
    case TARGET_AT:
        snprintf(res, size, "%s", month_of(lang, r->t, d, sizeof d));
        span_text(lang, r->lo, r->hi, a->latest_date, a->horizon, span, size);
        break;
    case TARGET_NOT_IN_HORIZON:
        snprintf(res, size, PW(lang, "not by %s", "%s前不會達到"),
                 project_day_label(lang, a->horizon, d, sizeof d));
        break;
    case TARGET_NEVER:
        if (isfinite(a->ceiling) && p->target > a->ceiling)
            snprintf(res, size,
                     PW(lang, "above the ceiling (%s)", "高於上限（%s）"),
                     lang_is_chinese(lang)
                         ? project_value_text(lang, a->ceiling, a->s->unit, v,
                                              sizeof v)
                         : a->ceiling_what);
        else
            snprintf(res, size, "%s",
                     PW(lang, "never on this trend", "依此趨勢不會達到"));
        break;
    }
}

/* res, followed by the interval span of the trend line(s) unless "-". */
static char *with_uncertainty(Lang lang, const char *res, const char *span,
                              const char *lines, char *buf, size_t size)
{
    if (strcmp(span, "-") == 0)
        snprintf(buf, size, "%s", res);
    else if (lang_is_chinese(lang))
        snprintf(buf, size, lang_text(lang, "%s（趨勢線的不確定範圍：%s）"),
                 res, span);
    else
        snprintf(buf, size, "%s (uncertainty of the trend %s: %s)", res,
                 lines, span);
    return buf;
}

/* The target sentence with its interval, for CSV and JSON. */
char *project_target_sentence(const Projection *p, const ProjectTarget *q,
                              char *buf, size_t size)
{
    char res[TEXT], span[TEXT];
    project_target_text(p, q, res, span, sizeof res);
    return with_uncertainty(p->lang, res, span, "line", buf, size);
}

char *project_compare_sentence(const Projection *p, const ProjectPair *q,
                               char *buf, size_t size)
{
    char res[TEXT], span[TEXT];
    project_compare_text(p, q, res, sizeof res);
    project_compare_span(p->lang, q, span, sizeof span);
    return with_uncertainty(p->lang, res, span, "lines", buf, size);
}

/* Flags of a projection: "beyond default horizon", "capped at world
 * population"; "" when none. */
char *project_flag_text(Lang lang, const SeriesAnalysis *a, char *buf,
                        size_t size)
{
    size_t len = 0;
    const char *sep = PW(lang, "; ", "；");
    char v[64];
    buf[0] = '\0';
    if (!analysis_has_trend(a))
        return buf;
    if (a->beyond_default)
        append(buf, size, &len, "%s",
               PW(lang, "beyond default horizon", "超出預設推估期"));
    if (isfinite(a->t_ceiling))
        append(buf, size, &len, PW(lang, "%scapped at %s", "%s以%s為上限"),
               len ? sep : "",
               lang_is_chinese(lang)
                   ? project_value_text(lang, a->ceiling, a->s->unit, v,
                                        sizeof v)
                   : a->ceiling_what);
    if (a->too_uncertain)
        append(buf, size, &len,
               PW(lang, "%stoo uncertain to quote (interval over a factor of "
                        "%.0f)",
                  "%s過於不確定，不予引用（區間相差超過%.0f倍）"),
               len ? sep : "", ANALYSIS_MAX_RANGE);
    return buf;
}

const char *project_model_name(Lang lang, Model m)
{
    return lang_is_chinese(lang) ? label_model(lang, m) : fit_model_name(m);
}

const char *project_model_of(Lang lang, const SeriesAnalysis *a)
{
    return analysis_has_trend(a) ? project_model_name(lang, a->fit.model)
                                 : NULL;
}

char *project_metric_text(Lang lang, const char *metric, char *buf,
                          size_t size)
{
    const char *known = lang_is_chinese(lang)
                            ? format_metric_known(metric, 1)
                            : NULL;
    snprintf(buf, size, "%s", known ? lang_text(lang, known) : metric);
    return buf;
}

int project_is_auto(const SeriesAnalysis *a)
{
    return analysis_has_trend(a) && a->fit.requested == MODEL_AUTO;
}

/* ---- auto's candidates ----------------------------------------------- */

static void add_candidate(Candidate *c, size_t *n, Model m, double aicc)
{
    for (size_t i = 0; i < *n; i++)
        if (c[i].model == m)
            return;
    c[(*n)++] = (Candidate){m, aicc, NAN, NAN, NAN, NAN};
}

/* The models auto compared: every one fit.cand_aicc records, by AICc,
 * with Akaike weights, each one's own backtest error (from
 * ANALYSIS_AUTO_BACKTEST points, what auto chose by) and its anchored
 * projection at the horizon. */
size_t project_candidates(const SeriesAnalysis *a, Candidate *c)
{
    size_t n = 0;
    if (!project_is_auto(a))
        return 0;
    for (int m = MODEL_NONE + 1; m < MODEL_COUNT; m++)
        if (m != MODEL_AUTO && isfinite(a->fit.cand_aicc[m]))
            add_candidate(c, &n, (Model)m, a->fit.cand_aicc[m]);
    add_candidate(c, &n, a->fit.model, a->fit.aicc);
    if (a->alt.model != MODEL_NONE)
        add_candidate(c, &n, a->alt.model, a->alt.aicc);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && c[j].aicc < c[j - 1].aicc; j--) {
            Candidate t = c[j];
            c[j] = c[j - 1];
            c[j - 1] = t;
        }
    double sum = 0;
    for (size_t i = 0; i < n; i++) {
        c[i].delta = c[i].aicc - c[0].aicc;
        sum += exp(-c[i].delta / 2);
    }
    for (size_t i = 0; i < n; i++) {
        c[i].weight = exp(-c[i].delta / 2) / sum;
        c[i].proj = c[i].model == a->fit.model ? a->proj
                                               : a->cand_proj[c[i].model];
        c[i].error = a->cand_error[c[i].model];
    }
    return n;
}

/* "ChatGPT weekly_active_users, 2027-02: 1.1B–3.1B depending on the
 * model (damped or exp)", lower first; "" without an alternative. */
char *project_range_text(Lang lang, const SeriesAnalysis *a, char *buf,
                         size_t size)
{
    buf[0] = '\0';
    if (!analysis_has_trend(a) || a->alt.model == MODEL_NONE)
        return buf;
    int fit_low = !(a->alt_proj < a->proj);
    double lo = fit_low ? a->proj : a->alt_proj;
    double hi = fit_low ? a->alt_proj : a->proj;
    Model mlo = fit_low ? a->fit.model : a->alt.model;
    Model mhi = fit_low ? a->alt.model : a->fit.model;
    char h[32], l[64], u[64], metric[200];
    snprintf(buf, size,
             PW(lang,
                "%s %s, %s: %s\xe2\x80\x93%s depending on the model "
                "(%s or %s)",
                "%s %s，%s：%s\xe2\x80\x93%s，視模型而定（%s或%s）"),
             lang_text(lang, a->s->company),
             project_metric_text(lang, a->s->metric, metric, sizeof metric),
             project_day_label(lang, a->horizon, h, sizeof h),
             project_value_text(lang, lo, a->s->unit, l, sizeof l),
             project_value_text(lang, hi, a->s->unit, u, sizeof u),
             project_model_name(lang, mlo), project_model_name(lang, mhi));
    return buf;
}
