/* test_render_svg.c - the SVG writer: exact number strings, one definition
 * per glyph, escaping, identical bytes for identical scenes, well-formed
 * XML whatever the scene, and the picture: the same scene drawn by cairo
 * to PNG and by render_svg + rsvg-convert differ only in antialiasing.
 * A failed picture comparison keeps both PNGs and a diff image in a
 * directory it names. Run from the project root; needs xmllint and
 * rsvg-convert. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "chart_build.h"
#include "cli.h"
#include "dates.h"
#include "render_cairo.h"
#include "render_svg.h"
#include "theme.h"
#include "util.h"

#define MIXED "OpenAI 與 Anthropic 營收成長"

static FontStack *fs;
static char tmpdir[64];

static const Color white = {1, 1, 1, 1};
static const Color black = {0, 0, 0, 1};
static const Color red = {1, 0, 0, 1};
static const Color blue = {0.1, 0.3, 0.8, 1};

static int group_setup(void **state)
{
    (void)state;
    Error err;
    error_clear(&err);
    fs = fontstack_create(&err);
    if (!fs) {
        fprintf(stderr, "fontstack_create: %s\n", err.message);
        return -1;
    }
    snprintf(tmpdir, sizeof tmpdir, "/tmp/aigrowth-svg-XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    fontstack_destroy(fs);
    return system(cmd) == 0 ? 0 : -1;
}

/* ---- helpers ------------------------------------------------------------ */

static void render_text_ok(const Scene *s, SvgText text, ByteBuf *out)
{
    Error err;
    error_clear(&err);
    int rc = render_svg(s, fs, text, out, &err);
    if (rc != 0)
        print_error("render_svg: %s\n", err.message);
    assert_int_equal(rc, 0);
    assert_true(out->len > 0);
}

static void render_ok(const Scene *s, ByteBuf *out)
{
    render_text_ok(s, SVG_TEXT_OUTLINES, out);
}

/* The SVG as a NUL-terminated string; caller frees. */
static char *render_text_string(const Scene *s, SvgText text)
{
    ByteBuf b = {0};
    render_text_ok(s, text, &b);
    bytebuf_append(&b, "", 1);
    return (char *)b.data;
}

