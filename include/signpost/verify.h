/* signpost: verifying a signed result — the whole check of one result file as one call.
 *
 * `signpost verify`, `signpost show` and `signpost analyze` share this module. It never prints:
 * it fills a report (sp_verify_report) with every check in order, its outcome and a sentence of
 * detail, the signer's key id and where its key came from, the parsed body and one verdict.
 * The caller turns the report into words (docs/result-format.md lists the checks and
 * verdicts).
 *
 * Three helpers feed it, made once and used for any number of files:
 *   - a key set (sp_keyset): the public keys given explicitly, a folder of trusted keys looked
 *     up by key id, and the verifier's own key (a result signed with it is "yours");
 *   - a quiz set (sp_quizset): the quizzes to replay results against, each loaded once;
 *   - the trusted comment (sp_result_comment): the one line signpost signs next to the body,
 *     which minisign shows, and which verify compares field by field with the body.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_VERIFY_H
#define SIGNPOST_VERIFY_H

#include "result.h"
#include "sign.h"

/* ---- The trusted comment --------------------------------------------------------------------- */

/* Writes the trusted comment signpost signs for the result r into out (size bytes; with
 * SP_TRUSTED_COMMENT_MAX + 1 bytes every comment fits):
 *
 *   signpost-result/1 quiz=ID@VERSION top=DIR [near-tie=D1,D2] [flat=WHY] level=LEVEL
 *   finished=TIME [name="NAME"]
 *
 * on one line, fields separated by one space, in this order; top is "none" when no direction
 * was measured, near-tie and flat appear only when the result has them, and the name is always
 * last, in double quotes with '"' and '\' escaped by '\', so that it cannot read as fields.
 * Returns 0, or SP_ELIMIT when out is too small. */
int sp_result_comment(const sp_result *r, char *out, size_t size) SP_NODISCARD;

/* True when comment starts with the domain tag SP_RESULT_MAGIC as its own word. */
bool sp_comment_has_tag(const char *comment);

/* Compares a trusted comment with the result r. Returns true when the comment is exactly
 * sp_result_comment(r), or exactly the comment earlier versions made, with the name bare to the
 * end of the line, for a name that holds neither '=' nor '"' (docs/result-format.md, section
 * 2); otherwise false, and writes into why (whysize bytes) a sentence naming the first field
 * that differs, with both values. */
bool sp_result_comment_agrees(const sp_result *r, const char *comment, char *why, size_t whysize);

/* ---- Key sets -------------------------------------------------------------------------------- */

/* Where the key that checked a signature came from. */
typedef enum sp_key_source {
    SP_KEY_NONE,        /* no key with the signer's key id is known */
    SP_KEY_GIVEN,       /* given explicitly (a -p file or a -P key): trusted */
    SP_KEY_TRUSTED_DIR, /* found in the trusted-keys folder by key id: trusted */
    SP_KEY_OWN,         /* the verifier's own key and no other: "yours", accepted */
    SP_KEY_BODY,        /* only the key the result's body names as its signer (its `signer:`
                           line): the content is intact, but the signer is not trusted */
} sp_key_source;

/* The keys a verifier knows. Lookups in the trusted folder are cached, found or not, so that
 * verifying many files reads each key file at most once. */
typedef struct sp_keyset sp_keyset;

/* Returns a new, empty key set, or NULL when out of memory. Free it with sp_keyset_free. */
sp_keyset *sp_keyset_new(void);

/* Frees the set and every key and string it holds. NULL is a no-op. */
void sp_keyset_free(sp_keyset *ks);

/* Adds a trusted key. origin says where it came from, for messages (a path, or "-P"); it is
 * copied. Keys that share a key id are all kept and all tried, in the order added (an id is 8
 * bytes anyone can copy into a key of their own); the same key added twice is kept once.
 * Returns 0 or SP_ENOMEM. */
int sp_keyset_add(sp_keyset *ks, const sp_pubkey *key, const char *origin) SP_NODISCARD;

/* Sets the folder of trusted keys: the key with id K is looked up in the file DIR/K.pub, K
 * being the 16 hex digits of sp_keyid_format. The path is copied. Returns 0 or SP_ENOMEM. */
int sp_keyset_set_dir(sp_keyset *ks, const char *dir) SP_NODISCARD;

