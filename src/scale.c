/* scale.c - data to page coordinates, and nice ticks. Pure. */
#include "scale.h"

#include <math.h>

#include "dates.h"

double scale_map(const Scale *s, double v)
{
    double a = s->d0, b = s->d1, x = v;
    if (s->kind == SCALE_LOG) {
        if (!(a > 0 && b > 0 && v > 0))
            return NAN;
        a = log(a);
        b = log(b);
        x = log(v);
    }
    if (a == b)
        return (s->r0 + s->r1) / 2.0;
    return s->r0 + (x - a) / (b - a) * (s->r1 - s->r0);
}

ScaleFn scale_fn(const Scale *s)
{
    ScaleFn f = {s->kind == SCALE_LOG, 0, s->d0, s->d1, s->r0, s->r1};
    if (f.log) {
        f.degenerate = !(s->d0 > 0 && s->d1 > 0);
        if (!f.degenerate) {
            f.a = log(s->d0);
            f.b = log(s->d1);
        }
    }
    return f;
}

double scale_fn_map(const ScaleFn *f, double v)
{
    double x = v;
    if (f->log) {
        if (f->degenerate || !(v > 0))
            return NAN;
        x = log(v);
    }
    if (f->a == f->b)
        return (f->r0 + f->r1) / 2.0;
    return f->r0 + (x - f->a) / (f->b - f->a) * (f->r1 - f->r0);
}

/* m * 10^k as the double nearest the decimal: for k < 0 a division by the
 * exact power of ten, since 10^k itself is inexact (0.1 * 3 would give
 * 0.30000000000000004). Exact for |k| <= 22. */
static double decimal(double m, int k)
{
    return k >= 0 ? m * pow(10.0, k) : m / pow(10.0, -k);
}

/* Linear ticks at i * m * 10^k, m in {1, 2, 5}. */
typedef struct {
    double m;
    int k;
} Step;

static double step_size(Step s)
{
    return decimal(s.m, s.k);
}

static Step step_next(Step s)
{
    if (s.m == 1)
        s.m = 2;
    else if (s.m == 2)
        s.m = 5;
    else {
        s.m = 1;
        s.k++;
    }
    return s;
}

/* The 1-2-5 step nearest span / target on a log scale (as d3 does). */
static Step step_for(double span, int target)
{
    double raw = span / target;
    Step s = {1, (int)floor(log10(raw))};
    double err = raw / step_size(s);
    if (err >= sqrt(50.0)) {
        s.m = 1;
        s.k++;
    } else if (err >= sqrt(10.0)) {
        s.m = 5;
    } else if (err >= sqrt(2.0)) {
        s.m = 2;
    }
    return s;
}

/* A tiny slack so that 0.3 / 0.1 = 2.9999999999999996 still counts as 3
 * and the domain is not widened by a whole step for rounding noise. */
#define INDEX_SLACK 1e-9

static void step_range(Step s, double d0, double d1, double *i0, double *i1)
{
    double st = step_size(s);
    *i0 = floor(d0 / st + INDEX_SLACK);
    *i1 = ceil(d1 / st - INDEX_SLACK);
}

size_t scale_ticks_linear(double *d0, double *d1, int target, Tick *out,
                          size_t max)
{
    double a = *d0, b = *d1;
    if (!isfinite(a) || !isfinite(b) || !isfinite(b - a))
        return 0;
    if (a > b) {
        double t = a;
        a = b;
        b = t;
    }
    /* A single value: widen around it by 10%, or to [0, 1] for zero. */
    if (a == b) {
        if (a == 0) {
            b = 1;
        } else {
            double h = fabs(a) * 0.1;
            a -= h;
            b += h;
        }
    }
    if (target < 2)
        target = 2;

    Step s = step_for(b - a, target);
    double i0, i1;
    step_range(s, a, b, &i0, &i1);
    /* Too many for the caller's array: coarser steps until they fit. A
     * domain around 0 always keeps 3 ticks (-s, 0, s), so a max below 3
     * cannot be met: give up after a few decades and truncate. */
    for (int guard = 0; guard < 12 && max > 0 && i1 - i0 + 1 > (double)max;
         guard++) {
        s = step_next(s);
        step_range(s, a, b, &i0, &i1);
    }
    size_t n = 0;
    for (double i = i0; i <= i1 && n < max; i++) {
        out[n].value = decimal(i * s.m, s.k);
        out[n].major = 1;
        n++;
    }
    *d0 = decimal(i0 * s.m, s.k);
    *d1 = decimal(i1 * s.m, s.k);
    /* -0.0 would print as "-0". */
    if (*d0 == 0)
        *d0 = 0;
    for (size_t j = 0; j < n; j++)
        if (out[j].value == 0)
            out[j].value = 0;
    return n;
}

/* Log ticks are indexed on the sequence 1, 2, 5, 10, 20, 50, ...:
 * index 3k + j is {1, 2, 5}[j] * 10^k. With decades only, the indexes are
 * multiples of 3. */
static double seq_value(long i)
{
    static const double m[3] = {1, 2, 5};
    long k = i >= 0 ? i / 3 : -((-i + 2) / 3);
    return decimal(m[i - 3 * k], (int)k);
}

static long floor_div(long a, long b)
{
    long q = a / b;
    return q * b > a ? q - 1 : q;
}

/* Largest index (a multiple of `every`, 1 or 3) whose value is <= v. */
static long seq_floor(double v, long every)
{
    long i = (long)floor(log10(v)) * 3;
    while (seq_value(i) > v)
        i -= every;
    while (seq_value(i + every) <= v)
        i += every;
    return i;
}

