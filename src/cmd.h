/* cmd.h - one function per subcommand: options in, exit code out. */
#ifndef AIGROWTH_CMD_H
#define AIGROWTH_CMD_H

int cmd_report(int argc, char **argv);
int cmd_chart(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_backtest(int argc, char **argv);

#endif
