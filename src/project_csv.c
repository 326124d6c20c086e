/* project_csv.c - `aigrowth project` as CSV sections. */
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

/* ---- csv -------------------------------------------------------------- */

static void csv_str(FILE *out, const char *s)
{
    fputc(',', out);
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

/* Full precision; empty when not a number, inf/-inf for open bounds. */
static void csv_num(FILE *out, double v)
{
    if (isnan(v))
        fputc(',', out);
    else if (isinf(v))
        fputs(v > 0 ? ",inf" : ",-inf", out);
    else
        fprintf(out, ",%.17g", v);
}

static void csv_day(FILE *out, long day)
{
    char d[32];
    csv_str(out, project_iso_day(day, d, sizeof d));
}

/* A date estimated in years: its day, "" when not finite. */
static void csv_t_day(FILE *out, double t)
{
    if (isfinite(t))
        csv_day(out, date_from_years(t));
    else
        csv_str(out, "");
}

static void csv_series(const Projection *p, FILE *out)
{
    fputs("table,company,metric,unit,model,requested,as_of,observations,n,"
          "window_start,window_end,latest,latest_date,cagr,recent_growth,"
          "trend_rate,doubling_years,horizon,default_horizon,"
          "beyond_default_horizon,projection,lo,hi,level,ceiling,"
          "ceiling_what,capped_from,alt_model,alt_projection,delta_aicc,"
          "note\n",
          out);
    for (size_t i = 0; i < p->n_rows; i++) {
        const SeriesAnalysis *a = &p->rows[i];
        const Series *s = a->s;
        int trend = analysis_has_trend(a);
        fputs("series", out);
        csv_str(out, s->company);
        csv_str(out, s->metric);
        csv_str(out, s->unit);
        csv_str(out, trend ? project_model_of(LANG_EN, a) : "");
        csv_str(out, fit_model_name(p->model));
        if (p->as_of != LONG_MAX)
            csv_day(out, p->as_of);
        else
            csv_str(out, "");
        fprintf(out, ",%zu,%zu", a->n, a->count);
        if (a->count) {
            csv_day(out, s->date[a->first]);
            csv_day(out, s->date[a->first + a->count - 1]);
        } else {
            fputs(",,", out);
        }
        csv_num(out, a->latest);
        if (a->n)
            csv_day(out, a->latest_date);
        else
            csv_str(out, "");
        csv_num(out, a->cagr);
        csv_num(out, a->recent);
        csv_num(out, a->trend_rate);
        csv_num(out, a->doubling_years);
        if (trend) {
            csv_day(out, a->horizon);
            csv_day(out, a->default_horizon);
            fprintf(out, ",%d", a->beyond_default);
        } else {
            fputs(",,,", out);
        }
        csv_num(out, a->proj);
        csv_num(out, a->lo);
        csv_num(out, a->hi);
        csv_num(out, a->level);
        csv_num(out, a->ceiling);
        csv_str(out, a->ceiling_what);
        csv_t_day(out, a->t_ceiling);
        csv_str(out, trend && a->alt.model != MODEL_NONE
                         ? fit_model_name(a->alt.model)
                         : "");
        csv_num(out, a->alt_proj);
        csv_num(out, a->delta_aicc);
        char why[300];
        csv_str(out, label_why(p->lang, a, why, sizeof why));
        fputc('\n', out);
    }
}

static void csv_candidates(const Projection *p, FILE *out)
{
    int head = 0;
    for (size_t i = 0; i < p->n_rows; i++) {
        Candidate c[MODEL_COUNT];
        size_t n = project_candidates(&p->rows[i], c);
        if (n && !head++)
            fputs("\ntable,company,metric,model,aicc,delta_aicc,weight,"
                  "backtest_error,projection\n",
                  out);
        for (size_t k = 0; k < n; k++) {
            fputs("candidate", out);
            csv_str(out, p->rows[i].s->company);
            csv_str(out, p->rows[i].s->metric);
            csv_str(out, fit_model_name(c[k].model));
            csv_num(out, c[k].aicc);
            csv_num(out, c[k].delta);
            csv_num(out, c[k].weight);
            csv_num(out, c[k].error);
            csv_num(out, c[k].proj);
            fputc('\n', out);
        }
    }
}

static void csv_at(const Projection *p, FILE *out)
{
    if (!p->n_at)
        return;
    fputs("\ntable,company,metric,date,value,lo,hi,level\n", out);
    for (size_t i = 0; i < p->n_rows; i++) {
        const SeriesAnalysis *a = &p->rows[i];
        if (!analysis_has_trend(a))
            continue;
        for (size_t k = 0; k < p->n_at; k++) {
            double v, lo, hi;
            analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi);
            fputs("at", out);
            csv_str(out, a->s->company);
            csv_str(out, a->s->metric);
            csv_day(out, p->at[k]);
            csv_num(out, v);
            csv_num(out, lo);
            csv_num(out, hi);
            csv_num(out, a->level);
            fputc('\n', out);
        }
    }
}

