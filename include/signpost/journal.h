/* signpost: journals — a quiz in progress saved to disk, so that it can be resumed.
 *
 * The front end saves the session after every change with sp_journal_save(), atomically, and
 * removes the journal once the result file is written. A journal records which quiz (the
 * manifest's path, id, version and the BLAKE2b-256 digests of the manifest, the directions
 * and every bank), the seed that drew the form, the language, the position and every answer.
 * Its last line is a BLAKE2b-256 checksum of everything before it, so that a truncated or
 * damaged journal is detected and refused rather than trusted. docs/sessions.md gives the
 * format line by line.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_JOURNAL_H
#define SIGNPOST_JOURNAL_H

#include "diag.h"
#include "load.h"
#include "session.h"

#define SP_JOURNAL_MAGIC "signpost-journal/1"

/* Most bytes of a journal; 100,000 answers fit in about 5 MiB. */
#define SP_LIMIT_JOURNAL_SIZE (16u * 1024 * 1024)

/* What a journal records besides the quiz and the session: everything the start of the quiz
 * asked for that shapes its result, so that a resumed quiz ends as the started one would. */
typedef struct sp_journal_info {
    const char *quiz_path; /* the manifest, as the front end will load it again */
    const char *lang;      /* the language of the quiz */
    const char *name;      /* the taker's name, or NULL */
    const char *out;       /* the result file asked for (absolute), or NULL for a default name */
    const char *key;       /* the secret key that signs the result (absolute path), or NULL; its
                            * passphrase is never recorded */
    bool adaptive;         /* an adaptive quiz (take --adaptive, or mode: adaptive) */
    int64_t started;       /* Unix time the quiz was started */
    int64_t updated;       /* Unix time of this save (set by sp_journal_save) */
} sp_journal_info;

/* Writes the journal of session s over quiz (the quiz the session's form was drawn from) into
 * a malloc'd NUL-terminated buffer (*buf, *len without the NUL). The paths (quiz, out, key)
 * may hold any bytes but must not be empty; the name must satisfy sp_result_name_valid() and
 * lang must be a language tag (SP_EINVAL otherwise). A pending jump of the session
 * (sp_session_jump_origin) is recorded too. Returns 0 or an SP_E* code. */
int sp_journal_format(const sp_quiz *quiz, const sp_session *s, const sp_journal_info *info,
                      char **buf, size_t *len) SP_NODISCARD;

/* Formats the journal with info->updated set to now and replaces the file at path with it
 * atomically, mode 0600. Returns 0, or SP_EIO (errno set), SP_EINVAL or SP_ENOMEM. */
int sp_journal_save(const char *path, const sp_quiz *quiz, const sp_session *s,
                    const sp_journal_info *info) SP_NODISCARD;

/* ---- Reading ----------------------------------------------------------------------------- */

typedef struct sp_journal sp_journal;

/* Parses a journal (name is used in diagnostics). The checksum is verified first: a journal
 * that is truncated, or whose bytes changed since it was written, gives one error about the
 * whole file and nothing else of it is read. Returns 0 and sets *out; SP_EINPUT with
 * diagnostics; SP_ELIMIT when larger than SP_LIMIT_JOURNAL_SIZE; SP_ENOMEM. */
int sp_journal_parse(const char *name, const char *buf, size_t len, sp_diags *diags,
                     sp_journal **out) SP_NODISCARD;

/* Like sp_journal_parse(), reading the file at path; SP_EIO (errno set) with a diagnostic when
 * it cannot be read. It never waits: anything but a regular file (a FIFO, a device, a folder, a
 * symbolic link) is refused that way before a byte is read. */
int sp_journal_load(const char *path, sp_diags *diags, sp_journal **out) SP_NODISCARD;

/* Frees the journal; NULL is a no-op. */
void sp_journal_free(sp_journal *j);

/* What the journal records; strings are owned by j. */
const sp_journal_info *sp_journal_get_info(const sp_journal *j);
const char *sp_journal_quiz_id(const sp_journal *j);
const char *sp_journal_quiz_version(const sp_journal *j);
uint64_t sp_journal_seed(const sp_journal *j);
size_t sp_journal_count(const sp_journal *j);    /* items of the form */
size_t sp_journal_position(const sp_journal *j); /* index of the item being asked */
size_t sp_journal_answered(const sp_journal *j); /* items answered */
size_t sp_journal_skipped(const sp_journal *j);  /* items skipped */

/* Checks that quiz is the quiz the journal was written for: the same manifest, directions and
 * banks, byte for byte (by digest). Returns 0; or SP_EINPUT with a sentence in why naming the
 * quiz, its version then and now, and the first file that differs. */
int sp_journal_check_quiz(const sp_journal *j, const sp_quiz *quiz, char *why,
                          size_t whysize) SP_NODISCARD;

