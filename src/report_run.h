/* report_run.h - one `aigrowth report` run, shared by cmd_report.c (the
 * command: options, outputs, the PDF, the commit), run_plan.c (which
 * charts, from which data) and run_hash.c (what each output depends
 * on). Private to those files. */
#ifndef AIGROWTH_REPORT_RUN_H
#define AIGROWTH_REPORT_RUN_H

#include <stdint.h>
#include <time.h>

#include <pthread.h>

#include "chart_build.h"
#include "commit.h"
#include "company_colors.h"
#include "csvload.h"
#include "fsutil.h"
#include "render_cairo.h"
#include "spec.h"
#include "state.h"

#define MAX_CHARTS 1000

#define STATE_FILE ".aigrowth-state"
/* How long a run waits for another on the same charts directory. */
#define LOCK_WAIT_MS 10000

/* Command-line settings; NULL / -1 where the spec's value stands. */
typedef struct {
    const char *spec_path;
    const char *const *files;
    size_t n_files;
    const char *output, *charts_dir, *title, *subtitle, *author, *page;
    int lang;               /* -1, or a Lang */
    int number_style;       /* -1, or a NumberStyle */
    int quiet, force;
    long as_of;             /* only observations up to this day; 0: all */
    CsvOptions csv;         /* --date-order and --skip-rows, when given: */
    int set_date_order, set_skip_rows;
} ReportOptions;

/* One chart of the report: its request, its built scene, its encoded
 * files (only when redrawn) and why it was or was not redrawn. */
typedef struct {
    char *stem;             /* of its file names (owned) */
    char *label;            /* how messages name it (owned) */
    char title[200];
    ChartRequest req;
    const Dataset *ds;
    EventList events;
    Annotation *notes;      /* the chart's hline, range, annotate keys
                               (owned; req.notes points here) */
    const ChartSpec *cs;    /* NULL in one-chart-per-metric mode */
    ChartBuilt built;
    uint64_t hash, data_hash;
    const char *reason;     /* NULL: unchanged */
    ByteBuf out[3];         /* png, svg, pdf */
    uint64_t size[3];       /* of each file as it is (unchanged) or will */
    uint64_t content[3];    /* be (redrawn): the next run's record */
} ChartJob;

/* A dataset per distinct list of data files: charts may name their own. */
typedef struct {
    const StrList *files;
    Dataset *ds;
} LoadedData;

typedef struct {
    ReportOptions opt;
    Spec spec;
    const FontStack *fs;
    LoadedData loaded[MAX_CHARTS + 1];
    size_t n_loaded;
    ChartJob *jobs;
    size_t n_jobs;
    CompanyColors colors;   /* the colour order of every chart */
    RunState previous, next;
    char *state_path;
    FsutilLock *lock;       /* the charts directory's, held all run */
    int created_dir;        /* this run made the charts directory */
    struct timespec start;
    int progress;           /* stderr is a terminal */
    int want_pdf;           /* the output is a PDF (not only a deck) */
    int pdf_rebuilt;        /* the PDF changed: pdf holds its bytes */
    ByteBuf pdf;
    char *deck_path;        /* the deck's path (owned); NULL: no deck */
    int deck_rebuilt;       /* the deck changed: deck holds its bytes */
    ByteBuf deck;
    Commit *commit;         /* every output of the run, staged as drawn */
    pthread_mutex_t *stage_lock; /* drawing threads stage one at a time */
} ReportRun;

/* The dataset of a list of files, loaded once per run. */
const Dataset *run_data_for(ReportRun *run, const StrList *files,
                            Error *err);
/* The charts of the run: one per [chart] section, else one per metric
 * (and a bar chart of the latest valuations); refuses names that cannot
 * name files and two outputs that would be one file. */
int run_plan_charts(ReportRun *run, const Dataset *main_ds, Error *err);
/* The request every chart starts from: the spec's report-wide settings. */
void run_base_request(const Spec *spec, ChartRequest *req);
/* Reads a horizon ("+12m", a date) into req, naming where it came from. */
int run_parse_horizon(const char *text, ChartRequest *req,
                      const char *where, Error *err);

/* Adds the program drawing the charts to h: its build and fonts. */
void run_hash_program(Hash *h, const FontStack *fs);
/* Sets job->hash (and data_hash) from everything its outputs show. */
void run_hash_job(ChartJob *job, const Spec *spec, uint64_t program);

/* The path of job's file in format k (0 png, 1 svg, 2 pdf); owned. */
char *run_output_path(const Spec *spec, const ChartJob *job, int k);

#endif
