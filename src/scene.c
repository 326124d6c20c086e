/* scene.c - the display list and its text dump. */
#include "scene.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

int color_equal(Color a, Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a;
}

int color_parse(const char *hex, Color *out)
{
    size_t len = hex ? strlen(hex) : 0;
    if ((len != 7 && len != 9) || hex[0] != '#')
        return -1;
    unsigned int part[4] = {0, 0, 0, 255};
    for (size_t i = 0; i < (len - 1) / 2; i++) {
        unsigned int v = 0;
        for (size_t k = 0; k < 2; k++) {
            char c = hex[1 + 2 * i + k];
            int d = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            if (d < 0)
                return -1;
            v = v * 16 + (unsigned int)d;
        }
        part[i] = v;
    }
    *out = (Color){part[0] / 255.0, part[1] / 255.0, part[2] / 255.0,
                   part[3] / 255.0};
    return 0;
}

Scene *scene_create(double width, double height, Color background)
{
    Scene *scene = xcalloc(1, sizeof *scene);
    scene->width = width;
    scene->height = height;
    scene->background = background;
    return scene;
}

int scene_check_size(const Scene *scene, Error *err)
{
    if (scene->width > 0 && scene->height > 0 && isfinite(scene->width) &&
        isfinite(scene->height))
        return 0;
    error_set(err, ERR_RENDER, NULL, 0, 0,
              "chart size %gx%g is empty; give a width and height above 0",
              scene->width, scene->height);
    return -1;
}

void scene_destroy(Scene *scene)
{
    if (!scene)
        return;
    free(scene->ops);
    free(scene->verbs);
    free(scene->points);
    free(scene->text);
    scene_set_info(scene, NULL, NULL, NULL);
    free(scene);
}

static void set_info_text(char **field, const char *text)
{
    free(*field);
    *field = text && *text ? xstrdup(text) : NULL;
}

void scene_set_info(Scene *scene, const char *title, const char *description,
                    const char *source)
{
    set_info_text(&scene->info.title, title);
    set_info_text(&scene->info.description, description);
    set_info_text(&scene->info.source, source);
}

static SceneOp *push_op(Scene *scene, OpKind kind)
{
    grow_array((void **)&scene->ops, &scene->cap_ops, scene->n_ops + 1,
               sizeof *scene->ops);
    SceneOp *op = &scene->ops[scene->n_ops++];
    memset(op, 0, sizeof *op);
    op->kind = kind;
    return op;
}

/* Copies s into the text pool; returns its offset. */
static size_t push_text(Scene *scene, const char *s)
{
    size_t len = strlen(s) + 1;
    grow_array((void **)&scene->text, &scene->text_cap, scene->text_len + len,
               1);
    size_t offset = scene->text_len;
    memcpy(scene->text + offset, s, len);
    scene->text_len += len;
    return offset;
}

static void push_verb(Scene *scene, PathVerb verb)
{
    grow_array((void **)&scene->verbs, &scene->cap_verbs, scene->n_verbs + 1,
               sizeof *scene->verbs);
    scene->verbs[scene->n_verbs++] = verb;
}

static void push_point(Scene *scene, double x, double y)
{
    grow_array((void **)&scene->points, &scene->cap_points,
               scene->n_points + 1, sizeof *scene->points);
    scene->points[scene->n_points++] = (Point){x, y};
}

void scene_path_begin(Scene *scene)
{
    scene->path_first_verb = scene->n_verbs;
    scene->path_first_point = scene->n_points;
}

void scene_move_to(Scene *scene, double x, double y)
{
    push_verb(scene, PATH_MOVE);
    push_point(scene, x, y);
}

void scene_line_to(Scene *scene, double x, double y)
{
    push_verb(scene, PATH_LINE);
    push_point(scene, x, y);
}

void scene_polyline(Scene *scene, const Point *p, size_t n)
{
    if (n == 0)
        return;
    grow_array((void **)&scene->verbs, &scene->cap_verbs, scene->n_verbs + n,
               sizeof *scene->verbs);
    grow_array((void **)&scene->points, &scene->cap_points,
               scene->n_points + n, sizeof *scene->points);
    PathVerb *verbs = scene->verbs + scene->n_verbs;
    verbs[0] = PATH_MOVE;
    for (size_t i = 1; i < n; i++)
        verbs[i] = PATH_LINE;
    memcpy(scene->points + scene->n_points, p, n * sizeof *p);
    scene->n_verbs += n;
    scene->n_points += n;
}

void scene_close_path(Scene *scene)
{
    push_verb(scene, PATH_CLOSE);
}

static SceneOp *finish_path(Scene *scene, OpKind kind)
{
    SceneOp *op = push_op(scene, kind);
    op->first_verb = scene->path_first_verb;
    op->n_verbs = scene->n_verbs - scene->path_first_verb;
    op->first_point = scene->path_first_point;
    op->n_points = scene->n_points - scene->path_first_point;
    scene_path_begin(scene);
    return op;
}

