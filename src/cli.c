/* cli.c - what the subcommands share. */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "analysis.h"
#include "cmd_help.h"
#include "csvload.h"
#include "dates.h"
#include "names.h"
#include "parse_date.h"
#include "util.h"

/* Length of the direction control at s, or 0. */
static size_t bidi_control(const unsigned char *s, unsigned *cp)
{
    /* s[1] is checked before s[2] is read: s may end after s[1]. */
    if (s[0] != 0xE2 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
        return 0;
    unsigned c = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) |
                 (s[2] & 0x3Fu);
    if (c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069)) {
        *cp = c;
        return 3;
    }
    return 0;
}

char *cli_escape(const char *s, char *buf, size_t size)
{
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        char piece[16];
        size_t n = 1;
        unsigned cp;
        size_t bidi = bidi_control(p, &cp);
        if (bidi) {
            snprintf(piece, sizeof piece, "<U+%04X>", cp);
            n = bidi;
        } else if (*p == '\n') {
            snprintf(piece, sizeof piece, "\\n");
        } else if (*p == '\r') {
            snprintf(piece, sizeof piece, "\\r");
        } else if (*p == '\t') {
            snprintf(piece, sizeof piece, "\\t");
        } else if (*p < 0x20 || *p == 0x7F) {
            snprintf(piece, sizeof piece, "\\x%02X", *p);
        } else {
            piece[0] = (char)*p;
            piece[1] = '\0';
        }
        size_t len = strlen(piece);
        if (o + len + 1 > size)
            break;
        memcpy(buf + o, piece, len);
        o += len;
        p += n;
    }
    buf[o] = '\0';
    return buf;
}

/* The remedies by ErrorRemedy, each read after the message. */
static const char *const remedies[][2] = {
    [ERR_REMEDY_NONE] = {"", ""},
    [ERR_REMEDY_DATE_ORDER] = {", or pass --date-order dmy or mdy",
                               ", or set date_order = dmy or mdy in "
                               "[report]"},
    [ERR_REMEDY_SKIP_ROWS] = {"; for title lines above the header pass "
                              "--skip-rows N",
                              "; for title lines above the header set "
                              "skip_rows = N in [report]"},
    [ERR_REMEDY_MODEL] = {"; choose --model exp or linear",
                          "; set model = exp or linear"},
    [ERR_REMEDY_VALUE_COLUMN] = {"; pick one with --value-column NAME",
                                 "; pick one with value_column = NAME in "
                                 "[report]"},
};

int cli_pad(const char *s, size_t width)
{
    size_t w = cli_display_width(s);
    return w < width ? (int)(width - w) : 0;
}

size_t cli_display_width(const char *s)
{
    size_t w = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0) {
            w++;
            p++;
            continue;
        }
        int cw = utf8proc_charwidth(cp);
        w += cw > 0 ? (size_t)cw : 0;
        p += n;
    }
    return w;
}

char *cli_error_text(const Error *err, CliRemedyVoice voice, char *buf,
                     size_t size)
{
    error_format(err, buf, size);
    size_t r = (size_t)err->remedy;
    if (r < sizeof remedies / sizeof remedies[0]) {
        size_t len = strlen(buf);
        snprintf(buf + len, size - len, "%s", remedies[r][voice]);
    }
    return buf;
}

int cli_fail_as(const Error *err, CliRemedyVoice voice)
{
    char buf[2048], safe[4096];
    cli_error_text(err, voice, buf, sizeof buf);
    fprintf(stderr, "aigrowth: %s\n", cli_escape(buf, safe, sizeof safe));
    switch (err->kind) {
    case ERR_DATA:
        return EXIT_DATA;
    case ERR_USAGE:
        return EXIT_USAGE;
    case ERR_IO:
        return EXIT_IO;
    case ERR_RENDER:
        return EXIT_RENDER;
    case ERR_NONE:
        break;
    }
    return EXIT_RENDER;
}

