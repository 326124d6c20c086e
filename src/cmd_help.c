/* cmd_help.c - the usage text: main.c's --help prints all of it,
 * `aigrowth COMMAND --help` one command's part. */
#include "cmd_help.h"

#include <string.h>

static const char intro[] =
    "Usage: aigrowth COMMAND [OPTIONS]\n"
    "\n"
    "Growth-trend charts with projections, and a PDF report, from CSV data\n"
    "of AI-company metrics (revenue, valuation, users).\n"
    "\n"
    "Commands:\n";

/* One block per command, each literal under ISO C's 4095-byte limit (a
 * long block goes on in more). The first line reads "  NAME ARGS"; a
 * command's own help prints it after "Usage: aigrowth". */
static const struct {
    const char *name;
    const char *text;
    const char *more;   /* NULL, or the rest of the block */
    const char *rest;   /* NULL, or what still follows more */
} commands[] = {
    {"report",
    "  report [SPEC.ini | DATA.csv...] [options]\n"
    "      The charts of a report spec (default ./report.ini; without one,\n"
    "      one chart per metric of datasets/revenue.csv, valuation.csv and\n"
    "      users.csv) into the charts directory, and the PDF report (cover,\n"
    "      key figures, one page per chart, method, sources). Only charts\n"
    "      whose data or settings changed are redrawn. Options:\n"
    "        -o FILE              report PDF (default report.pdf); a\n"
    "                             FILE.pptx writes a PowerPoint deck\n"
    "                             instead (formats = pptx: both)\n"
    "        --charts DIR         charts directory (default charts)\n"
    "        --page a4|letter|slides   page format (default a4)\n"
    "        --lang en|zh-TW|zh-CN  language of the report and its charts\n"
    "        --number-style plain|grouped  Chinese figures as 1015億\n"
    "                             (default) or 1,015億\n"
    "        --title T, --subtitle S, --author A\n"
    "        --force              redraw everything\n"
    "        --as-of D            only observations dated up to D\n"
    "        --date-order dmy|mdy how to read dates such as 03/04/2025\n"
    "        --skip-rows N        title lines above the header to skip\n"
    "        --value-column NAME  the column holding the value (one of\n"
    "                             several columns of numbers)\n"
    "        --date-column NAME, --entity-column NAME   the date and the\n"
    "                             company column, by header\n"
    "        --verified-only      fit only verified rows; single-source\n"
    "                             and unverified ones are drawn, not fitted\n"
    "        -q, --quiet          print nothing on success\n", NULL, NULL},
    {"chart",
    "  chart DATA.csv... -o FILE.png|FILE.svg|FILE.pdf [options]\n"
    "      One chart. Options:\n"
    "        -m, --metric M       metric to draw (needed when the data has\n"
    "                             several); M,N draws two, the second\n"
    "                             dotted, on one axis when their units\n"
    "                             match, else as two panels on one time\n"
    "                             axis\n"
    "        --facet company|metric  small multiples: a panel per company\n"
    "                             (or metric), each with its values at\n"
    "                             its first and last point and its trend;\n"
    "                             line charts, without notes or events\n"
    "        --facet-scale shared|free  the panels' value axes: one for\n"
    "                             all (default) or each its own\n"
    "        --type line|bar|milestones  line over time (default; bars\n"
    "                             when every series has one point),\n"
    "                             latest value per company, or when\n"
    "                             each company's trend reaches --target\n"
    "        --target V           milestones: the value to reach (100B,\n"
    "                             $1T), in the series' unit; the dates\n"
    "                             are those of project --target\n",
    "        --hline \"V,label\"    a reference line at value V (repeatable):\n"
    "                             --hline \"100B,$100B target\"\n"
    "        --range \"D1,D2,label\" a shaded period (repeatable)\n"
    "        --annotate \"DATE,VALUE,text\"  a callout at that point, its\n"
    "                             text placed clear of other labels with\n"
    "                             a leader line (repeatable)\n"    "        --index B            rebased: each series divided by its\n"
    "                             value at the start, times B (100); the\n"
    "                             projections divided the same way\n"
    "        --index-at DATE      the start (default: the latest first\n"
    "                             date, where every series has a value)\n"
    "        --growth             rebased as \"× since start\" (3.2×)\n"
    "        --align launch|first|threshold:V  each series on months since\n"
    "                             its launch, its first report, or the\n"
    "                             day it reached V (threshold:$1B;\n"
    "                             between two reports, interpolated);\n"
    "                             series without one are left out and\n"
    "                             named; projections shifted, not refitted\n"
    "        --launch \"COMPANY=DATE\"  a launch date for --align launch\n"
    "                             (repeatable; else the earliest event of\n"
    "                             the company labelled \"... launched\")\n",
    "        --company A,B        only these companies (a name with a\n"
    "                             comma in quotes: '\"Korea, Rep.\",B')\n"
    "        --highlight A,B      these in colour, the rest grey (default:\n"
    "                             the 6 largest when there are more; a\n"
    "                             report draws more as small multiples)\n"
    "        --color A=#rrggbb    a company's colour (repeatable)\n"
    "        --title T            title (default: the metric's name)\n"
    "        --subtitle S         subtitle (default: metric, unit, scale)\n"
    "        --source S           who reported the data (default: the\n"
    "                             outlets of the source column, at most\n"
    "                             three named, else the files' names)\n"
    "        --note N             a note after the source line\n"
    "        --credit C           the chart's credit (default aigrowth)\n"
    "        --size S             slide (1920x1080, default), 4:3, square,\n"
    "                             a4, or WIDTHxHEIGHT in pixels\n"
    "        --scale K            PNG pixels per point (default 1; 2 for\n"
    "                             hi-DPI)\n"
    "        --axis log|linear|auto  value axis (default auto: log when the\n"
    "                             data spans more than 1.5 decades)\n"
    "        --model M            trend projection: damped (default; the\n"
    "                             exponential below 5 points), exp, linear,\n"
    "                             logistic, auto (smallest AICc) or none\n"
    "        --horizon D          projection end: a date or +Nm (default:\n"
    "                             the data's span, at most 12 months)\n"
    "        --since D, --last N  fit window: points from date D, last N\n"
    "        --as-of D            only observations dated up to D\n"
    "        --cap V              a ceiling for the projections (default:\n"
    "                             world population for user counts, 100%\n"
    "                             for shares)\n"
    "        --level L            interval level (default 0.8)\n"
    "        --events FILE        event markers (date,label[,company])\n"
    "        --lang en|zh-TW|zh-CN  language of labels and numbers\n"
    "        --number-style plain|grouped  Chinese figures as 1015億\n"
    "                             (default) or 1,015億\n"
    "        --theme light|dark   colours (default light)\n"
    "        --transparent        no background, for slides\n"
    "        --font FAMILY        Latin font (TrueType; default Lato), with\n"
    "                             WenQuanYi Zen Hei for Chinese\n"
    "        --svg-text           SVG text as <text> elements with a font\n"
    "                             list, editable in slide software\n"
    "                             (default: glyph outlines, exact look)\n"
    "        --alt-text           print the chart's alt text and exit;\n"
    "                             no -o needed, nothing written\n"
    "        -o - --format F      write png, svg or pdf to stdout\n"
    "        --date-order dmy|mdy how to read dates such as 03/04/2025\n"
    "        --skip-rows N        title lines above the header to skip\n"
    "        --value-column NAME  the column holding the value (one of\n"
    "                             several columns of numbers)\n"
    "        --date-column NAME, --entity-column NAME   the date and the\n"
    "                             company column, by header\n"
    "        --verified-only      fit only verified rows; single-source\n"
    "                             and unverified ones are drawn, not fitted\n"},
    {"project",
    "  project DATA.csv... [options]\n"
    "      The numbers the charts show: per series the trend, observed\n"
    "      growth, the projection with its interval at the horizon; who is\n"
    "      ahead and who would pass whom; when a target is reached.\n"
    "      Options:\n"
    "        -m, --metric M       only this metric (default: all)\n"
    "        --company A,B        only these companies (a name with a\n"
    "                             comma in quotes: '\"Korea, Rep.\",B')\n"
    "        --model M            damped (default), exp, linear, logistic,\n"
    "                             none, or auto (compares them by AICc)\n"
    "        --since D, --last N  fit window: points from date D, last N\n"
    "        --horizon D          projection end: a date or +Nm (default:\n"
    "                             the data's span, at most 12 months)\n"
    "        --as-of D            only observations dated up to D\n"
    "        --cap V              a ceiling for the projections\n"
    "        --at D[,D...]        projected value and interval at dates\n"
    "        --target V           when each series reaches V, in its unit\n"
    "                             ($500M, 1B users)\n"
    "        --level L            interval level (default 0.8)\n"
    "        --format F           table (default), csv or json\n"
    "        --lang en|zh-TW|zh-CN  language of the table and sentences\n"
    "        --number-style plain|grouped  Chinese figures as 1015億\n"
    "                             (default) or 1,015億\n"
    "        --date-order dmy|mdy how to read dates such as 03/04/2025\n"
    "        --skip-rows N        title lines above the header to skip\n"
    "        --value-column NAME  the column holding the value (one of\n"
    "                             several columns of numbers)\n"
    "        --date-column NAME, --entity-column NAME   the date and the\n"
    "                             company column, by header\n"
    "        --verified-only      fit only verified rows; single-source\n"
    "                             and unverified ones are drawn, not fitted\n", NULL, NULL},
    {"backtest",
    "  backtest DATA.csv... [options]\n"
    "      How the projections would have done: each series fitted on its\n"
    "      first k points and scored on its later ones; per model and\n"
    "      months ahead (0-6, 6-12, 12+), the forecasts, the share inside\n"
    "      the interval and the median error. Options:\n"
    "        -m, --metric M, --company A,B   which series\n"
    "        --model M[,M...]     models to score (default damped); the\n"
    "                             plain least-squares exponential is\n"
    "                             always scored beside them\n"
    "        --since D, --last N  fit window: points from date D, last N\n"
    "        --level L            interval level (default 0.8)\n"
    "        --as-of D            only observations dated up to D\n"
    "        --format F           table (default), csv or json\n"
    "        --date-order dmy|mdy how to read dates such as 03/04/2025\n"
    "        --skip-rows N        title lines above the header to skip\n"
    "        --value-column NAME  the column holding the value (one of\n"
    "                             several columns of numbers)\n"
    "        --date-column NAME, --entity-column NAME   the date and the\n"
    "                             company column, by header\n"
    "        --verified-only      fit only verified rows; single-source\n"
    "                             and unverified ones are drawn, not fitted\n", NULL, NULL},
    {"check",
    "  check DATA.csv... [--format text|json] [--date-order dmy|mdy]\n"
    "        [--metric M] [--skip-rows N] [--value-column NAME]\n"
    "        [--date-column NAME] [--entity-column NAME] [--sources]\n"
    "      Load the files as report does and print, per file, the layout\n"
    "      (long, wide, data-hub, dates-across), delimiter and row counts,\n"
    "      per series its unit, first and last date and points, then every\n"
    "      warning. --sources lists instead every row (data or events)\n"
    "      whose source is missing, not an http(s) URL, cites a page twice\n"
    "      or names no page without saying \"(no source located)\"; exit 1\n"
    "      when any does.\n", NULL, NULL},
};

static const char footer[] =
    "Data: CSV with header date,company,metric,value and optional\n"
    "unit,basis,source,confidence. Dates YYYY, YYYY-MM or YYYY-MM-DD.\n"
    "\n"
    "Exit codes: 0 ok, 1 bad data, 2 usage, 3 file error, 4 rendering.\n"
    "Set SOURCE_DATE_EPOCH for reproducible report dates.\n";

void cmd_help_all(FILE *out)
{
    fputs(intro, out);
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        fputs(commands[i].text, out);
        if (commands[i].more)
            fputs(commands[i].more, out);
        if (commands[i].rest)
            fputs(commands[i].rest, out);
    }
    fputs("\n", out);
    fputs(footer, out);
}

int cmd_help_command(FILE *out, const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(commands[i].name, name) != 0)
            continue;
        fprintf(out, "Usage: aigrowth %s%s%s\n", commands[i].text + 2,
                commands[i].more ? commands[i].more : "",
                commands[i].rest ? commands[i].rest : "");
        fputs(footer, out);
        return 0;
    }
    return -1;
}
