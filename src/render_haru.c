/* render_haru.c - scene to vector content on a libharu PDF page.
 *
 * The whole scene is drawn under one transformation (uniform scale, then
 * the y flip done by hand), so line widths, dashes and font sizes stay in
 * scene units and libharu's own coordinates do the fitting. */
#include "render_haru.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytebuf.h"
#include "clip.h"
#include "format.h"
#include "raster_lines.h"
#include "render_haru_internals.h"
#include "scene_walk.h"
#include "fsutil.h"
#include "util.h"

/* One ExtGState per distinct (fill alpha, stroke alpha) pair, quantised to
 * 1/255: charts draw hundreds of translucent marks with a handful of
 * alphas, and each ExtGState is a PDF object. */
typedef struct {
    int fill, stroke; /* 0..255 */
    HPDF_ExtGState gs;
} AlphaState;

typedef struct {
    AlphaState *items;
    size_t n, cap;
} AlphaCache;

/* Faces are embedded on first use: the CJK face is a 17 MB TrueType
 * collection whose tables libharu copies and deflates, so a report with no
 * CJK text must not pay for it. */
typedef struct {
    HPDF_Font font[FACE_COUNT];
} FontCache;

struct HaruFonts {
    HPDF_Doc doc;
    const FontStack *fs;
    /* Mutable behind the const HaruFonts * that render_haru_scene gets:
       the caches belong to the document. */
    FontCache *fonts;
    AlphaCache *alpha;
};

/* Records libharu's sticky error (if any) into err; returns -1 then. */
static int haru_failed(HPDF_Doc doc, Error *err, const char *what)
{
    HPDF_STATUS no = HPDF_GetError(doc);
    if (no == HPDF_OK)
        return 0;
    error_set(err, ERR_RENDER, NULL, 0, 0,
              "libharu error 0x%04lX (detail %lu) while %s",
              (unsigned long)no, (unsigned long)HPDF_GetErrorDetail(doc),
              what);
    return -1;
}

/* Embeds face f (or finds it embedded already, under another face id
 * sharing its file) and returns it; NULL with libharu's error recorded in
 * the document when the font cannot be embedded. */
static HPDF_Font face_font(const HaruFonts *hf, FaceId f)
{
    HPDF_Font *font = hf->fonts->font;
    if (font[f])
        return font[f];
    int index = 0;
    const char *file = fontstack_file(hf->fs, f, &index);
    /* The fallback stack may name one file twice (DejaVu for every face);
       libharu refuses to load a font twice, so share it. */
    for (int g = 0; g < FACE_COUNT; g++) {
        int gi = 0;
        const char *gfile = fontstack_file(hf->fs, (FaceId)g, &gi);
        if (g != (int)f && font[g] && gi == index && strcmp(gfile, file) == 0)
            return font[f] = font[g];
    }
    size_t n = strlen(file);
    int ttc = n > 4 && ascii_casecmp(file + n - 4, ".ttc") == 0;
    const char *name =
        ttc ? HPDF_LoadTTFontFromFile2(hf->doc, file, (HPDF_UINT)index,
                                       HPDF_TRUE)
            : HPDF_LoadTTFontFromFile(hf->doc, file, HPDF_TRUE);
    if (!name)
        return NULL;
    HPDF_Font loaded = HPDF_GetFont(hf->doc, name, "UTF-8");
    if (!loaded || haru_font_fix_to_unicode(loaded) != 0)
        return NULL;
    return font[f] = loaded;
}

HaruFonts *haru_fonts_load(HPDF_Doc doc, const FontStack *fs, Error *err)
{
    HaruFonts *hf = xcalloc(1, sizeof *hf);
    hf->doc = doc;
    hf->fs = fs;
    hf->fonts = xcalloc(1, sizeof *hf->fonts);
    hf->alpha = xcalloc(1, sizeof *hf->alpha);
    if (HPDF_UseUTFEncodings(doc) != HPDF_OK ||
        HPDF_SetCurrentEncoder(doc, "UTF-8") != HPDF_OK) {
        haru_failed(doc, err, "loading fonts");
        haru_fonts_destroy(hf);
        return NULL;
    }
    return hf;
}

void haru_fonts_destroy(HaruFonts *hf)
{
    if (!hf)
        return;
    free(hf->alpha->items);
    free(hf->alpha);
    free(hf->fonts);
    free(hf);
}

static int alpha_byte(double a)
{
    if (!(a > 0)) /* also NaN */
        return 0;
    return a >= 1 ? 255 : (int)lround(a * 255);
}

