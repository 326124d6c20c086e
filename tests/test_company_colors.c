/* test_company_colors.c - the run-wide colour order and plan: earliest
 * company first, stable when rows are added, merged across datasets;
 * the plan keeps the first companies' own slots, keeps a chart's
 * companies apart and palette colours away from users' colours. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "company_colors.h"

static void add(Dataset *ds, const char *company, int year, double value)
{
    Observation o;
    memset(&o, 0, sizeof o);
    o.date = date_from_ymd(year, 1, 1);
    o.precision = DATE_DAY;
    o.value = value;
    o.company = company;
    o.metric = "revenue";
    o.unit = "USD";
    o.source = "";
    o.confidence = "";
    o.file = "t.csv";
    o.line = 2;
    dataset_add(ds, &o);
}

static Dataset *grouped(Dataset *ds)
{
    Error err;
    error_clear(&err);
    assert_int_equal(dataset_group(ds, &err), 0);
    return ds;
}

static void test_order_is_first_observation_then_name(void **state)
{
    (void)state;
    Dataset *a = dataset_create();
    add(a, "Zeta", 2020, 1);
    add(a, "Beta", 2022, 1);
    add(a, "Alpha", 2022, 1);
    for (int y = 2023; y < 2030; y++)
        add(a, "Beta", y, y);   /* most rows: no earlier for that */
    Dataset *b = dataset_create();
    add(b, "Gamma", 2021, 1);
    add(b, "Alpha", 2019, 1);   /* Alpha's earliest is in the other file */
    CompanyColors cc = {0};
    company_colors_add(&cc, grouped(a));
    company_colors_add(&cc, grouped(b));
    company_colors_finish(&cc);
    assert_int_equal(cc.n, 4);
    assert_int_equal(company_colors_rank(&cc, "Alpha"), 0);
    assert_int_equal(company_colors_rank(&cc, "Zeta"), 1);
    assert_int_equal(company_colors_rank(&cc, "Gamma"), 2);
    assert_int_equal(company_colors_rank(&cc, "Beta"), 3);
    assert_int_equal(company_colors_rank(&cc, "Nobody"), 4);
    /* Unplanned: the slot is the place in the order. */
    assert_int_equal(company_colors_slot(&cc, "Gamma"), 2);
    company_colors_free(&cc);
    dataset_destroy(a);
    dataset_destroy(b);
}

static CompanyColors order_of_names(char names[][8], size_t n)
{
    Dataset *ds = dataset_create();
    for (size_t i = 0; i < n; i++)
        add(ds, names[i], 2000 + (int)i, 1);
    CompanyColors cc = {0};
    company_colors_add(&cc, grouped(ds));
    company_colors_finish(&cc);
    dataset_destroy(ds);
    return cc;
}

/* Ten companies: the first eight keep their own slots; the ninth and
 * tenth, drawn beside the first and second, take slots no company of
 * their chart holds, the same in every chart. */
static void test_plan_keeps_charts_apart(void **state)
{
    (void)state;
    char names[10][8];
    for (size_t i = 0; i < 10; i++)
        snprintf(names[i], sizeof names[i], "C%zu", i);
    CompanyColors cc = order_of_names(names, 10);
    const char *chart_a[] = {"C0", "C8", "C9"};
    const char *chart_b[] = {"C1", "C8", "C2"};
    company_colors_note_chart(&cc, chart_a, 3);
    company_colors_note_chart(&cc, chart_b, 3);
    company_colors_plan(&cc, &theme_light, NULL, 0);
    for (size_t i = 0; i < 8; i++)
        assert_int_equal(company_colors_slot(&cc, names[i]), i);
    size_t s8 = company_colors_slot(&cc, "C8");
    size_t s9 = company_colors_slot(&cc, "C9");
    assert_true(s8 != 0 && s8 != 1 && s8 != 2);
    assert_true(s9 != 0 && s9 != s8);
    company_colors_free(&cc);
}

/* A user's colour close to a palette colour keeps the companies beside
 * it off that colour; the user's company is left to the user. */
static void test_plan_keeps_away_from_users(void **state)
{
    (void)state;
    char names[3][8] = {"A", "B", "C"};
    CompanyColors cc = order_of_names(names, 3);
    const char *chart[] = {"A", "B", "C"};
    company_colors_note_chart(&cc, chart, 3);
    Color blueish;
    assert_int_equal(color_parse("#0a78b8", &blueish), 0);
    ColorOverride users[] = {{"B", blueish}};
    company_colors_plan(&cc, &theme_light, users, 1);
    assert_int_equal(company_colors_slot(&cc, "B"), SIZE_MAX);
    size_t a = company_colors_slot(&cc, "A");
    assert_true(a < THEME_PALETTE_SIZE);
    assert_true(color_delta_e(theme_light.palette[a], blueish) >=
                THEME_MIN_DELTA_E);
    assert_int_equal(company_colors_slot(&cc, "C"), 2);
    company_colors_free(&cc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_order_is_first_observation_then_name),
        cmocka_unit_test(test_plan_keeps_charts_apart),
        cmocka_unit_test(test_plan_keeps_away_from_users),
    };
    return cmocka_run_group_tests_name("company_colors", tests, NULL, NULL);
}
