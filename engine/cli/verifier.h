/* What `verify` and `show` verify with, built from their common options: the keys (-p, -P, or
 * the trusted-keys folder, and the user's own key), the quizzes (--quiz, and the folder of the
 * default quiz), and the report on each file turned into words and JSON. */
#ifndef SP_CLI_VERIFIER_H
#define SP_CLI_VERIFIER_H

#include <limits.h>
#include <stdio.h>

#include "signpost/verify.h"

/* Most -p, -P and --quiz options each. */
#define VERIFIER_MAX_ARGS 32

/* The options, as parsed. */
typedef struct verifier_args {
    const char *pubfiles[VERIFIER_MAX_ARGS]; /* -p */
    size_t npubfiles;
    const char *pubkeys[VERIFIER_MAX_ARGS]; /* -P */
    size_t npubkeys;
    const char *quizzes[VERIFIER_MAX_ARGS]; /* --quiz */
    size_t nquizzes;
    bool strict;
    bool replay_only; /* the caller never shows a text of the quizzes (sp_quizset_replay_only) */
} verifier_args;

/* Adds the value of a -p, -P or --quiz option (opt is 'p', 'P' or 'q') to a; prints a usage
 * error for cmd and returns EXIT_USAGE when there are too many. */
int verifier_arg(verifier_args *a, int opt, const char *value, const char *cmd);

typedef struct verifier {
    sp_keyset *keys;
    sp_quizset *quizzes;
    sp_verify_opts opts;
    char trusted_dir[PATH_MAX]; /* "" when there is no configuration folder */
    bool keys_given;            /* -p or -P: the trusted folder is not used */
} verifier;

/* Loads the keys and quizzes named by a, and finds the trusted folder, the own key and the
 * default quiz's folder. Prints what went wrong. Returns EXIT_OK, EXIT_USAGE (a malformed
 * key), EXIT_IO (an unreadable key or quiz), EXIT_NEGATIVE (an invalid quiz) or
 * EXIT_INTERNAL. Free with verifier_free, also after a failure. */
int verifier_init(verifier *v, const verifier_args *a);
void verifier_free(verifier *v);

/* Reads and verifies the file at path into *rep (release it with sp_verify_report_clear).
 * Returns EXIT_OK (the verdict is in *rep); or, after a message on stderr and with *rep empty,
 * EXIT_IO when the file cannot be read, or is far larger than any result (then *too_large is
 * set, when too_large is not NULL), EXIT_INTERNAL when out of memory. */
int verifier_check(verifier *v, const char *path, sp_verify_report *rep, bool *too_large);

/* The verdict in words, without the file name: "verified — ...", "intact — ...", "intact,
 * signer not trusted — ...", "not signed — ..." or "FAILED — ...", made safe
 * for a terminal. Returns a malloc'd string, or NULL when out of memory. */
char *verifier_sentence(const verifier *v, const sp_verify_report *rep);

/* The colour of the verdict's first word: green, yellow (accepted without a full replay, or an
 * intact result whose signer is not trusted), bold (not signed) or red (failed only). */
const char *verifier_hue(const sp_verify_report *rep);

/* Prints "FILE: " and the sentence, in colour when out is a terminal. */
void verifier_print_line(const verifier *v, const char *path, const sp_verify_report *rep,
                         FILE *out);

/* Whether the file's untrusted comment line holds text (signpost leaves it empty; minisign and
 * hand edits do not). No signature covers it. */
bool verifier_has_untrusted_comment(const sp_verify_report *rep);

/* Prints one line saying what the untrusted comment holds and that no signature covers it. */
void verifier_untrusted_note(const sp_verify_report *rep, FILE *out);

/* Prints every check and its outcome, the file's diagnostics and the problems met loading
 * quizzes, indented, for -v. */
void verifier_print_details(const verifier *v, const sp_verify_report *rep, FILE *out);

/* Prints the report as one JSON object (no newline after it), its lines indented by indent
 * spaces. */
void verifier_print_json(const verifier *v, const char *path, const sp_verify_report *rep,
                         int indent, FILE *out);

#endif