/* The cached ExtGState for this alpha pair, or NULL on libharu error. */
static HPDF_ExtGState alpha_state(const HaruFonts *hf, int fill, int stroke)
{
    AlphaCache *c = hf->alpha;
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].fill == fill && c->items[i].stroke == stroke)
            return c->items[i].gs;
    HPDF_ExtGState gs = HPDF_CreateExtGState(hf->doc);
    if (!gs || HPDF_ExtGState_SetAlphaFill(gs, (HPDF_REAL)(fill / 255.0)) !=
                   HPDF_OK ||
        HPDF_ExtGState_SetAlphaStroke(gs, (HPDF_REAL)(stroke / 255.0)) !=
            HPDF_OK)
        return NULL;
    grow_array((void **)&c->items, &c->cap, c->n + 1, sizeof *c->items);
    c->items[c->n++] = (AlphaState){fill, stroke, gs};
    return gs;
}

/* Drawing state for one scene: the page, and the scene height for the
 * y flip (scene y down -> local y up). */
/* The colours and line width the page's graphics state holds, so an op
 * that sets what is already set writes nothing: a chart's markers set the
 * same three values hundreds of times, and every byte of a page's content
 * is deflated. Forgotten at each Q (GRestore), which brings back older
 * values. */
typedef struct {
    int have_fill, have_stroke, have_width;
    Color fill, stroke;
    double width;
} PageState;

typedef struct {
    HPDF_Page page;
    const Scene *scene;
    const FontStack *fs;
    const HaruFonts *hf;
    double height;
    Error *err;
    PageState *gs;
    ByteBuf *raw;           /* operators on their way to the page */
} Ctx;

/* ---- raw page content ----
 * libharu formats each operator through a zeroed scratch buffer and its
 * own float printing: a report's paths, markers and colours were a third
 * of the PDF's work. Those operators are written to the page's content
 * stream directly, a whole path at a time, in page-description mode before
 * and after, as libharu's own operators (text, clips, states) expect. */

/* v with at most three decimals, trailing zeros dropped. */
static void raw_num(ByteBuf *b, double v)
{
    char tmp[FORMAT_DECIMAL_MAX];
    if (!(fabs(v) <= 1e12))
        v = 0; /* PDF numbers have no exponent; no page comes near */
    bytebuf_append(b, tmp, format_decimal(tmp, v, 3));
    bytebuf_append(b, " ", 1);
}

static void raw_op(ByteBuf *b, const char *op)
{
    bytebuf_append(b, op, strlen(op));
    bytebuf_append(b, "\n", 1);
}

/* Sends what is pending to the page's content stream. */
static void raw_flush(const Ctx *c)
{
    if (c->raw->len == 0)
        return;
    haru_page_write_raw(c->page, c->raw->data, c->raw->len);
    c->raw->len = 0;
}

