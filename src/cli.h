/* cli.h - what the subcommands share: error printing, exit codes, loading
 * data files, and parsing common option values. */
#ifndef AIGROWTH_CLI_H
#define AIGROWTH_CLI_H

#include <getopt.h>
#include <stddef.h>
#include <time.h>
#include "csvload.h"
#include "dataset.h"
#include "error.h"
#include "i18n.h"

/* Documented exit codes. */
enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3,
       EXIT_RENDER = 4 };

/* What a command returns after printing its --help: not an exit code;
 * main.c turns it into EXIT_OK. Commands pass it up like an error, so
 * they stop before doing anything. */
enum { CLI_HELP_SHOWN = -1 };

/* Who reads the remedy an error names: a command-line user (option
 * names) or a report.ini writer (its keys). */
typedef enum { CLI_REMEDY_OPTIONS, CLI_REMEDY_SPEC } CliRemedyVoice;

/* Writes "FILE:LINE:COL: message" and the remedy err->remedy names, in
 * voice's words, into buf (size > 0). Returns buf. */
char *cli_error_text(const Error *err, CliRemedyVoice voice, char *buf,
                     size_t size);

/* Prints "aigrowth: " and cli_error_text(err, voice) to stderr, as one
 * line (cli_escape), and returns the exit code for the error's kind. */
int cli_fail_as(const Error *err, CliRemedyVoice voice);

/* cli_fail_as with CLI_REMEDY_OPTIONS. */
int cli_fail(const Error *err);

/* Copies s into buf (size > 0) fit for a terminal line: control
 * characters become \n, \r, \t or \xHH, and the invisible direction
 * controls (U+200E/F, U+202A-E, U+2066-9), which could reorder what is
 * shown, become <U+202E>. Truncates at size. Returns buf. */
char *cli_escape(const char *s, char *buf, size_t size);

/* Columns a terminal gives s (UTF-8): per character utf8proc_charwidth,
 * 2 for CJK and most emoji, 0 for combining marks; a byte that is not
 * UTF-8 counts 1. For text already through cli_escape (no controls). */
size_t cli_display_width(const char *s);
/* Spaces that pad s to width terminal columns (0 when it is wider). */
int cli_pad(const char *s, size_t width);

/* Called for each option getopt_long finds: c is its code, arg its value
 * (NULL when it takes none). Returns EXIT_OK or an exit code. */
typedef int (*CliOptionFn)(void *ctx, int c, char *arg);

/* Runs getopt_long over argv[1..] with shortopts (which should start with
 * ':') and longopts, calling on_option for each option. A missing value or
 * an unknown option is a usage error naming the option and `command`.
 * --help or -h prints the command's usage on stdout and returns
 * CLI_HELP_SHOWN. Returns EXIT_OK with optind at the first operand, or
 * the first non-OK code. */
int cli_parse_options(int argc, char **argv, const char *command,
                      const char *shortopts, const struct option *longopts,
                      CliOptionFn on_option, void *ctx);

/* cli_parse_options for a command that reads data files: also a usage
 * error ("COMMAND needs at least one data file") when no operand is
 * left. */
int cli_parse_data_options(int argc, char **argv, const char *command,
                           const char *shortopts,
                           const struct option *longopts,
                           CliOptionFn on_option, void *ctx);

#define CLI_MAX_NAMES 64

/* A comma-separated list of names from an option, split in place in its
 * own copy (owned; free with cli_names_free). */
typedef struct {
    char *copy;
    const char *names[CLI_MAX_NAMES];
    size_t n;
} CliNames;

/* Splits "A, B ,C" into list (replacing what it held), trimming spaces;
 * a name in double quotes keeps its commas ('"Korea, Rep.",OpenAI', as
 * names_split reads it).
 * An empty list or more than CLI_MAX_NAMES names is a usage error naming
 * option. Returns EXIT_OK or EXIT_USAGE. */
int cli_split_names(CliNames *list, const char *text, const char *option);
void cli_names_free(CliNames *list);

/* Prints "aigrowth: message" plus a pointer to --help; returns EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Codes of the loading options every command that loads data takes:
 * above any short option's character. */
enum {
    CLI_OPT_DATE_ORDER = 0x100,
    CLI_OPT_SKIP_ROWS,
    CLI_OPT_AS_OF, /* the fit options: CLI_FIT_LONGOPTS */
    CLI_OPT_SINCE,
    CLI_OPT_LAST,
    CLI_OPT_LEVEL,
    CLI_OPT_VALUE_COLUMN, /* the column options: CLI_LOAD_LONGOPTS */
    CLI_OPT_DATE_COLUMN,
    CLI_OPT_ENTITY_COLUMN,
    CLI_OPT_VERIFIED_ONLY
};

/* Their struct option entries, for a command's longopts table (the
 * command's --metric sets CsvOptions.metric too: cli_load_option). */
