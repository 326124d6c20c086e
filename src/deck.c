/* deck.c - the deck's package: every part of a PresentationML document
 * (see deck.h), each written through deck_xml.h and zipped by deck_zip.h.
 *
 * Part order in the ZIP: [Content_Types].xml first (some readers sniff
 * it there), then the relationships, the presentation and its parts, the
 * slides with their notes, the media. Every shape is placed in EMU
 * (12700 to the point). Fonts: each run names the theme's fonts (+mn-lt,
 * +mn-ea), and the theme names Lato with its PANOSE and a sans-serif
 * pitch family, so a machine without Lato substitutes a sans such as
 * Arial, and an East Asian font per language with script-specific ones
 * (Hant, Hans, Jpan, Hang) so CJK text finds a face on Windows, macOS and
 * Linux alike. */
#include "deck.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck_xml.h"
#include "deck_zip.h"
#include "util.h"

#define EMU_PER_PT 12700.0

#define NS_A "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_R \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_P "http://schemas.openxmlformats.org/presentationml/2006/main"
#define NS_PKG_REL \
    "http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_BASE \
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT_PML "application/vnd.openxmlformats-officedocument.presentationml."
#define CT_OFC "application/vnd.openxmlformats-officedocument."
#define SVG_EXT_URI "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
#define NS_ASVG "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
#define ROOT_NS " xmlns:a=\"" NS_A "\" xmlns:r=\"" NS_R "\" xmlns:p=\"" NS_P "\""

static long emu(double pt)
{
    return lround(pt * EMU_PER_PT);
}

/* ---- the model --------------------------------------------------------- */

DeckSlide *deck_slide_add(Deck *deck)
{
    grow_array((void **)&deck->slides, &deck->cap_slides, deck->n_slides + 1,
               sizeof *deck->slides);
    DeckSlide *s = &deck->slides[deck->n_slides++];
    memset(s, 0, sizeof *s);
    return s;
}

DeckText *deck_text_add(DeckSlide *s, double x, double y, double w, double h,
                        const char *text, double size, int bold, Color color)
{
    grow_array((void **)&s->texts, &s->cap_texts, s->n_texts + 1,
               sizeof *s->texts);
    DeckText *t = &s->texts[s->n_texts++];
    *t = (DeckText){.x = x, .y = y, .w = w, .h = h, .text = xstrdup(text),
                    .size = size, .bold = bold, .color = color,
                    .align = DECK_LEFT, .wrap = 1, .name = "Text"};
    return t;
}

DeckTable *deck_table_add(DeckSlide *s, double x, double y, size_t n_rows,
                          size_t n_cols, double size, double row_h)
{
    grow_array((void **)&s->tables, &s->cap_tables, s->n_tables + 1,
               sizeof *s->tables);
    DeckTable *t = &s->tables[s->n_tables++];
    *t = (DeckTable){.x = x, .y = y, .n_cols = n_cols, .n_rows = n_rows,
                     .size = size, .row_h = row_h};
    t->col_w = xcalloc(n_cols + 1, sizeof *t->col_w);
    t->figure = xcalloc(n_cols + 1, sizeof *t->figure);
    t->cells = xmalloc_array(n_rows * n_cols + 1, sizeof *t->cells);
    for (size_t i = 0; i < n_rows * n_cols; i++)
        t->cells[i] = xstrdup("");
    return t;
}

void deck_table_set(DeckTable *t, size_t row, size_t col, const char *text)
{
    char **cell = &t->cells[row * t->n_cols + col];
    free(*cell);
    *cell = xstrdup(text);
}

void deck_notes_add(DeckSlide *s, const char *text)
{
    char *was = s->notes;
    s->notes = was ? xstrfmt("%s\n%s", was, text) : xstrdup(text);
    free(was);
}

void deck_free(Deck *deck)
{
    for (size_t i = 0; i < deck->n_slides; i++) {
        DeckSlide *s = &deck->slides[i];
        for (size_t k = 0; k < s->n_texts; k++)
            free(s->texts[k].text);
        free(s->texts);
        for (size_t k = 0; k < s->n_tables; k++) {
            DeckTable *t = &s->tables[k];
            for (size_t c = 0; c < t->n_rows * t->n_cols; c++)
                free(t->cells[c]);
            free(t->cells);
            free(t->col_w);
            free(t->figure);
        }
        free(s->tables);
        if (s->picture) {
            bytebuf_free(&s->picture->png);
            bytebuf_free(&s->picture->svg);
            free(s->picture->descr);
            free(s->picture);
        }
        free(s->notes);
    }
    free(deck->slides);
    deck->slides = NULL;
    deck->n_slides = deck->cap_slides = 0;
}

