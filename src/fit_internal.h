/* fit_internal.h - what fit.c and fit_damped.c share; not for other
 * modules (they use fit.h). */
#ifndef AIGROWTH_FIT_INTERNAL_H
#define AIGROWTH_FIT_INTERNAL_H

#include <stddef.h>
#include "error.h"
#include "fit.h"

/* M_LN2 is not ISO C. */
#define LN2 0.693147180559945309417232121458176568

/* Sets every field of out to "not fitted" (NAN, MODEL_NONE) for n points
 * and the model asked for. */
void fit_reset_fields(Fit *out, size_t n, Model requested);

/* Sets out->t_first and t_last to the range of t[0 .. n). */
void fit_time_range(const double *t, size_t n, Fit *out);

/* AICc of a Gaussian likelihood at its maximum with p parameters (fit.c
 * says how log_jacobian puts log-scale fits on the value scale). */
double fit_aicc_gauss(double rss, size_t n, int p, double log_jacobian);

/* Fails (ERR_DATA) at the first of v[0 .. n) that is not above 0:
 * "value 0 is not positive; <trend> trend needs values above 0", trend
 * being "an exponential", "a damped", ... */
int fit_check_positive(const double *v, size_t n, const char *trend,
                       Error *err);

/* g(u; d) = (1 - e^(-d u)) / d, u at d = 0, and its derivative in d. */
double fit_damp_g(double u, double d);
double fit_damp_dg_dd(double u, double d);

/* The damped trend of n points (see fit.h). */
int fit_damped(const double *t, const double *v, size_t n, Fit *out,
               Error *err);

#endif