/* Smallest index (a multiple of `every`) whose value is >= v. */
static long seq_ceil(double v, long every)
{
    long i = seq_floor(v, every);
    return seq_value(i) >= v ? i : i + every;
}

/* Beyond about 300 decades doubles run out; a chart never gets there. */
#define LOG_LIMIT 1e300

size_t scale_ticks_log(double *d0, double *d1, Tick *out, size_t max)
{
    double a = *d0, b = *d1;
    if (!(a > 0 && b > 0) || !isfinite(a) || !isfinite(b))
        return 0;
    if (a > b) {
        double t = a;
        a = b;
        b = t;
    }
    if (a < 1 / LOG_LIMIT || b > LOG_LIMIT)
        return 0;

    /* Two decades or more: decades carry the labels. Less: 1-2-5 too,
     * widened so that at least three values are labelled. */
    long every = log10(b / a) >= 2 ? 3 : 1;
    long i0 = seq_floor(a, every), i1 = seq_ceil(b, every);
    for (int up = 1; i1 - i0 < 2 * every; up = !up) {
        if (up)
            i1 += every;
        else
            i0 -= every;
    }
    /* Many decades: label every 2nd, 5th, 10th... decade so that at most
     * about 10 are labelled, the widened ends on labelled decades; the
     * others stay as minor ticks. */
    long label = 1;
    if (every == 3) {
        static const long label_steps[] = {1, 2, 5, 10, 20, 50, 100};
        long k0 = i0 / 3, k1 = i1 / 3;
        for (size_t j = 0; j < sizeof label_steps / sizeof *label_steps;
             j++) {
            label = label_steps[j];
            k0 = floor_div(i0 / 3, label) * label;
            k1 = -floor_div(-(i1 / 3), label) * label;
            if ((k1 - k0) / label <= 10)
                break;
        }
        i0 = 3 * k0;
        i1 = 3 * k1;
    }
    size_t n = 0;
    /* When all decades do not fit, keep only the labelled ones. */
    int minors = (size_t)((i1 - i0) / every + 1) <= max;
    for (long i = i0; i <= i1 && n < max; i += every) {
        long k = i / 3;
        int major = every == 1 || k == floor_div(k, label) * label;
        if (!major && !minors)
            continue;
        out[n].value = seq_value(i);
        out[n].major = major;
        n++;
    }
    *d0 = seq_value(i0);
    *d1 = seq_value(i1);
    return n;
}

/* Date ticks. Spans: over ~3 years yearly, 1 to 3 years quarterly, less
 * monthly; ticks on the first day of the period, inside [d0, d1] only. */
#define YEARLY_MIN_DAYS (3 * DAYS_PER_YEAR)
#define QUARTERLY_MIN_DAYS DAYS_PER_YEAR
#define MAX_YEAR_TICKS 8

size_t scale_ticks_dates(long d0, long d1, long *out, size_t max, char *unit)
{
    if (d0 > d1) {
        long t = d0;
        d0 = d1;
        d1 = t;
    }
    int y0, m0, dd0, y1, m1, dd1;
    date_to_ymd(d0, &y0, &m0, &dd0);
    date_to_ymd(d1, &y1, &m1, &dd1);
    double span = (double)(d1 - d0);
    size_t n = 0;

    if (span > YEARLY_MIN_DAYS) {
        *unit = 'y';
        static const int steps[] = {1,   2,   5,    10,   20,  50,
                                    100, 200, 500, 1000, 2000, 5000};
        int first = date_from_ymd(y0, 1, 1) >= d0 ? y0 : y0 + 1;
        int step = 1, start = first;
        for (size_t j = 0; j < sizeof steps / sizeof *steps; j++) {
            step = steps[j];
            int r = ((first % step) + step) % step;
            start = first + (step - r) % step;
            int count = start > y1 ? 0 : (y1 - start) / step + 1;
            if (count <= MAX_YEAR_TICKS)
                break;
        }
        for (int y = start; y <= y1 && n < max; y += step)
            out[n++] = date_from_ymd(y, 1, 1);
        return n;
    }

    int months = span >= QUARTERLY_MIN_DAYS ? 3 : 1;
    *unit = months == 3 ? 'q' : 'm';
    int y = y0, m = m0;
    /* First period start on or after d0. */
    m = ((m - 1) / months) * months + 1;
    if (date_from_ymd(y, m, 1) < d0) {
        m += months;
        if (m > 12) {
            m -= 12;
            y++;
        }
    }
    for (;;) {
        long d = date_from_ymd(y, m, 1);
        if (d > d1 || n >= max)
            break;
        out[n++] = d;
        m += months;
        if (m > 12) {
            m -= 12;
            y++;
        }
    }
    return n;
}

int scale_prefers_log(double vmin, double vmax)
{
    if (!(vmin > 0 && vmax > 0) || !isfinite(vmin) || !isfinite(vmax))
        return 0;
    if (vmin > vmax) {
        double t = vmin;
        vmin = vmax;
        vmax = t;
    }
    return log10(vmax / vmin) > 1.5;
}

size_t scale_ticks_months(double m0, double m1, double *out, size_t max,
                          int *in_years)
{
    static const double steps[] = {1, 2, 3, 6, 12, 24, 60, 120, 240, 600,
                                   1200};
    size_t n_steps = sizeof steps / sizeof steps[0];
    double step = steps[n_steps - 1];
    for (size_t i = 0; i < n_steps; i++)
        if ((m1 - m0) / steps[i] <= 8) {
            step = steps[i];
            break;
        }
    *in_years = step >= 24;
    size_t n = 0;
    for (double k = ceil(m0 / step); k * step <= m1 && n < max; k++)
        out[n++] = k * step;
    return n;
}
