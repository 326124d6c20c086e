/* test_golden.c - layout golden tests: the scene dump of fixed inputs is
 * compared byte for byte with tests/golden/<case>.scene. A mismatch writes
 * build/<case>-out.scene; `make golden` rewrites the files on purpose
 * (review the rendered PNG before committing them). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_build.h"
#include "cli.h"
#include "dates.h"
#include "render_cairo.h"

static FontStack *fonts;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    size_t got = fread(buf, 1, (size_t)n, f);
    buf[got] = '\0';
    fclose(f);
    return buf;
}

static char *dump_to_string(const Scene *scene)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    scene_dump(scene, f);
    fclose(f);
    return buf;
}

/* Builds the chart of req from files and compares with the golden file. */
static void check_golden(const char *name, const char *const *files,
                         size_t n_files, const ChartRequest *req)
{
    Error err;
    error_clear(&err);
    Dataset *ds = cli_load(files, n_files, &err);
    assert_non_null(ds);
    ChartBuilt built;
    assert_int_equal(chart_build(ds, req, fonts, &built, &err), 0);
    char *dump = dump_to_string(built.scene);
    char golden[256], out[256], png[256];
    snprintf(golden, sizeof golden, "tests/golden/%s.scene", name);
    snprintf(out, sizeof out, "build/%s-out.scene", name);
    snprintf(png, sizeof png, "build/%s-out.png", name);
    if (getenv("AIGROWTH_GOLDEN_UPDATE")) {
        FILE *f = fopen(golden, "wb");
        assert_non_null(f);
        fputs(dump, f);
        fclose(f);
    }
    char *want = read_file(golden);
    if (!want || strcmp(want, dump) != 0) {
        FILE *f = fopen(out, "wb");
        if (f) {
            fputs(dump, f);
            fclose(f);
        }
        render_cairo_file(built.scene, fonts, png, 1.0, &err);
        fprintf(stderr, "golden mismatch: diff %s %s (picture: %s)\n",
                golden, out, png);
    }
    assert_non_null(want);
    assert_string_equal(want, dump);
    free(want);
    free(dump);
    chart_built_free(&built);
    dataset_destroy(ds);
}

static void test_revenue_log_with_projection(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/revenue.csv"};
    ChartRequest req = {.metric = "run_rate_revenue", .width = 960,
                        .height = 540, .axis = AXIS_AUTO,
                        .model = MODEL_EXP, .level = 0.80,
                        .horizon = date_from_ymd(2026, 10, 1)};
    check_golden("revenue_log", files, 1, &req);
}

static void test_users_linear_without_model(void **state)
{
    (void)state;
    static const char *const files[] = {"tests/data/e2e/users.csv"};
    ChartRequest req = {.metric = "weekly_active_users", .width = 800,
                        .height = 600, .axis = AXIS_LINEAR,
                        .model = MODEL_NONE, .level = 0.80,
                        .title = "ChatGPT 週活躍用戶"};
    check_golden("users_linear", files, 1, &req);
}

static int setup(void **state)
{
    (void)state;
    Error err;
    error_clear(&err);
    fonts = fontstack_create(&err);
    return fonts ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    fontstack_destroy(fonts);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_revenue_log_with_projection),
        cmocka_unit_test(test_users_linear_without_model),
    };
    return cmocka_run_group_tests_name("golden", tests, setup, teardown);
}
