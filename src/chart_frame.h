/* chart_frame.h - what every chart kind shares around its plot: the
 * title, the subtitle and the source line, and the type scale. */
#ifndef AIGROWTH_CHART_FRAME_H
#define AIGROWTH_CHART_FRAME_H

#include <stddef.h>

#include "i18n.h"
#include "scene.h"
#include "text.h"
#include "theme.h"

#define FRAME_MARGIN_PT 24.0
#define FRAME_SOURCE_PT 8.0

/* Type scale of a canvas: 1 for 960 x 540 pt, growing with the square
 * root of the area, so a 4:3 or square chart reads like a 16:9 one of
 * similar area and a 1920 x 1080 slide chart is legible from afar. */
double frame_type_scale(double width, double height);

/* Draws the title (bold, shrunk to fit the width), the subtitle and the
 * source line at the bottom left into scene; returns the y just below the
 * subtitle. k is the type scale. */
double frame_draw(Scene *scene, const FontStack *fs, const Theme *theme,
                  double k, const char *title, const char *subtitle,
                  const char *source);

/* The source line: source_line when given, else "Source: FILE · Chart:
 * aigrowth" in the language; then " · note" when note is not empty. */
void frame_source_text(Lang lang, const char *source_line, const char *file,
                       const char *note, char *buf, size_t size);

/* The y of the top of the source line: plots end above it. */
double frame_footer_top(const Scene *scene, double k);

/* A date axis tick's label: "2025", "Q3", "Nov"; in Chinese "2025年",
 * "Q3", "11月". January names the year, and so does the axis's first
 * tick whatever its month ("Q2 2025", "2025年Q2"), so an axis never
 * starts without one. unit is scale_ticks_dates'. */
void frame_date_tick(Lang lang, long day, char unit, int first, char *buf,
                     size_t size);

#endif
