/* render_cairo.c - scene to PNG or single-chart PDF through cairo; SVG
 * is handed to render_svg.
 *
 * Text never goes through cairo's toy API (no font fallback there): each
 * string is split into runs by text.c and every glyph is placed at the pen
 * position text.c measured, so drawn width == measured width and anchors
 * are exact in every format. */
#include "render_cairo.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include "clip.h"
#include "fsutil.h"
#include "pngenc.h"
#include "raster_lines.h"
#include "render_svg.h"
#include "scene_walk.h"
#include "util.h"
#include "version.h"

#define PI 3.14159265358979323846

/* cairo's image surfaces are limited to 32767 pixels a side. */
#define MAX_PIXELS 32767.0
/* And a PNG to 100 million pixels in all (400 MB of ARGB while drawing;
 * 10000x10000, a 1920x1080 chart at scale 5): past that a typo in --size
 * or --scale would ask for gigabytes. */
#define MAX_AREA 100e6

/* Font faces for one render: FACE_COUNT plain ones plus an emboldened CJK
 * face for bold runs (WenQuanYi Zen Hei has no bold cut). */
typedef struct {
    cairo_font_face_t *face[FACE_COUNT];
    cairo_font_face_t *cjk_bold;
} FaceSet;

static cairo_status_t write_to_buf(void *closure, const unsigned char *data,
                                   unsigned int length)
{
    bytebuf_append(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

/* cairo opens its own FT_Face from file and index instead of borrowing the
 * FontStack's: cairo keeps font faces in caches that outlive this call
 * (and the FontStack), and a borrowed FT_Face would be used after
 * fontstack_destroy freed it. Glyph indices are the same, being a property
 * of the file. */
static cairo_font_face_t *face_from_file(const char *file, int index,
                                         int embolden)
{
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return NULL;
    FcPatternAddString(pat, FC_FILE, (const FcChar8 *)file);
    FcPatternAddInteger(pat, FC_INDEX, index);
    /* Emboldening through the pattern, not cairo_ft_font_face_set_synthesize:
     * cairo hands out one shared font face per file and options, so setting
     * it afterwards would embolden the regular CJK text too. */
    FcPatternAddBool(pat, FC_EMBOLDEN, embolden ? FcTrue : FcFalse);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(pat);
    FcPatternDestroy(pat);
    return face;
}

static int faces_create(FaceSet *faces, const FontStack *fs, Error *err)
{
    memset(faces, 0, sizeof *faces);
    for (int id = 0; id <= FACE_COUNT; id++) {
        int index;
        FaceId fid = id == FACE_COUNT ? FACE_CJK : (FaceId)id;
        const char *file = fontstack_file(fs, fid, &index);
        cairo_font_face_t *face = face_from_file(file, index, id == FACE_COUNT);
        if (id == FACE_COUNT)
            faces->cjk_bold = face;
        else
            faces->face[id] = face;
        if (!face || cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
            char fds[128];
            const char *why = fsutil_descriptor_shortage(fds, sizeof fds);
            if (!why)
                why = face ? cairo_status_to_string(cairo_font_face_status(face))
                           : "out of memory";
            error_set(err, ERR_RENDER, file, 0, 0,
                      "cairo cannot use this font: %s", why);
            return -1;
        }
    }
    return 0;
}

static void faces_destroy(FaceSet *faces)
{
    for (int id = 0; id < FACE_COUNT; id++)
        if (faces->face[id])
            cairo_font_face_destroy(faces->face[id]);
    if (faces->cjk_bold)
        cairo_font_face_destroy(faces->cjk_bold);
}

static void set_color(cairo_t *cr, Color c)
{
    cairo_set_source_rgba(cr, c.r, c.g, c.b, c.a);
}

static void append_path(cairo_t *cr, const Scene *scene, const SceneOp *op)
{
    PathWalk walk;
    PathVerb verb;
    Point p;
    cairo_new_path(cr);
    scene_path_walk(scene, op, &walk);
    while (path_walk_next(&walk, &verb, &p)) {
        if (verb == PATH_CLOSE)
            cairo_close_path(cr);
        else if (verb == PATH_MOVE)
            cairo_move_to(cr, p.x, p.y);
        else
            cairo_line_to(cr, p.x, p.y);
    }
}

static void draw_stroke(cairo_t *cr, const Scene *scene, const SceneOp *op)
{
    if (op->line_width <= 0 || op->stroke.a <= 0)
        return;
    append_path(cr, scene, op);
    set_color(cr, op->stroke);
    cairo_set_line_width(cr, op->line_width);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_dash(cr, op->dash, op->n_dash, 0);
    cairo_stroke(cr);
}

static void draw_fill(cairo_t *cr, const Scene *scene, const SceneOp *op)
{
    if (op->fill.a <= 0)
        return;
    append_path(cr, scene, op);
    set_color(cr, op->fill);
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
    cairo_fill(cr);
}

/* A disk of radius r, filled. */
static void fill_disk(cairo_t *cr, double x, double y, double r, Color c)
{
    cairo_new_path(cr);
    cairo_arc(cr, x, y, r, 0, 2 * PI);
    cairo_close_path(cr);
    set_color(cr, c);
    cairo_fill(cr);
}

/* raster: drawing to pixels, where an opaque ring over an opaque fill is
 * drawn as two disks, the outer one in the ring's colour: the same pixels
 * up to antialiasing rounding (no channel off by more than 16/255), for
 * two fills instead of a fill and a stroke, cairo's stroker being the
 * dearer. Measured: 7% off the time of a chart with 24000 markers. */
static void draw_circle(cairo_t *cr, const SceneOp *op, int raster)
{
    int ring = op->line_width > 0 && op->stroke.a > 0;
    if (raster && ring && op->stroke.a >= 1 && op->fill.a >= 1) {
        fill_disk(cr, op->x, op->y, op->r + op->line_width / 2, op->stroke);
        if (op->r > op->line_width / 2)
            fill_disk(cr, op->x, op->y, op->r - op->line_width / 2, op->fill);
        return;
    }
    cairo_new_path(cr);
    cairo_arc(cr, op->x, op->y, op->r, 0, 2 * PI);
    cairo_close_path(cr);
    if (op->fill.a > 0) {
        set_color(cr, op->fill);
        cairo_fill_preserve(cr);
    }
    if (ring) {
        set_color(cr, op->stroke);
        cairo_set_line_width(cr, op->line_width);
        cairo_set_dash(cr, NULL, 0, 0);
        cairo_stroke_preserve(cr);
    }
    cairo_new_path(cr);
}

/* The pixels of the image surface cr draws on, flushed for writing
 * behind cairo's back (the writer marks the surface dirty after). */
typedef struct {
    cairo_surface_t *surface;
    unsigned char *data;
    int width, height, stride;
} TargetPixels;

static int target_pixels(cairo_t *cr, TargetPixels *t)
{
    t->surface = cairo_get_target(cr);
    cairo_surface_flush(t->surface);
    t->data = cairo_image_surface_get_data(t->surface);
    t->width = cairo_image_surface_get_width(t->surface);
    t->height = cairo_image_surface_get_height(t->surface);
    t->stride = cairo_image_surface_get_stride(t->surface);
    return t->data ? 0 : -1;
}

/* ---- markers in PNG: cairo once per look, then copied ---- */

/* Sub-pixel positions a marker is drawn at, per axis: a marker lands at
 * most 1/8 pixel from where cairo would put it. */
#define SPRITE_STEPS 4
#define MAX_SPRITES 512

/* One marker look (colours, radius, ring) at one sub-pixel position,
 * drawn by cairo into a small image. cairo's fill of a small disk costs
 * some 50000 instructions (the arc's polygon, then scan conversion): a
 * chart's 240 markers were a tenth of a report. */
typedef struct {
    Color fill, stroke;
    double r, line_width, scale;
    int sx, sy;
    int pad;                  /* centre at (pad + sx/STEPS, pad + sy/STEPS) */
    cairo_surface_t *image;
} Sprite;

typedef struct {
    Sprite *items;
    size_t n;
} SpriteCache;

static int same_look(const Sprite *s, const SceneOp *op, double scale, int sx,
                     int sy)
{
    return s->sx == sx && s->sy == sy && s->r == op->r &&
           s->line_width == op->line_width && s->scale == scale &&
           color_equal(s->fill, op->fill) &&
           color_equal(s->stroke, op->stroke);
}

/* The sprite for op at sub-pixel step (sx, sy), drawn on first use; NULL
 * when the cache is full or cairo fails (the caller draws directly). */
static const Sprite *sprite_for(SpriteCache *cache, const SceneOp *op,
                                double scale, int sx, int sy)
{
    for (size_t i = 0; i < cache->n; i++)
        if (same_look(&cache->items[i], op, scale, sx, sy))
            return &cache->items[i];
    if (cache->n == MAX_SPRITES)
        return NULL;
    double reach = (op->r + fmax(op->line_width, 0) / 2) * scale;
    int pad = (int)ceil(reach) + 1;
    cairo_surface_t *image = cairo_image_surface_create(
        CAIRO_FORMAT_ARGB32, 2 * pad + 2, 2 * pad + 2);
    cairo_t *cr = cairo_create(image);
    cairo_translate(cr, pad + (double)sx / SPRITE_STEPS,
                    pad + (double)sy / SPRITE_STEPS);
    cairo_scale(cr, scale, scale);
    SceneOp at_origin = *op;
    at_origin.x = at_origin.y = 0;
    draw_circle(cr, &at_origin, 1);
    cairo_status_t status = cairo_status(cr);
    cairo_destroy(cr);
    cairo_surface_flush(image);
    if (status != CAIRO_STATUS_SUCCESS ||
        cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
        cairo_surface_destroy(image);
        return NULL;
    }
    if (!cache->items)
        cache->items = xmalloc_array(MAX_SPRITES, sizeof *cache->items);
    cache->items[cache->n] = (Sprite){op->fill, op->stroke, op->r,
                                      op->line_width, scale, sx, sy, pad,
                                      image};
    return &cache->items[cache->n++];
}

static void sprites_free(SpriteCache *cache)
{
    for (size_t i = 0; i < cache->n; i++)
        cairo_surface_destroy(cache->items[i].image);
    free(cache->items);
}

/* Fraction of pixel [p, p + 1] inside [lo, hi]. */
static double inside(double p, double lo, double hi)
{
    double a = fmax(p, lo), b = fmin(p + 1, hi);
    return b > a ? fmin(b - a, 1) : 0;
}

/* A marker (OP_CIRCLE) copied from its sprite into the image surface,
 * inside clip (device pixels); returns 0 to leave it to cairo. */
static int draw_marker(cairo_t *cr, SpriteCache *cache, const SceneOp *op,
                       double scale, const ClipStack *cs)
{
    const PixelClip *clip = clip_stack_top(cs);
    double cx = op->x * scale, cy = op->y * scale;
    if (!clip || !isfinite(cx) || !isfinite(cy) || !(op->r > 0) ||
        !(op->r * scale < 64) || fabs(cx) > 1e6 || fabs(cy) > 1e6)
        return 0;
    long ix = (long)floor(cx), iy = (long)floor(cy);
    int sx = (int)lround((cx - (double)ix) * SPRITE_STEPS);
    int sy = (int)lround((cy - (double)iy) * SPRITE_STEPS);
    if (sx == SPRITE_STEPS) {
        sx = 0;
        ix++;
    }
    if (sy == SPRITE_STEPS) {
        sy = 0;
        iy++;
    }
    const Sprite *s = sprite_for(cache, op, scale, sx, sy);
    if (!s)
        return 0;
    TargetPixels t;
    if (target_pixels(cr, &t) != 0)
        return 0;
    const unsigned char *sdata = cairo_image_surface_get_data(s->image);
    int ssize = cairo_image_surface_get_width(s->image);
    int sstride = cairo_image_surface_get_stride(s->image);
    for (int v = 0; v < ssize; v++) {
        long y = iy - s->pad + v;
        double wy = y >= 0 && y < t.height
                        ? inside((double)y, clip->y0, clip->y1)
                        : 0;
        if (wy <= 0)
            continue;
        const uint32_t *src =
            (const uint32_t *)(const void *)(sdata + (size_t)v * sstride);
        uint32_t *row = (uint32_t *)(void *)(t.data + (size_t)y * t.stride);
        for (int u = 0; u < ssize; u++) {
            long x = ix - s->pad + u;
            if (src[u] == 0 || x < 0 || x >= t.width)
                continue;
            double w = wy * inside((double)x, clip->x0, clip->x1);
            if (w > 0)
                raster_over(&row[x], src[u],
                            w >= 1 ? 256 : (uint32_t)(w * 256 + 0.5));
        }
    }
    cairo_surface_mark_dirty(t.surface);
    return 1;
}

/* Draws one run with its pen at x0 on the baseline y = 0. The text goes
 * along as clusters (one per character, re-encoded so invalid bytes become
 * U+FFFD) so PDF viewers can search and copy it. */
static void draw_run(cairo_t *cr, const FontStack *fs, const char *utf8,
                     const SceneOp *op, const TextRun *run, double x0,
                     TextGlyph *tg, cairo_glyph_t *glyphs,
                     cairo_text_cluster_t *clusters, char *text)
{
    size_t n = text_run_glyphs(fs, utf8, op->weight, run, op->font_size, tg,
                               run->len);
    size_t ng = 0, nc = 0, nb = 0;
    for (size_t i = 0; i < n; i++) {
        size_t bytes = utf8_encode(tg[i].codepoint, text + nb);
        nb += bytes;
        int drawn = tg[i].glyph != 0;
        if (drawn)
            glyphs[ng++] = (cairo_glyph_t){tg[i].glyph, x0 + tg[i].x, 0.0};
        clusters[nc++] = (cairo_text_cluster_t){(int)bytes, drawn};
    }
    if (ng == 0)
        return;
    cairo_show_text_glyphs(cr, text, (int)nb, glyphs, (int)ng, clusters,
                           (int)nc, 0);
}

static void draw_text(cairo_t *cr, const FontStack *fs, const FaceSet *faces,
                      const Scene *scene, const SceneOp *op)
{
    const char *utf8 = scene_op_text(scene, op);
    size_t len = strlen(utf8);
    if (len == 0 || op->font_size <= 0 || op->fill.a <= 0)
        return;
    TextRun stack_runs[16];
    TextRun *runs = stack_runs;
    size_t n = text_runs(fs, utf8, op->weight, op->font_size, runs, 16);
    if (n > 16) {
        runs = xmalloc_array(n, sizeof *runs);
        text_runs(fs, utf8, op->weight, op->font_size, runs, n);
    }
    double width = 0;
    for (size_t i = 0; i < n; i++)
        width += runs[i].width;
    double pen = op->anchor == ANCHOR_MIDDLE ? -width / 2
                 : op->anchor == ANCHOR_END  ? -width
                                             : 0.0;
    /* Scratch sized for the longest possible run: one entry per byte. */
    TextGlyph *tg = xmalloc_array(len, sizeof *tg);
    cairo_glyph_t *glyphs = xmalloc_array(len, sizeof *glyphs);
    cairo_text_cluster_t *clusters = xmalloc_array(len, sizeof *clusters);
    char *text = xmalloc_array(len, 4);

    cairo_save(cr);
    cairo_translate(cr, op->x, op->y);
    /* Scene angles turn counter-clockwise; cairo's y axis points down. */
    cairo_rotate(cr, -op->angle * PI / 180.0);
    set_color(cr, op->fill);
    cairo_set_font_size(cr, op->font_size);
    for (size_t i = 0; i < n; i++) {
        cairo_font_face_t *face = faces->face[runs[i].face];
        if (runs[i].face == FACE_CJK && op->weight == FONT_BOLD)
            face = faces->cjk_bold;
        cairo_set_font_face(cr, face);
        draw_run(cr, fs, utf8, op, &runs[i], pen, tg, glyphs, clusters, text);
        pen += runs[i].width;
    }
    cairo_restore(cr);

    free(text);
    free(clusters);
    free(glyphs);
    free(tg);
    if (runs != stack_runs)
        free(runs);
}

/* Dense solid polylines, from op i on, drawn by raster_lines into the
 * image surface, where cairo's stroker would take a hundred times as long;
 * returns how many consecutive ops it drew: 0 if op i is not one (or the
 * clip nests too deep to know), for cairo to draw. */
static size_t draw_dense_strokes(cairo_t *cr, const Scene *scene, size_t i,
                                 double scale, const ClipStack *cs)
{
    size_t points;
    const PixelClip *clip = clip_stack_top(cs);
    size_t n = clip ? raster_lines_run(scene, i, scale, 0, &points) : 0;
    if (n == 0)
        return 0;
    TargetPixels t;
    if (target_pixels(cr, &t) != 0)
        return 0;
    RasterImage image = {t.data, t.width, t.height, t.stride, RASTER_ARGB32};
    raster_lines_draw(scene, i, n, scale, 0, 0, *clip, &image);
    cairo_surface_mark_dirty(t.surface);
    return n;
}

/* In PDF, dense lines of one colour from op i on with
 * RASTER_LINES_IMAGE_POINTS vertices or more, drawn as one image over the
 * clip rectangle (scene units) at RASTER_LINES_IMAGE_SCALE; returns how
 * many ops that took, 0 when cairo should stroke op i. */
static size_t draw_dense_image(cairo_t *cr, const Scene *scene, size_t i,
                               const ClipStack *cs)
{
    LineImage li;
    size_t n = raster_lines_image(scene, i, cs, &li);
    if (!li.mask.pixels)
        return n;
    cairo_surface_t *mask = cairo_image_surface_create_for_data(
        li.mask.pixels, CAIRO_FORMAT_A8, li.mask.width, li.mask.height,
        li.mask.stride);
    cairo_save(cr);
    cairo_translate(cr, li.x, li.y);
    cairo_scale(cr, li.w / li.mask.width, li.h / li.mask.height);
    set_color(cr, li.ink);
    cairo_mask_surface(cr, mask, 0, 0);
    cairo_restore(cr);
    cairo_surface_destroy(mask);
    free(li.mask.pixels);
    return n;
}

/* raster: drawing to an image surface at scale pixels per scene unit. */
static void draw_scene(cairo_t *cr, const Scene *scene, const FontStack *fs,
                       const FaceSet *faces, int raster, double scale)
{
    if (scene->background.a > 0) {
        set_color(cr, scene->background);
        cairo_paint(cr);
    }
    SceneWalk walk;
    scene_walk_begin(&walk, scene, scale);
    const ClipStack *cs = &walk.clips;
    SpriteCache sprites = {0};
    const SceneOp *op;
    size_t i;
    while ((op = scene_walk_next(&walk, &i))) {
        switch (op->kind) {
        case OP_FILL:
            draw_fill(cr, scene, op);
            break;
        case OP_STROKE: {
            size_t dense = raster ? draw_dense_strokes(cr, scene, i, scale, cs)
                                  : draw_dense_image(cr, scene, i, cs);
            if (dense > 0)
                scene_walk_skip(&walk, dense - 1);
            else
                draw_stroke(cr, scene, op);
            break;
        }
        case OP_CIRCLE:
            if (!raster || !draw_marker(cr, &sprites, op, scale, cs))
                draw_circle(cr, op, raster);
            break;
        case OP_TEXT:
            draw_text(cr, fs, faces, scene, op);
            break;
        case OP_CLIP_PUSH:
            cairo_save(cr);
            cairo_new_path(cr);
            cairo_rectangle(cr, op->x, op->y, op->w, op->h);
            cairo_clip(cr);
            break;
        case OP_CLIP_POP:
            if (walk.popped)
                cairo_restore(cr);
            break;
        case OP_GROUP_BEGIN:
        case OP_GROUP_END:
            break;
        }
    }
    for (int k = scene_walk_open_clips(&walk); k > 0; k--)
        cairo_restore(cr);
    sprites_free(&sprites);
}

/* "2024-05-01T12:00:00Z" from SOURCE_DATE_EPOCH, or "" if it is unset or
 * not a plain non-negative integer. */
static void source_date(char *buf, size_t size)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    buf[0] = '\0';
    if (!env || !*env || strspn(env, "0123456789") != strlen(env))
        return;
    errno = 0;
    char *end;
    unsigned long long v = strtoull(env, &end, 10);
    if (errno != 0 || v > (unsigned long long)SOURCE_DATE_EPOCH_MAX)
        return;
    time_t t = (time_t)v;
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        return;
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static cairo_surface_t *surface_create(const Scene *scene,
                                       OutputFormat format, double scale,
                                       ByteBuf *out)
{
    switch (format) {
    case OUTPUT_PNG:
        return cairo_image_surface_create(
            CAIRO_FORMAT_ARGB32, (int)ceil(scene->width * scale - 1e-9),
            (int)ceil(scene->height * scale - 1e-9));
    case OUTPUT_SVG: /* render_svg's, never here */
        break;
    case OUTPUT_PDF: {
        cairo_surface_t *s = cairo_pdf_surface_create_for_stream(
            write_to_buf, out, scene->width, scene->height);
        char date[64];
        source_date(date, sizeof date);
        /* Without SOURCE_DATE_EPOCH, cairo would stamp the current time.
         * cairo 1.16 drops a date it cannot parse (its check allows only
         * "0123456789-T:Z+"), which leaves no CreationDate at all. It also
         * writes a parsed date without the "D:" prefix; poppler, qpdf and
         * Acrobat accept that. */
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
                                       date[0] ? date : "none");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
                                       "aigrowth");
        if (scene->info.title)
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
                                           scene->info.title);
        if (scene->info.description)
            cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
                                           scene->info.description);
        return s;
    }
    }
    return NULL;
}

