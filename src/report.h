/* report.h - the multi-page PDF report (libharu): cover, summary table,
 * one page per chart. */
#ifndef AIGROWTH_REPORT_H
#define AIGROWTH_REPORT_H

#include <stddef.h>
#include <time.h>
#include "dataset.h"
#include "error.h"
#include "fit.h"
#include "scene.h"
#include "text.h"

/* One summary-table row: a series and its fit (model MODEL_NONE when the
 * series could not be fitted). Borrowed. */
typedef struct {
    const Series *series;
    const Fit *fit;
} ReportRow;

/* One chart page: a heading for the outline and the chart's scene. */
typedef struct {
    const char *title;
    const Scene *scene;
} ReportChart;

/* Everything the report shows; all pointers borrowed. */
typedef struct {
    const char *title;
    const char *subtitle;
    time_t generated;          /* from SOURCE_DATE_EPOCH or now */
    long data_as_of;           /* latest date in the data (day number) */
    const DataFile *files;
    size_t n_files;
    const ReportRow *rows;
    size_t n_rows;
    const ReportChart *charts;
    size_t n_charts;
} ReportContent;

/* Writes the report to path atomically (A4 pages). ERR_IO / ERR_RENDER on
 * failure, leaving any previous file at path untouched. */
int report_write(const ReportContent *content, const FontStack *fs,
                 const char *path, Error *err);

#endif
