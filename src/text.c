/* text.c - fonts found with fontconfig, UTF-8 split into runs per face,
 * and measuring with FreeType.
 *
 * Widths are computed from unscaled advances (font units, hmtx) scaled
 * linearly to the size asked for: no hinting, no dependence on a pixel
 * size, so the same string measures the same everywhere and the renderers
 * can place each glyph at exactly the position the layout measured. */
#include "text.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include FT_OUTLINE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include "util.h"

#define CJK_PROBE_CHAR 0x71DFu /* 營: a face without it is no CJK face */

struct FontStack {
    FcConfig *config;
    FT_Library library;
    FT_Face face[FACE_COUNT];
    char *file[FACE_COUNT];
    int index[FACE_COUNT];
    char *family[FACE_COUNT];
    /* Glyph indices and unscaled advances of U+0000..U+007F per face, filled
     * at creation so the read-only measuring functions need no locking. */
    FT_UInt ascii_glyph[FACE_COUNT][128];
    FT_Fixed ascii_advance[FACE_COUNT][128];
    /* Serialises what reads a face's stream or writes its glyph slot
     * (FT_Get_Advance past ASCII, FT_Load_Glyph): an FT_Face is not safe
     * to use from two threads at once. Character-map lookups only read
     * tables already in memory and take no lock. */
    pthread_mutex_t lock;
};

/* What one family lookup needs: the family asked for, the fontconfig
 * weight, and a character the face must have. */
typedef struct {
    const char *family;
    int weight;
    FT_ULong probe;
} FaceWanted;

/* ---- fontconfig lookup -------------------------------------------------- */

