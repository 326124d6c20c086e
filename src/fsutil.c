/* fsutil.c - atomic file output, run-named temporary files, inputs that
 * must be files, the directory lock, and the fault-injection hook. */
/* flock, realpath. */
#define _GNU_SOURCE

#include "fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

/* ---- fault injection ---- */

typedef enum { OP_OPEN, OP_WRITE, OP_FSYNC, OP_LINK, OP_RENAME,
               OP_COUNT } Op;

static const char *const op_names[OP_COUNT] = {"open", "write", "fsync",
                                               "link", "rename"};

typedef struct {
    int op;        /* -1: none */
    long at;
} FaultSpec;

static void parse_fault(const char *text, FaultSpec *f)
{
    f->op = -1;
    if (!text)
        return;
    const char *colon = strchr(text, ':');
    if (!colon)
        return;
    for (int i = 0; i < OP_COUNT; i++) {
        size_t n = strlen(op_names[i]);
        if ((size_t)(colon - text) == n && !strncmp(text, op_names[i], n)) {
            char *end;
            long at = strtol(colon + 1, &end, 10);
            if (at > 0 && !*end) {
                f->op = i;
                f->at = at;
            }
        }
    }
}

/* Counts the call; fails it (errno EIO) or kills the process when the
 * environment asks for this one. Calls come from one thread: the report
 * renders on two, but writes files from the first alone. */
static int fault(Op op)
{
    static int ready;
    static FaultSpec fail, kill_at;
    static long count[OP_COUNT];
    if (!ready) {
        parse_fault(getenv("AIGROWTH_FAIL_AT"), &fail);
        parse_fault(getenv("AIGROWTH_KILL_AT"), &kill_at);
        ready = 1;
    }
    long n = ++count[op];
    if (kill_at.op == (int)op && kill_at.at == n)
        raise(SIGKILL);
    if (fail.op == (int)op && fail.at == n) {
        errno = EIO;
        return -1;
    }
    return 0;
}

/* ---- primitives ---- */

