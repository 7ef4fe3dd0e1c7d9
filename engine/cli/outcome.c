/* Printing an outcome: as JSON for machines (a fixed interface, docs/batch.md), and as a short
 * text summary. */
#include <string.h>

#include "cli.h"
#include "outcome.h"

static void json_score(const char *key, bool has, double v)
{
    if (has)
        printf("\"%s\": %.6f", key, v);
    else
        printf("\"%s\": null", key);
}

static void json_dir_list(const sp_directions *dirs, const uint8_t *list, uint32_t n)
{
    printf("[");
    for (uint32_t i = 0; i < n; i++) {
        printf("%s", i ? ", " : "");
        cli_json_string(stdout, dirs->items[list[i]].id);
    }
    printf("]");
}

static void json_scores(const sp_directions *dirs, const sp_outcome *o)
{
    printf("  \"scores\": {");
    for (uint32_t d = 0; d < o->ndirs; d++) {
        const sp_dir_score *s = &o->scores[d];
        printf("%s\n    ", d ? "," : "");
        cli_json_string(stdout, dirs->items[d].id);
        printf(": {");
        json_score("interest", s->has_interest, s->interest);
        printf(", ");
        json_score("aptitude", s->has_aptitude, s->aptitude);
        printf(", ");
        json_score("fit", s->has_interest || s->has_aptitude, s->fit);
        printf(", ");
        json_score("se", s->has_se, s->fit_se);
        printf(", ");
        json_score("gap_se", s->has_gap_se, s->gap_se);
        printf("}");
    }
    printf("\n  },\n");
}

static void json_drivers(const sp_outcome *o, const sp_response *r)
{
    printf("  \"drivers\": [");
    for (uint32_t i = 0; i < o->ndrivers; i++) {
        const sp_driver *d = &o->drivers[i];
        printf("%s{\"question\": ", i ? ", " : "");
        cli_json_string(stdout, r[d->response].q->id);
        printf(", \"effect\": %.6f}", d->effect);
    }
    printf("],\n");
}

void cli_json_mode(const sp_result_adaptive *ad, const char *pad)
{
    if (!ad) {
        printf("\"mode\": \"fixed\",\n%s\"adaptive\": null", pad);
        return;
    }
    printf("\"mode\": \"adaptive\",\n%s\"adaptive\": {\"min_items\": %u, \"max_items\": %u, "
           "\"confidence\": %.15g, \"stop\": \"%s\", \"after\": %u}",
           pad, ad->bounds.min_items, ad->bounds.max_items, ad->bounds.confidence,
           sp_stop_name(ad->stop), ad->after);
}

/* "mode", "adaptive" (the bounds and the stop) and "asked" (the items in the order asked). */
static void json_adaptive(const sp_result_adaptive *ad, const sp_response *r)
{
    fputs("  ", stdout);
    cli_json_mode(ad, "  ");
    if (!ad) {
        printf(",\n  \"asked\": null,\n");
        return;
    }
    printf(",\n  \"asked\": [");
    for (uint32_t i = 0; i < ad->asked; i++) {
        printf(i ? ", " : "");
        cli_json_string(stdout, r[i].q->id);
    }
    printf("],\n");
}

void cli_outcome_json(const sp_quiz *quiz, uint64_t seed, const char *lang, const sp_outcome *o,
                      const sp_response *r, const sp_result_adaptive *ad, const char *out_path)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    const sp_directions *dirs = sp_quiz_directions(quiz);
    printf("{\n  \"seed\": %llu,\n  \"quiz\": ", (unsigned long long)seed);
    cli_json_string(stdout, m->id);
    printf(",\n  \"quiz_version\": ");
    cli_json_string(stdout, m->version);
    printf(",\n  \"lang\": ");
    cli_json_string(stdout, lang);
    printf(",\n");
    json_scores(dirs, o);
    printf("  \"ranking\": ");
    json_dir_list(dirs, o->ranking, o->nranked);
    printf(",\n  \"primary\": ");
    if (o->primary >= 0)
        cli_json_string(stdout, dirs->items[o->primary].id);
    else
        printf("null");
    printf(",\n  \"near_tie\": ");
    json_dir_list(dirs, o->near_tie, o->nnear_tie);
    if (sp_quiz_manifest(quiz)->scoring.near_tie_confidence > 0)
        printf(",\n  \"settle\": %u", o->settle);
    else
        printf(",\n  \"settle\": null");
    printf(",\n  \"exact_tie\": %s,\n  \"flat\": %s,\n  \"flat_reason\": ",
           o->exact_tie ? "true" : "false", o->flat ? "true" : "false");
    if (o->flat)
        cli_json_string(stdout, sp_flat_name(o->flat));
    else
        printf("null");
    printf(",\n  \"level\": ");
    if (sp_level_name(o->level))
        cli_json_string(stdout, sp_level_name(o->level));
    else
        printf("null");
    printf(",\n");
    json_drivers(o, r);
    json_adaptive(ad, r);
    printf("  \"answered\": %u,\n  \"skipped\": %u,\n  \"out\": ", o->answered, o->skipped);
    if (out_path)
        cli_json_string(stdout, out_path);
    else
        printf("null");
    printf("\n}\n");
}

void cli_outcome_brief(const sp_quiz *quiz, const char *lang, const sp_outcome *o)
{
    const sp_directions *dirs = sp_quiz_directions(quiz);
    for (uint32_t i = 0; i < o->nranked; i++) {
        const sp_direction *d = &dirs->items[o->ranking[i]];
        printf("%2u. %-12s %.3f  %s\n", i + 1, d->id, o->scores[o->ranking[i]].fit,
               sp_text_get(&d->name, lang));
    }
    for (uint32_t d = 0; d < o->ndirs; d++)
        if (!o->scores[d].has_interest && !o->scores[d].has_aptitude)
            printf("    %-12s -      %s\n", dirs->items[d].id, _("(no item measured it)"));
}

void cli_adaptive_stop_text(sp_stop stop, size_t after, const sp_adaptive_bounds *b, char *buf,
                            size_t size)
{
    size_t n = after;
    if (stop == SP_STOP_SETTLED)
        snprintf(buf, size,
                 P_("Settled after %zu question: your top direction leads every other at "
                    "%.0f%% confidence.",
                    "Settled after %zu questions: your top direction leads every other at "
                    "%.0f%% confidence.",
                    n),
                 n, 100 * b->confidence);
    else if (stop == SP_STOP_CURTAILED)
        snprintf(buf, size,
                 P_("Stopped after %zu question: no answers to the questions left could change "
                    "your top direction.",
                    "Stopped after %zu questions: no answers to the questions left could change "
                    "your top direction.",
                    n),
                 n);
    else
        snprintf(buf, size, _("The budget of %u questions was spent."), b->max_items);
}
