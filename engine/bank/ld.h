/* Internal: what the loaders of the three author formats share — the loading context, field
 * matching with "did you mean", and readers for typed scalars, texts and weight maps. Every
 * reader reports its own errors and returns false after one; the caller then leaves the field
 * out and goes on, so that one run finds every problem. */
#ifndef SP_LD_H
#define SP_LD_H

#include "base/arena.h"
#include "signpost/load.h"
#include "bank/yread.h"

typedef struct ldctx {
    yreader r;
    sp_arena *model;           /* what the loaded object keeps */
    sp_arena tmp;              /* nodes of the top-level values; freed after the load */
    sp_arena item;             /* nodes of one streamed item; reset after each */
    const sp_directions *dirs; /* for checking direction ids; may be NULL */
    size_t errors_before;      /* sp_diags_errors() when the load started */
} ldctx;

/* Sets up a context to read file from buf (len bytes), or from the open fd when buf is NULL;
 * the caller owns model, buf and fd. Returns 0 or SP_ENOMEM. */
int ld_open(ldctx *c, const char *file, const char *buf, size_t len, int fd, sp_diags *diags,
            sp_arena *model, const sp_directions *dirs);
void ld_close(ldctx *c);

/* True when this load has reported an error (warnings do not count). */
bool ld_failed(const ldctx *c);
/* True when reading cannot go on, or memory ran out. */
bool ld_stopped(const ldctx *c);

#define ld_error(c, pos, ...)   yr_error(&(c)->r, pos, __VA_ARGS__)
#define ld_warning(c, pos, ...) yr_warning(&(c)->r, pos, __VA_ARGS__)

/* ---- Fields of a mapping ----------------------------------------------------------------- */

/* Returns the index of key in names, or -1 after reporting it as unknown (with a suggestion
 * when one of names is a near miss). what names the mapping in the message ("question"): an
 * untranslated N_() string, translated only when a message is made, since this runs for
 * every mapping of every file. */
int ld_field_index(ldctx *c, const ynode *key, const char *const *names, size_t n,
                   const char *what);

/* Matches every key of map against names: found[i] gets the value of names[i], or NULL.
 * Reports unknown keys and duplicate keys (pointing at the first). found has n entries. A map
 * that is not a mapping is reported as "expected what" and gives false. */
bool ld_fields(ldctx *c, const ynode *map, const char *const *names, size_t n, const char *what,
               const ynode **found);

/* Reports a required field missing from the mapping at pos. */
void ld_missing(ldctx *c, sp_pos pos, const char *field, const char *what);

/* Reports a duplicate key, pointing at the first occurrence. */
void ld_duplicate(ldctx *c, const ynode *key, sp_pos first);

/* Reports "expected EXPECTED, found DESCRIPTION" at n. */
void ld_expected(ldctx *c, const ynode *n, const char *expected);

/* ---- Scalars ----------------------------------------------------------------------------- */

/* Character classes of identifiers (formats.md). */
typedef enum ld_idclass {
    LD_ID_DIRECTION, /* [a-z][a-z0-9-]*, up to 32 */
    LD_ID_BANK,      /* [a-z][a-z0-9_.-]*, up to 64 (banks and quizzes) */
    LD_ID_QUESTION,  /* [A-Za-z0-9][A-Za-z0-9_.-]*, up to 64 */
    LD_ID_OPTION,    /* [a-z0-9][a-z0-9_-]*, up to 16 */
} ld_idclass;

/* True when s is a valid identifier of class cls. */
bool ld_ident_valid(const char *s, ld_idclass cls);

/* Reads an identifier into the model arena. */
bool ld_ident(ldctx *c, const ynode *n, ld_idclass cls, const char **out);

/* True when s is a version MAJOR.MINOR.PATCH (each part 1 to 9 digits). */
bool ld_version_valid(const char *s);
/* Reads a version MAJOR.MINOR.PATCH. */
bool ld_version(ldctx *c, const ynode *n, const char **out);

/* The text of a plain integer (number_syntax) within [min, max]: true and *out, or false with
 * *out untouched. ld_int and the canonical result reader (result/body.c) share it. */
bool ld_int_text(const char *s, long min, long max, long *out);
/* The text of a plain decimal number within [min, max], as ld_int_text. */
bool ld_number_text(const char *s, double min, double max, double *out);
/* Reads a plain (unquoted) integer within [min, max]. */
bool ld_int(ldctx *c, const ynode *n, long min, long max, long *out);

/* Reads a plain decimal number within [min, max]. */
bool ld_number(ldctx *c, const ynode *n, double min, double max, double *out);

/* Reads `true` or `false`. */
bool ld_bool(ldctx *c, const ynode *n, bool *out);

/* Reads a non-empty string into the model arena (a path, a language tag). expected is an
 * untranslated N_() string, translated only when a message is made. */
bool ld_string(ldctx *c, const ynode *n, const char *expected, const char **out);

/* Returns the index of the scalar n in words (a NULL-terminated list), or -1 after reporting
 * "expected one of ...". */
int ld_enum(ldctx *c, const ynode *n, const char *const *words);

/* True when s is a language tag: [a-z]{2,3} optionally followed by -[A-Za-z0-9]{2,8}. */
bool ld_lang_valid(const char *s);

/* ---- Structured values ------------------------------------------------------------------- */

/* Reads a localised text: a non-empty string, or a mapping of language tag to string. */
bool ld_text(ldctx *c, const ynode *n, sp_text *out);

/* Reads a list of texts. */
bool ld_text_list(ldctx *c, const ynode *n, sp_text_list *out);

/* Reads a mapping of direction id to weight. Weights lie in [-10, 10] and are not zero; with
 * positive_only they must be greater than zero. Direction ids are checked against c->dirs
 * when it is set. */
bool ld_weights(ldctx *c, const ynode *n, bool positive_only, const sp_weight **out,
                uint32_t *count);

/* Reports a direction id unknown to c->dirs, with a suggestion. */
void ld_unknown_direction(ldctx *c, sp_pos pos, const char *id);

#endif
