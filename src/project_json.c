/* project_json.c - `aigrowth project` as one JSON document. */
#include "project_words.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "format.h"
#include "json.h"
#include "report_labels.h"
#include "util.h"

/* ---- json ------------------------------------------------------------- */

/* ", "key": " - every key after an object's first. */
static void json_key(FILE *out, const char *key)
{
    fprintf(out, ", \"%s\": ", key);
}

static void json_key_num(FILE *out, const char *key, double v)
{
    json_key(out, key);
    json_number(out, v);
}

static void json_key_str(FILE *out, const char *key, const char *s)
{
    json_key(out, key);
    if (s)
        json_string(out, s);
    else
        fputs("null", out);
}

static void json_key_day(FILE *out, const char *key, long day, int valid)
{
    char d[32];
    json_key_str(out, key, valid ? project_iso_day(day, d, sizeof d) : NULL);
}

static void json_key_t_day(FILE *out, const char *key, double t)
{
    json_key_day(out, key, isfinite(t) ? date_from_years(t) : 0,
                 isfinite(t));
}

/* The first key of a line: no comma before it. */
static void json_first(FILE *out, const char *key)
{
    fprintf(out, "\"%s\": ", key);
}

/* A date estimated in years, as its day; null when not finite. */
static void json_t_day(FILE *out, double t)
{
    char d[32];
    if (isfinite(t))
        json_string(out, project_iso_day(date_from_years(t), d, sizeof d));
    else
        fputs("null", out);
}

static void json_candidates(const SeriesAnalysis *a, FILE *out)
{
    Candidate c[MODEL_COUNT];
    size_t n = project_candidates(a, c);
    json_key(out, "candidates");
    fputc('[', out);
    for (size_t k = 0; k < n; k++) {
        fputs(k ? ", {\"model\": " : "{\"model\": ", out);
        json_string(out, fit_model_name(c[k].model));
        json_key_num(out, "aicc", c[k].aicc);
        json_key_num(out, "delta_aicc", c[k].delta);
        json_key_num(out, "weight", c[k].weight);
        json_key_num(out, "backtest_error", c[k].error);
        json_key_num(out, "projection", c[k].proj);
        fputc('}', out);
    }
    fputc(']', out);
}

static void json_at(const Projection *p, const SeriesAnalysis *a, FILE *out)
{
    json_first(out, "at");
    fputc('[', out);
    for (size_t k = 0; analysis_has_trend(a) && k < p->n_at; k++) {
        double v, lo, hi;
        char d[32];
        analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi);
        fputs(k ? ", {\"date\": " : "{\"date\": ", out);
        json_string(out, project_iso_day(p->at[k], d, sizeof d));
        json_key_num(out, "value", v);
        json_key_num(out, "lo", lo);
        json_key_num(out, "hi", hi);
        fputc('}', out);
    }
    fputc(']', out);
}

