/* report_labels.h - the report's localised labels: dates, values,
 * levels, growth and model names in English or Traditional Chinese, on
 * top of format.h and i18n.h (metric names and durations come straight
 * from there). Each writes into a caller buffer and returns it. */
#ifndef AIGROWTH_REPORT_LABELS_H
#define AIGROWTH_REPORT_LABELS_H

#include <stddef.h>
#include <time.h>
#include "analysis.h"
#include "dataset.h"
#include "dates.h"
#include "fit.h"
#include "i18n.h"
#include "text_flow.h"

#define ELLIPSIS TEXT_FLOW_ELLIPSIS
#define EM_DASH "\xe2\x80\x94"
#define EN_DASH "\xe2\x80\x93"
#define DAGGER "\xe2\x80\xa0"
/* ‡, a key figure resting on single-source or unverified points. */
#define DOUBLE_DAGGER "\xe2\x80\xa1"

/* Appends printf output to the string in buf (size bytes), truncating;
 * does nothing when buf is already full. */
void label_append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A date as the data gave it: format_date's "2025-10" in English,
 * "2025年10月" (年, 第n季, 月, 日 by precision) in Chinese. */
char *label_date(Lang lang, long days, DatePrecision prec, char *buf,
                 size_t size);

/* The UTC day of t as label_date gives a DATE_DAY date. */
char *label_day(Lang lang, time_t t, char *buf, size_t size);

/* A compact value with unit (format_compact_lang, 3 digits); "–" when v
 * is not finite. */
char *label_value(Lang lang, double v, const char *unit, char *buf,
                  size_t size);

/* Point k of s as label_value gives it, with what the value says of
 * itself: "over $5B" / "逾50億美元" for a lower bound. */
char *label_point_value(Lang lang, const Series *s, size_t k, char *buf,
                        size_t size);

/* An interval level as a percentage: 0.8 gives "80%". */
char *label_level(double level, char *buf, size_t size);

/* A growth rate as format_percent gives it; "–" when not finite. */
char *label_percent(double rate, char *buf, size_t size);

/* "9.6×" from 2× up, else "45%", unsigned (the verb says which way). */
char *label_growth(double rate, char *buf, size_t size);

/* The model's name ("exponential" / "指數"); "–" for none. Static. */
const char *label_model(Lang lang, Model m);

/* In English, lower-cases a metric name's capital for use inside a
 * sentence ("Run-rate revenue" -> "run-rate revenue"), but not a proper
 * name's: a first word with another capital (ARR, ChatGPT, xAI) or one
 * followed by a capitalised word (Claude Code, Google Cloud). */
void label_lower_first(Lang lang, char *metric);

/* Why a has no trend, in lang: analysis_why in English; in Chinese
 * "2個資料點，不足以推估趨勢", "無觀測值", "未要求推估趨勢", or the
 * fit's own message after "無法配適趨勢：". */
char *label_why(Lang lang, const SeriesAnalysis *a, char *buf, size_t size);

/* " " when Chinese text set before text needs the space Taiwanese
 * typesetting puts before a Latin word or a number ("的 Claude Code"),
 * else "". */
const char *label_gap_before(const char *text);
/* The same after text: " " when it ends with a Latin character
 * ("OpenAI 與", "Anysphere (Cursor) 500億"), "" after CJK or a
 * full-width bracket ("（週活躍用戶）與"). */
const char *label_gap_after(const char *text);

#endif
