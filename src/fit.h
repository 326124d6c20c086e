/* fit.h - trend models fitted to a series, and what follows from them. */
#ifndef AIGROWTH_FIT_H
#define AIGROWTH_FIT_H

#include <stddef.h>
#include "error.h"

/* Ordinary least squares y = b0 + b1 x (GSL). */
typedef struct {
    size_t n;
    double b0, b1;
    double se_b0, se_b1, cov01;
    double resid_sd;       /* sqrt(RSS / (n - 2)); NAN when n == 2 */
    double rss;
    double r2;
    double xmean, sxx;     /* for prediction intervals */
} LineFit;

/* Fits x,y (n >= 2, x not all equal). Returns -1 with ERR_DATA otherwise. */
int fit_line(const double *x, const double *y, size_t n, LineFit *out,
             Error *err);

typedef enum { MODEL_NONE = 0, MODEL_EXP } Model;

/* ln v = a + b t, t in years (dates.h). */
typedef struct {
    Model model;
    LineFit line;          /* on (t, ln v) */
    double t_first, t_last;/* window of the fit, years */
    double cagr;           /* exp(b) - 1 */
    double doubling_years; /* ln 2 / b; INFINITY when b <= 0 */
} Fit;

/* Fits the exponential trend to n points (t in years, v > 0). Needs n >= 2
 * distinct times; a non-positive v fails with ERR_DATA (the caller adds
 * file and line). */
int fit_exponential(const double *t, const double *v, size_t n, Fit *out,
                    Error *err);

/* The trend's value at time t (years). */
double fit_predict(const Fit *fit, double t);

/* Prediction interval for a new observation at t, at confidence level
 * (e.g. 0.80): Student t with n-2 degrees of freedom, computed on ln v and
 * exponentiated. Returns -1 (and leaves lo/hi NAN) when n < 3. */
int fit_interval(const Fit *fit, double t, double level, double *lo,
                 double *hi);

#endif
