/* fit.c - least-squares trends (GSL) and what follows from them. Pure. */
#include "fit.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_multifit_nlinear.h>

#include "fit_internal.h"
#include "util.h"

#define LN_2PI 1.837877066409345483560659472811235279

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

void fit_reset_fields(Fit *out, size_t n, Model requested)
{
    out->model = MODEL_NONE;
    line_reset(&out->line, n);
    out->t_first = out->t_last = out->tc = NAN;
    out->cagr = out->doubling_years = NAN;
    out->n = n;
    out->n_par = 0;
    for (int i = 0; i < 3; i++) {
        out->par[i] = out->se[i] = NAN;
        for (int k = 0; k < 3; k++)
            out->cov[i][k] = NAN;
    }
    out->r2 = out->resid_sd = out->aicc = NAN;
    out->requested = requested;
    for (int m = 0; m < MODEL_COUNT; m++)
        out->cand_aicc[m] = NAN;
}

int fit_check_positive(const double *v, size_t n, const char *trend,
                       Error *err)
{
    for (size_t i = 0; i < n; i++) {
        if (!(v[i] > 0)) {
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "value %g is not positive; %s trend needs values "
                      "above 0", v[i], trend);
            return -1;
        }
    }
    return 0;
}

void fit_time_range(const double *t, size_t n, Fit *out)
{
    double tmin = t[0], tmax = t[0];
    for (size_t i = 1; i < n; i++) {
        if (t[i] < tmin)
            tmin = t[i];
        if (t[i] > tmax)
            tmax = t[i];
    }
    out->t_first = tmin;
    out->t_last = tmax;
}

/* AICc of a Gaussian likelihood at its maximum: -2 ln L + 2k + 2k(k+1) /
 * (n - k - 1), k = p + 1 (the error variance counts). For exp the errors
 * are Gaussian on ln v, so the density of v itself carries the Jacobian
 * 1/v: log_jacobian = sum ln v puts exp on the same (value) scale as the
 * others. NAN when n <= k + 1; -INFINITY for an exact fit. */
double fit_aicc_gauss(double rss, size_t n, int p, double log_jacobian)
{
    double k = (double)p + 1, nn = (double)n;
    if (nn <= k + 1)
        return NAN;
    double ll = -0.5 * nn * (LN_2PI + log(rss / nn) + 1.0) - log_jacobian;
    return -2.0 * ll + 2.0 * k + 2.0 * k * (k + 1.0) / (nn - k - 1.0);
}

/* Copies the line into the model-independent fields. */
static void fill_from_line(Fit *f, Model model, double log_jacobian)
{
    const LineFit *l = &f->line;
    f->model = model;
    f->n_par = 2;
    f->par[0] = l->b0;
    f->par[1] = l->b1;
    f->se[0] = l->se_b0;
    f->se[1] = l->se_b1;
    f->cov[0][0] = l->se_b0 * l->se_b0;
    f->cov[1][1] = l->se_b1 * l->se_b1;
    f->cov[0][1] = f->cov[1][0] = l->cov01;
    f->r2 = l->r2;
    f->resid_sd = l->resid_sd;
    f->aicc = fit_aicc_gauss(l->rss, l->n, 2, log_jacobian);
}

int fit_exponential(const double *t, const double *v, size_t n, Fit *out,
                    Error *err)
{
    fit_reset_fields(out, n, MODEL_EXP);
    if (n < 2)
        return fit_line(t, v, n, &out->line, err);
    double *lv = xmalloc_array(n, sizeof *lv);

    int rc = -1;
    double sum_lv = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isfinite(v[i]) || !isfinite(t[i])) {
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "cannot fit a trend to infinite or NaN values; "
                      "remove them from the data");
            goto done;
        }
        if (fit_check_positive(v + i, 1, "an exponential", err) != 0)
            goto done;
        lv[i] = log(v[i]);
        sum_lv += lv[i];
    }
    if (fit_line(t, lv, n, &out->line, err) != 0)
        goto done;

    fit_time_range(t, n, out);
    fill_from_line(out, MODEL_EXP, sum_lv);
    double b = out->line.b1;
    out->cagr = expm1(b);
    out->doubling_years = b > 0 ? LN2 / b : INFINITY;
    rc = 0;
