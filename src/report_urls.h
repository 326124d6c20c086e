/* report_urls.h - URLs in the report's source text (report_find_urls,
 * declared in report.h) and their encoding for link annotations. */
#ifndef AIGROWTH_REPORT_URLS_H
#define AIGROWTH_REPORT_URLS_H

#include <stddef.h>
#include "report.h"

/* s[0 .. len) as a link annotation's URI: ASCII only, everything outside
 * the unreserved and reserved sets percent-encoded (the page shows the
 * URL as written). Caller frees. */
char *report_uri_encode(const char *s, size_t len);

#endif
