/* main.c - subcommand dispatch, --help and --version. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "version.h"

static const char usage[] =
    "Usage: aigrowth COMMAND [OPTIONS]\n"
    "\n"
    "Growth-trend charts with projections, and a PDF report, from CSV data\n"
    "of AI-company metrics (revenue, valuation, users).\n"
    "\n"
    "Commands:\n"
    "  report [SPEC.ini | DATA.csv...] [options]\n"
    "      The charts of a report spec (default ./report.ini; without one,\n"
    "      one chart per metric of datasets/revenue.csv, valuation.csv and\n"
    "      users.csv) into the charts directory, and the PDF report (cover,\n"
    "      key figures, one page per chart, method, sources). Only charts\n"
    "      whose data or settings changed are redrawn. Options:\n"
    "        -o FILE              report PDF (default report.pdf)\n"
    "        --charts DIR         charts directory (default charts)\n"
    "        --page a4|letter|slides   page format (default a4)\n"
    "        --lang en|zh-TW      language of the report and its charts\n"
    "        --title T, --subtitle S, --author A\n"
    "        --force              redraw everything\n"
    "        -q, --quiet          print nothing on success\n"
    "  chart DATA.csv... -o FILE.png|FILE.svg|FILE.pdf [options]\n"
    "      One chart. Options:\n"
    "        -m, --metric M       metric to draw (needed when the data has\n"
    "                             several)\n"
    "        --type line|bar      line over time (default) or latest value\n"
    "                             per company\n"
    "        --company A,B        only these companies\n"
    "        --highlight A,B      these in colour, the rest grey (default:\n"
    "                             the 6 largest when there are more)\n"
    "        --color A=#rrggbb    a company's colour (repeatable)\n"
    "        --title T            title (default: the metric's name)\n"
    "        --subtitle S         subtitle (default: metric, unit, scale)\n"
    "        --size S             slide (1920x1080, default), 4:3, square,\n"
    "                             a4, or WIDTHxHEIGHT in pixels\n"
    "        --scale K            PNG pixels per point (default 1; 2 for\n"
    "                             hi-DPI)\n"
    "        --axis log|linear|auto  value axis (default auto: log when the\n"
    "                             data spans more than 1.5 decades)\n"
    "        --model M            trend projection: exp (default), linear,\n"
    "                             logistic, auto (smallest AICc) or none\n"
    "        --horizon D          projection end: a date or +12m (default)\n"
    "        --events FILE        event markers (date,label[,company])\n"
    "        --lang en|zh-TW      language of labels and numbers\n"
    "        --theme light|dark   colours (default light)\n"
    "        --transparent        no background, for slides\n"
    "        --font FAMILY        Latin font (TrueType; default Lato), with\n"
    "                             WenQuanYi Zen Hei for Chinese\n"
    "        -o - --format F      write png, svg or pdf to stdout\n"
    "  project DATA.csv... [options]\n"
    "      Trend fits with parameters, R\xc2\xb2, CAGR, doubling time and\n"
    "      prediction intervals; crossovers of companies' trends; time to\n"
    "      a target. Options:\n"
    "        -m, --metric M       only this metric (default: all)\n"
    "        --company A,B        only these companies\n"
    "        --model M            exp (default), linear, logistic, none, or\n"
    "                             auto (smallest AICc on the value scale)\n"
    "        --since D, --last N  fit window: points from date D, last N\n"
    "        --horizon D          crossover search end: a date or +12m\n"
    "                             (default +60m after the latest data)\n"
    "        --at D[,D...]        projected value and interval at dates\n"
    "        --target V           when each trend reaches V (1e9, 1B, $500M)\n"
    "        --level L            interval level (default 0.8)\n"
    "        --format F           table (default), csv or json\n"
    "  check DATA.csv... [--format text|json] [--date-order dmy|mdy]\n"
    "        [--metric M] [--skip-rows N]\n"
    "      Load the files as report does and print, per file, the layout\n"
    "      (long, wide, data-hub), delimiter and row counts, per series its\n"
    "      unit, first and last date and points, then every warning.\n"
    "\n"
    "Data: CSV with header date,company,metric,value and optional\n"
    "unit,basis,source,confidence. Dates YYYY, YYYY-MM or YYYY-MM-DD.\n"
    "\n"
    "Exit codes: 0 ok, 1 bad data, 2 usage, 3 file error, 4 rendering.\n"
    "Set SOURCE_DATE_EPOCH for reproducible report dates.\n";

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("aigrowth %s\n", AIGROWTH_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    if (strcmp(cmd, "chart") == 0)
        return cmd_chart(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 1, argv + 1);
    if (strcmp(cmd, "project") == 0)
        return cmd_project(argc - 1, argv + 1);
    return cli_usage_error("unknown command \"%s\"", cmd);
}
