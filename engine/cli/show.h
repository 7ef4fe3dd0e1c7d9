/* What `signpost show` shows: a verified (or not) result, seen through the quiz it was taken
 * with when that quiz is available. Shared by the text and JSON output (cmd_show.c) and the
 * share card (card.c). */
#ifndef SP_CLI_SHOW_H
#define SP_CLI_SHOW_H

#include <stdio.h>

#include "verifier.h"

typedef struct show_view {
    const char *path;
    const verifier *v;
    const sp_verify_report *rep;
    const sp_result *r;        /* rep->result: never NULL in a view */
    const sp_directions *dirs; /* the quiz's directions, or NULL: ids are shown */
    const char *lang;          /* the language shown: --lang, else the interface's */
    int width;                 /* the text's columns */
    bool color;                /* the text's colours */
} show_view;

/* The name of direction id in the language shown: the short name when want_short, the full
 * one otherwise; the id itself without the quiz. Never NULL. */
const char *show_dir_name(const show_view *s, const char *id, bool want_short);

/* The recorded score of direction id, or NULL. */
const sp_result_score *show_score(const show_view *s, const char *id);

/* The verdict in a few words for the card: "verified", "altered after signing", ... */
const char *show_verdict_words(const sp_verify_report *rep);

/* Writes the share card as a standalone SVG document. */
void card_svg(const show_view *s, FILE *out);

#endif
