/* test_scene.c - the display list and its text dump. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scene.h"
#include "scene_walk.h"

static char *dump_to_string(const Scene *scene)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    scene_dump(scene, f);
    fclose(f);
    return buf;
}

static void test_color_parse(void **state)
{
    (void)state;
    Color c;
    assert_int_equal(color_parse("#0072b2", &c), 0);
    assert_true(c.r == 0.0 && c.a == 1.0);
    assert_int_equal((int)(c.g * 255 + 0.5), 0x72);
    assert_int_equal(color_parse("#ff000080", &c), 0);
    assert_int_equal((int)(c.a * 255 + 0.5), 0x80);
    assert_int_equal(color_parse("0072b2", &c), -1);
    assert_int_equal(color_parse("#00zz00", &c), -1);
    assert_int_equal(color_parse("#123", &c), -1);
    assert_int_equal(color_parse(NULL, &c), -1);
}

static void test_dump_is_exact(void **state)
{
    (void)state;
    Color white = {1, 1, 1, 1}, blue = {0, 0x72 / 255.0, 0xb2 / 255.0, 1};
    Scene *s = scene_create(100, 50, white);
    scene_group_begin(s, "plot");
    scene_clip_push(s, 1, 2, 98, 46);
    const double dash[2] = {6, 4};
    scene_path_begin(s);
    scene_move_to(s, 0, 10);
    scene_line_to(s, 50.126, -0.001);
    scene_stroke(s, blue, 2, dash, 2);
    scene_add_rect(s, 10, 10, 5, 5, blue);
    scene_add_circle(s, 3, 4, 2.5, blue, white, 1);
    scene_clip_pop(s);
    scene_group_end(s);
    scene_add_text(s, 5, 45, "營收 \"q\"", 12, FONT_BOLD, ANCHOR_END, 90,
                   blue);
    char *dump = dump_to_string(s);
    assert_string_equal(
        dump,
        "scene 100.00 50.00 background #ffffffff\n"
        "group plot\n"
        "  clip 1.00 2.00 98.00 46.00\n"
        "    stroke #0072b2ff width 2.00 dash 6.00 4.00 M 0.00 10.00 "
        "L 50.13 0.00\n"
        "    fill #0072b2ff M 10.00 10.00 L 15.00 10.00 L 15.00 15.00 "
        "L 10.00 15.00 Z\n"
        "    circle 3.00 4.00 r 2.50 fill #0072b2ff stroke #ffffffff "
        "width 1.00\n"
        "  unclip\n"
        "end\n"
        "text 5.00 45.00 size 12.00 bold end angle 90.00 #0072b2ff "
        "\"營收 \\\"q\\\"\"\n");
    free(dump);
    scene_destroy(s);
}

/* A panel appended into a figure: every op moved by the offset, paths,
 * circles, texts, clips and groups alike, after what the figure held;
 * the panel's background is not drawn. */
static void test_append_moves_every_op(void **state)
{
    (void)state;
    Color white = {1, 1, 1, 1}, blue = {0, 0x72 / 255.0, 0xb2 / 255.0, 1};
    Scene *panel = scene_create(40, 20, (Color){0, 0, 0, 0});
    scene_group_begin(panel, "panel");
    scene_clip_push(panel, 1, 2, 30, 10);
    scene_add_line(panel, 0, 0, 10, 5, blue, 1, NULL, 0);
    scene_add_circle(panel, 3, 4, 2, blue, white, 1);
    scene_clip_pop(panel);
    scene_group_end(panel);
    scene_add_text(panel, 5, 15, "OpenAI", 8, FONT_REGULAR, ANCHOR_START, 0,
                   blue);
    Scene *fig = scene_create(100, 50, white);
    scene_add_text(fig, 1, 9, "Title", 12, FONT_BOLD, ANCHOR_START, 0, blue);
    scene_append(fig, panel, 50, 20);
    scene_append(fig, panel, 0, 30);
    char *dump = dump_to_string(fig);
    assert_string_equal(
        dump,
        "scene 100.00 50.00 background #ffffffff\n"
        "text 1.00 9.00 size 12.00 bold start angle 0.00 #0072b2ff "
        "\"Title\"\n"
        "group panel\n"
        "  clip 51.00 22.00 30.00 10.00\n"
        "    stroke #0072b2ff width 1.00 M 50.00 20.00 L 60.00 25.00\n"
        "    circle 53.00 24.00 r 2.00 fill #0072b2ff stroke #ffffffff "
        "width 1.00\n"
        "  unclip\n"
        "end\n"
        "text 55.00 35.00 size 8.00 regular start angle 0.00 #0072b2ff "
        "\"OpenAI\"\n"
        "group panel\n"
        "  clip 1.00 32.00 30.00 10.00\n"
        "    stroke #0072b2ff width 1.00 M 0.00 30.00 L 10.00 35.00\n"
        "    circle 3.00 34.00 r 2.00 fill #0072b2ff stroke #ffffffff "
        "width 1.00\n"
        "  unclip\n"
        "end\n"
        "text 5.00 45.00 size 8.00 regular start angle 0.00 #0072b2ff "
        "\"OpenAI\"\n");
    free(dump);
    scene_destroy(fig);
    scene_destroy(panel);
}

