/* text.h - fonts found with fontconfig, UTF-8 split into runs per font,
 * and measuring. The only module that knows about FreeType faces.
 *
 * A FontStack holds a Latin regular face, a Latin bold face and a CJK
 * fallback face, all TrueType (libharu can embed only those). Each
 * character is drawn with the first face of its weight's list that has a
 * glyph for it: bold -> [Latin bold, CJK], regular -> [Latin regular, CJK].
 *
 * Threads: once created, one FontStack may be shared by several threads
 * that measure, split and outline text at the same time (every function
 * below but create and destroy): the FreeType calls that read a face's
 * file or write its glyph slot are serialised by a mutex inside the stack.
 * A caller using fontstack_ft_face directly gets no such protection. */
#ifndef AIGROWTH_TEXT_H
#define AIGROWTH_TEXT_H

#include <stddef.h>
#include "error.h"
#include "scene.h"

typedef enum { FACE_LATIN = 0, FACE_LATIN_BOLD = 1, FACE_CJK = 2,
               FACE_COUNT = 3 } FaceId;

typedef struct FontStack FontStack;

/* Opens "Lato" regular and bold and "WenQuanYi Zen Hei" with FreeType:
 * from the Debian packages' paths when they are there and the environment
 * does not point fontconfig elsewhere (reading fontconfig's configuration
 * costs more than a chart), else as fontconfig finds them (falling back to
 * "DejaVu Sans"). Fails with ERR_RENDER naming the missing family and the
 * Debian package to install. Caller owns; fontstack_destroy(NULL) is a
 * no-op. */
FontStack *fontstack_create(Error *err);
void fontstack_destroy(FontStack *fs);

/* Like fontstack_create with `family` (e.g. "DejaVu Sans") as the Latin
 * face instead of Lato; NULL means the default. An unknown family, or one
 * that is not TrueType, fails with ERR_USAGE. */
FontStack *fontstack_create_family(const char *family, Error *err);

/* Whether some character of utf8 is in none of the stack's faces (an
 * invalid byte counts as uncovered): sets *codepoint to the first and
 * returns 1, else returns 0. Ignorable characters (controls, zero-width
 * marks) are covered by definition: they are drawn as nothing. */
int text_find_uncovered(const FontStack *fs, const char *utf8,
                        unsigned long *codepoint);

/* File and face index of one face, for backends that load it themselves
 * (cairo-ft, libharu). Borrowed. */
const char *fontstack_file(const FontStack *fs, FaceId face, int *index);
/* Family name of a face, e.g. "Lato". Borrowed. */
const char *fontstack_family(const FontStack *fs, FaceId face);
/* The FreeType FT_Face of a face, as void* so callers need no FreeType
 * header. Borrowed; not covered by the stack's lock (see above). */
void *fontstack_ft_face(const FontStack *fs, FaceId face);

typedef struct {
    size_t start, len;  /* byte range in the UTF-8 string */
    FaceId face;
    double width;       /* advance width in points at the measured size */
} TextRun;

/* Splits utf8 into runs of consecutive characters drawn with the same
 * face. Invalid UTF-8 bytes become U+FFFD in measuring and never split a
 * run inside a character. Returns the number of runs; fills up to max.
 * ASCII spaces and punctuation stay in the face of the run before them
 * ("OpenAI 與 Anthropic" -> "OpenAI " | "與 " | "Anthropic"); no face has
 * U+FFFD, so invalid bytes and characters no face has measure (and draw)
 * as '?' of the Latin face. Widths are unhinted advances scaled linearly
 * from font units: exact, deterministic, proportional to size. */
size_t text_runs(const FontStack *fs, const char *utf8, FontWeight weight,
                 double size, TextRun *runs, size_t max);

/* One character of a run, as a renderer draws it: glyph index in the
 * run's face (0 = draw nothing: controls and zero-width format characters;
 * a character no face has is drawn as '?' from the Latin face, never as a
 * missing-glyph box), the decoded character (U+FFFD for invalid bytes), its
 * byte range in the UTF-8 string, and its pen position in points from the
 * run's start. Positions use the same advances as text_runs, so the drawn
 * width equals the measured width. */
typedef struct {
    unsigned glyph;
    unsigned long codepoint;
    size_t start, len;
    long units;  /* pen position in font units of the run's face */
    double x;
} TextGlyph;

/* Glyphs of run (made by text_runs on the same utf8, weight and size).
 * Returns the number of characters in the run; fills up to max. run->len
 * is always enough room. glyphs is caller-owned. */
size_t text_run_glyphs(const FontStack *fs, const char *utf8,
                       FontWeight weight, const TextRun *run, double size,
                       TextGlyph *glyphs, size_t max);

/* Advance width of the whole string in points at size (kerning ignored). */
double text_width(const FontStack *fs, const char *utf8, FontWeight weight,
                  double size);

/* Ascent / descent (positive, points) of the Latin face at size. */
double text_ascent(const FontStack *fs, double size);
double text_descent(const FontStack *fs, double size);

/* Font units per em of a face: a size in points over this is the scale
 * from font units to points. */
unsigned text_units_per_em(const FontStack *fs, FaceId face);

/* A glyph outline in font units, y up. Each verb takes its points from
 * points[] in order: MOVE and LINE one (the end), QUAD two (control, end),
 * CUBIC three. Every MOVE starts a contour that is closed (its end joins
 * its start); contours fill with the non-zero rule. */
typedef enum { OUTLINE_MOVE, OUTLINE_LINE, OUTLINE_QUAD,
               OUTLINE_CUBIC } OutlineVerb;

typedef struct {
    long x, y;
} OutlinePoint;

typedef struct {
    OutlineVerb *verbs;
    size_t n_verbs, cap_verbs;
    OutlinePoint *points;
    size_t n_points, cap_points;
} GlyphOutline;

/* The synthetic bold of the CJK face, which has no bold cut: each outline
 * grows by this fraction of the em in x and y (FreeType's
 * FT_GlyphSlot_Embolden, which cairo applies for FC_EMBOLDEN). The PNG and
 * the chart PDF get it from cairo, the SVG from text_glyph_outline, the
 * report by stroking the glyphs at this width in their ink. */
#define TEXT_EMBOLDEN_EM (1.0 / 24)

/* Replaces out's contents with the outline of glyph in face, unscaled and
 * unhinted (integer font units, TrueType's quadratic curves as QUAD).
 * embolden applies the synthetic bold cairo applies for FC_EMBOLDEN (the
 * outline grows by units_per_EM / 24 in x and y), as render_cairo draws
 * bold CJK. A glyph without contours (a space) gives an empty outline.
 * Returns 0, or -1 if FreeType cannot load the glyph (out then empty).
 * out starts zeroed and may be reused across calls; the caller frees it
 * with text_outline_free (NULL is a no-op). */
int text_glyph_outline(const FontStack *fs, FaceId face, unsigned glyph,
                       int embolden, GlyphOutline *out);
void text_outline_free(GlyphOutline *outline);

#endif
