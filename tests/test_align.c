/* test_align.c - aligned time: what --align and --launch read, and each
 * series' origin (first report, launch, threshold crossed), with the
 * interpolation between reports and the edge cases; the words of its
 * axis. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <string.h>

#include "align.h"
#include "dates.h"

/* A series of n points on the given days, built by hand. */
typedef struct {
    Series s;
    int32_t date[8];
    uint8_t precision[8];
    double value[8];
    uint32_t line[8];
} HandSeries;

static void hand_series(HandSeries *h, const char *company, const long *days,
                        const double *values, size_t n)
{
    memset(h, 0, sizeof *h);
    for (size_t i = 0; i < n; i++) {
        h->date[i] = (int32_t)days[i];
        h->precision[i] = DATE_DAY;
        h->value[i] = values[i];
        h->line[i] = (uint32_t)(i + 2);
    }
    h->s = (Series){.company = company, .metric = "m", .unit = "USD",
                    .file = "x.csv", .n = n, .date = h->date,
                    .precision = h->precision, .value = h->value,
                    .line = h->line};
}

static void test_parse_kinds(void **state)
{
    (void)state;
    Alignment a;
    char why[200];
    assert_int_equal(align_parse("first", &a, why, sizeof why), 0);
    assert_int_equal(a.kind, ALIGN_FIRST);
    assert_int_equal(align_parse("launch", &a, why, sizeof why), 0);
    assert_int_equal(a.kind, ALIGN_LAUNCH);
    assert_int_equal(align_parse("threshold:1B", &a, why, sizeof why), 0);
    assert_int_equal(a.kind, ALIGN_THRESHOLD);
    assert_true(a.threshold == 1e9);
    assert_string_equal(a.threshold_unit, "");
    assert_int_equal(align_parse("threshold:$10B", &a, why, sizeof why), 0);
    assert_true(a.threshold == 1e10);
    assert_string_equal(a.threshold_unit, "USD");
    assert_int_equal(align_parse("threshold:5000億", &a, why, sizeof why), 0);
    assert_true(a.threshold == 5e11);
}

static void test_parse_refusals(void **state)
{
    (void)state;
    Alignment a;
    char why[200];
    assert_int_equal(align_parse("foo", &a, why, sizeof why), -1);
    assert_string_equal(why, "use launch, first or threshold:V (such as "
                             "threshold:1B)");
    assert_int_equal(align_parse("threshold:", &a, why, sizeof why), -1);
    assert_string_equal(why, "the value is missing");
    assert_int_equal(align_parse("threshold:abc", &a, why, sizeof why), -1);
    assert_string_equal(why, "\"abc\" is not a positive value");
    assert_int_equal(align_parse("threshold:-5B", &a, why, sizeof why), -1);
    assert_string_equal(why, "\"-5B\" is not a positive value");
    assert_int_equal(align_parse("threshold:0", &a, why, sizeof why), -1);
    assert_int_equal(align_parse("First", &a, why, sizeof why), -1);
    assert_int_equal(a.kind, ALIGN_NONE);
}

static void test_parse_launch(void **state)
{
    (void)state;
    LaunchDate l;
    char why[200];
    char ok[] = "ChatGPT=2022-11-30";
    assert_int_equal(align_parse_launch(ok, &l, why, sizeof why), 0);
    assert_string_equal(l.company, "ChatGPT");
    assert_int_equal(l.day, date_from_ymd(2022, 11, 30));
    /* The last '=' splits: a name may hold one. */
    char eq[] = "A=B=2023-03";
    assert_int_equal(align_parse_launch(eq, &l, why, sizeof why), 0);
    assert_string_equal(l.company, "A=B");
    char none[] = "ChatGPT";
    assert_int_equal(align_parse_launch(none, &l, why, sizeof why), -1);
    assert_string_equal(why, "no '=' between company and date");
    char nameless[] = "=2022-11-30";
    assert_int_equal(align_parse_launch(nameless, &l, why, sizeof why), -1);
    assert_string_equal(why, "the company is missing");
    char dateless[] = "ChatGPT=";
    assert_int_equal(align_parse_launch(dateless, &l, why, sizeof why), -1);
    assert_string_equal(why, "the date is missing");
    char bad[] = "ChatGPT=2022-13";
    assert_int_equal(align_parse_launch(bad, &l, why, sizeof why), -1);
    assert_non_null(strstr(why, "month 13"));
}

