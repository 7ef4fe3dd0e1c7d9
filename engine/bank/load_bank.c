/* The loader of bank/1 files. Questions are streamed one at a time, so that the nodes of only
 * one question are in memory besides the model being built. */
#include <stdlib.h>
#include <string.h>

#include "base/idmap.h"
#include "bank/loaders.h"

enum { Q_ID, Q_KIND, Q_TEXT, Q_KEYS, Q_OPTIONS, Q_ANSWER, Q_EXPLAIN, Q_TOPIC, Q_LEVEL, Q_FIELDS };

static const char *const question_fields[Q_FIELDS] = {
    "id", "kind", "text", "keys", "options", "answer", "explain", "topic", "level",
};

#define BIT(f) (1u << (f))

/* The fields each kind allows and requires, indexed by sp_kind. */
static const unsigned kind_allows[SP_KIND_COUNT] = {
    BIT(Q_ID) | BIT(Q_KIND) | BIT(Q_TEXT) | BIT(Q_KEYS),
    BIT(Q_ID) | BIT(Q_KIND) | BIT(Q_TEXT) | BIT(Q_OPTIONS),
    BIT(Q_ID) | BIT(Q_KIND) | BIT(Q_TEXT) | BIT(Q_KEYS) | BIT(Q_OPTIONS) | BIT(Q_ANSWER) |
        BIT(Q_EXPLAIN) | BIT(Q_TOPIC) | BIT(Q_LEVEL),
};
static const unsigned kind_requires[SP_KIND_COUNT] = {
    BIT(Q_ID) | BIT(Q_KIND) | BIT(Q_TEXT) | BIT(Q_KEYS),
    BIT(Q_ID) | BIT(Q_KIND) | BIT(Q_TEXT) | BIT(Q_OPTIONS),
    BIT(Q_ID) | BIT(Q_KIND) | BIT(Q_TEXT) | BIT(Q_OPTIONS) | BIT(Q_ANSWER) | BIT(Q_LEVEL),
};

static const char *const kind_words[] = {"likert", "choice", "knowledge", NULL};

/* The state of one bank's load. */
typedef struct bank_load {
    sp_vec questions; /* sp_question */
    sp_idmap ids;     /* question id -> sp_pos of its first use (in the tmp arena) */
    size_t items;     /* entries read, including questions with errors */
    bool seen;        /* the questions key was there */
    bool too_many;
} bank_load;

/* ---- Options ----------------------------------------------------------------------------- */

enum { O_ID, O_TEXT, O_WEIGHTS, O_FIXED, O_FIELDS };
static const char *const option_fields[O_FIELDS] = {"id", "text", "weights", "fixed"};

static bool load_option(ldctx *c, const ynode *n, sp_kind kind, sp_option *o)
{
    const ynode *f[O_FIELDS];
    if (!ld_fields(c, n, option_fields, O_FIELDS, N_("option"), f))
        return false;
    bool ok = true;
    o->pos = n->pos;
    if (!f[O_ID]) {
        ld_missing(c, n->pos, "id", _("the option"));
        ok = false;
    } else {
        ok = ld_ident(c, f[O_ID], LD_ID_OPTION, &o->id) && ok;
    }
    if (!f[O_TEXT]) {
        ld_missing(c, n->pos, "text", _("the option"));
        ok = false;
    } else {
        ok = ld_text(c, f[O_TEXT], &o->text) && ok;
    }
    if (f[O_WEIGHTS] && kind == SP_KIND_KNOWLEDGE) {
        ld_error(c, (f[O_WEIGHTS] - 1)->pos,
                 _("options of a knowledge question carry no weights; what counts is whether "
                   "the answer is right (use 'keys' on the question for the directions it "
                   "measures)"));
        ok = false;
    } else if (f[O_WEIGHTS]) {
        ok = ld_weights(c, f[O_WEIGHTS], false, &o->weights, &o->nweights) && ok;
    }
    if (f[O_FIXED])
        ok = ld_bool(c, f[O_FIXED], &o->fixed) && ok;
    return ok;
}