int fsutil_write_fd(int fd, const void *data, size_t len)
{
    const unsigned char *p = data;
    do {
        if (fault(OP_WRITE) != 0)
            return -1;
        ssize_t n = write(fd, p, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    } while (len > 0);
    return 0;
}

static int sync_fd(int fd)
{
    if (fault(OP_FSYNC) != 0)
        return -1;
    return fsync(fd);
}

int fsutil_rename(const char *from, const char *to)
{
    if (fault(OP_RENAME) != 0)
        return -1;
    return rename(from, to);
}

int fsutil_link(const char *from, const char *to)
{
    if (fault(OP_LINK) != 0)
        return -1;
    return link(from, to);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    return xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

void fsutil_sync_dir_of(const char *path)
{
    char *dir = dir_of(path);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* ---- temporary files named for the run ---- */

#define TEMP_MARK ".aigrowth-"
/* Bytes of the target's name kept in a temp file's name: with the dot,
 * the run's identity and the suffix it stays within NAME_MAX (255). */
#define TEMP_BASE_MAX 200

/* The run's token: the clock's nanoseconds mixed with the pid, fixed for
 * the process. With the pid it tells runs apart; O_EXCL does the rest. */
static unsigned run_token(void)
{
    static unsigned token;
    if (!token) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        unsigned long long x = (unsigned long long)ts.tv_sec * 1000000007ULL ^
                               (unsigned long long)ts.tv_nsec ^
                               ((unsigned long long)getpid() << 32);
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdULL;
        x ^= x >> 33;
        token = (unsigned)x | 1u;
    }
    return token;
}

/* The first len <= max bytes of s, cut before a UTF-8 continuation. */
static size_t utf8_prefix(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static char *temp_path_n(const char *target, const char *suffix,
                         unsigned serial)
{
    const char *base = base_of(target);
    int keep = (int)utf8_prefix(base, TEMP_BASE_MAX);
    return xstrfmt("%.*s.%.*s.%ld-%08x%s%s", (int)(base - target), target,
                   keep, base, (long)getpid(), run_token() + serial,
                   TEMP_MARK, suffix);
}

char *fsutil_temp_path(const char *target, const char *suffix)
{
    return temp_path_n(target, suffix, 0);
}

/* Creates a new temp file beside target; *tmp names it. Counted as an
 * "open" by the fault hook. Output files get the usual 0666 & ~umask. */
static int create_temp(const char *target, char **tmp)
{
    for (unsigned serial = 0; serial < 16; serial++) {
        *tmp = temp_path_n(target, "tmp", serial);
        if (fault(OP_OPEN) != 0) {
            free(*tmp);
            *tmp = NULL;
            return -1;
        }
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                                O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST) {
            if (fd < 0) {
                int saved = errno;
                free(*tmp);
                *tmp = NULL;
                errno = saved;
            }
            return fd;
        }
        free(*tmp);
    }
    *tmp = NULL;
    errno = EEXIST;
    return -1;
}

int fsutil_stage(const char *shown, const char *target, const void *data,
                 size_t len, char **tmp, Error *err)
{
    int fd = create_temp(target, tmp);
    if (fd < 0) {
        error_set(err, ERR_IO, shown, 0, 0,
                  "cannot create a file here: %s; check the directory "
                  "exists and is writable",
                  strerror(errno));
        return -1;
    }
    if (fsutil_write_fd(fd, data, len) != 0 || sync_fd(fd) != 0) {
        error_set(err, ERR_IO, shown, 0, 0, "cannot write: %s",
                  strerror(errno));
        close(fd);
        goto fail;
    }
    if (close(fd) != 0) {
        error_set(err, ERR_IO, shown, 0, 0, "cannot write: %s",
                  strerror(errno));
        goto fail;
    }
    return 0;
fail:
    unlink(*tmp);
    free(*tmp);
    *tmp = NULL;
    return -1;
}

/* The pid in a name fsutil_temp_path made, or 0 when it is not one. */
static long temp_owner(const char *name, const char *base)
{
    size_t n = strlen(name);
    const char *suffixes[] = {TEMP_MARK "tmp", TEMP_MARK "old"};
    size_t cut = 0;
    for (int i = 0; i < 2 && !cut; i++) {
        size_t k = strlen(suffixes[i]);
        if (n > k && !strcmp(name + n - k, suffixes[i]))
            cut = n - k;
    }
    /* ".BASE.PID-TTTTTTTT" before the suffix */
    if (!cut || name[0] != '.' || cut < 12)
        return 0;
    size_t dash = cut - 9;
    if (name[dash] != '-')
        return 0;
    for (size_t i = dash + 1; i < cut; i++)
        if (!strchr("0123456789abcdef", name[i]))
            return 0;
    size_t dot = dash;
    while (dot > 1 && name[dot - 1] >= '0' && name[dot - 1] <= '9')
        dot--;
    if (dot == dash || name[dot - 1] != '.' || dot < 2)
        return 0;
    if (base) {
        size_t keep = utf8_prefix(base, TEMP_BASE_MAX);
        if (dot - 2 != keep || strncmp(name + 1, base, keep) != 0)
            return 0;
    }
    return strtol(name + dot, NULL, 10);
}

static int process_alive(long pid)
{
    if (pid <= 0 || pid == (long)getpid())
        return 1;
    return kill((pid_t)pid, 0) == 0 || errno != ESRCH;
}

size_t fsutil_sweep_temps(const char *dir, const char *base)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        long pid = temp_owner(e->d_name, base);
        if (!pid || process_alive(pid))
            continue;
        char *path = xstrfmt("%s/%s", dir, e->d_name);
        removed += unlink(path) == 0;
        free(path);
    }
    closedir(d);
    return removed;
}

size_t fsutil_sweep_temps_of(const char *target)
{
    char *dir = dir_of(target);
    size_t n = fsutil_sweep_temps(dir, base_of(target));
    free(dir);
    return n;
}

/* ---- single-file output ---- */

/* Devices and FIFOs (/dev/stdout, /dev/null, a named pipe) are written
 * in place: there is no previous file to keep, and renaming over one
 * would replace the device with a regular file. */