static void test_first_report(void **state)
{
    (void)state;
    HandSeries h;
    long days[] = {100, 200, 300};
    double v[] = {5, 10, 20};
    hand_series(&h, "A", days, v, 3);
    Alignment al = {ALIGN_FIRST, 0, ""};
    Origin o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 100);
    assert_false(o.interpolated);
}

/* Between two reports the crossing is where the straight line on a log
 * scale through them meets V: 100 to 400 passes 200 halfway. */
static void test_threshold_interpolated(void **state)
{
    (void)state;
    HandSeries h;
    long days[] = {1000, 1100, 1400};
    double v[] = {50, 100, 400};
    hand_series(&h, "A", days, v, 3);
    Alignment al = {ALIGN_THRESHOLD, 200, ""};
    Origin o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 1250);
    assert_true(o.interpolated);
    /* 100 -> 400 over 300 days: 141.42 is a quarter of the way. */
    al.threshold = 100 * sqrt(2);
    o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.day, 1175);
}

static void test_threshold_on_a_report(void **state)
{
    (void)state;
    HandSeries h;
    long days[] = {1000, 1100, 1400};
    double v[] = {50, 100, 400};
    hand_series(&h, "A", days, v, 3);
    Alignment al = {ALIGN_THRESHOLD, 400, ""};
    Origin o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 1400);
    assert_false(o.interpolated);
    /* At the first report exactly: reached then. */
    al.threshold = 50;
    o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 1000);
}

/* Above V at the first report: when it got there is not in the data;
 * below it at every report: it never did (as far as the data say). */
static void test_threshold_edges(void **state)
{
    (void)state;
    HandSeries h;
    long days[] = {1000, 1100, 1400};
    double v[] = {50, 100, 400};
    hand_series(&h, "A", days, v, 3);
    Alignment al = {ALIGN_THRESHOLD, 49.9, ""};
    Origin o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_ALREADY_ABOVE);
    assert_int_equal(o.day, 1000);
    al.threshold = 401;
    o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_NOT_REACHED);
}

/* A series that passes V, falls back and passes it again is aligned on
 * the first crossing; a non-positive value makes the step linear. */
static void test_threshold_first_crossing_and_zero(void **state)
{
    (void)state;
    HandSeries h;
    long days[] = {0, 100, 200, 300};
    double v[] = {100, 400, 150, 800};
    hand_series(&h, "A", days, v, 4);
    Alignment al = {ALIGN_THRESHOLD, 200, ""};
    Origin o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.day, 50);
    long zdays[] = {0, 100};
    double zv[] = {0, 10};
    hand_series(&h, "A", zdays, zv, 2);
    al.threshold = 5;
    o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 50);
    assert_true(o.interpolated);
}

static Event event(long day, char *label, char *company)
{
    return (Event){.date = day, .label = label, .company = company,
                   .source = (char *)""};
}

static void test_launch_events(void **state)
{
    (void)state;
    char l1[] = "ChatGPT launched", c1[] = "OpenAI";
    char l2[] = "SpaceX buys Cursor; Cursor launches Origin",
         c2[] = "Anysphere (Cursor)";
    char l3[] = "Google I/O: Gemini 3.5 Flash launched; Gemini app >900M",
         c3[] = "Google";
    char l4[] = "Doubao launched", c4[] = "ByteDance; Doubao";
    char l5[] = "GPT-4 LAUNCHED", c5[] = "OpenAI";
    Event e1 = event(100, l1, c1), e2 = event(200, l2, c2),
          e3 = event(300, l3, c3), e4 = event(400, l4, c4),
          e5 = event(50, l5, c5);
    assert_true(align_is_launch_event(&e1, "OpenAI"));
    assert_true(align_is_launch_event(&e1, "ChatGPT")); /* by its label */
    assert_false(align_is_launch_event(&e1, "Chat"));
    assert_false(align_is_launch_event(&e2, "Anysphere (Cursor)"));
    assert_false(align_is_launch_event(&e3, "Google"));
    assert_true(align_is_launch_event(&e4, "Doubao"));
    assert_true(align_is_launch_event(&e4, "ByteDance"));
    assert_true(align_is_launch_event(&e5, "OpenAI"));
}

