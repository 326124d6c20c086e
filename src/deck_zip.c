/* deck_zip.c - the deck's ZIP package through libzip, in memory.
 *
 * The archive is opened on a buffer source (zip_source_buffer_create +
 * zip_open_from_source); zip_close writes it back into that source, which
 * zip_source_keep keeps alive, and the bytes are read back from it. So
 * the package never touches the disk here and goes through the same
 * commit as every other output. Trap: zip_file_set_mtime converts with
 * the local time zone; the DOS date and time are set directly from UTC
 * so the bytes do not depend on TZ. */
#include "deck_zip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util.h"

struct DeckZip {
    zip_source_t *src;
    zip_t *za;
    uint16_t dos_time, dos_date;
    char failed[256];       /* the first error, "" when none */
};

/* when as a DOS date and time in UTC, clamped to what DOS dates hold. */
static void dos_stamp(time_t when, uint16_t *dtime, uint16_t *ddate)
{
    struct tm tm;
    if (when < 315532800)   /* 1980-01-01 */
        when = 315532800;
    gmtime_r(&when, &tm);
    if (tm.tm_year > 207) { /* 2107 */
        tm.tm_year = 207, tm.tm_mon = 11, tm.tm_mday = 31;
        tm.tm_hour = 23, tm.tm_min = 59, tm.tm_sec = 58;
    }
    *dtime = (uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) |
                        (tm.tm_sec / 2));
    *ddate = (uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) |
                        tm.tm_mday);
}

DeckZip *deck_zip_create(time_t when, Error *err)
{
    DeckZip *z = xcalloc(1, sizeof *z);
    zip_error_t ze;
    zip_error_init(&ze);
    z->src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (z->src) {
        z->za = zip_open_from_source(z->src, ZIP_TRUNCATE, &ze);
        if (z->za)
            zip_source_keep(z->src);
    }
    if (!z->za) {
        error_set(err, ERR_RENDER, NULL, 0, 0,
                  "cannot start the deck's ZIP package: %s",
                  zip_error_strerror(&ze));
        zip_error_fini(&ze);
        if (z->src)
            zip_source_free(z->src);
        free(z);
        return NULL;
    }
    zip_error_fini(&ze);
    dos_stamp(when, &z->dos_time, &z->dos_date);
    return z;
}

void deck_zip_destroy(DeckZip *z)
{
    if (!z)
        return;
    if (z->za)
        zip_discard(z->za);
    if (z->src)
        zip_source_free(z->src);
    free(z);
}

static void fail(DeckZip *z, const char *what, const char *name)
{
    if (!z->failed[0])
        snprintf(z->failed, sizeof z->failed, "%s %s: %s", what, name,
                 zip_strerror(z->za));
}

void deck_zip_add(DeckZip *z, const char *name, const void *data, size_t len,
                  int stored)
{
    if (z->failed[0])
        return;
    /* libzip frees the copy (freep) once the archive is written. */
    void *copy = xmalloc(len ? len : 1);
    if (len)
        memcpy(copy, data, len);
    zip_source_t *s = zip_source_buffer(z->za, copy, len, 1);
    if (!s) {
        free(copy);
        fail(z, "cannot add", name);
        return;
    }
    zip_int64_t i = zip_file_add(z->za, name, s, ZIP_FL_ENC_UTF_8);
    if (i < 0) {
        zip_source_free(s);
        fail(z, "cannot add", name);
        return;
    }
    zip_uint64_t k = (zip_uint64_t)i;
    if (zip_set_file_compression(z->za, k, stored ? ZIP_CM_STORE
                                                  : ZIP_CM_DEFLATE,
                                 stored ? 0 : 9) != 0 ||
        zip_file_set_dostime(z->za, k, z->dos_time, z->dos_date, 0) != 0 ||
        zip_file_set_external_attributes(z->za, k, 0, ZIP_OPSYS_UNIX,
                                         (zip_uint32_t)0100644 << 16) != 0)
        fail(z, "cannot set up", name);
}

/* Reads the written archive back out of its source. */
static int read_back(DeckZip *z, ByteBuf *out)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_source_open(z->src) != 0)
        return -1;
    int rc = -1;
    if (zip_source_stat(z->src, &st) == 0 && (st.valid & ZIP_STAT_SIZE)) {
        unsigned char chunk[65536];
        zip_uint64_t left = st.size;
        rc = 0;
        while (left > 0) {
            zip_int64_t n = zip_source_read(z->src, chunk, sizeof chunk);
            if (n <= 0) {
                rc = -1;
                break;
            }
            bytebuf_append(out, chunk, (size_t)n);
            left -= (zip_uint64_t)n;
        }
    }
    zip_source_close(z->src);
    return rc;
}

int deck_zip_finish(DeckZip *z, ByteBuf *out, Error *err)
{
    if (!z->failed[0] && zip_close(z->za) != 0)
        fail(z, "cannot write", "the package");
    else if (!z->failed[0])
        z->za = NULL;   /* closed: freed by libzip */
    if (!z->failed[0] && read_back(z, out) != 0)
        snprintf(z->failed, sizeof z->failed,
                 "cannot read the package back from memory");
    if (z->failed[0]) {
        error_set(err, ERR_RENDER, NULL, 0, 0, "deck: %s", z->failed);
        return -1;
    }
    return 0;
}
