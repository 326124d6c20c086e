/* chart_notes.c - annotations placed without collisions (chart_notes.h).
 *
 * Placement is greedy and deterministic: each label tries a fixed list
 * of places in order and takes the first that stays inside the plot and
 * overlaps nothing taken; when none is free it takes the one that
 * overlaps least, so a label is never dropped silently. */
#include "chart_notes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text_flow.h"
#include "util.h"

#define NOTE_PT 8.5

static double pt(const NoteFrame *f, double size)
{
    return size * f->k;
}

void chart_notes_take(NoteFrame *f, NoteBox box)
{
    grow_array((void **)&f->taken, &f->cap_taken, f->n_taken + 1,
               sizeof *f->taken);
    f->taken[f->n_taken++] = box;
}

static double overlap(NoteBox a, NoteBox b)
{
    double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0);
    double h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
    return w > 0 && h > 0 ? w * h : 0;
}

/* How badly box sits: outside the plot counts as much as overlapping;
 * 0 is a free place. */
static double cost(const NoteFrame *f, NoteBox box)
{
    double area = (box.x1 - box.x0) * (box.y1 - box.y0);
    double c = area - overlap(box, f->plot);
    for (size_t i = 0; i < f->n_taken; i++)
        c += overlap(box, f->taken[i]);
    return c;
}

int chart_notes_overlap(const NoteFrame *f)
{
    for (size_t i = 0; i < f->n_taken; i++)
        for (size_t j = i + 1; j < f->n_taken; j++)
            if (f->taken[i].label && f->taken[j].label &&
                overlap(f->taken[i], f->taken[j]) > 0)
                return 1;
    return 0;
}

void chart_notes_free(NoteFrame *f)
{
    free(f->taken);
    f->taken = NULL;
    f->n_taken = f->cap_taken = 0;
}

static const char *label_of(const NoteFrame *f, const Annotation *a)
{
    return lang_text(f->lang, a->label);
}

/* The label cut with "…" to at most max_w. */
static void fit_text(const NoteFrame *f, const char *text, double size,
                     double max_w, char *buf, size_t bufsize)
{
    if (text_width(f->fs, text, FONT_REGULAR, size) <= max_w) {
        snprintf(buf, bufsize, "%s", text);
        return;
    }
    text_flow_fit(f->fs, text, FONT_REGULAR, size, max_w, buf, bufsize);
}

void chart_notes_shade(NoteFrame *f, const Annotation *notes, size_t n)
{
    Color shade = f->theme->ink_faint;
    shade.a = 0.12;
    int any = 0;
    for (size_t i = 0; i < n; i++) {
        const Annotation *a = &notes[i];
        if (a->kind != NOTE_RANGE)
            continue;
        if (!any++) {
            scene_group_begin(f->scene, "ranges");
            scene_clip_push(f->scene, f->plot.x0, f->plot.y0,
                            f->plot.x1 - f->plot.x0,
                            f->plot.y1 - f->plot.y0);
        }
        double x0 = scale_map(f->xs, (double)a->d0);
        double x1 = scale_map(f->xs, (double)a->d1);
        scene_add_rect(f->scene, x0, f->plot.y0, fmax(x1 - x0, pt(f, 1.5)),
                       f->plot.y1 - f->plot.y0, shade);
    }
    if (any) {
        scene_clip_pop(f->scene);
        scene_group_end(f->scene);
    }
}

/* A text placed with its box: x is its start (ANCHOR_START). */
typedef struct {
    double x, base;
    NoteBox box;
} Place;

static Place place_at(const NoteFrame *f, double x, double top, double w,
                      double size)
{
    double asc = text_ascent(f->fs, size), desc = text_descent(f->fs, size);
    double pad = pt(f, 2);
    return (Place){x, top + asc,
                   {x - pad, top - pad, x + w + pad, top + asc + desc + pad,
                    1}};
}

/* The first free place of n, else the least bad. */
static Place best_place(const NoteFrame *f, const Place *cand, size_t n)
{
    size_t best = 0;
    double best_cost = INFINITY;
    for (size_t i = 0; i < n; i++) {
        double c = cost(f, cand[i].box);
        if (c <= 0)
            return cand[i];
        if (c < best_cost) {
            best_cost = c;
            best = i;
        }
    }
    return cand[best];
}

