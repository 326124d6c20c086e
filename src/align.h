/* align.h - aligned time: each series put on "months since" its own
 * origin (its first report, its launch, the day it reached a value)
 * instead of the calendar. Pure: parsing and the origin of one series. */
#ifndef AIGROWTH_ALIGN_H
#define AIGROWTH_ALIGN_H

#include <stddef.h>

#include "csvload.h"
#include "dataset.h"
#include "i18n.h"

typedef enum {
    ALIGN_NONE = 0,
    ALIGN_FIRST,      /* the series' first observation */
    ALIGN_LAUNCH,     /* the company's launch date */
    ALIGN_THRESHOLD   /* the day the series first reached a value */
} AlignKind;

/* What the x axis is measured from. threshold_unit is static (the unit
 * the value's text named, parse_value's) or "". */
typedef struct {
    AlignKind kind;
    double threshold;
    const char *threshold_unit;
} Alignment;

/* A launch date given by hand (--launch "ChatGPT=2022-11-30", or a
 * [launch] line of report.ini). company borrowed. */
typedef struct {
    const char *company;
    long day;
} LaunchDate;

/* "first", "launch" or "threshold:V" (V as --target reads it: 1B,
 * $10B, 5000億). Returns 0, or -1 with what is wrong in why ("\"abc\" is
 * not a value"). */
int align_parse(const char *text, Alignment *out, char *why, size_t size);

/* The form align_parse reads, for error messages. */
#define ALIGN_FORM "launch, first or threshold:V (such as threshold:1B)"

/* "COMPANY=DATE" into *out, the company pointing into text (cut at the
 * '=': text is written). Returns 0, or -1 with why. */
int align_parse_launch(char *text, LaunchDate *out, char *why, size_t size);

typedef enum {
    ORIGIN_OK = 0,
    ORIGIN_NO_LAUNCH,      /* no launch date given or found in the events */
    ORIGIN_NOT_REACHED,    /* the series never reached the threshold */
    ORIGIN_ALREADY_ABOVE,  /* above it at its first report: when it got
                              there is not in the data */
    ORIGIN_AFTER_DATA      /* launched after its latest report: nothing
                              to draw since */
} OriginStatus;

/* One series' origin: day is where its x axis reads 0. interpolated: the
 * threshold was crossed between two reports, and day is the log-linear
 * interpolation between them. event: the launch event it comes from
 * (NULL: given by hand, or another kind). */
typedef struct {
    OriginStatus status;
    long day;
    int interpolated;
    const Event *event;
} Origin;

/* Whether ev marks company's launch: its label ends in "launched"
 * ("ChatGPT launched"), and its company column names the company
 * ("OpenAI", or one of "ByteDance; Doubao") or its label starts with the
 * company's name ("ChatGPT launched" for ChatGPT). */
int align_is_launch_event(const Event *ev, const char *company);

/* The origin of s (its first n points: an as-of view is cut already).
 * launches (n_launches of them) win over events (NULL: none), whose
 * earliest launch event is taken. */
Origin align_origin(const Alignment *al, const Series *s,
                    const LaunchDate *launches, size_t n_launches,
                    const EventList *events);

/* Days per month on an aligned axis: a year's 365.2425 days over 12. */
#define ALIGN_DAYS_PER_MONTH (365.2425 / 12.0)

/* "launch" / "first report" / "reaching $1B"-like words: the axis's
 * title ("Months since launch", "上線後月數"; years when years is set)
 * into buf. */
void align_axis_title(const Alignment *al, const char *unit, Lang lang,
                      int years, char *buf, size_t size);

/* The subtitle's words: "aligned on each company's first report" /
 * "依各公司首次公布時間對齊" into buf. */
void align_subtitle_words(const Alignment *al, const char *unit, Lang lang,
                          char *buf, size_t size);

#endif