static int write_in_place(const char *path, const void *data, size_t len,
                          Error *err)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || fsutil_write_fd(fd, data, len) != 0) {
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

int fsutil_write_atomic(const char *path, const void *data, size_t len,
                        Error *err)
{
    if (strcmp(path, "-") == 0) {
        if (fsutil_write_fd(STDOUT_FILENO, data, len) != 0) {
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
    const char *target = real ? real : path;
    fsutil_sweep_temps_of(target);
    char *tmp = NULL;
    int rc = fsutil_stage(path, target, data, len, &tmp, err);
    if (rc == 0 && fsutil_rename(tmp, target) != 0) {
        error_set(err, ERR_IO, path, 0, 0, "cannot write: %s",
                  strerror(errno));
        unlink(tmp);
        rc = -1;
    }
    if (rc == 0)
        fsutil_sync_dir_of(target);
    free(tmp);
    free(real);
    return rc;
}

int fsutil_ensure_dir(const char *dir, int *created, Error *err)
{
    if (created)
        *created = 0;
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        error_set(err, ERR_IO, dir, 0, 0,
                  "exists but is not a directory; remove it or choose "
                  "another output directory");
        return -1;
    }
    if (mkdir(dir, 0777) != 0) {
        if (errno == EEXIST)
            return 0;
        error_set(err, ERR_IO, dir, 0, 0, "cannot create directory: %s",
                  strerror(errno));
        return -1;
    }
    if (created)
        *created = 1;
    return 0;
}

/* ---- input ---- */

int fsutil_open_read(const char *path, int nofollow, struct stat *st,
                     Error *err)
{
    int flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0);
    int fd = open(path, flags);
    if (fd < 0) {
        int saved = errno;
        error_set(err, ERR_IO, path, 0, 0, "cannot open: %s",
                  strerror(saved));
        errno = saved;
        return -1;
    }
    if (fstat(fd, st) != 0) {
        int saved = errno;
        error_set(err, ERR_IO, path, 0, 0, "cannot open: %s",
                  strerror(saved));
        close(fd);
        errno = saved;
        return -1;
    }
    /* Reads of a regular file never block; the flag only kept open()
     * from waiting for a FIFO's writer. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

const char *fsutil_file_kind(mode_t mode)
{
    if (S_ISDIR(mode))
        return "a directory";
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "a device";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}

int fsutil_read_fd(int fd, size_t max, ByteBuf *out)
{
    unsigned char chunk[65536];
    size_t total = 0;
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            return 0;
        total += (size_t)n;
        if (total > max)
            return 1;
        bytebuf_append(out, chunk, (size_t)n);
    }
}

/* ---- the lock of a directory ---- */

#define LOCK_FILE ".aigrowth-lock"
#define LOCK_POLL_MS 50

struct FsutilLock {
    int fd;
    char *path;
};

/* Whether fd is still the file at path: a run that removed its lock file
 * (and directory) leaves its waiters holding a lock nobody else sees. */
static int still_linked(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(path, &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

FsutilLock *fsutil_lock_dir(const char *dir, long wait_ms, int *created,
                            Error *err)
{
    char *path = xstrfmt("%s/%s", dir, LOCK_FILE);
    long waited = 0;
    int made = 0;
    for (;;) {
        int now_made;
        if (fsutil_ensure_dir(dir, &now_made, err) != 0)
            break;
        made |= now_made;
        int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) {
            error_set(err, ERR_IO, path, 0, 0,
                      "cannot open the lock file: %s; check the directory "
                      "is writable",
                      strerror(errno));
            break;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            if (!still_linked(fd, path)) {
                close(fd);
                continue;
            }
            FsutilLock *lock = xmalloc(sizeof *lock);
            lock->fd = fd;
            lock->path = path;
            if (created)
                *created = made;
            return lock;
        }
        int saved = errno;
        if (saved != EWOULDBLOCK && saved != EINTR) {
            error_set(err, ERR_IO, path, 0, 0, "cannot lock: %s",
                      strerror(saved));
            close(fd);
            break;
        }
        if (waited >= wait_ms) {
            error_set(err, ERR_IO, dir, 0, 0,
                      "another aigrowth report is writing here (waited "
                      "%g s); run again when it has finished (fuser -v "
                      "%s names it)",
                      (double)waited / 1000, path);
            close(fd);
            break;
        }
        close(fd);
        sleep_ms(LOCK_POLL_MS);
        waited += LOCK_POLL_MS;
    }
    if (created)
        *created = made;
    free(path);
    return NULL;
}

void fsutil_unlock(FsutilLock *lock, int remove_file)
{
    if (!lock)
        return;
    if (remove_file)
        unlink(lock->path);
    close(lock->fd);
    free(lock->path);
    free(lock);
}

/* ---- paths and buffers ---- */

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

char *fsutil_canonical(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrndup(path, (size_t)(slash - path)) : xstrdup(".");
    if (slash == path) {
        free(dir);
        dir = xstrdup("/");
    }
    char *real = realpath(dir, NULL);
    char *out = xstrfmt("%s/%s", real ? real : dir, slash ? slash + 1 : path);
    free(real);
    free(dir);
    return out;
}

const char *fsutil_descriptor_shortage(char *buf, size_t size)
{
    int fds[FSUTIL_DESCRIPTOR_HEADROOM];
    int opened = 0, error = 0;
    while (opened < FSUTIL_DESCRIPTOR_HEADROOM) {
        int fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            error = errno;
            break;
        }
        fds[opened++] = fd;
    }
    while (opened > 0)
        close(fds[--opened]);
    if (error != EMFILE && error != ENFILE)
        return NULL;
    struct rlimit lim;
    if (error == EMFILE && getrlimit(RLIMIT_NOFILE, &lim) == 0)
        snprintf(buf, size, "too many open files (this process may have %llu: "
                 "raise it with ulimit -n)", (unsigned long long)lim.rlim_cur);
    else
        snprintf(buf, size, "too many open files on the system");
    return buf;
}
