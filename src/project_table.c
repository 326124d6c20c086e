/* project_table.c - `aigrowth project` as an aligned terminal table. */
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


/* ---- a table: rows filled once, then aligned ------------------------ */

/* Fills the cells of row i (each "" before the call). */
typedef void (*FillRow)(const void *ctx, size_t i, char (*cell)[CELL]);

typedef struct {
    size_t cols;
    const char *head[MAX_COLS];
    int right[MAX_COLS];
    int indent;
} Grid;

/* s made safe for a terminal: cli_escape, skipped for the usual text with
 * no control byte and no 0xE2 (which starts the direction controls). */
static void safe_cell(const char *s, char *out)
{
    const char *p = s;
    while (*p && (unsigned char)*p >= 0x20 && *p != 0x7F &&
           (unsigned char)*p != 0xE2)
        p++;
    if (*p) {
        cli_escape(s, out, CELL);
        return;
    }
    size_t len = (size_t)(p - s) < CELL ? (size_t)(p - s) : CELL - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

static void grid_line(const Grid *g, const char *cell, const size_t *width,
                      FILE *out)
{
    size_t pending = (size_t)g->indent;
    for (size_t c = 0; c < g->cols; c++) {
        size_t len = strlen(cell);
        size_t pad = width[c] - cli_display_width(cell);
        if (c > 0)
            pending += 2;
        if (g->right[c])
            pending += pad;
        if (*cell) {
            fprintf(out, "%*s", (int)pending, "");
            fwrite(cell, 1, len, out);
            pending = 0;
        }
        if (!g->right[c])
            pending += pad;
        cell += len + 1;
    }
    fputc('\n', out);
}

/* Fills each row once into one buffer of NUL-terminated cells, measuring
 * the columns, then prints header and rows aligned. */
static void grid_print(const Grid *g, size_t n, FillRow fill,
                       const void *ctx, FILE *out)
{
    char raw[MAX_COLS][CELL], cell[CELL];
    size_t width[MAX_COLS], len = 0, cap = 0;
    char *text = NULL;
    for (size_t i = 0; i <= n; i++) {
        for (size_t c = 0; c < g->cols; c++)
            raw[c][0] = '\0';
        if (i == 0)
            for (size_t c = 0; c < g->cols; c++)
                snprintf(raw[c], CELL, "%s", g->head[c]);
        else
            fill(ctx, i - 1, raw);
        for (size_t c = 0; c < g->cols; c++) {
            safe_cell(raw[c], cell);
            size_t w = cli_display_width(cell), l = strlen(cell) + 1;
            width[c] = i == 0 || w > width[c] ? w : width[c];
            grow_array((void **)&text, &cap, len + l, 1);
            memcpy(text + len, cell, l);
            len += l;
        }
    }
    const char *row = text;
    for (size_t i = 0; i <= n; i++) {
        grid_line(g, row, width, out);
        for (size_t c = 0; c < g->cols; c++)
            row += strlen(row) + 1;
    }
    free(text);
}

static void cell_set(char *cell, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void cell_set(char *cell, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cell, CELL, fmt, ap);
    va_end(ap);
}

/* ---- table ------------------------------------------------------------ */

enum { C_COMPANY, C_METRIC, C_MODEL, C_N, C_WINDOW, C_LATEST, C_CAGR,
       C_RECENT, C_RATE, C_DOUBLING, C_HORIZON, C_PROJ, C_AT };

static void value_interval(Lang lang, double v, double lo, double hi,
                           const char *unit, char *cell)
{
    char a[64], b[64], c[64];
    cell_set(cell, "%s [%s, %s]",
             project_value_text(lang, v, unit, a, sizeof a),
             project_value_text(lang, lo, unit, b, sizeof b),
             project_value_text(lang, hi, unit, c, sizeof c));
}


static void fill_series(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const SeriesAnalysis *a = &p->rows[i];
    const Series *s = a->s;
    const char *unit = s->unit;
    Lang lang = p->lang;
    char b1[200], b2[64];
    const char *model = project_model_of(lang, a);
    cell_set(cell[C_COMPANY], "%s", lang_text(lang, s->company));
    cell_set(cell[C_METRIC], "%s",
             project_metric_text(lang, s->metric, b1, sizeof b1));
    cell_set(cell[C_MODEL], "%s%s", model ? model : "-",
             project_is_auto(a) ? PW(lang, " (auto)", "（自動）") : "");
    cell_set(cell[C_N], "%zu", a->count);
    if (a->count)
        cell_set(cell[C_WINDOW], PW(lang, "%s..%s", "%s至%s"),
                 label_date(lang, s->date[a->first], s->precision[a->first],
                            b1, sizeof b1),
                 label_date(lang, s->date[a->first + a->count - 1],
                            s->precision[a->first + a->count - 1], b2,
                            sizeof b2));
    else
        cell_set(cell[C_WINDOW], "-");
    if (a->n)
        cell_set(cell[C_LATEST], PW(lang, "%s%s (%s)", "%s%s（%s）"),
                 lang_qualifier_word(lang, series_qualifier(s, a->n - 1)),
                 project_value_text(lang, a->latest, unit, b1, sizeof b1),
                 label_date(lang, a->latest_date, s->precision[a->n - 1], b2,
                            sizeof b2));
    else
        cell_set(cell[C_LATEST], "-");
    cell_set(cell[C_CAGR], "%s", project_percent_text(a->cagr, b1, sizeof b1));
    cell_set(cell[C_RECENT], "%s",
             project_percent_text(a->recent, b1, sizeof b1));
    size_t at0 = C_AT, flag = C_AT + p->n_at;
    if (!analysis_has_trend(a)) {
        for (size_t c = C_RATE; c < flag; c++)
            cell_set(cell[c], "-");
        return;
    }
    cell_set(cell[C_RATE], "%s",
             project_percent_text(a->trend_rate, b1, sizeof b1));
    cell_set(cell[C_DOUBLING], "%s",
             isnan(a->doubling_years)
                 ? "-"
                 : format_duration_lang(a->doubling_years, lang, b1,
                                        sizeof b1));
    cell_set(cell[C_HORIZON], "%s",
             project_day_label(lang, a->horizon, b1, sizeof b1));
    value_interval(lang, a->proj, a->lo, a->hi, unit, cell[C_PROJ]);
    for (size_t k = 0; k < p->n_at; k++) {
        double v, lo, hi;
        if (analysis_value_at(a, date_to_years(p->at[k]), &v, &lo, &hi) != 0)
            cell_set(cell[at0 + k], "-");
        else
            value_interval(lang, v, lo, hi, unit, cell[at0 + k]);
    }
    project_flag_text(lang, a, cell[flag], CELL);
}

static const char *model_phrase(Lang lang, Model m, char *buf, size_t size)
{
    if (m == MODEL_DAMPED)
        snprintf(buf, size,
                 PW(lang, "damped; the exponential below %d points",
                    "趨緩；少於%d點時為指數"),
                 FIT_MIN_DAMPED);
    else if (m == MODEL_AUTO)
        snprintf(buf, size,
                 PW(lang, "auto: the smallest backtest error from %d "
                          "points, else the smallest AICc; a model as "
                          "good is shown as a range",
                    "自動：%d點以上取回測誤差最小者，否則取 AICc 最小者；"
                    "同樣好的模型以範圍列出"),
                 ANALYSIS_AUTO_BACKTEST);
    else
        snprintf(buf, size, "%s", project_model_name(lang, m));
    return buf;
}

static void print_series(const Projection *p, FILE *out)
{
    Lang lang = p->lang;
    char m[256], d[32], lv[32];
    fprintf(out, PW(lang, "Trends (model %s", "趨勢（模型：%s"),
            model_phrase(lang, p->model, m, sizeof m));
    if (p->as_of != LONG_MAX)
        fprintf(out, PW(lang, "; observations up to %s", "；觀測值至%s"),
                project_day_label(lang, p->as_of, d, sizeof d));
    format_number(p->level * 100, 3, lv, sizeof lv);
    fprintf(out,
            PW(lang,
               ")\nProjections start at the latest observation and grow "
               "as the trend does; [%s%% interval]: %s\n",
               "）\n預測自最新觀測值起，依趨勢成長；[%s%%區間]：%s\n"),
            lv,
            PW(lang, PROJECT_INTERVAL_TEXT,
               "繞著錨定趨勢的帶漂移隨機漫步（見方法）"));
    const char *head[] = {
        PW(lang, "Company", "公司"),       PW(lang, "Metric", "指標"),
        PW(lang, "Model", "模型"),         PW(lang, "n", "點數"),
        PW(lang, "Window", "配適範圍"),    PW(lang, "Latest", "最新值"),
        PW(lang, "CAGR", "年複合成長"),    PW(lang, "12-mo", "近12月"),
        PW(lang, "Trend rate", "趨勢成長率"), PW(lang, "Doubling", "倍增時間"),
        PW(lang, "Horizon", "推估至"),     ""};
    Grid g = {0};
    g.cols = C_AT;
    for (size_t c = 0; c < C_AT; c++)
        g.head[c] = head[c];
    char proj[64], at[PROJECT_MAX_AT][64];
    snprintf(proj, sizeof proj, PW(lang, "Projection (%s%%)", "預測值（%s%%）"),
             lv);
    g.head[C_PROJ] = proj;
    for (size_t k = 0; k < p->n_at; k++) {
        snprintf(at[k], sizeof at[k], PW(lang, "%s (%s%%)", "%s（%s%%）"),
                 label_date(lang, p->at[k], p->at_precision[k], d, sizeof d),
                 lv);
        g.head[g.cols++] = at[k];
    }
    int any_flag = 0;
    char f[CELL];
    for (size_t i = 0; i < p->n_rows && !any_flag; i++)
        any_flag =
            project_flag_text(lang, &p->rows[i], f, sizeof f)[0] != '\0';
    if (any_flag)
        g.head[g.cols++] = PW(lang, "Flag", "註記");
    g.right[C_N] = g.right[C_CAGR] = g.right[C_RECENT] = g.right[C_RATE] = 1;
    grid_print(&g, p->n_rows, fill_series, p, out);
}

static void print_notes(const Projection *p, FILE *out)
{
    int head = 0;
    for (size_t i = 0; i < p->n_rows; i++) {
        const SeriesAnalysis *a = &p->rows[i];
        if (analysis_has_trend(a))
            continue;
        char c[CELL], m[CELL], w[CELL], why[300], metric[200];
        if (!head++)
            fputs(PW(p->lang, "\nNotes\n", "\n附註\n"), out);
        fprintf(out, PW(p->lang, "  %s %s: %s\n", "  %s %s：%s\n"),
                cli_escape(lang_text(p->lang, a->s->company), c, sizeof c),
                cli_escape(project_metric_text(p->lang, a->s->metric, metric,
                                               sizeof metric),
                           m, sizeof m),
                cli_escape(label_why(p->lang, a, why, sizeof why), w,
                           sizeof w));
    }
}

typedef struct {
    const SeriesAnalysis *a;
    Candidate c[MODEL_COUNT];
    Lang lang;
} CandidateTable;

static void fill_candidate(const void *ctx, size_t i, char (*cell)[CELL])
{
    const CandidateTable *t = ctx;
    const Candidate *c = &t->c[i];
    char v[64];
    cell_set(cell[0], "%s", project_model_name(t->lang, c->model));
    cell_set(cell[1], "%s", format_number(c->aicc, 5, v, sizeof v));
    cell_set(cell[2], "%s", format_number(c->delta, 2, v, sizeof v));
    cell_set(cell[3], "%s", format_number(c->weight, 2, v, sizeof v));
    if (isfinite(c->error))
        cell_set(cell[4], "x%.2f", exp(c->error));
    else
        cell_set(cell[4], "-");
    cell_set(cell[5], "%s",
             project_value_text(t->lang, c->proj, t->a->s->unit, v,
                                sizeof v));
}

static void print_candidates(const Projection *p, FILE *out)
{
    for (size_t i = 0; i < p->n_rows; i++) {
        Lang lang = p->lang;
        CandidateTable t = {&p->rows[i], {{0}}, lang};
        size_t n = project_candidates(t.a, t.c);
        if (n == 0)
            continue;
        char c[CELL], m[CELL], h[32], proj[64], r[TEXT], safe[TEXT],
            metric[200];
        fprintf(out,
                PW(lang,
                   "\nModel comparison: %s %s (chosen by %s; AICc on "
                   "the values, Akaike weights among the models listed; "
                   "backtest error: median miss of the series' own "
                   "rolling-origin forecasts)\n",
                   "\n模型比較：%s %s（依%s選擇；AICc 以數值計算，Akaike "
                   "權重為所列模型之間的權重；回測誤差：該數列滾動起點預測"
                   "的誤差中位數）\n"),
                cli_escape(lang_text(lang, t.a->s->company), c, sizeof c),
                cli_escape(project_metric_text(lang, t.a->s->metric, metric,
                                               sizeof metric),
                           m, sizeof m),
                t.a->auto_by_backtest ? PW(lang, "backtest error", "回測誤差")
                                      : "AICc");
        snprintf(proj, sizeof proj, PW(lang, "Projection %s", "%s預測值"),
                 project_day_label(lang, t.a->horizon, h, sizeof h));
        Grid g = {.cols = 6,
                  .head = {PW(lang, "Model", "模型"), "AICc",
                           "\xce\x94"
                           "AICc",
                           PW(lang, "Weight", "權重"),
                           PW(lang, "Backtest error", "回測誤差"), proj},
                  .right = {0, 1, 1, 1, 1, 1},
                  .indent = 2};
        grid_print(&g, n, fill_candidate, &t, out);
        if (project_range_text(lang, t.a, r, sizeof r)[0])
            fprintf(out, "  %s\n", cli_escape(r, safe, sizeof safe));
    }
}

static void fill_pair(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const ProjectPair *q = &p->pairs[i];
    char buf[TEXT];
    cell_set(cell[0], "%s",
             project_metric_text(p->lang, p->rows[q->a].s->metric, buf,
                                 sizeof buf));
    cell_set(cell[1], "%s", project_compare_text(p, q, buf, sizeof buf));
    cell_set(cell[2], "%s",
             project_compare_span(p->lang, q, buf, sizeof buf));
}

static void print_pairs(const Projection *p, FILE *out)
{
    Lang lang = p->lang;
    char lv[32];
    format_number(p->level * 100, 3, lv, sizeof lv);
    fputs(PW(lang,
             "\nCrossovers (series of one metric and unit; the trends up to "
             "the earlier horizon of the two; dates rounded to the month)\n",
             "\n交叉（同一指標與單位的數列；趨勢至兩者中較早的推估期；日期"
             "取至月）\n"),
          out);
    if (p->pairs_compared == 0) {
        fputs(PW(lang,
                 "  none: needs two series with a trend of one metric and "
                 "unit\n",
                 "  無：需要兩個同一指標與單位、且有趨勢的數列\n"),
              out);
        return;
    }
    if (p->crossing_only)
        fprintf(out,
                PW(lang,
                   "  %zu pairs compared; the %zu that cross by their "
                   "horizon are listed\n",
                   "  比較了%zu組；列出推估期內交叉的%zu組\n"),
                p->pairs_compared, p->pairs_crossing);
    if (p->n_pairs == 0)
        return;
    char span[96];
    snprintf(span, sizeof span,
             PW(lang, "Uncertainty of the trend lines (%s%%)",
                "趨勢線的不確定範圍（%s%%）"),
             lv);
    Grid g = {.cols = 3,
              .head = {PW(lang, "Metric", "指標"), PW(lang, "Result", "結果"),
                       span}};
    grid_print(&g, p->n_pairs, fill_pair, p, out);
}

static void fill_target(const void *ctx, size_t i, char (*cell)[CELL])
{
    const Projection *p = ctx;
    const ProjectTarget *q = &p->targets[i];
    const SeriesAnalysis *a = &p->rows[q->row];
    char res[TEXT], span[TEXT], metric[200];
    project_target_text(p, q, res, span, sizeof res);
    cell_set(cell[0], "%s", lang_text(p->lang, a->s->company));
    cell_set(cell[1], "%s",
             project_metric_text(p->lang, a->s->metric, metric,
                                 sizeof metric));
    cell_set(cell[2], "%s", res);
    cell_set(cell[3], "%s", span);
}

static void print_targets(const Projection *p, FILE *out)
{
    Lang lang = p->lang;
    char v[96], lv[32], span[96];
    format_number(p->level * 100, 3, lv, sizeof lv);
    fprintf(out,
            PW(lang,
               "\nTime to target %s (when the projection reaches it; "
               "dates rounded to the month)\n",
               "\n達到目標%s的時間（預測值達到目標之時；日期取至月）\n"),
            project_value_text(lang, p->target, p->target_unit, v, sizeof v));
    snprintf(span, sizeof span,
             PW(lang, "Uncertainty of the trend line (%s%%)",
                "趨勢線的不確定範圍（%s%%）"),
             lv);
    Grid g = {.cols = 4,
              .head = {PW(lang, "Company", "公司"), PW(lang, "Metric", "指標"),
                       PW(lang, "Result", "結果"), span}};
    grid_print(&g, p->n_targets, fill_target, p, out);
}

void project_print_table(const Projection *p, FILE *out)
{
    print_series(p, out);
    print_notes(p, out);
    print_candidates(p, out);
    print_pairs(p, out);
    if (p->has_target)
        print_targets(p, out);
}
