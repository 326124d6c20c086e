/* commit.c - several files replaced as one (see commit.h). */
/* realpath */
#define _XOPEN_SOURCE 700

#include "commit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsutil.h"
#include "util.h"

typedef struct {
    char *shown;      /* the target as the caller named it */
    char *target;     /* where it goes (a link's target when followed) */
    char *tmp;        /* staged file; NULL once renamed or in place */
    char *kept;       /* the previous file's second name, or NULL */
    int in_place;     /* stdout or a device: written at apply */
    ByteBuf bytes;    /* in_place only */
    int existed;      /* something was at target before */
    int done;         /* renamed into place */
} Item;

struct Commit {
    Item *items;
    size_t n, cap;
};

Commit *commit_create(void)
{
    return xcalloc(1, sizeof(Commit));
}

void commit_destroy(Commit *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        Item *it = &c->items[i];
        if (it->tmp)
            unlink(it->tmp);
        free(it->tmp);
        free(it->kept);
        free(it->shown);
        free(it->target);
        bytebuf_free(&it->bytes);
    }
    free(c->items);
    free(c);
}

static Item *new_item(Commit *c, const char *shown)
{
    grow_array((void **)&c->items, &c->cap, c->n + 1, sizeof *c->items);
    Item *it = &c->items[c->n++];
    memset(it, 0, sizeof *it);
    it->shown = xstrdup(shown);
    return it;
}

int commit_stage(Commit *c, const char *target, int follow, const void *data,
                 size_t len, Error *err)
{
    if (target[0] == '\0') {
        error_set(err, ERR_IO, target, 0, 0,
                  "empty output file name; give a file name to write");
        return -1;
    }
    struct stat st;
    int exists = (follow ? stat(target, &st) : lstat(target, &st)) == 0;
    if (exists && S_ISDIR(st.st_mode)) {
        error_set(err, ERR_IO, target, 0, 0,
                  "is a directory; give the name of a file to write, not "
                  "of a directory");
        return -1;
    }
    Item *it = new_item(c, target);
    if (!strcmp(target, "-") || (follow && exists && !S_ISREG(st.st_mode))) {
        it->in_place = 1;
        bytebuf_append(&it->bytes, data, len);
        return 0;
    }
    /* A dangling link is replaced like a missing file. */
    char *real = NULL;
    struct stat lst;
    if (follow && lstat(target, &lst) == 0 && S_ISLNK(lst.st_mode))
        real = realpath(target, NULL);
    it->target = real ? real : xstrdup(target);
    if (fsutil_stage(target, it->target, data, len, &it->tmp, err) != 0) {
        c->n--;
        free(it->shown);
        free(it->target);
        return -1;
    }
    return 0;
}

static int same_dir(const char *a, const char *b)
{
    const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
    size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;
    return na == nb && !strncmp(a, b, na);
}

static int write_in_place(Item *it, Error *err)
{
    if (!strcmp(it->shown, "-")) {
        if (fsutil_write_fd(STDOUT_FILENO, it->bytes.data, it->bytes.len) ==
            0)
            return 0;
        error_set(err, ERR_IO, "-", 0, 0, "cannot write to stdout: %s",
                  strerror(errno));
        return -1;
    }
    int fd = open(it->shown, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || fsutil_write_fd(fd, it->bytes.data, it->bytes.len) != 0 ||
        close(fd) != 0) {
        int saved = errno;
        error_set(err, ERR_IO, it->shown, 0, 0, "cannot write: %s",
                  strerror(saved));
        return -1;
    }
    return 0;
}

/* Keeps the previous file at target under a second name. A filesystem
 * without hard links keeps none, and says so by errno. */
static int keep_previous(Item *it, Error *err)
{
    struct stat st;
    if (lstat(it->target, &st) != 0)
        return 0; /* nothing to keep */
    it->existed = 1;
    it->kept = fsutil_temp_path(it->target, "old");
    if (fsutil_link(it->target, it->kept) == 0)
        return 0;
    int saved = errno;
    free(it->kept);
    it->kept = NULL;
    if (saved == EPERM || saved == ENOTSUP || saved == EOPNOTSUPP ||
        saved == EMLINK || saved == ENOSYS)
        return 0;
    error_set(err, ERR_IO, it->shown, 0, 0,
              "cannot keep the previous file while replacing it: %s; every "
              "previous file is as it was",
              strerror(saved));
    return -1;
}

/* Puts back what items [0, n) replaced: the kept file, or no file. */
static void undo(Commit *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        Item *it = &c->items[i];
        if (!it->done)
            continue;
        if (it->kept) {
            if (rename(it->kept, it->target) == 0) {
                free(it->kept);
                it->kept = NULL;
            }
        } else if (!it->existed) {
            unlink(it->target);
        }
    }
}

static void drop_kept(Commit *c)
{
    for (size_t i = 0; i < c->n; i++) {
        Item *it = &c->items[i];
        if (it->kept)
            unlink(it->kept);
        free(it->kept);
        it->kept = NULL;
    }
}

int commit_apply(Commit *c, Error *err)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].in_place && write_in_place(&c->items[i], err) != 0)
            return -1;
    for (size_t i = 0; i < c->n; i++) {
        if (!c->items[i].in_place && keep_previous(&c->items[i], err) != 0) {
            drop_kept(c);
            return -1;
        }
    }
    for (size_t i = 0; i < c->n; i++) {
        Item *it = &c->items[i];
        if (it->in_place)
            continue;
        if (fsutil_rename(it->tmp, it->target) != 0) {
            error_set(err, ERR_IO, it->shown, 0, 0,
                      "cannot put the new file in place: %s; every previous "
                      "file is as it was",
                      strerror(errno));
            undo(c, i);
            drop_kept(c);
            return -1;
        }
        it->done = 1;
        free(it->tmp);
        it->tmp = NULL;
    }
    drop_kept(c);
    /* One sync per directory, after the renames: the record staged last
     * tells the next run what to check, so their order on disk after a
     * crash does not matter. */
    for (size_t i = 0; i < c->n; i++) {
        Item *it = &c->items[i];
        if (it->in_place)
            continue;
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !c->items[j].in_place &&
                   same_dir(c->items[j].target, it->target);
        if (!seen)
            fsutil_sync_dir_of(it->target);
    }
    return 0;
}
