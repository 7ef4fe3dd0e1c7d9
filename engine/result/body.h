/* Internal: the result object, shared by the two readers of a result body — the libyaml reader
 * (result.c) and the fast reader of canonical bodies (body.c).
 *
 * Why the two cannot disagree. The fast reader accepts only the exact bytes that
 * sp_result_format() and sp_result_add_signer() write: fixed keys in a fixed order, fixed
 * indentation and spacing, plain scalars of [A-Za-z0-9._+/=-] starting with a letter or digit
 * (bytes that YAML reads as the same string in block and flow context alike), the name in double
 * quotes with only \" and \\ escapes, numbers in the writer's forms, one '\n' after every
 * line and nothing after the last. On any other byte it returns "not canonical" and
 * sp_result_parse() reads the body with libyaml exactly as before; the fast reader itself never
 * reports anything, so every message comes from the libyaml reader. Every value it accepts is
 * checked and converted by the same functions the libyaml reader applies to the same string
 * (ld_ident_valid, ld_version_valid, ld_int_text, ld_number_text, ld_lang_valid,
 * sp_time_parse, sp_name_check, sp_pubkey_parse_base64, sp_confidence_z), and a value any of
 * them refuses makes the body "not canonical", so the fast reader only ever accepts bodies the
 * libyaml reader accepts too. tests/unit/test_result_body.c and tests/fuzz/fuzz_body.c check
 * that the two readers give equal results, field by field. */
#ifndef SP_RESULT_BODY_H
#define SP_RESULT_BODY_H

#include "base/arena.h"
#include "base/idmap.h"
#include "base/util.h"
#include "signpost/result.h"
#include "signpost/sign.h"

struct sp_result {
    sp_arena arena;
    const char *engine;
    bool has_signer;
    sp_pubkey signer;
    sp_result_source quiz;
    sp_result_source directions;
    sp_result_source *banks;
    size_t nbanks;
    sp_scoring scoring;
    uint64_t seed;
    bool adaptive; /* mode: adaptive */
    sp_result_adaptive ad;
    const char *lang;
    const char *name;
    int64_t started;
    int64_t finished;
    sp_vec answers; /* sp_result_answer, in recorded order */
    sp_idmap answer_ids;
    sp_result_score *scores;
    size_t nscores;
    const char **ranking;
    size_t nranking;
    const char *primary;
    const char **near_tie;
    size_t nnear_tie;
    bool has_settle;
    uint32_t settle;
    sp_flat flat;
    sp_level level;
    uint32_t answered;
    uint32_t skipped;
};

/* The fast reader. Returns 1 and sets *out (free with sp_result_free) when buf holds a body
 * exactly as signpost writes it and valid; 0 when it does not (*out NULL; read it with
 * sp_result_parse_yaml, which says what is wrong); SP_ENOMEM. buf need not be NUL-terminated. */
int sp_result_parse_canonical(const char *buf, size_t len, sp_result **out);

/* The libyaml reader, as sp_result_parse but never taking the fast path (for the tests that
 * compare the two). */
int sp_result_parse_yaml(const char *name, const char *buf, size_t len, sp_diags *diags,
                         sp_result **out);

/* True when a and b hold the same values, field by field (doubles bit for bit, answer
 * positions included); for the tests and the fuzz target that compare the two readers. */
bool sp_result_equal(const sp_result *a, const sp_result *b);

#endif
