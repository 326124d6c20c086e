/* fsutil.c - atomic file output. */
/* realpath is XSI. */
#define _XOPEN_SOURCE 700

#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

static int write_all(int fd, const unsigned char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* The rename is durable only once the directory is synced. Best effort:
 * the data itself was synced and some filesystems refuse this. */
static void sync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = !slash ? xstrdup(".")
                : xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Devices and FIFOs (/dev/stdout, /dev/null, a named pipe) are written
 * in place: there is no previous file to keep, and renaming over one
 * would replace the device with a regular file. */
static int write_in_place(const char *path, const void *data, size_t len,
                          Error *err)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0 || write_all(fd, data, len) != 0) {
        error_set(err, ERR_IO, path, 0, 0, "cannot write: %s",
                  strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    if (close(fd) != 0) {
        error_set(err, ERR_IO, path, 0, 0, "cannot write: %s",
                  strerror(errno));
        return -1;
    }
    return 0;
}

/* Writes to a temp file beside target and renames it over target; errors
 * name shown, the path the user gave. */
static int replace_file(const char *shown, const char *target,
                        const void *data, size_t len, Error *err)
{
    size_t n = strlen(target);
    char *tmp = xmalloc(n + 16);
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", target);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        error_set(err, ERR_IO, shown, 0, 0,
                  "cannot create a file here: %s; check the directory "
                  "exists and is writable",
                  strerror(errno));
        free(tmp);
        return -1;
    }
    /* mkstemp makes 0600; outputs are ordinary files readable by others. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || write_all(fd, data, len) != 0 ||
        fsync(fd) != 0)
        goto fail;
    if (close(fd) != 0) {
        fd = -1;
        goto fail;
    }
    fd = -1;
    if (rename(tmp, target) != 0)
        goto fail;
    sync_parent(target);
    free(tmp);
    return 0;
fail:
    error_set(err, ERR_IO, shown, 0, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
}

int fsutil_write_atomic(const char *path, const void *data, size_t len,
                        Error *err)
{
    if (strcmp(path, "-") == 0) {
        if (write_all(STDOUT_FILENO, data, len) != 0) {
            error_set(err, ERR_IO, "-", 0, 0, "cannot write to stdout: %s",
                      strerror(errno));
            return -1;
        }
        return 0;
    }
    if (path[0] == '\0') {
        error_set(err, ERR_IO, path, 0, 0,
                  "empty output file name; give a file name to write");
        return -1;
    }
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            error_set(err, ERR_IO, path, 0, 0,
                      "is a directory; give the name of a file to write, "
                      "not of a directory");
            return -1;
        }
        if (!S_ISREG(st.st_mode))
            return write_in_place(path, data, len, err);
    }
    /* Through a symbolic link, replace the file it points to, not the
     * link. A dangling link is replaced like a missing file. */
    char *real = NULL;
    if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode))
        real = realpath(path, NULL);
    int rc = replace_file(path, real ? real : path, data, len, err);
    free(real);
    return rc;
}

int fsutil_ensure_dir(const char *dir, Error *err)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        error_set(err, ERR_IO, dir, 0, 0,
                  "exists but is not a directory; remove it or choose "
                  "another output directory");
        return -1;
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        error_set(err, ERR_IO, dir, 0, 0, "cannot create directory: %s",
                  strerror(errno));
        return -1;
    }
    return 0;
}

const char *fsutil_extension(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    buf[0] = '\0';
    if (!dot || (slash && dot < slash) || size == 0)
        return buf;
    size_t i = 0;
    for (const char *c = dot + 1; *c && i + 1 < size; c++)
        buf[i++] = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
    buf[i] = '\0';
    return buf;
}