void scene_fill(Scene *scene, Color fill)
{
    finish_path(scene, OP_FILL)->fill = fill;
}

void scene_stroke(Scene *scene, Color stroke, double width,
                  const double *dash, int n_dash)
{
    SceneOp *op = finish_path(scene, OP_STROKE);
    op->stroke = stroke;
    op->line_width = width;
    op->n_dash = n_dash < 0 ? 0 : n_dash > 4 ? 4 : n_dash;
    for (int i = 0; i < op->n_dash; i++)
        op->dash[i] = dash[i];
}

void scene_add_line(Scene *scene, double x0, double y0, double x1, double y1,
                    Color stroke, double width, const double *dash,
                    int n_dash)
{
    scene_path_begin(scene);
    scene_move_to(scene, x0, y0);
    scene_line_to(scene, x1, y1);
    scene_stroke(scene, stroke, width, dash, n_dash);
}

void scene_add_rect(Scene *scene, double x, double y, double w, double h,
                    Color fill)
{
    scene_path_begin(scene);
    scene_move_to(scene, x, y);
    scene_line_to(scene, x + w, y);
    scene_line_to(scene, x + w, y + h);
    scene_line_to(scene, x, y + h);
    scene_close_path(scene);
    scene_fill(scene, fill);
}

void scene_add_circle(Scene *scene, double x, double y, double r, Color fill,
                      Color stroke, double stroke_width)
{
    SceneOp *op = push_op(scene, OP_CIRCLE);
    op->x = x;
    op->y = y;
    op->r = r;
    op->fill = fill;
    op->stroke = stroke;
    op->line_width = stroke_width;
}

void scene_add_text(Scene *scene, double x, double y, const char *utf8,
                    double font_size, FontWeight weight, TextAnchor anchor,
                    double angle, Color color)
{
    size_t offset = push_text(scene, utf8);
    SceneOp *op = push_op(scene, OP_TEXT);
    op->x = x;
    op->y = y;
    op->text_offset = offset;
    op->font_size = font_size;
    op->weight = weight;
    op->anchor = anchor;
    op->angle = angle;
    op->fill = color;
}

void scene_clip_push(Scene *scene, double x, double y, double w, double h)
{
    SceneOp *op = push_op(scene, OP_CLIP_PUSH);
    op->x = x;
    op->y = y;
    op->w = w;
    op->h = h;
}

void scene_clip_pop(Scene *scene)
{
    push_op(scene, OP_CLIP_POP);
}

void scene_group_begin(Scene *scene, const char *name)
{
    size_t offset = push_text(scene, name);
    push_op(scene, OP_GROUP_BEGIN)->text_offset = offset;
}

void scene_group_end(Scene *scene)
{
    push_op(scene, OP_GROUP_END);
}

void scene_append(Scene *dst, const Scene *src, double dx, double dy)
{
    for (size_t i = 0; i < src->n_ops; i++) {
        const SceneOp *from = &src->ops[i];
        SceneOp op = *from;
        if (op.kind == OP_FILL || op.kind == OP_STROKE) {
            PathWalk walk;
            scene_path_walk(src, from, &walk);
            op.first_verb = dst->n_verbs;
            op.first_point = dst->n_points;
            op.n_verbs = 0;
            op.n_points = 0;
            PathVerb verb;
            Point p;
            while (path_walk_next(&walk, &verb, &p)) {
                push_verb(dst, verb);
                op.n_verbs++;
                if (verb != PATH_CLOSE) {
                    push_point(dst, p.x + dx, p.y + dy);
                    op.n_points++;
                }
            }
        } else if (op.kind != OP_CLIP_POP && op.kind != OP_GROUP_END) {
            op.x += dx;
            op.y += dy;
        }
        if (op.kind == OP_TEXT || op.kind == OP_GROUP_BEGIN)
            op.text_offset = push_text(dst, scene_op_text(src, from));
        *push_op(dst, op.kind) = op;
    }
}

const char *scene_op_text(const Scene *scene, const SceneOp *op)
{
    return scene->text + op->text_offset;
}

const PathVerb *scene_op_verbs(const Scene *scene, const SceneOp *op)
{
    return scene->verbs + op->first_verb;
}

const Point *scene_op_points(const Scene *scene, const SceneOp *op)
{
    return scene->points + op->first_point;
}

int scene_path_walk(const Scene *scene, const SceneOp *op, PathWalk *walk)
{
    *walk = (PathWalk){0};
    /* first <= total first, so total - first cannot wrap. */
    if (op->first_verb > scene->n_verbs ||
        op->n_verbs > scene->n_verbs - op->first_verb ||
        op->first_point > scene->n_points ||
        op->n_points > scene->n_points - op->first_point)
        return -1;
    walk->verbs = scene->verbs + op->first_verb;
    walk->points = scene->points + op->first_point;
    walk->n_verbs = op->n_verbs;
    walk->n_points = op->n_points;
    return 0;
}

