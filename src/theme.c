/* theme.c - colours shared by every chart and the report. */
#include "theme.h"

#define RGB(hex)                                                        \
    {((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0,        \
     ((hex) & 0xff) / 255.0, 1.0}

/* Okabe & Ito (2008), ordered so the first colours are the most distinct
 * against white and against each other; yellow, which fades on white, is
 * last. */
static const Color palette[] = {
    RGB(0x0072B2), /* blue */
    RGB(0xD55E00), /* vermillion */
    RGB(0x009E73), /* bluish green */
    RGB(0xCC79A7), /* reddish purple */
    RGB(0x56B4E9), /* sky blue */
    RGB(0xE69F00), /* orange, after the others: close to vermillion */
    RGB(0xB8A000), /* darkened yellow, readable on white */
    RGB(0x000000), /* black, last: it reads as ink */
};

Color theme_series_color(size_t index)
{
    return palette[index % (sizeof palette / sizeof palette[0])];
}

const Color THEME_INK = RGB(0x1a1a1a);
const Color THEME_INK_SOFT = RGB(0x555555);
const Color THEME_INK_FAINT = RGB(0x767676);
const Color THEME_GRID = RGB(0xe2e2e2);
const Color THEME_AXIS = RGB(0x8a8a8a);
const Color THEME_PAPER = RGB(0xffffff);