static char *render_string(const Scene *s)
{
    ByteBuf b = {0};
    render_ok(s, &b);
    bytebuf_append(&b, "", 1);
    return (char *)b.data;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

/* Writes svg to tmpdir/name.svg and checks xmllint accepts it. */
static void assert_well_formed(const char *svg, const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s.svg", tmpdir, name);
    write_file(path, svg, strlen(svg));
    if (run("xmllint --noout '%s'", path) != 0)
        fail_msg("xmllint refuses %s", path);
}

/* ---- structure ---------------------------------------------------------- */

/* A glyph drawn four times is defined once and used four times; the bold
 * cut and the emboldened CJK glyph are glyphs of their own. */
static void test_glyph_defined_once(void **state)
{
    (void)state;
    Scene *s = scene_create(200, 100, white);
    scene_add_text(s, 10, 30, "aaaa", 12, FONT_REGULAR, ANCHOR_START, 0,
                   black);
    char *svg = render_string(s);
    assert_int_equal(count(svg, "<path id=\"g"), 1);
    assert_int_equal(count(svg, "<use xlink:href=\"#g1\""), 4);
    /* pen positions in font units: Lato's "a" advances 994 of 2000 */
    assert_non_null(strstr(svg, "<use xlink:href=\"#g1\"/>\n"
                                "<use xlink:href=\"#g1\" x=\"994\"/>\n"
                                "<use xlink:href=\"#g1\" x=\"1988\"/>\n"));
    assert_non_null(strstr(svg, " transform=\"translate(10 30) "
                                "scale(0.006 -0.006)\">"));
    assert_well_formed(svg, "aaaa");
    free(svg);

    scene_add_text(s, 10, 60, "aa 營營", 12, FONT_BOLD, ANCHOR_START, 0,
                   black);
    scene_add_text(s, 10, 90, "營", 12, FONT_REGULAR, ANCHOR_START, 0, black);
    svg = render_string(s);
    /* regular a, bold a, bold (emboldened) 營, regular 營; spaces have
     * no outline and are not drawn */
    assert_int_equal(count(svg, "<path id=\"g"), 4);
    assert_int_equal(count(svg, "<use "), 9);
    assert_well_formed(svg, "cuts");
    free(svg);
    scene_destroy(s);
}

/* Labels carry the string, escaped; nothing in a string or a group name
 * can end an attribute or start an element. */
static void test_labels_escaped(void **state)
{
    (void)state;
    Scene *s = scene_create(300, 100, white);
    scene_group_begin(s, "a\" onload=\"x<y>&");
    scene_add_text(s, 10, 30, "<script>&\"q\" 'x' 營", 12, FONT_REGULAR,
                   ANCHOR_START, 0, black);
    /* invalid UTF-8, controls, a non-character, an RTL mark */
    scene_add_text(s, 10, 60, "a\xff" "b\x01\tc\xef\xbf\xbf" "d\xe2\x80\x8f",
                   12, FONT_REGULAR, ANCHOR_START, 0, black);
    scene_group_end(s);
    char *svg = render_string(s);
    assert_non_null(strstr(svg, "<g class=\"a&quot; onload=&quot;x&lt;y&gt;"
                                "&amp;\">"));
    assert_non_null(strstr(svg, "aria-label=\"&lt;script&gt;&amp;&quot;q&quot;"
                                " 'x' 營\""));
    assert_non_null(strstr(svg, "aria-label=\"a\xef\xbf\xbd" "b c\xef\xbf\xbd"
                                "d\xe2\x80\x8f\""));
    assert_null(strstr(svg, "<script"));
    assert_well_formed(svg, "escaped");
    free(svg);
    scene_destroy(s);
}

/* A small chart-like scene: background, clipped fill, dashed polyline,
 * translucent band, marker, bold mixed title, rotated, anchored labels. */
static Scene *make_scene(Color background)
{
    Scene *s = scene_create(400, 300, background);
    scene_group_begin(s, "plot");
    scene_clip_push(s, 50, 50, 100, 100);
    scene_add_rect(s, 0, 0, 200, 200, red); /* only 50..150 survives */
    scene_clip_pop(s);
    scene_add_rect(s, 220, 200, 150, 60, (Color){0.1, 0.3, 0.8, 0.25});
    double dash[2] = {6, 3};
    scene_path_begin(s);
    scene_move_to(s, 60, 280);
    scene_line_to(s, 200, 200);
    scene_line_to(s, 380, 180);
    scene_stroke(s, blue, 2, dash, 2);
    scene_add_circle(s, 200, 200, 4, blue, white, 1.5);
    scene_group_end(s);
    scene_add_text(s, 20, 40, MIXED, 18, FONT_BOLD, ANCHOR_START, 0, black);
    scene_add_text(s, 30, 280, "營收 Revenue", 12, FONT_REGULAR, ANCHOR_START,
                   90, black);
    scene_add_text(s, 380, 120, "end 結束", 12, FONT_REGULAR, ANCHOR_END, 0,
                   black);
    scene_add_text(s, 280, 160, "middle 中", 12, FONT_REGULAR, ANCHOR_MIDDLE,
                   0, black);
    scene_add_text(s, 250, 240, "tilted", 12, FONT_REGULAR, ANCHOR_START, 30,
                   black);
    return s;
}

static void test_elements(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    char *svg = render_string(s);
    assert_non_null(strstr(svg, " width=\"400\" height=\"300\" "
                                "viewBox=\"0 0 400 300\" role=\"img\" "
                                "stroke-linecap=\"round\" "
                                "stroke-linejoin=\"round\">\n"));
    assert_non_null(strstr(svg, "<rect width=\"400\" height=\"300\" "
                                "fill=\"#ffffff\"/>\n"));
    assert_non_null(strstr(svg, "<clipPath id=\"c1\"><rect x=\"50\" "
                                "y=\"50\" width=\"100\" height=\"100\"/>"
                                "</clipPath>\n"));
    assert_non_null(strstr(svg, "<g clip-path=\"url(#c1)\">\n<path "
                                "d=\"M0 0L200 0 200 200 0 200Z\" "
                                "fill=\"#ff0000\"/>\n</g>\n"));
    assert_non_null(strstr(svg, "fill=\"#1a4dcc\" fill-opacity=\"0.25\"/>"));
    assert_non_null(strstr(svg, "<path d=\"M60 280L200 200 380 180\" "
                                "fill=\"none\" stroke=\"#1a4dcc\" "
                                "stroke-width=\"2\" "
                                "stroke-dasharray=\"6 3\"/>\n"));
    assert_non_null(strstr(svg, "<circle cx=\"200\" cy=\"200\" r=\"4\" "
                                "fill=\"#1a4dcc\" stroke=\"#ffffff\" "
                                "stroke-width=\"1.5\"/>\n"));
    assert_non_null(strstr(svg, "transform=\"translate(30 280) rotate(-90)\">"
                                "\n<g transform=\"translate(0) "
                                "scale(0.01171875 -0.01171875)\">\n"));
    assert_non_null(strstr(svg, "transform=\"translate(250 240) rotate(-30) "
                                "scale(0.006 -0.006)\">"));
    /* Latin (2000 units per em) and CJK (1024) in one string: a scaling
     * group per run */
    assert_non_null(strstr(svg, "<g aria-label=\"" MIXED "\" fill=\"#000000\" "
                                "transform=\"translate(20 40)\">\n"
                                "<g transform=\"translate(0) "
                                "scale(0.009 -0.009)\">\n"));
    assert_null(strstr(svg, "surface"));
    assert_well_formed(svg, "elements");
    free(svg);
    scene_destroy(s);

    s = make_scene((Color){1, 1, 1, 0});
    svg = render_string(s);
    assert_null(strstr(svg, "<rect width=\"400\""));
    free(svg);
    scene_destroy(s);
}

/* Same scene, same bytes: across renders and across font stacks. */
static void test_deterministic(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf a = {0}, b = {0}, c = {0};
    render_ok(s, &a);
    render_ok(s, &b);
    Error err;
    error_clear(&err);
    FontStack *other = fontstack_create(&err);
    assert_non_null(other);
    assert_int_equal(render_svg(s, other, SVG_TEXT_OUTLINES, &c, &err), 0);
    fontstack_destroy(other);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    assert_int_equal(a.len, c.len);
    assert_memory_equal(a.data, c.data, a.len);
    /* the public entry point gives the same document */
    ByteBuf d = {0};
    assert_int_equal(render_cairo(s, fs, OUTPUT_SVG, 1, &d, &err), 0);
    assert_int_equal(a.len, d.len);
    assert_memory_equal(a.data, d.data, a.len);
    bytebuf_free(&a);
    bytebuf_free(&b);
    bytebuf_free(&c);
    bytebuf_free(&d);
    scene_destroy(s);
}

/* Scenes the layout never makes still give well-formed SVG: unbalanced
 * and crossed groups and clips, paths out of range, degenerate sizes. */
static void test_malformed_scene_stays_well_formed(void **state)
{
    (void)state;
    Scene *s = scene_create(100, 100, white);
    scene_clip_pop(s);
    scene_group_end(s);
    scene_clip_push(s, 90, 90, -80, -80); /* = (10, 10, 80, 80) */
    scene_group_begin(s, "g");
    scene_clip_pop(s); /* crosses the group */
    scene_add_rect(s, 0, 0, 100, 100, red);
    scene_group_begin(s, "open");
    scene_path_begin(s);
    scene_line_to(s, 5, 5); /* no current point: a move, as in cairo */
    scene_line_to(s, 50, 50);
    scene_close_path(s);
    scene_close_path(s);
    double bad_dash[2] = {-1, 2};
    scene_stroke(s, black, 1, bad_dash, 2);
    scene_add_circle(s, 50, 50, -3, red, black, 1);
    scene_add_text(s, 10, 10, "x", NAN, FONT_REGULAR, ANCHOR_START, 0, black);
    s->ops[s->n_ops - 1].kind = OP_STROKE; /* text op as a path: no points */
    scene_add_line(s, 0, 0, 1e300, -INFINITY, black, 1, NULL, 0);
    char *svg = render_string(s);
    assert_non_null(strstr(svg, "<clipPath id=\"c1\"><rect x=\"10\" y=\"10\" "
                                "width=\"80\" height=\"80\"/>"));
    assert_non_null(strstr(svg, "<g clip-path=\"url(#c1)\">\n"
                                "<g class=\"g\">\n</g>\n</g>\n"
                                "<g class=\"g\">\n<path d=\"M0 0L100 0"));
    assert_non_null(strstr(svg, "<path d=\"M5 5L50 50Z\" fill=\"none\" "
                                "stroke=\"#000000\" stroke-width=\"1\"/>"));
    assert_non_null(strstr(svg, "<path d=\"M0 0L1e300 0\""));
    assert_null(strstr(svg, "<circle"));
    assert_int_equal(count(svg, "<g"), count(svg, "</g>"));
    assert_well_formed(svg, "malformed");
    free(svg);
    scene_destroy(s);

    Error err;
    error_clear(&err);
    ByteBuf out = {0};
    s = scene_create(0, 100, white);
    assert_int_equal(render_svg(s, fs, SVG_TEXT_OUTLINES, &out, &err), -1);
    assert_int_equal(err.kind, ERR_RENDER);
    assert_string_equal(err.message, "chart size 0x100 is empty; give a "
                                     "width and height above 0");
    scene_destroy(s);
}

/* ---- pictures ----------------------------------------------------------- */

typedef struct {
    long over[256]; /* over[t]: pixels whose largest channel difference
                       exceeds t */
    int width, height;
} PixelDiff;

static cairo_surface_t *load_png(const char *path)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
        fail_msg("cannot decode %s", path);
    cairo_surface_flush(img);
    return img;
}