#define CLI_LOAD_LONGOPTS                                                \
    {"date-order", required_argument, NULL, CLI_OPT_DATE_ORDER},         \
    {"skip-rows", required_argument, NULL, CLI_OPT_SKIP_ROWS},           \
    {"value-column", required_argument, NULL, CLI_OPT_VALUE_COLUMN},     \
    {"date-column", required_argument, NULL, CLI_OPT_DATE_COLUMN},       \
    {"entity-column", required_argument, NULL, CLI_OPT_ENTITY_COLUMN},   \
    {"verified-only", no_argument, NULL, CLI_OPT_VERIFIED_ONLY}

/* The case labels of the loading options a command passes on to
 * cli_load_option (--metric aside). */
#define CLI_LOAD_CASES                                                   \
    case CLI_OPT_DATE_ORDER:                                             \
    case CLI_OPT_SKIP_ROWS:                                              \
    case CLI_OPT_VALUE_COLUMN:                                           \
    case CLI_OPT_DATE_COLUMN:                                            \
    case CLI_OPT_ENTITY_COLUMN:                                          \
    case CLI_OPT_VERIFIED_ONLY

/* --metric NAME and --company LIST, which pick the series of a command
 * that fits ('m' and 'C'; --metric is also a loading option). */
#define CLI_SELECT_LONGOPTS                                              \
    {"metric", required_argument, NULL, 'm'},                            \
    {"company", required_argument, NULL, 'C'}

/* Applies the loading option c (a CLI_OPT_* code, or 'm' for --metric;
 * arg of --metric and the column options stays borrowed) to csv. Returns EXIT_OK, or EXIT_USAGE after
 * printing what is wrong with arg. */
int cli_load_option(CsvOptions *csv, int c, const char *arg);

/* Loads the files with opt (NULL: defaults, as CsvOptions says) and
 * groups them into a new dataset (caller owns; NULL on error). */
Dataset *cli_load(const char *const *paths, size_t n, const CsvOptions *opt,
                  Error *err);

/* The fit options' values, read alike by every command that fits
 * (chart, project, backtest). Each sets its result and returns EXIT_OK,
 * or prints a usage error naming the option and returns EXIT_USAGE.
 * --since D: a date; --as-of D: cli_parse_as_of; --last N: a count of
 * points from ANALYSIS_MIN_POINTS; --level L: 0.5 to 0.999, as 0.8, 80
 * or 80%. */
int cli_option_since(const char *arg, long *day);
int cli_option_as_of(const char *arg, long *day);
int cli_option_last(const char *arg, size_t *last);
int cli_option_level(const char *arg, double *level);

/* The fit options every command that fits takes with these names (each
 * command adds its own --model and, if it draws or projects, --horizon),
 * for its longopts table; their codes go to cli_fit_option. */
#define CLI_FIT_LONGOPTS                                                 \
    {"as-of", required_argument, NULL, CLI_OPT_AS_OF},                   \
    {"since", required_argument, NULL, CLI_OPT_SINCE},                   \
    {"last", required_argument, NULL, CLI_OPT_LAST},                     \
    {"level", required_argument, NULL, CLI_OPT_LEVEL}

/* Where a command keeps the fit options' values. */
typedef struct {
    long *as_of, *since;
    size_t *last;
    double *level;
} CliFitValues;

/* Applies the fit option c (CLI_OPT_AS_OF .. CLI_OPT_LEVEL) through the
 * cli_option_* reader above. EXIT_OK or EXIT_USAGE. */
int cli_fit_option(int c, const char *arg, CliFitValues into);

/* What --format picks for a command that prints results. */
typedef enum { RESULT_TABLE, RESULT_CSV, RESULT_JSON } ResultFormat;
/* --format: table, csv or json. EXIT_OK, or a usage error. */
int cli_option_result_format(const char *arg, ResultFormat *format);

/* --lang: en, zh-TW or zh-CN, and one this machine can write (zh-CN
 * needs OpenCC's data). EXIT_OK, or a usage error. */
int cli_option_lang(const char *arg, Lang *lang);

/* --number-style: plain or grouped. EXIT_OK, or a usage error. */
int cli_option_number_style(const char *arg, NumberStyle *style);

/* "slide" (1920x1080), "4:3", "square", "a4" (landscape) or "WxH" to a
 * chart size: pixels of the PNG at scale 1, points of an SVG or PDF. */
int cli_parse_size(const char *text, double *width, double *height);

/* "+12m" or "+2y" (months after the latest data: sets *months, *day = 0)
 * or a date (sets *day, *months = 0). */
int cli_parse_horizon(const char *text, long *day, int *months);

/* An --as-of date: the last day of the period written ("2025-06" keeps
 * every observation of June 2025, "2025" all of 2025). Returns 0, or -1
 * when text is not a date. */
int cli_parse_as_of(const char *text, long *day);

/* SOURCE_DATE_EPOCH when set and valid, else the current time. */
time_t cli_generation_time(void);
/* EXIT_OK, or a usage error naming SOURCE_DATE_EPOCH when it is set to
 * anything but whole seconds from 0 to SOURCE_DATE_EPOCH_MAX: checked
 * before any command runs, so no output carries a time it was not given. */
int cli_check_source_date_epoch(void);

#endif
