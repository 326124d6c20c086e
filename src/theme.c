/* theme.c - colours shared by every chart and the report. */
#include "theme.h"

#include <math.h>
#include <string.h>

#define RGB(hex)                                                        \
    {((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0,        \
     ((hex) & 0xff) / 255.0, 1.0}

/* Okabe & Ito (2008), ordered so the first colours differ most from each
 * other; orange (close to vermillion) and the yellow (weak on white) come
 * late, black last because it reads as ink. */
const Theme theme_light = {
    .name = "light",
    .paper = RGB(0xffffff),
    .ink = RGB(0x1a1a1a),
    .ink_soft = RGB(0x555555),
    .ink_faint = RGB(0x767676),
    .grid = RGB(0xe2e2e2),
    .axis = RGB(0x8a8a8a),
    .context = RGB(0xc8c8c8),
    .palette = {RGB(0x0072B2), RGB(0xD55E00), RGB(0x009E73), RGB(0xCC79A7),
                RGB(0x56B4E9), RGB(0xE69F00), RGB(0xB8A000), RGB(0x000000)},
};

/* On dark paper the deep blue and black vanish: sky blue leads, white
 * closes, and the yellow is the original bright one. */
const Theme theme_dark = {
    .name = "dark",
    .paper = RGB(0x16181d),
    .ink = RGB(0xf0f0f0),
    .ink_soft = RGB(0xb8bcc4),
    .ink_faint = RGB(0x8c9099),
    .grid = RGB(0x30343b),
    .axis = RGB(0x6a6f78),
    .context = RGB(0x4a4e56),
    .palette = {RGB(0x56B4E9), RGB(0xE8743B), RGB(0x2CC497), RGB(0xE08FC0),
                RGB(0xF0E442), RGB(0xE69F00), RGB(0x9FB8FF), RGB(0xffffff)},
};

const Theme *theme_by_name(const char *name)
{
    if (strcmp(name, "light") == 0)
        return &theme_light;
    if (strcmp(name, "dark") == 0)
        return &theme_dark;
    return NULL;
}

const ColorOverride *color_override_find(const ColorOverride *list, size_t n,
                                         const char *company)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].company, company) == 0)
            return &list[i];
    return NULL;
}

unsigned theme_slots_near(const Theme *theme, Color c)
{
    unsigned near = 0;
    for (size_t s = 0; s < THEME_PALETTE_SIZE; s++)
        if (color_delta_e(theme->palette[s], c) < THEME_MIN_DELTA_E)
            near |= 1u << s;
    return near;
}

size_t theme_free_slot(size_t own, unsigned taken, unsigned avoid)
{
    for (size_t k = 0; k < THEME_PALETTE_SIZE; k++) {
        size_t s = (own + k) % THEME_PALETTE_SIZE;
        if (!((taken | avoid) >> s & 1))
            return s;
    }
    for (size_t k = 0; k < THEME_PALETTE_SIZE; k++) {
        size_t s = (own + k) % THEME_PALETTE_SIZE;
        if (!(taken >> s & 1))
            return s;
    }
    return own;
}

static double linear(double c)
{
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
    const double d = 6.0 / 29.0;
    return t > d * d * d ? cbrt(t) : t / (3 * d * d) + 4.0 / 29.0;
}

/* sRGB to CIE L*a*b* under D65. */
static void to_lab(Color c, double lab[3])
{
    double r = linear(c.r), g = linear(c.g), b = linear(c.b);
    double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    double fx = lab_f(x), fy = lab_f(y), fz = lab_f(z);
    lab[0] = 116 * fy - 16;
    lab[1] = 500 * (fx - fy);
    lab[2] = 200 * (fy - fz);
}

double color_delta_e(Color a, Color b)
{
    double p[3], q[3];
    to_lab(a, p);
    to_lab(b, q);
    return sqrt((p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                (p[2] - q[2]) * (p[2] - q[2]));
}

Color theme_series_color(size_t index)
{
    return theme_light.palette[index % THEME_PALETTE_SIZE];
}

const Color THEME_INK = RGB(0x1a1a1a);
const Color THEME_INK_SOFT = RGB(0x555555);
const Color THEME_INK_FAINT = RGB(0x767676);
const Color THEME_GRID = RGB(0xe2e2e2);
const Color THEME_AXIS = RGB(0x8a8a8a);
const Color THEME_PAPER = RGB(0xffffff);
