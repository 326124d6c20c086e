/* fuzz_parse_date.c - libFuzzer harness: one date field.
 *
 * The first byte picks the day/month order, the rest is the field.
 * Checked: a refusal writes a reason; an accepted date lies in the
 * accepted years, and format_date's text of it parses back to the same
 * day and precision (the text the check command prints). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "parse_date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    static const DateOrder orders[4] = {DATE_ORDER_NONE, DATE_ORDER_DMY,
                                        DATE_ORDER_MDY, DATE_ORDER_NONE};
    DateOrder order = orders[data[0] & 3];
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    long days = 12345;
    DatePrecision prec = DATE_DAY;
    char why[256];
    why[0] = '\0';
    if (parse_date_ordered(text, order, &days, &prec, why, sizeof why) != 0) {
        if (!why[0] || days != 12345)
            abort();
    } else {
        int y, m, d;
        date_to_ymd(days, &y, &m, &d);
        if (y < 1900 || y > 2200)
            abort();
        char buf[64];
        format_date(days, prec, buf, sizeof buf);
        long again;
        DatePrecision prec2;
        if (parse_date(buf, &again, &prec2, why, sizeof why) != 0 ||
            again != days || prec2 != prec)
            abort();
    }
    free(text);
    return 0;
}
