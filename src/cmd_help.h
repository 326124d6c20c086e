/* cmd_help.h - the usage text, whole and per command. */
#ifndef AIGROWTH_CMD_HELP_H
#define AIGROWTH_CMD_HELP_H

#include <stdio.h>

/* Writes the whole usage (every command, data format, exit codes). */
void cmd_help_all(FILE *out);

/* Writes the usage of one command ("chart") with the data format and
 * exit codes. Returns 0, or -1 when name is not a command. */
int cmd_help_command(FILE *out, const char *name);

#endif