/* ---- fonts and runs ---------------------------------------------------- */

/* The language tag of runs and the East Asian face a language uses. */
static const char *lang_attr(Lang lang)
{
    return lang == LANG_ZH_TW ? "zh-TW" : lang == LANG_ZH_CN ? "zh-CN"
                                                             : "en-US";
}

static const char *ea_face(Lang lang)
{
    return lang == LANG_ZH_CN ? "Microsoft YaHei" : "Microsoft JhengHei";
}

static void hex_color(ByteBuf *b, Color c)
{
    deck_xml_fmt(b, "<a:solidFill><a:srgbClr val=\"%02X%02X%02X\"/>"
                    "</a:solidFill>",
                 (unsigned)lround(fmin(fmax(c.r, 0), 1) * 255),
                 (unsigned)lround(fmin(fmax(c.g, 0), 1) * 255),
                 (unsigned)lround(fmin(fmax(c.b, 0), 1) * 255));
}

/* One run of text (no line breaks inside) in the theme's fonts. */
static void run(ByteBuf *b, const Deck *deck, const char *text, double size,
                int bold, Color color)
{
    deck_xml_fmt(b, "<a:r><a:rPr lang=\"%s\" altLang=\"en-US\" sz=\"%ld\"%s"
                    " dirty=\"0\">",
                 lang_attr(deck->lang), lround(size * 100),
                 bold ? " b=\"1\"" : " b=\"0\"");
    hex_color(b, color);
    deck_xml_raw(b, "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/>"
                    "<a:cs typeface=\"+mn-cs\"/></a:rPr>");
    deck_xml_element(b, "a:t", text);
    deck_xml_raw(b, "</a:r>");
}

/* Paragraphs of text split at '\n', each aligned as align says, lines
 * lead points apart (0: the viewer's spacing). */
static void paragraphs_led(ByteBuf *b, const Deck *deck, const char *text,
                           double size, int bold, Color color,
                           DeckAlign align, double lead)
{
    static const char *const algn[] = {"l", "ctr", "r"};
    const char *p = text ? text : "";
    for (;;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char *line = xstrndup(p, len);
        if (lead > 0)
            deck_xml_fmt(b, "<a:p><a:pPr algn=\"%s\"><a:lnSpc><a:spcPts "
                            "val=\"%ld\"/></a:lnSpc></a:pPr>",
                         algn[align], lround(lead * 100));
        else
            deck_xml_fmt(b, "<a:p><a:pPr algn=\"%s\"/>", algn[align]);
        if (line[0])
            run(b, deck, line, size, bold, color);
        deck_xml_fmt(b, "<a:endParaRPr lang=\"%s\" sz=\"%ld\" dirty=\"0\"/>"
                        "</a:p>",
                     lang_attr(deck->lang), lround(size * 100));
        free(line);
        if (!nl)
            break;
        p = nl + 1;
    }
}

static void paragraphs(ByteBuf *b, const Deck *deck, const char *text,
                       double size, int bold, Color color, DeckAlign align)
{
    paragraphs_led(b, deck, text, size, bold, color, align, 0);
}

static void xfrm(ByteBuf *b, const char *tag, double x, double y, double w,
                 double h)
{
    deck_xml_fmt(b, "<%s><a:off x=\"%ld\" y=\"%ld\"/><a:ext cx=\"%ld\" "
                    "cy=\"%ld\"/></%s>",
                 tag, emu(x), emu(y), emu(w), emu(h), tag);
}

/* ---- slide shapes ------------------------------------------------------ */

static void shape_text(ByteBuf *b, const Deck *deck, const DeckText *t,
                       unsigned id)
{
    deck_xml_fmt(b, "<p:sp><p:nvSpPr><p:cNvPr id=\"%u\"", id);
    deck_xml_attr(b, "name", t->name);
    deck_xml_raw(b, "/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>");
    xfrm(b, "a:xfrm", t->x, t->y, t->w, t->h);
    deck_xml_raw(b, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                    "<a:noFill/></p:spPr><p:txBody>");
    deck_xml_fmt(b, "<a:bodyPr wrap=\"%s\" lIns=\"0\" tIns=\"0\" rIns=\"0\" "
                    "bIns=\"0\" rtlCol=\"0\" anchor=\"t\"><a:noAutofit/>"
                    "</a:bodyPr><a:lstStyle/>",
                 t->wrap ? "square" : "none");
    paragraphs_led(b, deck, t->text, t->size, t->bold, t->color, t->align,
                   t->lead);
    deck_xml_raw(b, "</p:txBody></p:sp>");
}

