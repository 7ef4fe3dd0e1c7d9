/* signpost analyze: the terminal report. Every line fits in 80 columns; text from files (item
 * ids, paths, messages) is neutralised by wrap.c. */
#include <math.h>
#include <stdlib.h>
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

/* A column heading (trusted text, translated) padded to cols display columns on the right, so
 * that Chinese headings line up too; a longer one is printed whole. */
static void head_left(FILE *out, const char *label, int cols)
{
    int w = wrap_width(label);
    fprintf(out, "%s%*s", label, cols > w ? cols - w : 0, "");
}

/* The same, padded on the left (a heading over a column of figures). */
static void head_right(FILE *out, const char *label, int cols)
{
    int w = wrap_width(label);
    fprintf(out, "%*s%s", cols > w ? cols - w : 0, "", label);
}

/* One column heading of a table: the label (marked with N_, translated when printed; a
 * symbol that has no translation prints as it is), its width in display columns, negative
 * when the label sits on the left (over text), and the spaces before it. */
typedef struct head_col {
    const char *label;
    int cols;
    int gap;
} head_col;

/* Prints a table's heading line. */
static void print_heads(FILE *out, const head_col *heads, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "%*s", heads[i].gap, "");
        if (heads[i].cols <= 0)
            head_left(out, _(heads[i].label), -heads[i].cols);
        else
            head_right(out, _(heads[i].label), heads[i].cols);
    }
    fputc('\n', out);
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
    /* TRANSLATORS: a list of counts with reasons follows ("3 not signed;"). */
    sp_buf_printf(&b,
                  P_("WARNING: of the %llu results analysed, %llu is NOT VERIFIED "
                     "(--include-unverified):",
                     "WARNING: of the %llu results analysed, %llu are NOT VERIFIED "
                     "(--include-unverified):",
                     n),
                  (unsigned long long)run->analysed, (unsigned long long)n);
    for (int r = 0; r < REASON_COUNT; r++)
        if (run->unverified[r])
            /* TRANSLATORS: one entry of the list above: a count and a reason ("not signed"). */
            sp_buf_printf(&b, _(" %llu %s;"), (unsigned long long)run->unverified[r],
                          analyze_reason_words(r));
    /* TRANSLATORS: ends the warning above. */
    sp_buf_puts(&b, _(" anyone could have written or changed them, and every figure below "
                      "counts them."));
    para(out, sp_buf_str(&b) ? sp_buf_str(&b) : "", 0);
    sp_buf_free(&b);
    fputc('\n', out);
}

static void print_left_out(const analyze_run *run, FILE *out)
{
    uint64_t total = analyze_left_total(run);
    if (!total)
        return;
    fprintf(out, _("Left out: %llu\n"), (unsigned long long)total);
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
            /* TRANSLATORS: after a list of files left out for one reason. */
            fprintf(out, _("%10s... and %llu more\n"), "",
                    (unsigned long long)(lr->count - lr->nfiles));
    }
    fputc('\n', out);
}

/* ---- The cohort ------------------------------------------------------------------------------ */

static void print_primary(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    static const head_col heads[] = {
        /* TRANSLATORS: column headings of analyze's report: keep within 14, 8 and 7 columns. */
        {N_("Top direction"), -14, 2},
        {N_("results"), 8, 1},
        {N_("share"), 7, 1}};
    print_heads(out, heads, SP_ARRAY_LEN(heads));
    for (uint32_t d = 0; d <= nd; d++) {
        uint64_t n = d < nd ? c->primary[d] : c->no_primary;
        if (d == nd && n == 0)
            break;
        fprintf(out, "  ");
        /* TRANSLATORS: in the column of top directions, the results without one (14 columns). */
        wrap_pad(out, d < nd ? analyze_dir_id(a, (int)d) : _("none measured"), 14);
        fprintf(out, " %8llu %6.1f%%  ", (unsigned long long)n, pct(n, c->results));
        int bar = (int)lround(pct(n, c->results) * 40 / 100);
        for (int i = 0; i < bar; i++)
            fputc('#', out);
        fputc('\n', out);
    }
    fprintf(out,
            _("  Near tie %.1f%% (%llu)   Flat profile %.1f%% (%llu close fits, %llu same "
              "answers)\n"),
            pct(c->near_tie, c->results), (unsigned long long)c->near_tie,
            pct(c->flat_close + c->flat_same, c->results), (unsigned long long)c->flat_close,
            (unsigned long long)c->flat_same);
    fprintf(out,
            _("  Level: entry %llu, advanced %llu, professional %llu, expert %llu, "
              "none %llu\n"),
            (unsigned long long)c->level[1], (unsigned long long)c->level[2],
            (unsigned long long)c->level[3], (unsigned long long)c->level[4],
            (unsigned long long)c->level[0]);
}

