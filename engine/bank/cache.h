/* Internal: the compiled quiz cache (docs/formats.md, "The quiz cache").
 *
 * A quiz that loaded from its files without a single diagnostic is stored in a compact binary
 * form, in a file named by the digest of its manifest's bytes; the file records the digest of
 * every file of the quiz, and a later load uses it only when the manifest and every file it names
 * still have those digests. A cache file is never trusted: its magic, format, layout
 * fingerprint, whole-payload checksum, every count, length and index, every enumeration and every
 * string are checked as it is read, and anything amiss makes it a miss (the quiz is then parsed
 * and the file rewritten). Nothing in it depends on the locale: only the model is stored, never a
 * message. */
#ifndef SP_CACHE_H
#define SP_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"
#include "signpost/load.h"

/* The version of the cache file format and of the model it holds. Bump it whenever the meaning
 * of a field changes without its size changing (the layout fingerprint catches the rest).
 * 2: the payload's checksum is a 64-bit word checksum instead of BLAKE2b-256.
 * 3: every string ends with a NUL, so that a decoded quiz points into the file's bytes.
 * 4: the header's fourth word says the kind of file (qcache_kind), which was a zero word. */
#define QCACHE_FORMAT 4

/* The two kinds of cache file of one quiz. A replay needs no text of the quiz (verify reads
 * identifiers, weights and keys, never a question's wording), and the texts are most of the
 * bytes: a file for replay leaves every one of them out, so that a `verify` process reads,
 * checks and decodes a fraction of the full file. */
typedef enum qcache_kind {
    QCACHE_FULL = 0,   /* quiz-HEX.bin: the whole model */
    QCACHE_REPLAY = 1, /* quiz-HEX.replay.bin: every text empty (sp_quiz.no_texts) */
} qcache_kind;

/* The size of a cache file's header, before the payload. */
#define QCACHE_HEADER 88

/* Largest cache file read. */
#define QCACHE_LIMIT (512u * 1024 * 1024)

/* Loads the quiz whose manifest is at path from the cache folder dir. Returns 0 and sets *out
 * when the cache holds it and every file of the quiz still has the digest recorded;
 * SP_ENOTFOUND for any miss (no file, a damaged or foreign one, a changed quiz file, a file
 * that is not a regular file); SP_ENOMEM. Says nothing: a miss is not a problem. */
int qcache_load(const char *dir, const char *path, qcache_kind kind, sp_quiz **out);

/* Stores quiz in dir (created, mode 0700, when missing) as both kinds of file, each file of the
 * quiz hashed once more to record what it was when hashed (cache.c: "What a file was when it was
 * hashed"); a quiz without its texts is not stored.
 * Best effort: a folder that cannot be written is no error, and nothing is said. The file is
 * written to a temporary name and renamed, so a reader sees the old file or the whole new one. */
void qcache_store(const char *dir, const sp_quiz *quiz);

/* The compiled form of quiz as a file of that kind, header included, appended to out (check
 * out->failed). */
void qcache_encode(const sp_quiz *quiz, qcache_kind kind, sp_buf *out);

/* Decodes a compiled quiz from the len bytes at buf (the caller keeps them: the quiz holds a copy,
 * which its strings point into), checking everything listed above. The documents' paths are left
 * NULL: qcache_load sets them once the files are checked. Returns 0 and sets *out, SP_EINPUT for
 * bytes that are not a valid cache file, or SP_ENOMEM. */
int qcache_decode(const unsigned char *buf, size_t len, sp_quiz **out);

/* How many files of the quiz in the cache file of len bytes at buf (the manifest aside) carry a
 * record of what stat said of them when hashed, which lets a load skip hashing them; -1 when the
 * bytes are not a valid cache file. For the tests. */
int qcache_memos_valid(const unsigned char *buf, size_t len);

/* Frees the bytes of a cache file that a decoded quiz kept (sp_quiz_free calls it); len is their
 * size. NULL is a no-op. */
void qcache_release(void *store, size_t len);

/* Writes a header for a payload of that many bytes, its checksum zero (see qcache_seal). */
void qcache_header(unsigned char head[QCACHE_HEADER], qcache_kind kind, uint64_t payload);

/* Fills a header's checksum for the payload after it (for the fuzz target, so that it reaches
 * the decoder's checks beyond the checksum). len is the whole file's; nothing happens when it
 * is shorter than a header. */
void qcache_seal(unsigned char *buf, size_t len);

#endif
