/* fit.c - least-squares trends (GSL) and what follows from them. Pure. */
#include "fit.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_fit.h>

#include "util.h"

/* M_LN2 is not ISO C. */
#define LN2 0.693147180559945309417232121458176568

/* Inputs are validated here so that GSL never reaches its error handler
 * (whose default aborts); the handler is global, so we do not touch it. */
static int all_finite(const double *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(a[i]))
            return 0;
    return 1;
}

static void line_reset(LineFit *out, size_t n)
{
    out->n = n;
    out->b0 = out->b1 = NAN;
    out->se_b0 = out->se_b1 = out->cov01 = NAN;
    out->resid_sd = out->rss = out->r2 = NAN;
    out->xmean = out->sxx = NAN;
}

/* GSL's gsl_fit_linear centres on the means internally, so a time axis in
 * years since 1970 (values near 55) loses no precision in the slope. The
 * mean and Sxx are recomputed here by two passes for the interval formula,
 * and R^2 from Syy, since GSL reports neither. */
int fit_line(const double *x, const double *y, size_t n, LineFit *out,
             Error *err)
{
    line_reset(out, n);

    if (n < 2) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "need at least 2 points with different dates to fit a "
                  "trend (got %zu)", n);
        return -1;
    }
    if (!all_finite(x, n) || !all_finite(y, n)) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "cannot fit a trend to infinite or NaN values; remove "
                  "them from the data");
        return -1;
    }

    double xmean = 0, ymean = 0;
    for (size_t i = 0; i < n; i++) {
        xmean += x[i];
        ymean += y[i];
    }
    xmean /= (double)n;
    ymean /= (double)n;
    double sxx = 0, syy = 0;
    for (size_t i = 0; i < n; i++) {
        sxx += (x[i] - xmean) * (x[i] - xmean);
        syy += (y[i] - ymean) * (y[i] - ymean);
    }
    /* Exact equality of every x is the only degenerate case: a tiny Sxx
     * still gives a (poorly determined) finite slope. */
    int distinct = 0;
    for (size_t i = 1; i < n && !distinct; i++)
        distinct = x[i] != x[0];
    if (!distinct || !(sxx > 0)) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "need at least 2 points with different dates to fit a "
                  "trend");
        return -1;
    }

    double c0, c1, cov00, cov01, cov11, sumsq;
    gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11, &sumsq);

    out->b0 = c0;
    out->b1 = c1;
    out->rss = sumsq;
    out->xmean = xmean;
    out->sxx = sxx;
    /* With two points the line is exact and there is no residual degree of
     * freedom: GSL divides 0 by 0 there, so report NAN explicitly. */
    if (n > 2) {
        out->resid_sd = sqrt(sumsq / (double)(n - 2));
        out->se_b0 = sqrt(cov00);
        out->se_b1 = sqrt(cov11);
        out->cov01 = cov01;
    }
    /* A constant y has Syy = 0: the line explains it perfectly. */
    out->r2 = syy > 0 ? 1.0 - sumsq / syy : 1.0;
    return 0;
}

int fit_exponential(const double *t, const double *v, size_t n, Fit *out,
                    Error *err)
{
    out->model = MODEL_NONE;
    out->t_first = out->t_last = NAN;
    out->cagr = out->doubling_years = NAN;
    line_reset(&out->line, n);

    if (n < 2)
        return fit_line(t, v, n, &out->line, err);
    double *lv = xmalloc_array(n, sizeof *lv);

    int rc = -1;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]) || !isfinite(t[i])) {
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "cannot fit a trend to infinite or NaN values; "
                      "remove them from the data");
            goto done;
        }
        if (!(v[i] > 0)) {
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "value %g is not positive; an exponential trend "
                      "needs values above 0 (use a linear model or drop "
                      "the point)", v[i]);
            goto done;
        }
        lv[i] = log(v[i]);
    }
    if (fit_line(t, lv, n, &out->line, err) != 0)
        goto done;

    double tmin = t[0], tmax = t[0];
    for (size_t i = 1; i < n; i++) {
        if (t[i] < tmin)
            tmin = t[i];
        if (t[i] > tmax)
            tmax = t[i];
    }
    double b = out->line.b1;
    out->model = MODEL_EXP;
    out->t_first = tmin;
    out->t_last = tmax;
    out->cagr = expm1(b);
    out->doubling_years = b > 0 ? LN2 / b : INFINITY;
    rc = 0;
done:
    free(lv);
    return rc;
}

/* Evaluated around the mean of t: b0 alone is the intercept at 1970 and
 * large, so b0 + b1 t would cancel digits. */
static double line_at(const LineFit *l, double t)
{
    double ymean = l->b0 + l->b1 * l->xmean;
    return ymean + l->b1 * (t - l->xmean);
}

double fit_predict(const Fit *fit, double t)
{
    if (!fit || fit->model != MODEL_EXP || !isfinite(t))
        return NAN;
    return exp(line_at(&fit->line, t));
}

int fit_interval(const Fit *fit, double t, double level, double *lo,
                 double *hi)
{
    *lo = *hi = NAN;
    if (!fit || fit->model != MODEL_EXP || fit->line.n < 3 || !isfinite(t)
        || !(level > 0 && level < 1) || !(fit->line.sxx > 0)
        || !isfinite(fit->line.resid_sd))
        return -1;
    const LineFit *l = &fit->line;
    double nu = (double)(l->n - 2);
    double q = gsl_cdf_tdist_Pinv(0.5 + level / 2.0, nu);
    double dx = t - l->xmean;
    double se = l->resid_sd
                * sqrt(1.0 + 1.0 / (double)l->n + dx * dx / l->sxx);
    double y = line_at(l, t);
    *lo = exp(y - q * se);
    *hi = exp(y + q * se);
    return 0;
}
