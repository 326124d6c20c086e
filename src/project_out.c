/* project_out.c - `aigrowth project` as a terminal table, CSV or JSON.
 *
 * Each format walks the same Projection and reads the same fields; the
 * sentences (who is ahead, when a target is reached) are built once, in
 * project_words.c, and shared by all three. */
#include "project_out.h"

#include <stdio.h>

#include "project_words.h"

int project_write(const Projection *p, ResultFormat format, FILE *out)
{
    switch (format) {
    case RESULT_TABLE: project_print_table(p, out); break;
    case RESULT_CSV: project_print_csv(p, out); break;
    case RESULT_JSON: project_print_json(p, out); break;
    }
    return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
