/* render_svg.c - scene to SVG 1.1, written directly from the display list.
 *
 * The document is built in two buffers: <defs> (glyph outlines and clip
 * rectangles, each defined when first used) and the body, joined at the
 * end so the definitions come first. Numbers go through
 * format_decimal, not printf: a chart has tens of thousands of them.
 *
 * Geometry follows render_cairo exactly: text is split into runs by
 * text.c and every glyph sits at the pen position text.c measured, so
 * anchors and widths agree with the PNG and the PDF. */
#include "render_svg.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "clip.h"
#include "format.h"
#include "pngenc.h"
#include "raster_lines.h"
#include "scene_walk.h"
#include "util.h"

/* Scene coordinates, widths and font sizes: 0.01 pt is far below what
 * any viewer can show at the sizes charts are drawn. */
#define COORD_DECIMALS 2
/* Font units per point is about 100, so pen positions in font units need
 * no more to land within 0.0001 pt. */
#define UNIT_DECIMALS 2
/* size / units_per_EM (0.0058 for 12 pt Lato): eight places keep a
 * 2000-unit em within 0.00001 pt. */
#define SCALE_DECIMALS 8
/* Alpha comes from a byte (#rrggbbaa); three places tell all 256 apart. */
#define ALPHA_DECIMALS 3

/* ---- output helpers ----------------------------------------------------- */

/* bytebuf_append, inlined: the writer appends a few bytes at a time,
 * some hundred thousand times for a chart. */
static inline void put_bytes(ByteBuf *b, const void *data, size_t len)
{
    if (len == 0) /* data may be NULL then: memcpy must not see it */
        return;
    if (b->cap - b->len < len)
        grow_array((void **)&b->data, &b->cap, b->len + len, 1);
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

#define PUT(b, lit) put_bytes((b), (lit), sizeof(lit) - 1)

static void put_str(ByteBuf *b, const char *s)
{
    put_bytes(b, s, strlen(s));
}

static void put_num(ByteBuf *b, double v, int decimals)
{
    char buf[FORMAT_DECIMAL_MAX];
    put_bytes(b, buf, format_decimal(buf, v, decimals));
}

/* Ids and counts: far below 1e15, where format_decimal is exact. */
static void put_long(ByteBuf *b, long v)
{
    put_num(b, (double)v, 0);
}

/* Path data: numbers separated by a space, except before a minus sign,
 * which separates by itself. */
typedef struct {
    ByteBuf *b;
    int sep; /* a number was just written */
} PathOut;

static void path_cmd(PathOut *p, char cmd)
{
    put_bytes(p->b, &cmd, 1);
    p->sep = 0;
}

static void path_number(PathOut *p, double v, int decimals)
{
    char buf[FORMAT_DECIMAL_MAX + 1];
    size_t n = format_decimal(buf + 1, v, decimals);
    int space = p->sep && buf[1] != '-';
    buf[0] = ' ';
    put_bytes(p->b, buf + !space, n + (size_t)space);
    p->sep = 1;
}

static void path_num(PathOut *p, double v)
{
    path_number(p, v, COORD_DECIMALS);
}

/* Glyph outlines in font units: small integers, exact as doubles. */
static void path_long(PathOut *p, long v)
{
    path_number(p, (double)v, 0);
}

static unsigned channel(double c)
{
    if (!(c > 0))
        return 0;
    return c >= 1 ? 255 : (unsigned)(c * 255 + 0.5);
}

/* ` fill="#rrggbb"` (attr is "fill" or "stroke"), and its opacity when
 * the colour is not opaque. */
static void put_paint(ByteBuf *b, const char *attr, Color c)
{
    static const char hex[] = "0123456789abcdef";
    unsigned v[3] = {channel(c.r), channel(c.g), channel(c.b)};
    char buf[8] = {'#'};
    for (int i = 0; i < 3; i++) {
        buf[1 + 2 * i] = hex[v[i] >> 4];
        buf[2 + 2 * i] = hex[v[i] & 15];
    }
    PUT(b, " ");
    put_str(b, attr);
    PUT(b, "=\"");
    put_bytes(b, buf, 7);
    PUT(b, "\"");
    if (c.a < 1) {
        PUT(b, " ");
        put_str(b, attr);
        PUT(b, "-opacity=\"");
        put_num(b, c.a, ALPHA_DECIMALS);
        PUT(b, "\"");
    }
}

/* Appends s[0..len) as XML attribute or element text: & < > " as entities, invalid
 * UTF-8 as U+FFFD, tab, newline and CR as a space (an attribute would
 * turn them into one anyway), other control characters dropped (XML 1.0
 * cannot hold them; text.c draws them as nothing), and the non-characters
 * U+FFFE and U+FFFF, which XML forbids too, as U+FFFD. */
static void put_escaped(ByteBuf *b, const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && u[i] >= 0x20 && u[i] < 0x7F && u[i] != '&' &&
               u[i] != '<' && u[i] != '>' && u[i] != '"')
            i++;
        put_bytes(b, u + start, i - start);
        if (i >= len)
            break;
        unsigned long cp;
        size_t n = utf8_decode(u + i, len - i, &cp);
        switch (cp) {
        case '&': PUT(b, "&amp;"); break;
        case '<': PUT(b, "&lt;"); break;
        case '>': PUT(b, "&gt;"); break;
        case '"': PUT(b, "&quot;"); break;
        case '\t': case '\n': case '\r': PUT(b, " "); break;
        default:
            if (cp < 0x20 || cp == 0x7F)
                break;
            if (cp == 0xFFFE || cp == 0xFFFF)
                cp = UTF8_REPLACEMENT;
            char enc[4];
            put_bytes(b, enc, utf8_encode(cp, enc));
        }
        i += n;
    }
}

