/* Internal: small helpers shared by the library's modules. */
#ifndef SP_UTIL_H
#define SP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "signpost/core.h"

/* Messages of the library are translated when NLS is on. The library only looks strings up;
 * binding the text domain is the program's business. */
#ifndef _ /* the program's cli.h has its own, which it includes before this header */
#ifdef SIGNPOST_NLS
#include <libintl.h>
#define _(s) dgettext("signpost", s)
#else
#define _(s) (s)
#endif
#endif
#ifndef N_
#define N_(s) (s)
#endif
#ifndef P_ /* a message whose wording follows a count: P_("%d line", "%d lines", n) */
#ifdef SIGNPOST_NLS
#define P_(one, many, n) dngettext("signpost", one, many, (unsigned long)(n))
#else
#define P_(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#endif

#define SP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- A growable byte buffer, always NUL-terminated once anything was appended ----------- */

typedef struct sp_buf {
    char *data;
    size_t len;
    size_t cap;
    bool failed; /* an allocation failed; later appends do nothing */
} sp_buf;

void sp_buf_append(sp_buf *b, const char *s, size_t n);
void sp_buf_puts(sp_buf *b, const char *s);
void sp_buf_putc(sp_buf *b, char c);
void sp_buf_printf(sp_buf *b, const char *fmt, ...) SP_PRINTF(2, 3);
void sp_buf_vprintf(sp_buf *b, const char *fmt, va_list ap) SP_PRINTF(2, 0);
/* Returns the string (never NULL: "" when empty) unless an allocation failed. */
const char *sp_buf_str(const sp_buf *b);
void sp_buf_free(sp_buf *b);

/* ---- A growable array of fixed-size elements ---------------------------------------------- */

typedef struct sp_vec {
    void *data;
    size_t len;
    size_t cap;
} sp_vec;

/* Appends one zeroed element of size bytes and returns it, or NULL when out of memory. */
void *sp_vec_push(sp_vec *v, size_t size);
/* Shrinks the allocation to the length; harmless when it fails. */
void sp_vec_shrink(sp_vec *v, size_t size);
void sp_vec_free(sp_vec *v);

/* ---- UTF-8 -------------------------------------------------------------------------------- */

/* Decodes one code point from s (n bytes available). Returns its length in bytes and stores
 * the code point in *cp, or returns 0 for an invalid or truncated sequence (overlong forms and
 * surrogates are invalid). */
size_t sp_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* The byte offset of the first invalid UTF-8 sequence in s, or n when s is valid. */
size_t sp_utf8_invalid_at(const char *s, size_t n);

/* One classification of code points decides what every text signpost reads may hold, what a
 * taker's name may hold, and what is never shown raw on a terminal (docs/formats.md,
 * "Characters"). */
typedef enum sp_cp_class {
    SP_CP_TEXT,      /* shows as itself */
    SP_CP_SPACE,     /* white space that shows as a gap: U+0020, U+00A0, U+1680, U+2000-U+200A,
                      * U+202F, U+205F, U+3000 */
    SP_CP_LAYOUT,    /* tab and line feed */
    SP_CP_CONTROL,   /* other C0 controls, DEL, C1 controls (U+0080-U+009F) */
    SP_CP_BIDI,      /* bidirectional controls: embeddings and overrides (U+202A-U+202E), isolates
                      * (U+2066-U+2069) and the marks LRM, RLM and ALM (U+200E, U+200F, U+061C) */
    SP_CP_INVISIBLE, /* shows nothing and is part of no writing: zero width space (U+200B), word
                      * joiner and invisible operators (U+2060-U+2064), deprecated format
                      * characters (U+206A-U+206F), byte-order mark (U+FEFF), interlinear
                      * annotation (U+FFF9-U+FFFB), tags (U+E0000-U+E007F), Mongolian vowel
                      * separator (U+180E), line and paragraph separators (U+2028, U+2029),
                      * shorthand and musical format controls, noncharacters */
    SP_CP_SHAPING,   /* shows nothing alone but shapes its neighbours: zero width non-joiner and
                      * joiner (U+200C, U+200D), soft hyphen (U+00AD), combining grapheme joiner
                      * (U+034F), variation selectors, Hangul fillers. Emoji, several scripts and
                      * CJK variants need them in texts; a name holds none */
} sp_cp_class;

