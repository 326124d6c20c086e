/* error.h - the caller-provided error record every fallible function fills. */
#ifndef AIGROWTH_ERROR_H
#define AIGROWTH_ERROR_H

/* What kind of failure; main.c maps it to the documented exit code. */
typedef enum {
    ERR_NONE = 0,
    ERR_DATA = 1,   /* bad input data (exit 1) */
    ERR_USAGE = 2,  /* bad command line (exit 2) */
    ERR_IO = 3,     /* cannot read or write a file (exit 3) */
    ERR_RENDER = 4  /* a drawing library failed (exit 4) */
} ErrorKind;

/* What the user can change to get past an error. The code that finds the
 * error states the fact; the command that prints it words the remedy as
 * its own option or report.ini key (cli.c). */
typedef enum {
    ERR_REMEDY_NONE = 0,
    ERR_REMEDY_DATE_ORDER,  /* a day/month order: --date-order, date_order */
    ERR_REMEDY_SKIP_ROWS,   /* title lines above the header: --skip-rows */
    ERR_REMEDY_MODEL,       /* another trend model: --model, model */
    ERR_REMEDY_VALUE_COLUMN /* which column holds the value: --value-column,
                               value_column */
} ErrorRemedy;

/* Where and what. file is empty and line/column are 0 when not known.
 * The first error set wins: later calls on a filled record do nothing, so a
 * low-level message is not overwritten by a vaguer one above it. */
typedef struct {
    ErrorKind kind;
    char file[512];
    long line;
    long column;
    char message[768];
    ErrorRemedy remedy;
} Error;

/* Resets err to "no error". */
void error_clear(Error *err);

/* Fills err unless it already holds an error. file may be NULL. Returns 1
 * when it filled err, 0 when err kept an earlier error: set err->remedy
 * only on a 1, or the remedy lands on someone else's error. */
int error_set(Error *err, ErrorKind kind, const char *file, long line,
               long column, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Writes "FILE:LINE:COL: message" (parts omitted when unknown) into buf. */
void error_format(const Error *err, char *buf, unsigned long size);

#endif
