/* Internal: a bounded, position-keeping reader over libyaml's event API.
 *
 * The reader turns events into small trees of ynode, one value at a time, so that a caller can
 * stream a long sequence (the questions of a bank, the answers of a result) item by item and
 * keep memory proportional to one item. It enforces the rules common to every signpost file:
 * one document whose root is a mapping; no anchors, aliases or tags; bounded depth, scalar
 * length and collection size; no control or bidirectional-override characters in scalars.
 * Every problem becomes a diagnostic with a 1-based position; libyaml's 0-based marks are
 * converted here and nowhere else. */
#ifndef SP_YREAD_H
#define SP_YREAD_H

#include <sodium.h>
#include <yaml.h>

#include "base/arena.h"
#include "signpost/diag.h"
#include "base/util.h"

typedef enum yn_type {
    YN_SCALAR,
    YN_SEQ,
    YN_MAP,
} yn_type;

typedef struct ynode ynode;
struct ynode {
    uint8_t type; /* yn_type */
    bool plain;   /* a scalar written without quotes (only those can be numbers or booleans) */
    bool bad;     /* replaced after an error already reported: callers stay quiet about it */
    uint32_t n;   /* scalar: length in bytes; sequence: items; mapping: pairs */
    sp_pos pos;
    union {
        const char *str; /* scalar, NUL-terminated */
        ynode *kids;     /* sequence: n items; mapping: 2n nodes, key then value */
    } u;
};

/* The i-th key and value of a mapping node. */
#define YN_KEY(m, i) (&(m)->u.kids[2 * (i)])
#define YN_VAL(m, i) (&(m)->u.kids[2 * (i) + 1])

typedef struct yreader {
    yaml_parser_t parser;
    yaml_event_t event;
    bool have_event; /* event holds a peeked, unconsumed event */
    bool fatal;      /* parsing cannot go on (syntax error, depth, memory) */
    bool oom;
    const char *file;
    const char *buf; /* the input in memory, or NULL when reading from fd */
    size_t len;
    int fd;                        /* the input file when buf is NULL */
    size_t consumed;               /* bytes read from fd so far */
    bool too_big;                  /* fd held more than SP_LIMIT_FILE_SIZE bytes */
    bool bom;                      /* the input starts with a UTF-8 byte-order mark */
    int read_errno;                /* a read from fd failed with this */
    crypto_generichash_state hash; /* BLAKE2b-256 of the bytes read from fd */
    sp_diags *diags;
    uint32_t line_offset; /* lines before the YAML text (a result's tag line) */
    int depth;
    sp_vec scratch; /* ynode: children of the collections being built */
    /* Where each line starts, counted the way editors count (LF, CR LF or CR end a line;
     * U+2028 and U+0085, which libyaml also counts, do not): positions come from this table,
     * not from libyaml's line numbers. Built as the input is read. */
    sp_vec lines;        /* yline */
    uint32_t scan_chars; /* characters scanned so far, as libyaml's mark.index counts them */
    uint32_t scan_bytes; /* bytes scanned so far */
    bool scan_cr;        /* the last byte scanned was a CR */
    size_t last_line;    /* the line found last: positions are mostly asked in order */
    /* The last scalar read, when it was quoted and spanned lines: a syntax error just after
     * it most likely comes from its missing closing quote. */
    bool quoted_multiline;
    yaml_mark_t quoted_start, quoted_end;
} yreader;

/* The start of a line: its character index (as libyaml counts) and byte offset. */
typedef struct yline {
    uint32_t chars;
    uint32_t bytes;
} yline;

/* Starts reading buf (len bytes, kept by the caller until yr_fini). Returns 0 or SP_ENOMEM. */
int yr_init(yreader *r, const char *file, const char *buf, size_t len, sp_diags *diags);

/* Starts reading the open file fd (kept open by the caller until yr_fini) in chunks, so that
 * the whole file is never in memory at once; at most SP_LIMIT_FILE_SIZE bytes are read. */
int yr_init_fd(yreader *r, const char *file, int fd, sp_diags *diags);
void yr_fini(yreader *r);

/* The BLAKE2b-256 digest of the whole input; valid after yr_end() succeeded. */
void yr_digest(yreader *r, unsigned char out[32]);

/* Reports an error (or warning) at pos in the reader's file. */
void yr_error(yreader *r, sp_pos pos, const char *fmt, ...) SP_PRINTF(3, 4);
void yr_warning(yreader *r, sp_pos pos, const char *fmt, ...) SP_PRINTF(3, 4);

/* Reads up to the start of the root mapping. False when the file is empty, is not a
 * mapping, or cannot be parsed (all reported). */
bool yr_begin(yreader *r, sp_pos *root);

/* Reads the next key of the mapping being read: 1 and *key set, 0 at the end of the
 * mapping, -1 when reading cannot go on. A key that is not a scalar is reported and skipped
 * with its value. */
int yr_key(yreader *r, sp_arena *a, ynode *key);

/* Reads the next value, whole, into nodes allocated from a. NULL when reading cannot go on. */
ynode *yr_value(yreader *r, sp_arena *a);

/* Skips the next value. False when reading cannot go on. */
bool yr_skip(yreader *r);

/* If the next value is a sequence (or mapping), consumes its start and returns true, with its
 * position in *pos; otherwise consumes nothing and returns false. */
bool yr_seq_begin(yreader *r, sp_pos *pos);
bool yr_map_begin(yreader *r, sp_pos *pos);

/* Reads the next item of a sequence begun with yr_seq_begin: 1 and *item set, 0 at its end,
 * -1 when reading cannot go on. */
int yr_seq_item(yreader *r, sp_arena *a, ynode **item);

/* Reads ahead to the next event without consuming it, so that a syntax error just after a
 * streamed item is found before the item is judged (an item cut short by broken YAML would
 * otherwise draw misleading complaints about missing fields). False when reading cannot go
 * on. */
bool yr_peek(yreader *r);

/* After the root mapping's end: checks that the stream ends there (one document only). */
bool yr_end(yreader *r);

/* ---- Reading scalars ----------------------------------------------------------------------- */

/* True for a plain empty scalar, `~` or `null`: YAML's spellings of nothing. */
bool yn_is_null(const ynode *n);

/* "a mapping", "a list", "an empty value", "the text 'xyz'" or "the number 3": how a node
 * reads in a message. Written into buf (size bytes); returns buf. */
const char *yn_describe(const ynode *n, char *buf, size_t size);

#endif