/* Compares premultiplied ARGB pixel by pixel; writes diff_path (red where
 * the difference exceeds 64, pink above 16) when it is not NULL. */
static void pixel_diff(cairo_surface_t *a, cairo_surface_t *b, PixelDiff *d,
                       const char *diff_path)
{
    int w = cairo_image_surface_get_width(a);
    int h = cairo_image_surface_get_height(a);
    assert_int_equal(cairo_image_surface_get_width(b), w);
    assert_int_equal(cairo_image_surface_get_height(b), h);
    memset(d, 0, sizeof *d);
    d->width = w;
    d->height = h;
    cairo_surface_t *img =
        diff_path ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h)
                  : NULL;
    long hist[256] = {0};
    for (int y = 0; y < h; y++) {
        const uint32_t *pa = (const uint32_t *)(cairo_image_surface_get_data(a) +
                             (size_t)y * (size_t)cairo_image_surface_get_stride(a));
        const uint32_t *pb = (const uint32_t *)(cairo_image_surface_get_data(b) +
                             (size_t)y * (size_t)cairo_image_surface_get_stride(b));
        uint32_t *pd = img ? (uint32_t *)(cairo_image_surface_get_data(img) +
                            (size_t)y * (size_t)cairo_image_surface_get_stride(img))
                           : NULL;
        for (int x = 0; x < w; x++) {
            int m = 0;
            for (int shift = 0; shift < 32; shift += 8) {
                int va = (int)((pa[x] >> shift) & 255);
                int vb = (int)((pb[x] >> shift) & 255);
                int diff = va > vb ? va - vb : vb - va;
                if (diff > m)
                    m = diff;
            }
            hist[m]++;
            if (pd)
                pd[x] = m > 64 ? 0xff0000u : m > 16 ? 0xffb0b0u : 0xffffffu;
        }
    }
    long above = 0;
    for (int t = 255; t >= 0; t--) {
        d->over[t] = above;
        above += hist[t];
    }
    if (img) {
        cairo_surface_mark_dirty(img);
        cairo_surface_write_to_png(img, diff_path);
        cairo_surface_destroy(img);
    }
}

