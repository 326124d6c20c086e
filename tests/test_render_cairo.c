/* test_render_cairo.c - scene to PNG/SVG/PDF: outputs decode and pass the
 * external checkers (xmllint, rsvg-convert, qpdf, pdftotext), text lands
 * where it was measured, output is reproducible, errors are exact.
 * Run from the project root. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <png.h>

#include "render_cairo.h"
#include "version.h"

#define MIXED "OpenAI 與 Anthropic 營收成長"
#define W 400.0
#define H 300.0

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
    snprintf(tmpdir, sizeof tmpdir, "/tmp/aigrowth-cairo-XXXXXX");
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

/* A small chart-like scene: background, clipped fill, dashed polyline,
 * marker, bold mixed title, rotated label, anchored labels. */
static Scene *make_scene(Color background)
{
    Scene *s = scene_create(W, H, background);
    scene_group_begin(s, "plot");
    scene_clip_push(s, 50, 50, 100, 100);
    scene_add_rect(s, 0, 0, 200, 200, red); /* only 50..150 survives */
    scene_clip_pop(s);
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
    return s;
}

static void render_ok(const Scene *s, OutputFormat format, double scale,
                      ByteBuf *out)
{
    Error err;
    error_clear(&err);
    int rc = render_cairo(s, fs, format, scale, out, &err);
    if (rc != 0)
        print_error("render_cairo: %s\n", err.message);
    assert_int_equal(rc, 0);
    assert_true(out->len > 0);
}

typedef struct {
    const ByteBuf *buf;
    size_t pos;
} Reader;

static cairo_status_t read_buf(void *closure, unsigned char *data,
                               unsigned int length)
{
    Reader *r = closure;
    if (r->buf->len - r->pos < length)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(data, r->buf->data + r->pos, length);
    r->pos += length;
    return CAIRO_STATUS_SUCCESS;
}

static cairo_surface_t *decode_png(const ByteBuf *png)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G',
                                         '\r', '\n', 0x1a, '\n'};
    assert_true(png->len > 8);
    assert_memory_equal(png->data, sig, 8);
    Reader r = {png, 0};
    cairo_surface_t *img =
        cairo_image_surface_create_from_png_stream(read_buf, &r);
    assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
    return img;
}

