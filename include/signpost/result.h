/* signpost: result bodies — what a finished quiz records, and re-deriving its scores.
 *
 * The body is UTF-8 text whose first line is the domain tag "signpost-result/1" and whose rest
 * is a YAML mapping (docs/result-format.md). It is written by signpost, signed byte for byte,
 * and read back by verify, show and analyze.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_RESULT_H
#define SIGNPOST_RESULT_H

#include "adaptive.h"
#include "answers.h"
#include "form.h"
#include "load.h"
#include "score.h"
#include "sign.h"

/* Most bytes of a result body. 100,000 answers fit in about 4 MiB. */
#define SP_LIMIT_RESULT_SIZE (16u * 1024 * 1024)

/* Most bytes of a taker's name. */
#define SP_LIMIT_NAME 200

/* The one rule for a taker's name, applied by take --name, the result writer, the result
 * reader, the journal and so the signer: 1 to SP_LIMIT_NAME bytes of UTF-8 on one line, with
 * no control character, no bidirectional control, no invisible or joining character (zero
 * width spaces and joiners, byte-order marks, tags, variation selectors...) and no white space
 * at either end (docs/result-format.md, section 3). Every name it accepts can be signed. */
typedef enum sp_name_problem {
    SP_NAME_OK,
    SP_NAME_EMPTY,
    SP_NAME_TOO_LONG,  /* more than SP_LIMIT_NAME bytes */
    SP_NAME_BAD_UTF8,  /* invalid UTF-8 at a byte */
    SP_NAME_CHARACTER, /* a character no name may hold */
    SP_NAME_EDGE,      /* white space at the start or the end */
} sp_name_problem;

/* What sp_name_check found, and where. */
typedef struct sp_name_issue {
    sp_name_problem problem;
    size_t offset; /* byte offset of the offending character */
    size_t index;  /* its position in characters, from 1 */
    uint32_t cp;   /* the character (the byte for SP_NAME_BAD_UTF8) */
    size_t len;    /* the name's length in bytes */
} sp_name_issue;

/* Checks the n bytes of name against the rule; returns issue->problem (SP_NAME_OK when it is
 * a valid name). issue may be NULL. */
sp_name_problem sp_name_check(const char *name, size_t n, sp_name_issue *issue);

/* Writes a sentence saying what is wrong with a name (such as "U+3000 (white space) at its
 * end is not allowed"), translated, into buf (size bytes); returns buf. */
const char *sp_name_explain(const sp_name_issue *issue, char *buf, size_t size);

/* The rule as a phrase for messages, translated: "a name is printable text on one line..." */
const char *sp_name_rule(void);

/* True when name (NUL-terminated) passes sp_name_check. */
bool sp_result_name_valid(const char *name);

/* How an adaptive quiz ran (scoring.md, section 11): its bounds, why and after how many items
 * the rule stopped, and how many items were asked in all (more than after when the taker went
 * on answering). */
typedef struct sp_result_adaptive {
    sp_adaptive_bounds bounds;
    sp_stop stop;
    uint32_t after;
    uint32_t asked;
} sp_result_adaptive;

/* What a result records besides answers and scores. */
typedef struct sp_result_meta {
    const char *lang; /* the language the quiz was taken in */
    const char *name; /* the taker's name, or NULL */
    int64_t started;  /* Unix time */
    int64_t finished; /* Unix time */
    /* An adaptive quiz: then the responses given to sp_result_format are the adaptive->asked
     * items asked, in the order asked, rather than the whole form. NULL for a fixed form. */
    const sp_result_adaptive *adaptive;
} sp_result_meta;

/* Writes the body of a result into a malloc'd, NUL-terminated buffer (*body, *len without the
 * NUL). responses are the form's items in order (sp_form_count entries), or for an adaptive quiz
 * (meta->adaptive) the items asked, in the order asked (meta->adaptive->asked entries). The name
 * must pass sp_name_check and finished must lie in the times a result can record,
 * 1970-01-01T00:00:00Z to 9999-12-31T23:59:59Z (SP_EINVAL otherwise). A started time after finished
 * (the clock was set back during the quiz) is recorded as finished, and one before 1970 as
 * 1970-01-01T00:00:00Z, so that what is written can always be read back. Returns 0 or an SP_E*
 * code. */
int sp_result_format(const sp_quiz *quiz, const sp_form *form, const sp_response *responses,
                     const sp_outcome *outcome, const sp_result_meta *meta, char **body,
                     size_t *len) SP_NODISCARD;

/* Inserts the signer's line `signer: {id: KEYID, key: BASE64}` into an unsigned body, right
 * after its `engine:` line (or after the tag line when a hand-made body has no engine line
 * there): the body a signature by key is made over. Returns 0 and a malloc'd NUL-terminated
 * body in *out (*outlen bytes without the NUL; caller frees), SP_EINPUT when body does not start
 * with the tag line or already has a top-level `signer:` line, or SP_ENOMEM. */
int sp_result_add_signer(const char *body, size_t len, const sp_pubkey *key, char **out,
                         size_t *outlen) SP_NODISCARD;

/* The BLAKE2b-256 digest of a body without its top-level `signer:` line, into out: a result
 * and its signed copy (which gained that line) have the same, so that analyze counts them
 * once. */
void sp_result_body_digest(const char *body, size_t len, unsigned char out[32]);

/* ---- Reading a body ---------------------------------------------------------------------- */

typedef struct sp_result sp_result;

