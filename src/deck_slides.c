/* deck_slides.c - the report as a deck (report_deck_render): a title
 * slide, the key-figures tables, a slide per chart and the sources, each
 * read from what the PDF prints.
 *
 * The key figures are the Doc's own tables (report_keys.c keeps each
 * table it draws), laid out for 16:9 pages, so the deck splits them
 * where a slides-format PDF does and every number is the analysis' as
 * the PDF words it. A chart slide shows the chart's scene without its
 * "header" group (title, subtitle, source line) as a picture, and that
 * group's text as editable text boxes where the chart draws it: the
 * slide looks like the chart file, and its words can be edited. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "render_cairo.h"
#include "report.h"
#include "report_captions.h"
#include "report_doc.h"
#include "report_keys.h"
#include "report_labels.h"
#include "report_sources.h"
#include "text_flow.h"
#include "theme.h"
#include "util.h"

#define MARGIN 48.0

/* Text box top for a line whose baseline is at y: the ascent above it. */
static double top_of(double baseline, double size)
{
    return baseline - size * 0.98;
}

/* ---- title slide ------------------------------------------------------- */

static void title_slide(Deck *deck, Doc *d)
{
    const ReportContent *rc = d->rc;
    DeckSlide *s = deck_slide_add(deck);
    double w = DECK_WIDTH - 2 * MARGIN, y = 150;
    char lines[2][TEXT_FLOW_LINE], buf[1024], tmp[256];
    size_t n = text_flow_lines(d->fs, rc->title, FONT_BOLD, 40, w, lines, 2);
    snprintf(buf, sizeof buf, "%s%s%s", lines[0], n > 1 ? "\n" : "",
             n > 1 ? lines[1] : "");
    DeckText *t = deck_text_add(s, MARGIN, top_of(y, 40), w,
                                (double)n * 50 + 8, buf, 40, 1, THEME_INK);
    t->name = "Title";
    t->wrap = 0;
    y += (double)n * 50;
    if (rc->subtitle && rc->subtitle[0]) {
        n = text_flow_lines(d->fs, rc->subtitle, FONT_REGULAR, 22, w, lines,
                            2);
        snprintf(buf, sizeof buf, "%s%s%s", lines[0], n > 1 ? "\n" : "",
                 n > 1 ? lines[1] : "");
        t = deck_text_add(s, MARGIN, top_of(y, 22), w, (double)n * 31 + 6,
                          buf, 22, 0, THEME_INK_SOFT);
        t->name = "Subtitle";
        t->wrap = 0;
        y += (double)n * 31;
    }
    if (rc->author && rc->author[0]) {
        y += 14;
        t = deck_text_add(s, MARGIN, top_of(y, 17), w, 24, rc->author, 17, 1,
                          THEME_INK);
        t->name = "Credit";
        y += 20;
    }
    y += 56;
    snprintf(buf, sizeof buf, L(d, "Data as of %s", "資料截至%s"),
             label_date(d->lang, rc->data_as_of, DATE_DAY, tmp, sizeof tmp));
    t = deck_text_add(s, MARGIN, top_of(y, 16), w, 22, buf, 16, 0, THEME_INK);
    t->name = "Data as of";
    y += 25;
    label_day(d->lang, rc->generated, tmp, sizeof tmp);
    snprintf(buf, sizeof buf, L(d, "Generated %s", "製作於%s"), tmp);
    t = deck_text_add(s, MARGIN, top_of(y, 16), w, 22, buf, 16, 0,
                      THEME_INK_SOFT);
    t->name = "Date";
    deck_notes_add(s, rc->title);
    if (rc->subtitle && rc->subtitle[0])
        deck_notes_add(s, rc->subtitle);
}

/* ---- key figures ------------------------------------------------------- */

static double text_w(const Doc *d, const char *s, FontWeight wt, double size)
{
    return text_width(d->fs, s, wt, size);
}