static int same_rgb(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* GRestore, and forget what the state held. */
static void restore(const Ctx *c)
{
    HPDF_Page_GRestore(c->page);
    memset(c->gs, 0, sizeof *c->gs);
}

static void set_width(const Ctx *c, double w)
{
    if (c->gs->have_width && c->gs->width == w)
        return;
    raw_num(c->raw, w);
    raw_op(c->raw, "w");
    raw_flush(c);
    c->gs->have_width = 1;
    c->gs->width = w;
}

static double fy(const Ctx *c, double y)
{
    return c->height - y;
}

/* Wraps an op needing alpha in q ... Q with its ExtGState; returns 1 when
 * a GSave was made (the caller restores), 0 when opaque, -1 on error. */
static int alpha_begin(const Ctx *c, double fill_a, double stroke_a)
{
    int fa = alpha_byte(fill_a), sa = alpha_byte(stroke_a);
    if (fa == 255 && sa == 255)
        return 0;
    HPDF_ExtGState gs = alpha_state(c->hf, fa, sa);
    if (!gs || HPDF_Page_GSave(c->page) != HPDF_OK ||
        HPDF_Page_SetExtGState(c->page, gs) != HPDF_OK)
        return -1;
    return 1;
}

/* Appends the op's path with coordinates multiplied by k (see
 * draw_stroke) to the pending operators. Returns 0 when nothing was
 * emitted (empty path). */
static int emit_path(const Ctx *c, const SceneOp *op, double k)
{
    PathWalk walk;
    PathVerb verb;
    Point p;
    int open = 0;
    scene_path_walk(c->scene, op, &walk);
    while (path_walk_next(&walk, &verb, &p)) {
        if (verb == PATH_CLOSE) {
            if (open)
                raw_op(c->raw, "h");
            continue;
        }
        raw_num(c->raw, p.x * k);
        raw_num(c->raw, fy(c, p.y) * k);
        /* A LINE with no current point starts the path. */
        raw_op(c->raw, verb == PATH_MOVE || !open ? "m" : "l");
        open = 1;
    }
    return open;
}

static void raw_rgb(const Ctx *c, Color col, const char *op)
{
    raw_num(c->raw, col.r < 0 ? 0 : col.r > 1 ? 1 : col.r);
    raw_num(c->raw, col.g < 0 ? 0 : col.g > 1 ? 1 : col.g);
    raw_num(c->raw, col.b < 0 ? 0 : col.b > 1 ? 1 : col.b);
    raw_op(c->raw, op);
}

static void set_fill(const Ctx *c, Color col)
{
    if (c->gs->have_fill && same_rgb(c->gs->fill, col))
        return;
    raw_rgb(c, col, "rg");
    raw_flush(c);
    c->gs->have_fill = 1;
    c->gs->fill = col;
}

static void set_stroke(const Ctx *c, Color col)
{
    if (c->gs->have_stroke && same_rgb(c->gs->stroke, col))
        return;
    raw_rgb(c, col, "RG");
    raw_flush(c);
    c->gs->have_stroke = 1;
    c->gs->stroke = col;
}

static int draw_fill(const Ctx *c, const SceneOp *op)
{
    if (op->fill.a <= 0 || op->n_verbs == 0)
        return 0;
    int saved = alpha_begin(c, op->fill.a, 1);
    if (saved < 0)
        return -1;
    set_fill(c, op->fill);
    if (emit_path(c, op, 1))
        raw_op(c->raw, "f");
    raw_flush(c);
    if (saved)
        restore(c);
    return 0;
}

/* libharu 2.3.0 takes dash lengths as integers 1..100. To keep fractional
 * dashes (and dashes scaled down to fit the page) exact, a dashed stroke
 * is drawn in a space magnified by k: the path is multiplied by k, the
 * CTM divided by k, and the dash lengths * k rounded, so the rounding
 * error is at most 0.5/k scene units. */
static int draw_stroke(const Ctx *c, const SceneOp *op)
{
    if (op->stroke.a <= 0 || op->line_width <= 0 || op->n_verbs == 0)
        return 0;
    int saved = alpha_begin(c, 1, op->stroke.a);
    if (saved < 0)
        return -1;
    double k = 1;
    int dashed = op->n_dash > 0;
    if (dashed) {
        double longest = 0;
        for (int i = 0; i < op->n_dash; i++)
            longest = fmax(longest, op->dash[i]);
        dashed = longest > 0;
        if (dashed)
            k = fmin(16, 100 / longest);
    }
    if (dashed) {
        if (!saved)
            HPDF_Page_GSave(c->page);
        HPDF_Page_Concat(c->page, (HPDF_REAL)(1 / k), 0, 0,
                         (HPDF_REAL)(1 / k), 0, 0);
        /* An odd-length array means the pattern repeated (PDF 8.4.3.6);
           libharu accepts only even counts above one. */
        HPDF_UINT16 ptn[8];
        int n = op->n_dash % 2 ? op->n_dash * 2 : op->n_dash;
        for (int i = 0; i < n; i++) {
            long v = lround(op->dash[i % op->n_dash] * k);
            ptn[i] = (HPDF_UINT16)(v < 1 ? 1 : v > 100 ? 100 : v);
        }
        HPDF_Page_SetDash(c->page, ptn, (HPDF_UINT)n, 0);
    }
    set_stroke(c, op->stroke);
    set_width(c, op->line_width * k);
    if (emit_path(c, op, k))
        raw_op(c->raw, "S");
    raw_flush(c);
    if (saved || dashed)
        restore(c);
    return 0;
}

/* A round-capped stroke of zero length, width d: a disk of diameter d
 * (PDF 32000-1, 8.5.3.2), in 4 numbers where a circle takes 26. */
static void dot(const Ctx *c, double x, double y, double d, Color col)
{
    set_stroke(c, col);
    set_width(c, d);
    raw_num(c->raw, x);
    raw_num(c->raw, y);
    raw_op(c->raw, "m");
    raw_num(c->raw, x);
    raw_num(c->raw, y);
    raw_op(c->raw, "l S");
    raw_flush(c);
}

static int draw_circle(const Ctx *c, const SceneOp *op)
{
    int fill = op->fill.a > 0;
    int stroke = op->stroke.a > 0 && op->line_width > 0;
    if ((!fill && !stroke) || !(op->r > 0))
        return 0;
    double y = fy(c, op->y);
    /* An opaque marker, the usual one: its ring as a wider disk under its
       fill (the page's line cap is round). */
    if (op->fill.a >= 1 && (!stroke || op->stroke.a >= 1)) {
        if (stroke)
            dot(c, op->x, y, 2 * op->r + op->line_width, op->stroke);
        double inner = stroke ? 2 * op->r - op->line_width : 2 * op->r;
        if (inner > 0)
            dot(c, op->x, y, inner, op->fill);
        return 0;
    }
    int saved = alpha_begin(c, fill ? op->fill.a : 1,
                            stroke ? op->stroke.a : 1);
    if (saved < 0)
        return -1;
    if (fill)
        set_fill(c, op->fill);
    if (stroke) {
        set_stroke(c, op->stroke);
        set_width(c, op->line_width);
    }
    HPDF_Page_Circle(c->page, (HPDF_REAL)op->x, (HPDF_REAL)y,
                     (HPDF_REAL)op->r);
    if (fill && stroke)
        HPDF_Page_FillStroke(c->page);
    else if (fill)
        HPDF_Page_Fill(c->page);
    else
        HPDF_Page_Stroke(c->page);
    if (saved)
        restore(c);
    return 0;
}

/* Copies len bytes of UTF-8 into out (NUL-terminated), replacing each
 * malformed sequence by U+FFFD: libharu's UTF-8 parser reads past a
 * truncated sequence. out needs 3 * len + 1 bytes. */
static void utf8_sanitize(const char *s, size_t len, char *out)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    char *o = out;
    while (p < end) {
        unsigned char b = *p;
        size_t need = b < 0x80               ? 0
                      : b >= 0xc2 && b < 0xe0 ? 1
                      : b >= 0xe0 && b < 0xf0 ? 2
                      : b >= 0xf0 && b < 0xf5 ? 3
                                              : 99;
        size_t ok = need < 99 && (size_t)(end - p) > need;
        for (size_t i = 1; ok && i <= need; i++)
            ok = (p[i] & 0xc0) == 0x80;
        if (!ok) {
            memcpy(o, "\xef\xbf\xbd", 3);
            o += 3;
            p++;
            continue;
        }
        memcpy(o, p, need + 1);
        o += need + 1;
        p += need + 1;
    }
    *o = '\0';
}