/* Premultiplied ARGB of pixel (x, y). */
static uint32_t pixel(cairo_surface_t *img, int x, int y)
{
    cairo_surface_flush(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    return *(const uint32_t *)(data + (size_t)y * (size_t)stride +
                               (size_t)x * 4);
}

/* Opaque pixels in [x0,x1)x[y0,y1) (clamped) with every channel below
 * half: the black text, not the red or blue shapes. */
static long dark_pixels(cairo_surface_t *img, int x0, int y0, int x1, int y1)
{
    int w = cairo_image_surface_get_width(img);
    int h = cairo_image_surface_get_height(img);
    long n = 0;
    for (int y = y0 < 0 ? 0 : y0; y < y1 && y < h; y++)
        for (int x = x0 < 0 ? 0 : x0; x < x1 && x < w; x++) {
            uint32_t p = pixel(img, x, y);
            unsigned g = (p >> 8) & 0xff, a = p >> 24;
            unsigned r = (p >> 16) & 0xff, b = p & 0xff;
            if (a > 128 && r < 128 && g < 128 && b < 128)
                n++;
        }
    return n;
}

static void test_png_decodes_and_draws(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf png = {0};
    render_ok(s, OUTPUT_PNG, 2, &png);
    cairo_surface_t *img = decode_png(&png);
    assert_int_equal(cairo_image_surface_get_width(img), 800);
    assert_int_equal(cairo_image_surface_get_height(img), 600);
    assert_int_equal(pixel(img, 2, 2), 0xffffffffu);
    /* clip: red inside 50..150, background just outside */
    assert_int_equal(pixel(img, 2 * 60, 2 * 60), 0xffff0000u);
    assert_int_equal(pixel(img, 2 * 160, 2 * 160), 0xffffffffu);
    assert_int_equal(pixel(img, 2 * 40, 2 * 60), 0xffffffffu);
    /* the title has ink inside its measured box and none past its end */
    double tw = text_width(fs, MIXED, FONT_BOLD, 18);
    double asc = text_ascent(fs, 18), desc = text_descent(fs, 18);
    int x_end = (int)(2 * (20 + tw));
    assert_true(dark_pixels(img, 40, (int)(2 * (40 - asc)), x_end, 80) > 500);
    assert_int_equal(dark_pixels(img, x_end + 2, (int)(2 * (40 - asc)), 800,
                                 (int)(2 * (40 + desc))),
                     0);
    /* ink both sides of the start of its CJK tail, so no run went missing */
    double head = text_width(fs, "OpenAI 與 Anthropic ", FONT_BOLD, 18);
    assert_true(dark_pixels(img, (int)(2 * (20 + head)), 40, x_end, 80) > 200);
    cairo_surface_destroy(img);
    bytebuf_free(&png);
    scene_destroy(s);
}

/* Ink of a label lies within its anchored box, horizontally. */
static void test_png_anchors(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf png = {0};
    render_ok(s, OUTPUT_PNG, 1, &png);
    cairo_surface_t *img = decode_png(&png);
    double we = text_width(fs, "end 結束", FONT_REGULAR, 12);
    assert_true(dark_pixels(img, (int)(380 - we), 105, 381, 124) > 30);
    assert_int_equal(dark_pixels(img, 382, 100, 400, 125), 0);
    assert_int_equal(dark_pixels(img, 0, 100, (int)(380 - we) - 2, 125), 0);
    double wm = text_width(fs, "middle 中", FONT_REGULAR, 12);
    long left = dark_pixels(img, (int)(280 - wm / 2) - 1, 145, 280, 164);
    long right = dark_pixels(img, 280, 145, (int)(280 + wm / 2) + 1, 164);
    assert_true(left > 20 && right > 20);
    assert_int_equal(dark_pixels(img, 0, 140, (int)(280 - wm / 2) - 2, 164),
                     0);
    assert_int_equal(dark_pixels(img, (int)(280 + wm / 2) + 2, 140, 400, 164),
                     0);
    /* rotated 90 degrees: reads upwards from (30, 280), ink above y=280
     * and left of x=30 (the glyphs' tops point left) */
    double wr = text_width(fs, "營收 Revenue", FONT_REGULAR, 12);
    assert_true(dark_pixels(img, 18, (int)(280 - wr), 31, 281) > 50);
    assert_int_equal(dark_pixels(img, 0, 282, 40, 300), 0);
    assert_int_equal(dark_pixels(img, 0, 150, 40, (int)(280 - wr) - 2), 0);
    cairo_surface_destroy(img);
    bytebuf_free(&png);
    scene_destroy(s);
}

static void test_png_transparent_background(void **state)
{
    (void)state;
    Scene *s = make_scene((Color){1, 1, 1, 0});
    ByteBuf png = {0};
    render_ok(s, OUTPUT_PNG, 1, &png);
    cairo_surface_t *img = decode_png(&png);
    assert_int_equal(pixel(img, 0, 0) >> 24, 0);
    assert_int_equal(pixel(img, 399, 299) >> 24, 0);
    assert_int_equal(pixel(img, 60, 60), 0xffff0000u);
    cairo_surface_destroy(img);
    bytebuf_free(&png);
    scene_destroy(s);
}

static void write_file(const char *path, const ByteBuf *b)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    assert_int_equal(fclose(f), 0);
}

static int run(const char *fmt, const char *arg1, const char *arg2)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, fmt, arg1, arg2);
    return system(cmd);
}

static void test_svg_parses_and_renders(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf svg = {0};
    render_ok(s, OUTPUT_SVG, 1, &svg);
    char path[128], png[128];
    snprintf(path, sizeof path, "%s/t.svg", tmpdir);
    snprintf(png, sizeof png, "%s/t-svg.png", tmpdir);
    write_file(path, &svg);
    assert_int_equal(run("xmllint --noout '%s'%s", path, ""), 0);
    assert_int_equal(run("rsvg-convert -o '%s' '%s'", png, path), 0);
    assert_true(strstr((const char *)svg.data, "width=\"400\"") != NULL);
    bytebuf_free(&svg);
    scene_destroy(s);
}

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = calloc(1, 65536);
    assert_non_null(buf);
    size_t n = fread(buf, 1, 65535, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void test_pdf_checks_and_extracts(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf pdf = {0};
    render_ok(s, OUTPUT_PDF, 1, &pdf);
    char path[128], txt[128];
    snprintf(path, sizeof path, "%s/t.pdf", tmpdir);
    snprintf(txt, sizeof txt, "%s/t.txt", tmpdir);
    write_file(path, &pdf);
    assert_int_equal(run("qpdf --check '%s' >/dev/null%s", path, ""), 0);
    assert_int_equal(run("pdftotext -q '%s' '%s'", path, txt), 0);
    char *text = read_text(txt);
    assert_non_null(strstr(text, "營收成長"));
    assert_non_null(strstr(text, "OpenAI"));
    assert_non_null(strstr(text, "Anthropic"));
    assert_non_null(strstr(text, "結束"));
    free(text);
    bytebuf_free(&pdf);
    scene_destroy(s);
}

static int contains(const ByteBuf *b, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= b->len; i++)
        if (memcmp(b->data + i, needle, n) == 0)
            return 1;
    return 0;
}

