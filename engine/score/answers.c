/* Answer files for batch mode, and the text form of one answer. */
#include "signpost/answers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/idmap.h"
#include "signpost/load.h"
#include "bank/yread.h"

/* One entry of the file: a question id and the option ids (or number, or skip) given. */
typedef struct entry {
    const char *id;
    const char **values;
    uint32_t nvalues;
    bool list;
    sp_pos pos;
} entry;

struct sp_answers {
    sp_arena arena;
    sp_idmap ids; /* question id -> entry */
    const char *name;
};

void sp_answers_free(sp_answers *a)
{
    if (!a)
        return;
    sp_idmap_free(&a->ids);
    sp_arena_free(&a->arena);
    free(a);
}

/* ---- Parsing ----------------------------------------------------------------------------- */

static bool scalar_value(yreader *r, const ynode *n, const char **out)
{
    if (n->type != YN_SCALAR || yn_is_null(n)) {
        char what[96];
        if (!n->bad)
            yr_error(r, n->pos,
                     _("expected an answer (a number 1-5, an option id or skip), "
                       "found %s"),
                     yn_describe(n, what, sizeof(what)));
        return false;
    }
    *out = n->u.str; /* the node lives in the answers' arena */
    return true;
}

/* Turns the value node of one entry into e's values. */
static bool read_values(yreader *r, sp_arena *a, const ynode *v, entry *e)
{
    if (v->type != YN_SEQ) {
        e->values = sp_arena_alloc(a, sizeof(*e->values));
        e->nvalues = 1;
        return e->values && scalar_value(r, v, &e->values[0]);
    }
    e->list = true;
    if (v->n > SP_MAX_OPTIONS) {
        yr_error(r, v->pos, _("%u option ids; a question has at most %d options"), v->n,
                 SP_MAX_OPTIONS);
        return false;
    }
    e->values = sp_arena_alloc(a, (v->n ? v->n : 1) * sizeof(*e->values));
    if (!e->values)
        return false;
    bool ok = true;
    for (uint32_t i = 0; i < v->n; i++)
        ok = scalar_value(r, &v->u.kids[i], &e->values[e->nvalues++]) && ok;
    return ok;
}

/* Reads one `id: answer` pair after its key. */
static bool read_entry(yreader *r, sp_answers *ans, const ynode *key, size_t *count)
{
    ynode *v = yr_value(r, &ans->arena);
    entry *e = sp_arena_alloc(&ans->arena, sizeof(*e));
    if (!v || !e)
        return false;
    if (++*count > SP_LIMIT_ANSWERS) {
        yr_error(r, key->pos, _("more than %d answers; that is over the limit"), SP_LIMIT_ANSWERS);
        return false;
    }
    e->id = key->u.str;
    e->pos = v->pos;
    if (!read_values(r, &ans->arena, v, e))
        return true; /* reported; go on to find the other problems */
    const void *old = NULL;
    int rc = sp_idmap_put(&ans->ids, e->id, e, &old);
    if (rc < 0) {
        r->oom = r->fatal = true;
        return false;
    }
    if (rc == 0)
        yr_error(r, key->pos, _("question '%s' is answered twice (first at line %u)"), e->id,
                 ((const entry *)old)->pos.line);
    return true;
}

static void read_file(yreader *r, sp_answers *ans)
{
    sp_pos root;
    if (!yr_begin(r, &root))
        return;
    size_t count = 0;
    for (;;) {
        ynode key;
        int rc = yr_key(r, &ans->arena, &key);
        if (rc <= 0) {
            if (rc == 0)
                yr_end(r);
            return;
        }
        if (!read_entry(r, ans, &key, &count))
            return;
    }
}

/* Runs the reader and hands over the answers when the file had no errors. */
static int finish(yreader *r, sp_answers *ans, size_t errors_before, sp_answers **out)
{
    read_file(r, ans);
    int rc = r->oom ? SP_ENOMEM : sp_diags_errors(r->diags) > errors_before ? SP_EINPUT : 0;
    yr_fini(r);
    if (rc) {
        sp_answers_free(ans);
        return rc;
    }
    *out = ans;
    return 0;
}

int sp_answers_parse(const char *name, const char *buf, size_t len, sp_diags *diags,
                     sp_answers **out)
{
    *out = NULL;
    if (len > SP_LIMIT_FILE_SIZE) {
        sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){0, 0},
                     _("the file is larger than the limit of %u MiB"),
                     SP_LIMIT_FILE_SIZE / (1024 * 1024));
        return SP_ELIMIT;
    }
    sp_answers *ans = calloc(1, sizeof(*ans));
    yreader r;
    if (!ans || yr_init(&r, name, buf, len, diags) != 0) {
        free(ans);
        return SP_ENOMEM;
    }
    ans->name = sp_arena_strndup(&ans->arena, name, strlen(name));
    r.file = ans->name;
    return finish(&r, ans, sp_diags_errors(diags), out);
}

int sp_answers_load(const char *path, sp_diags *diags, sp_answers **out)
{
    *out = NULL;
    int fd = sp_input_open(path, 0); /* a regular file; never blocks (fileio.h) */
    if (fd < 0) {
        sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0}, _("cannot read the file: %s"),
                     sp_input_strerror(path, errno));
        return SP_EIO;
    }
    sp_answers *ans = calloc(1, sizeof(*ans));
    yreader r;
    if (!ans || yr_init_fd(&r, path, fd, diags) != 0) {
        free(ans);
        close(fd);
        return SP_ENOMEM;
    }
    ans->name = sp_arena_strndup(&ans->arena, path, strlen(path));
    r.file = ans->name;
    int rc = finish(&r, ans, sp_diags_errors(diags), out);
    close(fd);
    return rc;
}

