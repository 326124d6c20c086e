/* render_haru.h - scene to vector content on a libharu PDF page. */
#ifndef AIGROWTH_RENDER_HARU_H
#define AIGROWTH_RENDER_HARU_H

#include <hpdf.h>
#include "error.h"
#include "scene.h"
#include "text.h"

/* The FontStack's faces loaded into one PDF document as embedded,
 * subset TrueType fonts with UTF-8 encoding. Caller owns;
 * haru_fonts_destroy(NULL) is a no-op. The fonts themselves belong to doc. */
typedef struct HaruFonts HaruFonts;

HaruFonts *haru_fonts_load(HPDF_Doc doc, const FontStack *fs, Error *err);
void haru_fonts_destroy(HaruFonts *hf);

/* Draws scene as vector paths and text onto page, scaled uniformly to fit
 * the box whose top-left corner is (x, top) in PDF page coordinates
 * (origin bottom-left, points) and whose size is w x h, centred in it.
 * Text goes run by run (text_runs) so CJK uses the fallback face. */
int render_haru_scene(HPDF_Page page, const Scene *scene,
                      const FontStack *fs, const HaruFonts *hf, double x,
                      double top, double w, double h, Error *err);

#endif
