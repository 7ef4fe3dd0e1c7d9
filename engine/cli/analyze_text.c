/* signpost analyze: the terminal report. Every line fits in 80 columns; text from files (item
 * ids, paths, messages) is neutralised by wrap.c. */
#include <math.h>
#include <string.h>

#include "analyze_out.h"
#include "cli.h"
#include "wrap.h"

#define WIDTH   80
#define ID_COLS 34

static void para(FILE *out, const char *text, int indent)
{
    char lead[16];
    snprintf(lead, sizeof(lead), "%*s", indent, "");
    wrap_style st = {.width = WIDTH, .indent = indent, .lead = lead};
    wrap_print(out, text, &st);
}

/* A figure with the given decimals, or "–" when there is none. */
static void fig(FILE *out, sp_stat s, int width, int decimals)
{
    if (s.state == SP_STAT_OK)
        fprintf(out, " %*.*f", width, decimals, s.value);
    else
        fprintf(out, " %*s", width, "-");
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

/* ---- Files ----------------------------------------------------------------------------------- */

static void print_unverified(const analyze_run *run, FILE *out)
{
    uint64_t n = analyze_unverified_total(run);
    if (!n)
        return;
    sp_buf b = {0};
    sp_buf_printf(&b,
                  "WARNING: of the %llu results analysed, %llu %s NOT VERIFIED "
                  "(--include-unverified):",
                  (unsigned long long)run->analysed, (unsigned long long)n, n == 1 ? "is" : "are");
    for (int r = 0; r < REASON_COUNT; r++)
        if (run->unverified[r])
            sp_buf_printf(&b, " %llu %s;", (unsigned long long)run->unverified[r],
                          analyze_reason_words(r));
    sp_buf_puts(&b, " anyone could have written or changed them, and every figure below "
                    "counts them.");
    para(out, sp_buf_str(&b) ? sp_buf_str(&b) : "", 0);
    sp_buf_free(&b);
    fputc('\n', out);
}

static void print_left_out(const analyze_run *run, FILE *out)
{
    uint64_t total = analyze_left_total(run);
    if (!total)
        return;
    fprintf(out, "Left out: %llu\n", (unsigned long long)total);
    for (int r = 0; r < REASON_COUNT; r++) {
        const analyze_reason *lr = &run->left[r];
        if (!lr->count)
            continue;
        fprintf(out, "  %6llu  %s\n", (unsigned long long)lr->count, analyze_reason_words(r));
        for (size_t i = 0; i < lr->nfiles; i++) {
            sp_buf b = {0};
            sp_buf_printf(&b, "%s: %s", lr->files[i].path, lr->files[i].message);
            para(out, sp_buf_str(&b) ? sp_buf_str(&b) : "", 10);
            sp_buf_free(&b);
        }
        if (lr->count > lr->nfiles)
            fprintf(out, "%10s... and %llu more\n", "",
                    (unsigned long long)(lr->count - lr->nfiles));
    }
    fputc('\n', out);
}

/* ---- The cohort ------------------------------------------------------------------------------ */

static void print_primary(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    fprintf(out, "  %-14s %8s %7s\n", "Top direction", "results", "share");
    for (uint32_t d = 0; d <= nd; d++) {
        uint64_t n = d < nd ? c->primary[d] : c->no_primary;
        if (d == nd && n == 0)
            break;
        fprintf(out, "  ");
        wrap_pad(out, d < nd ? analyze_dir_id(a, (int)d) : "none measured", 14);
        fprintf(out, " %8llu %6.1f%%  ", (unsigned long long)n, pct(n, c->results));
        int bar = (int)lround(pct(n, c->results) * 40 / 100);
        for (int i = 0; i < bar; i++)
            fputc('#', out);
        fputc('\n', out);
    }
    fprintf(out,
            "  Near tie %.1f%% (%llu)   Flat profile %.1f%% (%llu close fits, %llu same "
            "answers)\n",
            pct(c->near_tie, c->results), (unsigned long long)c->near_tie,
            pct(c->flat_close + c->flat_same, c->results), (unsigned long long)c->flat_close,
            (unsigned long long)c->flat_same);
    fprintf(out,
            "  Level: entry %llu, advanced %llu, professional %llu, expert %llu, "
            "none %llu\n",
            (unsigned long long)c->level[1], (unsigned long long)c->level[2],
            (unsigned long long)c->level[3], (unsigned long long)c->level[4],
            (unsigned long long)c->level[0]);
}

static void print_fits(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    fprintf(out, "\n  %-14s %8s %7s %7s %9s %9s\n", "Fit", "results", "mean", "SD", "interest",
            "aptitude");
    for (uint32_t d = 0; d < nd; d++) {
        const sp_dir_summary *s = &c->dirs[d];
        fprintf(out, "  ");
        wrap_pad(out, analyze_dir_id(a, (int)d), 14);
        fprintf(out, " %8llu", (unsigned long long)s->n);
        fig(out, s->mean, 7, 3);
        fig(out, s->sd, 7, 3);
        fig(out, s->interest, 9, 3);
        fig(out, s->aptitude, 9, 3);
        fputc('\n', out);
    }
}

static void print_skipped(const sp_analysis *a, FILE *out)
{
    size_t idx[5];
    size_t n = sp_analysis_most_skipped(a, idx, 5);
    if (!n) {
        fprintf(out, "\n  No item was skipped.\n");
        return;
    }
    fprintf(out, "\n  Skipped most%*s%8s %8s\n", ID_COLS - 12, "", "skipped", "of seen");
    for (size_t i = 0; i < n; i++) {
        const sp_item_stats *st = sp_analysis_item(a, idx[i]);
        fprintf(out, "  ");
        wrap_pad(out, st->q->id, ID_COLS);
        fprintf(out, "%8llu %8llu  %5.1f%%\n", (unsigned long long)st->skipped,
                (unsigned long long)st->seen, pct(st->skipped, st->seen));
    }
}

/* ---- Scales ---------------------------------------------------------------------------------- */

static void print_scales(const sp_analysis *a, FILE *out)
{
    fprintf(out, "\nScales: Cronbach's alpha from pairwise item covariances, for a form of the\n"
                 "mean number of items a result had (/form) and for the whole pool; SEM in\n"
                 "score units (0-1)\n");
    fprintf(out, "  %-12s %-9s %5s %5s %7s %6s %6s %6s %6s %6s\n", "direction", "scale", "items",
            "/form", "results", "mean", "SD", "alpha", "pool", "SEM");
    for (size_t i = 0; i < sp_analysis_scale_count(a); i++) {
        const sp_scale_stats *s = sp_analysis_scale(a, i);
        if (!s->items)
            continue;
        fprintf(out, "  ");
        wrap_pad(out, analyze_dir_id(a, s->dir), 12);
        fprintf(out, " %-9s %5u %5.1f %7llu", s->knowledge ? "knowledge" : "interest", s->items,
                s->form_items, (unsigned long long)s->results);
        fig(out, s->mean, 6, 3);
        fig(out, s->sd, 6, 3);
        fig(out, s->alpha, 6, 3);
        fig(out, s->alpha_pool, 6, 3);
        fig(out, s->sem, 6, 3);
        fputc('\n', out);
    }
}

/* ---- Items ----------------------------------------------------------------------------------- */

static void flag_letters(const sp_item_stats *st, FILE *out)
{
    static const char letters[] = "NEOUeHG";
    if (st->flags)
        fputc(' ', out);
    for (int i = 0; i < 7; i++)
        if (st->flags & (1u << i))
            fputc(letters[i], out);
    fputc('\n', out);
}

static void print_knowledge(const sp_analysis *a, FILE *out)
{
    fprintf(out, "\nKnowledge items: F facility %%, RG random guess %%, DI discrimination index,\n"
                 "DE discriminative efficiency %% (Moodle's definitions, against the rest of\n"
                 "the item's direction's knowledge score)\n");
    fprintf(out, "  %-*s %6s %6s %5s %6s %6s flags\n", ID_COLS, "item", "seen", "F", "RG", "DI",
            "DE");
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        const sp_item_stats *st = sp_analysis_item(a, i);
        if (st->q->kind != SP_KIND_KNOWLEDGE)
            continue;
        fprintf(out, "  ");
        wrap_pad(out, st->q->id, ID_COLS);
        fprintf(out, " %6llu", (unsigned long long)st->seen);
        fig(out, st->facility, 6, 1);
        fprintf(out, " %5.1f", st->random_guess);
        fig(out, st->discrimination, 6, 1);
        fig(out, st->efficiency, 6, 1);
        flag_letters(st, out);
    }
}

