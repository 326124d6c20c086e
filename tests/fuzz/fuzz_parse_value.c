/* fuzz_parse_value.c - libFuzzer harness: one value field.
 *
 * The first byte picks the decimal mark ('.' or ','), the rest is the
 * field. Checked: an accepted value is finite with a known unit; a
 * refusal writes a reason. */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse_value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    char decimal = (data[0] & 1) ? ',' : '.';
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    double value = 0;
    const char *unit = NULL;
    char why[256];
    why[0] = '\0';
    switch (parse_value(text, decimal, &value, &unit, why, sizeof why)) {
    case VALUE_OK: {
        static const char *const units[] = {"", "USD", "EUR", "GBP", "CNY",
                                            "JPY", "TWD", "HKD", "%"};
        int known = 0;
        for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
            known |= unit && strcmp(unit, units[i]) == 0;
        if (!isfinite(value) || !known)
            abort();
        break;
    }
    case VALUE_MISSING:
        break;
    case VALUE_ERROR:
        if (!why[0] || strlen(why) >= sizeof why)
            abort();
        break;
    }
    free(text);
    return 0;
}
