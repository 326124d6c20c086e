/* scene_walk.h - the one walk of a scene's ops that every backend uses.
 *
 * Backends draw ops in order and need, at each, the clip in effect (dense
 * lines and markers draw straight into pixels, inside it). The walk
 * applies OP_CLIP_PUSH and OP_CLIP_POP to its clip stack as it hands them
 * out, so a backend only emits its own save/clip/restore; a backend that
 * draws a run of ops at once skips them. Paths inside an op are walked
 * with scene_path_walk (scene.h). */
#ifndef AIGROWTH_SCENE_WALK_H
#define AIGROWTH_SCENE_WALK_H

#include <stddef.h>

#include "clip.h"
#include "scene.h"

/* Plain data on the caller's stack, borrowing the scene; nothing to free.
 * Read clips (clip_stack_top) and popped; the rest is the walk's. */
typedef struct {
    const Scene *scene;
    double scale;
    size_t next;     /* index of the op scene_walk_next returns next */
    ClipStack clips; /* the clip after the op last returned */
    int popped;      /* that op was an OP_CLIP_POP matching a push */
} SceneWalk;

/* Starts at the first op, the clip the whole scene times scale (backend
 * units per scene unit: pixels for PNG, 1 for SVG and PDF). */
void scene_walk_begin(SceneWalk *walk, const Scene *scene, double scale);

/* The next op (borrowed), with its index in scene->ops in *index, or NULL
 * after the last. An OP_CLIP_PUSH is already pushed when returned, an
 * OP_CLIP_POP popped (popped says whether anything was: an unbalanced pop
 * must not restore state the backend did not save). */
const SceneOp *scene_walk_next(SceneWalk *walk, size_t *index);

/* Skips the n ops after the one last returned, which the backend drew
 * with it (a run of dense lines). Trap: they are not looked at, so the
 * run must hold no clip op (raster_lines' runs are strokes only). */
void scene_walk_skip(SceneWalk *walk, size_t n);

/* Clips pushed and not yet popped: what a backend restores at the end. */
int scene_walk_open_clips(const SceneWalk *walk);

#endif