int cli_fail(const Error *err)
{
    return cli_fail_as(err, CLI_REMEDY_OPTIONS);
}

int cli_parse_options(int argc, char **argv, const char *command,
                      const char *shortopts, const struct option *longopts,
                      CliOptionFn on_option, void *ctx)
{
    optind = 1;
    opterr = 0;
    int c, rc;
    while ((c = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
        if (c == ':')
            return cli_usage_error("option %s needs a value",
                                   argv[optind - 1]);
        if (c == '?' && (strcmp(argv[optind - 1], "--help") == 0 ||
                         strcmp(argv[optind - 1], "-h") == 0)) {
            cmd_help_command(stdout, command);
            return CLI_HELP_SHOWN;
        }
        if (c == '?')
            return cli_usage_error("unknown option %s for %s",
                                   argv[optind - 1], command);
        if ((rc = on_option(ctx, c, optarg)) != EXIT_OK)
            return rc;
    }
    return EXIT_OK;
}

int cli_parse_data_options(int argc, char **argv, const char *command,
                           const char *shortopts,
                           const struct option *longopts,
                           CliOptionFn on_option, void *ctx)
{
    int rc = cli_parse_options(argc, argv, command, shortopts, longopts,
                               on_option, ctx);
    if (rc == EXIT_OK && optind >= argc)
        return cli_usage_error("%s needs at least one data file", command);
    return rc;
}

/* One name into the list; past CLI_MAX_NAMES only counted. */
static void add_name(void *ctx, char *item)
{
    CliNames *list = ctx;
    if (list->n < CLI_MAX_NAMES)
        list->names[list->n] = item;
    list->n++;
}

int cli_split_names(CliNames *list, const char *text, const char *option)
{
    free(list->copy);
    list->copy = xstrdup(text);
    list->n = 0;
    names_split(list->copy, add_name, list);
    if (list->n > CLI_MAX_NAMES) {
        list->n = CLI_MAX_NAMES;
        return cli_usage_error("%s lists more than %d names", option,
                               CLI_MAX_NAMES);
    }
    if (list->n == 0)
        return cli_usage_error("%s needs at least one name", option);
    return EXIT_OK;
}

void cli_names_free(CliNames *list)
{
    free(list->copy);
    memset(list, 0, sizeof *list);
}

int cli_usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("aigrowth: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("; see aigrowth --help\n", stderr);
    va_end(ap);
    return EXIT_USAGE;
}

int cli_load_option(CsvOptions *csv, int c, const char *arg)
{
    switch (c) {
    case 'm':
        csv->metric = arg;
        return EXIT_OK;
    case CLI_OPT_DATE_ORDER:
        if (strcmp(arg, "dmy") == 0)
            csv->date_order = DATE_ORDER_DMY;
        else if (strcmp(arg, "mdy") == 0)
            csv->date_order = DATE_ORDER_MDY;
        else
            return cli_usage_error("--date-order must be dmy or mdy, not "
                                   "\"%s\"",
                                   arg);
        return EXIT_OK;
    case CLI_OPT_SKIP_ROWS: {
        char *end;
        long n = strtol(arg, &end, 10);
        if (end == arg || *end || n < 0 || n > 1000)
            return cli_usage_error("--skip-rows needs a number from 0 to "
                                   "1000, not \"%s\"",
                                   arg);
        csv->skip_rows = n;
        return EXIT_OK;
    }
    case CLI_OPT_VERIFIED_ONLY:
        csv->verified_only = 1;
        return EXIT_OK;
    case CLI_OPT_VALUE_COLUMN:
    case CLI_OPT_DATE_COLUMN:
    case CLI_OPT_ENTITY_COLUMN: {
        const char *name = c == CLI_OPT_VALUE_COLUMN  ? "--value-column"
                           : c == CLI_OPT_DATE_COLUMN ? "--date-column"
                                                      : "--entity-column";
        if (!arg[0])
            return cli_usage_error("%s needs a column name as the header "
                                   "writes it",
                                   name);
        if (c == CLI_OPT_VALUE_COLUMN)
            csv->value_column = arg;
        else if (c == CLI_OPT_DATE_COLUMN)
            csv->date_column = arg;
        else
            csv->entity_column = arg;
        return EXIT_OK;
    }
    }
    return cli_usage_error("unknown loading option");
}

/* What loading skipped or left out (an empty date, --verified-only's
 * rows), on stderr: a row is never dropped in silence. `check` lists the
 * same warnings in its report instead. */
static void print_load_warnings(const Dataset *ds)
{
    char safe[1024];
    for (size_t i = 0; i < ds->n_warnings; i++)
        fprintf(stderr, "aigrowth: warning: %s\n",
                cli_escape(ds->warnings[i], safe, sizeof safe));
    if (ds->warnings_dropped)
        fprintf(stderr, "aigrowth: warning: ... and %zu more (aigrowth "
                        "check lists them)\n",
                ds->warnings_dropped);
}

Dataset *cli_load(const char *const *paths, size_t n, const CsvOptions *opt,
                  Error *err)
{
    Dataset *ds = dataset_create();
    for (size_t i = 0; i < n; i++) {
        if (csvload_file_with(ds, paths[i], opt, err) != 0) {
            dataset_destroy(ds);
            return NULL;
        }
    }
    if (dataset_group(ds, err) != 0) {
        dataset_destroy(ds);
        return NULL;
    }
    print_load_warnings(ds);
    return ds;
}

int cli_parse_size(const char *text, double *width, double *height)
{
    static const struct {
        const char *name;
        double w, h;
    } named[] = {
        {"slide", 1920, 1080}, {"16:9", 1920, 1080}, {"4:3", 1600, 1200},
        {"square", 1200, 1200}, {"a4", 1754, 1240},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        if (strcmp(text, named[i].name) == 0) {
            *width = named[i].w;
            *height = named[i].h;
            return 0;
        }
    }
    char *end;
    errno = 0;
    long w = strtol(text, &end, 10);
    if (end == text || (*end != 'x' && *end != 'X'))
        return -1;
    const char *rest = end + 1;
    long h = strtol(rest, &end, 10);
    if (end == rest || *end || errno || w < 300 || h < 200 || w > 20000 ||
        h > 20000)
        return -1;
    *width = (double)w;
    *height = (double)h;
    return 0;
}

int cli_parse_horizon(const char *text, long *day, int *months)
{
    *day = 0;
    *months = 0;
    if (text[0] == '+') {
        char *end;
        long n = strtol(text + 1, &end, 10);
        if (end == text + 1 || n <= 0 || n > 1200)
            return -1;
        if (strcmp(end, "m") == 0)
            *months = (int)n;
        else if (strcmp(end, "y") == 0 && n <= 100)
            *months = (int)n * 12;
        else
            return -1;
        return 0;
    }
    DatePrecision precision;
    char why[256];
    return parse_date(text, day, &precision, why, sizeof why);
}

/* SOURCE_DATE_EPOCH as seconds; -1 when unset or empty, -2 when it is
 * not a whole number from 0 to SOURCE_DATE_EPOCH_MAX. */
static long long source_date_epoch(void)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    if (!epoch || !*epoch)
        return -1;
    if (strspn(epoch, "0123456789") != strlen(epoch))
        return -2;
    errno = 0;
    unsigned long long v = strtoull(epoch, NULL, 10);
    if (errno || v > (unsigned long long)SOURCE_DATE_EPOCH_MAX)
        return -2;
    return (long long)v;
}

