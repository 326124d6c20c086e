/* csvload.c - libcsv streaming reader: data files and event files.
 *
 * The only module that uses libcsv. A Reader feeds the file to libcsv and
 * hands each complete record (trimmed fields, 1-based start line) to a row
 * function; csvload_file and csvload_events differ only in that function.
 * Memory holds one record at a time (bounded by CSVLOAD_RECORD_MAX); what
 * grows is the dataset.
 *
 * Sniffing. Before parsing, the first chunk decides the line end (LF, or
 * bare CR when the first line ends in a CR not followed by LF) and the
 * delimiter: whichever of , ; and tab is most frequent outside quotes on
 * the header line (ties go to ,).
 *
 * Line numbers. libcsv reports a field when it ends and a record when its
 * terminator is seen, never where a record began, and a quoted field may
 * hold newlines. So the reader feeds libcsv one physical line at a time
 * (the 64 KiB chunk is split at each line end): while a line is being
 * parsed cur_line is its number. With CSV_REPALL_NL libcsv calls the
 * record callback for every unquoted line end, blank lines included; a
 * record ended by the line end of line L means the next record starts on
 * line L + 1 at the earliest, and each blank line pushes that one further.
 * Line ends inside quotes are not record ends, so a record keeps the line
 * where it started however many lines it spans, and lines after it stay
 * right. With CRLF, the '\r' ends the record and the '\n' reports an empty
 * one, which is skipped like a blank line (also when a chunk boundary
 * falls between them).
 *
 * Plain lines. libcsv's state machine and per-byte copy were the largest
 * single cost of loading, yet almost every line of real data has no
 * quote. A whole line that starts a record and has no quote, CR,
 * LF or NUL in it is split by feed_plain_line instead, to the fields
 * libcsv would give (its rules for such a line are few: split at the
 * delimiter, drop spaces around fields), and delivered the same way.
 * Every other line, and every line while libcsv holds part of a record,
 * goes to libcsv; test_csvload and the fuzz seeds pin that the two
 * agree.
 *
 * Two halves. A big file is read by two readers at once when there are
 * two processors: see read_second_half. The second half's rows are kept
 * only when they are exactly what one reader would have read, so nothing
 * a user sees depends on it. */
#include "csvload.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdint.h>
#include <unistd.h>

#include <csv.h>

#if defined(__SSE2__) && defined(__GNUC__) && !defined(CSVLOAD_NO_SIMD)
#include <emmintrin.h>
#define SPLIT_SIMD 1
#endif

#include "parse_date.h"
#include "parse_value.h"
#include "util.h"

/* Overridable so that fuzzing reaches chunk boundaries (a CRLF split
 * between two reads) with small inputs. */
#ifndef CSVLOAD_CHUNK_SIZE
#define CSVLOAD_CHUNK_SIZE (64 * 1024)
#endif
#define CHUNK_SIZE CSVLOAD_CHUNK_SIZE
/* Bytes after a chunk that may be read, never used: split_plain reads
 * 16 at a time. */
#define CHUNK_PAD 16

typedef struct Reader Reader;

/* What a byte is to feed_plain_line. */
enum { BYTE_TEXT, BYTE_DELIM, BYTE_LIBCSV };

/* Handles one record: fields trimmed of spaces and tabs, n >= 1, at least
 * one field not empty. Returns 0, or -1 after filling r->err. */
typedef int (*RowFn)(Reader *r, char **fields, size_t n, long line);

struct Reader {
    const char *path;
    const unsigned char *mem;  /* bytes to read instead of the file */
    size_t mem_len;
    int from_memory;
    FILE *f;
    int fd;               /* >= 0: read the file with pread (second half) */
    size_t start;         /* where in the input this reader begins */
    size_t size;          /* of a regular file, once open; 0: not known */
    int read_error;       /* errno of a failed pread */
    int eof;
    int sniffed;          /* delimiter and line end are known */
    struct csv_parser parser;
    unsigned char *chunk; /* CHUNK_SIZE + CHUNK_PAD bytes */
    Error *err;
    int failed;
    unsigned char delim;  /* detected */
    unsigned char eol;    /* '\n' or, for classic Mac files, '\r' */
    long skip;            /* records still to skip before the header */
    long cur_line;        /* physical line being parsed */
    long rec_line;        /* line where the current record started */
    size_t line_len;      /* bytes of cur_line fed so far */
    int at_row_start;     /* libcsv holds no part of a record */
    unsigned char byte_class[256];   /* BYTE_*, for feed_plain_line */
    size_t total;         /* bytes read so far */
    char *buf;            /* the current record's fields, NUL-separated */
    size_t len, cap;
    size_t *off;          /* start of each field in buf */
    size_t nf, cap_off;
    char **fields;        /* pointers handed to row */
    size_t *lens;         /* their lengths */
    size_t cap_fields;
    RowFn row;
    void *user;
};

/* A reader of path with nothing read yet. */
static void reader_init(Reader *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->path = path;
    r->fd = -1;
}

static void *reader_realloc(void *p, size_t size)
{
    return xrealloc_array(p, size, 1);
}

static void on_field(void *data, size_t len, void *user)
{
    Reader *r = user;
    if (r->failed)
        return;
    if (len > CSVLOAD_FIELD_MAX || r->len + len > CSVLOAD_RECORD_MAX) {
        error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)r->nf + 1,
                  "%s is longer than %d bytes; is a quote not closed?",
                  len > CSVLOAD_FIELD_MAX ? "field" : "record",
                  len > CSVLOAD_FIELD_MAX ? CSVLOAD_FIELD_MAX
                                          : CSVLOAD_RECORD_MAX);
        r->failed = 1;
        return;
    }
    grow_array((void **)&r->off, &r->cap_off, r->nf + 1, sizeof *r->off);
    grow_array((void **)&r->buf, &r->cap, r->len + len + 1, 1);
    r->off[r->nf++] = r->len;
    if (len)
        memcpy(r->buf + r->len, data, len);
    r->len += len;
    r->buf[r->len++] = '\0';
}

/* Trims spaces and tabs off s, n bytes long and ending in a NUL (or in
 * a byte of the reader's own that may be overwritten); *len is set to
 * the length left. */
