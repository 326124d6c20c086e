/* fuzz_spec.c - libFuzzer harness: a whole report.ini.
 *
 * spec_load reads a file (inih takes a path), so each input is written to
 * one scratch file first. Checked: a failure fills the error record with
 * a message and leaves nothing to free; a success yields chart stems made
 * only of safe characters, never empty, so no chart can name a path
 * outside the charts directory. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "spec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static int safe_stem(const char *s)
{
    if (!s[0] || s[0] == '-')
        return 0;
    for (; *s; s++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789-_",
                    *s))
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0])
        snprintf(path, sizeof path, "/tmp/aigrowth-fuzz-spec-%ld.ini",
                 (long)getpid());
    FILE *f = fopen(path, "wb");
    if (!f)
        abort();
    fwrite(data, 1, size, f);
    fclose(f);
    Spec spec;
    Error err;
    error_clear(&err);
    if (spec_load(path, &spec, &err) != 0) {
        if (err.kind == ERR_NONE || !err.message[0])
            abort();
        return 0;
    }
    for (size_t i = 0; i < spec.n_charts; i++)
        if (!safe_stem(spec.charts[i].file_stem))
            abort();
    spec_free(&spec);
    return 0;
}