static int bytes_equal(const ByteBuf *a, const ByteBuf *b)
{
    return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/* Same scene, same bytes, in every format. */
static void test_output_is_reproducible(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
    Scene *s = make_scene(white);
    for (int f = OUTPUT_PNG; f <= OUTPUT_PDF; f++) {
        ByteBuf a = {0}, b = {0};
        render_ok(s, (OutputFormat)f, 1, &a);
        render_ok(s, (OutputFormat)f, 1, &b);
        if (f == OUTPUT_SVG) /* render_svg's, without cairo's surface ids */
            assert_false(contains(&a, "surface"));
        if (f == OUTPUT_PDF) /* cairo 1.16 leaves out the "D:" */
            assert_true(contains(&a, "/CreationDate (20231114221320Z)"));
        if (!bytes_equal(&a, &b))
            print_error("format %d differs between renders\n", f);
        assert_true(bytes_equal(&a, &b));
        bytebuf_free(&a);
        bytebuf_free(&b);
    }
    scene_destroy(s);
    unsetenv("SOURCE_DATE_EPOCH");
}

/* Without SOURCE_DATE_EPOCH the PDF carries no date, so it does not
 * change from one second to the next. */
static void test_pdf_without_source_date_has_no_date(void **state)
{
    (void)state;
    unsetenv("SOURCE_DATE_EPOCH");
    Scene *s = make_scene(white);
    ByteBuf a = {0}, b = {0};
    render_ok(s, OUTPUT_PDF, 1, &a);
    sleep(1);
    render_ok(s, OUTPUT_PDF, 1, &b);
    assert_false(contains(&a, "CreationDate"));
    assert_true(contains(&a, "/Creator (aigrowth)"));
    assert_true(bytes_equal(&a, &b));
    bytebuf_free(&a);
    bytebuf_free(&b);
    scene_destroy(s);
}

static void test_unknown_extension_message(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    Error err;
    error_clear(&err);
    assert_int_equal(render_cairo_file(s, fs, "x.gif", 1, &err), -1);
    assert_int_equal(err.kind, ERR_USAGE);
    assert_string_equal(err.message,
                        "cannot tell the output format from \"x.gif\"; use a "
                        ".png, .svg or .pdf file name");
    error_clear(&err);
    assert_int_equal(render_cairo_file(s, fs, "charts/noext", 1, &err), -1);
    assert_int_equal(err.kind, ERR_USAGE);
    scene_destroy(s);
}

static void test_bad_scale_is_refused(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf out = {0};
    Error err;
    error_clear(&err);
    assert_int_equal(render_cairo(s, fs, OUTPUT_PNG, 0, &out, &err), -1);
    assert_int_equal(err.kind, ERR_USAGE);
    error_clear(&err);
    assert_int_equal(render_cairo(s, fs, OUTPUT_PNG, 100, &out, &err), -1);
    assert_int_equal(err.kind, ERR_USAGE);
    assert_string_equal(err.message,
                        "a 400x300 chart at scale 100 is 40000x30000 pixels, "
                        "more than the 32767 a side PNG output allows; lower "
                        "the scale or the size");
    assert_int_equal(out.len, 0);
    scene_destroy(s);
}

/* Issue 8: a 100000x100000 PNG would need 40 GB; refused before cairo
 * allocates anything, as is one under the side limit but too large in
 * all (20000x20000, 1.6 GB). */
static void test_huge_png_refused_before_allocating(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    ByteBuf out = {0};
    Error err;
    s->width = s->height = 100000;
    error_clear(&err);
    assert_int_equal(render_cairo(s, fs, OUTPUT_PNG, 1, &out, &err), -1);
    assert_int_equal(err.kind, ERR_USAGE);
    assert_string_equal(err.message,
                        "a 100000x100000 chart at scale 1 is 100000x100000 "
                        "pixels, more than the 32767 a side PNG output "
                        "allows; lower the scale or the size");
    s->width = s->height = 10000;
    error_clear(&err);
    assert_int_equal(render_cairo(s, fs, OUTPUT_PNG, 2, &out, &err), -1);
    assert_int_equal(err.kind, ERR_USAGE);
    assert_string_equal(err.message,
                        "a 10000x10000 chart at scale 2 is 20000x20000 "
                        "pixels, more than the 100 million pixels a PNG may "
                        "have; lower the scale or the size");
    assert_int_equal(out.len, 0);
    scene_destroy(s);
}

static cairo_status_t count_bytes(void *closure, const unsigned char *data,
                                  unsigned int length)
{
    (void)data;
    *(size_t *)closure += length;
    return CAIRO_STATUS_SUCCESS;
}

/* Opaque charts are written as 8-bit RGB, transparent ones as RGBA, and
 * neither is more than 1.3 times what cairo's own PNG writer makes of the
 * same pixels. */
static void test_png_colour_type_and_size(void **state)
{
    (void)state;
    static const Color backgrounds[2] = {{1, 1, 1, 1}, {1, 1, 1, 0}};
    static const unsigned char types[2] = {2, 6};
    for (int i = 0; i < 2; i++) {
        Scene *s = make_scene(backgrounds[i]);
        ByteBuf png = {0};
        render_ok(s, OUTPUT_PNG, 2, &png);
        assert_true(png.len > 26);
        assert_memory_equal(png.data + 12, "IHDR", 4);
        assert_int_equal(png.data[24], 8);        /* bits per sample */
        assert_int_equal(png.data[25], types[i]); /* colour type */
        cairo_surface_t *img = decode_png(&png);
        size_t cairo_len = 0;
        assert_int_equal(
            cairo_surface_write_to_png_stream(img, count_bytes, &cairo_len),
            CAIRO_STATUS_SUCCESS);
        assert_true(png.len * 10 <= cairo_len * 13);
        cairo_surface_destroy(img);
        bytebuf_free(&png);
        scene_destroy(s);
    }
}

/* Writes each format through render_cairo_file (extension in any case)
 * and leaves exactly the named files behind: no temp files. */
static void test_file_written_atomically(void **state)
{
    (void)state;
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/aigrowth-out-XXXXXX");
    assert_non_null(mkdtemp(dir));
    Scene *s = make_scene(white);
    static const char *const names[] = {"a.png", "b.SVG", "c.Pdf"};
    for (size_t i = 0; i < 3; i++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        Error err;
        error_clear(&err);
        assert_int_equal(render_cairo_file(s, fs, path, 1, &err), 0);
        /* second write replaces the first in place */
        assert_int_equal(render_cairo_file(s, fs, path, 1, &err), 0);
    }
    DIR *d = opendir(dir);
    assert_non_null(d);
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        count++;
        assert_true(strcmp(e->d_name, "a.png") == 0 ||
                    strcmp(e->d_name, "b.SVG") == 0 ||
                    strcmp(e->d_name, "c.Pdf") == 0);
    }
    closedir(d);
    assert_int_equal(count, 3);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
    scene_destroy(s);
}