/* ---- glyph definitions -------------------------------------------------- */

/* Open-addressed set of the glyphs defined so far, keyed by face, glyph
 * and emboldening. id 0 marks a glyph without contours: nothing to use. */
typedef struct {
    uint64_t key; /* 0 = free slot */
    unsigned id;
} GlyphSlot;

typedef struct {
    GlyphSlot *slots;
    size_t cap, count; /* cap a power of two, count <= cap / 2 */
    unsigned next_id;
    GlyphOutline outline; /* scratch for loading */
} GlyphSet;

static uint64_t glyph_key(FaceId face, unsigned glyph, int bold)
{
    return (((uint64_t)glyph << 3) | ((uint64_t)face << 1) | (bold != 0)) + 1;
}

static GlyphSlot *glyphset_find(GlyphSet *set, uint64_t key)
{
    if (set->count + 1 > set->cap / 2) {
        size_t cap = set->cap ? set->cap * 2 : 256;
        GlyphSlot *slots = xcalloc(cap, sizeof *slots);
        for (size_t i = 0; i < set->cap; i++) {
            if (!set->slots[i].key)
                continue;
            size_t h = (size_t)(set->slots[i].key * 0x9E3779B97F4A7C15u) &
                       (cap - 1);
            while (slots[h].key)
                h = (h + 1) & (cap - 1);
            slots[h] = set->slots[i];
        }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    size_t h = (size_t)(key * 0x9E3779B97F4A7C15u) & (set->cap - 1);
    while (set->slots[h].key && set->slots[h].key != key)
        h = (h + 1) & (set->cap - 1);
    return &set->slots[h];
}

/* Writes an outline as path data in integer font units: relative
 * commands, h/v for axis-aligned lines, t where a quadratic's control
 * point mirrors the previous one, and z in place of a contour's closing
 * line. */
static void put_outline(ByteBuf *b, const GlyphOutline *o)
{
    PathOut p = {b, 0};
    const OutlinePoint *pt = o->points;
    size_t k = 0;
    long cx = 0, cy = 0, sx = 0, sy = 0; /* current point, contour start */
    long qx = 0, qy = 0;                 /* last quadratic control */
    char last = 0;                       /* last command written */
    for (size_t i = 0; i < o->n_verbs; i++) {
        OutlineVerb verb = o->verbs[i];
        int next_moves = i + 1 == o->n_verbs ||
                         o->verbs[i + 1] == OUTLINE_MOVE;
        char cmd;
        if (verb == OUTLINE_MOVE) {
            if (i > 0) {
                path_cmd(&p, 'z');
                cx = sx; /* z returns to the contour's start */
                cy = sy;
            }
            path_cmd(&p, 'm');
            path_long(&p, pt[k].x - cx);
            path_long(&p, pt[k].y - cy);
            cx = sx = pt[k].x;
            cy = sy = pt[k].y;
            k++;
            last = 'm';
            continue;
        }
        if (verb == OUTLINE_LINE) {
            long dx = pt[k].x - cx, dy = pt[k].y - cy;
            cx = pt[k].x;
            cy = pt[k].y;
            k++;
            if (next_moves && cx == sx && cy == sy)
                continue; /* z draws it */
            cmd = dy == 0 ? 'h' : dx == 0 ? 'v' : 'l';
            if (cmd != last)
                path_cmd(&p, cmd);
            if (cmd != 'v')
                path_long(&p, dx);
            if (cmd != 'h')
                path_long(&p, dy);
        } else if (verb == OUTLINE_QUAD) {
            int smooth = (last == 'q' || last == 't') &&
                         pt[k].x == 2 * cx - qx && pt[k].y == 2 * cy - qy;
            cmd = smooth ? 't' : 'q';
            if (cmd != last)
                path_cmd(&p, cmd);
            if (!smooth) {
                path_long(&p, pt[k].x - cx);
                path_long(&p, pt[k].y - cy);
            }
            path_long(&p, pt[k + 1].x - cx);
            path_long(&p, pt[k + 1].y - cy);
            qx = pt[k].x;
            qy = pt[k].y;
            cx = pt[k + 1].x;
            cy = pt[k + 1].y;
            k += 2;
        } else {
            cmd = 'c';
            if (cmd != last)
                path_cmd(&p, cmd);
            for (int j = 0; j < 3; j++) {
                path_long(&p, pt[k + (size_t)j].x - cx);
                path_long(&p, pt[k + (size_t)j].y - cy);
            }
            cx = pt[k + 2].x;
            cy = pt[k + 2].y;
            k += 3;
        }
        last = cmd;
    }
    if (o->n_verbs > 0)
        path_cmd(&p, 'z');
}

/* ---- the writer --------------------------------------------------------- */

/* An element the body has open: a named group or a clip. */
typedef struct {
    OpKind kind;      /* OP_GROUP_BEGIN or OP_CLIP_PUSH */
    size_t op;        /* the op that opened it (group: its name) */
    unsigned clip_id; /* OP_CLIP_PUSH */
} Open;

/* A glyph of a text op, ready to place. */
typedef struct {
    unsigned id;
    size_t run;
    long units;
} Use;

typedef struct {
    const Scene *scene;
    const FontStack *fs;
    SvgText text;
    Error *err;
    ByteBuf defs, body;
    GlyphSet glyphs;
    unsigned next_clip;
    Open *open;
    size_t n_open, cap_open;
    /* scratch for text, grown to the longest string */
    TextGlyph *tg;
    Use *uses;
    size_t scratch_cap;
    SceneWalk walk;         /* its clips, for dense lines drawn as images */
    unsigned next_mask;
} Writer;

/* Def id of a glyph (defining it on first use), 0 if it draws nothing,
 * or -1 with err set if FreeType cannot load it. */
static long glyph_id(Writer *w, FaceId face, unsigned glyph, int bold)
{
    GlyphSlot *slot = glyphset_find(&w->glyphs, glyph_key(face, glyph, bold));
    if (slot->key)
        return slot->id;
    if (text_glyph_outline(w->fs, face, glyph, bold, &w->glyphs.outline) != 0) {
        int index;
        error_set(w->err, ERR_RENDER, fontstack_file(w->fs, face, &index), 0,
                  0, "FreeType cannot load glyph %u of face %d; reinstall "
                  "the font's Debian package",
                  glyph, index);
        return -1;
    }
    slot->key = glyph_key(face, glyph, bold);
    slot->id = 0;
    w->glyphs.count++;
    if (w->glyphs.outline.n_verbs == 0)
        return 0;
    slot->id = ++w->glyphs.next_id;
    PUT(&w->defs, "<path id=\"g");
    put_long(&w->defs, slot->id);
    PUT(&w->defs, "\" d=\"");
    put_outline(&w->defs, &w->glyphs.outline);
    PUT(&w->defs, "\"/>\n");
    return slot->id;
}

/* The walk's path as path data. A LINE with no current point moves, as
 * in cairo. */
static void put_scene_path(ByteBuf *b, PathWalk *walk)
{
    PathOut out = {b, 0};
    PathVerb verb;
    Point p;
    int have_point = 0;
    char last = 0;
    while (path_walk_next(walk, &verb, &p)) {
        if (verb == PATH_CLOSE) {
            if (have_point && last != 'Z')
                path_cmd(&out, last = 'Z');
            continue;
        }
        char cmd = verb == PATH_MOVE || !have_point ? 'M' : 'L';
        if (cmd != last || cmd == 'M')
            path_cmd(&out, cmd);
        path_num(&out, p.x);
        path_num(&out, p.y);
        have_point = 1;
        last = cmd;
    }
}

/* Starts a walk of op's path: 0 when it has a point to draw. */
static int path_begin(const Scene *scene, const SceneOp *op, PathWalk *walk)
{
    return scene_path_walk(scene, op, walk) == 0 && walk->n_points > 0
               ? 0
               : -1;
}

static void draw_fill(Writer *w, const SceneOp *op)
{
    PathWalk walk;
    if (!(op->fill.a > 0) || path_begin(w->scene, op, &walk) != 0)
        return;
    PUT(&w->body, "<path d=\"");
    put_scene_path(&w->body, &walk);
    PUT(&w->body, "\"");
    put_paint(&w->body, "fill", op->fill);
    PUT(&w->body, "/>\n");
}

/* cairo refuses a negative dash or one whose lengths are all zero. */
static int dash_usable(const SceneOp *op)
{
    double sum = 0;
    for (int i = 0; i < op->n_dash; i++) {
        if (!(op->dash[i] >= 0) || !isfinite(op->dash[i]))
            return 0;
        sum += op->dash[i];
    }
    return op->n_dash > 0 && sum > 0;
}

/* Round caps and joins are set once on the root element. */
static void draw_stroke(Writer *w, const SceneOp *op)
{
    PathWalk walk;
    if (!(op->line_width > 0) || !isfinite(op->line_width) ||
        !(op->stroke.a > 0) || path_begin(w->scene, op, &walk) != 0)
        return;
    PUT(&w->body, "<path d=\"");
    put_scene_path(&w->body, &walk);
    PUT(&w->body, "\" fill=\"none\"");
    put_paint(&w->body, "stroke", op->stroke);
    PUT(&w->body, " stroke-width=\"");
    put_num(&w->body, op->line_width, COORD_DECIMALS);
    PUT(&w->body, "\"");
    if (dash_usable(op)) {
        PUT(&w->body, " stroke-dasharray=\"");
        for (int i = 0; i < op->n_dash; i++) {
            if (i > 0)
                PUT(&w->body, " ");
            put_num(&w->body, op->dash[i], COORD_DECIMALS);
        }
        PUT(&w->body, "\"");
    }
    PUT(&w->body, "/>\n");
}

/* ---- dense lines ---------------------------------------------------- */

/* zlib level of the masks: 6 made the 1M-point chart's SVG 3% smaller for
 * twice the deflate time. */
#define MASK_PNG_LEVEL 1

static void put_base64(ByteBuf *b, const unsigned char *data, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char quad[4];
    for (size_t i = 0; i < len; i += 3) {
        uint32_t v = (uint32_t)data[i] << 16;
        if (i + 1 < len)
            v |= (uint32_t)data[i + 1] << 8;
        if (i + 2 < len)
            v |= data[i + 2];
        quad[0] = digits[v >> 18];
        quad[1] = digits[(v >> 12) & 63];
        quad[2] = i + 1 < len ? digits[(v >> 6) & 63] : '=';
        quad[3] = i + 2 < len ? digits[v & 63] : '=';
        put_bytes(b, quad, 4);
    }
}

/* ` name="v<unit>"`, v to COORD_DECIMALS. */
static void put_coord_attr(ByteBuf *b, const char *name, double v,
                           const char *unit)
{
    PUT(b, " ");
    put_bytes(b, name, strlen(name));
    PUT(b, "=\"");
    put_num(b, v, COORD_DECIMALS);
    put_bytes(b, unit, strlen(unit));
    PUT(b, "\"");
}

static void put_rect_attrs(ByteBuf *b, const LineImage *li)
{
    put_coord_attr(b, "x", li->x, "");
    put_coord_attr(b, "y", li->y, "");
    put_coord_attr(b, "width", li->w, "");
    put_coord_attr(b, "height", li->h, "");
}

/* Dense lines of one colour from op i on with RASTER_LINES_IMAGE_POINTS
 * or more vertices, as that colour filled through a mask: an 8-bit image
 * of their coverage (the union their strokes make, as painting them one
 * over another would), where a million points as path data would be tens
 * of megabytes. Returns how many ops that took, 0 to leave op i to
 * draw_stroke. */
static size_t draw_dense_lines(Writer *w, size_t i)
{
    LineImage li;
    size_t n = raster_lines_image(w->scene, i, &w->walk.clips, &li);
    if (!li.mask.pixels)
        return n;
    ByteBuf png = {0};
    int rc = pngenc_gray8(li.mask.pixels, li.mask.width, li.mask.height,
                          li.mask.stride, MASK_PNG_LEVEL, &png);
    free(li.mask.pixels);
    if (rc != 0)
        return n;
    unsigned id = ++w->next_mask;
    ByteBuf *d = &w->defs;
    PUT(d, "<mask id=\"m");
    put_long(d, id);
    PUT(d, "\" maskUnits=\"userSpaceOnUse\"");
    put_rect_attrs(d, &li);
    PUT(d, "><image");
    put_rect_attrs(d, &li);
    PUT(d, " preserveAspectRatio=\"none\" "
           "xlink:href=\"data:image/png;base64,");
    put_base64(d, png.data, png.len);
    PUT(d, "\"/></mask>\n");
    bytebuf_free(&png);
    PUT(&w->body, "<rect");
    put_rect_attrs(&w->body, &li);
    put_paint(&w->body, "fill", li.ink);
    PUT(&w->body, " mask=\"url(#m");
    put_long(&w->body, id);
    PUT(&w->body, ")\"/>\n");
    return n;
}

/* Filled, then stroked when it has a ring: SVG paints in that order too. */
static void draw_circle(Writer *w, const SceneOp *op)
{
    int ring = op->line_width > 0 && isfinite(op->line_width) &&
               op->stroke.a > 0;
    if (!(op->r > 0) || !isfinite(op->r) || (!(op->fill.a > 0) && !ring))
        return;
    ByteBuf *b = &w->body;
    PUT(b, "<circle cx=\"");
    put_num(b, op->x, COORD_DECIMALS);
    PUT(b, "\" cy=\"");
    put_num(b, op->y, COORD_DECIMALS);
    PUT(b, "\" r=\"");
    put_num(b, op->r, COORD_DECIMALS);
    PUT(b, "\"");
    if (op->fill.a > 0)
        put_paint(b, "fill", op->fill);
    else
        PUT(b, " fill=\"none\"");
    if (ring) {
        put_paint(b, "stroke", op->stroke);
        PUT(b, " stroke-width=\"");
        put_num(b, op->line_width, COORD_DECIMALS);
        PUT(b, "\"");
    }
    PUT(b, "/>\n");
}

static void put_use(ByteBuf *b, unsigned id, double x)
{
    PUT(b, "<use xlink:href=\"#g");
    put_long(b, id);
    PUT(b, "\"");
    char buf[FORMAT_DECIMAL_MAX];
    size_t n = format_decimal(buf, x, UNIT_DECIMALS);
    if (!(n == 1 && buf[0] == '0')) {
        PUT(b, " x=\"");
        put_bytes(b, buf, n);
        PUT(b, "\"");
    }
    PUT(b, "/>\n");
}

static void put_scale(ByteBuf *b, double s)
{
    PUT(b, "scale(");
    put_num(b, s, SCALE_DECIMALS);
    PUT(b, " ");
    put_num(b, -s, SCALE_DECIMALS);
    PUT(b, ")");
}

/* Collects the drawn glyphs of every run into w->uses; returns how many,
 * or -1 on a glyph that cannot be loaded. */
static long collect_uses(Writer *w, const SceneOp *op, const char *utf8,
                         const TextRun *runs, size_t n_runs)
{
    size_t n_uses = 0;
    for (size_t r = 0; r < n_runs; r++) {
        size_t n = text_run_glyphs(w->fs, utf8, op->weight, &runs[r],
                                   op->font_size, w->tg, runs[r].len);
        /* The CJK face has no bold cut: cairo emboldens it (FC_EMBOLDEN). */
        int bold = runs[r].face == FACE_CJK && op->weight == FONT_BOLD;
        for (size_t i = 0; i < n; i++) {
            if (w->tg[i].glyph == 0)
                continue;
            long id = glyph_id(w, runs[r].face, w->tg[i].glyph, bold);
            if (id < 0)
                return -1;
            if (id > 0)
                w->uses[n_uses++] = (Use){(unsigned)id, r, w->tg[i].units};
        }
    }
    return (long)n_uses;
}

static void grow_scratch(Writer *w, size_t len)
{
    if (len <= w->scratch_cap)
        return;
    free(w->tg);
    free(w->uses);
    w->tg = xmalloc_array(len, sizeof *w->tg);
    w->uses = xmalloc_array(len, sizeof *w->uses);
    w->scratch_cap = len;
}

/* The op's transform: translate to its anchor point, and rotate; the
 * attribute is left open for a scale to follow. */
static void put_text_transform(ByteBuf *b, const SceneOp *op)
{
    PUT(b, " transform=\"translate(");
    put_num(b, op->x, COORD_DECIMALS);
    PUT(b, " ");
    put_num(b, op->y, COORD_DECIMALS);
    PUT(b, ")");
    char angle[FORMAT_DECIMAL_MAX];
    /* Scene angles turn counter-clockwise; SVG's y axis points down. */
    if (format_decimal(angle, -op->angle, COORD_DECIMALS) != 1 ||
        angle[0] != '0') {
        PUT(b, " rotate(");
        put_str(b, angle);
        PUT(b, ")");
    }
}

/* One group per string: translate to the anchor point, rotate, and, when
 * every run's face has the same em, scale font units to points with y up;
 * otherwise each run gets its own scaling group. */
static int write_text(Writer *w, const SceneOp *op, const TextRun *runs,
                      size_t n_runs, const char *utf8, size_t len)
{
    long n_uses = collect_uses(w, op, utf8, runs, n_runs);
    if (n_uses <= 0)
        return (int)n_uses;
    double width = 0;
    int one_em = 1;
    unsigned em = text_units_per_em(w->fs, runs[0].face);
    for (size_t i = 0; i < n_runs; i++) {
        width += runs[i].width;
        one_em &= text_units_per_em(w->fs, runs[i].face) == em;
    }
    double pen = op->anchor == ANCHOR_MIDDLE ? -width / 2
                 : op->anchor == ANCHOR_END  ? -width
                                             : 0.0;
    ByteBuf *b = &w->body;
    PUT(b, "<g aria-label=\"");
    put_escaped(b, utf8, len);
    PUT(b, "\"");
    put_paint(b, "fill", op->fill);
    put_text_transform(b, op);
    if (one_em) {
        double s = op->font_size / em;
        PUT(b, " ");
        put_scale(b, s);
    }
    PUT(b, "\">\n");
    size_t u = 0, n = (size_t)n_uses;
    for (size_t r = 0; r < n_runs; r++) {
        size_t first = u;
        while (u < n && w->uses[u].run == r)
            u++;
        double s = op->font_size / text_units_per_em(w->fs, runs[r].face);
        if (u > first && one_em) {
            for (size_t k = first; k < u; k++)
                put_use(b, w->uses[k].id, pen / s + (double)w->uses[k].units);
        } else if (u > first) {
            PUT(b, "<g transform=\"translate(");
            put_num(b, pen, COORD_DECIMALS);
            PUT(b, ") ");
            put_scale(b, s);
            PUT(b, "\">\n");
            for (size_t k = first; k < u; k++)
                put_use(b, w->uses[k].id, (double)w->uses[k].units);
            PUT(b, "</g>\n");
        }
        pen += runs[r].width;
    }
    PUT(b, "</g>\n");
    return 0;
}

/* The string as one <text> element the viewer lays out with its own
 * fonts: same anchor, size, weight and colour as the outlines. */
static void write_text_element(Writer *w, const SceneOp *op,
                               const char *utf8, size_t len)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    ByteBuf *b = &w->body;
    PUT(b, "<text");
    put_text_transform(b, op);
    PUT(b, "\" font-size=\"");
    put_num(b, op->font_size, COORD_DECIMALS);
    PUT(b, "\"");
    if (op->weight == FONT_BOLD)
        PUT(b, " font-weight=\"bold\"");
    if (op->anchor != ANCHOR_START && (unsigned)op->anchor <= ANCHOR_END) {
        PUT(b, " text-anchor=\"");
        put_str(b, anchors[op->anchor]);
        PUT(b, "\"");
    }
    put_paint(b, "fill", op->fill);
    PUT(b, ">");
    put_escaped(b, utf8, len);
    PUT(b, "</text>\n");
}

