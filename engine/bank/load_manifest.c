/* The loader of quiz/1 manifests. */
#include <string.h>

#include "bank/loaders.h"
#include "signpost/adaptive.h"

enum {
    M_SIGNPOST,
    M_ID,
    M_VERSION,
    M_TITLE,
    M_DESCRIPTION,
    M_LANGUAGES,
    M_DIRECTIONS,
    M_BANKS,
    M_DRAW,
    M_ORDER,
    M_SHUFFLE,
    M_MINUTES,
    M_SCORING,
    M_MODE,
    M_ADAPTIVE,
    M_FIELDS
};
static const char *const manifest_fields[M_FIELDS] = {
    "signpost",        "id",         "version", "title", "description",
    "languages",       "directions", "banks",   "draw",  "order",
    "shuffle_options", "minutes",    "scoring", "mode",  "adaptive",
};

static const char *const order_words[] = {"interleaved", "grouped", "random", NULL};
static const char *const mode_words[] = {"fixed", "adaptive", NULL};

/* Most items an adaptive quiz may be bounded to. */
#define ADAPTIVE_MAX 10000

/* Most items of one kind a draw may ask for (the limit on questions in a bank). */
#define DRAW_MAX SP_LIMIT_QUESTIONS

/* Reads {likert: n, choice: n, knowledge: n} over the counts already in *d. */
static void load_draw(ldctx *c, const ynode *n, sp_draw *d)
{
    static const char *const kinds[SP_KIND_COUNT] = {"likert", "choice", "knowledge"};
    const ynode *f[SP_KIND_COUNT];
    if (!ld_fields(c, n, kinds, SP_KIND_COUNT, N_("draw"), f))
        return;
    for (int k = 0; k < SP_KIND_COUNT; k++) {
        long v;
        if (f[k] && ld_int(c, f[k], 0, DRAW_MAX, &v))
            d->count[k] = (int)v;
    }
}

static void load_languages(ldctx *c, const ynode *n, sp_manifest *m)
{
    if (n->type != YN_SEQ || n->n == 0) {
        ld_expected(c, n, _("a list of language tags, such as [en, zh]"));
        return;
    }
    if (n->n > SP_LIMIT_LANGUAGES) {
        ld_error(c, n->pos, _("%u languages; the limit is %d"), n->n, SP_LIMIT_LANGUAGES);
        return;
    }
    const char **langs = sp_arena_alloc(c->model, n->n * sizeof(*langs));
    if (!langs) {
        c->r.oom = true;
        return;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n->n; i++) {
        const ynode *l = &n->u.kids[i];
        const char *tag;
        if (!ld_string(c, l, N_("a language tag"), &tag))
            continue;
        if (!ld_lang_valid(tag)) {
            ld_error(c, l->pos, _("'%s' is not a language tag; expected a tag such as en or zh"),
                     tag);
            continue;
        }
        bool dup = false;
        for (uint32_t j = 0; j < kept; j++)
            dup = dup || strcmp(langs[j], tag) == 0;
        if (dup)
            ld_error(c, l->pos, _("language '%s' is listed twice"), tag);
        else
            langs[kept++] = tag;
    }
    m->languages = langs;
    m->nlanguages = kept;
}

/* One entry of banks: a path, or {file: path, draw: counts}. */
static bool load_bank_ref(ldctx *c, const ynode *n, const sp_draw *base, sp_bank_ref *ref)
{
    ref->pos = n->pos;
    ref->draw = *base;
    if (n->type == YN_SCALAR)
        return ld_string(c, n, N_("the path of a bank file"), &ref->file);
    static const char *const fields[] = {"file", "draw"};
    const ynode *f[2];
    if (!ld_fields(c, n, fields, 2, N_("bank entry"), f))
        return false;
    if (f[1])
        load_draw(c, f[1], &ref->draw);
    if (!f[0]) {
        ld_missing(c, n->pos, "file", _("the bank entry"));
        return false;
    }
    return ld_string(c, f[0], N_("the path of a bank file"), &ref->file);
}

static void load_banks(ldctx *c, const ynode *n, const sp_draw *base, sp_manifest *m)
{
    if (n->type != YN_SEQ || n->n == 0) {
        ld_expected(c, n, _("a list of bank files"));
        return;
    }
    if (n->n > SP_LIMIT_BANKS) {
        ld_error(c, n->pos, _("%u banks; the limit is %d"), n->n, SP_LIMIT_BANKS);
        return;
    }
    sp_bank_ref *refs = sp_arena_alloc(c->model, n->n * sizeof(*refs));
    if (!refs) {
        c->r.oom = true;
        return;
    }
    uint32_t kept = 0;
    for (uint32_t i = 0; i < n->n; i++) {
        if (!load_bank_ref(c, &n->u.kids[i], base, &refs[kept]))
            continue;
        bool dup = false;
        for (uint32_t j = 0; j < kept && !dup; j++)
            dup = strcmp(refs[j].file, refs[kept].file) == 0;
        if (dup)
            ld_error(c, refs[kept].pos, _("bank '%s' is listed twice"), refs[kept].file);
        else
            kept++;
    }
    m->banks = refs;
    m->nbanks = kept;
}

