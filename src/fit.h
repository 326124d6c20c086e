/* fit.h - trend models fitted to a series, and what follows from them. */
#ifndef AIGROWTH_FIT_H
#define AIGROWTH_FIT_H

#include <stddef.h>
#include <stdint.h>
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

/* Trend models. MODEL_AUTO is a request only: a fitted Fit holds the model
 * auto chose. The values of MODEL_NONE and MODEL_EXP are what the charts
 * test; add new models after them. */
typedef enum {
    MODEL_NONE = 0,
    MODEL_EXP,      /* ln v = a + b t: least squares on ln v */
    MODEL_LINEAR,   /* v = a + b t */
    MODEL_LOGISTIC, /* v = K / (1 + exp(-r (t - t0))): nonlinear LS on v */
    MODEL_DAMPED,   /* ln v = a + b (1 - exp(-d (t - tc))) / d, d >= 0: a
                       growth rate b exp(-d (t - tc)) that decays; least
                       squares on ln v, profiled over d */
    MODEL_AUTO,     /* smallest AICc of the above (see fit_model) */
    MODEL_COUNT
} Model;

/* Why a logistic fit is refused when the data rise without levelling
 * off: the fit keeps improving as the ceiling grows. */
#define FIT_NO_SATURATION                                                   \
    "no saturation visible: the fit keeps improving as the ceiling grows"

/* The model's name as the command line spells it ("exp", "auto", ...). */
const char *fit_model_name(Model model);

/* "linear", "exp", "logistic", "damped", "none" or "auto"; -1 for
 * anything else. */
int fit_model_parse(const char *name, Model *model);

/* Points each model needs: fit_model refuses fewer. Auto considers a
 * model only from FIT_AUTO_MIN_POINTS (AICc needs n > parameters + 2),
 * logistic only from FIT_AUTO_MIN_LOGISTIC and damped only from
 * FIT_AUTO_MIN_DAMPED. Damped's 5 leave 2 residual degrees of freedom to
 * its 3 parameters; its AICc is finite from 6. */
#define FIT_MIN_POINTS 3
#define FIT_MIN_LOGISTIC 4
#define FIT_MIN_DAMPED 5
#define FIT_AUTO_MIN_POINTS 5
#define FIT_AUTO_MIN_LOGISTIC 8
#define FIT_AUTO_MIN_DAMPED 6

/* A fitted trend, t in years since 1970-01-01 (dates.h). Plain data.
 * For linear and exp, `line` is the least-squares line (on v, or on ln v)
 * and par = {a, b} (a is the value, or ln value, at t = 0); for logistic,
 * par = {K, r, t0} with cov their covariance and `line` unused except n;
 * for damped, par = {a, b, d}: a the ln value at tc, b the growth rate of
 * ln v per year at tc, d >= 0 the rate (per year) at which that growth
 * rate decays, cov their covariance and `line` unused except n (d = 0 is
 * the exp curve; d > 0 levels off at ln v = a + b / d).
 * r2 and resid_sd are on the scale the model is fitted on (ln v for exp
 * and damped); aicc is on the value scale for every model, so comparable
 * across them. */
typedef struct {
    Model model;
    LineFit line;          /* linear: on (t, v); exp: on (t, ln v) */
    double t_first, t_last;/* window of the fit, years */
    double tc;             /* damped: the mean of the fitted t, where
                              g(t - tc) = 0; NAN for other models */
    double cagr;           /* exp: exp(b) - 1; damped: the same at the
                              growth rate of t_last; NAN for others */
    double doubling_years; /* exp: ln 2 / b, INFINITY when b <= 0; damped:
                              the same at the rate of t_last (the curve
                              itself slows down, and may never double);
                              NAN for others */
    size_t n;
    int n_par;             /* 2 or 3 */
    double par[3], se[3];
    double cov[3][3];      /* of par, residual variance s^2 included */
    double r2, resid_sd;
    double aicc;
    Model requested;       /* what the caller asked for (MODEL_AUTO too) */
    double cand_aicc[MODEL_COUNT]; /* auto: each candidate's AICc, or NAN */
} Fit;

/* Fits the exponential trend to n points (t in years, v > 0). Needs n >= 2
 * distinct times; a non-positive v fails with ERR_DATA (the caller adds
 * file and line). The charts' path: fit_model(MODEL_EXP) is this plus the
 * 3-point minimum. */
int fit_exponential(const double *t, const double *v, size_t n, Fit *out,
                    Error *err);

/* Fits `model` (linear, exp, logistic, damped, auto; MODEL_NONE gives a
 * Fit with model NONE and returns 0) to n >= FIT_MIN_POINTS points with
 * distinct times. Auto takes the smallest AICc among the models that fit,
 * the earlier one on a tie (linear, exp, logistic, damped); it fails when
 * n < FIT_AUTO_MIN_POINTS. Logistic starts from a deterministic grid over
 * K and fails with a message when it does not converge or the data show
 * no saturation. Damped needs FIT_MIN_DAMPED positive values; it minimises
 * the least-squares RSS on ln v over d in [0, 20] a year (a log grid, then
 * golden section; d = 0 kept when best) and fails when the data do not
 * determine d (at that bound, or a singular Jacobian). Returns -1 with
 * ERR_DATA and a message. */
int fit_model(Model model, const double *t, const double *v, size_t n,
              Fit *out, Error *err);

/* The trend's value at time t (years); NAN without a model. */
double fit_predict(const Fit *fit, double t);

/* ln of fit_predict, computed on the log scale for exp and damped (no
 * exp and log round trip); NAN where the value is not positive. */
double fit_predict_log(const Fit *fit, double t);

/* Prediction interval for a new observation at t, at confidence level
 * (e.g. 0.80): Student t with n - p degrees of freedom (p = 2 for linear
 * and exp, 3 for logistic and damped); exp is computed on ln v and
 * exponentiated, logistic by the delta method, damped by the delta method
 * on ln v, exponentiated. Returns -1 (and leaves lo/hi NAN) when
 * there is no residual degree of freedom or the arguments are out of
 * range. */
int fit_interval(const Fit *fit, double t, double level, double *lo,
                 double *hi);

/* Doubling time in years of an exp fit, or of a damped one at the growth
 * rate of its last fitted time (Fit.doubling_years). Fails with a message
 * (ERR_DATA) for another model or a flat or declining trend, which never
 * doubles. */
int fit_doubling(const Fit *fit, double *years, Error *err);

/* Of n dates sorted ascending, the window a fit uses: those on or after
 * `since` (LONG_MIN for no limit), then only the last `last` of them (0 for
 * no limit). Sets *first to the index of the first; returns the count. */
size_t fit_window(const int32_t *date, size_t n, long since, size_t last,
                  size_t *first);

#endif