/* Regression: cairo caches font faces beyond a render, so a second
 * FontStack (new FT_Faces, maybe at recycled addresses) must still draw
 * correctly after the first is destroyed. */
static void test_render_after_fontstack_recreated(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    for (int i = 0; i < 2; i++) {
        Error err;
        error_clear(&err);
        FontStack *other = fontstack_create(&err);
        assert_non_null(other);
        ByteBuf png = {0};
        assert_int_equal(render_cairo(s, other, OUTPUT_PNG, 1, &png, &err), 0);
        fontstack_destroy(other);
        cairo_surface_t *img = decode_png(&png);
        assert_true(dark_pixels(img, 20, 20, 380, 45) > 300);
        cairo_surface_destroy(img);
        bytebuf_free(&png);
    }
    scene_destroy(s);
}

static long ink_of(const char *utf8, FontWeight weight)
{
    Scene *s = scene_create(100, 40, white);
    scene_add_text(s, 10, 30, utf8, 24, weight, ANCHOR_START, 0, black);
    ByteBuf png = {0};
    render_ok(s, OUTPUT_PNG, 1, &png);
    cairo_surface_t *img = decode_png(&png);
    long n = dark_pixels(img, 0, 0, 100, 40);
    cairo_surface_destroy(img);
    bytebuf_free(&png);
    scene_destroy(s);
    return n;
}

