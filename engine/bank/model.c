/* Read-only helpers over the model. */
#include "signpost/model.h"

#include <string.h>

const sp_scoring SP_SCORING_DEFAULTS = {
    .interest_weight = 0.8,
    .near_tie = 0.05,
    .flat = 0.25,
    .level_pass = 0.6,
    .near_tie_confidence = 0,
};

const char *const sp_scoring_names[SP_SCORING_PARAMS] = {"interest_weight", "near_tie", "flat",
                                                         "level_pass", "near_tie_confidence"};

void sp_scoring_slots(sp_scoring *s, double *out[SP_SCORING_PARAMS])
{
    out[0] = &s->interest_weight;
    out[1] = &s->near_tie;
    out[2] = &s->flat;
    out[3] = &s->level_pass;
    out[4] = &s->near_tie_confidence;
}

bool sp_confidence_z(double c, double *z)
{
    static const double table[][2] = {
        {0.5, 0},         {0.6, 0.253347}, {0.7, 0.524401},  {0.75, 0.674490},  {0.8, 0.841621},
        {0.85, 1.036433}, {0.9, 1.281552}, {0.95, 1.644854}, {0.975, 1.959964}, {0.99, 2.326348},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (table[i][0] == c) {
            *z = table[i][1];
            return true;
        }
    }
    return false;
}

/* The length of lang's primary subtag ("zh" of "zh-TW"). */
static size_t primary_len(const char *lang)
{
    const char *dash = strchr(lang, '-');
    return dash ? (size_t)(dash - lang) : strlen(lang);
}

static const sp_text_entry *find_exact(const sp_text *t, const char *lang)
{
    for (uint32_t i = 0; i < t->count; i++)
        if (t->entries[i].lang && strcmp(t->entries[i].lang, lang) == 0)
            return &t->entries[i];
    return NULL;
}

/* An entry whose primary subtag matches lang's. */
static const sp_text_entry *find_primary(const sp_text *t, const char *lang)
{
    size_t n = primary_len(lang);
    for (uint32_t i = 0; i < t->count; i++) {
        const char *l = t->entries[i].lang;
        if (l && primary_len(l) == n && strncmp(l, lang, n) == 0)
            return &t->entries[i];
    }
    return NULL;
}

static const sp_text_entry *find_neutral(const sp_text *t)
{
    for (uint32_t i = 0; i < t->count; i++)
        if (!t->entries[i].lang)
            return &t->entries[i];
    return NULL;
}

const char *sp_text_get(const sp_text *t, const char *lang)
{
    if (!t || t->count == 0)
        return NULL;
    const sp_text_entry *e = find_neutral(t);
    if (!e && lang)
        e = find_exact(t, lang);
    if (!e && lang)
        e = find_primary(t, lang);
    if (!e)
        e = find_exact(t, "en");
    if (!e)
        e = &t->entries[0];
    return e->str;
}

bool sp_text_has(const sp_text *t, const char *lang)
{
    if (!t || t->count == 0)
        return false;
    return find_neutral(t) || find_exact(t, lang) || find_primary(t, lang);
}

int sp_directions_find(const sp_directions *dirs, const char *id)
{
    for (uint32_t i = 0; i < dirs->count; i++)
        if (strcmp(dirs->items[i].id, id) == 0)
            return (int)i;
    return -1;
}

const char *sp_kind_name(sp_kind kind)
{
    switch (kind) {
    case SP_KIND_LIKERT: return "likert";
    case SP_KIND_CHOICE: return "choice";
    case SP_KIND_KNOWLEDGE: return "knowledge";
    }
    return "?";
}

int sp_question_option(const sp_question *q, const char *id)
{
    /* An option whose id had an error has none; the rest of the question is still checked. */
    for (uint32_t i = 0; i < q->noptions; i++)
        if (q->options[i].id && strcmp(q->options[i].id, id) == 0)
            return (int)i;
    return -1;
}