static inline char *trim_len(char *s, size_t n, size_t *len)
{
    /* Spaces and tabs are below '!': most fields need no look further. */
    if (n > 0 && (unsigned char)s[0] > ' ' && (unsigned char)s[n - 1] > ' ') {
        s[n] = '\0';
        *len = n;
        return s;
    }
    while (n > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = '\0';
    *len = n;
    return s;
}

/* Makes room for n fields and their lengths. */
static void reserve_fields(Reader *r, size_t n)
{
    if (n <= r->cap_fields)
        return;
    size_t cap = r->cap_fields;
    grow_array((void **)&r->fields, &r->cap_fields, n, sizeof *r->fields);
    grow_array((void **)&r->lens, &cap, n, sizeof *r->lens);
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    s[n] = '\0';
    return s;
}

/* Returns 1 when s is well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF). */
static int utf8_valid(const unsigned char *s)
{
    while (*s) {
        unsigned c = *s;
        size_t k;
        unsigned cp, min;
        if (c < 0x80) {
            s++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            k = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            k = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            k = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            return 0;
        }
        for (size_t i = 1; i <= k; i++) {
            if ((s[i] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        s += k + 1;
    }
    return 1;
}

/* Hands the record in r->fields[0..nf) to the row function, unless it
 * is blank: only empty fields (",,,," as spreadsheets export blank
 * rows). ascii: the fields are known to be ASCII, so valid UTF-8. */
static void deliver_record(Reader *r, size_t nf, int ascii)
{
    int blank = 1;
    for (size_t i = 0; i < nf; i++) {
        if (r->fields[i][0])
            blank = 0;
        if (ascii && !blank)
            break;   /* nothing more to look at */
        if (!ascii && !r->failed &&
            !utf8_valid((const unsigned char *)r->fields[i])) {
            error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)i + 1,
                      "text is not UTF-8; re-save the file as \"CSV "
                      "UTF-8\"");
            r->failed = 1;
        }
    }
    if (!blank && !r->failed) {
        if (r->skip > 0)
            r->skip--;
        else if (r->row(r, r->fields, nf, r->rec_line) != 0)
            r->failed = 1;
    }
}

/* A record with no field is a blank line and skipped. */
static void on_record(int c, void *user)
{
    Reader *r = user;
    if (!r->failed && r->nf > 0) {
        reserve_fields(r, r->nf);
        for (size_t i = 0; i < r->nf; i++) {
            size_t end = i + 1 < r->nf ? r->off[i + 1] : r->len;
            r->fields[i] = trim_len(r->buf + r->off[i], end - r->off[i] - 1,
                                    &r->lens[i]);
        }
        deliver_record(r, r->nf, 0);
    }
    r->nf = 0;
    r->len = 0;
    if (c == r->eol) {
        r->rec_line = r->cur_line + 1;
        r->at_row_start = 1;
    }
}

/* Chooses the line end and the delimiter from the first chunk; line is
 * the 0-based line of the header (after skipped title lines). */
static void sniff(Reader *r, const unsigned char *p, size_t n, long line)
{
    const unsigned char *cr = memchr(p, '\r', n), *lf = memchr(p, '\n', n);
    r->eol = cr && (!lf || cr < lf) && cr + 1 < p + n && cr[1] != '\n'
                 ? '\r' : '\n';
    size_t i = 0;
    for (long l = 0; l < line && i < n; i++)
        if (p[i] == r->eol)
            l++;
    size_t count[3] = {0, 0, 0};
    int quoted = 0;
    for (; i < n && (quoted || (p[i] != '\r' && p[i] != '\n')); i++) {
        if (p[i] == '"')
            quoted = !quoted;
        else if (!quoted && p[i] == ',')
            count[0]++;
        else if (!quoted && p[i] == ';')
            count[1]++;
        else if (!quoted && p[i] == '\t')
            count[2]++;
    }
    r->delim = ',';
    if (count[1] > count[0] && count[1] >= count[2])
        r->delim = ';';
    else if (count[2] > count[0] && count[2] > count[1])
        r->delim = '\t';
}

static void set_byte_classes(Reader *r)
{
    memset(r->byte_class, BYTE_TEXT, sizeof r->byte_class);
    r->byte_class['"'] = r->byte_class['\r'] = BYTE_LIBCSV;
    r->byte_class['\n'] = r->byte_class['\0'] = BYTE_LIBCSV;
    r->byte_class[r->delim] = BYTE_DELIM;
}

/* Only spaces are padding: a tab may be the delimiter. */
static int is_pad(unsigned char c)
{
    return c == ' ';
}

static void parse_error(Reader *r, struct csv_parser *parser)
{
    /* In strict mode: a quote inside an unquoted field, or text after a
     * closing quote. */
    if (csv_error(parser) == CSV_EPARSE)
        error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)r->nf + 1,
                  "stray quote in field; enclose the whole field in quotes "
                  "and double each quote inside it (\"\")");
    else
        error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)r->nf + 1,
                  "cannot parse: %s", csv_strerror(csv_error(parser)));
    r->failed = 1;
}

/* Lines longer than this always go through libcsv: below it no field or
 * record limit can be reached. */
#define PLAIN_LINE_MAX (16 * 1024)

/* Finds the delimiters of the line p[0..len) for feed_plain_line: their
 * offsets go to r->off, their count to *nf, and whether any byte is not
 * ASCII to *high. Returns 0 when the line holds a byte that only libcsv
 * handles (quote, CR, LF, NUL). p[len..len + CHUNK_PAD) may be read. */
static int split_plain(Reader *r, const unsigned char *p, size_t len,
                       size_t *nf, int *high)
{
    size_t n = 0;
    if (r->cap_off < len + 1)
        grow_array((void **)&r->off, &r->cap_off, len + 1, sizeof *r->off);
#ifdef SPLIT_SIMD
    /* 16 bytes a step: each kind of byte becomes a bit mask. */
    const __m128i delim = _mm_set1_epi8((char)r->delim);
    const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
    const __m128i lf = _mm_set1_epi8('\n'), nul = _mm_setzero_si128();
    unsigned any_high = 0;
    for (size_t i = 0; i < len; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(p + i));
        __m128i bad = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, cr)),
            _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, nul)));
        unsigned keep = len - i >= 16 ? 0xFFFFu : (1u << (len - i)) - 1;
        if ((unsigned)_mm_movemask_epi8(bad) & keep)
            return 0;
        any_high |= (unsigned)_mm_movemask_epi8(v) & keep;
        unsigned d = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, delim)) &
                     keep;
        for (; d; d &= d - 1)
            r->off[n++] = i + (size_t)__builtin_ctz(d);
    }
    *high = any_high != 0;
#else
    const unsigned char *cls = r->byte_class;
    unsigned char any_high = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = p[i];
        any_high |= c;
        if (cls[c] == BYTE_TEXT)
            continue;
        if (cls[c] == BYTE_LIBCSV)
            return 0;
        r->off[n++] = i;
    }
    *high = (any_high & 0x80) != 0;
#endif
    *nf = n;
    return 1;
}

/* The fast path for the common line, which costs libcsv a state-machine
 * step and a copy per byte. A line p[0..len) (its line end excluded)
 * with no quote, CR, LF or NUL inside is split here as libcsv would
 * split it in strict mode with is_pad (fields at each delimiter; spaces
 * around a field dropped), and trimmed as on_record trims, in place:
 * the line is the reader's own copy. Returns 0, having changed nothing,
 * for a line that needs libcsv. */
static int feed_plain_line(Reader *r, unsigned char *p, size_t len)
{
    if (len > PLAIN_LINE_MAX)
        return 0;
    if (r->eol == '\n' && len > 0 && p[len - 1] == '\r')
        len--;   /* CRLF: libcsv ends the record at the CR */
    size_t nf;
    int high;
    if (!split_plain(r, p, len, &nf, &high))
        return 0;
    reserve_fields(r, nf + 1);
    size_t begin = 0;
    for (size_t k = 0; k <= nf; k++) {
        size_t end = k < nf ? r->off[k] : len;
        r->fields[k] = trim_len((char *)p + begin, end - begin, &r->lens[k]);
        begin = end + 1;
    }
    deliver_record(r, nf + 1, !high);
    r->rec_line = r->cur_line + 1;
    return 1;
}

/* Feeds chunk[pos..got) to libcsv one line at a time; whole lines
 * between records that need no libcsv take feed_plain_line. */