/* Two decimals, and never "-0.00", so dumps are stable across libm. */
static void dump_number(FILE *out, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.2f", v);
    fputs(strcmp(buf, "-0.00") == 0 ? "0.00" : buf, out);
}

static void dump_color(FILE *out, Color c)
{
    fprintf(out, "#%02x%02x%02x%02x", (unsigned)(c.r * 255 + 0.5),
            (unsigned)(c.g * 255 + 0.5), (unsigned)(c.b * 255 + 0.5),
            (unsigned)(c.a * 255 + 0.5));
}

static void dump_path(const Scene *scene, const SceneOp *op, FILE *out)
{
    PathWalk walk;
    PathVerb verb;
    Point p;
    scene_path_walk(scene, op, &walk);
    while (path_walk_next(&walk, &verb, &p)) {
        if (verb == PATH_CLOSE) {
            fputs(" Z", out);
            continue;
        }
        fputs(verb == PATH_MOVE ? " M " : " L ", out);
        dump_number(out, p.x);
        fputc(' ', out);
        dump_number(out, p.y);
    }
}

static void dump_text_op(const Scene *scene, const SceneOp *op, FILE *out)
{
    static const char *anchors[] = {"start", "middle", "end"};
    fputs("text ", out);
    dump_number(out, op->x);
    fputc(' ', out);
    dump_number(out, op->y);
    fputs(" size ", out);
    dump_number(out, op->font_size);
    fprintf(out, " %s %s angle ", op->weight == FONT_BOLD ? "bold" : "regular",
            anchors[op->anchor]);
    dump_number(out, op->angle);
    fputc(' ', out);
    dump_color(out, op->fill);
    fputs(" \"", out);
    for (const char *c = scene_op_text(scene, op); *c; c++) {
        if (*c == '"' || *c == '\\')
            fputc('\\', out);
        if (*c == '\n')
            fputs("\\n", out);
        else
            fputc(*c, out);
    }
    fputc('"', out);
}

static void dump_op(const Scene *scene, const SceneOp *op, FILE *out)
{
    switch (op->kind) {
    case OP_FILL:
        fputs("fill ", out);
        dump_color(out, op->fill);
        dump_path(scene, op, out);
        break;
    case OP_STROKE:
        fputs("stroke ", out);
        dump_color(out, op->stroke);
        fputs(" width ", out);
        dump_number(out, op->line_width);
        if (op->n_dash) {
            fputs(" dash", out);
            for (int i = 0; i < op->n_dash; i++) {
                fputc(' ', out);
                dump_number(out, op->dash[i]);
            }
        }
        dump_path(scene, op, out);
        break;
    case OP_CIRCLE:
        fputs("circle ", out);
        dump_number(out, op->x);
        fputc(' ', out);
        dump_number(out, op->y);
        fputs(" r ", out);
        dump_number(out, op->r);
        fputs(" fill ", out);
        dump_color(out, op->fill);
        fputs(" stroke ", out);
        dump_color(out, op->stroke);
        fputs(" width ", out);
        dump_number(out, op->line_width);
        break;
    case OP_TEXT:
        dump_text_op(scene, op, out);
        break;
    case OP_CLIP_PUSH:
        fputs("clip ", out);
        dump_number(out, op->x);
        fputc(' ', out);
        dump_number(out, op->y);
        fputc(' ', out);
        dump_number(out, op->w);
        fputc(' ', out);
        dump_number(out, op->h);
        break;
    case OP_CLIP_POP:
        fputs("unclip", out);
        break;
    case OP_GROUP_BEGIN:
        fprintf(out, "group %s", scene_op_text(scene, op));
        break;
    case OP_GROUP_END:
        fputs("end", out);
        break;
    }
    fputc('\n', out);
}

void scene_dump(const Scene *scene, FILE *out)
{
    fputs("scene ", out);
    dump_number(out, scene->width);
    fputc(' ', out);
    dump_number(out, scene->height);
    fputs(" background ", out);
    dump_color(out, scene->background);
    fputc('\n', out);
    int depth = 0;
    for (size_t i = 0; i < scene->n_ops; i++) {
        const SceneOp *op = &scene->ops[i];
        if (op->kind == OP_GROUP_END || op->kind == OP_CLIP_POP)
            depth--;
        for (int d = 0; d < depth; d++)
            fputs("  ", out);
        dump_op(scene, op, out);
        if (op->kind == OP_GROUP_BEGIN || op->kind == OP_CLIP_PUSH)
            depth++;
    }
}