/* The item's correlation with its own scale, and the highest with another direction's. */
static void own_and_best_other(const sp_analysis *a, const sp_item_stats *st, FILE *out)
{
    sp_stat own = st->own_dir >= 0 ? st->dirs[st->own_dir].r : (sp_stat){SP_STAT_NONE, 0};
    fig(out, own, 5, 2);
    int best = -1;
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    for (uint32_t d = 0; d < nd; d++)
        if (!st->dirs[d].own && st->dirs[d].r.state == SP_STAT_OK &&
            (best < 0 || st->dirs[d].r.value > st->dirs[best].r.value))
            best = (int)d;
    fig(out, best >= 0 ? st->dirs[best].r : (sp_stat){SP_STAT_NONE, 0}, 5, 2);
}

static void print_likert(const sp_analysis *a, FILE *out)
{
    fprintf(out, "\nLikert items: answers 1-5 in %%, mean, SD; r with the rest of its own\n"
                 "direction's interest, and the highest r with another direction's\n");
    fprintf(out, "  %-27s %4s %3s %3s %3s %3s %3s %3s %3s %5s %5s flags\n", "item", "seen", "1",
            "2", "3", "4", "5", "avg", "SD", "r own", "other");
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        const sp_item_stats *st = sp_analysis_item(a, i);
        if (st->q->kind != SP_KIND_LIKERT)
            continue;
        fprintf(out, "  ");
        wrap_pad(out, st->q->id, 27);
        fprintf(out, " %4llu", (unsigned long long)st->seen);
        for (int v = 0; v < 5; v++)
            fprintf(out, " %3.0f", pct(st->chosen[v], st->answered));
        fig(out, st->mean, 3, 1);
        fig(out, st->sd, 3, 1);
        own_and_best_other(a, st, out);
        flag_letters(st, out);
    }
}