static void csv_pairs(const Projection *p, FILE *out)
{
    fprintf(out, "\ntable,pairs_compared,pairs_crossing,listed\npairs,%zu,"
                 "%zu,%s\n",
            p->pairs_compared, p->pairs_crossing,
            p->crossing_only ? "crossing" : "all");
    fputs("\ntable,metric,unit,company_a,company_b,status,leader,a_latest,"
          "a_latest_date,b_latest,b_latest_date,passer,date,t,lo_date,"
          "hi_date,lo_t,hi_t,level,horizon,result\n",
          out);
    for (size_t i = 0; i < p->n_pairs; i++) {
        const ProjectPair *q = &p->pairs[i];
        const Comparison *c = &q->c;
        const SeriesAnalysis *a = &p->rows[q->a], *b = &p->rows[q->b];
        int crosses = c->status == COMPARE_CROSSES;
        char buf[SENTENCE];
        fputs("crossover", out);
        csv_str(out, a->s->metric);
        csv_str(out, a->s->unit);
        csv_str(out, a->s->company);
        csv_str(out, b->s->company);
        csv_str(out, project_compare_status(c->status));
        csv_str(out, project_leader(p, q)->s->company);
        csv_num(out, c->va);
        csv_day(out, c->da);
        csv_num(out, c->vb);
        csv_day(out, c->db);
        csv_str(out, crosses ? project_follower(p, q)->s->company : "");
        csv_t_day(out, c->t);
        csv_num(out, c->t);
        csv_t_day(out, c->lo);
        csv_t_day(out, c->hi);
        csv_num(out, c->lo);
        csv_num(out, c->hi);
        csv_num(out, a->level);
        csv_day(out, project_pair_end(q));
        csv_str(out, project_compare_sentence(p, q, buf, sizeof buf));
        fputc('\n', out);
    }
}

static void csv_targets(const Projection *p, FILE *out)
{
    if (!p->has_target)
        return;
    fputs("\ntable,company,metric,unit,target,status,date,t,lo_date,hi_date,"
          "lo_t,hi_t,level,observed,observed_date,horizon,result\n",
          out);
    for (size_t i = 0; i < p->n_targets; i++) {
        const ProjectTarget *q = &p->targets[i];
        const SeriesAnalysis *a = &p->rows[q->row];
        const TargetResult *r = &q->r;
        char buf[SENTENCE];
        fputs("target", out);
        csv_str(out, a->s->company);
        csv_str(out, a->s->metric);
        csv_str(out, a->s->unit);
        csv_num(out, p->target);
        csv_str(out, project_target_status(q));
        csv_t_day(out, r->t);
        csv_num(out, r->t);
        csv_t_day(out, r->lo);
        csv_t_day(out, r->hi);
        csv_num(out, r->lo);
        csv_num(out, r->hi);
        csv_num(out, a->level);
        csv_num(out, r->observed);
        if (q->rc == 0 && r->status == TARGET_OBSERVED)
            csv_day(out, r->observed_date);
        else
            csv_str(out, "");
        if (analysis_has_trend(a))
            csv_day(out, a->horizon);
        else
            csv_str(out, "");
        csv_str(out, project_target_sentence(p, q, buf, sizeof buf));
        fputc('\n', out);
    }
}

void project_print_csv(const Projection *p, FILE *out)
{
    csv_series(p, out);
    csv_candidates(p, out);
    csv_at(p, out);
    csv_pairs(p, out);
    csv_targets(p, out);
}