static int check_size(const Scene *scene, OutputFormat format, double scale,
                      Error *err)
{
    if (scene_check_size(scene, err) != 0)
        return -1;
    if (format != OUTPUT_PNG)
        return 0;
    if (!(scale > 0) || !isfinite(scale)) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "scale %g is not a positive number; use e.g. --scale 2",
                  scale);
        return -1;
    }
    if (scene->width * scale > MAX_PIXELS ||
        scene->height * scale > MAX_PIXELS) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "a %gx%g chart at scale %g is %.0fx%.0f pixels, more than "
                  "the 32767 a side PNG output allows; lower the scale or "
                  "the size",
                  scene->width, scene->height, scale,
                  ceil(scene->width * scale), ceil(scene->height * scale));
        return -1;
    }
    double w = ceil(scene->width * scale - 1e-9);
    double h = ceil(scene->height * scale - 1e-9);
    if (w * h > MAX_AREA) {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "a %gx%g chart at scale %g is %.0fx%.0f pixels, more than "
                  "the 100 million pixels a PNG may have; lower the scale or "
                  "the size",
                  scene->width, scene->height, scale, w, h);
        return -1;
    }
    return 0;
}

/* PNG through pngenc rather than cairo_surface_write_to_png, which spends
 * most of a chart's time in libpng's filter search and zlib. Consumes the
 * surface's pixels: pngenc packs scanlines over them. The resolution is
 * 72 dpi times the scale, so slide and word-processing software place a
 * 2x image at the size of the 1x one; the scene's info goes into iTXt. */