static int pattern_has_family(FcPattern *font, const char *family)
{
    FcChar8 *name;
    for (int i = 0;
         FcPatternGetString(font, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (ascii_casecmp((const char *)name, family) == 0)
            return 1;
    return 0;
}

/* Weight within one named step of the one asked for (Regular accepts Book
 * and Medium, Bold accepts DemiBold and ExtraBold), upright, TrueType. */
static int pattern_acceptable(FcPattern *font, const FaceWanted *want)
{
    int weight, slant;
    FcChar8 *format;
    if (!pattern_has_family(font, want->family))
        return 0;
    if (FcPatternGetInteger(font, FC_WEIGHT, 0, &weight) != FcResultMatch ||
        weight < want->weight - 25 || weight > want->weight + 25)
        return 0;
    if (FcPatternGetInteger(font, FC_SLANT, 0, &slant) == FcResultMatch &&
        slant != FC_SLANT_ROMAN)
        return 0;
    /* libharu embeds glyf outlines only; "CFF" means an OTF it cannot. */
    if (FcPatternGetString(font, FC_FONTFORMAT, 0, &format) != FcResultMatch ||
        strcmp((const char *)format, "TrueType") != 0)
        return 0;
    return 1;
}

/* Opens file/index and checks what fontconfig cannot promise: a Unicode
 * cmap, real glyf outlines and the probe character. */
static FT_Face open_checked(FT_Library library, const char *file, int index,
                            FT_ULong probe)
{
    FT_Face face;
    FT_ULong glyf_len = 0;
    if (FT_New_Face(library, file, index, &face) != 0)
        return NULL;
    if (!FT_IS_SFNT(face) || !FT_IS_SCALABLE(face) ||
        FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0 ||
        FT_Load_Sfnt_Table(face, TTAG_glyf, 0, NULL, &glyf_len) != 0 ||
        glyf_len == 0 || face->units_per_EM == 0 ||
        FT_Get_Char_Index(face, probe) == 0) {
        FT_Done_Face(face);
        return NULL;
    }
    return face;
}

/* Finds want->family at want->weight among the sorted candidates and opens
 * it into slot id. Returns 0, or -1 if no acceptable face exists: fontconfig
 * always returns *some* font, so the family is checked, never trusted. */
static int find_face(FontStack *fs, FaceId id, const FaceWanted *want)
{
    FcPattern *pat = FcPatternBuild(
        NULL, FC_FAMILY, FcTypeString, (const FcChar8 *)want->family,
        FC_WEIGHT, FcTypeInteger, want->weight, FC_SLANT, FcTypeInteger,
        FC_SLANT_ROMAN, FC_SCALABLE, FcTypeBool, FcTrue, (char *)NULL);
    if (!pat)
        return -1;
    FcConfigSubstitute(fs->config, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult result;
    FcFontSet *set = FcFontSort(fs->config, pat, FcFalse, NULL, &result);
    int found = -1;
    for (int i = 0; set && i < set->nfont && found != 0; i++) {
        FcPattern *font = set->fonts[i];
        FcChar8 *file;
        int index = 0;
        if (!pattern_acceptable(font, want) ||
            FcPatternGetString(font, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        FcPatternGetInteger(font, FC_INDEX, 0, &index);
        FT_Face face = open_checked(fs->library, (const char *)file, index,
                                    want->probe);
        if (!face)
            continue;
        fs->face[id] = face;
        fs->file[id] = xstrdup((const char *)file);
        fs->index[id] = index;
        fs->family[id] = xstrdup(want->family);
        found = 0;
    }
    if (set)
        FcFontSetDestroy(set);
    FcPatternDestroy(pat);
    return found;
}

/* Where Debian's fonts-lato and fonts-wqy-zenhei put the default faces.
 * Reading fontconfig's configuration (some 60 XML files) costs more than
 * drawing a chart as SVG, so these files are tried first; fontconfig is
 * asked when one is missing or not what it should be, and always when
 * FONTCONFIG_FILE, FONTCONFIG_PATH or FONTCONFIG_SYSROOT says where the
 * user's configuration is. */
static const struct {
    const char *file;
    int index;
    const char *family;
    int bold;
    FT_ULong probe;
} default_faces[FACE_COUNT] = {
    {"/usr/share/fonts/truetype/lato/Lato-Regular.ttf", 0, "Lato", 0, 'A'},
    {"/usr/share/fonts/truetype/lato/Lato-Bold.ttf", 0, "Lato", 1, 'A'},
    {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei",
     0, CJK_PROBE_CHAR},
};

static int fontconfig_redirected(void)
{
    static const char *const vars[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH",
                                       "FONTCONFIG_SYSROOT"};
    for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            return 1;
    }
    return 0;
}

/* Opens the default faces from their Debian paths; returns 0, or -1 with
 * nothing kept when any is missing or not the family and weight named. */
static int open_default_faces(FontStack *fs)
{
    if (fontconfig_redirected())
        return -1;
    for (int id = 0; id < FACE_COUNT; id++) {
        FT_Face face = open_checked(fs->library, default_faces[id].file,
                                    default_faces[id].index,
                                    default_faces[id].probe);
        int right = face && face->family_name &&
                    ascii_casecmp(face->family_name,
                                  default_faces[id].family) == 0 &&
                    !(face->style_flags & FT_STYLE_FLAG_ITALIC) &&
                    !!(face->style_flags & FT_STYLE_FLAG_BOLD) ==
                        default_faces[id].bold;
        if (!right) {
            if (face)
                FT_Done_Face(face);
            for (int k = 0; k < id; k++) {
                FT_Done_Face(fs->face[k]);
                fs->face[k] = NULL;
                free(fs->file[k]);
                free(fs->family[k]);
                fs->file[k] = fs->family[k] = NULL;
            }
            return -1;
        }
        fs->face[id] = face;
        fs->file[id] = xstrdup(default_faces[id].file);
        fs->index[id] = default_faces[id].index;
        fs->family[id] = xstrdup(default_faces[id].family);
    }
    return 0;
}

static void fill_ascii_cache(FontStack *fs, FaceId id)
{
    FT_Face face = fs->face[id];
    for (FT_ULong c = 0; c < 128; c++) {
        FT_UInt g = FT_Get_Char_Index(face, c);
        FT_Fixed adv = 0;
        if (g != 0 && FT_Get_Advance(face, g, FT_LOAD_NO_SCALE, &adv) != 0)
            adv = 0;
        fs->ascii_glyph[id][c] = g;
        fs->ascii_advance[id][c] = adv;
    }
}

FontStack *fontstack_create(Error *err)
{
    return fontstack_create_family(NULL, err);
}

FontStack *fontstack_create_family(const char *family, Error *err)
{
    static const char *const latin[] = {"Lato", "DejaVu Sans"};
    FontStack *fs = xcalloc(1, sizeof *fs);
    if (pthread_mutex_init(&fs->lock, NULL) != 0) {
        free(fs);
        error_set(err, ERR_RENDER, NULL, 0, 0,
                  "cannot create the font lock; the system is out of "
                  "resources");
        return NULL;
    }
    if (FT_Init_FreeType(&fs->library) != 0) {
        fs->library = NULL;
        error_set(err, ERR_RENDER, NULL, 0, 0, "cannot initialise FreeType");
        goto fail;
    }
    if (!family && open_default_faces(fs) == 0)
        goto opened;
    /* A private configuration, destroyed with the stack: no global
     * fontconfig state is created or torn down behind other users' backs. */
    fs->config = FcInitLoadConfigAndFonts();
    if (!fs->config) {
        error_set(err, ERR_RENDER, NULL, 0, 0,
                  "cannot load the fontconfig configuration; check that "
                  "the Debian package fontconfig is installed");
        goto fail;
    }
    for (int id = FACE_LATIN; id <= FACE_LATIN_BOLD; id++) {
        int weight = id == FACE_LATIN ? FC_WEIGHT_REGULAR : FC_WEIGHT_BOLD;
        int ok = -1;
        if (family) {
            ok = find_face(fs, (FaceId)id, &(FaceWanted){family, weight, 'A'});
            /* A family without a bold face still works: bold text is
             * drawn with its regular face. */
            if (ok != 0 && id == FACE_LATIN_BOLD)
                ok = find_face(fs, (FaceId)id,
                               &(FaceWanted){family, FC_WEIGHT_REGULAR, 'A'});
            if (ok != 0) {
                error_set(err, ERR_USAGE, NULL, 0, 0,
                          "font \"%s\" not found as a TrueType font with "
                          "Latin letters; list candidates with fc-list "
                          ":fontformat=TrueType family",
                          family);
                goto fail;
            }
            continue;
        }
        for (size_t k = 0; k < sizeof latin / sizeof *latin && ok != 0; k++)
            ok = find_face(fs, (FaceId)id,
                           &(FaceWanted){latin[k], weight, 'A'});
        if (ok != 0) {
            error_set(err, ERR_RENDER, NULL, 0, 0,
                      "font \"Lato\" %s not found (nor \"DejaVu Sans\"); "
                      "install the Debian package fonts-lato",
                      id == FACE_LATIN ? "Regular" : "Bold");
            goto fail;
        }
    }
    if (find_face(fs, FACE_CJK,
                  &(FaceWanted){"WenQuanYi Zen Hei", FC_WEIGHT_MEDIUM,
                                CJK_PROBE_CHAR}) != 0) {
        error_set(err, ERR_RENDER, NULL, 0, 0,
                  "font \"WenQuanYi Zen Hei\" not found; install the Debian "
                  "package fonts-wqy-zenhei");
        goto fail;
    }
opened:
    for (int id = 0; id < FACE_COUNT; id++)
        fill_ascii_cache(fs, (FaceId)id);
    return fs;
fail:
    fontstack_destroy(fs);
    return NULL;
}

void fontstack_destroy(FontStack *fs)
{
    if (!fs)
        return;
    for (int id = 0; id < FACE_COUNT; id++) {
        if (fs->face[id])
            FT_Done_Face(fs->face[id]);
        free(fs->file[id]);
        free(fs->family[id]);
    }
    if (fs->library)
        FT_Done_FreeType(fs->library);
    if (fs->config)
        FcConfigDestroy(fs->config);
    pthread_mutex_destroy(&fs->lock);
    free(fs);
}

const char *fontstack_file(const FontStack *fs, FaceId face, int *index)
{
    if (index)
        *index = fs->index[face];
    return fs->file[face];
}

const char *fontstack_family(const FontStack *fs, FaceId face)
{
    return fs->family[face];
}

void *fontstack_ft_face(const FontStack *fs, FaceId face)
{
    return fs->face[face];
}

/* ---- faces per character ------------------------------------------------ */

/* Controls and zero-width format characters (ZWSP..RLM, the bidi
 * embeddings and isolates U+202A..202E and U+2066..2069, word joiner..,
 * BOM, variation selectors): no face should draw a box or a '?' for them,
 * so they get no glyph and no advance. Text is drawn in logical order;
 * the bidi controls only would reorder it, and are dropped. */
static int is_ignorable(FT_ULong c)
{
    return c < 0x20 || c == 0x7F || (c >= 0x200B && c <= 0x200F) ||
           (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x2069) ||
           c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F) ||
           (c >= 0xE0100 && c <= 0xE01EF) || c == 0x00AD;
}

/* Characters that stay in the face of the run they follow, so "OpenAI 與"
 * is not split at the space: ASCII space, punctuation and controls. */
static int is_neutral(FT_ULong c)
{
    return c < 0x80 && !(c >= '0' && c <= '9') &&
           !((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static FT_UInt glyph_of(const FontStack *fs, FaceId id, FT_ULong c)
{
    if (c < 128)
        return fs->ascii_glyph[id][c];
    return FT_Get_Char_Index(fs->face[id], c);
}

static FT_Fixed advance_of(const FontStack *fs, FaceId id, FT_ULong c,
                           FT_UInt glyph)
{
    FT_Fixed adv = 0;
    if (glyph == 0)
        return 0;
    if (c < 128)
        return fs->ascii_advance[id][c];
    pthread_mutex_t *lock = (pthread_mutex_t *)&fs->lock;
    pthread_mutex_lock(lock);
    if (FT_Get_Advance(fs->face[id], glyph, FT_LOAD_NO_SCALE, &adv) != 0)
        adv = 0;
    pthread_mutex_unlock(lock);
    return adv;
}

/* One decoded character placed in a face. glyph 0 means "draw nothing"
 * (ignorable characters); a character no face has is drawn as '?' from the
 * Latin face rather than as a missing-glyph box. */
typedef struct {
    size_t len;
    FaceId face;
    FT_UInt glyph;
    FT_Fixed advance; /* font units of face */
} Placed;

static void place_char(const FontStack *fs, FT_ULong cp, FontWeight weight,
                       int have_current, FaceId current, Placed *out)
{
    FaceId order[2] = {weight == FONT_BOLD ? FACE_LATIN_BOLD : FACE_LATIN,
                       FACE_CJK};
    if (is_ignorable(cp)) {
        out->face = have_current ? current : order[0];
        out->glyph = 0;
        out->advance = 0;
        return;
    }
    if (have_current && is_neutral(cp)) {
        FT_UInt g = glyph_of(fs, current, cp);
        if (g != 0) {
            out->face = current;
            out->glyph = g;
            out->advance = advance_of(fs, current, cp, g);
            return;
        }
    }
    for (int k = 0; k < 2; k++) {
        FT_UInt g = glyph_of(fs, order[k], cp);
        if (g != 0) {
            out->face = order[k];
            out->glyph = g;
            out->advance = advance_of(fs, order[k], cp, g);
            return;
        }
    }
    out->face = order[0];
    out->glyph = glyph_of(fs, order[0], '?');
    out->advance = advance_of(fs, order[0], '?', out->glyph);
}

static double units_to_points(const FontStack *fs, FaceId id, long units,
                              double size)
{
    return (double)units * size / (double)fs->face[id]->units_per_EM;
}

/* Walks utf8 and calls emit for each finished run; returns the run count.
 * Widths are integer sums of font units scaled once per run, so they do
 * not depend on the order of floating-point additions inside a run. */
static size_t split_runs(const FontStack *fs, const char *utf8,
                         FontWeight weight, double size, TextRun *runs,
                         size_t max, double *total)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t len = strlen(utf8), pos = 0, count = 0;
    int have = 0;
    TextRun cur = {0, 0, FACE_LATIN, 0.0};
    long units = 0;
    *total = 0.0;
    while (pos < len) {
        Placed p;
        FT_ULong cp;
        p.len = utf8_decode(s + pos, len - pos, &cp);
        place_char(fs, cp, weight, have, cur.face, &p);
        if (have && p.face != cur.face) {
            cur.width = units_to_points(fs, cur.face, units, size);
            *total += cur.width;
            if (count < max)
                runs[count] = cur;
            count++;
            have = 0;
        }
        if (!have) {
            cur = (TextRun){pos, 0, p.face, 0.0};
            units = 0;
            have = 1;
        }
        cur.len += p.len;
        units += (long)p.advance;
        pos += p.len;
    }
    if (have) {
        cur.width = units_to_points(fs, cur.face, units, size);
        *total += cur.width;
        if (count < max)
            runs[count] = cur;
        count++;
    }
    return count;
}

int text_find_uncovered(const FontStack *fs, const char *utf8,
                        unsigned long *codepoint)
{
    const unsigned char *s = (const unsigned char *)utf8;
    size_t len = strlen(utf8), pos = 0;
    while (pos < len) {
        FT_ULong cp;
        pos += utf8_decode(s + pos, len - pos, &cp);
        if (is_ignorable(cp))
            continue;
        /* Regular and bold Latin faces cover the same characters in every
         * family we accept, so the regular one answers for both. */
        if (cp == UTF8_REPLACEMENT || (glyph_of(fs, FACE_LATIN, cp) == 0 &&
                                       glyph_of(fs, FACE_CJK, cp) == 0)) {
            *codepoint = cp;
            return 1;
        }
    }
    return 0;
}

size_t text_runs(const FontStack *fs, const char *utf8, FontWeight weight,
                 double size, TextRun *runs, size_t max)
{
    double total;
    return split_runs(fs, utf8, weight, size, runs, max, &total);
}

double text_width(const FontStack *fs, const char *utf8, FontWeight weight,
                  double size)
{
    double total;
    split_runs(fs, utf8, weight, size, NULL, 0, &total);
    return total;
}

size_t text_run_glyphs(const FontStack *fs, const char *utf8,
                       FontWeight weight, const TextRun *run, double size,
                       TextGlyph *glyphs, size_t max)
{
    const unsigned char *s = (const unsigned char *)utf8 + run->start;
    size_t pos = 0, count = 0;
    long units = 0;
    while (pos < run->len) {
        Placed p;
        FT_ULong cp;
        p.len = utf8_decode(s + pos, run->len - pos, &cp);
        /* Re-placing with the run's face as current reproduces text_runs'
         * choice: every character in the run was placed in that face. */
        place_char(fs, cp, weight, 1, run->face, &p);
        if (p.face != run->face) {
            /* Not reachable for runs text_runs made; draw nothing. */
            p.glyph = 0;
            p.advance = 0;
        }
        if (count < max)
            glyphs[count] = (TextGlyph){
                .glyph = p.glyph,
                .codepoint = cp,
                .start = run->start + pos,
                .len = p.len,
                .units = units,
                .x = units_to_points(fs, run->face, units, size)};
        count++;
        units += (long)p.advance;
        pos += p.len;
    }
    return count;
}

double text_ascent(const FontStack *fs, double size)
{
    return units_to_points(fs, FACE_LATIN, fs->face[FACE_LATIN]->ascender,
                           size);
}

double text_descent(const FontStack *fs, double size)
{
    return units_to_points(fs, FACE_LATIN, -fs->face[FACE_LATIN]->descender,
                           size);
}

unsigned text_units_per_em(const FontStack *fs, FaceId face)
{
    return fs->face[face]->units_per_EM;
}

/* ---- outlines ----------------------------------------------------------- */

static void outline_push(GlyphOutline *out, OutlineVerb verb,
                         const FT_Vector *const *pts, size_t n)
{
    grow_array((void **)&out->verbs, &out->cap_verbs, out->n_verbs + 1,
               sizeof *out->verbs);
    grow_array((void **)&out->points, &out->cap_points, out->n_points + n,
               sizeof *out->points);
    out->verbs[out->n_verbs++] = verb;
    for (size_t i = 0; i < n; i++)
        out->points[out->n_points++] =
            (OutlinePoint){(long)pts[i]->x, (long)pts[i]->y};
}

static int on_move(const FT_Vector *to, void *user)
{
    outline_push(user, OUTLINE_MOVE, &to, 1);
    return 0;
}

static int on_line(const FT_Vector *to, void *user)
{
    outline_push(user, OUTLINE_LINE, &to, 1);
    return 0;
}

static int on_conic(const FT_Vector *control, const FT_Vector *to,
                    void *user)
{
    const FT_Vector *pts[2] = {control, to};
    outline_push(user, OUTLINE_QUAD, pts, 2);
    return 0;
}

static int on_cubic(const FT_Vector *c1, const FT_Vector *c2,
                    const FT_Vector *to, void *user)
{
    const FT_Vector *pts[3] = {c1, c2, to};
    outline_push(user, OUTLINE_CUBIC, pts, 3);
    return 0;
}

int text_glyph_outline(const FontStack *fs, FaceId face, unsigned glyph,
                       int embolden, GlyphOutline *out)
{
    static const FT_Outline_Funcs funcs = {on_move, on_line, on_conic,
                                           on_cubic, 0, 0};
    FT_Face ft = fs->face[face];
    pthread_mutex_t *lock = (pthread_mutex_t *)&fs->lock;
    int rc = -1;
    out->n_verbs = out->n_points = 0;
    pthread_mutex_lock(lock);
    if (FT_Load_Glyph(ft, glyph, FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING) != 0 ||
        ft->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
        goto done;
    FT_Outline *outline = &ft->glyph->outline;
    /* cairo's FC_EMBOLDEN is FT_GlyphSlot_Embolden: a stroke of em / 24
     * in x and y, which in font units is units_per_EM / 24 at any size. */
    if (embolden) {
        FT_Pos strength = (FT_Pos)((ft->units_per_EM + 12) / 24);
        if (FT_Outline_EmboldenXY(outline, strength, strength) != 0)
            goto done;
    }
    if (FT_Outline_Decompose(outline, &funcs, out) != 0) {
        out->n_verbs = out->n_points = 0;
        goto done;
    }
    rc = 0;
done:
    pthread_mutex_unlock(lock);
    return rc;
}

void text_outline_free(GlyphOutline *outline)
{
    if (!outline)
        return;
    free(outline->verbs);
    free(outline->points);
    *outline = (GlyphOutline){0};
}
