/* fsutil.c - atomic file output. */
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
    size_t n = strlen(path);
    char *tmp = xmalloc(n + 16);
    snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        error_set(err, ERR_IO, path, 0, 0,
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
    if (rename(tmp, path) != 0)
        goto fail;
    free(tmp);
    return 0;
fail:
    error_set(err, ERR_IO, path, 0, 0, "cannot write: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    free(tmp);
    return -1;
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

void bytebuf_append(ByteBuf *b, const void *data, size_t len)
{
    grow_array((void **)&b->data, &b->cap, b->len + len, 1);
    memcpy(b->data + b->len, data, len);
    b->len += len;
}

void bytebuf_free(ByteBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
