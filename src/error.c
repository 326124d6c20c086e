/* error.c - the error record. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void error_clear(Error *err)
{
    memset(err, 0, sizeof *err);
}

int error_set(Error *err, ErrorKind kind, const char *file, long line,
              long column, const char *fmt, ...)
{
    if (!err || err->kind != ERR_NONE)
        return 0;
    err->kind = kind;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return 1;
}

void error_format(const Error *err, char *buf, unsigned long size)
{
    if (err->file[0] && err->line > 0 && err->column > 0)
        snprintf(buf, size, "%s:%ld:%ld: %s", err->file, err->line,
                 err->column, err->message);
    else if (err->file[0] && err->line > 0)
        snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, size, "%s: %s", err->file, err->message);
    else
        snprintf(buf, size, "%s", err->message);
}