/* Sets the verifier's own public key (origin as for sp_keyset_add). A signature by this key
 * makes a result "yours" (you trust yourself), unless a given or trusted key with its id holds
 * first. Returns 0 or SP_ENOMEM. */
int sp_keyset_set_own(sp_keyset *ks, const sp_pubkey *key, const char *origin) SP_NODISCARD;

/* What a lookup found. key and origin are owned by the set and live as long as it. */
typedef struct sp_key_lookup {
    sp_key_source source;
    const sp_pubkey *key; /* NULL for SP_KEY_NONE */
    const char *origin;   /* where the key came from; NULL for SP_KEY_NONE */
    const char *note;     /* why a file in the trusted folder was not used (unreadable,
                             malformed, another key), or NULL */
} sp_key_lookup;

/* Looks up the keys with id, in the order they are to be tried: the given keys that have it
 * (in the order added), then the trusted folder's, then the own key. Fills out[0 .. max-1],
 * sets *n to how many there are in all (possibly more than max), and *note to why a file of
 * the trusted folder could not be used (or NULL; owned by the set). Returns 0 or SP_ENOMEM. */
int sp_keyset_find_all(sp_keyset *ks, const unsigned char id[SP_KEYID_BYTES], sp_key_lookup *out,
                       size_t max, size_t *n, const char **note) SP_NODISCARD;

/* The first key sp_keyset_find_all would try. Returns 0 and fills *out (source SP_KEY_NONE
 * when there is none, with the note), or SP_ENOMEM. */
int sp_keyset_find(sp_keyset *ks, const unsigned char id[SP_KEYID_BYTES],
                   sp_key_lookup *out) SP_NODISCARD;

/* The trusted folder, or NULL when none was set. Owned by the set. */
const char *sp_keyset_dir(const sp_keyset *ks);

/* How many keys were given with sp_keyset_add. */
size_t sp_keyset_given_count(const sp_keyset *ks);

/* The i-th key given with sp_keyset_add (i < sp_keyset_given_count), in the order added, and
 * its origin into *origin when origin is not NULL. Both are owned by the set. */
const sp_pubkey *sp_keyset_given_at(const sp_keyset *ks, size_t i, const char **origin);

/* ---- Quiz sets ------------------------------------------------------------------------------- */

/* The quizzes results are replayed against: manifests named explicitly, folders of quizzes
 * loaded the first time no explicit quiz fits a result, and the released versions of their
 * files kept in the store SP_RELEASE_DIR beside each such folder and manifest (release.h), from
 * which the exact quiz of a result is put together, by digest, when no quiz loaded is it. Every
 * quiz is loaded once, however many results are checked against it; what sp_quizset_find says
 * of a result depends on that result and the quizzes given alone, never on the results checked
 * before it. */
typedef struct sp_quizset sp_quizset;

/* Returns a new, empty quiz set, or NULL when out of memory. */
sp_quizset *sp_quizset_new(void);

/* Frees the set and every quiz it loaded. NULL is a no-op. */
void sp_quizset_free(sp_quizset *qs);

/* Loads the quiz manifest at path (and the files it names) now; the store beside it is searched
 * too. Add every manifest and folder before the first sp_quizset_find: the quizzes are tried in
 * the order added. Returns 0, or the error of sp_quiz_load with its diagnostics in diags (the set
 * is unchanged). */
int sp_quizset_add(sp_quizset *qs, const char *path, sp_diags *diags) SP_NODISCARD;

/* Says that the set's quizzes are only replayed against (sp_verify_*), never shown: they are
 * loaded with sp_quiz_load_replay, which may leave their texts out. Call it before adding. */
void sp_quizset_replay_only(sp_quizset *qs);

/* Adds a folder whose quizzes are loaded when first needed: every *.yaml file in it whose
 * format tag is quiz/1, in name order; and its store, dir/SP_RELEASE_DIR. A quiz there that does
 * not load is left out, its problems kept in sp_quizset_diags. The path is copied. Returns 0 or
 * SP_ENOMEM. */
int sp_quizset_add_dir(sp_quizset *qs, const char *dir) SP_NODISCARD;