static void print_fits(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    static const head_col heads[] = {
        /* TRANSLATORS: column headings: keep within 14, 8, 7, 7, 9 and 9 columns. */
        {N_("Fit"), -14, 2}, {N_("results"), 8, 1},  {N_("mean"), 7, 1},
        {N_("SD"), 7, 1},    {N_("interest"), 9, 1}, {N_("aptitude"), 9, 1}};
    fputc('\n', out);
    print_heads(out, heads, SP_ARRAY_LEN(heads));
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
        fputs(_("\n  No item was skipped.\n"), out);
        return;
    }
    static const head_col heads[] = {
        /* TRANSLATORS: column headings: keep within 34, 8 and 8 columns. */
        {N_("Skipped most"), -ID_COLS, 2},
        {N_("skipped"), 8, 0},
        {N_("of seen"), 8, 1}};
    fputc('\n', out);
    print_heads(out, heads, SP_ARRAY_LEN(heads));
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
    /* TRANSLATORS: keep each line within 80 columns. */
    fputs(_("\nScales: Cronbach's alpha from pairwise item covariances, for a form of the\n"
            "mean number of items a result had (/form) and for the whole pool; SEM in\n"
            "score units (0-1)\n"),
          out);
    static const head_col heads[] = {
        /* TRANSLATORS: column headings of the scales: keep within 12, 9, 5, 5, 7 and 6
         * columns; "/form" and "pool" are explained in the text above. */
        {N_("direction"), -12, 2}, {N_("scale"), -9, 1}, {N_("items"), 5, 1}, {N_("/form"), 5, 1},
        {N_("results"), 7, 1},     {N_("mean"), 6, 1},   {N_("SD"), 6, 1},    {N_("alpha"), 6, 1},
        {N_("pool"), 6, 1},        {N_("SEM"), 6, 1},
    };
    print_heads(out, heads, SP_ARRAY_LEN(heads));
    for (size_t i = 0; i < sp_analysis_scale_count(a); i++) {
        const sp_scale_stats *s = sp_analysis_scale(a, i);
        if (!s->items)
            continue;
        fprintf(out, "  ");
        wrap_pad(out, analyze_dir_id(a, s->dir), 12);
        fputc(' ', out);
        /* TRANSLATORS: the kind of a scale, in a column of 9. */
        head_left(out, s->knowledge ? _("knowledge") : _("interest"), 9);
        fprintf(out, " %5u %5.1f %7llu", s->items, s->form_items, (unsigned long long)s->results);
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
    /* TRANSLATORS: keep each line within 80 columns; F, RG, DI and DE are column headings. */
    fputs(_("\nKnowledge items: F facility %, RG random guess %, DI discrimination index,\n"
            "DE discriminative efficiency % (Moodle's definitions, against the rest of\n"
            "the item's direction's knowledge score)\n"),
          out);
    static const head_col heads[] = {{N_("item"), -ID_COLS, 2},
                                     {N_("seen"), 6, 1},
                                     {"F", 6, 1},
                                     {"RG", 5, 1},
                                     {"DI", 6, 1},
                                     {"DE", 6, 1},
                                     {N_("flags"), 0, 1}};
    print_heads(out, heads, SP_ARRAY_LEN(heads));
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
    /* TRANSLATORS: keep each line within 80 columns. */
    fputs(_("\nLikert items: answers 1-5 in %, mean, SD; r with the rest of its own\n"
            "direction's interest, and the highest r with another direction's\n"),
          out);
    static const head_col heads[] = {
        {N_("item"), -27, 2},
        {N_("seen"), 4, 1},
        {"1", 3, 1},
        {"2", 3, 1},
        {"3", 3, 1},
        {"4", 3, 1},
        {"5", 3, 1},
        /* TRANSLATORS: column headings over statements: keep within 3, 3, 5 and 5 columns. */
        {N_("avg"), 3, 1},
        {N_("SD"), 3, 1},
        {N_("r own"), 5, 1},
        {N_("other"), 5, 1},
        {N_("flags"), 0, 1}};
    print_heads(out, heads, SP_ARRAY_LEN(heads));
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
    /* TRANSLATORS: keep each line within 80 columns. */
    fputs(_("\nScenario items: answers by option in %; r of the weight chosen for its main\n"
            "direction with the rest of that direction's interest\n"),
          out);
    static const head_col heads[] = {
        {N_("item"), -ID_COLS, 2},
        {N_("seen"), 5, 1},
        /* TRANSLATORS: the heading over the shares of a scenario's options (23 columns). */
        {N_("options a b c ..."), -23, 2},
        {N_("r own"), 6, 1},
        {N_("flags"), 0, 1}};
    print_heads(out, heads, SP_ARRAY_LEN(heads));
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
    /* TRANSLATORS: the letters are those of the flags column; keep them. Keep each line within
     * 80 columns. */
    fprintf(out,
            _("\nFlags (N negative, E low efficiency, O other scale, U unchosen option, e too\n"
              "easy, H too hard, G below guess; each needs %u results behind it):\n"),
            o->min_n);
    int n = 0;
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        const sp_item_stats *st = sp_analysis_item(a, i);
        for (uint32_t f = 1; f <= SP_FLAG_BELOW_GUESS; f <<= 1) {
            if (!(st->flags & f))
                continue;
            sp_buf why = {0}, b = {0};
            analyze_flag_sentence(a, st, f, &why);
            /* TRANSLATORS: an item id, and why it is flagged. */
            sp_buf_printf(&b, _("%s: %s."), st->q->id, sp_buf_str(&why) ? sp_buf_str(&why) : "");
            para(out, sp_buf_str(&b) ? sp_buf_str(&b) : "", 4);
            sp_buf_free(&why);
            sp_buf_free(&b);
            n++;
        }
    }
    if (!n)
        /* TRANSLATORS: no item is flagged. */
        fprintf(out, "  %s\n", _("none"));
}