/* Embeds the faces the runs use; on failure names the font in c->err,
 * unless an earlier libharu error (which would fail any load) is the
 * cause: the caller reports that one. */
static int embed_run_fonts(const Ctx *c, const TextRun *runs, size_t n)
{
    HPDF_Doc doc = c->hf->doc;
    if (HPDF_GetError(doc) != HPDF_OK)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (face_font(c->hf, runs[i].face))
            continue;
        int index;
        const char *file = fontstack_file(c->fs, runs[i].face, &index);
        char fds[128];
        const char *shortage = fsutil_descriptor_shortage(fds, sizeof fds);
        if (shortage)
            error_set(c->err, ERR_RENDER, file, 0, 0,
                      "libharu cannot open this font: %s", shortage);
        else
            error_set(c->err, ERR_RENDER, file, 0, 0,
                      "libharu cannot embed this font (error 0x%04lX, "
                      "detail %lu); it must be TrueType (glyf), not CFF",
                      (unsigned long)HPDF_GetError(doc),
                      (unsigned long)HPDF_GetErrorDetail(doc));
        return -1;
    }
    return 0;
}

static int has_cjk_run(const TextRun *runs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (runs[i].face == FACE_CJK)
            return 1;
    return 0;
}

/* Text goes run by run, each with its face, advancing along the rotated
 * baseline by the run widths text.c measured; the anchor shift uses
 * text_width, the number layout used. The CJK face has no bold cut: bold
 * CJK runs are filled and stroked in their ink at TEXT_EMBOLDEN_EM of the
 * size, which grows each outline as the PNG's and SVG's emboldening
 * does. */
