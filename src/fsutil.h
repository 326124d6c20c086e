/* fsutil.h - atomic file output and path helpers. */
#ifndef AIGROWTH_FSUTIL_H
#define AIGROWTH_FSUTIL_H

#include <stddef.h>
#include "error.h"
/* ByteBuf lived here; its users that include only fsutil.h still get it. */
#include "bytebuf.h"

/* Writes len bytes to a temporary file in path's directory, fsyncs, and
 * renames it over path, so readers see the old file or the new one, never
 * half of one. path "-" writes to stdout. An existing directory at path
 * is refused, not replaced; a device or FIFO (/dev/stdout) is written in
 * place; through a symbolic link the file it points to is replaced.
 * On failure (disk full, read-only directory)
 * the temp file is removed, path is untouched, and err is ERR_IO naming
 * path and the system's reason. */
int fsutil_write_atomic(const char *path, const void *data, size_t len,
                        Error *err);

/* Creates dir (one level) if missing. */
int fsutil_ensure_dir(const char *dir, Error *err);

/* Lower-case extension of path without the dot ("png"), or "" if none.
 * Borrowed pointer into a static-free buffer supplied by the caller. */
const char *fsutil_extension(const char *path, char *buf, size_t size);

#endif