static void feed(Reader *r, struct csv_parser *parser, unsigned char *chunk,
                 size_t pos, size_t got)
{
    while (pos < got && !r->failed) {
        const unsigned char *nl = memchr(chunk + pos, r->eol, got - pos);
        size_t end = nl ? (size_t)(nl - chunk) + 1 : got;
        if (nl && r->at_row_start &&
            feed_plain_line(r, chunk + pos, end - pos - 1)) {
            pos = end;
            r->cur_line++;
            continue;
        }
        const unsigned char *nul = memchr(chunk + pos, '\0', end - pos);
        if (nul) {
            /* Parse up to the NUL so the column names its field. */
            if (csv_parse(parser, chunk + pos, (size_t)(nul - chunk) - pos,
                          on_field, on_record, r) !=
                    (size_t)(nul - chunk) - pos &&
                !r->failed)
                parse_error(r, parser);
            error_set(r->err, ERR_DATA, r->path, r->cur_line,
                      (long)r->nf + 1,
                      "line has a NUL byte (is the file UTF-16?); re-save "
                      "it as \"CSV UTF-8\"");
            r->failed = 1;
            return;
        }
        r->line_len += end - pos;
        if (r->line_len > CSVLOAD_LINE_MAX) {
            error_set(r->err, ERR_DATA, r->path, r->cur_line,
                      (long)r->nf + 1,
                      "line is longer than %d bytes; is this a CSV file?",
                      CSVLOAD_LINE_MAX);
            r->failed = 1;
            return;
        }
        r->at_row_start = 0;
        size_t used = csv_parse(parser, chunk + pos, end - pos, on_field,
                                on_record, r);
        if (!r->failed && used != end - pos)
            parse_error(r, parser);
        /* A field still open (a quote not closed) must not grow without
         * bound: libcsv keeps it in entry_buf until it ends. */
        if (!r->failed && parser->entry_pos > CSVLOAD_FIELD_MAX) {
            error_set(r->err, ERR_DATA, r->path, r->rec_line,
                      (long)r->nf + 1,
                      "field is longer than %d bytes; is a quote not "
                      "closed?", CSVLOAD_FIELD_MAX);
            r->failed = 1;
        }
        pos = end;
        if (nl) {
            r->cur_line++;
            r->line_len = 0;
        }
    }
}

/* Opens the file, refusing directories and files past CSVLOAD_FILE_MAX
 * before reading a byte of them; notes the size of a regular file. */
static FILE *reader_open(Reader *r)
{
    FILE *f = fopen(r->path, "rb");
    if (!f) {
        error_set(r->err, ERR_IO, r->path, 0, 0, "cannot open: %s",
                  strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        error_set(r->err, ERR_IO, r->path, 0, 0,
                  "is a directory; give the CSV files in it");
        fclose(f);
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
        st.st_size > CSVLOAD_FILE_MAX) {
        error_set(r->err, ERR_DATA, r->path, 0, 0,
                  "file is %lld bytes, more than the %d a data file may "
                  "have; split it or keep the rows the charts need",
                  (long long)st.st_size, CSVLOAD_FILE_MAX);
        fclose(f);
        return NULL;
    }
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode))
        r->size = (size_t)st.st_size;
    return f;
}

/* Next piece of input, at most want bytes, into r->chunk: from the file,
 * from the first reader's file by offset (a second half), or copied from
 * memory so that all take the same path through feed. 0 at the end or
 * on a read error. */
static size_t reader_read(Reader *r, size_t want)
{
    if (want > CHUNK_SIZE)
        want = CHUNK_SIZE;
    size_t at = r->start + r->total;
    if (r->from_memory) {
        size_t n = at < r->mem_len ? r->mem_len - at : 0;
        if (n > want)
            n = want;
        if (n)
            memcpy(r->chunk, r->mem + at, n);
        return n;
    }
    if (r->fd < 0)
        return fread(r->chunk, 1, want, r->f);
    size_t got = 0;
    while (got < want) {
        ssize_t n = pread(r->fd, r->chunk + got, want - got,
                          (off_t)(at + got));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            r->read_error = errno;
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    return got;
}

/* Opens the input (a second half reads its first half's file) and makes
 * the parser ready. Returns 0, or -1 with r->err filled. */
static int reader_begin(Reader *r)
{
    if (!r->from_memory && r->fd < 0 && !(r->f = reader_open(r)))
        return -1;
    if (csv_init(&r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) !=
        0) {
        if (r->f)
            fclose(r->f);
        r->f = NULL;
        error_set(r->err, ERR_IO, r->path, 0, 0,
                  "cannot start the CSV parser");
        return -1;
    }
    csv_set_realloc_func(&r->parser, reader_realloc);
    csv_set_free_func(&r->parser, free);
    csv_set_space_func(&r->parser, is_pad);
    if (r->sniffed)
        csv_set_delim(&r->parser, r->delim);
    r->chunk = xcalloc(CHUNK_SIZE + CHUNK_PAD, 1);
    r->cur_line = r->rec_line = 1;
    r->at_row_start = 1;
    if (!r->sniffed) {
        r->delim = ',';
        r->eol = '\n';
    }
    return 0;
}

/* Reads and parses until `until` bytes are read, the input ends
 * (r->eof) or something fails (r->failed). */
static void reader_pump(Reader *r, size_t until)
{
    while (!r->failed && !r->eof && r->total < until) {
        size_t got = reader_read(r, until - r->total);
        if (got == 0) {
            r->eof = 1;
            break;
        }
        unsigned char *chunk = r->chunk;
        size_t pos = 0;
        r->total += got;
        /* A pipe or a file that grew since fstat. */
        if (r->total > CSVLOAD_FILE_MAX) {
            error_set(r->err, ERR_DATA, r->path, r->cur_line, 0,
                      "file is more than %d bytes, the most a data file may "
                      "have; split it or keep the rows the charts need",
                      CSVLOAD_FILE_MAX);
            r->failed = 1;
            break;
        }
        if (!r->sniffed) {
            if (got >= 2 && ((chunk[0] == 0xFF && chunk[1] == 0xFE) ||
                             (chunk[0] == 0xFE && chunk[1] == 0xFF))) {
                error_set(r->err, ERR_DATA, r->path, 1, 1,
                          "file is UTF-16; re-save it as \"CSV UTF-8\"");
                r->failed = 1;
                break;
            }
            if (got >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0)
                pos = 3;
            sniff(r, chunk + pos, got - pos, r->skip);
            csv_set_delim(&r->parser, r->delim);
            set_byte_classes(r);
            r->sniffed = 1;
        }
        feed(r, &r->parser, chunk, pos, got);
    }
}

/* Finishes reading and frees what the reader holds. Returns 0, or -1
 * with r->err filled (ERR_IO when the file could not be read). */
static int reader_end(Reader *r)
{
    if (!r->failed && ((r->f && ferror(r->f)) || r->read_error)) {
        error_set(r->err, ERR_IO, r->path, 0, 0, "cannot read: %s",
                  strerror(r->f && ferror(r->f) ? errno : r->read_error));
        r->failed = 1;
    }
    /* csv_fini hands over a last record that lacks its final newline;
     * with CSV_STRICT_FINI it fails on a quote still open at the end. */
    if (!r->failed && csv_fini(&r->parser, on_field, on_record, r) != 0 &&
        !r->failed) {
        error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)r->nf + 1,
                  "unterminated quoted field; close the quote with \"");
        r->failed = 1;
    }
    csv_free(&r->parser);
    free(r->chunk);
    if (r->f)
        fclose(r->f);
    r->f = NULL;
    r->chunk = NULL;
    free(r->buf);
    free(r->off);
    free(r->fields);
    free(r->lens);
    r->buf = NULL;
    r->off = NULL;
    r->fields = NULL;
    r->lens = NULL;
    return r->failed ? -1 : 0;
}

