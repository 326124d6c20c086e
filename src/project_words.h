/* project_words.h - what `aigrowth project` says, shared by its table,
 * CSV and JSON writers (project_table.c, project_csv.c, project_json.c):
 * values, dates and sentences built once. Private to project_*.c. */
#ifndef AIGROWTH_PROJECT_WORDS_H
#define AIGROWTH_PROJECT_WORDS_H

#include <stdio.h>

#include "i18n.h"
#include "project_out.h"

#define CELL 1280
#define MAX_COLS (13 + PROJECT_MAX_AT)
#define TEXT 1280
/* The text of a project output for lang: both versions side by side. */
#define PW(lang, en, zh) lang_pick((lang), (en), (zh))

/* A sentence with its interval. */
#define SENTENCE (2 * TEXT + 64)

#define PROJECT_INTERVAL_TEXT \
    "random walk with drift around the anchored trend (see method)"

/* One model auto compared. */
typedef struct {
    Model model;
    double aicc, delta, weight, error, proj;
} Candidate;

/* "$47B", "€3M", "800M" (users), "45%", "12B CNY"; "470億美元" in
 * Chinese; "-" when not finite. */
char *project_value_text(Lang lang, double v, const char *unit, char *buf,
                         size_t size);

char *project_percent_text(double rate, char *buf, size_t size);

/* A day set by the data or the options (a horizon, the start of a
 * search): its month when it is the first, else the day. Not rounded. */
char *project_day_label(Lang lang, long day, char *buf, size_t size);

/* "Anthropic is ahead: $47B (2026-05) against OpenAI's $25B (2026-02);
 * OpenAI would pass Anthropic around 2026-11". The one ahead is ahead
 * where the comparison starts, the later of the two latest observations:
 * when its own latest value is the smaller, it is ahead by its trend. */
char *project_compare_text(const Projection *p, const ProjectPair *q,
                           char *buf, size_t size);

char *project_compare_span(Lang lang, const ProjectPair *q, char *buf,
                           size_t size);

/* What a target result says, and its interval ("-" when none). */
void project_target_text(const Projection *p, const ProjectTarget *q,
                         char *res, char *span, size_t size);

/* Flags of a projection: "beyond default horizon", "capped at world
 * population"; "" when none. */
char *project_flag_text(Lang lang, const SeriesAnalysis *a, char *buf,
                        size_t size);

/* The model's name: "damped" / "趨緩". */
const char *project_model_name(Lang lang, Model m);

/* The model of a's trend, NULL without one. */
const char *project_model_of(Lang lang, const SeriesAnalysis *a);

/* The metric as the table names it: its id in English (what --metric
 * takes), its Chinese name where one is known ("年化營收"). */
char *project_metric_text(Lang lang, const char *metric, char *buf,
                          size_t size);

int project_is_auto(const SeriesAnalysis *a);

/* The models auto compared: every one fit.cand_aicc records, by AICc,
 * with Akaike weights, each one's own backtest error (from
 * ANALYSIS_AUTO_BACKTEST points, what auto chose by) and its anchored
 * projection at the horizon. */
size_t project_candidates(const SeriesAnalysis *a, Candidate *c);

/* "ChatGPT weekly_active_users, 2027-02: 1.1B–3.1B depending on the
 * model (damped or exp)", lower first; "" without an alternative. */
char *project_range_text(Lang lang, const SeriesAnalysis *a, char *buf,
                         size_t size);

char *project_iso_day(long day, char *buf, size_t size);

/* ---- what the analyses found, in words ------------------------------- */
const char *project_compare_status(CompareStatus s);

const char *project_target_status(const ProjectTarget *q);

const SeriesAnalysis *project_leader(const Projection *p,
                                     const ProjectPair *q);

const SeriesAnalysis *project_follower(const Projection *p,
                                       const ProjectPair *q);

long project_pair_end(const ProjectPair *q);

/* The target sentence with its interval, for CSV and JSON. */
char *project_target_sentence(const Projection *p, const ProjectTarget *q,
                              char *buf, size_t size);

char *project_compare_sentence(const Projection *p, const ProjectPair *q,
                               char *buf, size_t size);

/* The three formats. */
void project_print_table(const Projection *p, FILE *out);

void project_print_csv(const Projection *p, FILE *out);

void project_print_json(const Projection *p, FILE *out);

#endif
