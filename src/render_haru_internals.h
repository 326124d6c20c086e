/* render_haru_internals.h - libharu internals render_haru relies on,
 * behind functions that take only public libharu types (see
 * render_haru_internals.c for why each is needed). */
#ifndef AIGROWTH_RENDER_HARU_INTERNALS_H
#define AIGROWTH_RENDER_HARU_INTERNALS_H

#include <stddef.h>

#include <hpdf.h>

/* Appends data[0 .. len) to page's content stream as it stands, with no
 * formatting: the caller writes whole PDF operators, in page-description
 * mode, as libharu's own operators expect them. Returns 0, or -1 when
 * libharu fails (its error is then recorded in the document). */
int haru_page_write_raw(HPDF_Page page, const void *data, size_t len);

/* Replaces font's libharu-2.3 /ToUnicode encoding CMap with the identity
 * map over the BMP; leaves a proper map alone. font is borrowed (it
 * belongs to its document). Returns 0, or -1 when libharu fails. */
int haru_font_fix_to_unicode(HPDF_Font font);

#endif
