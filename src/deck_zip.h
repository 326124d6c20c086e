/* deck_zip.h - a ZIP archive built in memory with libzip, with the same
 * bytes for the same entries: each entry carries the one time given (in
 * UTC, as a DOS date), no extra fields and fixed attributes, and the
 * entries are stored in the order added. libzip types stay in
 * deck_zip.c. */
#ifndef AIGROWTH_DECK_ZIP_H
#define AIGROWTH_DECK_ZIP_H

#include <stddef.h>
#include <time.h>

#include "bytebuf.h"
#include "error.h"

typedef struct DeckZip DeckZip;

/* A new empty archive whose entries are dated when (clamped to the DOS
 * range, 1980 to 2107). Caller frees with deck_zip_destroy. NULL with
 * ERR_RENDER in err when libzip fails. */
DeckZip *deck_zip_create(time_t when, Error *err);

/* Frees the archive; NULL is a no-op. */
void deck_zip_destroy(DeckZip *z);

/* Adds name with len bytes of data (copied), deflated unless stored.
 * Errors are sticky: the first one is reported by deck_zip_finish. */
void deck_zip_add(DeckZip *z, const char *name, const void *data, size_t len,
                  int stored);

/* Writes the archive and appends its bytes to out (caller owns). 0, or
 * -1 with ERR_RENDER naming what failed; the archive is spent either
 * way (only deck_zip_destroy may follow). */
int deck_zip_finish(DeckZip *z, ByteBuf *out, Error *err);

#endif