/* Runs the file at path (or r->mem) through libcsv and row. Returns 0, or
 * -1 with r->err filled (ERR_IO when the file cannot be read). */
static int reader_run(Reader *r)
{
    if (reader_begin(r) != 0)
        return -1;
    reader_pump(r, SIZE_MAX);
    return reader_end(r);
}

/* ---- header mapping, shared by both file kinds ---- */

/* Names one column may go by, the first being its canonical name. */
typedef struct {
    const char *names[6];
} Column;

/* Maps known column names to field indexes (-1 when absent). Names are
 * trimmed already; matched case-insensitively. A column named twice is an
 * error: which one would be meant? Returns the number of fields mapped. */
static long map_header(Reader *r, char **fields, size_t n, long line,
                       const Column *cols, size_t n_cols, long *col)
{
    long mapped = 0;
    for (size_t k = 0; k < n_cols; k++)
        col[k] = -1;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < n_cols; k++) {
            int hit = 0;
            for (size_t a = 0; a < 6 && cols[k].names[a] && !hit; a++)
                hit = ascii_casecmp(fields[i], cols[k].names[a]) == 0;
            if (!hit)
                continue;
            if (col[k] >= 0) {
                error_set(r->err, ERR_DATA, r->path, line, (long)i + 1,
                          "header names \"%s\" twice (columns %ld and %zu); "
                          "keep one", cols[k].names[0], col[k] + 1, i + 1);
                return -1;
            }
            col[k] = (long)i;
            mapped++;
        }
    }
    return mapped;
}

static int require_columns(Reader *r, long line, const Column *cols,
                           size_t n_required, const char *required_list,
                           const long *col)
{
    for (size_t k = 0; k < n_required; k++) {
        if (col[k] < 0) {
            error_set(r->err, ERR_DATA, r->path, line, 0,
                      "header has no \"%s\" column; the header must name %s",
                      cols[k].names[0], required_list);
            return -1;
        }
    }
    return 0;
}

/* Column is the first missing field when the row is short and the first
 * extra field when it is long: where to look in a spreadsheet. */
static int check_field_count(Reader *r, size_t n, size_t expected, long line)
{
    if (n == expected)
        return 0;
    const char *hint = r->delim == ',' ? "quote fields that contain commas"
                       : r->delim == ';'
                           ? "quote fields that contain semicolons"
                           : "quote fields that contain tabs";
    error_set(r->err, ERR_DATA, r->path, line,
              (long)(n < expected ? n : expected) + 1,
              "row has %zu field%s but the header has %zu; %s", n,
              n == 1 ? "" : "s", expected, hint);
    return -1;
}

static int read_date(Reader *r, const char *text, DateOrder order, long line,
                     long col, long *days, DatePrecision *prec)
{
    char why[256];
    int rc = parse_date_ordered(text, order, days, prec, why, sizeof why);
    if (rc == 0)
        return 0;
    if (error_set(r->err, ERR_DATA, r->path, line, col + 1, "%s", why) &&
        rc == PARSE_DATE_ORDER)
        r->err->remedy = ERR_REMEDY_DATE_ORDER;
    return -1;
}

/* Names and units end up in legends, tables and file names: one past
 * CSVLOAD_LABEL_MAX is almost surely a misplaced column. col is 0-based,
 * -1 when the label comes from no column (file name, --metric). */
static int check_label_len(Reader *r, size_t n, const char *what, long line,
                           long col)
{
    if (n <= CSVLOAD_LABEL_MAX)
        return 0;
    error_set(r->err, ERR_DATA, r->path, line, col + 1,
              "%s is %zu bytes long, more than %d; shorten it (or is a "
              "column misplaced?)",
              what, n, CSVLOAD_LABEL_MAX);
    return -1;
}

static int check_label(Reader *r, const char *text, const char *what,
                       long line, long col)
{
    return check_label_len(r, strlen(text), what, line, col);
}

static const char *optional_field(char **fields, long col)
{
    return col >= 0 ? fields[col] : "";
}

/* ---- data files ---- */

enum { COL_DATE, COL_COMPANY, COL_METRIC, COL_VALUE, COL_UNIT, COL_BASIS,
       COL_SOURCE, COL_CONFIDENCE, COL_NOTE, COL_CODE, N_COLS };

/* Chinese names in both traditional and simplified characters. */
static const Column data_cols[N_COLS] = {
    {{"date", "\xE6\x97\xA5\xE6\x9C\x9F" /* 日期 */, "year", "close date",
      "\xE5\xB9\xB4\xE4\xBB\xBD" /* 年份 */}},
    {{"company", "\xE5\x85\xAC\xE5\x8F\xB8" /* 公司 */, "entity",
      "organization", "organisation"}},
    {{"metric", "\xE6\x8C\x87\xE6\xA8\x99" /* 指標 */,
      "\xE6\x8C\x87\xE6\xA0\x87" /* 指标 */}},
    {{"value", "\xE6\x95\xB8\xE5\x80\xBC" /* 數值 */,
      "\xE6\x95\xB0\xE5\x80\xBC" /* 数值 */}},
    {{"unit", "\xE5\x96\xAE\xE4\xBD\x8D" /* 單位 */,
      "\xE5\x8D\x95\xE4\xBD\x8D" /* 单位 */}},
    {{"basis"}},
    {{"source", "\xE4\xBE\x86\xE6\xBA\x90" /* 來源 */,
      "\xE6\x9D\xA5\xE6\xBA\x90" /* 来源 */, "sources"}},
    {{"confidence"}},
    {{"note", "notes", "\xE5\x82\x99\xE8\xA8\xBB" /* 備註 */,
      "\xE5\xA4\x87\xE6\xB3\xA8" /* 备注 */}},
    {{"code"}},   /* Our World in Data's country code: not a value */
};

static const char *const format_names[] = {"long", "data-hub", "wide"};

typedef enum { FORMAT_LONG, FORMAT_HUB, FORMAT_WIDE } Format;

/* A wide file's company column. */
typedef struct {
    long col;
    const char *company;   /* interned */
    const char *unit;      /* interned, from "(USD)" in the header */
} WideColumn;

/* Labels of recent rows, interned: rows come grouped, so a row's company
 * and metric are nearly always those of a row just before, and matching
 * their bytes here spares the dataset hashing or comparing them. */
#define LABEL_CACHE 4
typedef struct {
    const char *text[LABEL_CACHE];   /* interned; NULL: empty slot */
    size_t len[LABEL_CACHE];
    unsigned next;                   /* slot to replace */
    unsigned last;                   /* slot matched last */
} LabelCache;

/* The month of the last "YYYY-MM-DD" date read: a daily file gives
 * about thirty rows in a row the same "YYYY-MM-", and their dates are
 * that month's first day plus their day. */
typedef struct {
    char prefix[8];        /* "YYYY-MM-" */
    long first;            /* day number of the month's first day */
    unsigned days;         /* in the month; 0: nothing read yet */
} MonthSeen;

