/* The parts of `signpost take` shared by batch mode and the interactive front end. */
#ifndef SP_CLI_TAKE_H
#define SP_CLI_TAKE_H

#include "signpost/journal.h"
#include "signpost/result.h"

typedef struct take_opts {
    const char *quiz;         /* --quiz, or NULL for the default quiz */
    const char *answers;      /* --answers: batch mode */
    const char *lang;         /* --lang, or NULL for the locale's */
    const char *out;          /* --out, or NULL */
    const char *key;          /* --key: sign the result with this secret key */
    bool no_key;              /* --no-key: do not sign, even a quiz resumed that was to be */
    bool force;               /* --force: --out may replace an existing file (never a key) */
    bool sessions;            /* --sessions: list the unfinished quizzes */
    const char *discard;      /* --discard N|FILE: remove an unfinished quiz */
    bool yes;                 /* --yes: --discard without asking */
    const char *passfile;     /* --passphrase-file: the key's passphrase, or NULL */
    struct sp_seckey *seckey; /* the key opened before the quiz (take_open_key), or NULL */
    const char *name;         /* --name: the taker's name to record */
    uint64_t seed;
    bool has_seed;
    bool json;
    bool resume;
    bool adaptive; /* --adaptive: ask adaptively, even a quiz whose manifest is fixed */
    sp_missing missing;
} take_opts;

/* Loads the quiz at path (the default quiz when NULL), printing its problems. Returns NULL and
 * sets *status to an exit code when it cannot be loaded. */
sp_quiz *take_load_quiz(const char *path, int *status);

/* Opens the secret key o->key into o->seckey (asking for its passphrase), so that a wrong
 * passphrase shows before the quiz rather than after it. Does nothing without o->key. Prints
 * what went wrong. Returns an exit code. */
int take_open_key(take_opts *o);

/* Checks that o->out (when given) is none of the take's inputs — the key, the passphrase file,
 * the answer file, the quiz and, once quiz is loaded (else NULL), its directions and banks —,
 * holds no key (outputs.h), and, once quiz is loaded and without o->force, does not exist yet:
 * called with the quiz before the first question, so that a quiz is never taken for a result
 * that cannot be written, and again before writing. Prints why not.
 * Returns EXIT_OK, EXIT_USAGE or EXIT_IO. */
int take_check_out(const take_opts *o, const struct sp_quiz *quiz);

/* Writes the result of a finished quiz to path atomically, printing what went wrong: without
 * o->force as a new file (sp_write_new), so that a file that appeared at path during the quiz is
 * never replaced (SP_EEXIST); with it, replacing what is there (sp_write_atomic). With
 * o->key the file is signed (signpost sign's format), with o->seckey or else with the key
 * opened now; when the key cannot be opened, the result is written unsigned (a finished quiz
 * is never lost) and an error is returned. Nothing is written when take_check_out refuses path
 * (SP_EEXIST). Returns 0 or an SP_E* code. */
int take_write_result(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                      const sp_response *resp, const sp_outcome *outcome,
                      const sp_result_meta *meta, const char *path);

/* Like take_write_result, for a quiz without --out: the result gets a new name in the current
 * folder, signpost-result-DATE-TIME.signpost, or -2, -3... when that is taken, written into
 * path (size bytes). The complete file is linked to its name (sp_write_new), so no
 * existing file is ever replaced and no empty or partial file is ever left under a result's
 * name, whenever the program is stopped. */
int take_write_result_new(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                          const sp_response *resp, const sp_outcome *outcome,
                          const sp_result_meta *meta, char *path, size_t size);

/* The interactive quiz in a terminal (tui.c). Returns an exit code. */
int take_interactive(const take_opts *o);

/* ---- Resuming (take_resume.c) ------------------------------------------------------------ */

/* A session picked to resume: held by this process, and read again once held. */
typedef struct take_pick {
    char *path;            /* the journal */
    sp_journal *journal;   /* as on disk once locked */
    sp_journal_lock *lock; /* NULL when the lock could not be made (a warning said so) */
} take_pick;

/* Finds the unfinished quizzes, passes over those in use by another process (saying so), lets
 * the taker choose one on a terminal (else takes the most recent), locks it and reads it again,
 * for the previous holder may have saved more since it was listed. Prints what went wrong.
 * Returns an exit code: EXIT_OK with *pick filled in (free it with take_pick_free); 1 when
 * there is nothing to resume or the quiz is in use; 5 when the taker gave up choosing. */
int take_pick_session(take_pick *pick);

/* Frees what pick holds; a lock it still holds is released, and its file removed. */
void take_pick_free(take_pick *pick);

/* Fills dir (size bytes) with the journal folder and *list with its *n journals (the caller
 * frees them with sp_journal_entries_free); a problem with a single journal is printed as a
 * warning. Returns an exit code, having said why when it is not EXIT_OK. */
int take_list_journals(char *dir, size_t size, sp_journal_entry **list, size_t *n);

/* How many unfinished quizzes wait to be resumed (not counting those in use). */
size_t take_unfinished(void);

/* ---- Listing and discarding (take_sessions.c) ------------------------------------------- */

/* Prints the session of journal j as the number-th of a list, on two lines: quiz, version, seed
 * and start to the second, then answered, skipped and the taker's name. */
void take_describe(const sp_journal *j, size_t number, FILE *out);

/* signpost take --sessions: lists every unfinished quiz on stdout, numbered (the most recently
 * saved first), with its journal and, when in use, its holder. Returns an exit code. */
int take_sessions(void);

/* signpost take --discard WHICH: removes the unfinished quiz WHICH (a number of --sessions, or
 * its journal's path in the journal folder) and its lock file, once held by this process, so
 * that a quiz in use is refused; asks first on a terminal unless yes, and refuses without a
 * terminal unless yes. Returns an exit code. */
int take_discard(const char *which, bool yes);

/* Says that the quiz in journal is in use by holder; with note, as a note that it is passed
 * over, else as the error that refuses it. */
void take_say_in_use(const char *journal, const sp_journal_holder *holder, bool note);

/* path made absolute against the current folder (not resolving links: the file need not
 * exist), malloc'd; a copy of path when the current folder is unknown; NULL when out of
 * memory. */
char *take_absolute(const char *path);

#endif