static void draw_text(NoteFrame *f, Place p, const char *text, double size,
                      Color c)
{
    /* A halo of paper: where no free place was left, the text still
     * reads over a line. */
    Color halo = f->theme->paper;
    halo.a = 0.8;
    scene_add_rect(f->scene, p.box.x0, p.box.y0, p.box.x1 - p.box.x0,
                   p.box.y1 - p.box.y0, halo);
    scene_add_text(f->scene, p.x, p.base, text, size, FONT_REGULAR,
                   ANCHOR_START, 0, c);
    chart_notes_take(f, p.box);
}

/* A range's label: inside its band near the top, in the first of four
 * rows that is free, else just right of the band. */
static void draw_range_label(NoteFrame *f, const Annotation *a)
{
    if (!a->label[0])
        return;
    double size = pt(f, NOTE_PT);
    double row = text_ascent(f->fs, size) + text_descent(f->fs, size) +
                 pt(f, 5);
    char text[NOTE_LABEL_MAX + 8];
    fit_text(f, label_of(f, a), size, (f->plot.x1 - f->plot.x0) * 0.35, text,
             sizeof text);
    double w = text_width(f->fs, text, FONT_REGULAR, size);
    double x0 = fmax(scale_map(f->xs, (double)a->d0), f->plot.x0) + pt(f, 4);
    if (x0 + w > f->plot.x1)
        x0 = f->plot.x1 - w - pt(f, 4);
    Place cand[8];
    for (int r = 0; r < 4; r++)
        cand[r] = place_at(f, x0, f->plot.y0 + pt(f, 4) + r * row, w, size);
    for (int r = 0; r < 4; r++)
        cand[4 + r] = place_at(f, x0, f->plot.y1 - pt(f, 6) - (r + 1) * row,
                               w, size);
    draw_text(f, best_place(f, cand, 8), text, size, f->theme->ink_soft);
}

/* A reference line across the plot, dashed, its label above it at the
 * right end (or below, or at the left end, whichever is free). */
static void draw_hline(NoteFrame *f, const Annotation *a)
{
    double y = scale_map(f->ys, a->value);
    if (!isfinite(y) || y < f->plot.y0 - 0.5 || y > f->plot.y1 + 0.5)
        return;
    const double dash[2] = {pt(f, 4), pt(f, 3)};
    scene_add_line(f->scene, f->plot.x0, y, f->plot.x1, y, f->theme->ink_soft,
                   pt(f, 1), dash, 2);
    if (!a->label[0])
        return;
    double size = pt(f, NOTE_PT);
    char text[NOTE_LABEL_MAX + 8];
    fit_text(f, label_of(f, a), size, (f->plot.x1 - f->plot.x0) * 0.45, text,
             sizeof text);
    double w = text_width(f->fs, text, FONT_REGULAR, size);
    double h = text_ascent(f->fs, size) + text_descent(f->fs, size);
    double right = f->plot.x1 - w - pt(f, 4), left = f->plot.x0 + pt(f, 4);
    double above = y - h - pt(f, 3), below = y + pt(f, 3);
    Place cand[6] = {place_at(f, right, above, w, size),
                     place_at(f, right, below, w, size),
                     place_at(f, left, above, w, size),
                     place_at(f, left, below, w, size),
                     place_at(f, (left + right) / 2, above, w, size),
                     place_at(f, (left + right) / 2, below, w, size)};
    draw_text(f, best_place(f, cand, 6), text, size, f->theme->ink_soft);
}

/* The point of box nearest (x, y): where a leader line ends. */
static void nearest_on(NoteBox b, double x, double y, double *ox, double *oy)
{
    *ox = fmin(fmax(x, b.x0), b.x1);
    *oy = fmin(fmax(y, b.y0), b.y1);
}

/* A callout: a small ring at its point, the text in the first free of
 * eight directions at three distances, and a leader line between. */