static int draw_text(Writer *w, const SceneOp *op)
{
    const char *utf8 = scene_op_text(w->scene, op);
    size_t len = strlen(utf8);
    if (len == 0 || !(op->font_size > 0) || !isfinite(op->font_size) ||
        !(op->fill.a > 0))
        return 0;
    if (w->text == SVG_TEXT_ELEMENTS) {
        write_text_element(w, op, utf8, len);
        return 0;
    }
    TextRun stack_runs[16];
    TextRun *runs = stack_runs;
    size_t n = text_runs(w->fs, utf8, op->weight, op->font_size, runs, 16);
    if (n > 16) {
        runs = xmalloc_array(n, sizeof *runs);
        text_runs(w->fs, utf8, op->weight, op->font_size, runs, n);
    }
    /* One entry per byte is room for any run's characters. */
    grow_scratch(w, len);
    int rc = write_text(w, op, runs, n, utf8, len);
    if (runs != stack_runs)
        free(runs);
    return rc;
}

/* ---- groups and clips --------------------------------------------------- */

static void open_element(Writer *w, const Open *e)
{
    ByteBuf *b = &w->body;
    if (e->kind == OP_CLIP_PUSH) {
        PUT(b, "<g clip-path=\"url(#c");
        put_long(b, e->clip_id);
        PUT(b, ")\">\n");
    } else {
        const char *name = scene_op_text(w->scene, &w->scene->ops[e->op]);
        PUT(b, "<g class=\"");
        put_escaped(b, name, strlen(name));
        PUT(b, "\">\n");
    }
}

