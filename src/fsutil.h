/* fsutil.h - files: atomic output, temporary files named for the run,
 * reading inputs that must be regular files, the charts directory's lock,
 * and a fault-injection hook for the tests.
 *
 * Fault injection: AIGROWTH_FAIL_AT=OP:N makes the N-th call (counting
 * from 1, in this process) of OP fail with EIO, and AIGROWTH_KILL_AT=OP:N
 * raises SIGKILL just before it, where OP is open (creating a temporary
 * file), write, fsync, link or rename. Only the calls below count: every
 * byte aigrowth writes to a file goes through them. Unset, the hook costs
 * a getenv per process. */
#ifndef AIGROWTH_FSUTIL_H
#define AIGROWTH_FSUTIL_H

#include <stddef.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "error.h"
/* ByteBuf lived here; its users that include only fsutil.h still get it. */
#include "bytebuf.h"

/* ---- output ---- */

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

/* The name of a temporary file beside target, carrying this run's
 * identity: "DIR/.BASE.PID-TOKEN.aigrowth-SUFFIX" (SUFFIX "tmp" for new
 * content, "old" for a kept previous file). Caller frees. */
char *fsutil_temp_path(const char *target, const char *suffix);

/* Writes data to a new temporary file beside target (fsutil_temp_path,
 * "tmp"), syncs and closes it; *tmp (caller frees) names it. Errors name
 * shown. On failure nothing is left behind and *tmp is NULL. */
int fsutil_stage(const char *shown, const char *target, const void *data,
                 size_t len, char **tmp, Error *err);

/* rename(2), link(2) and a write of all of len bytes to fd, through the
 * fault-injection hook; -1 with errno on failure. */
int fsutil_rename(const char *from, const char *to);
int fsutil_link(const char *from, const char *to);
int fsutil_write_fd(int fd, const void *data, size_t len);

/* Syncs the directory holding path, so renames in it are durable. Best
 * effort: some filesystems refuse it, and the data is synced already. */
void fsutil_sync_dir_of(const char *path);

/* Removes the temporary files of runs that are no longer alive from dir:
 * names fsutil_temp_path makes whose PID is not a live process. With base
 * non-NULL only those of that target's base name. Returns the count. */
size_t fsutil_sweep_temps(const char *dir, const char *base);
/* fsutil_sweep_temps of target's directory, for target's base name. */
size_t fsutil_sweep_temps_of(const char *target);

/* Creates dir (one level) if missing; *created (may be NULL) says so. */
int fsutil_ensure_dir(const char *dir, int *created, Error *err);

/* ---- input ---- */

/* Opens path to read, without blocking on a FIFO and, with nofollow, not
 * through a symbolic link (fails with errno ELOOP). Fills *st. Any kind
 * of file is opened: the caller refuses what is not S_ISREG, naming it
 * with fsutil_file_kind. Returns the descriptor, or -1 with errno set and
 * err "cannot open: REASON" (EMFILE reads "Too many open files"). */
int fsutil_open_read(const char *path, int nofollow, struct stat *st,
                     Error *err);

/* "a directory", "a named pipe (FIFO)", "a device", "a socket",
 * "a symbolic link" or "not a regular file", for messages. */
const char *fsutil_file_kind(mode_t mode);

/* Reads fd to its end into out (appending), refusing more than max
 * bytes: returns 0, 1 when there is more than max, -1 on a read error
 * (errno set). */
int fsutil_read_fd(int fd, size_t max, ByteBuf *out);

/* ---- the lock of a directory ---- */

typedef struct FsutilLock FsutilLock;

/* Takes the exclusive advisory lock (flock) of dir, on the file
 * DIR/.aigrowth-lock, creating dir (one level) when missing (*created
 * says so). Waits up to wait_ms while another process holds it, then
 * fails with ERR_IO. The file stays empty: only the lock on it counts,
 * and a run leaves no trace in it. The lock is the process's until
 * fsutil_unlock or exit (a killed run releases it). Caller frees with
 * fsutil_unlock. */
FsutilLock *fsutil_lock_dir(const char *dir, long wait_ms, int *created,
                            Error *err);

/* Releases the lock; with remove_file, deletes the lock file first (so a
 * directory the run created can be removed again). NULL is a no-op. */
void fsutil_unlock(FsutilLock *lock, int remove_file);

/* ---- paths ---- */

/* Lower-case extension of path without the dot ("png"), or "" if none.
 * Borrowed pointer into a static-free buffer supplied by the caller. */
const char *fsutil_extension(const char *path, char *buf, size_t size);

/* path as the system resolves it, for telling two outputs apart: its
 * directory through realpath (as given when that fails) and its last
 * component as written. Owned by the caller. */
char *fsutil_canonical(const char *path);

/* When the process has fewer than FSUTIL_DESCRIPTOR_HEADROOM file
 * descriptors left (EMFILE, ENFILE), a sentence saying so with the limit;
 * NULL otherwise. Libraries that cannot open a file often report only
 * "out of memory": callers ask this before repeating that. The headroom
 * is there because the answer comes after the failure, when another
 * thread (the report draws charts beside its PDF) may have closed the
 * file it held. */
#define FSUTIL_DESCRIPTOR_HEADROOM 4
const char *fsutil_descriptor_shortage(char *buf, size_t size);

#endif
