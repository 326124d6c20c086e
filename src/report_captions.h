/* report_captions.h - the generated caption under a chart: each
 * series' observed growth, trend and projection, and the crossings. */
#ifndef AIGROWTH_REPORT_CAPTIONS_H
#define AIGROWTH_REPORT_CAPTIONS_H

#include "report_doc.h"

/* The caption of chart ch into out (size bytes): ch->caption when set,
 * else generated. */
void report_caption(Doc *d, const ReportChart *ch, char *out, size_t size);

/* The chart's method in one sentence (its trend models and the
 * interval's level) into out, for a slide's speaker notes. */
void report_method_sentence(Doc *d, const ReportChart *ch, char *out,
                            size_t size);

#endif
