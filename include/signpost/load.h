/* signpost: loading and checking directions, banks and quiz manifests.
 *
 * Loaders read a whole file (bounded by SP_LIMIT_FILE_SIZE), parse it with libyaml, validate
 * every field and report every problem they find as a diagnostic, not only the first. A load
 * that found errors returns SP_EINPUT and no object.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_LOAD_H
#define SIGNPOST_LOAD_H

#include "diag.h"
#include "model.h"

/* Limits on input files (formats.md, "Limits"). */
#define SP_LIMIT_FILE_SIZE (64u * 1024 * 1024)
#define SP_LIMIT_DEPTH     16
#define SP_LIMIT_SCALAR    (16u * 1024)
#define SP_LIMIT_QUESTIONS 200000
#define SP_LIMIT_BANKS     64
#define SP_LIMIT_LANGUAGES 8
#define SP_LIMIT_ENTRIES   1000

/* ---- Single documents -------------------------------------------------------------------- */

typedef enum sp_doc_kind {
    SP_DOC_DIRECTIONS,
    SP_DOC_BANK,
    SP_DOC_QUIZ,
} sp_doc_kind;

/* One loaded file of any of the three author formats. */
typedef struct sp_document sp_document;

/* Parses buf (len bytes, not necessarily NUL-terminated; the caller keeps ownership) as a
 * signpost file named name in diagnostics. The kind comes from the file's format tag. When dirs
 * is not NULL, direction ids in a bank are checked against it. Returns 0 and sets *out when the
 * file has no errors; SP_EINPUT when it has (see diags; *out is NULL); SP_ELIMIT when len is
 * over SP_LIMIT_FILE_SIZE; SP_ENOMEM. */
int sp_document_parse(const char *name, const char *buf, size_t len, const sp_directions *dirs,
                      sp_diags *diags, sp_document **out) SP_NODISCARD;

/* Like sp_document_parse(), reading the file at path: a regular file or a pipe (`check
 * /dev/stdin`, `<(...)`, read until its writers close it; a FIFO that nothing writes to reads as
 * empty, at once). An unreadable file, a folder, a socket or a device gives a diagnostic and
 * SP_EIO; opening never blocks. */
int sp_document_load(const char *path, const sp_directions *dirs, sp_diags *diags,
                     sp_document **out) SP_NODISCARD;

void sp_document_free(sp_document *doc);
sp_doc_kind sp_document_kind(const sp_document *doc);

/* The document's content, or NULL when it is of another kind. Owned by doc. */
const sp_directions *sp_document_directions(const sp_document *doc);
const sp_bank *sp_document_bank(const sp_document *doc);
const sp_manifest *sp_document_manifest(const sp_document *doc);

/* ---- Quizzes ----------------------------------------------------------------------------- */

/* A manifest with its directions and banks, loaded and checked together. */
typedef struct sp_quiz sp_quiz;

/* Loads the manifest at path and every file it names, and runs the quiz-level checks
 * (formats.md, "What check verifies beyond each file"). Returns 0 and sets *out when there
 * are no errors (warnings may have been added to diags); SP_EINPUT when there are; SP_EIO
 * when a file cannot be read (also a diagnostic); SP_ENOMEM. */
int sp_quiz_load(const char *path, sp_diags *diags, sp_quiz **out) SP_NODISCARD;

/* Like sp_quiz_load, for a caller that only replays results against the quiz (draws its forms,
 * scores answers, compares identifiers) and never shows a text of it: a quiz read from the cache
 * then comes without its texts (every sp_text and sp_text_list empty; sp_quiz_has_texts says
 * false), which makes a warm load several times cheaper. Loaded from its files (no cache, or a
 * miss), it has them. */
int sp_quiz_load_replay(const char *path, sp_diags *diags, sp_quiz **out) SP_NODISCARD;

/* False for a quiz that sp_quiz_load_replay read without its texts. */
bool sp_quiz_has_texts(const sp_quiz *quiz);

/* One file a manifest names, handed to the loader by a resolver (sp_quiz_resolver). */
typedef struct sp_quiz_file {
    char *name; /* malloc'd: the path the bytes were read from, for diagnostics and the model */
    char *data; /* malloc'd: the file's bytes, len of them */
    size_t len;
} sp_quiz_file;

/* The index a resolver is asked for when the loader wants the directions file. */
#define SP_QUIZ_DIRECTIONS_FILE (-1)

