/* chart_notes.h - placing and drawing a line chart's annotations
 * (annotate.h) inside its plot: shaded periods under the data, reference
 * lines and callouts over it, every label placed where it overlaps no
 * label already placed (events, the divider, one another) and no data
 * marker, the callouts joined to their point by a leader line. */
#ifndef AIGROWTH_CHART_NOTES_H
#define AIGROWTH_CHART_NOTES_H

#include <stddef.h>
#include "annotate.h"
#include "i18n.h"
#include "scale.h"
#include "scene.h"
#include "text.h"
#include "theme.h"

/* A rectangle in points; label: 1 for a text's box, 0 for a data
 * marker's (markers may touch one another, labels may not). */
typedef struct {
    double x0, y0, x1, y1;
    int label;
} NoteBox;

/* What the notes are drawn into, and the boxes already taken (owned:
 * free with chart_notes_free). The scales map days and values. */
typedef struct {
    Scene *scene;
    const FontStack *fs;
    const Theme *theme;
    double k;                  /* type scale */
    Lang lang;
    NoteBox plot;
    const Scale *xs, *ys;
    NoteBox *taken;
    size_t n_taken, cap_taken;
} NoteFrame;

/* Marks box as taken: later labels keep off it. */
void chart_notes_take(NoteFrame *f, NoteBox box);

/* The shading of every NOTE_RANGE, clipped to the plot: drawn before
 * the data. */
void chart_notes_shade(NoteFrame *f, const Annotation *notes, size_t n);

/* The labels of the ranges, the reference lines with theirs, and the
 * callouts, in that order, each label in the first free place. */
void chart_notes_draw(NoteFrame *f, const Annotation *notes, size_t n);

/* The label of a series with one point, beside its dot at (px, py) in
 * the first free place (right, left, above, below, then further out),
 * in the series' colour: a lone point is named where it is, not at the
 * plot's right edge. */
void chart_notes_point_label(NoteFrame *f, double px, double py,
                             const char *text, double size, Color c);

/* Whether any two label boxes taken overlap (for the tests). */
int chart_notes_overlap(const NoteFrame *f);

void chart_notes_free(NoteFrame *f);

#endif
