/* The checks that need a whole quiz: languages of every text, and whether the banks can
 * measure every direction. */
#include "bank/quizcheck.h"

#include <stdlib.h>
#include <string.h>

#include "signpost/score.h"

#include "base/util.h"

/* ---- Languages --------------------------------------------------------------------------- */

typedef struct lang_check {
    const sp_manifest *m;
    sp_diags *diags;
    int errors;
} lang_check;

/* Reports each declared language that text t (in file) lacks. what names the text: an
 * untranslated N_() string, translated only when a message is made, since this runs for every
 * text of the quiz. */
static void need_langs(lang_check *lc, const char *file, const sp_text *t, const char *what)
{
    if (t->count == 0)
        return;
    for (uint32_t i = 0; i < lc->m->nlanguages; i++) {
        const char *lang = lc->m->languages[i];
        if (sp_text_has(t, lang))
            continue;
        sp_diags_add(lc->diags, SP_SEV_ERROR, file, t->pos,
                     _("%s has no '%s' version, which quiz %s requires of every text"), _(what),
                     lang, lc->m->id ? lc->m->id : "");
        lc->errors++;
    }
}

static void need_list(lang_check *lc, const char *file, const sp_text_list *l, const char *what)
{
    for (uint32_t i = 0; i < l->count; i++)
        need_langs(lc, file, &l->items[i], what);
}

static void langs_of_direction(lang_check *lc, const char *file, const sp_direction *d)
{
    const sp_text *texts[] = {&d->name,  &d->short_name,   &d->summary,   &d->barrier_why,
                              &d->suits, &d->step_project, &d->step_tool, &d->step_read};
    for (size_t i = 0; i < SP_ARRAY_LEN(texts); i++) {
        /* A missing short name is the name itself, already checked. */
        if (texts[i] == &d->short_name && d->short_name.entries == d->name.entries)
            continue;
        need_langs(lc, file, texts[i], N_("this text"));
    }
    need_list(lc, file, &d->roles, N_("this role"));
    need_list(lc, file, &d->work, N_("this text"));
    need_list(lc, file, &d->skills, N_("this skill"));
}

static void langs_of_bank(lang_check *lc, const sp_bank *b)
{
    need_langs(lc, b->path, &b->title, N_("the title"));
    for (size_t i = 0; i < b->nquestions; i++) {
        const sp_question *q = &b->questions[i];
        need_langs(lc, b->path, &q->text, N_("the question text"));
        need_langs(lc, b->path, &q->explain, N_("the explanation"));
        need_langs(lc, b->path, &q->topic, N_("the topic"));
        for (uint32_t o = 0; o < q->noptions; o++)
            need_langs(lc, b->path, &q->options[o].text, N_("the option text"));
    }
}

static int check_languages(const sp_manifest *m, const sp_directions *dirs,
                           const sp_bank *const *banks, size_t n, sp_diags *diags)
{
    lang_check lc = {m, diags, 0};
    need_langs(&lc, m->path, &m->title, N_("the title"));
    need_langs(&lc, m->path, &m->description, N_("the description"));
    for (uint32_t i = 0; i < dirs->count; i++)
        langs_of_direction(&lc, dirs->path, &dirs->items[i]);
    for (size_t i = 0; i < n; i++)
        langs_of_bank(&lc, banks[i]);
    return lc.errors ? SP_EINPUT : 0;
}

/* ---- Coverage of directions -------------------------------------------------------------- */

/* What the banks offer each direction. */
typedef struct coverage {
    size_t interest[SP_MAX_DIRECTIONS];  /* likert and choice items that can move it */
    size_t knowledge[SP_MAX_DIRECTIONS]; /* knowledge items that measure it */
} coverage;

/* A choice item moves d when its options do not all give d the same weight. */
static bool choice_moves(const sp_question *q, int d)
{
    double lo = 0, hi = 0;
    for (uint32_t o = 0; o < q->noptions; o++) {
        double w = 0;
        for (uint32_t k = 0; k < q->options[o].nweights; k++)
            if (q->options[o].weights[k].dir_index == d)
                w = q->options[o].weights[k].value;
        if (o == 0 || w < lo)
            lo = w;
        if (o == 0 || w > hi)
            hi = w;
    }
    return hi > lo;
}

static void count_question(const sp_question *q, int ndirs, coverage *cov)
{
    for (int d = 0; d < ndirs; d++) {
        bool keyed = false;
        for (uint32_t k = 0; k < q->nkeys; k++)
            keyed = keyed || q->keys[k].dir_index == d;
        if (q->kind == SP_KIND_LIKERT && keyed)
            cov->interest[d]++;
        else if (q->kind == SP_KIND_KNOWLEDGE && keyed)
            cov->knowledge[d]++;
        else if (q->kind == SP_KIND_CHOICE && choice_moves(q, d))
            cov->interest[d]++;
    }
}