typedef struct {
    Dataset *ds;
    const CsvOptions *opt;
    char decimal;          /* ',' in files delimited by ';' */
    int have_header;
    long header_line;
    Format format;
    size_t n_header;
    const char **header;   /* interned copies, to spot repeated headers */
    long col[N_COLS];
    const char *metric;    /* interned; when the file has no metric column */
    const char *unit;      /* interned; data-hub "(unit)" of the value */
    const char *file;      /* interned path, so that rows need not hash it */
    long value_col;
    WideColumn *wide;
    size_t n_wide;
    size_t rows, missing, skipped;
    int threads;           /* readers at once at most; 0: as many as help */
    LabelCache companies, metrics;   /* interned in ds */
    /* "" interned in ds, for the columns a file lacks: dataset_add knows
     * a row's texts as those of the row before by their pointers. */
    const char *empty;
    MonthSeen month;
} DataLoad;

/* Do a and b, len bytes each, hold the same bytes? A word at a time,
 * the last word overlapping the one before it: nothing past len is read,
 * and a label of a few dozen bytes costs a few compares, not a call. */
static inline int same_bytes(const char *a, const char *b, size_t len)
{
    if (len >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < len; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + len - 8, 8);
        memcpy(&y, b + len - 8, 8);
        return x == y;
    }
    if (len >= 4) {
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + len - 4, 4);
        memcpy(&y1, b + len - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

/* cached_label when the last label matched is not text. */
static const char *cached_label_other(Dataset *ds, LabelCache *c,
                                      const char *text, size_t len)
{
    for (unsigned i = 0; i < LABEL_CACHE; i++) {
        if (i != c->last && c->text[i] && c->len[i] == len &&
            same_bytes(c->text[i], text, len)) {
            c->last = i;
            return c->text[i];
        }
    }
    unsigned i = c->next;
    c->next = (i + 1) % LABEL_CACHE;
    c->last = i;
    c->text[i] = dataset_intern(ds, text);
    c->len[i] = len;
    return c->text[i];
}

/* The interned copy of text (len bytes), from the cache when a recent
 * row had it: the last one matched is tried first, here. */
static inline const char *cached_label(Dataset *ds, LabelCache *c,
                                       const char *text, size_t len)
{
    const char *last = c->text[c->last];
    if (last && c->len[c->last] == len && same_bytes(last, text, len))
        return last;
    return cached_label_other(ds, c, text, len);
}

/* Headers that describe rows rather than hold values: "Source 1",
 * "Link", and empty ones (trailing columns of a spreadsheet). */
static int is_metadata_header(const char *h)
{
    static const char *const names[] = {"link", "url", "comment",
                                        "comments"};
    if (!h[0] || strncmp(h, "Source", 6) == 0 || strncmp(h, "source", 6) == 0)
        return 1;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ascii_casecmp(h, names[i]) == 0)
            return 1;
    return 0;
}

/* Splits "Annualized revenue (USD)" into label and unit, interned; a
 * header without a parenthesised suffix is all label. */
static void split_label(Dataset *ds, const char *h, const char **label,
                        const char **unit)
{
    size_t n = strlen(h);
    const char *open = strrchr(h, '(');
    if (n > 2 && h[n - 1] == ')' && open && open > h && open + 1 < h + n - 1) {
        char *l = xstrndup(h, (size_t)(open - h));
        char *u = xstrndup(open + 1, (size_t)(h + n - 1 - open - 1));
        *label = dataset_intern(ds, trim(l));
        *unit = dataset_intern(ds, trim(u));
        free(l);
        free(u);
        return;
    }
    *label = dataset_intern(ds, h);
    *unit = dataset_intern(ds, "");
}

/* The metric of a file without a metric column: --metric, else the file
 * name without directory and extension. */
static const char *file_metric(DataLoad *L, const char *path)
{
    if (L->opt->metric && L->opt->metric[0])
        return dataset_intern(L->ds, L->opt->metric);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    char *stem = xstrndup(base, n);
    const char *m = dataset_intern(L->ds, stem[0] ? stem : "value");
    free(stem);
    return m;
}

/* Data-hub: the one column that is neither known nor metadata; of
 * several, the one whose header names a unit "(...)". */
static int pick_value_column(Reader *r, DataLoad *L, char **fields, size_t n,
                             long line)
{
    long cand[2] = {-1, -1}, with_unit = -1;
    size_t count = 0, count_unit = 0;
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t k = 0; k < N_COLS; k++)
            known |= L->col[k] == (long)i;
        if (known || is_metadata_header(fields[i]))
            continue;
        if (count < 2)
            cand[count] = (long)i;
        count++;
        size_t len = strlen(fields[i]);
        if (len > 2 && fields[i][len - 1] == ')' && strchr(fields[i], '(')) {
            with_unit = (long)i;
            count_unit++;
        }
    }
    if (count == 1)
        L->value_col = cand[0];
    else if (count > 1 && count_unit == 1)
        L->value_col = with_unit;
    else if (count == 0) {
        error_set(r->err, ERR_DATA, r->path, line, 0,
                  "header has no \"value\" column; the header must name "
                  "date,company,metric,value");
        return -1;
    } else {
        error_set(r->err, ERR_DATA, r->path, line, cand[1] + 1,
                  "header has several value columns (\"%s\", \"%s\"); keep "
                  "one, or use the long format date,company,metric,value",
                  fields[cand[0]], fields[cand[1]]);
        return -1;
    }
    const char *label;
    split_label(L->ds, fields[L->value_col], &label, &L->unit);
    L->metric = L->opt->metric && L->opt->metric[0]
                    ? dataset_intern(L->ds, L->opt->metric) : label;
    return 0;
}

/* Wide: every column that is neither known nor metadata is a company. */
static void wide_columns(DataLoad *L, char **fields, size_t n)
{
    L->wide = xmalloc_array(n, sizeof *L->wide);
    for (size_t i = 0; i < n; i++) {
        int known = 0;
        for (size_t k = 0; k < N_COLS; k++)
            known |= L->col[k] == (long)i;
        if (known || is_metadata_header(fields[i]))
            continue;
        WideColumn *w = &L->wide[L->n_wide++];
        w->col = (long)i;
        split_label(L->ds, fields[i], &w->company, &w->unit);
    }
}

/* Reads the header: which layout, which column is what. */
static int data_header(Reader *r, DataLoad *L, char **fields, size_t n,
                       long line)
{
    L->have_header = 1;
    L->header_line = line;
    L->file = dataset_intern(L->ds, r->path);
    L->empty = dataset_intern(L->ds, "");
    /* Where ; separates fields, the comma is the decimal mark. */
    L->decimal = r->delim == ';' ? ',' : '.';
    L->n_header = n;
    long mapped = map_header(r, fields, n, line, data_cols, N_COLS, L->col);
    if (mapped < 0)
        return -1;
    if (mapped == 0) {
        if (error_set(r->err, ERR_DATA, r->path, line, 0,
                      "line %ld is not a header: it names no known column "
                      "(date, company, metric, value)",
                      line))
            r->err->remedy = ERR_REMEDY_SKIP_ROWS;
        return -1;
    }
    L->header = xmalloc_array(n, sizeof *L->header);
    for (size_t i = 0; i < n; i++)
        L->header[i] = dataset_intern(L->ds, fields[i]);
    const long *col = L->col;
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] >= 0 && col[COL_VALUE] >= 0) {
        L->format = FORMAT_LONG;
        if (col[COL_METRIC] < 0) {
            L->metric = file_metric(L, r->path);
            return check_label(r, L->metric, "metric name", line, -1);
        }
        return 0;
    }
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] >= 0 && col[COL_METRIC] < 0) {
        L->format = FORMAT_HUB;
        if (pick_value_column(r, L, fields, n, line) != 0 ||
            check_label(r, L->metric, "metric name", line, L->value_col) ||
            check_label(r, L->unit, "unit", line, L->value_col))
            return -1;
        return 0;
    }
    if (col[COL_DATE] >= 0 && col[COL_COMPANY] < 0 && col[COL_METRIC] < 0 &&
        col[COL_VALUE] < 0) {
        L->format = FORMAT_WIDE;
        L->metric = file_metric(L, r->path);
        if (check_label(r, L->metric, "metric name", line, -1) != 0)
            return -1;
        wide_columns(L, fields, n);
        for (size_t k = 0; k < L->n_wide; k++)
            if (check_label(r, L->wide[k].company, "company name", line,
                            L->wide[k].col) ||
                check_label(r, L->wide[k].unit, "unit", line,
                            L->wide[k].col))
                return -1;
        if (L->n_wide > 0)
            return 0;
        error_set(r->err, ERR_DATA, r->path, line, 0,
                  "header has a date column but no company columns; name "
                  "date,company,metric,value or one column per company");
        return -1;
    }
    return require_columns(r, line, data_cols, 4,
                           "date,company,metric,value", col);
}

