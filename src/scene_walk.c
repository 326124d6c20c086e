/* scene_walk.c - the walk of a scene's ops with the clip in effect. */
#include "scene_walk.h"

void scene_walk_begin(SceneWalk *walk, const Scene *scene, double scale)
{
    walk->scene = scene;
    walk->scale = scale;
    walk->next = 0;
    walk->popped = 0;
    clip_stack_init(&walk->clips, scene->width, scene->height, scale);
}

const SceneOp *scene_walk_next(SceneWalk *walk, size_t *index)
{
    if (walk->next >= walk->scene->n_ops)
        return NULL;
    *index = walk->next;
    const SceneOp *op = &walk->scene->ops[walk->next++];
    walk->popped = 0;
    if (op->kind == OP_CLIP_PUSH)
        clip_stack_push(&walk->clips, op, walk->scale);
    else if (op->kind == OP_CLIP_POP)
        walk->popped = clip_stack_pop(&walk->clips);
    return op;
}

void scene_walk_skip(SceneWalk *walk, size_t n)
{
    size_t left = walk->scene->n_ops - walk->next;
    walk->next += n < left ? n : left;
}

int scene_walk_open_clips(const SceneWalk *walk)
{
    return walk->clips.depth;
}