/* Renders scene with cairo to PNG and with render_svg + rsvg-convert to a
 * PNG of the same size (72 dpi: one pixel per point), then counts the
 * differing pixels. */
static void compare_backends(const Scene *scene, const char *name,
                             PixelDiff *d)
{
    Error err;
    error_clear(&err);
    char cairo_png[160], svg_path[160], svg_png[160];
    snprintf(cairo_png, sizeof cairo_png, "%s/%s-cairo.png", tmpdir, name);
    snprintf(svg_path, sizeof svg_path, "%s/%s.svg", tmpdir, name);
    snprintf(svg_png, sizeof svg_png, "%s/%s-out.png", tmpdir, name);
    assert_int_equal(render_cairo_file(scene, fs, cairo_png, 1, &err), 0);
    assert_int_equal(render_cairo_file(scene, fs, svg_path, 1, &err), 0);
    assert_int_equal(run("xmllint --noout '%s'", svg_path), 0);
    assert_int_equal(run("rsvg-convert --dpi-x 72 --dpi-y 72 -o '%s' '%s'",
                         svg_png, svg_path),
                     0);
    cairo_surface_t *a = load_png(cairo_png), *b = load_png(svg_png);
    pixel_diff(a, b, d, NULL);
    cairo_surface_destroy(a);
    cairo_surface_destroy(b);
}