done:
    free(lv);
    return rc;
}

static int fit_linear(const double *t, const double *v, size_t n, Fit *out,
                      Error *err)
{
    fit_reset_fields(out, n, MODEL_LINEAR);
    if (fit_line(t, v, n, &out->line, err) != 0)
        return -1;
    fit_time_range(t, n, out);
    fill_from_line(out, MODEL_LINEAR, 0.0);
    return 0;
}

/* ---- logistic ----------------------------------------------------- */

/* The fit works on u = t - mean(t) and y = v / max(v), so K, r and the
 * midpoint are all of order 1 for the solver; results are scaled back. */
typedef struct {
    const double *u, *y;
    size_t n;
} LogiData;

/* s = 1 / (1 + exp(-x)) and 1 - s without overflow or cancellation. */
static void logi_parts(double x, double *s, double *q)
{
    if (x >= 0) {
        double e = exp(-x);
        *s = 1.0 / (1.0 + e);
        *q = e / (1.0 + e);
    } else {
        double e = exp(x);
        *s = e / (1.0 + e);
        *q = 1.0 / (1.0 + e);
    }
}

static int logi_f(const gsl_vector *p, void *data, gsl_vector *f)
{
    const LogiData *d = data;
    double K = gsl_vector_get(p, 0), r = gsl_vector_get(p, 1),
           c = gsl_vector_get(p, 2);
    for (size_t i = 0; i < d->n; i++) {
        double s, q;
        logi_parts(r * (d->u[i] - c), &s, &q);
        double fi = K * s - d->y[i];
        if (!isfinite(fi))
            return GSL_EBADFUNC;
        gsl_vector_set(f, i, fi);
    }
    return GSL_SUCCESS;
}

static int logi_df(const gsl_vector *p, void *data, gsl_matrix *J)
{
    const LogiData *d = data;
    double K = gsl_vector_get(p, 0), r = gsl_vector_get(p, 1),
           c = gsl_vector_get(p, 2);
    for (size_t i = 0; i < d->n; i++) {
        double s, q;
        logi_parts(r * (d->u[i] - c), &s, &q);
        gsl_matrix_set(J, i, 0, s);
        gsl_matrix_set(J, i, 1, K * (d->u[i] - c) * s * q);
        gsl_matrix_set(J, i, 2, -K * r * s * q);
        if (!isfinite(K * (d->u[i] - c) * s * q) || !isfinite(K * r * s * q))
            return GSL_EBADFUNC;
    }
    return GSL_SUCCESS;
}

static double logi_rss(const LogiData *d, double K, double r, double c)
{
    double rss = 0;
    for (size_t i = 0; i < d->n; i++) {
        double s, q;
        logi_parts(r * (d->u[i] - c), &s, &q);
        rss += (K * s - d->y[i]) * (K * s - d->y[i]);
    }
    return rss;
}

/* Deterministic start: for each ceiling K on a log grid from 1.02 to 100
 * times the largest value, ln(K/y - 1) = -r (u - c) is a straight line;
 * fit it and keep the (K, r, c) whose curve is closest to the data. */
static int logi_start(const LogiData *d, double *x0, int *at_top)
{
    enum { GRID = 48 };
    int best_g = -1;
    double *z = xmalloc_array(d->n, sizeof *z);
    double best = INFINITY;
    for (int g = 0; g < GRID; g++) {
        double K = 1.02 * pow(100.0 / 1.02, (double)g / (GRID - 1));
        for (size_t i = 0; i < d->n; i++)
            z[i] = log(K / d->y[i] - 1.0);
        LineFit l;
        Error ignored;
        error_clear(&ignored);
        if (fit_line(d->u, z, d->n, &l, &ignored) != 0 || !(l.b1 < 0))
            continue;
        double r = -l.b1, c = l.b0 / r;
        double rss = logi_rss(d, K, r, c);
        if (rss < best) {
            best = rss;
            best_g = g;
            x0[0] = K;
            x0[1] = r;
            x0[2] = c;
        }
    }
    free(z);
    *at_top = best_g == GRID - 1;
    return isfinite(best) ? 0 : -1;
}