static void json_series(const Projection *p, const SeriesAnalysis *a,
                        FILE *out)
{
    const Series *s = a->s;
    int trend = analysis_has_trend(a);
    char d[32], e[32];
    fputs("    {\"company\": ", out);
    json_string(out, s->company);
    json_key_str(out, "metric", s->metric);
    json_key_str(out, "unit", s->unit);
    json_key_str(out, "model", trend ? project_model_of(LANG_EN, a) : NULL);
    json_key_str(out, "requested", fit_model_name(p->model));
    json_key_day(out, "as_of", p->as_of, p->as_of != LONG_MAX);
    fprintf(out, ", \"observations\": %zu, \"n\": %zu", a->n, a->count);
    json_key(out, "window");
    if (a->count) {
        fputs("{\"start\": ", out);
        json_string(out, project_iso_day(s->date[a->first], d, sizeof d));
        json_key_str(
            out, "end",
            project_iso_day(s->date[a->first + a->count - 1], e, sizeof e));
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fputs(",\n     ", out);
    json_first(out, "latest");
    json_number(out, a->latest);
    json_key_day(out, "latest_date", a->latest_date, a->n > 0);
    /* "at_least" for a lower bound (逾, >), "about" for 約 */
    ValueQualifier q = a->n ? series_qualifier(s, a->n - 1) : VALUE_EXACT;
    json_key_str(out, "latest_is",
                 q == VALUE_AT_LEAST ? "at_least"
                 : q == VALUE_ABOUT  ? "about"
                                     : "exact");
    json_key_num(out, "cagr", a->cagr);
    json_key_num(out, "recent_growth", a->recent);
    json_key_num(out, "trend_rate", a->trend_rate);
    json_key_num(out, "doubling_years", a->doubling_years);
    fputs(",\n     ", out);
    json_first(out, "horizon");
    if (trend)
        json_string(out, project_iso_day(a->horizon, d, sizeof d));
    else
        fputs("null", out);
    json_key_day(out, "default_horizon", a->default_horizon, trend);
    json_key(out, "beyond_default_horizon");
    fputs(trend ? (a->beyond_default ? "true" : "false") : "null", out);
    json_key(out, "too_uncertain");
    fputs(trend ? (a->too_uncertain ? "true" : "false") : "null", out);
    json_key(out, "projection");
    fputs("{\"value\": ", out);
    json_number(out, a->proj);
    json_key_num(out, "lo", a->lo);
    json_key_num(out, "hi", a->hi);
    fputc('}', out);
    json_key_num(out, "level", a->level);
    fputs(",\n     ", out);
    json_first(out, "ceiling");
    json_number(out, a->ceiling);
    json_key_str(out, "ceiling_what",
                 a->ceiling_what && a->ceiling_what[0] ? a->ceiling_what
                                                       : NULL);
    json_key_t_day(out, "capped_from", a->t_ceiling);
    json_key_str(out, "alt_model",
                 trend && a->alt.model != MODEL_NONE
                     ? fit_model_name(a->alt.model)
                     : NULL);
    json_key_num(out, "alt_projection", a->alt_proj);
    json_key_num(out, "delta_aicc", a->delta_aicc);
    fputs(",\n     ", out);
    json_at(p, a, out);
    json_candidates(a, out);
    char why[300];
    json_key_str(out, "note",
                 a->why[0] ? label_why(p->lang, a, why, sizeof why) : NULL);
    fputc('}', out);
}

/* An estimated date with its interval: as days and as years, and which
 * end lies open. */
static void json_date_interval(FILE *out, double t, double lo, double hi)
{
    json_first(out, "date");
    json_t_day(out, t);
    json_key_num(out, "t", t);
    json_key_t_day(out, "lo_date", lo);
    json_key_t_day(out, "hi_date", hi);
    json_key_num(out, "lo_t", lo);
    json_key_num(out, "hi_t", hi);
    json_key_str(out, "lo_open", isinf(lo) ? "before the start" : NULL);
    json_key_str(out, "hi_open", isinf(hi) ? "after the horizon" : NULL);
}

static void json_pair(const Projection *p, const ProjectPair *q, FILE *out)
{
    const Comparison *c = &q->c;
    const SeriesAnalysis *a = &p->rows[q->a], *b = &p->rows[q->b];
    int crosses = c->status == COMPARE_CROSSES;
    char buf[SENTENCE];
    fputs("    {\"metric\": ", out);
    json_string(out, a->s->metric);
    json_key_str(out, "unit", a->s->unit);
    json_key_str(out, "company_a", a->s->company);
    json_key_str(out, "company_b", b->s->company);
    json_key_str(out, "status", project_compare_status(c->status));
    json_key_str(out, "leader", project_leader(p, q)->s->company);
    json_key_str(out, "passer",
                 crosses ? project_follower(p, q)->s->company : NULL);
    fputs(",\n     ", out);
    json_first(out, "a_latest");
    json_number(out, c->va);
    json_key_day(out, "a_latest_date", c->da, 1);
    json_key_num(out, "b_latest", c->vb);
    json_key_day(out, "b_latest_date", c->db, 1);
    fputs(",\n     ", out);
    json_date_interval(out, c->t, c->lo, c->hi);
    json_key_day(out, "horizon", project_pair_end(q), 1);
    fputs(",\n     ", out);
    json_first(out, "result");
    json_string(out, project_compare_sentence(p, q, buf, sizeof buf));
    fputc('}', out);
}

static void json_target(const Projection *p, const ProjectTarget *q,
                        FILE *out)
{
    const SeriesAnalysis *a = &p->rows[q->row];
    const TargetResult *r = &q->r;
    char buf[SENTENCE];
    fputs("    {\"company\": ", out);
    json_string(out, a->s->company);
    json_key_str(out, "metric", a->s->metric);
    json_key_str(out, "unit", a->s->unit);
    json_key_num(out, "target", p->target);
    json_key_str(out, "status", project_target_status(q));
    fputs(",\n     ", out);
    json_date_interval(out, r->t, r->lo, r->hi);
    json_key_num(out, "observed", r->observed);
    json_key_day(out, "observed_date", r->observed_date,
                 q->rc == 0 && r->status == TARGET_OBSERVED);
    json_key_day(out, "horizon", a->horizon, analysis_has_trend(a));
    fputs(",\n     ", out);
    json_first(out, "result");
    json_string(out, project_target_sentence(p, q, buf, sizeof buf));
    fputc('}', out);
}

void project_print_json(const Projection *p, FILE *out)
{
    fputs("{\n  \"time_origin\": \"1970-01-01\", \"days_per_year\": 365.2425",
          out);
    json_key_str(out, "model", fit_model_name(p->model));
    json_key_num(out, "level", p->level);
    json_key_day(out, "as_of", p->as_of, p->as_of != LONG_MAX);
    fputs(",\n  \"interval\": ", out);
    json_string(out, PROJECT_INTERVAL_TEXT);
    fputs(",\n  \"series\": [\n", out);
    for (size_t i = 0; i < p->n_rows; i++) {
        json_series(p, &p->rows[i], out);
        fputs(i + 1 < p->n_rows ? ",\n" : "\n", out);
    }
    fprintf(out, "  ],\n  \"pairs_compared\": %zu, \"pairs_crossing\": %zu, "
                 "\"pairs_listed\": \"%s\",\n  \"crossovers\": [\n",
            p->pairs_compared, p->pairs_crossing,
            p->crossing_only ? "crossing" : "all");
    for (size_t i = 0; i < p->n_pairs; i++) {
        json_pair(p, &p->pairs[i], out);
        fputs(i + 1 < p->n_pairs ? ",\n" : "\n", out);
    }
    fputs("  ],\n  \"target\": ", out);
    if (p->has_target) {
        char v[64];
        fputs("{\"value\": ", out);
        json_number(out, p->target);
        json_key_str(out, "unit", p->target_unit);
        json_key_str(
            out, "text",
            project_value_text(p->lang, p->target, p->target_unit, v,
                               sizeof v));
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    fputs(",\n  \"targets\": [\n", out);
    for (size_t i = 0; i < p->n_targets; i++) {
        json_target(p, &p->targets[i], out);
        fputs(i + 1 < p->n_targets ? ",\n" : "\n", out);
    }
    fputs("  ]\n}\n", out);
}
