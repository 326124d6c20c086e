/* csvload.c - the record reader: libcsv fed line by line.
 *
 * The only module that includes libcsv. A Reader feeds the file to
 * libcsv and hands each complete record (trimmed fields, 1-based start
 * line) to a row function: csvload_data.c's for data files,
 * csvload_events.c's for event files (csvload_reader.h between them).
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
 * two processors: see read_second_half in csvload_data.c. The second half's rows are kept
 * only when they are exactly what one reader would have read, so nothing
 * a user sees depends on it. */
#include "csvload_reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* libcsv's struct csv_parser is public, and feed reads its entry_pos (the
 * length of the field being parsed) to bound a field still open: the API
 * has no call for it. Checked against the version this was written for. */
#include <csv.h>
#if CSV_MAJOR != 3
#error "csvload.c reads struct csv_parser's entry_pos, as in libcsv 3"
#endif

#if defined(__SSE2__) && defined(__GNUC__) && !defined(CSVLOAD_NO_SIMD)
#include <emmintrin.h>
#define SPLIT_SIMD 1
#endif

#include "fsutil.h"
#include "util.h"

/* What a byte is to feed_plain_line. */
enum { BYTE_TEXT, BYTE_DELIM, BYTE_LIBCSV };

void reader_init(Reader *r, const char *path)
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

/* Opens the file, refusing anything but a regular file and files past
 * CSVLOAD_FILE_MAX before reading a byte of them; notes the size. */
static FILE *reader_open(Reader *r)
{
    struct stat st;
    int fd = fsutil_open_read(r->path, 0, &st, r->err);
    if (fd < 0)
        return NULL;
    if (S_ISDIR(st.st_mode)) {
        error_set(r->err, ERR_IO, r->path, 0, 0,
                  "is a directory; give the CSV files in it");
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        /* A FIFO or device could block the run or never end. */
        error_set(r->err, ERR_IO, r->path, 0, 0,
                  "is %s, not a file; save the data to a file first",
                  fsutil_file_kind(st.st_mode));
        close(fd);
        return NULL;
    }
    if (st.st_size > CSVLOAD_FILE_MAX) {
        error_set(r->err, ERR_DATA, r->path, 0, 0,
                  "file is %lld bytes, more than the %d a data file may "
                  "have; split it or keep the rows the charts need",
                  (long long)st.st_size, CSVLOAD_FILE_MAX);
        close(fd);
        return NULL;
    }
    FILE *f = fdopen(fd, "rb");
    if (!f) {
        error_set(r->err, ERR_IO, r->path, 0, 0, "cannot open: %s",
                  strerror(errno));
        close(fd);
        return NULL;
    }
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
int reader_begin(Reader *r)
{
    if (!r->from_memory && r->fd < 0 && !(r->f = reader_open(r)))
        return -1;
    r->parser = xcalloc(1, sizeof *r->parser);
    if (csv_init(r->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) !=
        0) {
        free(r->parser);
        r->parser = NULL;
        if (r->f)
            fclose(r->f);
        r->f = NULL;
        error_set(r->err, ERR_IO, r->path, 0, 0,
                  "cannot start the CSV parser");
        return -1;
    }
    csv_set_realloc_func(r->parser, reader_realloc);
    csv_set_free_func(r->parser, free);
    csv_set_space_func(r->parser, is_pad);
    if (r->sniffed)
        csv_set_delim(r->parser, r->delim);
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
void reader_pump(Reader *r, size_t until)
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
            csv_set_delim(r->parser, r->delim);
            set_byte_classes(r);
            r->sniffed = 1;
        }
        feed(r, r->parser, chunk, pos, got);
    }
}

/* Finishes reading and frees what the reader holds. Returns 0, or -1
 * with r->err filled (ERR_IO when the file could not be read). */
int reader_end(Reader *r)
{
    if (!r->failed && ((r->f && ferror(r->f)) || r->read_error)) {
        error_set(r->err, ERR_IO, r->path, 0, 0, "cannot read: %s",
                  strerror(r->f && ferror(r->f) ? errno : r->read_error));
        r->failed = 1;
    }
    /* csv_fini hands over a last record that lacks its final newline;
     * with CSV_STRICT_FINI it fails on a quote still open at the end. */
    if (!r->failed && csv_fini(r->parser, on_field, on_record, r) != 0 &&
        !r->failed) {
        error_set(r->err, ERR_DATA, r->path, r->rec_line, (long)r->nf + 1,
                  "unterminated quoted field; close the quote with \"");
        r->failed = 1;
    }
    csv_free(r->parser);
    free(r->parser);
    r->parser = NULL;
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
int reader_run(Reader *r)
{
    if (reader_begin(r) != 0)
        return -1;
    reader_pump(r, SIZE_MAX);
    return reader_end(r);
}

/* Where the second half may start: after the first line end at or past
 * the middle, before a byte that is not a line end itself. 0: none in
 * the chunk read there. Uses a->chunk, which holds nothing between two
 * reader_pump calls. */
size_t reader_find_split(Reader *a)
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

/* h to read a's input from split on, with a's delimiter and line end:
 * the second half of a big file. */
void reader_init_half(Reader *h, const Reader *a, size_t split)
{
    reader_init(h, a->path);
    h->from_memory = a->from_memory;
    h->mem = a->mem;
    h->mem_len = a->mem_len;
    h->fd = a->f ? fileno(a->f) : -1;
    h->start = split;
    h->size = a->size;
    h->sniffed = 1;
    h->delim = a->delim;
    h->eol = a->eol;
    memcpy(h->byte_class, a->byte_class, sizeof h->byte_class);
}

/* ---- header mapping, shared by both file kinds ---- */

/* Maps known column names to field indexes (-1 when absent). Names are
 * trimmed already; matched case-insensitively. A column named twice is an
 * error: which one would be meant? Returns the number of fields mapped. */
long reader_map_header(Reader *r, char **fields, size_t n, long line,
                       const Column *cols, size_t n_cols, long *col)
{
    long mapped = 0;
    for (size_t k = 0; k < n_cols; k++)
        col[k] = -1;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < n_cols; k++) {
            int hit = 0;
            for (size_t a = 0; a < sizeof cols[k].names / sizeof cols[k].names[0] &&
                            cols[k].names[a] && !hit;
                 a++)
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

int reader_require_columns(Reader *r, long line, const Column *cols,
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
int reader_check_field_count(Reader *r, size_t n, size_t expected, long line)
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

int reader_read_date(Reader *r, const char *text, DateOrder order, long line,
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
int reader_check_label_len(Reader *r, size_t n, const char *what, long line,
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

int reader_check_label(Reader *r, const char *text, const char *what,
                       long line, long col)
{
    return reader_check_label_len(r, strlen(text), what, line, col);
}

const char *reader_optional_field(char **fields, long col)
{
    return col >= 0 ? fields[col] : "";
}
