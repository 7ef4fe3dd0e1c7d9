/* Internal: what the loaders of the three author formats share. */
#include "bank/ld.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int ld_open(ldctx *c, const char *file, const char *buf, size_t len, int fd, sp_diags *diags,
            sp_arena *model, const sp_directions *dirs)
{
    memset(c, 0, sizeof(*c));
    c->model = model;
    c->dirs = dirs;
    c->errors_before = sp_diags_errors(diags);
    return buf ? yr_init(&c->r, file, buf, len, diags) : yr_init_fd(&c->r, file, fd, diags);
}

void ld_close(ldctx *c)
{
    yr_fini(&c->r);
    sp_arena_free(&c->tmp);
    sp_arena_free(&c->item);
}

bool ld_failed(const ldctx *c)
{
    return sp_diags_errors(c->r.diags) > c->errors_before || c->r.oom;
}

bool ld_stopped(const ldctx *c)
{
    return c->r.fatal || c->r.oom;
}

/* An out-of-memory in the model arena stops the load. */
static void *model_alloc(ldctx *c, size_t size)
{
    void *p = sp_arena_alloc(c->model, size);
    if (!p)
        c->r.oom = c->r.fatal = true;
    return p;
}

static const char *model_strdup(ldctx *c, const char *s, size_t n)
{
    const char *p = sp_arena_strndup(c->model, s, n);
    if (!p)
        c->r.oom = c->r.fatal = true;
    return p;
}

/* ---- Messages ---------------------------------------------------------------------------- */

void ld_expected(ldctx *c, const ynode *n, const char *expected)
{
    if (n->bad)
        return; /* already reported */
    char what[96];
    ld_error(c, n->pos, _("expected %s, found %s"), expected, yn_describe(n, what, sizeof(what)));
}

/* Appends "a, b, c" of names to b. */
/* A name that starts with a space is a placeholder no key can match (result.c puts one where
 * other formats have their tag): it is never offered in a message. */
static bool placeholder(const char *name)
{
    return name[0] == ' ';
}

static void join_names(sp_buf *b, const char *const *names, size_t n)
{
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        if (placeholder(names[i]))
            continue;
        if (!first)
            sp_buf_puts(b, ", ");
        sp_buf_puts(b, names[i]);
        first = false;
    }
}

/* The closest of names to s, when it is close enough to be a likely typo. */
static const char *suggest(const char *s, const char *const *names, size_t n)
{
    size_t len = strlen(s);
    size_t limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
    const char *best = NULL;
    size_t best_d = limit + 1;
    for (size_t i = 0; i < n; i++) {
        if (placeholder(names[i]))
            continue;
        size_t d = sp_edit_distance(s, names[i], limit);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best;
}

int ld_field_index(ldctx *c, const ynode *key, const char *const *names, size_t n, const char *what)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(key->u.str, names[i]) == 0)
            return (int)i;
    if (key->bad)
        return -1;
    const char *near = suggest(key->u.str, names, n);
    if (near) {
        ld_error(c, key->pos, _("unknown key '%s' in %s; did you mean '%s'?"), key->u.str, _(what),
                 near);
    } else {
        sp_buf b = {0};
        join_names(&b, names, n);
        ld_error(c, key->pos, _("unknown key '%s' in %s; expected one of: %s"), key->u.str, _(what),
                 sp_buf_str(&b) ? sp_buf_str(&b) : "");
        sp_buf_free(&b);
    }
    return -1;
}

void ld_duplicate(ldctx *c, const ynode *key, sp_pos first)
{
    ld_error(c, key->pos, _("duplicate key '%s' (first given at line %u, column %u)"), key->u.str,
             first.line, first.column);
}

bool ld_fields(ldctx *c, const ynode *map, const char *const *names, size_t n, const char *what,
               const ynode **found)
{
    for (size_t i = 0; i < n; i++)
        found[i] = NULL;
    if (map->type != YN_MAP) {
        char expected[96];
        snprintf(expected, sizeof(expected), _("%s (a mapping of keys and values)"), _(what));
        ld_expected(c, map, expected);
        return false;
    }
    for (uint32_t i = 0; i < map->n; i++) {
        const ynode *key = YN_KEY(map, i);
        int f = ld_field_index(c, key, names, n, what);
        if (f < 0)
            continue;
        if (found[f]) {
            /* The key node sits just before its value in the kids array. */
            ld_duplicate(c, key, (found[f] - 1)->pos);
            continue;
        }
        found[f] = YN_VAL(map, i);
    }
    return true;
}

void ld_missing(ldctx *c, sp_pos pos, const char *field, const char *what)
{
    ld_error(c, pos, _("%s has no '%s'; it is required"), what, field);
}