static void push_open(Writer *w, Open e)
{
    grow_array((void **)&w->open, &w->cap_open, w->n_open + 1,
               sizeof *w->open);
    w->open[w->n_open++] = e;
    open_element(w, &e);
}

/* Closes the innermost open element of this kind. Elements opened after
 * it (a scene that pops a clip inside a group it began after the clip)
 * are closed and opened again, so the XML stays well formed and each
 * clip still covers what it covered in cairo. Without one, does nothing,
 * as cairo ignores an unbalanced pop. */
static void pop_open(Writer *w, OpKind kind)
{
    size_t i = w->n_open;
    while (i > 0 && w->open[i - 1].kind != kind)
        i--;
    if (i == 0)
        return;
    for (size_t k = w->n_open; k >= i; k--)
        PUT(&w->body, "</g>\n");
    memmove(&w->open[i - 1], &w->open[i],
            (w->n_open - i) * sizeof *w->open);
    w->n_open--;
    for (size_t k = i - 1; k < w->n_open; k++)
        open_element(w, &w->open[k]);
}

static void clip_push(Writer *w, const SceneOp *op, size_t index)
{
    double x = op->x, y = op->y, cw = op->w, ch = op->h;
    /* cairo accepts a rectangle of negative size; SVG does not. */
    if (cw < 0) {
        x += cw;
        cw = -cw;
    }
    if (ch < 0) {
        y += ch;
        ch = -ch;
    }
    unsigned id = ++w->next_clip;
    ByteBuf *d = &w->defs;
    PUT(d, "<clipPath id=\"c");
    put_long(d, id);
    PUT(d, "\"><rect x=\"");
    put_num(d, x, COORD_DECIMALS);
    PUT(d, "\" y=\"");
    put_num(d, y, COORD_DECIMALS);
    PUT(d, "\" width=\"");
    put_num(d, cw, COORD_DECIMALS);
    PUT(d, "\" height=\"");
    put_num(d, ch, COORD_DECIMALS);
    PUT(d, "\"/></clipPath>\n");
    push_open(w, (Open){OP_CLIP_PUSH, index, id});
}