/* ---- Answers for one question ------------------------------------------------------------ */

static void option_ids(const sp_question *q, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (uint32_t i = 0; i < q->noptions && used < size; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", q->options[i].id);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

static int likert_from(const char *s, sp_answer *a, char *why, size_t whysize)
{
    if (s[0] >= '1' && s[0] <= '5' && s[1] == '\0') {
        a->state = SP_ANSWER_GIVEN;
        a->value = (uint8_t)(s[0] - '0');
        return 0;
    }
    snprintf(why, whysize, "%s", _("expected a whole number from 1 to 5, or skip"));
    return SP_EINPUT;
}

static int options_from(const sp_question *q, const char *const *ids, size_t n, sp_answer *a,
                        char *why, size_t whysize)
{
    char list[256];
    for (size_t i = 0; i < n; i++) {
        int o = sp_question_option(q, ids[i]);
        if (o < 0) {
            option_ids(q, list, sizeof(list));
            snprintf(why, whysize, _("'%s' is not an option; expected one of: %s"), ids[i], list);
            return SP_EINPUT;
        }
        if (a->chosen & (1u << o)) {
            snprintf(why, whysize, _("option '%s' is given twice"), ids[i]);
            return SP_EINPUT;
        }
        a->chosen |= 1u << o;
    }
    a->state = SP_ANSWER_GIVEN;
    return 0;
}

int sp_answer_from_ids(const sp_question *q, const char *const *ids, size_t n, bool list,
                       sp_answer *a, char *why, size_t whysize)
{
    *a = (sp_answer){0};
    if (!list && n == 1 && strcmp(ids[0], "skip") == 0) {
        a->state = SP_ANSWER_SKIP;
        return 0;
    }
    if (q->kind == SP_KIND_LIKERT)
        return likert_from(list || n != 1 ? "" : ids[0], a, why, whysize);
    if (n == 0 || (list && q->kind == SP_KIND_CHOICE) ||
        (n > 1 && !(q->kind == SP_KIND_KNOWLEDGE && (q->answer & (q->answer - 1))))) {
        snprintf(why, whysize, "%s",
                 n == 0 ? _("expected at least one option id")
                        : _("this question takes one option; give a single option id"));
        return SP_EINPUT;
    }
    return options_from(q, ids, n, a, why, whysize);
}

int sp_answer_format(const sp_question *q, const sp_answer *a, char *buf, size_t size)
{
    if (a->state == SP_ANSWER_SKIP || a->state == SP_ANSWER_NONE)
        return snprintf(buf, size, "skip");
    if (q->kind == SP_KIND_LIKERT)
        return snprintf(buf, size, "%u", a->value);
    bool several = q->kind == SP_KIND_KNOWLEDGE && (q->answer & (q->answer - 1));
    size_t used = 0;
    int total = 0;
    for (uint32_t i = 0; i < q->noptions; i++) {
        if (!(a->chosen & (1u << i)))
            continue;
        const char *sep = total == 0 ? (several ? "[" : "") : ", ";
        int k = snprintf(buf + used, used < size ? size - used : 0, "%s%s", sep, q->options[i].id);
        total += k;
        used = (size_t)total;
    }
    if (several)
        total += snprintf(buf + used, used < size ? size - used : 0, "]");
    return total;
}

bool sp_answers_has(const sp_answers *a, const char *id)
{
    return sp_idmap_get(&a->ids, id) != NULL;
}

/* ---- Applying a file to a form ----------------------------------------------------------- */

static bool apply_one(const sp_answers *ans, const sp_form_item *it, size_t index,
                      sp_missing missing, sp_diags *diags, sp_answer *a)
{
    const entry *e = sp_idmap_get(&ans->ids, it->q->id);
    if (!e) {
        if (missing == SP_MISSING_SKIP) {
            a->state = SP_ANSWER_SKIP;
            return true;
        }
        sp_diags_add(diags, SP_SEV_ERROR, ans->name, (sp_pos){0, 0},
                     _("no answer for question '%s' (item %zu of the form); answer it, write "
                       "skip, or use --missing=skip"),
                     it->q->id, index + 1);
        return false;
    }
    char why[512];
    if (sp_answer_from_ids(it->q, e->values, e->nvalues, e->list, a, why, sizeof(why)) == 0)
        return true;
    sp_diags_add(diags, SP_SEV_ERROR, ans->name, e->pos, _("answer to %s question '%s': %s"),
                 sp_kind_name(it->q->kind), it->q->id, why);
    return false;
}

int sp_answers_apply(const sp_answers *ans, const sp_form *form, sp_missing missing,
                     sp_diags *diags, sp_response *out)
{
    bool ok = true;
    for (size_t i = 0; i < sp_form_count(form); i++) {
        const sp_form_item *it = sp_form_item_at(form, i);
        out[i] = (sp_response){.q = it->q};
        ok = apply_one(ans, it, i, missing, diags, &out[i].a) && ok;
    }
    return ok ? 0 : SP_EINPUT;
}
