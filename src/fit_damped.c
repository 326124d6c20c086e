/* fit_damped.c - the damped-growth trend: ln v = a + b g(t - tc; d),
 * g(u; d) = (1 - e^(-d u)) / d, d >= 0, fitted by profiling d (for a
 * fixed d the model is a line in a and b). Pure. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "fit_internal.h"
#include "util.h"

/* ---- damped --------------------------------------------------------- */

/* The largest decay rate considered, per year: a growth rate halving in
 * under two weeks. A best fit at this bound wants a step, not a trend. */
#define DAMP_DMAX 20.0
/* The profile's grid: d = 0, then DAMP_GRID rates log-spaced from
 * DAMP_DMIN to DAMP_DMAX, about 17% apart. */
#define DAMP_DMIN 1e-3
#define DAMP_GRID 64

/* g(u; d) = (1 - e^(-d u)) / d, the ln growth accumulated u years after tc
 * at a rate decaying as e^(-d u); g(u; 0) = u. expm1 keeps the digits of
 * a small d u; below 1e-4 the series (error (d u)^4 / 120) also covers
 * d = 0, where the quotient is 0 / 0. */
double fit_damp_g(double u, double d)
{
    double x = d * u;
    if (fabs(x) < 1e-4)
        return u * (1.0 - x / 2.0 * (1.0 - x / 3.0 * (1.0 - x / 4.0)));
    return -expm1(-x) / d;
}

/* dg/dd = (u e^(-d u) - g) / d, which cancels for small d u: there the
 * series u^2 sum_k (-1)^k k x^(k-1) / (k+1)! = u^2 (-1/2 + x/3 - x^2/8 +
 * ...), x = d u, summed to k = 10 (the rest is below 1e-20). */
double fit_damp_dg_dd(double u, double d)
{
    double x = d * u;
    if (fabs(x) < 0.05) {
        double r = 0.5, sum = 0; /* r = (-x)^(k-1) / (k+1)! */
        for (int k = 1; k <= 10; k++) {
            sum -= k * r;
            r *= -x / (k + 2);
        }
        return u * u * sum;
    }
    return (u * exp(-x) - fit_damp_g(u, d)) / d;
}

/* u = t - tc; yc = ln v less its mean ym. g is scratch for the profile. */
typedef struct {
    const double *u, *yc;
    double *g;
    double ym;
    size_t n;
} DampData;

/* For fixed d the model is linear in (a, b): ordinary least squares of ln
 * v on g(u; d). Sets *a (ln v at tc, where g = 0) and *b; returns the RSS,
 * summed from the residuals (not Syy - Sgy^2 / Sgg) so that a near-exact
 * fit keeps its relative precision and the minimum over d stays sharp. */
static double damp_profile(const DampData *dd, double d, double *a,
                           double *b)
{
    size_t n = dd->n;
    double gm = 0, ycm = 0;
    for (size_t i = 0; i < n; i++) {
        dd->g[i] = fit_damp_g(dd->u[i], d);
        gm += dd->g[i];
        ycm += dd->yc[i];
    }
    gm /= (double)n;
    ycm /= (double)n;
    double sgg = 0, sgy = 0;
    for (size_t i = 0; i < n; i++) {
        sgg += (dd->g[i] - gm) * (dd->g[i] - gm);
        sgy += (dd->g[i] - gm) * (dd->yc[i] - ycm);
    }
    *a = *b = NAN;
    if (!(sgg > 0) || !isfinite(sgg))
        return INFINITY;
    double beta = sgy / sgg, rss = 0;
    for (size_t i = 0; i < n; i++) {
        double r = dd->yc[i] - ycm - beta * (dd->g[i] - gm);
        rss += r * r;
    }
    *b = beta;
    *a = dd->ym + ycm - beta * gm;
    return rss;
}

static double damp_rss(const DampData *dd, double d)
{
    double a, b;
    return damp_profile(dd, d, &a, &b);
}

/* Golden-section minimum of the profile RSS in [lo, hi], to 1e-15 a year
 * (plus rounding of d); sets *rss to its value. */
static double damp_golden(const DampData *dd, double lo, double hi,
                          double *rss)
{
    const double r = 0.61803398874989484820;
    double x1 = hi - r * (hi - lo), x2 = lo + r * (hi - lo);
    double f1 = damp_rss(dd, x1), f2 = damp_rss(dd, x2);
    for (int it = 0; it < 200 && hi - lo > 1e-15 + 4 * DBL_EPSILON * x2;
         it++) {
        if (f1 <= f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - r * (hi - lo);
            f1 = damp_rss(dd, x1);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + r * (hi - lo);
            f2 = damp_rss(dd, x2);
        }
    }
    *rss = f1 <= f2 ? f1 : f2;
    return f1 <= f2 ? x1 : x2;
}

/* The d of least RSS in [0, DAMP_DMAX]: the best grid point, refined
 * between its neighbours. Deterministic. A refinement no better than the
 * grid point keeps it, so d = 0 stays exactly 0 when best (the exp fit). */
static double damp_search(const DampData *dd)
{
    double grid[DAMP_GRID + 1];
    grid[0] = 0;
    for (int k = 1; k <= DAMP_GRID; k++)
        grid[k] = DAMP_DMIN * pow(DAMP_DMAX / DAMP_DMIN,
                                  (double)(k - 1) / (DAMP_GRID - 1));
    grid[DAMP_GRID] = DAMP_DMAX;
    int best = 0;
    double fbest = damp_rss(dd, 0.0);
    for (int k = 1; k <= DAMP_GRID; k++) {
        double f = damp_rss(dd, grid[k]);
        if (f < fbest) {
            fbest = f;
            best = k;
        }
    }
    double lo = grid[best > 0 ? best - 1 : 0];
    double hi = grid[best < DAMP_GRID ? best + 1 : DAMP_GRID], f;
    double d = damp_golden(dd, lo, hi, &f);
    return f < fbest ? d : grid[best];
}