/* Runs GSL's trust-region Levenberg-Marquardt from x0; on success fills
 * x (K, r, c), the unscaled covariance (J^T J)^-1 and the RSS. */
static int logi_solve(LogiData *d, const double *x0, double *x,
                      double cov[3][3], double *rss, const char **why)
{
    gsl_multifit_nlinear_parameters fp =
        gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_workspace *w =
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &fp, d->n, 3);
    gsl_matrix *C = gsl_matrix_alloc(3, 3);
    gsl_multifit_nlinear_fdf fdf = {.f = logi_f, .df = logi_df, .fvv = NULL,
                                    .n = d->n, .p = 3, .params = d};
    gsl_vector_const_view start = gsl_vector_const_view_array(x0, 3);
    int rc = -1, info = 0;
    int status = gsl_multifit_nlinear_init(&start.vector, &fdf, w);
    if (status == GSL_SUCCESS)
        status = gsl_multifit_nlinear_driver(400, 1e-12, 1e-12, 0.0, NULL,
                                             NULL, &info, w);
    if (status != GSL_SUCCESS) {
        *why = gsl_strerror(status);
        goto done;
    }
    gsl_vector *pos = gsl_multifit_nlinear_position(w);
    for (int i = 0; i < 3; i++)
        x[i] = gsl_vector_get(pos, (size_t)i);
    gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0, C);
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
            cov[i][k] = gsl_matrix_get(C, (size_t)i, (size_t)k);
    double ss;
    gsl_blas_ddot(gsl_multifit_nlinear_residual(w),
                  gsl_multifit_nlinear_residual(w), &ss);
    *rss = ss;
    rc = 0;
done:
    gsl_matrix_free(C);
    gsl_multifit_nlinear_free(w);
    return rc;
}

/* The solution x (K, r, c on the scaled axes) and its unscaled
 * covariance into out, on the data's own scales. Fails when the data do
 * not determine the parameters. */
static int logi_fill(const LogiData *d, const double x[3],
                     double cov[3][3], double rss, double vmax,
                     double tmean, Fit *out, Error *err)
{
    size_t n = d->n;
    double s2 = n > 3 ? rss / (double)(n - 3) : NAN;
    double scale[3] = {vmax, 1.0, 1.0};
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
            out->cov[i][k] = cov[i][k] * s2 * scale[i] * scale[k];
    for (int i = 0; i < 3; i++) {
        if (!(out->cov[i][i] >= 0) || !isfinite(out->cov[i][i])) {
            error_set(err, ERR_DATA, NULL, 0, 0,
                      "the data do not determine the logistic trend's "
                      "parameters");
            return -1;
        }
        out->se[i] = sqrt(out->cov[i][i]);
    }
    double ymean = 0, syy = 0;
    for (size_t i = 0; i < n; i++)
        ymean += d->y[i];
    ymean /= (double)n;
    for (size_t i = 0; i < n; i++)
        syy += (d->y[i] - ymean) * (d->y[i] - ymean);
    out->model = MODEL_LOGISTIC;
    out->n_par = 3;
    out->par[0] = x[0] * vmax;
    out->par[1] = x[1];
    out->par[2] = x[2] + tmean;
    out->r2 = syy > 0 ? 1.0 - rss / syy : 1.0;
    out->resid_sd = sqrt(s2) * vmax;
    out->aicc = fit_aicc_gauss(rss * vmax * vmax, n, 3, 0.0);
    return 0;
}