/* On failure, keeps the two renderings and their difference. */
static void keep_failed(const char *name)
{
    char keep[] = "/tmp/aigrowth-svgdiff-XXXXXX";
    if (!mkdtemp(keep))
        return;
    char a[160], b[160], diff[160];
    snprintf(a, sizeof a, "%s/%s-cairo.png", tmpdir, name);
    snprintf(b, sizeof b, "%s/%s-out.png", tmpdir, name);
    snprintf(diff, sizeof diff, "%s/%s-diff.png", keep, name);
    cairo_surface_t *ia = load_png(a), *ib = load_png(b);
    PixelDiff d;
    pixel_diff(ia, ib, &d, diff);
    cairo_surface_destroy(ia);
    cairo_surface_destroy(ib);
    run("cp '%s' '%s' '%s/%s.svg' '%s/'", a, b, tmpdir, name, keep);
    print_error("%s: renderings and %s-diff.png kept in %s\n", name, name,
                keep);
}

/* The bounds come from looking at the differences: cairo's image backend
 * puts each glyph on a whole pixel, rsvg-convert draws the outline where
 * it is, so glyph edges differ by up to a fraction of a pixel; shapes
 * match to rounding. A glyph missing, misplaced by a pixel or in the
 * wrong colour shows as hundreds of pixels over 128. */
static void check_backends(const Scene *scene, const char *name,
                           double max_share_over_64, long max_over_128)
{
    PixelDiff d;
    compare_backends(scene, name, &d);
    double share = (double)d.over[64] / ((double)d.width * d.height);
    print_message("%s: %dx%d, pixels differing by more than 16: %ld, 64: %ld "
                  "(%.3f%%), 128: %ld\n",
                  name, d.width, d.height, d.over[16], d.over[64],
                  100 * share, d.over[128]);
    if (share > max_share_over_64 || d.over[128] > max_over_128) {
        keep_failed(name);
        fail_msg("%s: cairo and SVG renderings differ too much", name);
    }
}

static void test_picture_matches_cairo(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    check_backends(s, "scene", 0.007, 10);
    scene_destroy(s);
}

static void test_chart_picture_matches_cairo(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 1200,
                        .height = 1200, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 10, 1),
                        .title = MIXED,
                        .lang = LANG_ZH_TW, .theme = &theme_dark};
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, 1, NULL, &err);
    assert_non_null(ds);
    ChartBuilt built;
    assert_int_equal(chart_build(ds, &req, fs, &built, &err), 0);
    /* Its labels carry three lines of CJK text each (company, latest,
     * trend range): the diff image shows only glyph edges, 74 pixels of
     * them over 128. */
    check_backends(built.scene, "zh_dark_square", 0.0028, 100);
    chart_built_free(&built);
    dataset_destroy(ds);
}