static bool load_options(ldctx *c, const ynode *n, sp_question *q)
{
    if (n->type != YN_SEQ) {
        ld_expected(c, n, _("a list of options"));
        return false;
    }
    if (n->n < 2) {
        ld_error(c, n->pos, _("a %s question needs at least 2 options, found %u"),
                 sp_kind_name(q->kind), n->n);
        return false;
    }
    if (n->n > SP_MAX_OPTIONS) {
        ld_error(c, n->pos, _("%u options; a question has at most %d"), n->n, SP_MAX_OPTIONS);
        return false;
    }
    sp_option *opts = sp_arena_alloc(c->model, n->n * sizeof(*opts));
    if (!opts)
        return false;
    bool ok = true;
    for (uint32_t i = 0; i < n->n; i++) {
        ok = load_option(c, &n->u.kids[i], q->kind, &opts[i]) && ok;
        for (uint32_t j = 0; j < i && opts[i].id; j++) {
            if (opts[j].id && strcmp(opts[j].id, opts[i].id) == 0) {
                ld_error(c, opts[i].pos, _("option id '%s' is used twice (first at line %u)"),
                         opts[i].id, opts[j].pos.line);
                ok = false;
            }
        }
    }
    q->options = opts;
    q->noptions = n->n;
    return ok;
}

/* ---- Answers ----------------------------------------------------------------------------- */

/* Appends "a, b, c" of q's option ids. */
static void option_list(sp_buf *b, const sp_question *q)
{
    for (uint32_t i = 0; i < q->noptions; i++)
        sp_buf_printf(b, "%s%s", i ? ", " : "", q->options[i].id ? q->options[i].id : "?");
}

static bool answer_one(ldctx *c, const ynode *n, sp_question *q)
{
    if (n->bad)
        return false;
    if (n->type != YN_SCALAR || yn_is_null(n)) {
        ld_expected(c, n, _("an option id"));
        return false;
    }
    int i = sp_question_option(q, n->u.str);
    if (i < 0) {
        sp_buf b = {0};
        option_list(&b, q);
        ld_error(c, n->pos, _("answer '%s' names no option; expected one of: %s"), n->u.str,
                 sp_buf_str(&b) ? sp_buf_str(&b) : "");
        sp_buf_free(&b);
        return false;
    }
    if (q->answer & (1u << i)) {
        ld_error(c, n->pos, _("answer '%s' is listed twice"), n->u.str);
        return false;
    }
    q->answer |= 1u << i;
    return true;
}

static bool load_answer(ldctx *c, const ynode *n, sp_question *q)
{
    bool ok = true;
    if (n->type == YN_SEQ) {
        if (n->n == 0) {
            ld_expected(c, n, _("at least one correct option"));
            return false;
        }
        for (uint32_t i = 0; i < n->n; i++)
            ok = answer_one(c, &n->u.kids[i], q) && ok;
    } else {
        ok = answer_one(c, n, q);
    }
    if (ok && q->answer == (1u << q->noptions) - 1)
        ld_warning(c, n->pos, _("every option is correct, so the question measures nothing"));
    return ok;
}

/* ---- Questions --------------------------------------------------------------------------- */

static void question_what(const sp_question *q, char *buf, size_t size)
{
    if (q->id)
        snprintf(buf, size, _("question '%s'"), q->id);
    else
        snprintf(buf, size, "%s", _("the question"));
}

/* Reports fields present but not allowed for the kind, and required ones missing. */
static bool check_kind_fields(ldctx *c, const ynode *n, const ynode **f, sp_question *q)
{
    bool ok = true;
    for (int i = 0; i < Q_FIELDS; i++) {
        if (f[i] && !(kind_allows[q->kind] & BIT(i))) {
            ld_error(c, (f[i] - 1)->pos, _("'%s' does not apply to a %s question; remove it"),
                     question_fields[i], sp_kind_name(q->kind));
            f[i] = NULL;
            ok = false;
        } else if (!f[i] && (kind_requires[q->kind] & BIT(i))) {
            char what[128]; /* made only now: translating it costs a gettext call */
            question_what(q, what, sizeof(what));
            ld_missing(c, n->pos, question_fields[i], what);
            ok = false;
        }
    }
    return ok;
}