/* How well the quizzes of a set fit a result. */
typedef enum sp_quiz_fit {
    SP_QUIZ_NONE,     /* no quiz here has every bank the result names */
    SP_QUIZ_BANKS,    /* a quiz has every bank (id, version and digest) and the result's
                         directions in order, but not the manifest or the directions file the
                         result names: the answers can be scored, the form and the scoring
                         parameters cannot be checked */
    SP_QUIZ_EXACT,    /* the manifest, the directions file and every bank the result names, each
                         with its recorded id, version and digest */
    SP_QUIZ_CONFLICT, /* a file here has a digest the result records, but not the id or version
                         the result gives it: the result misnames what it was taken with */
} sp_quiz_fit;

/* What sp_quizset_find found. */
typedef struct sp_quiz_match {
    sp_quiz_fit fit;
    const sp_quiz *quiz; /* owned by the set: the quiz that fits (EXACT, BANKS), or the one
                            holding the file that disagrees (CONFLICT); NULL for NONE */
    char why[320];       /* BANKS and NONE: what is missing; CONFLICT: what disagrees */
} sp_quiz_match;

/* Finds the quiz a result was taken with: the exact one when it is here, else one that has
 * every bank of the result and its directions in order. The result is judged against the
 * explicit manifests and the folders' quizzes (in the order added, the folders' in name order)
 * and against its own quiz from the stores, never against a quiz put together for another
 * result: the first of the explicit and folder quizzes that is exact, loading the added folders
 * one at a time while none is; else, every folder loaded, its own quiz, put together from the
 * result's digests (sp_release_load) from the first quiz folder that has all of it with its
 * store (the folders of explicit manifests and the added folders, in the order added): that one
 * when it is exact, else the closest of all these with the result's banks (the first among
 * equals). Each quiz is looked for in the stores once and kept for the results that record the
 * same digests. Every file compared is compared by digest first, so that a result cannot borrow
 * another file's content under its own name (CONFLICT). So "verify A B" says of B what "verify B"
 * says. Returns 0 and fills *out, or SP_ENOMEM. */
int sp_quizset_find(sp_quizset *qs, const sp_result *r, sp_quiz_match *out) SP_NODISCARD;

/* How many quizzes are loaded now. */
size_t sp_quizset_count(const sp_quizset *qs);

/* Loads every added folder not loaded yet, as sp_quizset_find would once no exact quiz is found
 * (a quiz there that does not load is left out, with its problems in sp_quizset_diags), so that
 * a caller can list every quiz of the set. Returns 0 or SP_ENOMEM. */
int sp_quizset_load_all(sp_quizset *qs) SP_NODISCARD;

/* The i-th quiz loaded (i < sp_quizset_count): the explicit manifests in the order added, then
 * the folders' quizzes, then those put together from the stores for the results found so far.
 * Owned by the set. */
const sp_quiz *sp_quizset_at(const sp_quizset *qs, size_t i);

/* The quiz folders whose stores (FOLDER/SP_RELEASE_DIR) sp_quizset_find searches, in the order
 * it searches them: the folders of the explicit manifests and the added folders, each once.
 * sp_quizset_folder returns the i-th (i < sp_quizset_folder_count), owned by the set. */
size_t sp_quizset_folder_count(const sp_quizset *qs);
const char *sp_quizset_folder(const sp_quizset *qs, size_t i);

/* Problems met loading the folders' quizzes and the stores' files (warnings and errors), owned
 * by the set. */
const sp_diags *sp_quizset_diags(const sp_quizset *qs);

/* ---- Verifying a result file ----------------------------------------------------------------- */

/* The checks, in the order they run. */
typedef enum sp_check_id {
    SP_CHECK_STRUCTURE, /* a four-line signature block, then a body that parses as a result */
    SP_CHECK_SIGNER,    /* the body's signer line, when it has one, names the block's key id and
                           the key whose signature holds; an unsigned body names no signer */
    SP_CHECK_KEY,       /* the signer's key is known and trusted */
    SP_CHECK_SIGNATURE, /* the ED signature matches the body */
    SP_CHECK_COMMENT_SIGNATURE, /* the global signature matches the trusted comment */
    SP_CHECK_DOMAIN,            /* the body and the trusted comment start with SP_RESULT_MAGIC */
    SP_CHECK_COMMENT,           /* every field of the trusted comment agrees with the body */
    SP_CHECK_BANKS,  /* the quiz the result names is here: its manifest, directions file and
                        banks, each with the recorded id, version and digest (a warning when
                        only the banks are, or nothing; failed when a file here has a recorded
                        digest under another name) */
    SP_CHECK_REPLAY, /* re-scoring the answers gives exactly what is recorded; against the exact
                        quiz, the recorded scoring parameters are the manifest's and the
                        questions answered are the form it draws for the seed (a warning when
                        only the banks were there to re-score with) */
    SP_CHECK_COUNT
} sp_check_id;