/* One table of the Doc as a native table at y; returns the y below. */
static double key_table(DeckSlide *s, Doc *d, const DocTable *kt, double y)
{
    const double size = 12, row_h = 22, small = 11;
    DeckText *t = deck_text_add(s, MARGIN, y, DECK_WIDTH - 2 * MARGIN, 24,
                                kt->heading, 17, 1, THEME_INK);
    t->name = "Heading";
    y += 26;
    if (kt->note[0]) {
        char lines[4][TEXT_FLOW_LINE];
        size_t n = text_flow_lines(d->fs, kt->note, FONT_REGULAR, small,
                                   DECK_WIDTH - 2 * MARGIN, lines, 4);
        t = deck_text_add(s, MARGIN, y, DECK_WIDTH - 2 * MARGIN,
                          (double)n * small * 1.25 + 4, kt->note, small, 0,
                          THEME_INK_SOFT);
        t->name = "Note";
        y += (double)n * small * 1.25 + 8;
    }
    DeckTable *tb = deck_table_add(s, MARGIN, y, kt->n_rows + 1, kt->n_cols,
                                   size, row_h);
    /* Chinese gets more room: a viewer's CJK face and its spacing
       between Chinese and digits ("2026 年 5 月") run wider than ours. */
    double air = lang_is_chinese(d->lang) ? 1.2 : 1.05, total = 0;
    for (size_t c = 0; c < kt->n_cols; c++) {
        double w = text_w(d, kt->head[c], FONT_BOLD, size);
        for (size_t r = 0; r < kt->n_rows; r++)
            w = fmax(w, text_w(d, kt->cells[r][c], FONT_REGULAR, size));
        tb->col_w[c] = w * air + 10;   /* the cell's margins */
        tb->figure[c] = kt->figure[c];
        total += tb->col_w[c];
        deck_table_set(tb, 0, c, kt->head[c]);
        for (size_t r = 0; r < kt->n_rows; r++)
            deck_table_set(tb, r + 1, c, kt->cells[r][c]);
    }
    /* The table spans the text width, each column widened (or, for a
       table too wide, narrowed) in proportion. */
    double avail = DECK_WIDTH - 2 * MARGIN;
    for (size_t c = 0; total > 0 && c < kt->n_cols; c++)
        tb->col_w[c] *= avail / total;
    return y + row_h * (double)(kt->n_rows + 1) + 14;
}

/* The slides-format Doc's key-figures pages, one slide each. Returns
 * the number of slides added. */
static size_t key_slides(Deck *deck, Doc *d)
{
    size_t added = 0;
    for (size_t i = 0; i < d->n_tables;) {
        size_t page = d->tables[i].page;
        DeckSlide *s = deck_slide_add(deck);
        added++;
        const char *head = L(d, "Key figures", "關鍵數據");
        char cont[128];
        doc_continued_title(d, head, cont, sizeof cont);
        DeckText *t = deck_text_add(s, MARGIN, 30, DECK_WIDTH - 2 * MARGIN,
                                    40, added == 1 ? head : cont, 28, 1,
                                    THEME_INK);
        t->name = "Title";
        double y = 82;
        for (; i < d->n_tables && d->tables[i].page == page; i++) {
            y = key_table(s, d, &d->tables[i], y);
            deck_notes_add(s, d->tables[i].heading);
            if (d->tables[i].note[0])
                deck_notes_add(s, d->tables[i].note);
        }
    }
    return added;
}

/* ---- chart slides ------------------------------------------------------ */

/* Copies op of src onto dst at the same coordinates. */
static void copy_op(Scene *dst, const Scene *src, const SceneOp *op)
{
    switch (op->kind) {
    case OP_FILL:
    case OP_STROKE: {
        PathWalk w;
        scene_path_walk(src, op, &w);
        scene_path_begin(dst);
        PathVerb v;
        Point p;
        while (path_walk_next(&w, &v, &p)) {
            if (v == PATH_MOVE)
                scene_move_to(dst, p.x, p.y);
            else if (v == PATH_LINE)
                scene_line_to(dst, p.x, p.y);
            else
                scene_close_path(dst);
        }
        if (op->kind == OP_FILL)
            scene_fill(dst, op->fill);
        else
            scene_stroke(dst, op->stroke, op->line_width, op->dash,
                         op->n_dash);
        break;
    }
    case OP_CIRCLE:
        scene_add_circle(dst, op->x, op->y, op->r, op->fill, op->stroke,
                         op->line_width);
        break;
    case OP_TEXT:
        scene_add_text(dst, op->x, op->y, scene_op_text(src, op),
                       op->font_size, op->weight, op->anchor, op->angle,
                       op->fill);
        break;
    case OP_CLIP_PUSH:
        scene_clip_push(dst, op->x, op->y, op->w, op->h);
        break;
    case OP_CLIP_POP:
        scene_clip_pop(dst);
        break;
    case OP_GROUP_BEGIN:
        scene_group_begin(dst, scene_op_text(src, op));
        break;
    case OP_GROUP_END:
        scene_group_end(dst);
        break;
    }
}

/* The chart without its header group (a new scene, caller frees); the
 * header's texts are left in header[0 .. *n) (borrowed from src). */