static void print_group(const analyze_group *g, FILE *out)
{
    const sp_analysis *a = g->analysis;
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    char id[1024], shortened[1024], version[1100];
    wrap_shorten(g->quiz_id, 30, id, sizeof(id));
    wrap_shorten(g->version, 16, shortened, sizeof(shortened));
    if (g->ambiguous)
        /* TRANSLATORS: a quiz version and the start of its manifest's digest, which tell two
           quizzes with the same id and version apart. */
        snprintf(version, sizeof(version), _("%s (manifest %.12s)"), shortened, g->digest);
    else
        snprintf(version, sizeof(version), "%s", shortened);
    if (g->unverified)
        /* TRANSLATORS: the quiz id and version, the number of results, and how many of them
         * are not verified. */
        fprintf(out,
                P_("== Quiz %s %s: %llu result, %llu of them NOT VERIFIED ==\n",
                   "== Quiz %s %s: %llu results, %llu of them NOT VERIFIED ==\n", c->results),
                id, version, (unsigned long long)c->results, (unsigned long long)g->unverified);
    else
        /* TRANSLATORS: the quiz id and version, and the number of results. */
        fprintf(
            out,
            P_("== Quiz %s %s: %llu result ==\n", "== Quiz %s %s: %llu results ==\n", c->results),
            id, version, (unsigned long long)c->results);
    para(out,
         _("Items are drawn at random, so each figure uses the results that saw the item (or "
           "both items of a pair). '-': not computed (too few results, or no variance: everyone "
           "answered alike)."),
         0);
    if (g->adaptive) {
        char note[512];
        /* TRANSLATORS: how many results of the quiz came from an adaptive quiz. */
        snprintf(note, sizeof(note),
                 P_("%llu result is of an adaptive quiz, which asked only the items its answers "
                    "called for: its item figures describe the takers who were asked each item, "
                    "not a random share of the cohort.",
                    "%llu results are of an adaptive quiz, which asked only the items their "
                    "answers called for: the item figures describe the takers who were asked "
                    "each item, not a random share of the cohort.",
                    g->adaptive),
                 (unsigned long long)g->adaptive);
        para(out, note, 0);
    }
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
    char *counts = analyze_counts(run);
    /* TRANSLATORS: %s is "3 files read, 2 results analysed, 1 left out". */
    fprintf(out, _("signpost analyze: %s\n\n"), counts ? counts : "?");
    free(counts);
    print_unverified(run, out);
    print_left_out(run, out);
    for (size_t i = 0; i < run->ngroups; i++) {
        if (i)
            fputc('\n', out);
        print_group(&run->groups[i], out);
    }
}