static void cell_border(ByteBuf *b, const char *tag, int on)
{
    if (on)
        deck_xml_fmt(b, "<a:%s w=\"9525\"><a:solidFill><a:srgbClr "
                        "val=\"BFBFBF\"/></a:solidFill></a:%s>",
                     tag, tag);
    else
        deck_xml_fmt(b, "<a:%s w=\"0\"><a:noFill/></a:%s>", tag, tag);
}

static void shape_table(ByteBuf *b, const Deck *deck, const DeckTable *t,
                        unsigned id)
{
    double w = 0;
    for (size_t c = 0; c < t->n_cols; c++)
        w += t->col_w[c];
    deck_xml_fmt(b, "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr "
                    "id=\"%u\" name=\"Table %u\"/><p:cNvGraphicFramePr>"
                    "<a:graphicFrameLocks noGrp=\"1\"/></p:cNvGraphicFramePr>"
                    "<p:nvPr/></p:nvGraphicFramePr>",
                 id, id);
    xfrm(b, "p:xfrm", t->x, t->y, w, t->row_h * (double)t->n_rows);
    deck_xml_raw(b, "<a:graphic><a:graphicData uri=\"http://schemas."
                    "openxmlformats.org/drawingml/2006/table\"><a:tbl>"
                    "<a:tblPr firstRow=\"1\"/><a:tblGrid>");
    for (size_t c = 0; c < t->n_cols; c++)
        deck_xml_fmt(b, "<a:gridCol w=\"%ld\"/>", emu(t->col_w[c]));
    deck_xml_raw(b, "</a:tblGrid>");
    Color ink = {0.13, 0.13, 0.13, 1}, soft = {0.33, 0.33, 0.33, 1};
    for (size_t r = 0; r < t->n_rows; r++) {
        deck_xml_fmt(b, "<a:tr h=\"%ld\">", emu(t->row_h));
        for (size_t c = 0; c < t->n_cols; c++) {
            deck_xml_raw(b, "<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>");
            paragraphs(b, deck, t->cells[r * t->n_cols + c], t->size, r == 0,
                       r == 0 ? soft : ink,
                       t->figure[c] ? DECK_RIGHT : DECK_LEFT);
            deck_xml_fmt(b, "</a:txBody><a:tcPr marL=\"%ld\" marR=\"%ld\" "
                            "marT=\"%ld\" marB=\"%ld\" anchor=\"ctr\">",
                         emu(4), emu(4), emu(1), emu(1));
            cell_border(b, "lnL", 0);
            cell_border(b, "lnR", 0);
            cell_border(b, "lnT", r == 0);
            cell_border(b, "lnB", 1);
            if (r == 0)
                deck_xml_raw(b, "<a:solidFill><a:srgbClr val=\"F2F2F2\"/>"
                                "</a:solidFill>");
            else
                deck_xml_raw(b, "<a:noFill/>");
            deck_xml_raw(b, "</a:tcPr></a:tc>");
        }
        deck_xml_raw(b, "</a:tr>");
    }
    deck_xml_raw(b, "</a:tbl></a:graphicData></a:graphic></p:graphicFrame>");
}