static Scene *plot_only(const Scene *src, const SceneOp **header, size_t *n,
                        size_t max)
{
    Scene *dst = scene_create(src->width, src->height, src->background);
    scene_set_info(dst, src->info.title, src->info.description,
                   src->info.source);
    size_t depth = 0;   /* inside the header group: its nesting depth */
    *n = 0;
    for (size_t i = 0; i < src->n_ops; i++) {
        const SceneOp *op = &src->ops[i];
        if (depth > 0) {
            if (op->kind == OP_GROUP_BEGIN)
                depth++;
            else if (op->kind == OP_GROUP_END)
                depth--;
            else if (op->kind == OP_TEXT && *n < max)
                header[(*n)++] = op;
            continue;
        }
        if (op->kind == OP_GROUP_BEGIN &&
            !strcmp(scene_op_text(src, op), "header")) {
            depth = 1;
            continue;
        }
        copy_op(dst, src, op);
    }
    return dst;
}

/* The header's texts as text boxes: runs of lines of one size and weight
 * become one box, named by what they are (title, subtitle, source). */
static void header_boxes(DeckSlide *s, const Scene *src, const SceneOp **ops,
                         size_t n, double k, double ox, double oy)
{
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && ops[j]->weight == ops[i]->weight &&
               ops[j]->font_size == ops[i]->font_size &&
               color_equal(ops[j]->fill, ops[i]->fill) &&
               fabs(ops[j]->y - ops[j - 1]->y) < ops[i]->font_size * 2)
            j++;
        char *text = xstrdup(scene_op_text(src, ops[i]));
        for (size_t m = i + 1; m < j; m++) {
            char *more = xstrfmt("%s\n%s", text, scene_op_text(src, ops[m]));
            free(text);
            text = more;
        }
        double size = ops[i]->font_size * k;
        double x = ox + ops[i]->x * k, y = oy + top_of(ops[i]->y * k, size);
        double h = (double)(j - i) * size * 1.2 + size * 0.3;
        DeckText *t = deck_text_add(s, x, y, DECK_WIDTH - x - 12, h, text,
                                    size, ops[i]->weight == FONT_BOLD,
                                    ops[i]->fill);
        t->wrap = 0;
        t->name = ops[i]->weight == FONT_BOLD ? "Title"
                  : ops[i]->y > src->height * 0.8 ? "Source"
                                                   : "Subtitle";
        free(text);
        i = j;
    }
}

static int chart_slide(Deck *deck, Doc *d, size_t index, Error *err)
{
    const ReportChart *ch = &d->rc->charts[index];
    Scene *owned;
    const Scene *cs = report_chart_scene(ch, &owned, err);
    if (!cs)
        return -1;
    DeckSlide *s = deck_slide_add(deck);
    const SceneOp *header[32];
    size_t n_header;
    Scene *plot = plot_only(cs, header, &n_header, 32);
    double k = fmin(DECK_WIDTH / cs->width, DECK_HEIGHT / cs->height);
    double w = cs->width * k, h = cs->height * k;
    double ox = (DECK_WIDTH - w) / 2, oy = (DECK_HEIGHT - h) / 2;
    DeckPicture *pic = xcalloc(1, sizeof *pic);
    *pic = (DeckPicture){.x = ox, .y = oy, .w = w, .h = h};
    s->picture = pic;
    pic->descr = xstrdup(cs->info.description ? cs->info.description
                         : cs->info.title     ? cs->info.title
                                              : "");
    /* 1920 x 1080 pixels for a 960 x 540 pt chart: sharp on a projector. */
    int rc = render_cairo(plot, d->fs, OUTPUT_PNG, 2.0, &pic->png, err);
    if (rc == 0)
        rc = render_cairo(plot, d->fs, OUTPUT_SVG, 1.0, &pic->svg, err);
    header_boxes(s, cs, header, n_header, k, ox, oy);
    scene_destroy(plot);
    scene_destroy(owned);
    char text[4096];
    report_caption(d, ch, text, sizeof text);
    if (text[0])
        deck_notes_add(s, text);
    report_method_sentence(d, ch, text, sizeof text);
    deck_notes_add(s, text);
    return rc;
}

/* ---- sources ----------------------------------------------------------- */

typedef struct {
    Deck *deck;
    Doc *d;
    DeckSlide *slide;
    double y;
    size_t slides;
} SourcePages;

static void source_slide(SourcePages *sp)
{
    const char *head = L(sp->d, "Sources", "資料來源");
    char cont[128];
    doc_continued_title(sp->d, head, cont, sizeof cont);
    sp->slide = deck_slide_add(sp->deck);
    DeckText *t = deck_text_add(sp->slide, MARGIN, 30,
                                DECK_WIDTH - 2 * MARGIN, 40,
                                sp->slides ? cont : head, 28, 1, THEME_INK);
    t->name = "Title";
    sp->y = 80;
    sp->slides++;
}