/* Regression: emboldening the bold CJK face once made regular CJK text
 * bold too, because cairo shares one font face per file and options. */
/* Markers are copied from sprites cairo drew once per look and quarter
 * pixel: next to cairo drawing each one, measured on this scene, of 29576
 * marked pixels 53 are off by more than 32/255 and none by more than 64
 * (a marker moves by at most 1/8 pixel). A clip cuts them. */
static void test_markers_match_cairo(void **state)
{
    (void)state;
    Scene *s = scene_create(300, 200, white);
    const Color colors[] = {{0, 0.45, 0.7, 1}, {0.9, 0.6, 0, 0.5},
                            {0.8, 0.47, 0.65, 1}};
    scene_clip_push(s, 20.5, 10.25, 250, 170.5);
    for (int i = 0; i < 300; i++) {
        double x = 10 + (i * 37 % 280) + (i % 7) * 0.13;
        double y = 5 + (i * 53 % 190) + (i % 5) * 0.21;
        Color c = colors[i % 3];
        if (i % 4 == 0)
            scene_add_circle(s, x, y, 2.6, c, white, 0.9);
        else if (i % 4 == 1)
            scene_add_circle(s, x, y, 1.5 + (i % 3), c, black, 0.5);
        else
            scene_add_circle(s, x, y, 3.1, c, (Color){0, 0, 0, 0}, 0);
    }
    scene_clip_pop(s);
    ByteBuf png = {0};
    render_ok(s, OUTPUT_PNG, 2.0, &png);
    cairo_surface_t *got = decode_png(&png);

    cairo_surface_t *want = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
                                                       600, 400);
    cairo_t *cr = cairo_create(want);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, 2, 2);
    cairo_rectangle(cr, 20.5, 10.25, 250, 170.5);
    cairo_clip(cr);
    for (size_t i = 0; i < s->n_ops; i++) {
        const SceneOp *op = &s->ops[i];
        if (op->kind != OP_CIRCLE)
            continue;
        cairo_new_path(cr);
        cairo_arc(cr, op->x, op->y, op->r, 0, 2 * 3.14159265358979323846);
        cairo_set_source_rgba(cr, op->fill.r, op->fill.g, op->fill.b,
                              op->fill.a);
        cairo_fill_preserve(cr);
        if (op->line_width > 0 && op->stroke.a > 0) {
            cairo_set_source_rgba(cr, op->stroke.r, op->stroke.g,
                                  op->stroke.b, op->stroke.a);
            cairo_set_line_width(cr, op->line_width);
            cairo_stroke(cr);
        }
        cairo_new_path(cr);
    }
    cairo_destroy(cr);
    cairo_surface_flush(want);

    long marked = 0, off32 = 0, off64 = 0;
    for (int y = 0; y < 400; y++)
        for (int x = 0; x < 600; x++) {
            uint32_t a = pixel(want, x, y), b = pixel(got, x, y);
            int worst = 0;
            for (int k = 0; k < 32; k += 8) {
                int d = abs((int)((a >> k) & 0xff) - (int)((b >> k) & 0xff));
                worst = d > worst ? d : worst;
            }
            marked += a != 0xffffffffu;
            off32 += worst > 32;
            off64 += worst > 64;
            /* outside the clip nothing is drawn */
            if (x < 41 || x >= 541 || y < 20 || y >= 362)
                assert_int_equal(b, 0xffffffffu);
        }
    assert_true(marked > 20000);
    assert_int_equal(off64, 0);
    assert_true(off32 <= 100);
    cairo_surface_destroy(want);
    cairo_surface_destroy(got);
    bytebuf_free(&png);
    scene_destroy(s);
}

static void test_regular_cjk_stays_regular(void **state)
{
    (void)state;
    long regular = ink_of("營收", FONT_REGULAR);
    long bold = ink_of("營收", FONT_BOLD);
    assert_true(regular > 50);
    assert_true(bold > regular + regular / 5);
    assert_int_equal(ink_of("營收", FONT_REGULAR), regular);
}

/* libpng reads from a ByteBuf. */
static void png_read_buf(png_structp png, png_bytep data, png_size_t len)
{
    Reader *r = png_get_io_ptr(png);
    assert_true(r->buf->len - r->pos >= len);
    memcpy(data, r->buf->data + r->pos, len);
    r->pos += len;
}

