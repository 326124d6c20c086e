/* chart_milestones.h - layout of a milestone chart: per company, when its
 * trend reaches a target value (analysis_target, the numbers `project
 * --target` prints), as a dot with its interval bar on a date axis,
 * companies sorted by date. Companies whose observations already reached
 * it show the date observed with their own marker; those that do not
 * reach it, or have no trend, are listed with the reason in words. */
#ifndef AIGROWTH_CHART_MILESTONES_H
#define AIGROWTH_CHART_MILESTONES_H

#include <stddef.h>
#include "analysis.h"
#include "dataset.h"
#include "error.h"
#include "i18n.h"
#include "scene.h"
#include "text.h"
#include "theme.h"

/* One series' answer: rc is analysis_target's (-1: the series has no
 * trend, and r.status is meaningless unless TARGET_OBSERVED). */
typedef struct {
    int rc;
    TargetResult r;
} Milestone;

/* What to draw. Pointers borrowed; analyses[i], milestones[i] and
 * colors[i] belong to series[i]. */
typedef struct {
    const char *title;         /* NULL: "When each company's … reaches …" */
    const char *subtitle;      /* NULL: generated */
    const char *source_line;
    const char *note;
    double width, height;      /* points */
    const Series *const *series;
    const SeriesAnalysis *analyses;
    const Milestone *milestones;
    const Color *colors;       /* NULL: the theme's palette in order */
    size_t n_series;
    double target;             /* in the series' unit */
    double level;              /* the interval's level, e.g. 0.80 */
    const Theme *theme;        /* NULL: light */
    int transparent;
    Lang lang;
    double type_scale;         /* as LineChartSpec; 0 means 1 */
} MilestoneChartSpec;

/* Every series' milestone from its analysis: the one computation. */
void chart_milestones_find(const SeriesAnalysis *analyses, size_t n,
                           double target, Milestone *out);

/* The drawing order of n milestones into order[]: reached in the data
 * (by date), then reached by the trend (by date), then the rest (by
 * latest value, largest first). */
void chart_milestones_order(const Milestone *m, const SeriesAnalysis *a,
                            size_t n, size_t *order);

/* The words of one milestone, as the chart writes them beside its row:
 * "Sep 2026 (80%: Aug–Sep 2026)", "reached: $102B (Mar 2026)", "not by
 * Feb 2027 at this trend", "no trend: 1 point: too few for a trend". */
void chart_milestone_words(const Milestone *m, const SeriesAnalysis *a,
                           double target, double level, Lang lang,
                           char *buf, size_t size);

/* The default title: "When each company's run-rate revenue reaches
 * $100B" / "各公司年化營收何時達到1000億美元". */
void chart_milestones_title(const char *metric, double target,
                            const char *unit, Lang lang, char *buf,
                            size_t size);

/* Lays the chart out into a new scene (*out, caller owns). Fails with
 * ERR_DATA when there is no series. */
int chart_milestones_layout(const MilestoneChartSpec *spec,
                            const FontStack *fs, Scene **out, Error *err);

#endif