static int fit_logistic(const double *t, const double *v, size_t n,
                        Fit *out, Error *err)
{
    fit_reset_fields(out, n, MODEL_LOGISTIC);
    if (n < FIT_MIN_LOGISTIC) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "a logistic trend has 3 parameters and needs at least %d "
                  "points (got %zu)",
                  FIT_MIN_LOGISTIC, n);
        return -1;
    }
    if (fit_check_positive(v, n, "a logistic", err) != 0)
        return -1;
    double vmax = 0, tmean = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] > vmax)
            vmax = v[i];
        tmean += t[i];
    }
    tmean /= (double)n;
    double *u = xmalloc_array(n, sizeof *u);
    double *y = xmalloc_array(n, sizeof *y);
    for (size_t i = 0; i < n; i++) {
        u[i] = t[i] - tmean;
        y[i] = v[i] / vmax;
    }
    LogiData d = {u, y, n};
    double x0[3], x[3], cov[3][3], rss;
    const char *why = NULL;
    int rc = -1;
    int at_top = 0;
    if (logi_start(&d, x0, &at_top) != 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "a logistic trend needs a rising series, and this one "
                  "does not rise");
        goto done;
    }
    /* The best start has the largest ceiling tried: the fit keeps
     * improving as the ceiling grows, which is growth without saturation,
     * not a solver's failure. */
    if (at_top) {
        error_set(err, ERR_DATA, NULL, 0, 0, "%s", FIT_NO_SATURATION);
        goto done;
    }
    if (logi_solve(&d, x0, x, cov, &rss, &why) != 0) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "the logistic fit did not converge (%s)", why);
        goto done;
    }
    /* A ceiling far above the data is not measured by it: the curve is
     * then an exponential in disguise, and K and its error mean nothing. */
    if (!(x[0] > 0 && x[0] <= 1000.0 && x[1] > 0 && isfinite(x[2]))) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "%s (ceiling %g times the largest value)",
                  FIT_NO_SATURATION, x[0]);
        goto done;
    }
    if (logi_fill(&d, x, cov, rss, vmax, tmean, out, err) != 0)
        goto done;
    fit_time_range(t, n, out);
    rc = 0;
done:
    free(u);
    free(y);
    return rc;
}

/* ---- choosing and fitting ------------------------------------------ */

static const char *const model_names[MODEL_COUNT] = {
    "none", "exp", "linear", "logistic", "damped", "auto"};

const char *fit_model_name(Model model)
{
    return model >= 0 && model < MODEL_COUNT ? model_names[model] : "?";
}

int fit_model_parse(const char *name, Model *model)
{
    for (int m = 0; m < MODEL_COUNT; m++) {
        if (strcmp(name, model_names[m]) == 0) {
            *model = (Model)m;
            return 0;
        }
    }
    return -1;
}

static int fit_candidate(Model model, const double *t, const double *v,
                         size_t n, Fit *out, Error *err)
{
    switch (model) {
    case MODEL_LINEAR:
        return fit_linear(t, v, n, out, err);
    case MODEL_EXP:
        return fit_exponential(t, v, n, out, err);
    case MODEL_LOGISTIC:
        return fit_logistic(t, v, n, out, err);
    case MODEL_DAMPED:
        return fit_damped(t, v, n, out, err);
    default:
        break;
    }
    error_set(err, ERR_USAGE, NULL, 0, 0, "unknown model");
    return -1;
}