/* The unit of a value: what the value itself says ("$7B": USD) must
 * agree with what the unit column or header says; either may be blank. */
static int row_unit(Reader *r, const char *stated, const char *found,
                    const char *text, const char *said_by, long line,
                    long col, const char **unit)
{
    if (!found[0] || ascii_casecmp(stated, found) == 0) {
        *unit = stated;
        return 0;
    }
    if (!stated[0]) {
        *unit = found;
        return 0;
    }
    error_set(r->err, ERR_DATA, r->path, line, col + 1,
              "value \"%.40s\" is in %s but the %s says %s; make them agree",
              text, found, said_by, stated);
    return -1;
}

/* Parses one value and adds it as an observation of o (date, company,
 * metric and the optional columns already set); a missing value is
 * counted. stated is the unit the column or header gives. */
static inline int add_value(Reader *r, DataLoad *L, Observation *o,
                            const char *text, const char *stated,
                            const char *said_by, long line, long col)
{
    char why[256];
    const char *found = "";
    switch (parse_value(text, L->decimal, &o->value, &found, why,
                        sizeof why)) {
    case VALUE_MISSING:
        L->missing++;
        return 0;
    case VALUE_ERROR:
        error_set(r->err, ERR_DATA, r->path, line, col + 1, "%s", why);
        return -1;
    case VALUE_OK:
        break;
    }
    if (row_unit(r, stated, found, text, said_by, line, col, &o->unit) != 0)
        return -1;
    o->column = col;
    if (L->ds->n_obs >= DATASET_MAX_OBSERVATIONS) {
        error_set(r->err, ERR_DATA, r->path, line, col + 1,
                  "more than %d values in all; load fewer files or keep the "
                  "rows the charts need",
                  DATASET_MAX_OBSERVATIONS);
        return -1;
    }
    dataset_add(L->ds, o);
    L->rows++;
    return 0;
}

/* Is text, len bytes, "YYYY-MM-DD" with digits where the Ys, Ms and Ds
 * are? (Whether it is a date is parse_date's to say.) */
static int iso_day_shape(const char *text, size_t len)
{
    if (len != 10 || text[4] != '-' || text[7] != '-')
        return 0;
    for (size_t i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (unsigned)(text[i] - '0') > 9)
            return 0;
    return 1;
}

/* read_date for a data row's date, len bytes: a day of the month last
 * read takes no parsing. parse_date reads "YYYY-MM-DD" before any other
 * form whatever the order, so the month is noted only when the date read
 * is the one its digits spell, and then any day from 01 to the month's
 * length in the same month is read by parse_date as first + day - 1. */
static int read_row_date(Reader *r, DataLoad *L, const char *text,
                         size_t len, long line, long col, long *days,
                         DatePrecision *prec)
{
    MonthSeen *m = &L->month;
    if (len == 10 && m->days && memcmp(text, m->prefix, 8) == 0) {
        unsigned d0 = (unsigned)(text[8] - '0'), d1 = (unsigned)(text[9] - '0');
        unsigned day = d0 * 10 + d1;
        if (d0 <= 9 && d1 <= 9 && day >= 1 && day <= m->days) {
            *days = m->first + (long)day - 1;
            *prec = DATE_DAY;
            return 0;
        }
    }
    if (read_date(r, text, L->opt->date_order, line, col, days, prec) != 0)
        return -1;
    if (*prec == DATE_DAY && iso_day_shape(text, len)) {
        int year, month, day;
        date_to_ymd(*days, &year, &month, &day);
        if (year == (text[0] - '0') * 1000 + (text[1] - '0') * 100 +
                        (text[2] - '0') * 10 + (text[3] - '0') &&
            month == (text[5] - '0') * 10 + (text[6] - '0') &&
            day == (text[8] - '0') * 10 + (text[9] - '0')) {
            memcpy(m->prefix, text, 8);
            m->first = *days - (day - 1);
            m->days = (unsigned)date_days_in_month(year, month);
        }
    }
    return 0;
}

/* optional_field for a data row: a column the file lacks gives L->empty. */
static inline const char *data_field(const DataLoad *L, char **fields,
                                     long col)
{
    return col >= 0 ? fields[col] : L->empty;
}

static int is_repeated_header(const DataLoad *L, char **fields, size_t n)
{
    /* A data row's first byte nearly always tells it from the header. */
    if (n != L->n_header ||
        ascii_lower(fields[0][0]) != ascii_lower(L->header[0][0]))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (ascii_casecmp(fields[i], L->header[i]) != 0)
            return 0;
    return 1;
}

static int data_row(Reader *r, char **fields, size_t n, long line)
{
    DataLoad *L = r->user;
    if (!L->have_header)
        return data_header(r, L, fields, n, line);
    if (is_repeated_header(L, fields, n)) {
        L->skipped++;
        dataset_warn(L->ds, r->path, line,
                     "header repeated (files pasted together?); line "
                     "skipped");
        return 0;
    }
    if (check_field_count(r, n, L->n_header, line) != 0)
        return -1;
    const long *col = L->col;
    /* Every field named: a memset of the struct cost more per row than
     * parsing its date. */
    Observation o = {.date = 0, .precision = DATE_DAY, .value = 0,
                     .company = "", .metric = "", .unit = "", .basis = "",
                     .source = "", .confidence = "", .note = "",
                     .file = L->file, .line = line, .column = 0};
    if (read_row_date(r, L, fields[col[COL_DATE]], r->lens[col[COL_DATE]],
                      line, col[COL_DATE], &o.date, &o.precision) != 0)
        return -1;
    o.basis = data_field(L, fields, col[COL_BASIS]);
    o.source = data_field(L, fields, col[COL_SOURCE]);
    o.confidence = data_field(L, fields, col[COL_CONFIDENCE]);
    o.note = data_field(L, fields, col[COL_NOTE]);
    o.file = L->file;
    o.line = line;
    o.metric = col[COL_METRIC] >= 0 ? fields[col[COL_METRIC]] : L->metric;
    if (L->format == FORMAT_WIDE) {
        for (size_t k = 0; k < L->n_wide; k++) {
            const WideColumn *w = &L->wide[k];
            o.company = w->company;
            if (add_value(r, L, &o, fields[w->col], w->unit, "header", line,
                          w->col) != 0)
                return -1;
        }
        return 0;
    }
    const size_t *lens = r->lens;
    o.company = fields[col[COL_COMPANY]];
    if (!o.company[0]) {
        error_set(r->err, ERR_DATA, r->path, line, col[COL_COMPANY] + 1,
                  "company is empty; every row needs a company name");
        return -1;
    }
    if (!o.metric[0]) {
        error_set(r->err, ERR_DATA, r->path, line, col[COL_METRIC] + 1,
                  "metric is empty; every row needs a metric name");
        return -1;
    }
    if (check_label_len(r, lens[col[COL_COMPANY]], "company name", line,
                        col[COL_COMPANY]) ||
        (col[COL_METRIC] >= 0 &&
         check_label_len(r, lens[col[COL_METRIC]], "metric name", line,
                         col[COL_METRIC])) ||
        (col[COL_UNIT] >= 0 &&
         check_label_len(r, lens[col[COL_UNIT]], "unit", line,
                         col[COL_UNIT])))
        return -1;
    o.company = cached_label(L->ds, &L->companies, o.company,
                             lens[col[COL_COMPANY]]);
    if (col[COL_METRIC] >= 0)
        o.metric = cached_label(L->ds, &L->metrics, o.metric,
                                lens[col[COL_METRIC]]);
    if (L->format == FORMAT_HUB)
        return add_value(r, L, &o, fields[L->value_col], L->unit, "header",
                         line, L->value_col);
    return add_value(r, L, &o, fields[col[COL_VALUE]],
                     data_field(L, fields, col[COL_UNIT]), "unit column",
                     line, col[COL_VALUE]);
}

