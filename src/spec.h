/* spec.h - report.ini (parsed with inih) to a report spec and chart specs.
 *
 *   [report]                  title, subtitle, author, lang
 *                             (en|zh-TW|zh-CN), number_style
 *                             (plain|grouped), page (a4|letter|slides),
 *                             output, charts, formats (png,svg,pdf,pptx),
 *                             horizon, level, theme,
 *                             data (comma-separated files), events,
 *                             source, note, credit
 *   [chart NAME]              type (line|bar|milestones), target (the
 *                             value a milestone chart's rows reach),
 *                             data, metric, companies,
 *                             highlight, scale (auto|log|linear), model,
 *                             since, last, horizon, events, title,
 *                             subtitle, size, colors (A=#rrggbb, ...),
 *                             source, note, credit,
 *                             hline (VALUE,label), range (DATE1,DATE2,
 *                             label), annotate (DATE,VALUE,text), each
 *                             repeated for more, and per language;
 *                             index (100), index_at (DATE), growth
 *                             (yes|no): a rebased line chart;
 *                             align (first|launch|threshold:V): a line
 *                             chart in months since each series' origin
 *                             facet (company|metric), facet_scale
 *                             (shared|free): small multiples; metric
 *                             may name two, "a, b"
 *   [colors]                  COMPANY = #rrggbb, one a line: that
 *                             company's colour in every chart (a chart's
 *                             own colors win)
 *   [launch]                  COMPANY = DATE, one a line: the launch date
 *                             align = launch measures from (over the
 *                             events' "... launched")
 *
 * A text key (title, subtitle, author) may be given per language, as
 * title[zh-TW] = ...: the report's language picks it over the plain key
 * (spec_use_language).
 *
 * Relative paths are relative to the spec file's directory. A spec with
 * no [chart] section draws one chart per metric of its data. */
#ifndef AIGROWTH_SPEC_H
#define AIGROWTH_SPEC_H

/* The largest report.ini read, in bytes. */
#define SPEC_FILE_MAX (1024 * 1024)

#include <stddef.h>
#include "annotate.h"
#include "chart_build.h"
#include "csvload.h"
#include "error.h"
#include "i18n.h"
#include "theme.h"

/* Output formats of each chart, as bits. */
/* FORMAT_PPTX is not a chart's: it asks for the report's deck beside
 * the PDF (the output's name with .pptx for its extension). */
enum { FORMAT_PNG = 1, FORMAT_SVG = 2, FORMAT_PDF = 4, FORMAT_PPTX = 8 };

/* The texts given per language (title[zh-TW] = ...), NULL where not
 * given; owned. */
typedef struct {
    char *title[LANG_COUNT];
    char *subtitle[LANG_COUNT];
    char *author[LANG_COUNT];
} SpecTexts;

/* A chart's source line: who reported the data (NULL: the outlets the
 * data cites), a note after it, the credit (NULL: aigrowth); owned. */
typedef struct {
    char *source, *note, *credit;
} SpecCredits;

/* A list of strings, each owned by the list. */
typedef struct {
    char **items;
    size_t n, cap;
} StrList;

/* One [chart NAME] section. Strings owned by the spec; NULL when not
 * given (the report's setting or the default applies). */