static int fit_auto(const double *t, const double *v, size_t n, Fit *out,
                    Error *err)
{
    static const Model order[] = {MODEL_LINEAR, MODEL_EXP, MODEL_LOGISTIC,
                                  MODEL_DAMPED};
    if (n < FIT_AUTO_MIN_POINTS) {
        fit_reset_fields(out, n, MODEL_AUTO);
        if (error_set(err, ERR_DATA, NULL, 0, 0,
                      "model auto compares models by AICc and needs at "
                      "least %d points (got %zu)",
                      FIT_AUTO_MIN_POINTS, n))
            err->remedy = ERR_REMEDY_MODEL;
        return -1;
    }
    double cand[MODEL_COUNT];
    for (int m = 0; m < MODEL_COUNT; m++)
        cand[m] = NAN;
    Fit best, f;
    int have = 0;
    Error first;
    error_clear(&first);
    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        if ((order[k] == MODEL_LOGISTIC && n < FIT_AUTO_MIN_LOGISTIC)
            || (order[k] == MODEL_DAMPED && n < FIT_AUTO_MIN_DAMPED))
            continue;
        Error e;
        error_clear(&e);
        if (fit_candidate(order[k], t, v, n, &f, &e) != 0) {
            if (first.kind == ERR_NONE)
                first = e;
            continue;
        }
        cand[order[k]] = f.aicc;
        /* Strictly smaller: a tie keeps the simpler, earlier model. */
        if (!have || f.aicc < best.aicc) {
            best = f;
            have = 1;
        }
    }
    if (!have) {
        fit_reset_fields(out, n, MODEL_AUTO);
        error_set(err, first.kind, NULL, 0, 0, "%s", first.message);
        return -1;
    }
    *out = best;
    out->requested = MODEL_AUTO;
    for (int m = 0; m < MODEL_COUNT; m++)
        out->cand_aicc[m] = cand[m];
    return 0;
}

int fit_model(Model model, const double *t, const double *v, size_t n,
              Fit *out, Error *err)
{
    fit_reset_fields(out, n, model);
    if (model == MODEL_NONE) {
        if (n > 0)
            fit_time_range(t, n, out);
        return 0;
    }
    if (n < FIT_MIN_POINTS) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "need at least %d points to fit a trend with an interval "
                  "(got %zu)", FIT_MIN_POINTS, n);
        return -1;
    }
    if (!all_finite(t, n) || !all_finite(v, n)) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "cannot fit a trend to infinite or NaN values; remove "
                  "them from the data");
        return -1;
    }
    int distinct = 0;
    for (size_t i = 1; i < n && !distinct; i++)
        distinct = t[i] != t[0];
    if (!distinct) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "all %zu points have the same date; a trend needs at "
                  "least 2 different dates", n);
        return -1;
    }
    if (model == MODEL_AUTO)
        return fit_auto(t, v, n, out, err);
    return fit_candidate(model, t, v, n, out, err);
}

/* ---- using a fit ---------------------------------------------------- */

/* Evaluated around the mean of t: b0 alone is the intercept at 1970 and
 * large, so b0 + b1 t would cancel digits. */
static double line_at(const LineFit *l, double t)
{
    double ymean = l->b0 + l->b1 * l->xmean;
    return ymean + l->b1 * (t - l->xmean);
}

static double logistic_at(const Fit *f, double t, double *s, double *q)
{
    logi_parts(f->par[1] * (t - f->par[2]), s, q);
    return f->par[0] * *s;
}

/* ln v of a damped fit at t. */
static double damped_at(const Fit *f, double t)
{
    return f->par[0] + f->par[1] * fit_damp_g(t - f->tc, f->par[2]);
}

/* s^2 + g^T cov g: the variance of a new observation at a point where the
 * model's gradient in its three parameters is g (delta method). */
static double pred_var3(const Fit *f, const double g[3])
{
    double var = f->resid_sd * f->resid_sd;
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++)
            var += g[i] * f->cov[i][k] * g[k];
    return var;
}

double fit_predict(const Fit *fit, double t)
{
    if (!fit || !isfinite(t))
        return NAN;
    double s, q;
    switch (fit->model) {
    case MODEL_EXP:
        return exp(line_at(&fit->line, t));
    case MODEL_LINEAR:
        return line_at(&fit->line, t);
    case MODEL_LOGISTIC:
        return logistic_at(fit, t, &s, &q);
    case MODEL_DAMPED:
        return exp(damped_at(fit, t));
    default:
        return NAN;
    }
}