/* The coverage of the directions is a property of the quiz, the banks the manifest puts
 * together: the warnings go to the manifest's line that names the directions file (which may
 * be one the author did not write, such as the shipped one), and say where the direction is
 * defined. */
static void warn_coverage(const sp_manifest *m, const sp_directions *dirs,
                          const sp_bank *const *banks, size_t n, sp_diags *diags)
{
    coverage cov = {{0}, {0}};
    for (size_t b = 0; b < n; b++)
        for (size_t i = 0; i < banks[b]->nquestions; i++)
            count_question(&banks[b]->questions[i], (int)dirs->count, &cov);
    for (uint32_t d = 0; d < dirs->count; d++) {
        const sp_direction *dir = &dirs->items[d];
        if (cov.interest[d] == 0 && cov.knowledge[d] == 0)
            sp_diags_add(diags, SP_SEV_WARNING, m->path, m->directions_pos,
                         _("no item of the quiz can raise direction '%s' (%s:%u): no likert key, "
                           "option weight or knowledge item names it"),
                         dir->id, dirs->path, dir->pos.line);
        else if (cov.knowledge[d] == 0)
            sp_diags_add(diags, SP_SEV_WARNING, m->path, m->directions_pos,
                         _("direction '%s' (%s:%u) has no knowledge items, so its aptitude cannot "
                           "be measured and its fit rests on interest alone"),
                         dir->id, dirs->path, dir->pos.line);
    }
}

/* ---- Can every direction come first? ----------------------------------------------------- */

static double weight_for(const sp_weight *w, uint32_t n, int d)
{
    for (uint32_t k = 0; k < n; k++)
        if (w[k].dir_index == d)
            return w[k].value;
    return 0;
}

/* The option of a choice item that favours d most; among equals, the one that gives the
 * other directions least. */
static uint32_t best_option(const sp_question *q, int d)
{
    uint32_t best = 0;
    double best_w = 0, best_rest = 0;
    for (uint32_t o = 0; o < q->noptions; o++) {
        const sp_option *opt = &q->options[o];
        double w = weight_for(opt->weights, opt->nweights, d), rest = 0;
        for (uint32_t k = 0; k < opt->nweights; k++)
            if (opt->weights[k].dir_index != d && opt->weights[k].value > 0)
                rest += opt->weights[k].value;
        if (o == 0 || w > best_w || (w == best_w && rest < best_rest)) {
            best = o;
            best_w = w;
            best_rest = rest;
        }
    }
    return best;
}

/* The answer most in favour of d: agree with its keyed statements, disagree with its
 * reverse-keyed ones, stay neutral elsewhere; pick its options; know its knowledge items
 * and skip the others. */
static sp_answer favour(const sp_question *q, int d)
{
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    double w = weight_for(q->keys, q->nkeys, d);
    if (q->kind == SP_KIND_LIKERT)
        a.value = w > 0 ? 5 : w < 0 ? 1 : 3;
    else if (q->kind == SP_KIND_CHOICE)
        a.chosen = 1u << best_option(q, d);
    else if (w > 0)
        a.chosen = q->answer;
    else
        a.state = SP_ANSWER_SKIP;
    return a;
}

/* Whether an item of the quiz is d's own: a statement keyed for it, a knowledge item that
 * measures it, or any item of a bank whose direction it is. A direction that only options of
 * other directions' scenarios touch is not one the quiz sets out to measure. */
static bool has_own_items(const sp_directions *dirs, const sp_bank *const *banks, size_t n, int d)
{
    for (size_t b = 0; b < n; b++) {
        if (banks[b]->direction && strcmp(banks[b]->direction, dirs->items[d].id) == 0 &&
            banks[b]->nquestions > 0)
            return true;
        for (size_t i = 0; i < banks[b]->nquestions; i++) {
            const sp_question *q = &banks[b]->questions[i];
            if (q->kind != SP_KIND_CHOICE && weight_for(q->keys, q->nkeys, d) > 0)
                return true;
        }
    }
    return false;
}

/* How much answer a to q adds to direction rival, in the item's own units: enough to tell
 * which item raises it most. */
static double raises(const sp_question *q, const sp_answer *a, int rival)
{
    if (a->state != SP_ANSWER_GIVEN)
        return 0;
    if (q->kind == SP_KIND_LIKERT)
        return (a->value - 3) * weight_for(q->keys, q->nkeys, rival);
    if (q->kind == SP_KIND_CHOICE) {
        for (uint32_t o = 0; o < q->noptions; o++)
            if (a->chosen & (1u << o))
                return weight_for(q->options[o].weights, q->options[o].nweights, rival);
        return 0;
    }
    return weight_for(q->keys, q->nkeys, rival);
}