/* ---- threads ------------------------------------------------------------ */

#define JOB_RENDERS 8

typedef struct {
    const Scene *scene;
    OutputFormat format;
    ByteBuf out[JOB_RENDERS];
    int rc;
} Job;

static void *render_job(void *arg)
{
    Job *job = arg;
    Error err;
    error_clear(&err);
    for (int i = 0; i < JOB_RENDERS; i++)
        if (render_cairo(job->scene, fs, job->format, 1, &job->out[i], &err))
            job->rc = -1;
    return NULL;
}

/* Many distinct CJK characters: each render measures them (FT_Get_Advance
 * past ASCII) and the SVG loads each outline (FT_Load_Glyph), both on the
 * shared faces. */
static Scene *make_cjk_scene(void)
{
    Scene *s = scene_create(600, 400, white);
    char line[3 * 40 + 1];
    unsigned long cp = 0x4E00;
    for (int row = 0; row < 12; row++) {
        size_t n = 0;
        for (int i = 0; i < 40; i++, cp += 7)
            n += utf8_encode(cp, line + n);
        line[n] = '\0';
        scene_add_text(s, 10, 30 + 30 * row, line, 14,
                       row % 2 ? FONT_BOLD : FONT_REGULAR, ANCHOR_START, 0,
                       black);
    }
    return s;
}

/* One FontStack shared by a PNG and an SVG render at the same time: each
 * gives the bytes it gives alone. With text.c's lock taken out, this
 * failed in about one run in three. */
static void test_concurrent_renders_share_fonts(void **state)
{
    (void)state;
    Scene *s = make_cjk_scene();
    ByteBuf png = {0}, svg = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(render_cairo(s, fs, OUTPUT_PNG, 1, &png, &err), 0);
    assert_int_equal(render_cairo(s, fs, OUTPUT_SVG, 1, &svg, &err), 0);
    Job jobs[2] = {{.scene = s, .format = OUTPUT_PNG},
                   {.scene = s, .format = OUTPUT_SVG}};
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_create(&threads[t], NULL, render_job,
                                        &jobs[t]),
                         0);
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_join(threads[t], NULL), 0);
    for (int t = 0; t < 2; t++) {
        const ByteBuf *want = t == 0 ? &png : &svg;
        assert_int_equal(jobs[t].rc, 0);
        for (int i = 0; i < JOB_RENDERS; i++) {
            assert_int_equal(jobs[t].out[i].len, want->len);
            assert_memory_equal(jobs[t].out[i].data, want->data, want->len);
            bytebuf_free(&jobs[t].out[i]);
        }
    }
    bytebuf_free(&png);
    bytebuf_free(&svg);
    scene_destroy(s);
}

/* A browser shows the SVG at the PNG's size: width and height in CSS
 * pixels, as many as the PNG has at scale 1 (a fractional size rounds up
 * as the PNG's does), the viewBox in points; role="img" labelled by a
 * <title> and <desc> holding the scene's info, escaped. */