static void test_launch_origin(void **state)
{
    (void)state;
    char l1[] = "GPT-4 launched", l2[] = "ChatGPT launched",
         c[] = "OpenAI";
    Event items[] = {event(50, l1, c), event(100, l2, c)};
    EventList events = {items, 2, 2};
    HandSeries h;
    long days[] = {300, 400};
    double v[] = {1, 2};
    hand_series(&h, "ChatGPT", days, v, 2);
    Alignment al = {ALIGN_LAUNCH, 0, ""};
    /* "ChatGPT launched" names ChatGPT; "GPT-4 launched" does not. */
    Origin o = align_origin(&al, &h.s, NULL, 0, &events);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 100);
    assert_ptr_equal(o.event, &items[1]);
    /* OpenAI's earliest launch event. */
    h.s.company = "OpenAI";
    o = align_origin(&al, &h.s, NULL, 0, &events);
    assert_int_equal(o.day, 50);
    /* A date given by hand wins over the events. */
    LaunchDate given[] = {{"Other", 7}, {"OpenAI", 80}};
    o = align_origin(&al, &h.s, given, 2, &events);
    assert_int_equal(o.status, ORIGIN_OK);
    assert_int_equal(o.day, 80);
    assert_null(o.event);
    /* Launched after the latest report: nothing to draw since. */
    LaunchDate late[] = {{"OpenAI", 401}};
    o = align_origin(&al, &h.s, late, 1, &events);
    assert_int_equal(o.status, ORIGIN_AFTER_DATA);
    late[0].day = 400; /* on the day of the latest: its one point */
    o = align_origin(&al, &h.s, late, 1, &events);
    assert_int_equal(o.status, ORIGIN_OK);
    h.s.company = "Anthropic";
    o = align_origin(&al, &h.s, given, 2, &events);
    assert_int_equal(o.status, ORIGIN_NO_LAUNCH);
    o = align_origin(&al, &h.s, NULL, 0, NULL);
    assert_int_equal(o.status, ORIGIN_NO_LAUNCH);
}

static void test_axis_words(void **state)
{
    (void)state;
    char buf[120];
    Alignment al = {ALIGN_THRESHOLD, 2e9, "USD"};
    align_axis_title(&al, "USD", LANG_EN, 0, buf, sizeof buf);
    assert_string_equal(buf, "Months since reaching $2B");
    align_axis_title(&al, "USD", LANG_ZH_TW, 0, buf, sizeof buf);
    assert_string_equal(buf, "達20億美元後月數");
    al.kind = ALIGN_LAUNCH;
    align_axis_title(&al, "USD", LANG_ZH_TW, 1, buf, sizeof buf);
    assert_string_equal(buf, "上線後年數");
    al.kind = ALIGN_FIRST;
    align_subtitle_words(&al, "USD", LANG_EN, buf, sizeof buf);
    assert_string_equal(buf, "aligned on each company's first report");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_kinds),
        cmocka_unit_test(test_parse_refusals),
        cmocka_unit_test(test_parse_launch),
        cmocka_unit_test(test_first_report),
        cmocka_unit_test(test_threshold_interpolated),
        cmocka_unit_test(test_threshold_on_a_report),
        cmocka_unit_test(test_threshold_edges),
        cmocka_unit_test(test_threshold_first_crossing_and_zero),
        cmocka_unit_test(test_launch_events),
        cmocka_unit_test(test_launch_origin),
        cmocka_unit_test(test_axis_words),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