/* A file a result names: its id, version and BLAKE2b-256 digest. */
typedef struct sp_result_source {
    const char *id;
    const char *version;
    unsigned char digest[32];
} sp_result_source;

/* One recorded score; a NULL-valued score is absent (has_* false). */
typedef struct sp_result_score {
    const char *dir;
    bool has_interest, has_aptitude, has_fit;
    double interest, aptitude, fit;
    bool recorded_se;        /* se and gap_se were recorded (quizzes with near_tie_confidence) */
    bool has_se, has_gap_se; /* ... and are numbers, not null */
    double se, gap_se;
} sp_result_score;

/* One recorded answer, as written: option ids, a likert value, or "skip". */
typedef struct sp_result_answer {
    const char *id;
    const char *const *values;
    uint32_t nvalues;
    bool list;
    sp_pos pos;
} sp_result_answer;

/* Parses a result body (name is used in diagnostics; positions count the tag line as line
 * 1). Returns 0 and sets *out, SP_EINPUT when the body is malformed (see diags), SP_ELIMIT when
 * it is larger than SP_LIMIT_RESULT_SIZE, or SP_ENOMEM. */
int sp_result_parse(const char *name, const char *buf, size_t len, sp_diags *diags,
                    sp_result **out) SP_NODISCARD;
void sp_result_free(sp_result *r);

const char *sp_result_engine(const sp_result *r);
/* The signer's public key the body records (its `signer:` line, written by `sign` and
 * `take --key`), or NULL when it records none: an unsigned body, or one signed before signpost
 * recorded its signer. The reader has checked that the recorded id is the key's own id. */
const sp_pubkey *sp_result_signer(const sp_result *r);
const sp_result_source *sp_result_quiz(const sp_result *r);
const sp_result_source *sp_result_directions(const sp_result *r);
size_t sp_result_bank_count(const sp_result *r);
const sp_result_source *sp_result_bank(const sp_result *r, size_t i);
const sp_scoring *sp_result_scoring(const sp_result *r);
uint64_t sp_result_seed(const sp_result *r);
/* How the adaptive quiz of the result ran (`mode: adaptive` and `adaptive:`), or NULL for a
 * result of a fixed form. Owned by r. */
const sp_result_adaptive *sp_result_adaptive_info(const sp_result *r);
const char *sp_result_lang(const sp_result *r);
const char *sp_result_name(const sp_result *r); /* NULL when none */
int64_t sp_result_started(const sp_result *r);
int64_t sp_result_finished(const sp_result *r);
size_t sp_result_answer_count(const sp_result *r);
const sp_result_answer *sp_result_answer_at(const sp_result *r, size_t i);
size_t sp_result_score_count(const sp_result *r);
const sp_result_score *sp_result_score_at(const sp_result *r, size_t i);
size_t sp_result_ranking_count(const sp_result *r);
const char *sp_result_ranking_at(const sp_result *r, size_t i);
const char *sp_result_primary(const sp_result *r); /* NULL when none */
size_t sp_result_near_tie_count(const sp_result *r);
const char *sp_result_near_tie_at(const sp_result *r, size_t i);
sp_flat sp_result_flat(const sp_result *r);
/* How many more questions would settle the near tie (score.h, sp_outcome.settle), and whether
 * the result records it at all (quizzes with near_tie_confidence do). */
bool sp_result_has_settle(const sp_result *r);
uint32_t sp_result_settle(const sp_result *r);
sp_level sp_result_level(const sp_result *r);
uint32_t sp_result_answered(const sp_result *r);
uint32_t sp_result_skipped(const sp_result *r);

/* "none", "close-fits" or "same-likert", as results record them. */
const char *sp_flat_name(sp_flat flat);

/* ---- Replay ------------------------------------------------------------------------------ */

typedef enum sp_replay_verdict {
    SP_REPLAY_OK,         /* the recorded scores and advice follow from the answers */
    SP_REPLAY_NO_BANKS,   /* some bank of the result is not in the quiz given */
    SP_REPLAY_MISMATCH,   /* re-scoring gives something else than recorded */
    SP_REPLAY_BAD_ANSWER, /* an answer names a question or option the bank does not have */
} sp_replay_verdict;

typedef struct sp_replay {
    sp_replay_verdict verdict;
    char detail[256];   /* what differs or is missing, in words */
    sp_outcome outcome; /* the outcome re-derived (valid for OK and MISMATCH) */
} sp_replay;

/* True when every bank the result names (id and digest) is a bank of quiz. */
bool sp_result_banks_in(const sp_result *r, const sp_quiz *quiz);

/* Re-scores the recorded answers with quiz's banks and the recorded scoring parameters, and
 * compares the outcome with what the result records. The quiz's directions must name every
 * direction of the result. Returns 0 (see out->verdict) or SP_ENOMEM. */
int sp_result_replay(const sp_result *r, const sp_quiz *quiz, sp_replay *out) SP_NODISCARD;

/* Builds the responses of a result against quiz's questions, in recorded order: *out gets a
 * malloc'd array of sp_result_answer_count(r) entries. Returns 0, SP_ENOTFOUND when a question
 * is not in the quiz, SP_EINPUT when an answer does not fit its question (why says which), or
 * SP_ENOMEM. */
int sp_result_responses(const sp_result *r, const sp_quiz *quiz, sp_response **out, char *why,
                        size_t whysize) SP_NODISCARD;

/* The outcome recorded in a result, rebuilt against dirs (directions not in dirs are left
 * out), for showing a result without re-scoring it. */
void sp_result_outcome(const sp_result *r, const sp_directions *dirs, sp_outcome *out);

#endif
