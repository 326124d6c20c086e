/* main.c - subcommand dispatch, --help and --version. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "cmd_help.h"
#include "version.h"

/* A command's exit code; CLI_HELP_SHOWN (its --help) is success. What
 * could not be written to standard output (a full disk, a closed pipe)
 * is an I/O failure, whatever the command thought. */
static int finish(int rc)
{
    if (rc == CLI_HELP_SHOWN)
        rc = EXIT_OK;
    if (rc == EXIT_OK && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "aigrowth: cannot write standard output: %s\n",
                strerror(errno));
        rc = EXIT_IO;
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("no command given");
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
        strcmp(cmd, "help") == 0) {
        if (argc > 2 && cmd_help_command(stdout, argv[2]) == 0)
            return finish(EXIT_OK);
        if (argc > 2)
            return cli_usage_error("unknown command \"%s\"", argv[2]);
        cmd_help_all(stdout);
        return finish(EXIT_OK);
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("aigrowth %s\n", AIGROWTH_VERSION);
        return finish(EXIT_OK);
    }
    if (cli_check_source_date_epoch() != EXIT_OK)
        return EXIT_USAGE;
    if (strcmp(cmd, "report") == 0)
        return finish(cmd_report(argc - 1, argv + 1));
    if (strcmp(cmd, "chart") == 0)
        return finish(cmd_chart(argc - 1, argv + 1));
    if (strcmp(cmd, "check") == 0)
        return finish(cmd_check(argc - 1, argv + 1));
    if (strcmp(cmd, "project") == 0)
        return finish(cmd_project(argc - 1, argv + 1));
    if (strcmp(cmd, "backtest") == 0)
        return finish(cmd_backtest(argc - 1, argv + 1));
    return cli_usage_error("unknown command \"%s\"", cmd);
}