static cairo_status_t write_png(cairo_surface_t *surface, const Scene *scene,
                                double scale, ByteBuf *out)
{
    cairo_surface_flush(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        return cairo_surface_status(surface);
    const SceneInfo *si = &scene->info;
    PngText text[4];
    size_t n = 0;
    if (si->title)
        text[n++] = (PngText){"Title", si->title};
    if (si->description)
        text[n++] = (PngText){"Description", si->description};
    if (si->source)
        text[n++] = (PngText){"Source", si->source};
    text[n++] = (PngText){"Software", "aigrowth " AIGROWTH_VERSION};
    PngMeta meta = {(unsigned long)lround(72.0 * scale / 0.0254), text, n};
    if (pngenc_argb32(cairo_image_surface_get_data(surface),
                      cairo_image_surface_get_width(surface),
                      cairo_image_surface_get_height(surface),
                      cairo_image_surface_get_stride(surface), PNGENC_LEVEL,
                      &meta, out) != 0)
        return CAIRO_STATUS_NO_MEMORY;
    return CAIRO_STATUS_SUCCESS;
}

int render_cairo(const Scene *scene, const FontStack *fs, OutputFormat format,
                 double scale, ByteBuf *out, Error *err)
{
    RenderOptions opt = {scale, SVG_TEXT_OUTLINES};
    return render_cairo_with(scene, fs, format, &opt, out, err);
}

int render_cairo_with(const Scene *scene, const FontStack *fs,
                      OutputFormat format, const RenderOptions *opt,
                      ByteBuf *out, Error *err)
{
    static const char *const names[] = {"PNG", "SVG", "PDF"};
    double scale = opt->scale;
    FaceSet faces;
    cairo_surface_t *surface = NULL;
    cairo_t *cr = NULL;
    cairo_status_t status;
    if (format == OUTPUT_SVG)
        return render_svg(scene, fs, opt->svg_text, out, err);
    if (check_size(scene, format, scale, err) != 0)
        return -1;
    if (faces_create(&faces, fs, err) != 0)
        goto fail;
    surface = surface_create(scene, format, scale, out);
    cr = cairo_create(surface);
    if (format == OUTPUT_PNG)
        cairo_scale(cr, scale, scale);

    /* Glyph positions come from text.c, so hinted metrics would only move
     * outlines away from them; unhinted outlines also match the PDF. */
    cairo_font_options_t *opts = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(opts, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr, opts);
    cairo_font_options_destroy(opts);

    draw_scene(cr, scene, fs, &faces, format == OUTPUT_PNG,
               format == OUTPUT_PNG ? scale : 1.0);

    /* cairo errors are sticky: one check after drawing sees the first. */
    status = cairo_status(cr);
    cairo_destroy(cr);
    cr = NULL;
    if (status == CAIRO_STATUS_SUCCESS && format == OUTPUT_PNG)
        status = write_png(surface, scene, scale, out);
    if (status == CAIRO_STATUS_SUCCESS) {
        cairo_surface_finish(surface); /* the PDF is written here */
        status = cairo_surface_status(surface);
    }
    if (status != CAIRO_STATUS_SUCCESS) {
        char fds[128];
        const char *why = status == CAIRO_STATUS_NO_MEMORY
                              ? fsutil_descriptor_shortage(fds, sizeof fds)
                              : NULL;
        error_set(err, ERR_RENDER, NULL, 0, 0, "cairo cannot draw the %s: %s",
                  names[format], why ? why : cairo_status_to_string(status));
        goto fail;
    }
    cairo_surface_destroy(surface);
    faces_destroy(&faces);
    return 0;
fail:
    if (cr)
        cairo_destroy(cr);
    if (surface)
        cairo_surface_destroy(surface);
    faces_destroy(&faces);
    return -1;
}

int render_cairo_file(const Scene *scene, const FontStack *fs,
                      const char *path, double scale, Error *err)
{
    RenderOptions opt = {scale, SVG_TEXT_OUTLINES};
    return render_cairo_file_with(scene, fs, path, &opt, err);
}

int render_cairo_file_with(const Scene *scene, const FontStack *fs,
                           const char *path, const RenderOptions *opt,
                           Error *err)
{
    char ext[16];
    OutputFormat format;
    fsutil_extension(path, ext, sizeof ext);
    if (strcmp(ext, "png") == 0)
        format = OUTPUT_PNG;
    else if (strcmp(ext, "svg") == 0)
        format = OUTPUT_SVG;
    else if (strcmp(ext, "pdf") == 0)
        format = OUTPUT_PDF;
    else {
        error_set(err, ERR_USAGE, NULL, 0, 0,
                  "cannot tell the output format from \"%s\"; use a .png, "
                  ".svg or .pdf file name",
                  path);
        return -1;
    }
    ByteBuf buf = {0};
    int rc = render_cairo_with(scene, fs, format, opt, &buf, err);
    if (rc == 0)
        rc = fsutil_write_atomic(path, buf.data, buf.len, err);
    bytebuf_free(&buf);
    return rc;
}
