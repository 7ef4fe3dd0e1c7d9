/* The loader of directions/1 files. */
#include <string.h>

#include "bank/loaders.h"

enum {
    D_ID,
    D_NAME,
    D_SHORT,
    D_SUMMARY,
    D_ROLES,
    D_WORK,
    D_BARRIER,
    D_SUITS,
    D_SKILLS,
    D_STEPS,
    D_SOURCES,
    D_FIELDS
};
static const char *const direction_fields[D_FIELDS] = {
    "id",      "name",  "short",  "summary",     "roles",   "work",
    "barrier", "suits", "skills", "first_steps", "sources",
};

static const char *const barrier_words[] = {"low",  "medium",    "medium-high",
                                            "high", "very-high", NULL};

static void load_barrier(ldctx *c, const ynode *n, sp_direction *d)
{
    static const char *const fields[] = {"level", "why"};
    const ynode *f[2];
    if (!ld_fields(c, n, fields, 2, N_("barrier"), f))
        return;
    if (!f[0])
        ld_missing(c, n->pos, "level", _("the barrier"));
    if (!f[1])
        ld_missing(c, n->pos, "why", _("the barrier"));
    int level = f[0] ? ld_enum(c, f[0], barrier_words) : -1;
    if (level >= 0)
        d->barrier = (sp_barrier)(SP_BARRIER_LOW + level);
    if (f[1])
        ld_text(c, f[1], &d->barrier_why);
}

static void load_steps(ldctx *c, const ynode *n, sp_direction *d)
{
    static const char *const fields[] = {"project", "tool", "read"};
    sp_text *out[] = {&d->step_project, &d->step_tool, &d->step_read};
    const ynode *f[3];
    if (!ld_fields(c, n, fields, 3, N_("first_steps"), f))
        return;
    for (int i = 0; i < 3; i++) {
        if (!f[i])
            ld_missing(c, n->pos, fields[i], _("first_steps"));
        else
            ld_text(c, f[i], out[i]);
    }
}

static void load_direction(ldctx *c, const ynode *n, sp_direction *d)
{
    const ynode *f[D_FIELDS];
    if (!ld_fields(c, n, direction_fields, D_FIELDS, N_("direction"), f))
        return;
    d->pos = n->pos;
    static const int required[] = {D_ID, D_NAME, D_SUMMARY};
    for (size_t i = 0; i < SP_ARRAY_LEN(required); i++)
        if (!f[required[i]])
            ld_missing(c, n->pos, direction_fields[required[i]], _("the direction"));
    if (f[D_ID])
        ld_ident(c, f[D_ID], LD_ID_DIRECTION, &d->id);
    sp_text *texts[D_FIELDS] = {[D_NAME] = &d->name,
                                [D_SHORT] = &d->short_name,
                                [D_SUMMARY] = &d->summary,
                                [D_SUITS] = &d->suits};
    sp_text_list *lists[D_FIELDS] = {[D_ROLES] = &d->roles,
                                     [D_WORK] = &d->work,
                                     [D_SKILLS] = &d->skills,
                                     [D_SOURCES] = &d->sources};
    for (int i = 0; i < D_FIELDS; i++) {
        if (f[i] && texts[i])
            ld_text(c, f[i], texts[i]);
        else if (f[i] && lists[i])
            ld_text_list(c, f[i], lists[i]);
    }
    if (f[D_BARRIER])
        load_barrier(c, f[D_BARRIER], d);
    if (f[D_STEPS])
        load_steps(c, f[D_STEPS], d);
    if (d->short_name.count == 0)
        d->short_name = d->name;
}

static void load_list(ldctx *c, const ynode *n, sp_directions *out)
{
    if (n->type != YN_SEQ || n->n == 0) {
        ld_expected(c, n, _("a list of directions"));
        return;
    }
    if (n->n > SP_MAX_DIRECTIONS) {
        ld_error(c, n->pos, _("%u directions; the limit is %d"), n->n, SP_MAX_DIRECTIONS);
        return;
    }
    sp_direction *items = sp_arena_alloc(c->model, n->n * sizeof(*items));
    if (!items) {
        c->r.oom = true;
        return;
    }
    for (uint32_t i = 0; i < n->n; i++) {
        load_direction(c, &n->u.kids[i], &items[i]);
        for (uint32_t j = 0; j < i && items[i].id; j++)
            if (items[j].id && strcmp(items[j].id, items[i].id) == 0)
                ld_error(c, items[i].pos, _("direction '%s' is defined twice (first at line %u)"),
                         items[i].id, items[j].pos.line);
    }
    out->items = items;
    out->count = n->n;
}

enum { S_SIGNPOST, S_VERSION, S_DIRECTIONS, S_FIELDS };
static const char *const file_fields[S_FIELDS] = {"signpost", "version", "directions"};

void ld_directions_body(ldctx *c, sp_pos root, const ynode *tag, sp_directions *out)
{
    const ynode *f[S_FIELDS] = {tag};
    if (!ld_root(c, file_fields, S_FIELDS, N_("a directions file"), f, -1, NULL, NULL))
        return;
    if (!f[S_VERSION])
        ld_missing(c, root, "version", _("the directions file"));
    else
        ld_version(c, f[S_VERSION], &out->version);
    if (!f[S_DIRECTIONS])
        ld_missing(c, root, "directions", _("the directions file"));
    else
        load_list(c, f[S_DIRECTIONS], out);
}