static bool load_kind_fields(ldctx *c, const ynode **f, sp_question *q)
{
    bool ok = true;
    if (f[Q_OPTIONS])
        ok = load_options(c, f[Q_OPTIONS], q) && ok;
    if (f[Q_KEYS]) {
        ok = ld_weights(c, f[Q_KEYS], q->kind == SP_KIND_KNOWLEDGE, &q->keys, &q->nkeys) && ok;
        if (q->kind == SP_KIND_LIKERT && f[Q_KEYS]->type == YN_MAP && f[Q_KEYS]->n == 0) {
            ld_error(c, f[Q_KEYS]->pos,
                     _("a likert question needs at least one key, such as {infra: 1.0}"));
            ok = false;
        }
    }
    if (f[Q_ANSWER] && q->options)
        ok = load_answer(c, f[Q_ANSWER], q) && ok;
    if (f[Q_LEVEL]) {
        long level = 0;
        ok = ld_int(c, f[Q_LEVEL], 1, 4, &level) && ok;
        q->level = (uint8_t)level;
    }
    if (f[Q_EXPLAIN])
        ok = ld_text(c, f[Q_EXPLAIN], &q->explain) && ok;
    if (f[Q_TOPIC])
        ok = ld_text(c, f[Q_TOPIC], &q->topic) && ok;
    return ok;
}

static void warn_weak_question(ldctx *c, const ynode *n, const sp_question *q)
{
    if (q->kind == SP_KIND_KNOWLEDGE && q->explain.count == 0)
        ld_warning(c, n->pos,
                   _("knowledge question '%s' has no 'explain'; takers learn from the "
                     "explanation in the review"),
                   q->id);
    if (q->kind == SP_KIND_CHOICE && q->options) {
        bool any = false;
        for (uint32_t i = 0; i < q->noptions; i++)
            any = any || q->options[i].nweights > 0;
        if (!any)
            ld_warning(c, n->pos,
                       _("no option of choice question '%s' has weights, so it "
                         "moves no direction"),
                       q->id);
    }
}

static bool load_question(ldctx *c, const ynode *n, sp_question *q)
{
    const ynode *f[Q_FIELDS];
    if (!ld_fields(c, n, question_fields, Q_FIELDS, N_("question"), f))
        return false;
    q->pos = n->pos;
    bool ok = true;
    if (f[Q_ID])
        ok = ld_ident(c, f[Q_ID], LD_ID_QUESTION, &q->id);
    int kind = -1;
    if (f[Q_KIND])
        kind = ld_enum(c, f[Q_KIND], kind_words);
    if (kind < 0) {
        if (!f[Q_KIND]) {
            char what[128];
            question_what(q, what, sizeof(what));
            ld_missing(c, n->pos, "kind", what);
        }
        return false; /* without a kind, the other fields cannot be judged */
    }
    q->kind = (sp_kind)kind;
    ok = check_kind_fields(c, n, f, q) && ok;
    if (f[Q_TEXT])
        ok = ld_text(c, f[Q_TEXT], &q->text) && ok;
    ok = load_kind_fields(c, f, q) && ok;
    if (ok)
        warn_weak_question(c, n, q);
    return ok;
}

/* Registers q's id, even for a question with other errors, so that a duplicate is found
 * either way; reports a duplicate within the bank. */
static bool register_id(ldctx *c, bank_load *bl, const sp_question *q)
{
    sp_pos *pos = sp_arena_alloc(&c->tmp, sizeof(*pos));
    const void *old = NULL;
    int rc = pos ? sp_idmap_put(&bl->ids, q->id, pos, &old) : -1;
    if (rc < 0) {
        c->r.oom = c->r.fatal = true;
        return false;
    }
    *pos = q->pos;
    if (rc == 0) {
        const sp_pos *first = old;
        ld_error(c, q->pos, _("question id '%s' is used twice (first at line %u)"), q->id,
                 first->line);
        return false;
    }
    return true;
}

static bool stream_questions(ldctx *c, const ynode *key, void *arg)
{
    bank_load *bl = arg;
    sp_pos pos;
    bl->seen = true;
    if (!yr_seq_begin(&c->r, &pos)) {
        if (ld_stopped(c))
            return false;
        ynode *v = yr_value(&c->r, &c->tmp);
        if (v)
            ld_expected(c, v, _("a list of questions"));
        return v != NULL;
    }
    for (;;) {
        ynode *item;
        int rc = yr_seq_item(&c->r, &c->item, &item);
        if (rc <= 0) {
            if (rc == 0 && bl->items == 0)
                ld_error(c, key->pos, _("the bank has no questions; expected at least one"));
            return rc == 0;
        }
        /* An item cut short by a syntax error right after it is not judged. */
        if (!yr_peek(&c->r)) {
            sp_arena_reset(&c->item);
            return false;
        }
        /* Items with errors count too, or a file of broken items would escape the limit. */
        if (bl->items++ >= SP_LIMIT_QUESTIONS) {
            if (!bl->too_many)
                ld_error(c, item->pos, _("more than %d questions; that is over the limit"),
                         SP_LIMIT_QUESTIONS);
            bl->too_many = true;
            return false; /* stop reading: the rest of a huge file is not worth the time */
        }
        sp_question q = {0};
        bool ok = load_question(c, item, &q);
        ok = q.id && register_id(c, bl, &q) && ok;
        sp_question *slot = ok ? sp_vec_push(&bl->questions, sizeof(q)) : NULL;
        if (slot)
            *slot = q;
        else if (ok)
            c->r.oom = c->r.fatal = true;
        sp_arena_reset(&c->item);
        if (ld_stopped(c))
            return false;
    }
}

