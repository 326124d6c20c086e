/* annotate.h - what a writer adds to a line chart by hand: reference
 * lines ("100B,$100B target"), shaded periods ("2024-11,2025-03,Price
 * war") and callouts with a leader line ("2025-01,3B,DeepSeek R1").
 * Parsing only; chart_line.c places and draws them. Pure: no I/O, no
 * locale. */
#ifndef AIGROWTH_ANNOTATE_H
#define AIGROWTH_ANNOTATE_H

#include <stddef.h>

typedef enum { NOTE_HLINE = 0, NOTE_RANGE, NOTE_CALLOUT } NoteKind;
#define NOTE_KINDS 3

/* The longest label kept, in bytes. */
#define NOTE_LABEL_MAX 200

/* One annotation. Plain data. */
typedef struct {
    NoteKind kind;
    double value;          /* NOTE_HLINE, NOTE_CALLOUT: in the chart's
                              unit */
    const char *unit;      /* the unit the value's text named (static,
                              parse_value's), "" for none */
    long d0, d1;           /* NOTE_RANGE: first and last day;
                              NOTE_CALLOUT: its day in d0 */
    char label[NOTE_LABEL_MAX + 1];
} Annotation;

/* The option or key that writes each kind: "hline", "range",
 * "annotate". */
const char *annotation_key(NoteKind kind);

/* What to write instead, for an error: "VALUE,label" and the like,
 * with an example. */
const char *annotation_form(NoteKind kind);

/* Parses one annotation of kind from text: "VALUE[,label]",
 * "DATE1,DATE2[,label]" or "DATE,VALUE,text" (the label is the rest of
 * the text, commas and all; a value has no thousands commas). Returns 0,
 * or -1 with the fact in why ("\"1OOB\" is not a value"). */
int annotation_parse(NoteKind kind, const char *text, Annotation *out,
                     char *why, size_t why_size);

#endif