/* ---- document ----------------------------------------------------------- */

static int draw_ops(Writer *w)
{
    const SceneOp *op;
    size_t i;
    scene_walk_begin(&w->walk, w->scene, 1);
    while ((op = scene_walk_next(&w->walk, &i))) {
        switch (op->kind) {
        case OP_FILL:
            draw_fill(w, op);
            break;
        case OP_STROKE: {
            size_t dense = draw_dense_lines(w, i);
            if (dense > 0)
                scene_walk_skip(&w->walk, dense - 1);
            else
                draw_stroke(w, op);
            break;
        }
        case OP_CIRCLE:
            draw_circle(w, op);
            break;
        case OP_TEXT:
            if (draw_text(w, op) != 0)
                return -1;
            break;
        case OP_CLIP_PUSH:
            clip_push(w, op, i);
            break;
        case OP_CLIP_POP:
            pop_open(w, OP_CLIP_PUSH);
            break;
        case OP_GROUP_BEGIN:
            push_open(w, (Open){OP_GROUP_BEGIN, i, 0});
            break;
        case OP_GROUP_END:
            pop_open(w, OP_GROUP_BEGIN);
            break;
        }
    }
    for (; w->n_open > 0; w->n_open--)
        PUT(&w->body, "</g>\n");
    return 0;
}

