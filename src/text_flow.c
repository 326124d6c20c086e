/* text_flow.c - wrapping and truncating text to a width (see
 * text_flow.h). */
#include "text_flow.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define ELLIPSIS TEXT_FLOW_ELLIPSIS
#define MAX_LINES TEXT_FLOW_MAX_LINES

static size_t utf8_next(const char *s, size_t i)
{
    i++;
    while (s[i] && ((unsigned char)s[i] & 0xc0) == 0x80)
        i++;
    return i;
}

/* Width of s[0 .. len). Widths add up character by character (text.c
 * ignores kerning), which is what makes wrapping linear. */
static double width_n(const FontStack *fs, const char *s, size_t len,
                      FontWeight wt, double size)
{
    char *tmp = xstrndup(s, len);
    double w = text_width(fs, tmp, wt, size);
    free(tmp);
    return w;
}

static double char_width(const FontStack *fs, const char *s, size_t len,
                         FontWeight wt, double size)
{
    char tmp[8];
    if (len >= sizeof tmp)
        return width_n(fs, s, len, wt, size);
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    return text_width(fs, tmp, wt, size);
}

void text_flow_fit(const FontStack *fs, const char *s, FontWeight wt,
                   double size, double maxw, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s", s);
    if (text_width(fs, out, wt, size) <= maxw)
        return;
    double ell = text_width(fs, ELLIPSIS, wt, size), w = 0;
    size_t keep = 0;
    for (size_t i = 0; s[i]; i = utf8_next(s, i)) {
        size_t next = utf8_next(s, i);
        w += char_width(fs, s + i, next - i, wt, size);
        if (next + 4 > outsz || w + ell > maxw)
            break;
        keep = next;
    }
    while (keep > 0 && s[keep - 1] == ' ')
        keep--;
    snprintf(out, outsz, "%.*s" ELLIPSIS, (int)keep, s);
}

/* Closing punctuation never starts a line and opening never ends one
 * (the CJK line-breaking rule every Chinese reader expects). */
static int cjk_no_start(const char *p)
{
    static const char *const close[] = {
        "\xef\xbc\x8c", "\xe3\x80\x82", "\xe3\x80\x81", "\xef\xbc\x9b",
        "\xef\xbc\x9a", "\xef\xbc\x89", "\xe3\x80\x8d", "\xe3\x80\x8f",
        "\xef\xbc\x81", "\xef\xbc\x9f", ELLIPSIS};
    for (size_t i = 0; i < sizeof close / sizeof close[0]; i++)
        if (!strncmp(p, close[i], strlen(close[i])))
            return 1;
    return *p == ')' || *p == ',' || *p == '.' || *p == ';' || *p == ':';
}

static int cjk_no_end(const char *s, size_t prev)
{
    const char *p = s + prev;
    return !strncmp(p, "\xef\xbc\x88", 3) || !strncmp(p, "\xe3\x80\x8c", 3) ||
           !strncmp(p, "\xe3\x80\x8e", 3) || *p == '(';
}

/* The code point at p (UTF-8, valid by the time text is laid out). */
static unsigned code_point(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    if (u[0] < 0x80)
        return u[0];
    if (u[0] < 0xe0)
        return ((u[0] & 0x1fu) << 6) | (u[1] & 0x3fu);
    if (u[0] < 0xf0)
        return ((u[0] & 0x0fu) << 12) | ((u[1] & 0x3fu) << 6) |
               (u[2] & 0x3fu);
    return ((u[0] & 0x07u) << 18) | ((u[1] & 0x3fu) << 12) |
           ((u[2] & 0x3fu) << 6) | (u[3] & 0x3fu);
}

/* Ideographs, kana, CJK punctuation and full-width forms: a line may
 * break beside one. Other non-ASCII characters (×, –, →, €) hold to
 * their neighbours as letters do. */
static int is_cjk(const char *p)
{
    unsigned c = code_point(p);
    return c >= 0x2e80 && !(c >= 0xd800 && c < 0xf900);
}

/* Chinese magnitudes and currency words: a unit stays with its number
 * ("470億美元" never ends a line after 470, 億 or 美). */