#define SRC_SIZE 9.0
#define SRC_LEAD (SRC_SIZE * 1.2)
#define SRC_BOTTOM (DECK_HEIGHT - 30)

/* A data file's sources, packed onto as few slides as they fit: each
 * source one paragraph in the file's box, with its detail after it. */
static void source_file(SourcePages *sp, const DataFile *df)
{
    Doc *d = sp->d;
    size_t n;
    ReportSourceLine *lines = report_source_lines(d, df->path, &n);
    double w = DECK_WIDTH - 2 * MARGIN;
    char head[1024];
    snprintf(head, sizeof head, L(d, "%s " EM_DASH " %zu rows",
                                  "%s " EM_DASH " %zu筆"),
             df->path, df->rows);
    for (size_t k = 0; k < n || k == 0;) {
        if (sp->y + 40 > SRC_BOTTOM)
            source_slide(sp);
        DeckText *t = deck_text_add(sp->slide, MARGIN, sp->y, w, 16, head,
                                    11, 1, THEME_INK);
        t->name = "Heading";
        sp->y += 17;
        char *body = xstrdup("");
        double top = sp->y;
        for (; k < n; k++) {
            char *para = xstrfmt("%s (%s)", lines[k].text, lines[k].detail);
            /* Measured with our fonts, with a twentieth of the width to
               spare for the viewer's, which may run wider; the box sets
               the line pitch, so the height is the viewer's too. */
            TextFlowSpan spans[TEXT_FLOW_MAX_LINES];
            size_t nl = text_flow_wrap(d->fs, para, FONT_REGULAR, SRC_SIZE,
                                       w * 0.95, spans, TEXT_FLOW_MAX_LINES);
            double need = (double)nl * SRC_LEAD;
            if (sp->y + need > SRC_BOTTOM && sp->y > top) {
                free(para);
                break;
            }
            char *more = body[0] ? xstrfmt("%s\n%s", body, para)
                                 : xstrdup(para);
            free(body);
            free(para);
            body = more;
            sp->y += need;
        }
        if (body[0]) {
            t = deck_text_add(sp->slide, MARGIN, top, w, sp->y - top, body,
                              SRC_SIZE, 0, THEME_INK);
            t->name = "Sources";
            t->lead = SRC_LEAD;
        }
        free(body);
        sp->y += 8;
        if (k < n) {
            source_slide(sp);
            doc_continued_title(d, df->path, head, sizeof head);
        } else {
            break;
        }
    }
    for (size_t k = 0; k < n; k++) {
        char *note = xstrfmt("%s: %s (%s)", df->path, lines[k].text,
                             lines[k].detail);
        deck_notes_add(sp->slide, note);
        free(note);
    }
    report_source_lines_free(lines, n);
}

static void source_slides(Deck *deck, Doc *d)
{
    SourcePages sp = {.deck = deck, .d = d};
    source_slide(&sp);
    for (size_t i = 0; i < d->rc->n_files; i++)
        source_file(&sp, &d->rc->files[i]);
}

/* ---- the deck ---------------------------------------------------------- */

int report_deck_render(const ReportContent *content, const FontStack *fs,
                       time_t when, ByteBuf *out, Error *err)
{
    ReportContent rc = *content;
    if (!rc.title || !rc.title[0])
        rc.title = lang_pick(rc.lang, "AI company growth", "AI 公司成長");
    rc.paper = REPORT_SLIDES;
    Doc d = {.rc = &rc, .fs = fs, .g = doc_geometry(REPORT_SLIDES),
             .lang = rc.lang,
             .level = rc.level > 0 && rc.level < 1 ? rc.level : 0.80};
    doc_page_add(&d, d.g.tw, d.g.th);
    report_keys_build(&d);
    Deck deck = {.title = rc.title, .subject = rc.subtitle,
                 .author = rc.author, .lang = rc.lang, .when = when};
    title_slide(&deck, &d);
    key_slides(&deck, &d);
    int code = 0;
    for (size_t i = 0; i < rc.n_charts && code == 0; i++)
        if (rc.charts[i].scene || rc.charts[i].lay_out)
            code = chart_slide(&deck, &d, i, err);
    if (code == 0) {
        source_slides(&deck, &d);
        code = deck_write(&deck, out, err);
    }
    deck_free(&deck);
    doc_free(&d);
    return code;
}
