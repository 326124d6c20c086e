/* csvload_reader.h - the record reader behind csvload's data and event
 * files, and the header mapping both share. Private to csvload*.c; only
 * csvload.c includes libcsv, so the parser is held by pointer. */
#ifndef AIGROWTH_CSVLOAD_READER_H
#define AIGROWTH_CSVLOAD_READER_H

#include <stddef.h>
#include <stdio.h>

#include "csvload.h"

struct csv_parser;

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
    struct csv_parser *parser; /* owned, between begin and end */
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

/* A reader of path with nothing read yet. */
void reader_init(Reader *r, const char *path);
/* h to read a's input from split on: the second half of a big file. */
void reader_init_half(Reader *h, const Reader *a, size_t split);
/* Opens the input and makes the parser ready. Returns 0, or -1 with
 * r->err filled. */
int reader_begin(Reader *r);
/* Reads and parses until `until` bytes are read, the input ends (r->eof)
 * or something fails (r->failed). */
void reader_pump(Reader *r, size_t until);
/* Finishes reading and frees what the reader holds. Returns 0, or -1 with
 * r->err filled. */
int reader_end(Reader *r);
/* reader_begin, reader_pump to the end, reader_end. */
int reader_run(Reader *r);
/* Where a second half may start: after the first line end at or past the
 * middle. 0: none in the chunk read there. */
size_t reader_find_split(Reader *a);

/* Names one column may go by, the first being its canonical name. */
typedef struct {
    const char *names[8];
} Column;

/* Maps known column names to field indexes (-1 when absent), refusing a
 * column named twice. Returns the number of fields mapped, or -1. */
long reader_map_header(Reader *r, char **fields, size_t n, long line,
                       const Column *cols, size_t n_cols, long *col);
/* Refuses a header lacking one of the first n_required columns. */
int reader_require_columns(Reader *r, long line, const Column *cols,
                           size_t n_required, const char *required_list,
                           const long *col);
/* Refuses a row whose field count differs from the header's. */
int reader_check_field_count(Reader *r, size_t n, size_t expected, long line);
/* Reads a date at line, column col (0-based), or refuses it. */
int reader_read_date(Reader *r, const char *text, DateOrder order, long line,
                     long col, long *days, DatePrecision *prec);
/* Refuses a label (name, unit) longer than CSVLOAD_LABEL_MAX. */
int reader_check_label_len(Reader *r, size_t n, const char *what, long line,
                           long col);
int reader_check_label(Reader *r, const char *text, const char *what,
                       long line, long col);
/* fields[col], or "" when col < 0. */
const char *reader_optional_field(char **fields, long col);

/* 1 when a data file's header names a value column, 0 when not, -1 when
 * it names a column twice (csvload_data.c): tells event files apart. */
int data_header_names_value(Reader *r, char **fields, size_t n, long line);

#endif
