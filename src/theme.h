/* theme.h - colours shared by every chart and the report. */
#ifndef AIGROWTH_THEME_H
#define AIGROWTH_THEME_H

#include <stddef.h>
#include "scene.h"

#define THEME_PALETTE_SIZE 8

/* A chart theme: paper and ink, and a colour-blind-safe palette whose
 * first colours are the most distinct against the paper. */
typedef struct {
    const char *name;
    Color paper;
    Color ink;          /* titles, values */
    Color ink_soft;     /* subtitles, axis labels */
    Color ink_faint;    /* source line, notes, dividers' labels */
    Color grid;         /* gridlines */
    Color axis;         /* axis line, divider */
    Color context;      /* grey context lines of non-highlighted series */
    Color palette[THEME_PALETTE_SIZE];
} Theme;

/* A colour chosen by the user for one company. */
typedef struct {
    const char *company;
    Color color;
} ColorOverride;

/* The company's colour in list[0..n), or NULL. */
const ColorOverride *color_override_find(const ColorOverride *list, size_t n,
                                         const char *company);

extern const Theme theme_light;
extern const Theme theme_dark;

/* "light" or "dark"; NULL for anything else. */
const Theme *theme_by_name(const char *name);

/* Two series colours closer than this (CIE76 ΔE) are hard to tell
 * apart in a legend or a direct label; every palette keeps its colours
 * at least this far apart (tests/test_theme.c). */
#define THEME_MIN_DELTA_E 20.0

/* CIE76 colour difference of two opaque sRGB colours (D65 white). */
double color_delta_e(Color a, Color b);

/* The palette slots of theme closer than THEME_MIN_DELTA_E to c, as a
 * mask (bit s for slot s). */
unsigned theme_slots_near(const Theme *theme, Color c);

/* From palette slot own on, the first slot in neither mask (bit s for
 * slot s): taken (held by a company beside it) nor avoid (too close to
 * a colour beside it); failing that the first not taken; failing that
 * own. */
size_t theme_free_slot(size_t own, unsigned taken, unsigned avoid);

/* The light theme's palette colour at index (wraps around). */
Color theme_series_color(size_t index);

/* The light theme's colours, for the report's own pages. */
extern const Color THEME_INK;
extern const Color THEME_INK_SOFT;
extern const Color THEME_INK_FAINT;
extern const Color THEME_GRID;
extern const Color THEME_AXIS;
extern const Color THEME_PAPER;

#endif
