/* align.c - aligned time (see align.h). */
#include "align.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parse_date.h"
#include "parse_value.h"
#include "util.h"

int align_parse(const char *text, Alignment *out, char *why, size_t size)
{
    static const char threshold[] = "threshold:";
    *out = (Alignment){.kind = ALIGN_NONE, .threshold_unit = ""};
    if (!strcmp(text, "first")) {
        out->kind = ALIGN_FIRST;
        return 0;
    }
    if (!strcmp(text, "launch")) {
        out->kind = ALIGN_LAUNCH;
        return 0;
    }
    if (strncmp(text, threshold, sizeof threshold - 1) != 0) {
        snprintf(why, size, "use " ALIGN_FORM);
        return -1;
    }
    const char *v = text + sizeof threshold - 1;
    char ignored[256];
    if (!*v) {
        snprintf(why, size, "the value is missing");
        return -1;
    }
    if (parse_value(v, '.', &out->threshold, &out->threshold_unit, ignored,
                    sizeof ignored) != VALUE_OK ||
        !isfinite(out->threshold) || !(out->threshold > 0)) {
        snprintf(why, size, "\"%s\" is not a positive value", v);
        out->threshold_unit = "";
        return -1;
    }
    out->kind = ALIGN_THRESHOLD;
    return 0;
}

int align_parse_launch(char *text, LaunchDate *out, char *why, size_t size)
{
    char *eq = strrchr(text, '=');
    if (!eq || !eq[1] || eq == text) {
        snprintf(why, size, "%s",
                 !eq ? "no '=' between company and date"
                 : !eq[1] ? "the date is missing"
                          : "the company is missing");
        return -1;
    }
    DatePrecision prec;
    char date_why[200];
    if (parse_date(eq + 1, &out->day, &prec, date_why, sizeof date_why) !=
        0) {
        snprintf(why, size, "%s", date_why);
        return -1;
    }
    *eq = '\0';
    out->company = text;
    return 0;
}

/* The label's last word is "launched", any case: "ChatGPT launched",
 * but not "Cursor launches Origin" or "Gemini 3.5 Flash launched; ...". */
static int says_launched(const char *label)
{
    static const char word[] = "launched";
    size_t n = strlen(label), w = sizeof word - 1;
    if (n < w || ascii_casecmp(label + n - w, word) != 0)
        return 0;
    return n == w || label[n - w - 1] == ' ';
}

int align_is_launch_event(const Event *ev, const char *company)
{
    if (!says_launched(ev->label))
        return 0;
    size_t len = strlen(company);
    return event_names_company(ev, company) ||
           (strncmp(ev->label, company, len) == 0 && ev->label[len] == ' ');
}

static Origin launch_origin(const Series *s, const LaunchDate *launches,
                            size_t n_launches, const EventList *events)
{
    Origin o = {.status = ORIGIN_NO_LAUNCH};
    for (size_t i = 0; i < n_launches; i++)
        if (!strcmp(launches[i].company, s->company))
            return (Origin){.status = ORIGIN_OK, .day = launches[i].day};
    /* Events are sorted by date: the first launch found is the earliest. */
    for (size_t i = 0; events && i < events->n; i++)
        if (align_is_launch_event(&events->items[i], s->company))
            return (Origin){.status = ORIGIN_OK,
                            .day = events->items[i].date,
                            .event = &events->items[i]};
    return o;
}

/* The first report at or above v; when one below comes before it, the
 * day between the two where the log-linear line through them meets v
 * (linear when a value is not positive). */
static Origin threshold_origin(const Series *s, double v)
{
    size_t j = 0;
    while (j < s->n && !(s->value[j] >= v))
        j++;
    if (j == s->n)
        return (Origin){.status = ORIGIN_NOT_REACHED};
    if (j == 0)
        return s->value[0] == v
                   ? (Origin){.status = ORIGIN_OK, .day = s->date[0]}
                   : (Origin){.status = ORIGIN_ALREADY_ABOVE,
                              .day = s->date[0]};
    double a = s->value[j - 1], b = s->value[j];
    long d0 = s->date[j - 1], d1 = s->date[j];
    double f = a > 0 && b > 0 ? log(v / a) / log(b / a) : (v - a) / (b - a);
    long day = d0 + lround(f * (double)(d1 - d0));
    return (Origin){.status = ORIGIN_OK, .day = day,
                    .interpolated = day != d1};
}

Origin align_origin(const Alignment *al, const Series *s,
                    const LaunchDate *launches, size_t n_launches,
                    const EventList *events)
{
    if (s->n == 0)
        return (Origin){.status = ORIGIN_NOT_REACHED};
    switch (al->kind) {
    case ALIGN_LAUNCH: {
        Origin o = launch_origin(s, launches, n_launches, events);
        if (o.status == ORIGIN_OK && o.day > s->date[s->n - 1])
            o.status = ORIGIN_AFTER_DATA;
        return o;
    }
    case ALIGN_THRESHOLD:
        return threshold_origin(s, al->threshold);
    case ALIGN_FIRST:
    case ALIGN_NONE:
        break;
    }
    return (Origin){.status = ORIGIN_OK, .day = s->date[0]};
}

void align_axis_title(const Alignment *al, const char *unit, Lang lang,
                      int years, char *buf, size_t size)
{
    char v[64];
    switch (al->kind) {
    case ALIGN_LAUNCH:
        snprintf(buf, size, "%s",
                 years ? lang_pick(lang, "Years since launch", "上線後年數")
                       : lang_pick(lang, "Months since launch",
                                   "上線後月數"));
        return;
    case ALIGN_THRESHOLD:
        format_compact_lang(al->threshold, unit, 3, lang, v, sizeof v);
        snprintf(buf, size,
                 years ? lang_pick(lang, "Years since reaching %s",
                                   "達%s後年數")
                       : lang_pick(lang, "Months since reaching %s",
                                   "達%s後月數"),
                 v);
        return;
    case ALIGN_FIRST:
    case ALIGN_NONE:
        break;
    }
    snprintf(buf, size, "%s",
             years ? lang_pick(lang, "Years since first report",
                               "首次公布後年數")
                   : lang_pick(lang, "Months since first report",
                               "首次公布後月數"));
}

void align_subtitle_words(const Alignment *al, const char *unit, Lang lang,
                          char *buf, size_t size)
{
    char v[64];
    switch (al->kind) {
    case ALIGN_LAUNCH:
        snprintf(buf, size, "%s",
                 lang_pick(lang, "aligned on each company's launch",
                           "依各公司上線時間對齊"));
        return;
    case ALIGN_THRESHOLD:
        format_compact_lang(al->threshold, unit, 3, lang, v, sizeof v);
        snprintf(buf, size,
                 lang_pick(lang, "aligned on when each company reached %s",
                           "依各公司達到%s的時間對齊"),
                 v);
        return;
    case ALIGN_FIRST:
    case ALIGN_NONE:
        break;
    }
    snprintf(buf, size, "%s",
             lang_pick(lang, "aligned on each company's first report",
                       "依各公司首次公布時間對齊"));
}
