/* report_sources.h - the sources section: every distinct citation of
 * each data file, its confidence and rows, URLs linked. */
#ifndef AIGROWTH_REPORT_SOURCES_H
#define AIGROWTH_REPORT_SOURCES_H

#include "report_doc.h"

/* Adds the sources section to d. */
void report_sources_build(Doc *d);

/* One distinct source of a data file as the sources pages list it: the
 * citation (owned) and its detail, "verified · 3 rows". */
typedef struct {
    char *text;
    char detail[256];
} ReportSourceLine;

/* The sources of the data file at path in d's report, in the order the
 * pages list them; *count set. Free with report_source_lines_free. */
ReportSourceLine *report_source_lines(const Doc *d, const char *path,
                                      size_t *count);
void report_source_lines_free(ReportSourceLine *lines, size_t n);

#endif