static void test_size_in_pixels_with_title_and_desc(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    scene_set_info(s, "OpenAI & Anthropic <營收>", "Line chart: \"A\" > 'B'",
                   "Source: X");
    char *svg = render_string(s);
    assert_non_null(strstr(svg, " width=\"400\" height=\"300\" "
                                "viewBox=\"0 0 400 300\" role=\"img\" "
                                "aria-labelledby=\"chart-title chart-desc\""));
    assert_non_null(strstr(svg, ">\n<title id=\"chart-title\">OpenAI &amp; "
                                "Anthropic &lt;營收&gt;</title>\n"
                                "<desc id=\"chart-desc\">Line chart: "
                                "&quot;A&quot; &gt; 'B'</desc>\n"));
    assert_null(strstr(svg, "pt\""));
    assert_well_formed(svg, "title-desc");
    free(svg);

    Error err;
    error_clear(&err);
    ByteBuf png = {0};
    assert_int_equal(render_cairo(s, fs, OUTPUT_PNG, 1, &png, &err), 0);
    char path[128];
    snprintf(path, sizeof path, "%s/size.png", tmpdir);
    write_file(path, png.data, png.len);
    cairo_surface_t *img = load_png(path);
    assert_int_equal(cairo_image_surface_get_width(img), 400);
    assert_int_equal(cairo_image_surface_get_height(img), 300);
    cairo_surface_destroy(img);
    bytebuf_free(&png);
    scene_destroy(s);

    s = scene_create(400.5, 300.25, white);
    svg = render_string(s);
    assert_non_null(strstr(svg, " width=\"401\" height=\"301\" "
                                "viewBox=\"0 0 400.5 300.25\" role=\"img\" "
                                "stroke-linecap"));
    assert_null(strstr(svg, "<title"));
    assert_null(strstr(svg, "aria-labelledby"));
    free(svg);
    scene_destroy(s);
}

/* --svg-text: each string one <text> with the scene's size, weight,
 * anchor and colour, fonts named at the root, escaped through the same
 * function; no glyph outlines; well-formed, reproducible, and rsvg-convert
 * draws it to a PNG of the chart's size that decodes. */
static void test_text_elements(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    scene_add_text(s, 10, 20, "R&D <1>", 10, FONT_REGULAR, ANCHOR_START, 0,
                   black);
    scene_set_info(s, MIXED, NULL, NULL);
    char *svg = render_text_string(s, SVG_TEXT_ELEMENTS);
    assert_non_null(strstr(svg, " font-family=\"" SVG_FONT_FAMILIES "\">\n"
                                "<title id=\"chart-title\">" MIXED
                                "</title>\n"));
    assert_non_null(strstr(svg, "<text transform=\"translate(20 40)\" "
                                "font-size=\"18\" font-weight=\"bold\" "
                                "fill=\"#000000\">" MIXED "</text>\n"));
    assert_non_null(strstr(svg, "<text transform=\"translate(30 280) "
                                "rotate(-90)\" font-size=\"12\" "
                                "fill=\"#000000\">營收 Revenue</text>\n"));
    assert_non_null(strstr(svg, "<text transform=\"translate(380 120)\" "
                                "font-size=\"12\" text-anchor=\"end\" "
                                "fill=\"#000000\">end 結束</text>\n"));
    assert_non_null(strstr(svg, "text-anchor=\"middle\" fill=\"#000000\">"
                                "middle 中</text>"));
    assert_non_null(strstr(svg, ">R&amp;D &lt;1&gt;</text>"));
    assert_null(strstr(svg, "<use"));
    assert_null(strstr(svg, "aria-label=\""));
    assert_well_formed(svg, "text-elements");
    char *again = render_text_string(s, SVG_TEXT_ELEMENTS);
    assert_string_equal(svg, again);
    free(again);
    char path[128], png[128];
    snprintf(path, sizeof path, "%s/text-elements.svg", tmpdir);
    snprintf(png, sizeof png, "%s/text-elements.png", tmpdir);
    assert_int_equal(run("rsvg-convert -o '%s' '%s'", png, path), 0);
    cairo_surface_t *img = load_png(png);
    assert_int_equal(cairo_image_surface_get_width(img), 400);
    assert_int_equal(cairo_image_surface_get_height(img), 300);
    cairo_surface_destroy(img);
    free(svg);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_glyph_defined_once),
        cmocka_unit_test(test_labels_escaped),
        cmocka_unit_test(test_elements),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_malformed_scene_stays_well_formed),
        cmocka_unit_test(test_picture_matches_cairo),
        cmocka_unit_test(test_chart_picture_matches_cairo),
        cmocka_unit_test(test_concurrent_renders_share_fonts),
        cmocka_unit_test(test_size_in_pixels_with_title_and_desc),
        cmocka_unit_test(test_text_elements),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
