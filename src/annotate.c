/* annotate.c - parsing a chart's hand-made annotations (see annotate.h). */
#include "annotate.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "parse_date.h"
#include "parse_value.h"

const char *annotation_key(NoteKind kind)
{
    static const char *const keys[NOTE_KINDS] = {"hline", "range",
                                                 "annotate"};
    return keys[kind];
}

const char *annotation_form(NoteKind kind)
{
    static const char *const forms[NOTE_KINDS] = {
        "VALUE,label such as \"100B,$100B target\"",
        "DATE1,DATE2,label such as \"2024-11,2025-03,Price war\"",
        "DATE,VALUE,text such as \"2025-01,3B,DeepSeek R1\""};
    return forms[kind];
}

/* The next comma-separated field of *text into buf, trimmed; *text moves
 * past its comma (to the end without one). */
static void next_field(const char **text, char *buf, size_t size)
{
    const char *s = *text;
    while (*s == ' ')
        s++;
    const char *comma = strchr(s, ',');
    size_t n = comma ? (size_t)(comma - s) : strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), s);
    *text = comma ? comma + 1 : s + strlen(s);
}

static int read_value(const char *field, Annotation *out, char *why,
                      size_t why_size)
{
    char ignored[256];
    const char *unit = "";
    if (!field[0]) {
        snprintf(why, why_size, "the value is missing");
        return -1;
    }
    if (parse_value(field, '.', &out->value, &unit, ignored,
                    sizeof ignored) != VALUE_OK ||
        !isfinite(out->value)) {
        snprintf(why, why_size, "\"%s\" is not a value", field);
        return -1;
    }
    out->unit = unit;
    return 0;
}

static int read_date(const char *field, long *day, char *why,
                     size_t why_size)
{
    DatePrecision prec;
    char fact[256];
    if (!field[0]) {
        snprintf(why, why_size, "the date is missing");
        return -1;
    }
    if (parse_date(field, day, &prec, fact, sizeof fact) != 0) {
        snprintf(why, why_size, "\"%s\" is not a date", field);
        return -1;
    }
    return 0;
}

int annotation_parse(NoteKind kind, const char *text, Annotation *out,
                     char *why, size_t why_size)
{
    memset(out, 0, sizeof *out);
    out->kind = kind;
    out->unit = "";
    char a[96], b[96];
    const char *rest = text;
    next_field(&rest, a, sizeof a);
    int rc = 0;
    switch (kind) {
    case NOTE_HLINE:
        rc = read_value(a, out, why, why_size);
        break;
    case NOTE_RANGE:
        next_field(&rest, b, sizeof b);
        rc = read_date(a, &out->d0, why, why_size);
        if (rc == 0)
            rc = read_date(b, &out->d1, why, why_size);
        if (rc == 0 && out->d1 < out->d0) {
            snprintf(why, why_size, "the period ends (%s) before it starts "
                                    "(%s)",
                     b, a);
            rc = -1;
        }
        break;
    case NOTE_CALLOUT:
        next_field(&rest, b, sizeof b);
        rc = read_date(a, &out->d0, why, why_size);
        if (rc == 0)
            rc = read_value(b, out, why, why_size);
        break;
    }
    if (rc != 0)
        return -1;
    while (*rest == ' ')
        rest++;
    if (kind == NOTE_CALLOUT && !rest[0]) {
        snprintf(why, why_size, "the callout has no text");
        return -1;
    }
    if (strlen(rest) > NOTE_LABEL_MAX) {
        snprintf(why, why_size, "the label is longer than %d bytes",
                 NOTE_LABEL_MAX);
        return -1;
    }
    snprintf(out->label, sizeof out->label, "%s", rest);
    return 0;
}