static int splits_unit(const char *s, size_t i, size_t next)
{
    static const char *const glued_after[] = {"萬", "億", "兆", "万", "亿"};
    static const char *const words[] = {"美元", "歐元", "英鎊", "人民幣",
                                        "新台幣", "港元", "日圓", "欧元",
                                        "英镑", "人民币", "新台币", "日元"};
    unsigned here = code_point(s + i);
    if (here < 0x80 && (isdigit((int)here) || here == '.' || here == '$') &&
        is_cjk(s + next))
        return 1; /* 2023年, 470億, 12.8倍 */
    for (size_t k = 0; k < sizeof glued_after / sizeof glued_after[0]; k++)
        if (!strncmp(s + i, glued_after[k], strlen(glued_after[k])))
            return 1;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++) {
        size_t len = strlen(words[k]);
        for (size_t cut = 3; cut < len; cut += 3) /* three-byte characters */
            if (next >= cut && !strncmp(s + next - cut, words[k], len))
                return 1;
    }
    return 0;
}

size_t text_flow_wrap(const FontStack *fs, const char *s, FontWeight wt,
                      double size, double maxw, TextFlowSpan *out,
                      size_t max)
{
    size_t n = 0, pos = 0;
    while (s[pos] == ' ')
        pos++;
    while (s[pos]) {
        double w = 0;
        size_t best = 0, soft = 0, forced = 0, i = pos, end = pos;
        while (s[i]) {
            size_t next = utf8_next(s, i);
            w += char_width(fs, s + i, next - i, wt, size);
            if (w > maxw && s[i] != ' ')
                break;
            /* A break before s[next]: */
            if (s[next] == '\0')
                best = next;
            else if (s[next] == ' ' || s[i] == ' ')
                best = next;
            else if ((is_cjk(s + i) || is_cjk(s + next)) &&
                     !cjk_no_start(s + next) && !cjk_no_end(s, i) &&
                     !splits_unit(s, i, next))
                best = next;
            else if (strchr("/-?&=", s[i]))
                soft = next;
            forced = next;
            i = next;
        }
        if (!s[i])
            end = i;
        else
            end = best > pos ? best : soft > pos ? soft
                               : forced > pos    ? forced
                                                 : utf8_next(s, pos);
        size_t len = end - pos;
        while (len > 0 && s[pos + len - 1] == ' ')
            len--;
        if (n < max)
            out[n] = (TextFlowSpan){pos, len};
        n++;
        pos = end;
        while (s[pos] == ' ')
            pos++;
    }
    return n;
}

size_t text_flow_lines(const FontStack *fs, const char *s, FontWeight wt,
                       double size, double maxw,
                       char lines[][TEXT_FLOW_LINE], size_t max_lines)
{
    TextFlowSpan spans[MAX_LINES];
    size_t n = text_flow_wrap(fs, s, wt, size, maxw, spans, MAX_LINES);
    size_t shown = n < max_lines ? n : max_lines;
    if (shown > MAX_LINES)
        shown = MAX_LINES;
    for (size_t i = 0; i < shown; i++) {
        if (i + 1 == shown && shown < n) {
            char rest[2048];
            snprintf(rest, sizeof rest, "%s" ELLIPSIS, s + spans[i].start);
            text_flow_fit(fs, rest, wt, size, maxw, lines[i], TEXT_FLOW_LINE);
        } else {
            snprintf(lines[i], TEXT_FLOW_LINE, "%.*s", (int)spans[i].len,
                     s + spans[i].start);
        }
    }
    return shown;
}

double text_flow_paragraph(Scene *sc, const FontStack *fs, double x,
                           double y, double maxw, const char *s,
                           double size, FontWeight wt, Color c)
{
    char lines[MAX_LINES][TEXT_FLOW_LINE];
    size_t n = text_flow_lines(fs, s, wt, size, maxw, lines, MAX_LINES);
    for (size_t i = 0; i < n; i++, y += size * 1.4)
        scene_add_text(sc, x, y, lines[i], size, wt, ANCHOR_START, 0, c);
    return y;
}