static void draw_callout(NoteFrame *f, const Annotation *a)
{
    double px = scale_map(f->xs, (double)a->d0);
    double py = scale_map(f->ys, a->value);
    if (!isfinite(px) || !isfinite(py))
        return;
    double size = pt(f, NOTE_PT + 0.5);
    char text[NOTE_LABEL_MAX + 8];
    fit_text(f, label_of(f, a), size, (f->plot.x1 - f->plot.x0) * 0.4, text,
             sizeof text);
    double w = text_width(f->fs, text, FONT_REGULAR, size);
    double h = text_ascent(f->fs, size) + text_descent(f->fs, size);
    static const double dirs[8][2] = {{1, -1}, {-1, -1}, {1, 1}, {-1, 1},
                                      {0, -1}, {0, 1},   {1, 0}, {-1, 0}};
    static const double dist[3] = {18, 34, 56};
    Place cand[24];
    size_t n = 0;
    for (int d = 0; d < 3; d++)
        for (int k = 0; k < 8; k++) {
            double dx = dirs[k][0] * pt(f, dist[d]);
            double dy = dirs[k][1] * pt(f, dist[d]) * 0.7;
            /* The text's box sits on the side it moved to. */
            double x = dirs[k][0] > 0   ? px + dx
                       : dirs[k][0] < 0 ? px + dx - w
                                        : px - w / 2;
            double top = dirs[k][1] < 0   ? py + dy - h
                         : dirs[k][1] > 0 ? py + dy
                                          : py - h / 2;
            cand[n++] = place_at(f, x, top, w, size);
        }
    Place p = best_place(f, cand, n);
    double ex, ey;
    nearest_on(p.box, px, py, &ex, &ey);
    scene_add_line(f->scene, px, py, ex, ey, f->theme->ink_soft, pt(f, 0.8),
                   NULL, 0);
    /* A ring around the point, open, so the data marker shows through. */
    Color none = f->theme->paper;
    none.a = 0;
    scene_add_circle(f->scene, px, py, pt(f, 5), none, f->theme->ink,
                     pt(f, 1));
    draw_text(f, p, text, size, f->theme->ink);
    chart_notes_take(f, (NoteBox){px - pt(f, 4), py - pt(f, 4), px + pt(f, 4),
                                  py + pt(f, 4), 0});
}

void chart_notes_point_label(NoteFrame *f, double px, double py,
                             const char *text, double size, Color c)
{
    double w = text_width(f->fs, text, FONT_REGULAR, size);
    double h = text_ascent(f->fs, size) + text_descent(f->fs, size);
    Place cand[12];
    size_t n = 0;
    for (int far = 0; far < 2; far++) {
        double gap = pt(f, far ? 14 : 6);
        cand[n++] = place_at(f, px + gap, py - h / 2, w, size);
        cand[n++] = place_at(f, px - gap - w, py - h / 2, w, size);
        cand[n++] = place_at(f, px - w / 2, py - gap - h, w, size);
        cand[n++] = place_at(f, px - w / 2, py + gap, w, size);
        cand[n++] = place_at(f, px + gap, py - gap - h, w, size);
        cand[n++] = place_at(f, px + gap, py + gap, w, size);
    }
    /* Keep inside the plot: a place off its edge is not a place. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (cand[i].box.x0 >= f->plot.x0 && cand[i].box.x1 <= f->plot.x1 &&
            cand[i].box.y0 >= f->plot.y0 && cand[i].box.y1 <= f->plot.y1)
            cand[kept++] = cand[i];
    if (kept == 0)
        cand[kept++] = place_at(f, px + pt(f, 6), py - h / 2, w, size);
    draw_text(f, best_place(f, cand, kept), text, size, c);
}

void chart_notes_draw(NoteFrame *f, const Annotation *notes, size_t n)
{
    if (n == 0)
        return;
    scene_group_begin(f->scene, "annotations");
    for (size_t i = 0; i < n; i++)
        if (notes[i].kind == NOTE_RANGE)
            draw_range_label(f, &notes[i]);
    for (size_t i = 0; i < n; i++)
        if (notes[i].kind == NOTE_HLINE)
            draw_hline(f, &notes[i]);
    for (size_t i = 0; i < n; i++)
        if (notes[i].kind == NOTE_CALLOUT)
            draw_callout(f, &notes[i]);
    scene_group_end(f->scene);
}