/* The item that, answered in favour of its direction, raises rival most, or NULL. */
static const sp_question *raises_most(const sp_response *r, size_t total, int rival,
                                      const sp_bank *const *banks, size_t n, const char **path)
{
    const sp_question *best = NULL;
    double most = 0;
    size_t i = 0;
    for (size_t b = 0; b < n; b++)
        for (size_t q = 0; q < banks[b]->nquestions; q++, i++) {
            double w = i < total ? raises(r[i].q, &r[i].a, rival) : 0;
            if (w > most) {
                most = w;
                best = r[i].q;
                *path = banks[b]->path;
            }
        }
    return best;
}

/* Reports that d cannot come first, at the item of its answers that raises rival most (the one
 * to change), or at the manifest when none does. */
static void report_cannot_lead(const sp_manifest *m, const sp_directions *dirs, int d,
                               const sp_outcome *o, int rival, const sp_bank *const *banks,
                               size_t n, const sp_response *r, size_t total, sp_diags *diags)
{
    const char *path = NULL;
    const sp_question *q = raises_most(r, total, rival, banks, n, &path);
    const char *how = o->primary == d ? _("ties with") : _("loses to");
    if (q)
        sp_diags_add(diags, SP_SEV_WARNING, path, q->pos,
                     _("direction '%s' cannot come first: even a taker who answers every item in "
                       "its favour %s '%s' (fit %.3f against %.3f); of its items, this one raises "
                       "'%s' most"),
                     dirs->items[d].id, how, dirs->items[rival].id, o->scores[d].fit,
                     o->scores[rival].fit, dirs->items[rival].id);
    else
        sp_diags_add(diags, SP_SEV_WARNING, m->path, m->directions_pos,
                     _("direction '%s' (%s:%u) cannot come first: even a taker who answers every "
                       "item in its favour %s '%s' (fit %.3f against %.3f)"),
                     dirs->items[d].id, dirs->path, dirs->items[d].pos.line, how,
                     dirs->items[rival].id, o->scores[d].fit, o->scores[rival].fit);
}

static int warn_cannot_lead(const sp_manifest *m, const sp_directions *dirs,
                            const sp_bank *const *banks, size_t n, sp_diags *diags)
{
    size_t total = 0;
    for (size_t b = 0; b < n; b++)
        total += banks[b]->nquestions;
    sp_response *r = calloc(total ? total : 1, sizeof(*r));
    if (!r)
        return SP_ENOMEM;
    for (uint32_t d = 0; d < dirs->count; d++) {
        if (!has_own_items(dirs, banks, n, (int)d))
            continue; /* the quiz does not set out to measure it (and coverage said so) */
        size_t i = 0;
        for (size_t b = 0; b < n; b++)
            for (size_t q = 0; q < banks[b]->nquestions; q++, i++)
                r[i] =
                    (sp_response){&banks[b]->questions[q], favour(&banks[b]->questions[q], (int)d)};
        sp_outcome o;
        if (sp_score(dirs, &m->scoring, r, total, &o) != 0 || o.nranked == 0)
            continue;
        if (!o.scores[d].has_interest && !o.scores[d].has_aptitude)
            continue; /* no item names it: already reported as such */
        int rival = o.primary != (int)d ? o.primary : o.exact_tie ? o.ranking[1] : -1;
        if (rival >= 0)
            report_cannot_lead(m, dirs, (int)d, &o, rival, banks, n, r, total, diags);
    }
    free(r);
    return 0;
}

/* ---- Draws ------------------------------------------------------------------------------- */

static void warn_draws(const sp_manifest *m, const sp_bank *const *banks, size_t n, sp_diags *diags)
{
    for (size_t b = 0; b < n && b < m->nbanks; b++) {
        size_t have[SP_KIND_COUNT] = {0};
        for (size_t i = 0; i < banks[b]->nquestions; i++)
            have[banks[b]->questions[i].kind]++;
        for (int k = 0; k < SP_KIND_COUNT; k++) {
            int want = m->banks[b].draw.count[k];
            if (want != SP_DRAW_ALL && (size_t)want > have[k])
                sp_diags_add(diags, SP_SEV_WARNING, m->path, m->banks[b].pos,
                             _("the quiz draws %d %s items from '%s', which has only %zu; all "
                               "of them will be asked"),
                             want, sp_kind_name((sp_kind)k), banks[b]->id, have[k]);
        }
    }
}

int sp_quizcheck_rules(const sp_manifest *m, const sp_directions *dirs, const sp_bank *const *banks,
                       size_t n, bool languages, sp_diags *diags)
{
    int rc = languages ? check_languages(m, dirs, banks, n, diags) : 0;
    warn_coverage(m, dirs, banks, n, diags);
    warn_draws(m, banks, n, diags);
    return rc;
}

int sp_quizcheck(const sp_manifest *m, const sp_directions *dirs, const sp_bank *const *banks,
                 size_t n, sp_diags *diags)
{
    int rc = sp_quizcheck_rules(m, dirs, banks, n, true, diags);
    if (warn_cannot_lead(m, dirs, banks, n, diags) == SP_ENOMEM)
        return SP_ENOMEM;
    return rc;
}