typedef enum sp_check_status {
    SP_CHECK_SKIPPED, /* not run: an earlier check left nothing to check with */
    SP_CHECK_PASSED,
    SP_CHECK_WARNING, /* not a failure by itself: a key only the body names, an unsigned body,
                         or a replay not made in full */
    SP_CHECK_FAILED,
} sp_check_status;

typedef struct sp_check {
    sp_check_status status;
    char detail[320]; /* one sentence of what was found; may quote the file's content */
} sp_check;

/* The verdict: the first failed check decides it, else the first warning. */
typedef enum sp_verdict {
    SP_VERDICT_VERIFIED,         /* every check passed with a trusted key, and the result was
                                    replayed against the exact quiz it names */
    SP_VERDICT_NO_BANKS,         /* the signature holds, but the banks are not available, so the
                                    scores were not re-derived */
    SP_VERDICT_PARTLY_REPLAYED,  /* the signature holds and the banks are here, but not the quiz
                                    manifest the result names: the answers re-score to the
                                    recorded scores with the recorded scoring parameters, but
                                    neither the parameters nor the questions asked were checked */
    SP_VERDICT_UNTRUSTED_KEY,    /* intact, but the only key the signature holds under is the
                                    one the body names as its signer: nobody you trust */
    SP_VERDICT_UNSIGNED,         /* a result body without a signature block */
    SP_VERDICT_MALFORMED,        /* the file is not a signed result; see problem and diags */
    SP_VERDICT_UNKNOWN_KEY,      /* signed by a key that is neither given nor trusted */
    SP_VERDICT_UNSUPPORTED,      /* a legacy "Ed" signature (minisign -l) */
    SP_VERDICT_ALTERED,          /* the body does not match its signature */
    SP_VERDICT_COMMENT_ALTERED,  /* the trusted comment does not match its signature */
    SP_VERDICT_NOT_A_RESULT,     /* the signature was not made for a signpost result */
    SP_VERDICT_COMMENT_MISMATCH, /* the trusted comment disagrees with the body */
    SP_VERDICT_QUIZ_MISMATCH,    /* the result misnames its quiz, directions or a bank: a file
                                    here has the digest it records under another id or version */
    SP_VERDICT_REPLAY_MISMATCH,  /* the recorded scores or advice do not follow from the
                                    answers (or the answers do not fit the bank) */
    SP_VERDICT_SIGNER_MISMATCH,  /* the body names another signer than the key that signed it,
                                    or names one without being signed */
    SP_VERDICT_COUNT
} sp_verdict;

/* What a result is worth to this verifier: the trust class, decided last from the checks
 * (sp_verify_decide). */
typedef enum sp_trust {
    SP_TRUST_TRUSTED,   /* the signature holds under a key given or in the trusted folder */
    SP_TRUST_YOURS,     /* ... under the verifier's own key, and no trusted key */
    SP_TRUST_UNTRUSTED, /* intact, but signed by a key nobody trusts here: the key the body names */
    SP_TRUST_UNSIGNED,  /* a result body without a signature block */
    SP_TRUST_FAILED,    /* tampered, malformed, misnamed, not replaying, or cannot be checked */
    SP_TRUST_COUNT
} sp_trust;

/* What to verify with. Zeroed means: no key known, no quizzes, not strict. */
typedef struct sp_verify_opts {
    sp_keyset *keys;     /* NULL: no key is known, so nothing verifies */
    sp_quizset *quizzes; /* NULL: no replay; the banks check warns */
    bool strict;         /* a result that was not replayed in full is not accepted */
} sp_verify_opts;

/* The report on one file. Filled by sp_verify_file; release what it owns with
 * sp_verify_report_clear. */
