/* text_flow.h - text laid out in a width: UTF-8 measuring, line wrapping
 * with the CJK line-breaking rules, ellipsis truncation, paragraphs.
 *
 * Widths come from text.c and add up character by character (it ignores
 * kerning), which keeps wrapping linear. Nothing here allocates what the
 * caller must free; output goes into caller buffers. */
#ifndef AIGROWTH_TEXT_FLOW_H
#define AIGROWTH_TEXT_FLOW_H

#include <stddef.h>
#include "scene.h"
#include "text.h"

#define TEXT_FLOW_ELLIPSIS "\xe2\x80\xa6"
/* Most lines one wrap keeps (text_flow_lines, text_flow_paragraph). */
#define TEXT_FLOW_MAX_LINES 64
/* Bytes of one line of text_flow_lines, terminator included. */
#define TEXT_FLOW_LINE 512

/* A line as a byte range of the text it was cut from. */
typedef struct {
    size_t start, len;
} TextFlowSpan;

/* Copies s into out (outsz bytes), cut at a character boundary, trailing
 * spaces dropped and "…" appended when s is wider than maxw; the result
 * fits maxw unless even "…" alone does not. */
void text_flow_fit(const FontStack *fs, const char *s, FontWeight wt,
                   double size, double maxw, char *out, size_t outsz);

/* Lines of s at most maxw wide, as byte spans of s (leading and trailing
 * spaces excluded). A line breaks after a space, or next to a non-ASCII
 * character (CJK has no spaces) unless that would start a line with
 * closing punctuation (。，、）」 …) or end one with opening (（「); a word
 * longer than a line breaks after '/', '-', '?', '&' or '=' (URLs), or
 * anywhere. Returns the number of lines, which may exceed max; fills up
 * to max. */
size_t text_flow_wrap(const FontStack *fs, const char *s, FontWeight wt,
                      double size, double maxw, TextFlowSpan *out,
                      size_t max);

/* The wrapped lines of s as strings, at most max_lines (and at most
 * TEXT_FLOW_MAX_LINES); the last one cut with "…" when text remains.
 * Returns the count filled. */
size_t text_flow_lines(const FontStack *fs, const char *s, FontWeight wt,
                       double size, double maxw,
                       char lines[][TEXT_FLOW_LINE], size_t max_lines);

/* s wrapped to maxw and added to sc from (x, y), y the first baseline,
 * lines 1.4 sizes apart; returns the y after the last line. */
double text_flow_paragraph(Scene *sc, const FontStack *fs, double x,
                           double y, double maxw, const char *s,
                           double size, FontWeight wt, Color c);

#endif