typedef struct {
    char *name;           /* as written in the section header, and the
                             stem of its files (spec_check_stem) */
    long line;            /* line of the section header */
    ChartKind kind;
    int kind_set;         /* type given: no bars for a cross-section */
    StrList data;         /* empty: the report's data */
    char *metric;
    StrList companies;
    StrList highlight;
    ColorOverride *colors;/* company strings owned by the spec */
    size_t n_colors;
    AxisChoice axis;
    Model model;
    int model_set;        /* 0: the report's default (damped) */
    char *since;
    long last;            /* 0: all points */
    char *horizon;        /* NULL: the report's */
    double cap;           /* a ceiling by hand; 0: the report's */
    double target;        /* type milestones: the value reached; 0 */
    double index_base;    /* index = 100: rebased; 0: not */
    char *index_at;       /* index_at = DATE; NULL: the common start */
    int growth;           /* growth = yes: "× since start" */
    Alignment align;      /* align = first|launch|threshold:V; kind
                             ALIGN_NONE: calendar time */
    FacetBy facet;        /* facet = company|metric; FACET_NONE */
    FacetScale facet_scale;
    int facet_scale_set;  /* facet_scale given */
    const char *target_unit; /* the unit its text named (static), "" */
    char *events;         /* NULL: the report's */
    char *title;
    char *subtitle;
    SpecTexts in_lang;    /* title[LANG], subtitle[LANG] */
    SpecCredits credits;  /* NULL fields: the report's */
    double width, height; /* 0: 960 x 540 */
    StrList notes[NOTE_KINDS]; /* hline, range, annotate: one a line, the
                             key repeated; checked when read */
    StrList notes_in[LANG_COUNT][NOTE_KINDS]; /* hline[zh-TW] = ...: a
                             language's list, which replaces the plain
                             one in that language (spec_use_language) */
} ChartSpec;

typedef struct {
    char *path;           /* the spec file, NULL for the built-in default */
    char *dir;            /* its directory, for relative paths */
    char *title;          /* NULL: "AI company growth" in the language */
    char *subtitle;
    char *author;
    SpecTexts in_lang;    /* title[LANG], subtitle[LANG], author[LANG] */
    SpecCredits credits;  /* every chart's, unless it gives its own */
    Lang lang;            /* with number_style, once spec_use_language */
    NumberStyle number_style;
    char *page;           /* "a4", "letter" or "slides" */
    char *output;         /* report PDF path, or a deck's (.pptx) */
    char *charts_dir;
    int formats;          /* FORMAT_* bits */
    char *horizon;        /* NULL: the analysis' default horizon */
    double cap;           /* a ceiling by hand for every chart; 0: by
                             unit (world population, 100%) */
    double level;
    const Theme *theme;
    StrList data;
    char *events;         /* NULL: no event markers */
    int changes;          /* "What changed" section when a previous run
                             was recorded (default 1) */
    CsvOptions csv;       /* date_order, skip_rows and the columns
                             (value_column ...: owned) for every data file;
                             metric stays NULL (each chart names its own) */
    ColorOverride *colors;/* [colors]: every chart's, under its own */
    size_t n_colors;
    LaunchDate *launches; /* [launch]: COMPANY = DATE, companies owned */
    size_t n_launches;
    ChartSpec *charts;
    size_t n_charts, cap_charts;
} Spec;

/* The built-in default: the three shipped datasets, one chart per metric,
 * report.pdf and charts/. Caller frees with spec_free. */
void spec_default(Spec *spec);

/* Parses path into spec (starting from the defaults). Fails with ERR_IO
 * when the file cannot be read, and with ERR_DATA naming file, line and
 * key for an unknown section or key, a bad value, or a chart name that is
 * used twice. Paths in the result are already joined with the spec's
 * directory. On failure spec holds nothing to free. */
int spec_load(const char *path, Spec *spec, Error *err);

/* Makes lang the spec's language: each text given for it (title[zh-TW])
 * replaces the plain one, in the report and every chart. */
void spec_use_language(Spec *spec, Lang lang);

/* Sets one of spec->csv's column names (value_column, date_column,
 * entity_column) to a copy of name (NULL: none), freeing the old one. */
void spec_set_column(const char **field, const char *name);

/* Frees what the spec owns (not the struct itself). */
void spec_free(Spec *spec);

/* Bytes a chart's name (its files' stem) may have: with ".png" and a
 * temporary file's additions it stays within a file name's 255. */
#define SPEC_STEM_MAX 200

/* Checks that name can be used as it is as the stem of a chart's file
 * names in the charts directory: UTF-8 of 1 to SPEC_STEM_MAX bytes with
 * no '/', no control character (nor direction control), not starting
 * with '.' or '-'. Returns 0, or -1 with the fact ("has a '/'") in why. */
int spec_check_stem(const char *name, char *why, size_t size);

#endif