typedef struct sp_verify_report {
    sp_verdict verdict;
    sp_trust trust; /* the trust class (sp_verify_decide) */
    bool accepted;  /* trust is TRUSTED or YOURS: what a caller may accept (exit status 0); the
                       verdict is then VERIFIED, or NO_BANKS or PARTLY_REPLAYED when not strict */
    sp_check checks[SP_CHECK_COUNT];

    bool is_signed;                /* a signature block was found and parsed */
    sp_sigblock sig;               /* valid when is_signed */
    char keyid[SP_KEYID_HEX_SIZE]; /* the signer's key id; "" when not signed */
    sp_key_source key_source;
    const char *key_origin; /* owned by the key set; NULL for SP_KEY_NONE */
    size_t key_candidates;  /* how many known keys have the signer's key id (all were tried; the
                               one named is the one whose signature held, or the first) */
    bool has_key;           /* key holds a public key: the one the signature was checked with,
                               or else the signer the body names */
    sp_pubkey key;

    sp_pos problem;     /* where the file is malformed (line 0: nowhere, or the whole file) */
    sp_diags *diags;    /* diagnostics about the file, lines counted in the whole file; owned */
    sp_result *result;  /* the parsed body, or NULL when it did not parse; owned */
    size_t body_offset; /* where the body starts in the file */
    unsigned char body_digest[32]; /* sp_result_body_digest of the body, when result is set:
                                      copies of one result (signed or not) have the same */

    const sp_quiz *quiz;  /* the quiz the result was replayed with (owned by the quiz set), or
                             NULL */
    sp_quiz_fit quiz_fit; /* how well it fits: EXACT (a full replay) or BANKS (partial) */
    char quiz_why[320];   /* what of the quiz the result names is missing (BANKS, NONE) or
                             disagrees (CONFLICT), in words; "" for EXACT */
    bool replayed;        /* replay ran; replay.outcome holds the re-derived outcome when
                             replay.verdict is OK or MISMATCH (sp_verify_rescored) */
    sp_replay replay;
} sp_verify_report;

/* The outcome the replay re-derived from the answers (not the one the result records), indexed
 * like the directions of rep->quiz; NULL when no re-scoring was made: no quiz to replay with, a
 * setup that is not the quiz's, missing banks, or an answer that does not fit. Owned by rep. */
const sp_outcome *sp_verify_rescored(const sp_verify_report *rep);

/* Verifies one result file: buf holds its len bytes (not necessarily NUL-terminated; name is
 * used in diagnostics and need only live during the call). A signed file is checked as the
 * enum above says; an unsigned result body is parsed and replayed too, so that it can be shown,
 * with the verdict SP_VERDICT_UNSIGNED. The report borrows from opts->keys and opts->quizzes,
 * which must outlive it. Returns 0 (the verdict is in *out), or SP_ENOMEM (then *out holds
 * nothing to release). */
int sp_verify_file(const char *name, const char *buf, size_t len, const sp_verify_opts *opts,
                   sp_verify_report *out) SP_NODISCARD;

/* Decides the verdict, the trust class and accepted from the checks of rep, in this order (the
 * one decision, mirrored by other verifiers; docs/result-format.md, section 4):
 *   1. a check failed: the first failed check, in check order, gives the verdict; FAILED;
 *   2. no signature block: UNSIGNED (verdict unsigned);
 *   3. the signature holds only under the key the body names: UNTRUSTED (verdict untrusted-key);
 *   4. the replay was not made in full (the first warning: no-banks or partly-replayed): with
 *      strict FAILED, else as 5 with that verdict;
 *   5. TRUSTED for a given or trusted-folder key, YOURS for the verifier's own (verdict verified).
 * sp_verify_file calls it; it is public so that a test can pin the order down. */
void sp_verify_decide(sp_verify_report *rep, bool strict);

/* Frees what the report owns (diagnostics, parsed body). The report itself is the caller's. */
void sp_verify_report_clear(sp_verify_report *rep);

/* Names for machines (JSON): "structure", "key", "signature", "comment-signature", "domain",
 * "comment", "banks", "replay"; "skipped", "passed", "warning", "failed"; "verified",
 * "no-banks", "partly-replayed", "untrusted-key", "unsigned", "malformed", "unknown-key",
 * "unsupported", "altered", "comment-altered", "not-a-result", "comment-mismatch",
 * "quiz-mismatch", "replay-mismatch", "signer-mismatch"; "none", "given",
 * "trusted-dir", "own", "body"; "trusted", "yours", "untrusted", "unsigned", "failed". */
const char *sp_check_name(sp_check_id id);
const char *sp_check_status_name(sp_check_status status);
const char *sp_verdict_name(sp_verdict verdict);
const char *sp_key_source_name(sp_key_source source);
const char *sp_trust_name(sp_trust trust);

#endif
