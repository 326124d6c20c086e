/* outlets.h - who reported a number: the outlet named at the start of a
 * data file's source citation, and the short list a chart credits. */
#ifndef AIGROWTH_OUTLETS_H
#define AIGROWTH_OUTLETS_H

#include <stddef.h>

#include "i18n.h"

/* The outlet a citation names first, as written: the text before its
 * first " (", ";", ",", " via ", " citing ", " syndicated", " - " or URL
 * ("The Information via AI資訊Gap (Nov 2025)" -> "The Information";
 * "路透社（2025年10月）" -> "路透社"), at most OUTLET_NAME_MAX bytes (cut at
 * a character). Empty when the citation is only a URL or empty. */
#define OUTLET_NAME_MAX 48
void outlet_name(const char *citation, char *buf, size_t size);

/* Outlets counted as the citations come, for one chart. */
typedef struct {
    struct OutletCount {
        char name[OUTLET_NAME_MAX + 1];
        size_t count;
        size_t first;   /* order of first citation, for ties */
    } *items;
    size_t n, cap;
} OutletTally;

void outlet_tally_add(OutletTally *t, const char *citation);
void outlet_tally_free(OutletTally *t);

/* The most cited outlets, at most `show` of them, most cited first (then
 * first cited), with the rest counted: "Reuters, CNBC and 3 more",
 * "路透社、CNBC等5家". Empty when no citation named an outlet. */
void outlet_tally_list(const OutletTally *t, size_t show, Lang lang,
                       char *buf, size_t size);

#endif
