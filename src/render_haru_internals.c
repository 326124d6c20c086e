/* render_haru_internals.c - the two things render_haru needs that
 * libharu's public API does not offer, done through its private headers.
 *
 * Why: (1) libharu 2.3.0 writes a font's /ToUnicode as an encoding CMap,
 * which poppler rejects on every page (see haru_font_fix_to_unicode);
 * the public API cannot reach that stream. (2) libharu formats each path
 * operator through its own float printing, a third of a report's PDF
 * time; render_haru formats them itself and appends them to the page's
 * content stream, which only page->attr->stream reaches.
 *
 * This is the only file that includes libharu's private headers
 * (hpdf_objects.h, hpdf_pages.h, hpdf_streams.h) or reads its structs, and
 * it refuses to build against a libharu other than the one whose structs
 * it was written for: when libharu changes, read HPDF_PageAttr_Rec and
 * HPDF_Dict_Rec in the new headers, check both functions here, then widen
 * the check. */
#include "render_haru_internals.h"

#include <stdio.h>
#include <string.h>

#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_version.h>

_Static_assert(HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3,
               "render_haru_internals.c reads libharu 2.3's private structs "
               "(HPDF_PageAttr_Rec.stream, HPDF_Dict_Rec.stream); check them "
               "against this libharu's headers, then widen this check");

int haru_page_write_raw(HPDF_Page page, const void *data, size_t len)
{
    HPDF_PageAttr attr = (HPDF_PageAttr)page->attr;
    while (len > 0) {
        /* HPDF_Stream_Write takes an HPDF_UINT count */
        HPDF_UINT n = len > 0x40000000u ? 0x40000000u : (HPDF_UINT)len;
        if (HPDF_Stream_Write(attr->stream, data, n) != HPDF_OK)
            return -1;
        data = (const unsigned char *)data + n;
        len -= n;
    }
    return 0;
}

/* libharu 2.3.0 gives a UTF-8 font /Encoding /Identity-H and, as its
 * /ToUnicode, its own *encoding* CMap (CMapType 1, "<0000> <FFFF> 0
 * begincidrange": code -> CID). A ToUnicode CMap must map codes to Unicode
 * with bfchar/bfrange (PDF 32000-1, 9.10.3), so poppler warns "Invalid
 * 'begincidrange' operator in ToUnicode CMap" on every page and falls back
 * to guessing from the font's cmap table; libharu's source says as much
 * ("specifying our cmap as a stream however does work. Who can understand
 * that?"), and libharu 2.4 writes a proper bfrange map instead.
 *
 * With that encoder a character code is the character's UTF-16 code unit
 * (the content stream holds <0048 0065 ...> for "He"; characters past
 * U+FFFF become spaces), so the correct ToUnicode is the identity over the
 * BMP: one bfrange per high byte, surrogates left out, at most 100 per
 * block. This rewrites the stream libharu made, in place (same object,
 * same filter), through the stream API libharu installs with its headers.
 * It only acts on a stream that holds "begincidrange", so a libharu that
 * writes a proper map is left alone. */
static int stream_contains(HPDF_Stream st, const char *needle)
{
    size_t nlen = strlen(needle);
    for (HPDF_UINT i = 0; i < HPDF_MemStream_GetBufCount(st); i++) {
        HPDF_UINT len = 0;
        const HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, i, &len);
        /* The CMap is under 1 KB, one buffer; a needle split across
           buffers would only mean the repair is skipped. */
        for (HPDF_UINT k = 0; p && k + nlen <= len; k++)
            if (!memcmp(p + k, needle, nlen))
                return 1;
    }
    return 0;
}

int haru_font_fix_to_unicode(HPDF_Font font)
{
    HPDF_Dict dict = (HPDF_Dict)font;
    HPDF_Dict tu = HPDF_Dict_GetItem(dict, "ToUnicode", HPDF_OCLASS_DICT);
    if (!tu || !tu->stream || !stream_contains(tu->stream, "begincidrange"))
        return 0;
    HPDF_Stream st = tu->stream;
    HPDF_MemStream_FreeData(st);
    /* Keys of an encoding CMap that a ToUnicode stream does not carry
       (2.3.0 writes all four; a missing one is no error). */
    static const char *const keys[] = {"Type", "CMapName", "CIDSystemInfo",
                                       "WMode"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        (void)HPDF_Dict_RemoveElement(tu, keys[i]);
    HPDF_STATUS ret = HPDF_Stream_WriteStr(
        st, "/CIDInit /ProcSet findresource begin\n"
            "12 dict begin\n"
            "begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
            "/Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    int high[256], n = 0;
    for (int h = 0; h < 256; h++)
        if (h < 0xd8 || h > 0xdf)
            high[n++] = h;
    char line[64];
    for (int i = 0; i < n && ret == HPDF_OK; i++) {
        if (i % 100 == 0) {
            snprintf(line, sizeof line, "%d beginbfrange\n",
                     n - i < 100 ? n - i : 100);
            ret = HPDF_Stream_WriteStr(st, line);
        }
        /* Codes under U+0020 are never drawn (libharu's notdef range). */
        int lo = high[i] ? 0 : 0x20;
        snprintf(line, sizeof line, "<%02X%02X> <%02XFF> <%02X%02X>\n",
                 high[i], lo, high[i], high[i], lo);
        if (ret == HPDF_OK)
            ret = HPDF_Stream_WriteStr(st, line);
        if (ret == HPDF_OK && (i % 100 == 99 || i + 1 == n))
            ret = HPDF_Stream_WriteStr(st, "endbfrange\n");
    }
    if (ret == HPDF_OK)
        ret = HPDF_Stream_WriteStr(
            st, "endcmap\nCMapName currentdict /CMap defineresource pop\n"
                "end\nend\n");
    return ret == HPDF_OK ? 0 : -1;
}
