/* sources_check.h - what `check --sources` finds in the source column of
 * data and event rows: a row without a source, an address that is not
 * http(s), a page cited twice in one row, a row that names no page.
 *
 * A source is a list of citations separated by "; ", each an outlet and
 * usually its page: "Reuters via The Sun (https://...)". The rule for a
 * clean file: every row names at least one http(s) page, or says
 * "(no source located)" and is not marked verified; no address has
 * another scheme; no page is cited twice in one row. A citation without
 * an address beside others that have one is a note, not a problem. The
 * same page cited by several rows is not flagged: one story often carries
 * several companies' figures. */
#ifndef AIGROWTH_SOURCES_CHECK_H
#define AIGROWTH_SOURCES_CHECK_H

#include <stddef.h>

/* One row to check; strings borrowed. confidence is NULL for rows of a
 * file without that column (event files). */
typedef struct {
    const char *file;
    long line;
    const char *source;
    const char *confidence;
} SourceRow;

typedef enum {
    SOURCE_MISSING,        /* problem: empty source */
    SOURCE_NOT_HTTP,       /* problem: an address of another scheme */
    SOURCE_REPEATED,       /* problem: one page cited twice in a row */
    SOURCE_NO_URL,         /* problem: no page at all, not said so */
    SOURCE_VERIFIED_NO_URL,/* problem: "(no source located)" yet verified */
    SOURCE_UNLOCATED,      /* note: no page, "(no source located)" */
    SOURCE_CITATION_NO_URL /* note: one citation without an address */
} SourceFinding;

/* Whether a finding makes the check fail (the rest are notes). */
int sources_is_problem(SourceFinding f);

/* Calls found(ctx, row, finding, what) for each finding of row, in the
 * order of its citations; what is the citation or address concerned
 * (a borrowed, NUL-terminated copy valid during the call). Returns how
 * many problems (not notes) it found. */
typedef void (*SourcesFoundFn)(void *ctx, const SourceRow *row,
                               SourceFinding finding, const char *what);
size_t sources_check_row(const SourceRow *row, SourcesFoundFn found,
                         void *ctx);

#endif
