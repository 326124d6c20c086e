/* scale.h - data to page coordinates, and nice ticks. Pure. */
#ifndef AIGROWTH_SCALE_H
#define AIGROWTH_SCALE_H

#include <stddef.h>

typedef enum { SCALE_LINEAR, SCALE_LOG } ScaleKind;

/* Maps the domain [d0, d1] onto the range [r0, r1] (points). For SCALE_LOG
 * the domain must be positive and mapping is on logarithms (natural ones:
 * the base cancels out, and libm's log10 is log and then some). */
typedef struct {
    ScaleKind kind;
    double d0, d1;
    double r0, r1;
} Scale;

double scale_map(const Scale *s, double v);

/* A scale with its domain's logarithms taken once, for mapping a million
 * values: scale_fn_map(&f, v) == scale_map(s, v), bit for bit. */
typedef struct {
    int log;
    int degenerate;   /* log scale with a domain end <= 0: all NAN */
    double a, b, r0, r1;
} ScaleFn;

ScaleFn scale_fn(const Scale *s);
double scale_fn_map(const ScaleFn *f, double v);

#define SCALE_MAX_TICKS 32

typedef struct {
    double value;
    int major;        /* 1: labelled gridline; 0: minor */
} Tick;

/* Nice ticks for a linear domain (1-2-5 steps, about `target` of them).
 * Widens *d0,*d1 outward to whole steps. Returns the count (<= max). */
size_t scale_ticks_linear(double *d0, double *d1, int target, Tick *out,
                          size_t max);

/* Ticks for a log domain: decades; when the domain spans fewer than about
 * two decades also 2 and 5 multiples so there are at least 3 labels.
 * Widens *d0,*d1 outward to a decade or 1-2-5 boundary. */
size_t scale_ticks_log(double *d0, double *d1, Tick *out, size_t max);

/* Date ticks over day numbers [d0, d1]: January 1 of each year (every
 * k years when many), or quarter/month starts for short spans. *unit is
 * set to 'y', 'q' or 'm' to say which labels to draw. */
size_t scale_ticks_dates(long d0, long d1, long *out, size_t max, char *unit);

/* Ticks over months [m0, m1] (an aligned axis): multiples of 1, 2, 3,
 * 6, 12, 24, 60, 120 ... months, about 8 at most. *in_years is set when
 * the step is two years or more, so labels read in years. Returns the
 * count (<= max). */
size_t scale_ticks_months(double m0, double m1, double *out, size_t max,
                          int *in_years);

/* True when positive values from vmin to vmax span more than 1.5 decades,
 * the point where a log axis reads better. */
int scale_prefers_log(double vmin, double vmax);

#endif
