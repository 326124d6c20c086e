/* report_pages.h - the chart pages, "What changed", the method
 * section and the cover. */
#ifndef AIGROWTH_REPORT_PAGES_H
#define AIGROWTH_REPORT_PAGES_H

#include "report_doc.h"

/* The page of chart index, listed under "Charts" in the contents. */
void report_pages_chart(Doc *d, size_t index);

/* The "What changed" section, when d->rc->show_changes. */
void report_pages_changes(Doc *d);

/* The method section: the models used, windows, intervals, backtest. */
void report_pages_method(Doc *d);

/* The cover, on page 0, with the contents: call after every other page
 * is laid out. */
void report_pages_cover(Doc *d);

#endif