double fit_predict_log(const Fit *fit, double t)
{
    if (!fit || !isfinite(t))
        return NAN;
    switch (fit->model) {
    case MODEL_EXP:
        return line_at(&fit->line, t);
    case MODEL_DAMPED:
        return damped_at(fit, t);
    default: {
        double v = fit_predict(fit, t);
        return v > 0 ? log(v) : NAN;
    }
    }
}

int fit_interval(const Fit *fit, double t, double level, double *lo,
                 double *hi)
{
    *lo = *hi = NAN;
    if (!fit || !isfinite(t) || !(level > 0 && level < 1))
        return -1;
    if (fit->model == MODEL_LOGISTIC) {
        if (fit->n < 4 || !isfinite(fit->resid_sd))
            return -1;
        double s, q;
        double y = logistic_at(fit, t, &s, &q);
        double K = fit->par[0], r = fit->par[1], t0 = fit->par[2];
        double g[3] = {s, K * (t - t0) * s * q, -K * r * s * q};
        double var = pred_var3(fit, g);
        double tq = gsl_cdf_tdist_Pinv(0.5 + level / 2.0,
                                       (double)(fit->n - 3));
        *lo = y - tq * sqrt(var);
        *hi = y + tq * sqrt(var);
        return 0;
    }
    if (fit->model == MODEL_DAMPED) {
        if (fit->n <= 3 || !isfinite(fit->resid_sd))
            return -1;
        double u = t - fit->tc, b = fit->par[1], d = fit->par[2];
        double g[3] = {1.0, fit_damp_g(u, d), b * fit_damp_dg_dd(u, d)};
        double y = fit->par[0] + b * g[1], var = pred_var3(fit, g);
        /* Far before tc a large d overflows e^(-d u). */
        if (!isfinite(y) || !isfinite(var))
            return -1;
        double tq = gsl_cdf_tdist_Pinv(0.5 + level / 2.0,
                                       (double)(fit->n - 3));
        *lo = exp(y - tq * sqrt(var));
        *hi = exp(y + tq * sqrt(var));
        return 0;
    }
    if ((fit->model != MODEL_EXP && fit->model != MODEL_LINEAR)
        || fit->line.n < 3 || !(fit->line.sxx > 0)
        || !isfinite(fit->line.resid_sd))
        return -1;
    const LineFit *l = &fit->line;
    double nu = (double)(l->n - 2);
    double q = gsl_cdf_tdist_Pinv(0.5 + level / 2.0, nu);
    double dx = t - l->xmean;
    double se = l->resid_sd
                * sqrt(1.0 + 1.0 / (double)l->n + dx * dx / l->sxx);
    double y = line_at(l, t);
    if (fit->model == MODEL_EXP) {
        *lo = exp(y - q * se);
        *hi = exp(y + q * se);
    } else {
        *lo = y - q * se;
        *hi = y + q * se;
    }
    return 0;
}

int fit_doubling(const Fit *fit, double *years, Error *err)
{
    *years = NAN;
    if (!fit || (fit->model != MODEL_EXP && fit->model != MODEL_DAMPED)) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "a doubling time needs an exponential or damped trend "
                  "(this one is %s)",
                  fit_model_name(fit ? fit->model : MODEL_NONE));
        return -1;
    }
    if (fit->model == MODEL_DAMPED && !(fit->par[1] > 0)) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "the trend is flat or declining at its last fitted date "
                  "(%.3g%% a year), so it never doubles", 100.0 * fit->cagr);
        return -1;
    }
    if (fit->model == MODEL_EXP && !(fit->line.b1 > 0)) {
        error_set(err, ERR_DATA, NULL, 0, 0,
                  "the trend is flat or declining (%.3g%% a year), so it "
                  "never doubles", 100.0 * fit->cagr);
        return -1;
    }
    *years = fit->doubling_years;
    return 0;
}

size_t fit_window(const int32_t *date, size_t n, long since, size_t last,
                  size_t *first)
{
    size_t i = 0;
    while (i < n && date[i] < since)
        i++;
    size_t count = n - i;
    if (last > 0 && count > last) {
        i += count - last;
        count = last;
    }
    *first = i;
    return count;
}