/* Inverse of a symmetric 3x3 m through the Cholesky factor of m scaled to
 * unit diagonal, so that the test is on correlations, not units. Returns
 * -1 when a pivot (1 - R^2 of a column on the ones before it) is at most
 * 1e-12: that parameter is then, to 1e-6, a combination of the others. */
static int sym3_inverse(double m[3][3], double inv[3][3])
{
    double s[3], L[3][3] = {{0}}, li[3][3] = {{0}};
    for (int i = 0; i < 3; i++) {
        if (!(m[i][i] > 0) || !isfinite(m[i][i]))
            return -1;
        s[i] = sqrt(m[i][i]);
    }
    for (int i = 0; i < 3; i++) {
        for (int k = 0; k <= i; k++) {
            double sum = m[i][k] / (s[i] * s[k]);
            for (int j = 0; j < k; j++)
                sum -= L[i][j] * L[k][j];
            if (i == k) {
                if (!(sum > 1e-12))
                    return -1;
                L[i][i] = sqrt(sum);
            } else {
                L[i][k] = sum / L[k][k];
            }
        }
    }
    for (int i = 0; i < 3; i++) { /* li = L^-1, lower triangular */
        li[i][i] = 1.0 / L[i][i];
        for (int k = 0; k < i; k++) {
            double sum = 0;
            for (int j = k; j < i; j++)
                sum -= L[i][j] * li[j][k];
            li[i][k] = sum / L[i][i];
        }
    }
    for (int i = 0; i < 3; i++) /* m^-1 = S^-1 li^T li S^-1 */
        for (int k = 0; k < 3; k++) {
            double sum = 0;
            for (int j = i > k ? i : k; j < 3; j++)
                sum += li[j][i] * li[j][k];
            inv[i][k] = sum / (s[i] * s[k]);
        }
    return 0;
}

/* Fills cov (s^2 (J^T J)^-1, J the model's Jacobian on ln v in (a, b, d)
 * at the optimum) and se. */
static int damp_covariance(const DampData *dd, double b, double d,
                           double s2, Fit *out)
{
    double m[3][3] = {{0}}, inv[3][3];
    for (size_t i = 0; i < dd->n; i++) {
        double j[3] = {1.0, fit_damp_g(dd->u[i], d),
                       b * fit_damp_dg_dd(dd->u[i], d)};
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                m[r][c] += j[r] * j[c];
    }
    if (sym3_inverse(m, inv) != 0)
        return -1;
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++)
            out->cov[r][c] = s2 * inv[r][c];
        out->se[r] = sqrt(out->cov[r][r]);
    }
    return 0;
}

int fit_damped(const double *t, const double *v, size_t n, Fit *out,
               Error *err)
{
    fit_reset_fields(out, n, MODEL_DAMPED);
    if (n < FIT_MIN_DAMPED) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "a damped trend has 3 parameters and needs at least %d "
                  "points (got %zu)", FIT_MIN_DAMPED, n);
        return -1;
    }
    if (fit_check_positive(v, n, "a damped", err) != 0)
        return -1;
    double *u = xmalloc_array(n, sizeof *u);
    double *yc = xmalloc_array(n, sizeof *yc);
    double *g = xmalloc_array(n, sizeof *g);
    /* Centred on the first value before the mean: equal values then give
     * yc = 0 and b = 0 exactly, and so a singular Jacobian, not a d
     * chosen by rounding noise. */
    double y0 = log(v[0]), ym = 0, tc = 0, sum_lv = 0;
    for (size_t i = 0; i < n; i++) {
        yc[i] = log(v[i]);
        sum_lv += yc[i];
        ym += yc[i] - y0;
        tc += t[i];
    }
    ym = y0 + ym / (double)n;
    tc /= (double)n;
    double ycm = 0;
    for (size_t i = 0; i < n; i++) {
        u[i] = t[i] - tc;
        yc[i] -= ym;
        ycm += yc[i];
    }
    ycm /= (double)n;
    DampData dd = {u, yc, g, ym, n};
    int rc = -1;
    double d = damp_search(&dd), a, b;
    double rss = damp_profile(&dd, d, &a, &b);
    if (!(d < DAMP_DMAX * (1 - 1e-6))) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "the damped trend's decay rate reaches the bound of %g a "
                  "year: the data do not determine it", DAMP_DMAX);
        goto done;
    }
    double s2 = rss / (double)(n - 3);
    if (!isfinite(rss) || damp_covariance(&dd, b, d, s2, out) != 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "the data do not determine the damped trend's decay rate");
        goto done;
    }
    double syy = 0;
    for (size_t i = 0; i < n; i++)
        syy += (yc[i] - ycm) * (yc[i] - ycm);
    fit_time_range(t, n, out);
    out->model = MODEL_DAMPED;
    out->n_par = 3;
    out->tc = tc;
    out->par[0] = a;
    out->par[1] = b;
    out->par[2] = d;
    out->r2 = syy > 0 ? 1.0 - rss / syy : 1.0;
    out->resid_sd = sqrt(s2);
    out->aicc = fit_aicc_gauss(rss, n, 3, sum_lv);
    double rate = b * exp(-d * (out->t_last - tc));
    out->cagr = expm1(rate);
    out->doubling_years = rate > 0 ? LN2 / rate : INFINITY;
    rc = 0;
done:
    free(u);
    free(yc);
    free(g);
    return rc;
}

