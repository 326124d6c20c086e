/* scene.h - the display list every chart is drawn into, in points.
 *
 * Layout code appends ops; each backend (cairo PNG/SVG/PDF, libharu page)
 * walks the same list. The origin is the top-left corner, y grows
 * downwards, units are points (1/72 inch). scene_dump() writes a stable
 * text form used by the golden tests. */
#ifndef AIGROWTH_SCENE_H
#define AIGROWTH_SCENE_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"

typedef struct {
    double r, g, b, a;   /* 0..1 each */
} Color;

/* Parses "#rrggbb" or "#rrggbbaa"; returns 0 or -1. */
int color_parse(const char *hex, Color *out);

/* Whether a and b are the same colour and alpha. */
int color_equal(Color a, Color b);

typedef enum { PATH_MOVE, PATH_LINE, PATH_CLOSE } PathVerb;

typedef enum { FONT_REGULAR = 0, FONT_BOLD = 1 } FontWeight;

/* Horizontal placement of a text run relative to its x. */
typedef enum { ANCHOR_START, ANCHOR_MIDDLE, ANCHOR_END } TextAnchor;

typedef enum {
    OP_FILL,        /* path filled with fill colour (non-zero winding) */
    OP_STROKE,      /* path stroked */
    OP_CIRCLE,      /* circle at (x, y) radius r: filled, then stroked if
                       stroke width > 0 */
    OP_TEXT,        /* one UTF-8 string; y is the baseline */
    OP_CLIP_PUSH,   /* intersect the clip with rect (x, y, w, h) */
    OP_CLIP_POP,
    OP_GROUP_BEGIN, /* named group, for readable dumps and SVG structure */
    OP_GROUP_END
} OpKind;

typedef struct {
    OpKind kind;
    /* paths (OP_FILL, OP_STROKE): points[first_point .. +n_points) with
       verbs[first_verb .. +n_verbs), one point per MOVE/LINE */
    size_t first_verb, n_verbs;
    size_t first_point, n_points;
    Color fill;
    Color stroke;
    double line_width;
    double dash[4];      /* on/off lengths; n_dash 0 = solid */
    int n_dash;
    /* OP_CIRCLE centre/radius; OP_TEXT anchor point; OP_CLIP_PUSH rect */
    double x, y, r, w, h;
    /* OP_TEXT */
    size_t text_offset;  /* into the scene's text pool, NUL-terminated */
    double font_size;
    FontWeight weight;
    TextAnchor anchor;
    double angle;        /* degrees, counter-clockwise; 90 reads upwards */
    /* OP_GROUP_BEGIN: name in the text pool */
} SceneOp;

typedef struct {
    double x, y;
} Point;

/* What the image says of itself: written as metadata (PNG iTXt chunks,
 * SVG <title> and <desc>), never drawn. Each NULL when not said; owned
 * by the scene (set through scene_set_info). */
typedef struct {
    char *title;            /* the chart's title */
    char *description;      /* its alt text (alt_text.h) */
    char *source;           /* its source line */
} SceneInfo;

/* Plain data: backends read the arrays; layout appends through the
 * functions below. */
typedef struct {
    double width, height;   /* points */
    Color background;       /* alpha 0 = transparent */
    SceneInfo info;
    SceneOp *ops;
    size_t n_ops, cap_ops;
    PathVerb *verbs;
    size_t n_verbs, cap_verbs;
    Point *points;
    size_t n_points, cap_points;
    char *text;
    size_t text_len, text_cap;
    /* path under construction (between scene_path_begin and a fill or
       stroke call) */
    size_t path_first_verb, path_first_point;
} Scene;

/* Caller owns; scene_destroy(NULL) is a no-op. */
Scene *scene_create(double width, double height, Color background);
void scene_destroy(Scene *scene);

/* Replaces the scene's info with copies of title, description and
 * source (each NULL or "" for none). */
void scene_set_info(Scene *scene, const char *title, const char *description,
                    const char *source);

