/* deck.h - a PowerPoint deck (PresentationML, 16:9 at 960 x 540 pt) as
 * slides of text boxes, native tables and pictures with speaker notes,
 * written as a reproducible ZIP package in memory.
 *
 * The model is plain data that deck_slides.c fills from the report; this
 * module knows nothing of charts or analyses, only of the package: its
 * content types and relationships, the presentation, one slide master
 * and blank layout, the theme with its Latin and East Asian fonts, the
 * notes master, each slide and its notes slide, and the media. A chart
 * picture is stored as PowerPoint stores SVG pictures: a:blip names the
 * PNG (what Google Slides and PowerPoint before 2016 show), with an
 * asvg:svgBlip extension naming the SVG. */
#ifndef AIGROWTH_DECK_H
#define AIGROWTH_DECK_H

#include <stddef.h>
#include <time.h>

#include "bytebuf.h"
#include "error.h"
#include "i18n.h"
#include "scene.h"

/* Slide size in points: PowerPoint's widescreen. */
#define DECK_WIDTH 960.0
#define DECK_HEIGHT 540.0

typedef enum { DECK_LEFT, DECK_CENTER, DECK_RIGHT } DeckAlign;

/* A text box at (x, y) of w x h points; paragraphs are the lines of text
 * (split at '\n'). wrap: lines wrap at the box's width, else each stays
 * one line as laid out. Strings owned by the slide. */
typedef struct {
    double x, y, w, h;
    char *text;
    double size;
    int bold;
    Color color;
    DeckAlign align;
    int wrap;
    double lead;            /* line pitch in points; 0: the viewer's */
    const char *name;       /* static: "Title", "Subtitle", ... */
} DeckText;

/* A native table: n_rows rows (the first the header) of n_cols cells,
 * row-major; figure[k] right-aligns column k. Owned by the slide. */
typedef struct {
    double x, y;
    double *col_w;          /* n_cols widths, points */
    int *figure;
    size_t n_cols, n_rows;
    char **cells;
    double size, row_h;
} DeckTable;

/* A picture: the PNG and its SVG (both owned), described by descr. */
typedef struct {
    double x, y, w, h;
    ByteBuf png, svg;
    char *descr;
} DeckPicture;

typedef struct {
    DeckText *texts;
    size_t n_texts, cap_texts;
    DeckTable *tables;
    size_t n_tables, cap_tables;
    DeckPicture *picture;   /* NULL: none; owned */
    char *notes;            /* speaker notes, paragraphs at '\n'; owned */
} DeckSlide;

/* The deck; strings borrowed, slides owned (deck_free). */
typedef struct {
    const char *title, *subject, *author;
    Lang lang;
    time_t when;            /* the package's dates */
    DeckSlide *slides;
    size_t n_slides, cap_slides;
} Deck;

/* A new slide at the end of deck; borrowed from it. */
DeckSlide *deck_slide_add(Deck *deck);

/* A text box on s (text copied); returns it, borrowed from s. */
DeckText *deck_text_add(DeckSlide *s, double x, double y, double w, double h,
                        const char *text, double size, int bold, Color color);

/* A table of n_rows x n_cols empty cells on s; fill cells with
 * deck_table_set. Borrowed from s. */
DeckTable *deck_table_add(DeckSlide *s, double x, double y, size_t n_rows,
                          size_t n_cols, double size, double row_h);
void deck_table_set(DeckTable *t, size_t row, size_t col, const char *text);

/* Appends text (copied) to s's notes as a new paragraph. */
void deck_notes_add(DeckSlide *s, const char *text);

/* Frees the slides; NULL-safe on an empty deck. */
void deck_free(Deck *deck);

/* The package's bytes appended to out (caller owns). ERR_RENDER when
 * libzip fails. */
int deck_write(const Deck *deck, ByteBuf *out, Error *err);

#endif