/* ---- Scalars ----------------------------------------------------------------------------- */

static bool id_char(char ch, ld_idclass cls, bool first)
{
    bool lower = ch >= 'a' && ch <= 'z', digit = ch >= '0' && ch <= '9';
    bool upper = ch >= 'A' && ch <= 'Z';
    switch (cls) {
    case LD_ID_DIRECTION: return lower || (!first && (digit || ch == '-'));
    case LD_ID_BANK: return lower || (!first && (digit || ch == '-' || ch == '_' || ch == '.'));
    case LD_ID_QUESTION:
        return lower || upper || digit || (!first && (ch == '-' || ch == '_' || ch == '.'));
    case LD_ID_OPTION: return lower || digit || (!first && (ch == '-' || ch == '_'));
    }
    return false;
}

static size_t id_max(ld_idclass cls)
{
    return cls == LD_ID_DIRECTION ? 32 : cls == LD_ID_OPTION ? 16 : 64;
}

static const char *id_pattern(ld_idclass cls)
{
    switch (cls) {
    case LD_ID_DIRECTION: return "[a-z][a-z0-9-]*";
    case LD_ID_BANK: return "[a-z][a-z0-9_.-]*";
    case LD_ID_QUESTION: return "[A-Za-z0-9][A-Za-z0-9_.-]*";
    case LD_ID_OPTION: return "[a-z0-9][a-z0-9_-]*";
    }
    return "";
}

bool ld_ident_valid(const char *s, ld_idclass cls)
{
    size_t n = strlen(s);
    if (n == 0 || n > id_max(cls))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!id_char(s[i], cls, i == 0))
            return false;
    return true;
}

bool ld_ident(ldctx *c, const ynode *n, ld_idclass cls, const char **out)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || yn_is_null(n)) {
        ld_expected(c, n, _("an identifier"));
        return false;
    }
    if (!ld_ident_valid(n->u.str, cls)) {
        ld_error(c, n->pos,
                 _("'%s' is not a valid identifier; expected %s, at most %zu characters"), n->u.str,
                 id_pattern(cls), id_max(cls));
        return false;
    }
    *out = model_strdup(c, n->u.str, n->n);
    return *out != NULL;
}

bool ld_version_valid(const char *s)
{
    int parts = 0, digits = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 9)
                return false;
        } else if (*p == '.' && digits > 0) {
            parts++;
            digits = 0;
        } else {
            return false;
        }
    }
    return parts == 2 && digits > 0;
}

bool ld_version(ldctx *c, const ynode *n, const char **out)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || !ld_version_valid(n->u.str)) {
        ld_expected(c, n, _("a version MAJOR.MINOR.PATCH such as 1.0.0"));
        return false;
    }
    *out = model_strdup(c, n->u.str, n->n);
    return *out != NULL;
}

/* A plain scalar that looks like a number in YAML's JSON-compatible form. */
static bool number_syntax(const char *s, bool integer)
{
    const char *p = s;
    if (*p == '-' || *p == '+')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return false;
    while (*p >= '0' && *p <= '9')
        p++;
    if (integer)
        return *p == '\0';
    if (*p == '.') {
        p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '-' || *p == '+')
            p++;
        if (!(*p >= '0' && *p <= '9'))
            return false;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return *p == '\0';
}

/* A number in quotes is a string, and "found '3'" would read as if 3 had been refused: say
 * why. True when n was such a string (reported). */
/* Reports a number field that does not hold what it should. The message is formatted only
 * here: valid numbers, by far the most common, cost no formatting. */
static void bad_number(ldctx *c, const ynode *n, bool integer, double min, double max)
{
    char expected[96];
    if (integer)
        snprintf(expected, sizeof(expected), _("a whole number from %ld to %ld"), (long)min,
                 (long)max);
    else
        snprintf(expected, sizeof(expected), _("a number from %g to %g"), min, max);
    if (n->type == YN_SCALAR && !n->plain && number_syntax(n->u.str, false))
        ld_error(c, n->pos,
                 _("expected %s, found the quoted string \"%s\"; write numbers "
                   "without quotes"),
                 expected, n->u.str);
    else
        ld_expected(c, n, expected);
}