/* ---- The bank ---------------------------------------------------------------------------- */

enum { B_SIGNPOST, B_ID, B_VERSION, B_DIRECTION, B_TITLE, B_DESCRIPTION, B_QUESTIONS, B_FIELDS };
static const char *const bank_fields[B_FIELDS] = {
    "signpost", "id", "version", "direction", "title", "description", "questions",
};

/* Gives knowledge questions without keys the bank's direction, now that it is known. */
static void default_keys(ldctx *c, sp_bank *b, sp_question *qs, size_t n)
{
    int index = c->dirs && b->direction ? sp_directions_find(c->dirs, b->direction) : -1;
    sp_weight *w = NULL;
    for (size_t i = 0; i < n; i++) {
        if (qs[i].kind != SP_KIND_KNOWLEDGE || qs[i].nkeys > 0)
            continue;
        if (!b->direction) {
            ld_error(c, qs[i].pos,
                     _("knowledge question '%s' has no 'keys' and the bank has no 'direction'; "
                       "say which direction it measures"),
                     qs[i].id);
            continue;
        }
        if (!w && !(w = sp_arena_alloc(c->model, sizeof(*w)))) {
            c->r.oom = true;
            return;
        }
        *w = (sp_weight){b->direction, index, 1.0, qs[i].pos};
        qs[i].keys = w;
        qs[i].nkeys = 1;
    }
}

/* The bank's direction: given, or the bank id when that names a direction. */
static void bank_direction(ldctx *c, const ynode *node, sp_bank *b)
{
    if (node) {
        if (ld_ident(c, node, LD_ID_DIRECTION, &b->direction) && c->dirs &&
            sp_directions_find(c->dirs, b->direction) < 0)
            ld_unknown_direction(c, node->pos, b->direction);
    } else if (b->id && ld_ident_valid(b->id, LD_ID_DIRECTION) &&
               (!c->dirs || sp_directions_find(c->dirs, b->id) >= 0)) {
        b->direction = b->id;
    }
}

void ld_bank_body(ldctx *c, sp_pos root, const ynode *tag, sp_bank *b)
{
    bank_load bl = {0};
    const ynode *f[B_FIELDS] = {tag};
    if (!ld_root(c, bank_fields, B_FIELDS, N_("a bank"), f, B_QUESTIONS, stream_questions, &bl))
        goto done;
    static const int required[] = {B_ID, B_VERSION, B_TITLE};
    for (size_t i = 0; i < SP_ARRAY_LEN(required); i++)
        if (!f[required[i]])
            ld_missing(c, root, bank_fields[required[i]], _("the bank"));
    if (!bl.seen)
        ld_missing(c, root, "questions", _("the bank"));
    if (f[B_ID])
        ld_ident(c, f[B_ID], LD_ID_BANK, &b->id);
    if (f[B_VERSION])
        ld_version(c, f[B_VERSION], &b->version);
    if (f[B_TITLE])
        ld_text(c, f[B_TITLE], &b->title);
    if (f[B_DESCRIPTION])
        ld_text(c, f[B_DESCRIPTION], &b->description);
    bank_direction(c, f[B_DIRECTION], b);
    default_keys(c, b, bl.questions.data, bl.questions.len);
    if (ld_failed(c))
        goto done;
    sp_question *qs =
        sp_arena_memdup(c->model, bl.questions.data, bl.questions.len, sizeof(sp_question));
    if (!qs) {
        c->r.oom = true;
        goto done;
    }
    for (size_t i = 0; i < bl.questions.len; i++)
        qs[i].bank = b;
    b->questions = qs;
    b->nquestions = bl.questions.len;
done:
    sp_vec_free(&bl.questions);
    sp_idmap_free(&bl.ids);
}
