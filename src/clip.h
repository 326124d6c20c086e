/* clip.h - the clip rectangles in effect while a backend walks a scene.
 *
 * OP_CLIP_PUSH intersects the clip with its rectangle, OP_CLIP_POP
 * restores the one before. Every backend keeps this stack beside its walk
 * of the scene's ops, scaled to its own units (pixels for PNG, points for
 * SVG and PDF), to know where dense lines and markers may draw. */
#ifndef AIGROWTH_CLIP_H
#define AIGROWTH_CLIP_H

#include "scene.h"

/* Clip rectangle in device pixels (may be fractional). */
typedef struct {
    double x0, y0, x1, y1;
} PixelClip;

/* Nesting deeper than CLIP_STACK_MAX loses track: clip_stack_top gives
 * NULL until the stack is back within it. */
#define CLIP_STACK_MAX 32

/* Plain data, on the caller's stack; nothing to free. */
typedef struct {
    PixelClip clip[CLIP_STACK_MAX + 1];
    int depth;
} ClipStack;

/* Starts with the whole scene, width x height units, times scale. */
void clip_stack_init(ClipStack *cs, double width, double height,
                     double scale);
/* Intersects the top with op's rectangle (x, y, w, h) times scale. */
void clip_stack_push(ClipStack *cs, const SceneOp *op, double scale);
/* Returns 0 when nothing was pushed (an unbalanced pop), else 1. */
int clip_stack_pop(ClipStack *cs);
/* Borrowed pointer into cs, or NULL when nested too deep. */
const PixelClip *clip_stack_top(const ClipStack *cs);

#endif