bool ld_int_text(const char *s, long min, long max, long *out)
{
    if (!number_syntax(s, true))
        return false;
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool ld_number_text(const char *s, double min, double max, double *out)
{
    if (!number_syntax(s, false))
        return false;
    double v = strtod(s, NULL);
    if (!isfinite(v) || v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool ld_int(ldctx *c, const ynode *n, long min, long max, long *out)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || !n->plain || !ld_int_text(n->u.str, min, max, out)) {
        bad_number(c, n, true, (double)min, (double)max);
        return false;
    }
    return true;
}

bool ld_number(ldctx *c, const ynode *n, double min, double max, double *out)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || !n->plain || !ld_number_text(n->u.str, min, max, out)) {
        bad_number(c, n, false, min, max);
        return false;
    }
    return true;
}

bool ld_bool(ldctx *c, const ynode *n, bool *out)
{
    if (n->bad)
        return false;
    if (n->type == YN_SCALAR && n->plain && strcmp(n->u.str, "true") == 0) {
        *out = true;
        return true;
    }
    if (n->type == YN_SCALAR && n->plain && strcmp(n->u.str, "false") == 0) {
        *out = false;
        return true;
    }
    if (n->type == YN_SCALAR && !n->plain &&
        (strcmp(n->u.str, "true") == 0 || strcmp(n->u.str, "false") == 0))
        ld_error(c, n->pos,
                 _("expected true or false, found the quoted string \"%s\"; write it without "
                   "quotes"),
                 n->u.str);
    else
        ld_expected(c, n, _("true or false"));
    return false;
}

bool ld_string(ldctx *c, const ynode *n, const char *expected, const char **out)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || yn_is_null(n) || n->n == 0) {
        ld_expected(c, n, _(expected));
        return false;
    }
    *out = model_strdup(c, n->u.str, n->n);
    return *out != NULL;
}

int ld_enum(ldctx *c, const ynode *n, const char *const *words)
{
    if (n->bad)
        return -1;
    size_t count = 0;
    while (words[count])
        count++;
    if (n->type == YN_SCALAR)
        for (size_t i = 0; i < count; i++)
            if (strcmp(n->u.str, words[i]) == 0)
                return (int)i;
    sp_buf b = {0};
    sp_buf_puts(&b, _("one of "));
    join_names(&b, words, count);
    const char *near = n->type == YN_SCALAR ? suggest(n->u.str, words, count) : NULL;
    if (near)
        sp_buf_printf(&b, _(" (did you mean '%s'?)"), near);
    ld_expected(c, n, sp_buf_str(&b) ? sp_buf_str(&b) : "");
    sp_buf_free(&b);
    return -1;
}

bool ld_lang_valid(const char *s)
{
    size_t i = 0;
    while (s[i] >= 'a' && s[i] <= 'z')
        i++;
    if (i < 2 || i > 3)
        return false;
    if (s[i] == '\0')
        return true;
    if (s[i] != '-')
        return false;
    size_t j = ++i;
    while ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
           (s[j] >= '0' && s[j] <= '9'))
        j++;
    return s[j] == '\0' && j - i >= 2 && j - i <= 8;
}

/* ---- Texts ------------------------------------------------------------------------------- */

/* expected is an untranslated N_() string, translated only when a message is made: this runs
 * for every text of every file (about four times per question). */
static bool text_string(ldctx *c, const ynode *n, const char *expected)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || yn_is_null(n) || n->n == 0) {
        ld_expected(c, n, _(expected));
        return false;
    }
    return true;
}

static const char *const text_expected =
    N_("text (a string, or a mapping such as {en: \"...\", zh: \"...\"})");

/* A mapping of language tag to string. */
static bool text_map(ldctx *c, const ynode *n, sp_text *out)
{
    if (n->n == 0) {
        ld_expected(c, n, _("text in at least one language"));
        return false;
    }
    if (n->n > SP_LIMIT_LANGUAGES) {
        ld_error(c, n->pos, _("text in %u languages; the limit is %d"), n->n, SP_LIMIT_LANGUAGES);
        return false;
    }
    sp_text_entry *v = model_alloc(c, n->n * sizeof(*v));
    if (!v)
        return false;
    bool ok = true;
    for (uint32_t i = 0; i < n->n; i++) {
        const ynode *k = YN_KEY(n, i), *s = YN_VAL(n, i);
        if (!k->bad && !ld_lang_valid(k->u.str)) {
            ld_error(c, k->pos, _("'%s' is not a language tag; expected a tag such as en or zh"),
                     k->u.str);
            ok = false;
            continue;
        }
        for (uint32_t j = 0; j < i; j++) {
            if (strcmp(YN_KEY(n, j)->u.str, k->u.str) == 0) {
                ld_duplicate(c, k, YN_KEY(n, j)->pos);
                ok = false;
            }
        }
        if (k->bad || !text_string(c, s, N_("a string: the text in this language"))) {
            ok = false;
            continue;
        }
        v[i].lang = model_strdup(c, k->u.str, k->n);
        v[i].str = model_strdup(c, s->u.str, s->n);
    }
    out->entries = v;
    out->count = n->n;
    return ok && !ld_stopped(c);
}