static void load_scoring(ldctx *c, const ynode *n, sp_scoring *s)
{
    double *out[SP_SCORING_PARAMS];
    sp_scoring_slots(s, out);
    const ynode *f[SP_SCORING_PARAMS];
    if (!ld_fields(c, n, sp_scoring_names, SP_SCORING_PARAMS, N_("scoring"), f))
        return;
    bool read[SP_SCORING_PARAMS] = {false};
    for (int i = 0; i < SP_SCORING_PARAMS; i++)
        read[i] = f[i] && ld_number(c, f[i], 0, 1, out[i]);
    double z;
    if (read[4] && s->near_tie_confidence != 0 && !sp_confidence_z(s->near_tie_confidence, &z))
        ld_error(c, f[4]->pos,
                 _("near_tie_confidence is %g; expected 0 (near ties by the margin alone) or one "
                   "of 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99"),
                 s->near_tie_confidence);
}

/* Reads adaptive: {min_items, max_items, confidence} (scoring.md, section 11). max_items 0
 * stands for every item of the form. */
static void load_adaptive(ldctx *c, const ynode *n, sp_adaptive_bounds *b)
{
    static const char *const names[] = {"min_items", "max_items", "confidence"};
    const ynode *f[3];
    if (!ld_fields(c, n, names, 3, N_("adaptive"), f))
        return;
    long v;
    if (f[0] && ld_int(c, f[0], 1, ADAPTIVE_MAX, &v))
        b->min_items = (uint32_t)v;
    if (f[1] && ld_int(c, f[1], 1, ADAPTIVE_MAX, &v))
        b->max_items = (uint32_t)v;
    double z;
    if (f[2] && ld_number(c, f[2], 0, 1, &b->confidence) && !sp_confidence_z(b->confidence, &z))
        ld_error(c, f[2]->pos,
                 _("confidence is %g; expected one of 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, "
                   "0.975, 0.99"),
                 b->confidence);
    if (f[0] && f[1] && b->max_items && b->min_items > b->max_items)
        ld_error(c, f[0]->pos, _("min_items is %u, more than max_items (%u); expected at most %u"),
                 b->min_items, b->max_items, b->max_items);
}

/* mode: fixed | adaptive, and the adaptive bounds, which only an adaptive quiz may set. */
static void load_mode(ldctx *c, const ynode *const *f, sp_manifest *m)
{
    m->mode = SP_MODE_FIXED;
    if (f[M_MODE]) {
        int o = ld_enum(c, f[M_MODE], mode_words);
        if (o >= 0)
            m->mode = (sp_mode)o;
    }
    if (m->mode == SP_MODE_ADAPTIVE)
        m->adaptive =
            (sp_adaptive_bounds){SP_ADAPTIVE_DEFAULT_MIN, 0, SP_ADAPTIVE_DEFAULT_CONFIDENCE};
    if (!f[M_ADAPTIVE])
        return;
    if (m->mode != SP_MODE_ADAPTIVE) {
        ld_error(c, f[M_ADAPTIVE]->pos,
                 _("adaptive bounds are set, but the quiz is not adaptive; expected mode: adaptive "
                   "beside them, or no adaptive field"));
        return;
    }
    load_adaptive(c, f[M_ADAPTIVE], &m->adaptive);
}

static void load_settings(ldctx *c, const ynode *const *f, sp_manifest *m)
{
    load_mode(c, f, m);
    m->order = SP_ORDER_INTERLEAVED;
    m->shuffle_options = true;
    m->scoring = SP_SCORING_DEFAULTS;
    if (f[M_ORDER]) {
        int o = ld_enum(c, f[M_ORDER], order_words);
        if (o >= 0)
            m->order = (sp_order)o;
    }
    if (f[M_SHUFFLE])
        ld_bool(c, f[M_SHUFFLE], &m->shuffle_options);
    long minutes;
    if (f[M_MINUTES] && ld_int(c, f[M_MINUTES], 1, 600, &minutes))
        m->minutes = (int)minutes;
    if (f[M_SCORING])
        load_scoring(c, f[M_SCORING], &m->scoring);
}

void ld_manifest_body(ldctx *c, sp_pos root, const ynode *tag, sp_manifest *m)
{
    const ynode *f[M_FIELDS] = {tag};
    if (!ld_root(c, manifest_fields, M_FIELDS, N_("a quiz"), f, -1, NULL, NULL))
        return;
    static const int required[] = {M_ID, M_VERSION, M_TITLE, M_LANGUAGES, M_DIRECTIONS, M_BANKS};
    for (size_t i = 0; i < SP_ARRAY_LEN(required); i++)
        if (!f[required[i]])
            ld_missing(c, root, manifest_fields[required[i]], _("the quiz"));
    if (f[M_ID])
        ld_ident(c, f[M_ID], LD_ID_BANK, &m->id);
    if (f[M_VERSION])
        ld_version(c, f[M_VERSION], &m->version);
    if (f[M_TITLE])
        ld_text(c, f[M_TITLE], &m->title);
    if (f[M_DESCRIPTION])
        ld_text(c, f[M_DESCRIPTION], &m->description);
    if (f[M_LANGUAGES])
        load_languages(c, f[M_LANGUAGES], m);
    if (f[M_DIRECTIONS]) {
        ld_string(c, f[M_DIRECTIONS], N_("the path of a directions file"), &m->directions_file);
        m->directions_pos = f[M_DIRECTIONS]->pos;
    }
    sp_draw base = {{SP_DRAW_ALL, SP_DRAW_ALL, SP_DRAW_ALL}};
    if (f[M_DRAW])
        load_draw(c, f[M_DRAW], &base);
    if (f[M_BANKS])
        load_banks(c, f[M_BANKS], &base, m);
    load_settings(c, f, m);
}