/* 0 if the scene's width and height are positive and finite, else -1
 * with ERR_RENDER in err: what every backend checks before drawing. */
int scene_check_size(const Scene *scene, Error *err);

/* Path building: begin, move/line/close, then end with fill or stroke. */
void scene_path_begin(Scene *scene);
void scene_move_to(Scene *scene, double x, double y);
void scene_line_to(Scene *scene, double x, double y);
/* A move to p[0] and lines through p[1 .. n), appended at once (a
 * million-point chart's lines). */
void scene_polyline(Scene *scene, const Point *p, size_t n);
void scene_close_path(Scene *scene);
void scene_fill(Scene *scene, Color fill);
/* dash: n_dash (0..4) on/off lengths in points. */
void scene_stroke(Scene *scene, Color stroke, double width,
                  const double *dash, int n_dash);

/* Convenience: a single stroked segment / a filled rectangle. */
void scene_add_line(Scene *scene, double x0, double y0, double x1, double y1,
                    Color stroke, double width, const double *dash,
                    int n_dash);
void scene_add_rect(Scene *scene, double x, double y, double w, double h,
                    Color fill);

void scene_add_circle(Scene *scene, double x, double y, double r, Color fill,
                      Color stroke, double stroke_width);

/* Text run; utf8 is copied. */
void scene_add_text(Scene *scene, double x, double y, const char *utf8,
                    double font_size, FontWeight weight, TextAnchor anchor,
                    double angle, Color color);

void scene_clip_push(Scene *scene, double x, double y, double w, double h);
void scene_clip_pop(Scene *scene);
void scene_group_begin(Scene *scene, const char *name);
void scene_group_end(Scene *scene);

/* Appends a copy of src's ops to dst, moved by (dx, dy): a panel laid
 * out in a scene of its own, placed into a figure. src's size, background
 * and info are not copied. */
void scene_append(Scene *dst, const Scene *src, double dx, double dy);

/* Borrowed pointers into the scene. The path arrays are not checked:
 * backends read paths through scene_path_walk. */
const char *scene_op_text(const Scene *scene, const SceneOp *op);
const PathVerb *scene_op_verbs(const Scene *scene, const SceneOp *op);
const Point *scene_op_points(const Scene *scene, const SceneOp *op);

/* The one walk of an op's path that every backend and the dump use.
 * scene_path_walk checks the op's verb and point ranges against the
 * scene's arrays once, in a form that cannot overflow; verbs and points
 * then borrow the checked arrays (for a consumer that reads them whole,
 * as raster_lines does) and path_walk_next yields the segments. */
typedef struct {
    const PathVerb *verbs;
    const Point *points;
    size_t n_verbs, n_points;
    size_t verb, point; /* the walk's position */
} PathWalk;

/* Starts a walk of op's path (OP_FILL, OP_STROKE): 0, or -1 when its
 * ranges leave the scene's arrays, and then the walk is of an empty
 * path (a malformed op draws nothing, never reads out of range). */
int scene_path_walk(const Scene *scene, const SceneOp *op, PathWalk *walk);

/* The next segment: 1 with *verb set, and *p for a MOVE or LINE; 0 at
 * the end. Trap: a MOVE or LINE with no point left ends the walk, so a
 * path with fewer points than such verbs draws its first points only. A
 * LINE may come first: backends treat it as a MOVE, as cairo does. */
static inline int path_walk_next(PathWalk *walk, PathVerb *verb, Point *p)
{
    if (walk->verb >= walk->n_verbs)
        return 0;
    PathVerb v = walk->verbs[walk->verb];
    if (v != PATH_CLOSE) {
        if (walk->point >= walk->n_points)
            return 0;
        *p = walk->points[walk->point++];
    }
    walk->verb++;
    *verb = v;
    return 1;
}

/* Stable text dump: one op per line, numbers with two decimals. */
void scene_dump(const Scene *scene, FILE *out);

#endif