static void test_paths_share_flat_arrays(void **state)
{
    (void)state;
    Color c = {0, 0, 0, 1};
    Scene *s = scene_create(10, 10, c);
    for (int i = 0; i < 1000; i++)
        scene_add_line(s, i, 0, i, 10, c, 1, NULL, 0);
    assert_int_equal(s->n_ops, 1000);
    assert_int_equal(s->n_points, 2000);
    const SceneOp *last = &s->ops[999];
    assert_int_equal(last->n_points, 2);
    const Point *p = scene_op_points(s, last);
    assert_true(p[0].x == 999 && p[1].y == 10);
    assert_int_equal(scene_op_verbs(s, last)[0], PATH_MOVE);
    scene_destroy(s);
    scene_destroy(NULL);
}

/* scene_polyline is a move and lines, appended at once: the same scene. */
static void test_polyline_same_as_move_and_lines(void **state)
{
    (void)state;
    Point p[40];
    for (int i = 0; i < 40; i++)
        p[i] = (Point){i * 1.25, (i * 7919 % 31) * 0.5};
    Scene *one = scene_create(100, 50, (Color){1, 1, 1, 1});
    Scene *each = scene_create(100, 50, (Color){1, 1, 1, 1});
    for (int k = 0; k < 3; k++) { /* grows past its first capacity */
        scene_path_begin(one);
        scene_polyline(one, p, 40);
        scene_stroke(one, (Color){0, 0, 0, 1}, 1, NULL, 0);
        scene_path_begin(each);
        scene_move_to(each, p[0].x, p[0].y);
        for (int i = 1; i < 40; i++)
            scene_line_to(each, p[i].x, p[i].y);
        scene_stroke(each, (Color){0, 0, 0, 1}, 1, NULL, 0);
    }
    scene_path_begin(one);
    scene_polyline(one, p, 0); /* nothing */
    char *a = dump_to_string(one), *b = dump_to_string(each);
    assert_string_equal(a, b);
    assert_int_equal(one->n_points, 120);
    free(a);
    free(b);
    scene_destroy(one);
    scene_destroy(each);
}

/* The walk yields verbs with their points, and a CLOSE without one. */
static void test_path_walk_yields_segments(void **state)
{
    (void)state;
    Scene *s = scene_create(10, 10, (Color){0, 0, 0, 0});
    scene_path_begin(s);
    scene_move_to(s, 1, 2);
    scene_line_to(s, 3, 4);
    scene_close_path(s);
    scene_fill(s, (Color){1, 0, 0, 1});
    PathWalk walk;
    PathVerb verb;
    Point p = {0, 0};
    assert_int_equal(scene_path_walk(s, &s->ops[0], &walk), 0);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 1);
    assert_int_equal(verb, PATH_MOVE);
    assert_true(p.x == 1 && p.y == 2);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 1);
    assert_int_equal(verb, PATH_LINE);
    assert_true(p.x == 3 && p.y == 4);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 1);
    assert_int_equal(verb, PATH_CLOSE);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 0);
    scene_destroy(s);
}