/* <title> or <desc> with its id, when the scene says one. */
static void put_info(ByteBuf *out, const char *element, const char *id,
                     const char *text)
{
    if (!text)
        return;
    PUT(out, "<");
    put_str(out, element);
    PUT(out, " id=\"");
    put_str(out, id);
    PUT(out, "\">");
    put_escaped(out, text, strlen(text));
    PUT(out, "</");
    put_str(out, element);
    PUT(out, ">\n");
}

static void put_document(ByteBuf *out, const Writer *w)
{
    const Scene *scene = w->scene;
    const SceneInfo *info = &scene->info;
    PUT(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<svg xmlns=\"http://www.w3.org/2000/svg\" "
             "xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\"");
    /* CSS pixels, as many as the PNG has at scale 1: "pt" would make a
     * browser show a 1920 pt chart 2560 pixels wide. */
    put_coord_attr(out, "width", ceil(scene->width - 1e-9), "");
    put_coord_attr(out, "height", ceil(scene->height - 1e-9), "");
    PUT(out, " viewBox=\"0 0 ");
    put_num(out, scene->width, COORD_DECIMALS);
    PUT(out, " ");
    put_num(out, scene->height, COORD_DECIMALS);
    PUT(out, "\" role=\"img\"");
    if (info->title || info->description) {
        PUT(out, " aria-labelledby=\"");
        if (info->title)
            PUT(out, "chart-title");
        if (info->title && info->description)
            PUT(out, " ");
        if (info->description)
            PUT(out, "chart-desc");
        PUT(out, "\"");
    }
    PUT(out, " stroke-linecap=\"round\" stroke-linejoin=\"round\"");
    if (w->text == SVG_TEXT_ELEMENTS)
        PUT(out, " font-family=\"" SVG_FONT_FAMILIES "\"");
    PUT(out, ">\n");
    put_info(out, "title", "chart-title", info->title);
    put_info(out, "desc", "chart-desc", info->description);
    if (w->defs.len > 0) {
        PUT(out, "<defs>\n");
        put_bytes(out, w->defs.data, w->defs.len);
        PUT(out, "</defs>\n");
    }
    if (scene->background.a > 0) {
        PUT(out, "<rect");
        put_coord_attr(out, "width", scene->width, "");
        put_coord_attr(out, "height", scene->height, "");
        put_paint(out, "fill", scene->background);
        PUT(out, "/>\n");
    }
    put_bytes(out, w->body.data, w->body.len);
    PUT(out, "</svg>\n");
}

int render_svg(const Scene *scene, const FontStack *fs, SvgText text,
               ByteBuf *out, Error *err)
{
    if (scene_check_size(scene, err) != 0)
        return -1;
    Writer w = {.scene = scene, .fs = fs, .text = text, .err = err};
    int rc = draw_ops(&w);
    if (rc == 0)
        put_document(out, &w);
    bytebuf_free(&w.defs);
    bytebuf_free(&w.body);
    free(w.glyphs.slots);
    text_outline_free(&w.glyphs.outline);
    free(w.open);
    free(w.tg);
    free(w.uses);
    return rc;
}