bool ld_text(ldctx *c, const ynode *n, sp_text *out)
{
    *out = (sp_text){.pos = n->pos};
    if (n->type == YN_MAP) {
        if (text_map(c, n, out))
            return true;
        *out = (sp_text){.pos = n->pos}; /* a partial text is no text */
        return false;
    }
    if (!text_string(c, n, text_expected))
        return false;
    sp_text_entry *v = model_alloc(c, sizeof(*v));
    if (!v)
        return false;
    v->lang = NULL;
    v->str = model_strdup(c, n->u.str, n->n);
    out->entries = v;
    out->count = 1;
    return v->str != NULL;
}

bool ld_text_list(ldctx *c, const ynode *n, sp_text_list *out)
{
    *out = (sp_text_list){0};
    if (n->bad)
        return false;
    if (n->type != YN_SEQ) {
        ld_expected(c, n, _("a list of texts"));
        return false;
    }
    sp_text *items = n->n ? model_alloc(c, n->n * sizeof(*items)) : NULL;
    if (n->n && !items)
        return false;
    bool ok = true;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n->n; i++) {
        if (ld_text(c, &n->u.kids[i], &items[kept]))
            kept++;
        else
            ok = false;
    }
    out->items = items;
    out->count = kept;
    return ok;
}

/* ---- Weights ----------------------------------------------------------------------------- */

void ld_unknown_direction(ldctx *c, sp_pos pos, const char *id)
{
    const sp_directions *d = c->dirs;
    const char *names[SP_MAX_DIRECTIONS];
    for (uint32_t i = 0; i < d->count; i++)
        names[i] = d->items[i].id;
    const char *near = suggest(id, names, d->count);
    sp_buf b = {0};
    join_names(&b, names, d->count);
    if (near)
        ld_error(c, pos, _("'%s' is not a direction; did you mean '%s'?"), id, near);
    else
        ld_error(c, pos, _("'%s' is not a direction; expected one of: %s"), id,
                 sp_buf_str(&b) ? sp_buf_str(&b) : "");
    sp_buf_free(&b);
}

/* Reads one direction id -> weight pair into w; false after reporting a problem. */
static bool weight_pair(ldctx *c, const ynode *k, const ynode *v, bool positive_only, sp_weight *w)
{
    const char *id;
    if (!ld_ident(c, k, LD_ID_DIRECTION, &id))
        return false;
    w->dir = id;
    w->pos = k->pos;
    w->dir_index = -1;
    bool ok = true;
    if (c->dirs) {
        w->dir_index = sp_directions_find(c->dirs, id);
        if (w->dir_index < 0) {
            ld_unknown_direction(c, k->pos, id);
            ok = false;
        }
    }
    if (!ld_number(c, v, positive_only ? 0 : -10, 10, &w->value))
        return false;
    if (w->value == 0) {
        ld_error(c, v->pos,
                 positive_only ? _("weight 0 measures nothing; expected a number above 0")
                               : _("weight 0 moves nothing; expected a non-zero number from "
                                   "-10 to 10, or leave the direction out"));
        return false;
    }
    return ok;
}

bool ld_weights(ldctx *c, const ynode *n, bool positive_only, const sp_weight **out,
                uint32_t *count)
{
    *out = NULL;
    *count = 0;
    if (n->bad)
        return false;
    if (n->type != YN_MAP) {
        ld_expected(c, n, _("a mapping of direction to weight, such as {infra: 1.0}"));
        return false;
    }
    if (n->n > SP_MAX_DIRECTIONS) {
        ld_error(c, n->pos, _("%u weights; there are at most %d directions"), n->n,
                 SP_MAX_DIRECTIONS);
        return false;
    }
    sp_weight *w = n->n ? model_alloc(c, n->n * sizeof(*w)) : NULL;
    if (n->n && !w)
        return false;
    bool ok = true;
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n->n; i++) {
        const ynode *k = YN_KEY(n, i);
        bool dup = false;
        for (uint32_t j = 0; j < i && !dup; j++) {
            if (strcmp(YN_KEY(n, j)->u.str, k->u.str) == 0) {
                ld_duplicate(c, k, YN_KEY(n, j)->pos);
                dup = true;
            }
        }
        if (!dup && weight_pair(c, k, YN_VAL(n, i), positive_only, &w[kept]))
            kept++;
        else
            ok = false;
    }
    *out = w;
    *count = kept;
    return ok;
}