/* Rebuilds the session the journal records: draws the form again from quiz and the recorded
 * seed, checks that it asks the recorded items in the recorded order, and restores every
 * answer, the position and a pending jump. Call sp_journal_check_quiz() first. Returns 0 and sets
 * *form and *session (the caller frees both, the session first); SP_EINPUT with a sentence in why
 * when the journal does not fit the form; SP_ENOMEM. */
int sp_journal_resume(const sp_journal *j, const sp_quiz *quiz, sp_form **form,
                      sp_session **session, char *why, size_t whysize) SP_NODISCARD;

/* ---- Where journals live ----------------------------------------------------------------- */

/* Writes the folder of journals into buf: $SIGNPOST_STATE_DIR when set, else
 * $XDG_STATE_HOME/signpost when XDG_STATE_HOME is an absolute path, else
 * $HOME/.local/state/signpost. With create, makes the folder and any
 * missing parent, each mode 0700. Returns 0; SP_ENOTFOUND when neither variable helps;
 * SP_ELIMIT when buf is too small; SP_EIO (errno set) when a folder cannot be made. */
int sp_journal_dir(char *buf, size_t size, bool create) SP_NODISCARD;

/* Writes a new journal path for a quiz started at time started into buf:
 * DIR/QUIZID-YYYYMMDD-HHMMSS-RANDOM.journal. Returns 0 or SP_ELIMIT. */
int sp_journal_new_path(const char *dir, const char *quiz_id, int64_t started, char *buf,
                        size_t size) SP_NODISCARD;

/* ---- One process per session ------------------------------------------------------------ */

/* A session is taken by one process at a time. The process holds an advisory lock, flock(2),
 * on a lock file beside the journal (DIR/.NAME.lock for DIR/NAME.journal) for as long as it
 * runs the session; a journal is replaced by rename at every save, so a lock on the journal
 * itself would not last. The kernel drops the lock when the process ends, however it ends: a
 * lock file left by a killed process locks nothing and is simply taken over. The lock file
 * says who holds it, for messages. */

/* Who holds a session. */
typedef struct sp_journal_holder {
    int64_t pid;    /* process id, 0 when not known */
    char host[256]; /* host name (letters, digits, '.', '-', '_'), "" when not known */
    int64_t since;  /* Unix time the lock was taken, 0 when not known */
} sp_journal_holder;

typedef struct sp_journal_lock sp_journal_lock;

/* Writes the path of the lock file of the journal at journal into buf. Returns 0 or
 * SP_ELIMIT. */
int sp_journal_lock_path(const char *journal, char *buf, size_t size) SP_NODISCARD;

/* Takes the lock of the session whose journal is at journal (which need not exist yet), never
 * waiting for it, and writes this process's id, host and the time into the lock file. Returns
 * 0 and sets *out (release it with sp_journal_release); SP_EBUSY when another process holds
 * the session, with *holder filled in as far as the lock file tells; SP_EINPUT when something
 * that is not a regular file (a FIFO, a symbolic link) is at the lock file's path; SP_EIO
 * (errno set) when the lock file cannot be made or locked; SP_ELIMIT; SP_ENOMEM. */
int sp_journal_acquire(const char *journal, sp_journal_lock **out,
                       sp_journal_holder *holder) SP_NODISCARD;

/* Releases the lock. With remove, the lock file is removed first, while still held, so that
 * no other process can lock the removed file. NULL is a no-op. */
void sp_journal_release(sp_journal_lock *lock, bool remove);

/* True when another process holds the session of the journal at journal; *holder is filled in
 * then. A lock file that is missing, stale or not a regular file holds nothing. The test
 * takes a shared lock for an instant, so it can make a concurrent sp_journal_acquire() retry. */
bool sp_journal_in_use(const char *journal, sp_journal_holder *holder);

/* ---- Listing ----------------------------------------------------------------------------- */

/* One journal found in a folder. */
typedef struct sp_journal_entry {
    char *path;
    sp_journal *journal;
    bool in_use;              /* another process holds the session (sp_journal_in_use) */
    sp_journal_holder holder; /* who, when in_use */
} sp_journal_entry;

/* Reads every *.journal file in dir into a malloc'd array (*out, *n), the most recently saved
 * first, each marked when it is in use. A journal that cannot be read, is not a regular file
 * or is damaged is left out, with its diagnostics added to diags; nothing in the folder is
 * waited for. A missing folder gives no entries. Returns 0, SP_EIO (errno set) when the folder
 * cannot be read, or SP_ENOMEM. Free the array with sp_journal_entries_free(). */
int sp_journal_list(const char *dir, sp_diags *diags, sp_journal_entry **out,
                    size_t *n) SP_NODISCARD;
void sp_journal_entries_free(sp_journal_entry *e, size_t n);

#endif