/* ---- a big file in two halves at once ---- */

/* Files from this size on are read by two readers at once, when the
 * machine has two processors: the first half by the caller, the second
 * by a thread into a dataset of its own, moved after the first half's
 * rows when both are done. Overridable so that tests and fuzzing reach
 * it with small inputs. */
#ifndef CSVLOAD_PARALLEL_MIN
#define CSVLOAD_PARALLEL_MIN (4 * 1024 * 1024)
#endif

/* The second half: where it starts is a guess (a line end past the
 * middle, which may lie inside a quoted field), and its lines are
 * counted from there. Its rows are kept only when the first half ends
 * exactly there between two records, and when the second half read
 * without an error or a warning and within the limits: then they are
 * what reading on would have given. Otherwise they are dropped and the
 * first reader reads on, so errors, warnings and their order are always
 * those of reading the file in one go. */
typedef struct {
    Reader r;
    DataLoad load;
    Error err;
} Half;

static void *half_main(void *arg)
{
    Half *h = arg;
    if (reader_begin(&h->r) == 0) {
        reader_pump(&h->r, SIZE_MAX);
        reader_end(&h->r);
    }
    return NULL;
}

/* Where the second half may start: after the first line end at or past
 * the middle, before a byte that is not a line end itself. 0: none in
 * the chunk read there. Uses a->chunk, which holds nothing between two
 * reader_pump calls. */
static size_t find_split(Reader *a)
{
    size_t mid = a->size / 2, n = 0;
    if (a->from_memory) {
        n = a->mem_len - mid < CHUNK_SIZE ? a->mem_len - mid : CHUNK_SIZE;
        memcpy(a->chunk, a->mem + mid, n);
    } else {
        ssize_t got = pread(fileno(a->f), a->chunk, CHUNK_SIZE, (off_t)mid);
        n = got > 0 ? (size_t)got : 0;
    }
    for (size_t i = 0; i + 1 < n; i++)
        if (a->chunk[i] == a->eol && a->chunk[i + 1] != '\r' &&
            a->chunk[i + 1] != '\n')
            return mid + i + 1;
    return 0;
}

/* Reads the rest of a big file (header read) in two halves at once and
 * returns 1 when that is done; returns 0 when the caller is to read on
 * alone, a having read either nothing more or up to where the second
 * half began. */
static int read_second_half(Reader *a, DataLoad *L)
{
    if (a->failed || a->eof || !L->have_header || L->threads == 1 ||
        a->size < CSVLOAD_PARALLEL_MIN || sysconf(_SC_NPROCESSORS_ONLN) < 2)
        return 0;
    size_t split = find_split(a);
    if (split <= a->total)
        return 0;
    Half *h = xcalloc(1, sizeof *h);
    reader_init(&h->r, a->path);
    h->r.from_memory = a->from_memory;
    h->r.mem = a->mem;
    h->r.mem_len = a->mem_len;
    h->r.fd = a->f ? fileno(a->f) : -1;
    h->r.start = split;
    h->r.size = a->size;
    h->r.sniffed = 1;
    h->r.delim = a->delim;
    h->r.eol = a->eol;
    memcpy(h->r.byte_class, a->byte_class, sizeof h->r.byte_class);
    error_clear(&h->err);
    h->r.err = &h->err;
    h->r.row = data_row;
    h->r.user = &h->load;
    /* The header's reading, shared read-only: its strings are interned
     * in L->ds, whose bytes never move. */
    h->load = *L;
    h->load.ds = dataset_create();
    h->load.file = dataset_intern(h->load.ds, a->path);
    h->load.empty = dataset_intern(h->load.ds, "");
    h->load.rows = h->load.missing = h->load.skipped = 0;
    memset(&h->load.companies, 0, sizeof h->load.companies);
    memset(&h->load.metrics, 0, sizeof h->load.metrics);
    memset(&h->load.month, 0, sizeof h->load.month);
    pthread_t thread;
    if (pthread_create(&thread, NULL, half_main, h) != 0) {
        dataset_destroy(h->load.ds);
        free(h);
        return 0;
    }
    reader_pump(a, split);
    pthread_join(thread, NULL);
    int ok = !a->failed && a->total == split && a->at_row_start &&
             !h->r.failed && h->load.skipped == 0 &&
             L->ds->n_obs + h->load.ds->n_obs <= DATASET_MAX_OBSERVATIONS &&
             split + h->r.total <= CSVLOAD_FILE_MAX &&
             dataset_append(L->ds, h->load.ds, a->cur_line - 1) == 0;
    if (ok) {
        L->rows += h->load.rows;
        L->missing += h->load.missing;
        a->total += h->r.total;
        a->cur_line += h->r.cur_line - 1;
        a->eof = 1;
    }
    dataset_destroy(h->load.ds);
    free(h);
    return ok;
}

/* Loads from r (path and source set) into ds. */
static int load_data(Dataset *ds, Reader *rp, const CsvOptions *opt,
                     int threads, Error *err)
{
    static const CsvOptions defaults;
    DataLoad load;
    memset(&load, 0, sizeof load);
    load.ds = ds;
    load.threads = threads;
    load.opt = opt ? opt : &defaults;
    Reader r = *rp;
    const char *path = r.path;
    r.err = err;
    r.row = data_row;
    r.user = &load;
    r.skip = load.opt->skip_rows > 0 ? load.opt->skip_rows : 0;
    DatasetMark mark;
    dataset_mark(ds, &mark);
    if (reader_begin(&r) != 0)
        goto fail;
    /* The header first (in the first chunk of nearly every file): the
     * second half of a big file is read knowing it. */
    while (!r.failed && !r.eof && !load.have_header)
        reader_pump(&r, r.total + CHUNK_SIZE);
    if (!read_second_half(&r, &load))
        reader_pump(&r, SIZE_MAX);
    if (reader_end(&r) != 0)
        goto fail;
    if (!load.have_header) {
        error_set(err, ERR_DATA, path, 0, 0,
                  "file is empty; the first line must be a header naming "
                  "date,company,metric,value");
        goto fail;
    }
    if (load.rows + load.missing == 0) {
        error_set(err, ERR_DATA, path, load.header_line, 0,
                  "file has a header but no data rows; add rows below the "
                  "header");
        goto fail;
    }
    grow_array((void **)&ds->files, &ds->cap_files, ds->n_files + 1,
               sizeof *ds->files);
    DataFile *df = &ds->files[ds->n_files++];
    df->path = dataset_intern(ds, path);
    df->format = format_names[load.format];
    df->delimiter = (char)r.delim;
    df->rows = load.rows;
    df->missing = load.missing;
    df->skipped = load.skipped;
    free(load.header);
    free(load.wide);
    return 0;
fail:
    free(load.header);
    free(load.wide);
    dataset_rollback(ds, &mark);
    return -1;
}

