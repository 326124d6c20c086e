/* theme.h - colours shared by every chart and the report. */
#ifndef AIGROWTH_THEME_H
#define AIGROWTH_THEME_H

#include <stddef.h>
#include "scene.h"

/* Okabe-Ito colour-blind-safe palette, darkest-first order for lines on a
 * white background. index wraps around. */
Color theme_series_color(size_t index);

extern const Color THEME_INK;        /* titles, values */
extern const Color THEME_INK_SOFT;   /* subtitles, axis labels */
extern const Color THEME_INK_FAINT;  /* source line, notes */
extern const Color THEME_GRID;       /* gridlines */
extern const Color THEME_AXIS;       /* baseline axis */
extern const Color THEME_PAPER;      /* background */

#endif
