/* clip.c - the clip stack of a walk of the scene. */
#include "clip.h"

static double min2(double a, double b)
{
    return a < b ? a : b;
}

static double max2(double a, double b)
{
    return a > b ? a : b;
}

void clip_stack_init(ClipStack *cs, double width, double height,
                     double scale)
{
    cs->depth = 0;
    cs->clip[0] = (PixelClip){0, 0, width * scale, height * scale};
}

void clip_stack_push(ClipStack *cs, const SceneOp *op, double scale)
{
    const PixelClip *outer = clip_stack_top(cs);
    cs->depth++;
    if (!outer || cs->depth > CLIP_STACK_MAX)
        return;
    cs->clip[cs->depth] = (PixelClip){max2(outer->x0, op->x * scale),
                                      max2(outer->y0, op->y * scale),
                                      min2(outer->x1, (op->x + op->w) * scale),
                                      min2(outer->y1, (op->y + op->h) * scale)};
}

int clip_stack_pop(ClipStack *cs)
{
    if (cs->depth == 0)
        return 0;
    cs->depth--;
    return 1;
}

const PixelClip *clip_stack_top(const ClipStack *cs)
{
    return cs->depth <= CLIP_STACK_MAX ? &cs->clip[cs->depth] : NULL;
}