int cli_check_source_date_epoch(void)
{
    if (source_date_epoch() != -2)
        return EXIT_OK;
    return cli_usage_error("SOURCE_DATE_EPOCH \"%s\" is not a time: set it "
                           "to whole seconds since 1970 from 0 to %lld "
                           "(9999-12-31), or unset it",
                           getenv("SOURCE_DATE_EPOCH"), SOURCE_DATE_EPOCH_MAX);
}

time_t cli_generation_time(void)
{
    long long v = source_date_epoch();
    return v >= 0 ? (time_t)v : time(NULL);
}

int cli_parse_as_of(const char *text, long *day)
{
    char why[256];
    DatePrecision prec;
    long d;
    if (parse_date(text, &d, &prec, why, sizeof why) != 0)
        return -1;
    int y, m, dd;
    date_to_ymd(d, &y, &m, &dd);
    switch (prec) {
    case DATE_YEAR: *day = date_from_ymd(y, 12, 31); break;
    case DATE_QUARTER: *day = date_add_months(d, 3) - 1; break;
    case DATE_MONTH: *day = date_add_months(d, 1) - 1; break;
    default: *day = d;
    }
    return 0;
}

int cli_option_since(const char *arg, long *day)
{
    char why[256];
    DatePrecision prec;
    if (parse_date(arg, day, &prec, why, sizeof why) != 0)
        return cli_usage_error("--since \"%s\" is not a date; use "
                               "YYYY-MM-DD, YYYY-MM or YYYY",
                               arg);
    return EXIT_OK;
}