/* The pHYs and iTXt chunks of png as libpng reads them back: the pixels
 * per metre (0 without pHYs) and the text of each keyword into texts
 * (keys[i] -> texts[i], "" when absent). No tIME may be there. */
static unsigned long png_meta(const ByteBuf *buf, const char *const *keys,
                              char texts[][512], size_t n_keys)
{
    png_structp png =
        png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    assert_non_null(info);
    Reader r = {buf, 0};
    png_set_read_fn(png, &r, png_read_buf);
    png_read_info(png, info);
    png_uint_32 x = 0, y = 0;
    int unit = -1;
    unsigned long ppm = 0;
    if (png_get_pHYs(png, info, &x, &y, &unit)) {
        assert_int_equal(x, y);
        assert_int_equal(unit, PNG_RESOLUTION_METER);
        ppm = x;
    }
    assert_false(png_get_valid(png, info, PNG_INFO_tIME));
    png_textp text;
    int n = 0;
    png_get_text(png, info, &text, &n);
    for (size_t k = 0; k < n_keys; k++) {
        texts[k][0] = '\0';
        for (int i = 0; i < n; i++) {
            if (strcmp(text[i].key, keys[k]) != 0)
                continue;
            assert_int_equal(text[i].compression, PNG_ITXT_COMPRESSION_NONE);
            snprintf(texts[k], 512, "%s", text[i].text);
        }
    }
    png_destroy_read_struct(&png, &info, NULL);
    return ppm;
}

/* A 2x PNG is placed at the size of the 1x one: 72 dpi times the scale,
 * round(72 * scale / 0.0254) pixels a metre; the scene's title, alt text
 * and source line and the program come back from iTXt as given. */
static void test_png_carries_resolution_and_text(void **state)
{
    (void)state;
    Scene *s = make_scene(white);
    scene_set_info(s, "OpenAI & Anthropic 營收", "Line chart: <growth> 成長",
                   "Source: Reuters \xc2\xb7 Chart: aigrowth");
    static const char *const keys[] = {"Title", "Description", "Source",
                                       "Software"};
    char texts[4][512];
    const double scales[] = {1, 2};
    const unsigned long ppm[] = {2835, 5669};
    for (int i = 0; i < 2; i++) {
        ByteBuf png = {0};
        render_ok(s, OUTPUT_PNG, scales[i], &png);
        assert_int_equal(png_meta(&png, keys, texts, 4), ppm[i]);
        assert_string_equal(texts[0], "OpenAI & Anthropic 營收");
        assert_string_equal(texts[1], "Line chart: <growth> 成長");
        assert_string_equal(texts[2], "Source: Reuters \xc2\xb7 Chart: aigrowth");
        assert_string_equal(texts[3], "aigrowth " AIGROWTH_VERSION);
        bytebuf_free(&png);
    }
    /* Without info only the program is named. */
    scene_set_info(s, NULL, "", NULL);
    ByteBuf png = {0};
    render_ok(s, OUTPUT_PNG, 1, &png);
    assert_int_equal(png_meta(&png, keys, texts, 4), 2835);
    assert_string_equal(texts[0], "");
    assert_string_equal(texts[1], "");
    assert_string_equal(texts[3], "aigrowth " AIGROWTH_VERSION);
    bytebuf_free(&png);
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_png_decodes_and_draws),
        cmocka_unit_test(test_markers_match_cairo),
        cmocka_unit_test(test_png_anchors),
        cmocka_unit_test(test_png_transparent_background),
        cmocka_unit_test(test_svg_parses_and_renders),
        cmocka_unit_test(test_pdf_checks_and_extracts),
        cmocka_unit_test(test_output_is_reproducible),
        cmocka_unit_test(test_pdf_without_source_date_has_no_date),
        cmocka_unit_test(test_unknown_extension_message),
        cmocka_unit_test(test_bad_scale_is_refused),
        cmocka_unit_test(test_huge_png_refused_before_allocating),
        cmocka_unit_test(test_png_colour_type_and_size),
        cmocka_unit_test(test_file_written_atomically),
        cmocka_unit_test(test_render_after_fontstack_recreated),
        cmocka_unit_test(test_regular_cjk_stays_regular),
        cmocka_unit_test(test_png_carries_resolution_and_text),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
