/* report_sources.h - the sources section: every distinct citation of
 * each data file, its confidence and rows, URLs linked. */
#ifndef AIGROWTH_REPORT_SOURCES_H
#define AIGROWTH_REPORT_SOURCES_H

#include "report_doc.h"

/* Adds the sources section to d. */
void report_sources_build(Doc *d);

#endif