/* Ranges whose end wraps around size_t (first + n overflows) and ranges
 * past the arrays give an empty walk, not a read out of range; more
 * verbs than points end at the last point. */
static void test_path_walk_bounds_cannot_overflow(void **state)
{
    (void)state;
    Scene *s = scene_create(10, 10, (Color){0, 0, 0, 0});
    scene_add_line(s, 0, 0, 5, 5, (Color){0, 0, 0, 1}, 1, NULL, 0);
    SceneOp op = s->ops[0];
    PathWalk walk;
    PathVerb verb;
    Point p = {0, 0};
    op.first_verb = 1;
    op.n_verbs = SIZE_MAX;
    assert_int_equal(scene_path_walk(s, &op, &walk), -1);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 0);
    op = s->ops[0];
    op.first_point = SIZE_MAX;
    assert_int_equal(scene_path_walk(s, &op, &walk), -1);
    op = s->ops[0];
    op.n_points = 3;
    assert_int_equal(scene_path_walk(s, &op, &walk), -1);
    op = s->ops[0];
    op.n_points = 1;
    assert_int_equal(scene_path_walk(s, &op, &walk), 0);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 1);
    assert_int_equal(path_walk_next(&walk, &verb, &p), 0);
    scene_destroy(s);
}

/* The op walk applies clip ops as it hands them out, reports whether a
 * pop matched a push, and skips a run a backend drew at once. */
static void test_scene_walk_tracks_clips(void **state)
{
    (void)state;
    Scene *s = scene_create(100, 50, (Color){0, 0, 0, 0});
    scene_clip_pop(s);                       /* 0: unbalanced */
    scene_clip_push(s, 10, 5, 20, 10);       /* 1 */
    scene_add_rect(s, 0, 0, 1, 1, (Color){0, 0, 0, 1}); /* 2 */
    scene_add_rect(s, 0, 0, 1, 1, (Color){0, 0, 0, 1}); /* 3 */
    scene_add_rect(s, 0, 0, 1, 1, (Color){0, 0, 0, 1}); /* 4 */
    scene_clip_pop(s);                       /* 5 */
    scene_clip_push(s, 0, 0, 1, 1);          /* 6: left open */
    SceneWalk walk;
    size_t i = 99;
    scene_walk_begin(&walk, s, 2);
    const PixelClip *top = clip_stack_top(&walk.clips);
    assert_true(top->x1 == 200 && top->y1 == 100);
    const SceneOp *op = scene_walk_next(&walk, &i);
    assert_int_equal(i, 0);
    assert_int_equal(op->kind, OP_CLIP_POP);
    assert_int_equal(walk.popped, 0);
    op = scene_walk_next(&walk, &i);
    assert_int_equal(op->kind, OP_CLIP_PUSH);
    top = clip_stack_top(&walk.clips);
    assert_true(top->x0 == 20 && top->y0 == 10 && top->x1 == 60 &&
                top->y1 == 30);
    op = scene_walk_next(&walk, &i);
    assert_int_equal(i, 2);
    scene_walk_skip(&walk, 2);
    op = scene_walk_next(&walk, &i);
    assert_int_equal(i, 5);
    assert_int_equal(walk.popped, 1);
    assert_int_equal(scene_walk_open_clips(&walk), 0);
    op = scene_walk_next(&walk, &i);
    assert_int_equal(scene_walk_open_clips(&walk), 1);
    assert_null(scene_walk_next(&walk, &i));
    scene_walk_skip(&walk, 5); /* past the end: stays there */
    assert_null(scene_walk_next(&walk, &i));
    scene_destroy(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_color_parse),
        cmocka_unit_test(test_dump_is_exact),
        cmocka_unit_test(test_append_moves_every_op),
        cmocka_unit_test(test_paths_share_flat_arrays),
        cmocka_unit_test(test_polyline_same_as_move_and_lines),
        cmocka_unit_test(test_path_walk_yields_segments),
        cmocka_unit_test(test_path_walk_bounds_cannot_overflow),
        cmocka_unit_test(test_scene_walk_tracks_clips),
    };
    return cmocka_run_group_tests_name("scene", tests, NULL, NULL);
}