static void print_choice(const sp_analysis *a, FILE *out)
{
    fprintf(out, "\nScenario items: answers by option in %%; r of the weight chosen for its main\n"
                 "direction with the rest of that direction's interest\n");
    fprintf(out, "  %-*s %5s %-24s %6s flags\n", ID_COLS, "item", "seen", " options a b c ...",
            "r own");
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        const sp_item_stats *st = sp_analysis_item(a, i);
        if (st->q->kind != SP_KIND_CHOICE)
            continue;
        fprintf(out, "  ");
        wrap_pad(out, st->q->id, ID_COLS);
        fprintf(out, " %5llu ", (unsigned long long)st->seen);
        char opts[64] = "";
        size_t used = 0;
        for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS && used < 20; o++)
            used += (size_t)snprintf(opts + used, sizeof(opts) - used, " %.0f",
                                     pct(st->chosen[o], st->answered));
        fprintf(out, "%-24s", opts);
        fig(out, st->own_dir >= 0 ? st->dirs[st->own_dir].r : (sp_stat){SP_STAT_NONE, 0}, 6, 2);
        flag_letters(st, out);
    }
}

static void print_flags(const sp_analysis *a, FILE *out)
{
    const sp_analyze_opts *o = sp_analysis_opts(a);
    fprintf(out,
            "\nFlags (N negative, E low efficiency, O other scale, U unchosen option, e too\n"
            "easy, H too hard, G below guess; each needs %u results behind it):\n",
            o->min_n);
    int n = 0;
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        const sp_item_stats *st = sp_analysis_item(a, i);
        for (uint32_t f = 1; f <= SP_FLAG_BELOW_GUESS; f <<= 1) {
            if (!(st->flags & f))
                continue;
            sp_buf b = {0};
            sp_buf_printf(&b, "%s: ", st->q->id);
            analyze_flag_sentence(a, st, f, &b);
            sp_buf_puts(&b, ".");
            para(out, sp_buf_str(&b) ? sp_buf_str(&b) : "", 4);
            sp_buf_free(&b);
            n++;
        }
    }
    if (!n)
        fprintf(out, "  none\n");
}

static void print_group(const analyze_group *g, FILE *out)
{
    const sp_analysis *a = g->analysis;
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    fprintf(out, "== Quiz ");
    wrap_pad(out, g->quiz_id, wrap_width(g->quiz_id) < 30 ? wrap_width(g->quiz_id) : 30);
    fputc(' ', out);
    wrap_pad(out, g->version, wrap_width(g->version) < 16 ? wrap_width(g->version) : 16);
    fprintf(out, ": %llu results", (unsigned long long)c->results);
    if (g->unverified)
        fprintf(out, ", %llu of them NOT VERIFIED", (unsigned long long)g->unverified);
    fprintf(out, " ==\n");
    para(out,
         "Items are drawn at random, so each figure uses the results that saw the item (or "
         "both items of a pair). '-': not computed (too few results, or no variance: everyone "
         "answered alike).",
         0);
    fputc('\n', out);
    print_primary(a, out);
    print_fits(a, out);
    print_skipped(a, out);
    print_scales(a, out);
    print_knowledge(a, out);
    print_likert(a, out);
    print_choice(a, out);
    print_flags(a, out);
}

void analyze_print_text(const analyze_run *run, FILE *out)
{
    fprintf(out, "signpost analyze: %llu files read, %llu results analysed, %llu left out\n\n",
            (unsigned long long)run->read, (unsigned long long)run->analysed,
            (unsigned long long)analyze_left_total(run));
    print_unverified(run, out);
    print_left_out(run, out);
    for (size_t i = 0; i < run->ngroups; i++) {
        if (i)
            fputc('\n', out);
        print_group(&run->groups[i], out);
    }
}
