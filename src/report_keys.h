/* report_keys.h - the key-figures pages: one table per metric, with
 * its note. */
#ifndef AIGROWTH_REPORT_KEYS_H
#define AIGROWTH_REPORT_KEYS_H

#include "report_doc.h"

/* Adds the key-figures pages to d, listed in the contents. */
void report_keys_build(Doc *d);

#endif
