/* The parts of `signpost take` shared by batch mode and the interactive front end. */
#ifndef SP_CLI_TAKE_H
#define SP_CLI_TAKE_H

#include "signpost/result.h"

typedef struct take_opts {
    const char *quiz;         /* --quiz, or NULL for the default quiz */
    const char *answers;      /* --answers: batch mode */
    const char *lang;         /* --lang, or NULL for the locale's */
    const char *out;          /* --out, or NULL */
    const char *key;          /* --key: sign the result with this secret key */
    const char *passfile;     /* --passphrase-file: the key's passphrase, or NULL */
    struct sp_seckey *seckey; /* the key opened before the quiz (take_open_key), or NULL */
    const char *name;         /* --name: the taker's name to record */
    uint64_t seed;
    bool has_seed;
    bool json;
    bool resume;
    sp_missing missing;
} take_opts;

/* Loads the quiz at path (the default quiz when NULL), printing its problems. Returns NULL and
 * sets *status to an exit code when it cannot be loaded. */
sp_quiz *take_load_quiz(const char *path, int *status);

/* Opens the secret key o->key into o->seckey (asking for its passphrase), so that a wrong
 * passphrase shows before the quiz rather than after it. Does nothing without o->key. Prints
 * what went wrong. Returns an exit code. */
int take_open_key(take_opts *o);

/* Writes the result of a finished quiz to path atomically, printing what went wrong. With
 * o->key the file is signed (signpost sign's format), with o->seckey or else with the key
 * opened now; when the key cannot be opened, the result is written unsigned (a finished quiz
 * is never lost) and an error is returned. Returns 0 or an SP_E* code. */
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

#endif