int csvload_file_with(Dataset *ds, const char *path, const CsvOptions *opt,
                      Error *err)
{
    Reader r;
    reader_init(&r, path);
    return load_data(ds, &r, opt, 0, err);
}

int csvload_buffer_threads(Dataset *ds, const char *name, const void *data,
                           size_t len, const CsvOptions *opt, int threads,
                           Error *err)
{
    Reader r;
    reader_init(&r, name);
    r.from_memory = 1;
    r.mem = data;
    r.mem_len = len;
    r.size = len;
    return load_data(ds, &r, opt, threads, err);
}

int csvload_buffer_with(Dataset *ds, const char *name, const void *data,
                        size_t len, const CsvOptions *opt, Error *err)
{
    return csvload_buffer_threads(ds, name, data, len, opt, 0, err);
}

int csvload_file(Dataset *ds, const char *path, Error *err)
{
    return csvload_file_with(ds, path, NULL, err);
}

/* ---- event files ---- */

enum { EV_DATE, EV_LABEL, EV_COMPANY, EV_SOURCE, N_EV_COLS };

static const Column event_cols[N_EV_COLS] = {
    {{"date", "\xE6\x97\xA5\xE6\x9C\x9F" /* 日期 */}},
    {{"label"}},
    {{"company", "\xE5\x85\xAC\xE5\x8F\xB8" /* 公司 */}},
    {{"source", "\xE4\xBE\x86\xE6\xBA\x90" /* 來源 */,
      "\xE6\x9D\xA5\xE6\xBA\x90" /* 来源 */}}};

typedef struct {
    EventList *list;
    int have_header;
    size_t n_header;
    long col[N_EV_COLS];
} EventLoad;

static int event_row(Reader *r, char **fields, size_t n, long line)
{
    EventLoad *L = r->user;
    if (!L->have_header) {
        L->have_header = 1;
        L->n_header = n;
        if (map_header(r, fields, n, line, event_cols, N_EV_COLS,
                       L->col) < 0)
            return -1;
        return require_columns(r, line, event_cols, 2, "date,label",
                               L->col);
    }
    if (check_field_count(r, n, L->n_header, line) != 0)
        return -1;
    long date;
    DatePrecision prec;
    if (read_date(r, fields[L->col[EV_DATE]], DATE_ORDER_NONE, line,
                  L->col[EV_DATE], &date, &prec) != 0)
        return -1;
    const char *label = fields[L->col[EV_LABEL]];
    if (!label[0]) {
        error_set(r->err, ERR_DATA, r->path, line, L->col[EV_LABEL] + 1,
                  "label is empty; every event needs a label");
        return -1;
    }
    if (check_label(r, label, "label", line, L->col[EV_LABEL]) ||
        check_label(r, optional_field(fields, L->col[EV_COMPANY]),
                    "company name", line, L->col[EV_COMPANY]))
        return -1;
    EventList *list = L->list;
    grow_array((void **)&list->items, &list->cap, list->n + 1,
               sizeof *list->items);
    Event *e = &list->items[list->n++];
    e->date = date;
    e->label = xstrdup(label);
    e->company = xstrdup(optional_field(fields, L->col[EV_COMPANY]));
    return 0;
}

/* Stops the reader at the header (by failing) after classifying it. */
static int sniff_events_row(Reader *r, char **fields, size_t n, long line)
{
    long col[N_COLS], ev[N_EV_COLS];
    int *is_events = r->user;
    *is_events = map_header(r, fields, n, line, event_cols, N_EV_COLS,
                            ev) >= 0 &&
                 ev[EV_DATE] >= 0 && ev[EV_LABEL] >= 0 &&
                 map_header(r, fields, n, line, data_cols, N_COLS, col) >= 0 &&
                 col[COL_VALUE] < 0;
    return -1;
}

int csvload_is_events_file(const char *path)
{
    Error ignored;
    error_clear(&ignored);
    int is_events = 0;
    Reader r;
    reader_init(&r, path);
    r.err = &ignored;
    r.row = sniff_events_row;
    r.user = &is_events;
    reader_run(&r);
    return is_events;
}

typedef struct {
    Event event;
    size_t order;
} OrderedEvent;

static int cmp_event(const void *pa, const void *pb)
{
    const OrderedEvent *a = pa, *b = pb;
    if (a->event.date != b->event.date)
        return a->event.date < b->event.date ? -1 : 1;
    return (a->order > b->order) - (a->order < b->order);
}

/* qsort is not stable: sort copies tagged with their position. */
static void sort_events(EventList *list)
{
    if (list->n < 2)
        return;
    OrderedEvent *tmp = xmalloc_array(list->n, sizeof *tmp);
    for (size_t i = 0; i < list->n; i++) {
        tmp[i].event = list->items[i];
        tmp[i].order = i;
    }
    qsort(tmp, list->n, sizeof *tmp, cmp_event);
    for (size_t i = 0; i < list->n; i++)
        list->items[i] = tmp[i].event;
    free(tmp);
}

static int load_events(EventList *list, Reader *rp, Error *err)
{
    EventLoad load;
    memset(&load, 0, sizeof load);
    load.list = list;
    Reader r = *rp;
    const char *path = r.path;
    r.err = err;
    r.row = event_row;
    r.user = &load;
    size_t n_before = list->n;
    if (reader_run(&r) != 0)
        goto fail;
    if (!load.have_header) {
        error_set(err, ERR_DATA, path, 0, 0,
                  "file is empty; the first line must be a header naming "
                  "date,label");
        goto fail;
    }
    sort_events(list);
    return 0;
fail:
    for (size_t i = n_before; i < list->n; i++) {
        free(list->items[i].label);
        free(list->items[i].company);
    }
    list->n = n_before;
    return -1;
}

int csvload_events(EventList *list, const char *path, Error *err)
{
    Reader r;
    reader_init(&r, path);
    return load_events(list, &r, err);
}

int csvload_events_buffer(EventList *list, const char *name, const void *data,
                          size_t len, Error *err)
{
    Reader r;
    reader_init(&r, name);
    r.from_memory = 1;
    r.mem = data;
    r.mem_len = len;
    return load_events(list, &r, err);
}

void eventlist_free(EventList *list)
{
    if (!list)
        return;
    for (size_t i = 0; i < list->n; i++) {
        free(list->items[i].label);
        free(list->items[i].company);
    }
    free(list->items);
    list->items = NULL;
    list->n = list->cap = 0;
}
