/* commit.h - several files replaced as one.
 *
 * commit_stage writes each new content to a temporary file beside its
 * target (fsutil_stage: named for the run, synced), so nothing anyone
 * reads changes until commit_apply. commit_apply writes stdout and
 * devices in place first (there is no previous file to keep), then keeps
 * each previous file under a second name (a hard link), renames the
 * staged files over their targets in the order staged, and only then
 * drops the kept files. When a rename fails, the ones done are undone
 * from the kept files: the targets are all old or all new. A kill during
 * apply leaves each target old or new, never half of one; the caller
 * stages a record of what it wrote last (the report's state), so the
 * next run can tell which. Temporary and kept files left by a killed run
 * carry its pid and are swept by fsutil_sweep_temps.
 *
 * On a filesystem without hard links (some FUSE, FAT) previous files are
 * not kept, and a failed rename can leave the targets before it new. */
#ifndef AIGROWTH_COMMIT_H
#define AIGROWTH_COMMIT_H

#include <stddef.h>
#include "error.h"

typedef struct Commit Commit;

/* A new, empty commit. Caller frees with commit_destroy. */
Commit *commit_create(void);

/* Removes the staged files not yet in place (all of them unless applied)
 * and frees. NULL is a no-op. */
void commit_destroy(Commit *c);

/* Stages data (copied to disk, not kept) for target; errors name target.
 * "-" is stdout. With follow, a symbolic link at target has the file it
 * points to replaced, and a device or FIFO is written in place; without,
 * whatever is at target (a link included) is replaced by the file. A
 * directory at target is refused. */
int commit_stage(Commit *c, const char *target, int follow, const void *data,
                 size_t len, Error *err);

/* Puts every staged file in place, in order, as the header says. */
int commit_apply(Commit *c, Error *err);

#endif