/* The picture: rId2 the PNG, rId3 the SVG (slide_rels). */
static void shape_picture(ByteBuf *b, const DeckPicture *pic, unsigned id)
{
    deck_xml_fmt(b, "<p:pic><p:nvPicPr><p:cNvPr id=\"%u\" name=\"Chart\"",
                 id);
    deck_xml_attr(b, "descr", pic->descr);
    deck_xml_raw(b, "/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/>"
                    "</p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill>"
                    "<a:blip r:embed=\"rId2\"><a:extLst><a:ext uri=\""
                    SVG_EXT_URI "\"><asvg:svgBlip xmlns:asvg=\"" NS_ASVG
                    "\" r:embed=\"rId3\"/></a:ext></a:extLst></a:blip>"
                    "<a:stretch><a:fillRect/></a:stretch></p:blipFill>"
                    "<p:spPr>");
    xfrm(b, "a:xfrm", pic->x, pic->y, pic->w, pic->h);
    deck_xml_raw(b, "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                    "</p:spPr></p:pic>");
}

static void tree_begin(ByteBuf *b)
{
    deck_xml_raw(b, "<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/>"
                    "<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr>"
                    "<a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" "
                    "cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" "
                    "cy=\"0\"/></a:xfrm></p:grpSpPr>");
}

static void part_slide(ByteBuf *b, const Deck *deck, const DeckSlide *s)
{
    deck_xml_raw(b, DECK_XML_DECL "<p:sld" ROOT_NS "><p:cSld>");
    tree_begin(b);
    unsigned id = 2;
    if (s->picture)
        shape_picture(b, s->picture, id++);
    for (size_t i = 0; i < s->n_tables; i++)
        shape_table(b, deck, &s->tables[i], id++);
    for (size_t i = 0; i < s->n_texts; i++)
        shape_text(b, deck, &s->texts[i], id++);
    deck_xml_raw(b, "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
                    "</p:clrMapOvr></p:sld>");
}

static void part_notes(ByteBuf *b, const Deck *deck, const DeckSlide *s)
{
    deck_xml_raw(b, DECK_XML_DECL "<p:notes" ROOT_NS "><p:cSld>");
    tree_begin(b);
    deck_xml_raw(b, "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/>"
                    "<p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" "
                    "noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
                    "type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
                    "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/>"
                    "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>"
                    "<p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr>"
                    "<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>");
    Color ink = {0, 0, 0, 1};
    paragraphs(b, deck, s->notes, 12, 0, ink, DECK_LEFT);
    deck_xml_raw(b, "</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr>"
                    "<a:masterClrMapping/></p:clrMapOvr></p:notes>");
}

/* ---- the fixed parts --------------------------------------------------- */

static void part_content_types(ByteBuf *b, const Deck *deck)
{
    deck_xml_raw(b, DECK_XML_DECL
                 "<Types xmlns=\"http://schemas.openxmlformats.org/package/"
                 "2006/content-types\">"
                 "<Default Extension=\"rels\" ContentType=\"application/"
                 "vnd.openxmlformats-package.relationships+xml\"/>"
                 "<Default Extension=\"xml\" ContentType=\"application/"
                 "xml\"/>"
                 "<Default Extension=\"png\" ContentType=\"image/png\"/>"
                 "<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>"
                 "<Override PartName=\"/ppt/presentation.xml\" ContentType=\""
                 CT_PML "presentation.main+xml\"/>"
                 "<Override PartName=\"/ppt/slideMasters/slideMaster1.xml\" "
                 "ContentType=\"" CT_PML "slideMaster+xml\"/>"
                 "<Override PartName=\"/ppt/slideLayouts/slideLayout1.xml\" "
                 "ContentType=\"" CT_PML "slideLayout+xml\"/>"
                 "<Override PartName=\"/ppt/notesMasters/notesMaster1.xml\" "
                 "ContentType=\"" CT_PML "notesMaster+xml\"/>"
                 "<Override PartName=\"/ppt/theme/theme1.xml\" ContentType=\""
                 CT_OFC "theme+xml\"/>"
                 "<Override PartName=\"/ppt/theme/theme2.xml\" ContentType=\""
                 CT_OFC "theme+xml\"/>"
                 "<Override PartName=\"/ppt/presProps.xml\" ContentType=\""
                 CT_PML "presProps+xml\"/>"
                 "<Override PartName=\"/ppt/viewProps.xml\" ContentType=\""
                 CT_PML "viewProps+xml\"/>"
                 "<Override PartName=\"/ppt/tableStyles.xml\" ContentType=\""
                 CT_PML "tableStyles+xml\"/>"
                 "<Override PartName=\"/docProps/core.xml\" ContentType=\""
                 "application/vnd.openxmlformats-package.core-properties+"
                 "xml\"/>"
                 "<Override PartName=\"/docProps/app.xml\" ContentType=\""
                 CT_OFC "extended-properties+xml\"/>");
    for (size_t i = 1; i <= deck->n_slides; i++)
        deck_xml_fmt(b, "<Override PartName=\"/ppt/slides/slide%zu.xml\" "
                        "ContentType=\"" CT_PML "slide+xml\"/>"
                        "<Override PartName=\"/ppt/notesSlides/"
                        "notesSlide%zu.xml\" ContentType=\"" CT_PML
                        "notesSlide+xml\"/>",
                     i, i);
    deck_xml_raw(b, "</Types>");
}

static void rel(ByteBuf *b, const char *id, const char *type,
                const char *target)
{
    deck_xml_fmt(b, "<Relationship Id=\"%s\" Type=\"%s\" Target=\"%s\"/>", id,
                 type, target);
}

static void rels_begin(ByteBuf *b)
{
    deck_xml_raw(b, DECK_XML_DECL "<Relationships xmlns=\"" NS_PKG_REL "\">");
}

static void part_root_rels(ByteBuf *b)
{
    rels_begin(b);
    rel(b, "rId1", REL_BASE "officeDocument", "ppt/presentation.xml");
    rel(b, "rId2", "http://schemas.openxmlformats.org/package/2006/"
                   "relationships/metadata/core-properties",
        "docProps/core.xml");
    rel(b, "rId3", REL_BASE "extended-properties", "docProps/app.xml");
    deck_xml_raw(b, "</Relationships>");
}

/* Presentation relationships: rId1 master, rId2 notes master, rId3
 * theme, rId4-6 properties and table styles, rId7 on the slides. */
static void part_presentation_rels(ByteBuf *b, const Deck *deck)
{
    rels_begin(b);
    rel(b, "rId1", REL_BASE "slideMaster", "slideMasters/slideMaster1.xml");
    rel(b, "rId2", REL_BASE "notesMaster", "notesMasters/notesMaster1.xml");
    rel(b, "rId3", REL_BASE "theme", "theme/theme1.xml");
    rel(b, "rId4", REL_BASE "presProps", "presProps.xml");
    rel(b, "rId5", REL_BASE "viewProps", "viewProps.xml");
    rel(b, "rId6", REL_BASE "tableStyles", "tableStyles.xml");
    for (size_t i = 0; i < deck->n_slides; i++)
        deck_xml_fmt(b, "<Relationship Id=\"rId%zu\" Type=\"" REL_BASE
                        "slide\" Target=\"slides/slide%zu.xml\"/>",
                     i + 7, i + 1);
    deck_xml_raw(b, "</Relationships>");
}

static void part_presentation(ByteBuf *b, const Deck *deck)
{
    deck_xml_raw(b, DECK_XML_DECL "<p:presentation" ROOT_NS
                 " saveSubsetFonts=\"1\"><p:sldMasterIdLst><p:sldMasterId "
                 "id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>"
                 "<p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/>"
                 "</p:notesMasterIdLst><p:sldIdLst>");
    for (size_t i = 0; i < deck->n_slides; i++)
        deck_xml_fmt(b, "<p:sldId id=\"%zu\" r:id=\"rId%zu\"/>", i + 256,
                     i + 7);
    deck_xml_fmt(b, "</p:sldIdLst><p:sldSz cx=\"%ld\" cy=\"%ld\"/>"
                    "<p:notesSz cx=\"6858000\" cy=\"9144000\"/>"
                    "<p:defaultTextStyle><a:lvl1pPr><a:defRPr lang=\"%s\">"
                    "<a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/>"
                    "</a:defRPr></a:lvl1pPr></p:defaultTextStyle>"
                    "</p:presentation>",
                 emu(DECK_WIDTH), emu(DECK_HEIGHT), lang_attr(deck->lang));
}

/* One font of the theme's scheme: Latin, East Asian and complex script
 * faces with the script-specific ones. */
static void theme_font(ByteBuf *b, const char *tag, const Deck *deck)
{
    deck_xml_fmt(b, "<a:%s><a:latin typeface=\"Lato\" "
                    "panose=\"020F0502020204030203\" pitchFamily=\"34\" "
                    "charset=\"0\"/>",
                 tag);
    deck_xml_raw(b, "<a:ea");
    deck_xml_attr(b, "typeface", ea_face(deck->lang));
    /* Windows character sets: Big5 (136) or GB2312 (134), as signed bytes. */
    deck_xml_fmt(b, " pitchFamily=\"34\" charset=\"%d\"/>",
                 deck->lang == LANG_ZH_CN ? -122 : -120);
    deck_xml_raw(b, "<a:cs typeface=\"Arial\"/>"
                    "<a:font script=\"Hant\" typeface=\"Microsoft JhengHei\"/>"
                    "<a:font script=\"Hans\" typeface=\"Microsoft YaHei\"/>"
                    "<a:font script=\"Jpan\" typeface=\"Yu Gothic\"/>"
                    "<a:font script=\"Hang\" typeface=\"Malgun Gothic\"/>");
    deck_xml_fmt(b, "</a:%s>", tag);
}

static void part_theme(ByteBuf *b, const Deck *deck)
{
    static const char *const colors[][2] = {
        {"dk1", "222222"},     {"lt1", "FFFFFF"},     {"dk2", "44546A"},
        {"lt2", "E7E6E6"},     {"accent1", "1F77B4"}, {"accent2", "D55E00"},
        {"accent3", "009E73"}, {"accent4", "CC79A7"}, {"accent5", "56B4E9"},
        {"accent6", "E69F00"}, {"hlink", "0563C1"},   {"folHlink", "954F72"}};
    deck_xml_raw(b, DECK_XML_DECL "<a:theme xmlns:a=\"" NS_A "\" "
                 "name=\"aigrowth\"><a:themeElements><a:clrScheme "
                 "name=\"aigrowth\">");
    for (size_t i = 0; i < sizeof colors / sizeof colors[0]; i++)
        deck_xml_fmt(b, "<a:%s><a:srgbClr val=\"%s\"/></a:%s>", colors[i][0],
                     colors[i][1], colors[i][0]);
    deck_xml_raw(b, "</a:clrScheme><a:fontScheme name=\"aigrowth\">");
    theme_font(b, "majorFont", deck);
    theme_font(b, "minorFont", deck);
    deck_xml_raw(b, "</a:fontScheme><a:fmtScheme name=\"aigrowth\">"
                 "<a:fillStyleLst>"
                 "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
                 "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
                 "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
                 "</a:fillStyleLst><a:lnStyleLst>"
                 "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
                 "</a:solidFill></a:ln>"
                 "<a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
                 "</a:solidFill></a:ln>"
                 "<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/>"
                 "</a:solidFill></a:ln>"
                 "</a:lnStyleLst><a:effectStyleLst>"
                 "<a:effectStyle><a:effectLst/></a:effectStyle>"
                 "<a:effectStyle><a:effectLst/></a:effectStyle>"
                 "<a:effectStyle><a:effectLst/></a:effectStyle>"
                 "</a:effectStyleLst><a:bgFillStyleLst>"
                 "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
                 "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
                 "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>"
                 "</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
                 "</a:theme>");
}

#define CLR_MAP                                                            \
    "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" "           \
    "accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" "         \
    "accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" "         \
    "hlink=\"hlink\" folHlink=\"folHlink\"/>"
#define WHITE_BG                                                           \
    "<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill>" \
    "<a:effectLst/></p:bgPr></p:bg>"

static void part_master(ByteBuf *b)
{
    deck_xml_raw(b, DECK_XML_DECL "<p:sldMaster" ROOT_NS "><p:cSld>"
                 WHITE_BG);
    tree_begin(b);
    deck_xml_raw(b, "</p:spTree></p:cSld>" CLR_MAP "<p:sldLayoutIdLst>"
                 "<p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/>"
                 "</p:sldLayoutIdLst><p:txStyles><p:titleStyle/>"
                 "<p:bodyStyle/><p:otherStyle/></p:txStyles></p:sldMaster>");
}

static void part_layout(ByteBuf *b)
{
    deck_xml_raw(b, DECK_XML_DECL "<p:sldLayout" ROOT_NS " type=\"blank\" "
                 "preserve=\"1\"><p:cSld name=\"Blank\">");
    tree_begin(b);
    deck_xml_raw(b, "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>"
                 "</p:clrMapOvr></p:sldLayout>");
}

static void part_notes_master(ByteBuf *b)
{
    deck_xml_raw(b, DECK_XML_DECL "<p:notesMaster" ROOT_NS "><p:cSld>"
                 WHITE_BG);
    tree_begin(b);
    deck_xml_raw(b, "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/>"
                 "<p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" "
                 "noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
                 "type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr>"
                 "<a:xfrm><a:off x=\"685800\" y=\"1143000\"/><a:ext "
                 "cx=\"5486400\" cy=\"3086100\"/></a:xfrm><a:prstGeom "
                 "prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln "
                 "w=\"12700\"><a:solidFill><a:prstClr val=\"black\"/>"
                 "</a:solidFill></a:ln></p:spPr></p:sp>"
                 "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/>"
                 "<p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>"
                 "<p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr>"
                 "</p:nvSpPr><p:spPr><a:xfrm><a:off x=\"685800\" "
                 "y=\"4400550\"/><a:ext cx=\"5486400\" cy=\"3600450\"/>"
                 "</a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>"
                 "</p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p>"
                 "<a:endParaRPr/></a:p></p:txBody></p:sp>"
                 "</p:spTree></p:cSld>" CLR_MAP "<p:notesStyle><a:lvl1pPr>"
                 "<a:defRPr sz=\"1200\"><a:latin typeface=\"+mn-lt\"/>"
                 "<a:ea typeface=\"+mn-ea\"/></a:defRPr></a:lvl1pPr>"
                 "</p:notesStyle></p:notesMaster>");
}

static void part_core(ByteBuf *b, const Deck *deck)
{
    char when[32];
    struct tm tm;
    gmtime_r(&deck->when, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    deck_xml_raw(b, DECK_XML_DECL "<cp:coreProperties xmlns:cp=\"http://"
                 "schemas.openxmlformats.org/package/2006/metadata/"
                 "core-properties\" xmlns:dc=\"http://purl.org/dc/elements/"
                 "1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
                 "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
    deck_xml_element(b, "dc:title", deck->title);
    if (deck->subject && deck->subject[0])
        deck_xml_element(b, "dc:subject", deck->subject);
    if (deck->author && deck->author[0])
        deck_xml_element(b, "dc:creator", deck->author);
    deck_xml_element(b, "dc:language", lang_attr(deck->lang));
    deck_xml_fmt(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s"
                    "</dcterms:created><dcterms:modified "
                    "xsi:type=\"dcterms:W3CDTF\">%s</dcterms:modified>"
                    "</cp:coreProperties>",
                 when, when);
}

static void part_app(ByteBuf *b, const Deck *deck)
{
    size_t notes = 0;
    for (size_t i = 0; i < deck->n_slides; i++)
        notes += deck->slides[i].notes != NULL;
    deck_xml_fmt(b, DECK_XML_DECL "<Properties xmlns=\"http://schemas."
                    "openxmlformats.org/officeDocument/2006/"
                    "extended-properties\"><Application>aigrowth"
                    "</Application><PresentationFormat>Widescreen"
                    "</PresentationFormat><Slides>%zu</Slides><Notes>%zu"
                    "</Notes></Properties>",
                 deck->n_slides, notes);
}

/* A slide's relationships: rId1 its layout, rId2 and rId3 its picture's
 * PNG and SVG, rId4 its notes. */
static void part_slide_rels(ByteBuf *b, const DeckSlide *s, size_t i)
{
    rels_begin(b);
    rel(b, "rId1", REL_BASE "slideLayout", "../slideLayouts/slideLayout1.xml");
    if (s->picture) {
        deck_xml_fmt(b, "<Relationship Id=\"rId2\" Type=\"" REL_BASE
                        "image\" Target=\"../media/image%zu.png\"/>"
                        "<Relationship Id=\"rId3\" Type=\"" REL_BASE
                        "image\" Target=\"../media/image%zu.svg\"/>",
                     i, i);
    }
    deck_xml_fmt(b, "<Relationship Id=\"rId4\" Type=\"" REL_BASE
                    "notesSlide\" Target=\"../notesSlides/notesSlide%zu.xml\"/>"
                    "</Relationships>",
                 i);
}

static void part_notes_rels(ByteBuf *b, size_t i)
{
    rels_begin(b);
    rel(b, "rId1", REL_BASE "notesMaster", "../notesMasters/notesMaster1.xml");
    deck_xml_fmt(b, "<Relationship Id=\"rId2\" Type=\"" REL_BASE "slide\" "
                    "Target=\"../slides/slide%zu.xml\"/></Relationships>",
                 i);
}

/* ---- the package ------------------------------------------------------- */

typedef void (*PartFn)(ByteBuf *b);

/* Writes a part with fn into z. */
static void add_part(DeckZip *z, const char *name, ByteBuf *b)
{
    deck_zip_add(z, name, b->data, b->len, 0);
    bytebuf_free(b);
}

static void add_fixed(DeckZip *z, const char *name, PartFn fn)
{
    ByteBuf b = {0};
    fn(&b);
    add_part(z, name, &b);
}

static void props(ByteBuf *b, const char *root, const char *inner)
{
    deck_xml_fmt(b, DECK_XML_DECL "<%s" ROOT_NS ">%s</%s>", root, inner,
                 root);
}

int deck_write(const Deck *deck, ByteBuf *out, Error *err)
{
    DeckZip *z = deck_zip_create(deck->when, err);
    if (!z)
        return -1;
    ByteBuf b = {0};
    part_content_types(&b, deck);
    add_part(z, "[Content_Types].xml", &b);
    add_fixed(z, "_rels/.rels", part_root_rels);
    part_core(&b, deck);
    add_part(z, "docProps/core.xml", &b);
    part_app(&b, deck);
    add_part(z, "docProps/app.xml", &b);
    part_presentation(&b, deck);
    add_part(z, "ppt/presentation.xml", &b);
    part_presentation_rels(&b, deck);
    add_part(z, "ppt/_rels/presentation.xml.rels", &b);
    props(&b, "p:presentationPr", "");
    add_part(z, "ppt/presProps.xml", &b);
    props(&b, "p:viewPr", "<p:gridSpacing cx=\"76200\" cy=\"76200\"/>");
    add_part(z, "ppt/viewProps.xml", &b);
    deck_xml_raw(&b, DECK_XML_DECL "<a:tblStyleLst xmlns:a=\"" NS_A "\" "
                 "def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>");
    add_part(z, "ppt/tableStyles.xml", &b);
    part_theme(&b, deck);
    add_part(z, "ppt/theme/theme1.xml", &b);
    part_theme(&b, deck);
    add_part(z, "ppt/theme/theme2.xml", &b);
    add_fixed(z, "ppt/slideMasters/slideMaster1.xml", part_master);
    rels_begin(&b);
    rel(&b, "rId1", REL_BASE "slideLayout", "../slideLayouts/slideLayout1.xml");
    rel(&b, "rId2", REL_BASE "theme", "../theme/theme1.xml");
    deck_xml_raw(&b, "</Relationships>");
    add_part(z, "ppt/slideMasters/_rels/slideMaster1.xml.rels", &b);
    add_fixed(z, "ppt/slideLayouts/slideLayout1.xml", part_layout);
    rels_begin(&b);
    rel(&b, "rId1", REL_BASE "slideMaster", "../slideMasters/slideMaster1.xml");
    deck_xml_raw(&b, "</Relationships>");
    add_part(z, "ppt/slideLayouts/_rels/slideLayout1.xml.rels", &b);
    add_fixed(z, "ppt/notesMasters/notesMaster1.xml", part_notes_master);
    rels_begin(&b);
    rel(&b, "rId1", REL_BASE "theme", "../theme/theme2.xml");
    deck_xml_raw(&b, "</Relationships>");
    add_part(z, "ppt/notesMasters/_rels/notesMaster1.xml.rels", &b);
    for (size_t i = 0; i < deck->n_slides; i++) {
        const DeckSlide *s = &deck->slides[i];
        char name[96];
        part_slide(&b, deck, s);
        snprintf(name, sizeof name, "ppt/slides/slide%zu.xml", i + 1);
        add_part(z, name, &b);
        part_slide_rels(&b, s, i + 1);
        snprintf(name, sizeof name, "ppt/slides/_rels/slide%zu.xml.rels",
                 i + 1);
        add_part(z, name, &b);
        part_notes(&b, deck, s);
        snprintf(name, sizeof name, "ppt/notesSlides/notesSlide%zu.xml",
                 i + 1);
        add_part(z, name, &b);
        part_notes_rels(&b, i + 1);
        snprintf(name, sizeof name,
                 "ppt/notesSlides/_rels/notesSlide%zu.xml.rels", i + 1);
        add_part(z, name, &b);
    }
    for (size_t i = 0; i < deck->n_slides; i++) {
        const DeckPicture *pic = deck->slides[i].picture;
        if (!pic)
            continue;
        char name[64];
        /* PNG is compressed already: stored, not deflated again. */
        snprintf(name, sizeof name, "ppt/media/image%zu.png", i + 1);
        deck_zip_add(z, name, pic->png.data, pic->png.len, 1);
        snprintf(name, sizeof name, "ppt/media/image%zu.svg", i + 1);
        deck_zip_add(z, name, pic->svg.data, pic->svg.len, 0);
    }
    int rc = deck_zip_finish(z, out, err);
    deck_zip_destroy(z);
    return rc;
}