static int draw_text(const Ctx *c, const SceneOp *op)
{
    const char *s = scene_op_text(c->scene, op);
    if (!s[0] || op->fill.a <= 0 || !(op->font_size > 0))
        return 0;
    TextRun local[16], *runs = local;
    size_t n = text_runs(c->fs, s, op->weight, op->font_size, local, 16);
    if (n > 16) {
        runs = xmalloc_array(n, sizeof *runs);
        n = text_runs(c->fs, s, op->weight, op->font_size, runs, n);
    }
    double width = text_width(c->fs, s, op->weight, op->font_size);
    double shift = op->anchor == ANCHOR_MIDDLE ? width / 2
                   : op->anchor == ANCHOR_END  ? width
                                               : 0;
    double rad = op->angle * (3.14159265358979323846 / 180);
    double ca = cos(rad), sa = sin(rad);
    double x = op->x - shift * ca, y = fy(c, op->y) - shift * sa;
    if (embed_run_fonts(c, runs, n) != 0) {
        if (runs != local)
            free(runs);
        return -1;
    }
    char *buf = xmalloc_array(strlen(s) + 1, 3);

    int embolden = op->weight == FONT_BOLD && has_cjk_run(runs, n);
    int saved = alpha_begin(c, op->fill.a, embolden ? op->fill.a : 1);
    if (saved < 0) {
        free(buf);
        if (runs != local)
            free(runs);
        return -1;
    }
    set_fill(c, op->fill);
    if (embolden) {
        set_stroke(c, op->fill);
        set_width(c, op->font_size * TEXT_EMBOLDEN_EM);
    }
    HPDF_Page_BeginText(c->page);
    for (size_t i = 0; i < n; i++) {
        utf8_sanitize(s + runs[i].start, runs[i].len, buf);
        if (embolden)
            HPDF_Page_SetTextRenderingMode(
                c->page, runs[i].face == FACE_CJK ? HPDF_FILL_THEN_STROKE
                                                  : HPDF_FILL);
        HPDF_Page_SetFontAndSize(c->page, face_font(c->hf, runs[i].face),
                                 (HPDF_REAL)op->font_size);
        HPDF_Page_SetTextMatrix(c->page, (HPDF_REAL)ca, (HPDF_REAL)sa,
                                (HPDF_REAL)-sa, (HPDF_REAL)ca, (HPDF_REAL)x,
                                (HPDF_REAL)y);
        HPDF_Page_ShowText(c->page, buf);
        x += runs[i].width * ca;
        y += runs[i].width * sa;
    }
    if (embolden) /* the text state outlives the text object */
        HPDF_Page_SetTextRenderingMode(c->page, HPDF_FILL);
    HPDF_Page_EndText(c->page);
    if (saved)
        restore(c);
    free(buf);
    if (runs != local)
        free(runs);
    return 0;
}

/* The image of a LineImage: its ink in every pixel (the mask shapes it),
 * and the mask's rows without their padding. */
static void split_line_image(const LineImage *li, unsigned char *rgb,
                             unsigned char *alpha)
{
    const double ink[3] = {li->ink.r, li->ink.g, li->ink.b};
    unsigned char px[3];
    for (int k = 0; k < 3; k++)
        px[k] = (unsigned char)lround(fmin(fmax(ink[k], 0), 1) * 255);
    size_t area = (size_t)li->mask.width * (size_t)li->mask.height;
    for (size_t i = 0; i < area; i++)
        memcpy(rgb + 3 * i, px, 3);
    for (int y = 0; y < li->mask.height; y++)
        memcpy(alpha + (size_t)y * li->mask.width,
               li->mask.pixels + (size_t)y * li->mask.stride,
               (size_t)li->mask.width);
}

/* Dense lines of one colour from op i on with RASTER_LINES_IMAGE_POINTS
 * or more vertices in all, drawn as one image with a soft mask (a million
 * points as paths would be tens of megabytes); returns how many ops it
 * drew, 0 to leave op i to draw_stroke, -1 on libharu error. */
static long draw_dense_image(const Ctx *c, size_t i, const ClipStack *cs)
{
    LineImage li;
    size_t n = raster_lines_image(c->scene, i, cs, &li);
    if (!li.mask.pixels)
        return (long)n;
    HPDF_UINT width = (HPDF_UINT)li.mask.width;
    HPDF_UINT height = (HPDF_UINT)li.mask.height;
    size_t area = (size_t)width * height;
    unsigned char *rgb = xmalloc_array(area, 3);
    unsigned char *alpha = xmalloc(area);
    split_line_image(&li, rgb, alpha);
    free(li.mask.pixels);
    HPDF_Doc doc = c->hf->doc;
    HPDF_Image image = HPDF_LoadRawImageFromMem(doc, rgb, width, height,
                                                HPDF_CS_DEVICE_RGB, 8);
    HPDF_Image mask = HPDF_LoadRawImageFromMem(doc, alpha, width, height,
                                               HPDF_CS_DEVICE_GRAY, 8);
    free(rgb);
    free(alpha);
    if (!image || !mask || HPDF_Image_AddSMask(image, mask) != HPDF_OK ||
        HPDF_Page_DrawImage(c->page, image, (HPDF_REAL)li.x,
                            (HPDF_REAL)fy(c, li.y + li.h), (HPDF_REAL)li.w,
                            (HPDF_REAL)li.h) != HPDF_OK)
        return -1;
    return (long)n;
}