/* The class of one code point. */
sp_cp_class sp_cp_classify(uint32_t cp);

/* True for code points that no text signpost reads may hold and that never reach a terminal
 * raw: controls, bidirectional controls and invisible characters (SP_CP_CONTROL, SP_CP_BIDI,
 * SP_CP_INVISIBLE), and tab and line feed unless allow_layout. */
bool sp_is_hostile_codepoint(uint32_t cp, bool allow_layout);

/* "a control character", "a bidirectional control character", "an invisible character",
 * "an invisible formatting character", "white space" or "a character": the class of cp as a
 * phrase for messages, translated. */
const char *sp_cp_class_phrase(uint32_t cp);

/* ---- Times -------------------------------------------------------------------------------- */

/* Results record times as YYYY-MM-DDTHH:MM:SSZ in UTC, from 1970-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z. */
#define SP_TIME_MIN       INT64_C(0)
#define SP_TIME_MAX       INT64_C(253402300799)
#define SP_TIME_TEXT_SIZE 21 /* "2026-11-23T18:04:05Z" and its NUL */

/* What sp_time_parse found. */
typedef enum sp_time_problem {
    SP_TIME_OK,
    SP_TIME_SHAPE,      /* not of the form YYYY-MM-DDTHH:MM:SSZ */
    SP_TIME_IMPOSSIBLE, /* of that form, but no such time, or outside the range */
} sp_time_problem;

/* Parses s (n bytes) as a time of that form and range, with real calendar days (no February
 * 30th), hours 00-23 and minutes and seconds 00-59 (no leap second). On SP_TIME_OK stores the
 * Unix time in *out. Otherwise *at is the byte offset of the first wrong character (shape) or
 * field (impossible), and why (whysize bytes) gets a translated sentence saying what is wrong
 * and what was expected. */
sp_time_problem sp_time_parse(const char *s, size_t n, int64_t *out, size_t *at, char *why,
                              size_t whysize);

/* Writes t (clamped to SP_TIME_MIN..SP_TIME_MAX) in that form into out. */
void sp_time_format(int64_t t, char out[SP_TIME_TEXT_SIZE]);

/* ---- Files -------------------------------------------------------------------------------- */

/* Reads a whole file into a NUL-terminated malloc'd buffer. Returns 0, SP_EIO (errno set),
 * SP_ELIMIT when the file is larger than max bytes, or SP_ENOMEM. */
int sp_read_file(const char *path, size_t max, char **buf, size_t *len) SP_NODISCARD;

/* ---- Strings ------------------------------------------------------------------------------ */

/* The Levenshtein distance between a and b, or a value over limit when it exceeds limit. */
size_t sp_edit_distance(const char *a, const char *b, size_t limit);

/* 64-bit FNV-1a of n bytes, continuing from h (start with SP_FNV_OFFSET). */
#define SP_FNV_OFFSET UINT64_C(14695981039346656037)
uint64_t sp_fnv1a(uint64_t h, const void *data, size_t n);

/* True when printf's "%.6f" prints a and b the same (as results record scores): the same sign,
 * -0.000000 and 0.000000 being different, and the same millionths after glibc's rounding (half
 * to even on the exact binary value). Decided by integers, printing only when a value lies too
 * near a rounding boundary, or is too large or not finite. */
bool sp_same_6dp(double a, double b);

/* BLAKE2b-256 of data, written to out (32 bytes). */
void sp_digest(const void *data, size_t n, unsigned char out[32]);

/* Writes the lowercase hex of n bytes into out (2n + 1 bytes). */
void sp_hex(const unsigned char *bytes, size_t n, char *out);

#endif