/* Supplies a file that the manifest m names: its directions file when index is
 * SP_QUIZ_DIRECTIONS_FILE, else its bank m->banks[index] (the file the manifest gives is
 * m->directions_file or m->banks[index].file). Returns 0 and fills *out, whose strings the loader
 * then owns and frees; or a negative SP_E* code, having said why in diags (the quiz then does not
 * load; SP_ENOMEM ends the load at once). Called once per file, the directions file first. */
typedef int (*sp_quiz_resolver)(void *arg, const sp_manifest *m, int index, sp_diags *diags,
                                sp_quiz_file *out);

/* Like sp_quiz_load, for a manifest given as bytes whose named files come from a resolver
 * instead of from beside the manifest: buf (len bytes; the caller keeps it) is parsed as the
 * manifest, named name (its path in diagnostics and in sp_manifest.path); its digest is that of
 * these bytes. Each file it names is asked of resolver(arg, ...) and parsed from the bytes given,
 * so that the digest of every file of the quiz is that of the bytes loaded. Returns 0 and sets
 * *out; SP_EINPUT, SP_ELIMIT or SP_ENOMEM as sp_quiz_load; or the resolver's code. */
int sp_quiz_parse_with(const char *name, const char *buf, size_t len, sp_quiz_resolver resolver,
                       void *arg, sp_diags *diags, sp_quiz **out) SP_NODISCARD;

/* Sets the folder of the compiled quiz cache that sp_quiz_load uses (docs/formats.md, "The quiz
 * cache"), or turns the cache off with NULL, as it is until this is called. dir is copied; it
 * need not exist (it is created, with its parent, when a quiz is first stored). A quiz read from
 * the cache is the one its files would give: the cache is keyed by the digest of every file of
 * the quiz, and a cache file that is damaged, foreign or not the user's own is ignored and
 * rewritten. Only quizzes that load without any diagnostic are stored, so diagnostics never
 * depend on the cache. Not thread-safe: call it before loading. Returns 0 or SP_ENOMEM. */
int sp_quiz_cache_dir(const char *dir) SP_NODISCARD;

/* With defer true, a quiz that sp_quiz_load parsed from its files is stored in the cache later:
 * at sp_quiz_cache_flush, or when it is freed, whichever comes first (and before another deferred
 * quiz is stored). `take` flushes while the taker reads the first question, so that filling the
 * cache never delays it. Not thread-safe, like sp_quiz_cache_dir. */
void sp_quiz_cache_defer(bool defer);

/* Stores the quiz whose store was deferred, if any and still loaded. Best effort, silent. */
void sp_quiz_cache_flush(void);

void sp_quiz_free(sp_quiz *quiz);

const sp_manifest *sp_quiz_manifest(const sp_quiz *quiz);
const sp_directions *sp_quiz_directions(const sp_quiz *quiz);
size_t sp_quiz_bank_count(const sp_quiz *quiz);
const sp_bank *sp_quiz_bank(const sp_quiz *quiz, size_t i);

/* Finds a question by id in any bank of the quiz; NULL when there is none. */
const sp_question *sp_quiz_question(const sp_quiz *quiz, const char *id);

/* ---- Checking ---------------------------------------------------------------------------- */

/* What a check looks at: the file format always; SP_CHECK_ITEMS adds the item-writing rules of
 * lint.h (what `signpost check` does unless --format-only). */
enum { SP_CHECK_FORMAT = 0, SP_CHECK_ITEMS = 1 };

/* Checks files on their own, as `signpost check FILE...` does: each is loaded; when one of
 * them is a directions file, the banks among them are checked against it; with SP_CHECK_ITEMS
 * each bank is linted too. Every file is checked even when one cannot be read. Returns 0 (look
 * at the diagnostics for the verdict), SP_EIO when some file could not be read (its diagnostic
 * says why), or SP_ENOMEM. */
int sp_check_files(const char *const *paths, size_t n, unsigned what, sp_diags *diags) SP_NODISCARD;

/* Checks a quiz as `signpost check --quiz` does: loads it (sp_quiz_load), then, when it loaded
 * and what has SP_CHECK_ITEMS, applies the item-writing rules of lint.h to its banks (explanations
 * that name a letter count only when the quiz shuffles options) and looks for near-duplicate
 * questions across them. Returns what sp_quiz_load returns, or SP_ENOMEM. */
int sp_check_quiz(const char *path, unsigned what, sp_diags *diags) SP_NODISCARD;

#endif