/* The scene's background over its whole box. */
static void draw_background(Ctx *c)
{
    const Scene *scene = c->scene;
    int saved = alpha_begin(c, scene->background.a, 1);
    set_fill(c, scene->background);
    HPDF_Page_Rectangle(c->page, 0, 0, (HPDF_REAL)scene->width,
                        (HPDF_REAL)scene->height);
    HPDF_Page_Fill(c->page);
    if (saved > 0)
        restore(c);
}

/* A clip rectangle inside its own q, undone by OP_CLIP_POP. */
static void push_clip(Ctx *c, const SceneOp *op)
{
    HPDF_Page_GSave(c->page);
    HPDF_Page_Rectangle(c->page, (HPDF_REAL)op->x,
                        (HPDF_REAL)fy(c, op->y + op->h), (HPDF_REAL)op->w,
                        (HPDF_REAL)op->h);
    HPDF_Page_Clip(c->page);
    HPDF_Page_EndPath(c->page);
}

int render_haru_scene(HPDF_Page page, const Scene *scene,
                      const FontStack *fs, const HaruFonts *hf, double x,
                      double top, double w, double h, Error *err)
{
    if (!(scene->width > 0 && scene->height > 0 && w > 0 && h > 0)) {
        error_set(err, ERR_RENDER, NULL, 0, 0,
                  "cannot draw a %gx%g scene into a %gx%g box", scene->width,
                  scene->height, w, h);
        return -1;
    }
    if (haru_failed(hf->doc, err, "preparing the page"))
        return -1;
    double s = fmin(w / scene->width, h / scene->height);
    double ox = x + (w - scene->width * s) / 2;
    double oy = top - h + (h - scene->height * s) / 2;
    PageState gs = {0};
    ByteBuf raw = {0};
    Ctx c = {page, scene, fs, hf, scene->height, err, &gs, &raw};

    HPDF_Page_GSave(page);
    HPDF_Page_Concat(page, (HPDF_REAL)s, 0, 0, (HPDF_REAL)s, (HPDF_REAL)ox,
                     (HPDF_REAL)oy);
    HPDF_Page_SetLineCap(page, HPDF_ROUND_END);
    HPDF_Page_SetLineJoin(page, HPDF_ROUND_JOIN);
    if (scene->background.a > 0)
        draw_background(&c);
    SceneWalk walk; /* its clip depth counts our clip q's */
    scene_walk_begin(&walk, scene, 1);
    int rc = 0;
    const SceneOp *op;
    size_t i;
    while ((op = scene_walk_next(&walk, &i))) {
        switch (op->kind) {
        case OP_FILL:
            rc = draw_fill(&c, op);
            break;
        case OP_STROKE: {
            long dense = draw_dense_image(&c, i, &walk.clips);
            if (dense > 0)
                scene_walk_skip(&walk, (size_t)dense - 1);
            else
                rc = dense < 0 ? -1 : draw_stroke(&c, op);
            break;
        }
        case OP_CIRCLE:
            rc = draw_circle(&c, op);
            break;
        case OP_TEXT:
            rc = draw_text(&c, op);
            break;
        case OP_CLIP_PUSH:
            push_clip(&c, op);
            break;
        case OP_CLIP_POP:
            /* an unbalanced pop must not undo our q */
            if (walk.popped)
                restore(&c);
            break;
        case OP_GROUP_BEGIN:
        case OP_GROUP_END:
            break;
        }
        if (rc != 0 || HPDF_GetError(hf->doc) != HPDF_OK)
            break;
    }
    for (int k = scene_walk_open_clips(&walk); k > 0; k--)
        HPDF_Page_GRestore(page);
    HPDF_Page_GRestore(page);
    bytebuf_free(&raw);
    if (rc != 0 && err->kind != ERR_NONE) /* draw_text named the font */
        return -1;
    return haru_failed(hf->doc, err, "drawing a scene");
}