int cli_option_as_of(const char *arg, long *day)
{
    if (cli_parse_as_of(arg, day) != 0)
        return cli_usage_error("--as-of \"%s\" is not a date; use "
                               "YYYY-MM-DD, YYYY-MM or YYYY",
                               arg);
    return EXIT_OK;
}

int cli_option_last(const char *arg, size_t *last)
{
    char *end;
    long n = strtol(arg, &end, 10);
    if (end == arg || *end || n < ANALYSIS_MIN_POINTS || n > 1000000)
        return cli_usage_error("--last \"%s\" must be a whole number of "
                               "points from %d up",
                               arg, ANALYSIS_MIN_POINTS);
    *last = (size_t)n;
    return EXIT_OK;
}

int cli_option_result_format(const char *arg, ResultFormat *format)
{
    static const char *const names[] = {"table", "csv", "json"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(arg, names[i]) == 0) {
            *format = (ResultFormat)i;
            return EXIT_OK;
        }
    }
    return cli_usage_error("--format \"%s\": use table, csv or json", arg);
}

int cli_option_lang(const char *arg, Lang *lang)
{
    if (lang_parse(arg, lang) != 0)
        return cli_usage_error("--lang \"%s\": use en, zh-TW or zh-CN", arg);
    if (lang_unavailable(*lang))
        return cli_usage_error("--lang %s: %s", arg, lang_unavailable(*lang));
    return EXIT_OK;
}

int cli_option_number_style(const char *arg, NumberStyle *style)
{
    if (number_style_parse(arg, style) != 0)
        return cli_usage_error("--number-style \"%s\": use plain (1015億) "
                               "or grouped (1,015億)",
                               arg);
    return EXIT_OK;
}

int cli_option_level(const char *arg, double *level)
{
    char *end;
    double v = strtod(arg, &end);
    if (end != arg && *end == '%' && end[1] == '\0')
        v /= 100.0;
    else if (end == arg || *end)
        v = -1;
    else if (v > 1 && v < 100)
        v /= 100.0;
    if (!(v >= 0.5 && v <= 0.999))
        return cli_usage_error("--level \"%s\" must be a confidence level "
                               "from 0.5 to 0.999, such as 0.8 or 80%%",
                               arg);
    *level = v;
    return EXIT_OK;
}

int cli_fit_option(int c, const char *arg, CliFitValues into)
{
    switch (c) {
    case CLI_OPT_AS_OF: return cli_option_as_of(arg, into.as_of);
    case CLI_OPT_SINCE: return cli_option_since(arg, into.since);
    case CLI_OPT_LAST: return cli_option_last(arg, into.last);
    case CLI_OPT_LEVEL: return cli_option_level(arg, into.level);
    }
    return cli_usage_error("unknown option");
}
