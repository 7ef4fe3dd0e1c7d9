/* signpost analyze --html: one self-contained page (inline CSS and SVG, no script, nothing
 * fetched) with the cohort, the charts and the item tables. Text from files is neutralised
 * (safe.c) and escaped for HTML. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analyze_out.h"
#include "cli.h"
#include "safe.h"

static const char *const palette[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
                                      "#76b7b2", "#edc948", "#b07aa1", "#9c755f"};

static void esc(FILE *out, const char *s)
{
    char *clean = safe_dup(s ? s : "");
    for (const char *p = clean ? clean : ""; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
    free(clean);
}

/* s escaped for HTML as esc() writes it, malloc'd (NULL when out of memory). */
static char *esc_dup(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return NULL;
    esc(mem, s);
    if (fclose(mem) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* A row of table headings: each label translated and escaped. */
static void headings(FILE *out, const char *const *labels, size_t n)
{
    fputs("<tr>", out);
    for (size_t i = 0; i < n; i++) {
        fputs("<th>", out);
        esc(out, _(labels[i]));
    }
    fputs("</tr>\n", out);
}

static void cell(FILE *out, sp_stat s, int decimals)
{
    if (s.state == SP_STAT_OK)
        fprintf(out, "<td>%.*f</td>", decimals, s.value);
    else
        fprintf(out, "<td class=\"na\" title=\"%s\">&ndash;</td>", sp_stat_state_name(s.state));
}

static double pct(uint64_t part, uint64_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

static const char *color(int d)
{
    return palette[(d < 0 ? 0 : d) % 8];
}

/* ---- Charts ---------------------------------------------------------------------------------- */

static void chart_primary(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    int h = 28 * (int)nd + 30;
    fputs("<figure><figcaption>", out);
    esc(out, _("Top direction"));
    fprintf(out,
            "</figcaption><svg class=\"chart\" "
            "id=\"primary-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"%d\" "
            "viewBox=\"0 0 520 %d\" role=\"img\">",
            h, h);
    for (uint32_t d = 0; d < nd; d++) {
        double share = pct(c->primary[d], c->results);
        int y = 10 + 28 * (int)d;
        fprintf(out, "<text x=\"110\" y=\"%d\" text-anchor=\"end\">", y + 15);
        esc(out, analyze_dir_id(a, (int)d));
        fprintf(
            out,
            "</text><rect x=\"120\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"><title>%llu "
            "(%.1f%%)</title></rect><text x=\"%.1f\" y=\"%d\">%llu (%.1f%%)</text>",
            y, 3.0 * share, color((int)d), (unsigned long long)c->primary[d], share,
            126 + 3.0 * share, y + 15, (unsigned long long)c->primary[d], share);
    }
    fputs("</svg></figure>\n", out);
}

/* One small histogram of fits per direction, with its mean and one SD either side. */
static void chart_fits(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    int h = 60 * (int)nd + 40;
    fputs("<figure><figcaption>", out);
    /* TRANSLATORS: a chart caption in HTML: keep the entities (&ndash; is a dash, &plusmn;
     * is the plus-minus sign) or write the characters themselves. */
    fputs(_("Fit by direction: histogram over 0&ndash;1, mean &plusmn; SD"), out);
    fprintf(
        out,
        "</figcaption><svg class=\"chart\" id=\"fit-chart\" "
        "xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"%d\" viewBox=\"0 0 520 %d\" "
        "role=\"img\">",
        h, h);
    for (uint32_t d = 0; d < nd; d++) {
        const sp_dir_summary *s = &c->dirs[d];
        int base = 55 + 60 * (int)d;
        uint64_t most = 1;
        for (int b = 0; b < SP_ANALYZE_FIT_BINS; b++)
            most = s->hist[b] > most ? s->hist[b] : most;
        fprintf(out, "<text x=\"110\" y=\"%d\" text-anchor=\"end\">", base - 15);
        esc(out, analyze_dir_id(a, (int)d));
        fprintf(out, "</text><line x1=\"120\" y1=\"%d\" x2=\"500\" y2=\"%d\" stroke=\"#999\"/>",
                base, base);
        for (int b = 0; b < SP_ANALYZE_FIT_BINS; b++) {
            double bh = 45.0 * (double)s->hist[b] / (double)most;
            fprintf(out,
                    "<rect x=\"%d\" y=\"%.1f\" width=\"18\" height=\"%.1f\" "
                    "fill=\"%s\"><title>%.2f-%.2f: "
                    "%llu</title></rect>",
                    120 + 19 * b, base - bh, bh, color((int)d), (double)b / SP_ANALYZE_FIT_BINS,
                    (double)(b + 1) / SP_ANALYZE_FIT_BINS, (unsigned long long)s->hist[b]);
        }
        if (s->mean.state == SP_STAT_OK) {
            double sd = s->sd.state == SP_STAT_OK ? s->sd.value : 0;
            double lo = fmax(0, s->mean.value - sd), hi = fmin(1, s->mean.value + sd);
            fprintf(out,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" "
                    "stroke-width=\"2\"/>"
                    "<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"#000\"><title>",
                    120 + 380 * lo, base + 6, 120 + 380 * hi, base + 6, 120 + 380 * s->mean.value,
                    base + 6);
            /* TRANSLATORS: the tooltip of a mean in the chart of fits. */
            fprintf(out, _("mean %.3f, SD %.3f"), s->mean.value, sd);
            fputs("</title></circle>", out);
        }
    }
    fprintf(
        out,
        "<text x=\"120\" y=\"%d\">0</text><text x=\"500\" y=\"%d\" text-anchor=\"end\">1</text>",
        h - 5, h - 5);
    fputs("</svg></figure>\n", out);
}

/* Facility (x) against discrimination index (y) of the knowledge items; flagged items red. */
static void chart_items(const sp_analysis *a, FILE *out)
{
    fputs("<figure><figcaption>", out);
    esc(out, _("Knowledge items: facility against discrimination index (red: flagged)"));
    fputs(
        "</figcaption><svg class=\"chart\" id=\"item-chart\" "
        "xmlns=\"http://www.w3.org/2000/svg\" width=\"520\" height=\"360\" viewBox=\"0 0 520 360\" "
        "role=\"img\"><rect x=\"60\" y=\"10\" width=\"440\" height=\"300\" fill=\"#fafafa\" "
        "stroke=\"#999\"/>"
        "<line x1=\"60\" y1=\"160\" x2=\"500\" y2=\"160\" stroke=\"#bbb\" stroke-dasharray=\"4 "
        "3\"/>"
        "<text x=\"280\" y=\"350\" text-anchor=\"middle\">",
        out);
    /* TRANSLATORS: the label of the x axis of a chart: facility in per cent. */
    esc(out, _("facility %"));
    fputs(
        "</text><text x=\"55\" y=\"16\" "
        "text-anchor=\"end\">100</text><text x=\"55\" y=\"164\" text-anchor=\"end\">0</text><text "
        "x=\"55\" "
        "y=\"314\" text-anchor=\"end\">-100</text><text x=\"60\" y=\"328\">0</text><text x=\"500\" "
        "y=\"328\" "
        "text-anchor=\"end\">100</text><text x=\"20\" y=\"170\" transform=\"rotate(-90 20 170)\" "
        "text-anchor=\"middle\">DI</text>",
        out);
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        const sp_item_stats *st = sp_analysis_item(a, i);
        if (st->q->kind != SP_KIND_KNOWLEDGE || st->facility.state != SP_STAT_OK ||
            st->discrimination.state != SP_STAT_OK)
            continue;
        double x = 60 + 4.4 * st->facility.value, y = 160 - 1.5 * st->discrimination.value;
        fprintf(out,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" fill-opacity=\"0.8\"><title>",
                x, y, st->flags ? "#d62728" : color(st->own_dir));
        esc(out, st->q->id);
        fprintf(out, ": F %.1f, DI %.1f</title></circle>", st->facility.value,
                st->discrimination.value);
    }
    fputs("</svg></figure>\n", out);
}

/* ---- Tables ---------------------------------------------------------------------------------- */

static void table_scales(const sp_analysis *a, FILE *out)
{
    /* TRANSLATORS: column headings of the table of scales in the HTML report. */
    static const char *const heads[] = {N_("direction"),  N_("scale"), N_("items"), N_("per form"),
                                        N_("results"),    N_("mean"),  N_("SD"),    N_("alpha"),
                                        N_("pool alpha"), N_("SEM")};
    fputs("<h3>", out);
    esc(out, _("Scales"));
    fputs("</h3><p>", out);
    /* TRANSLATORS: HTML: keep the entities (&ldquo; &rdquo; quotes, &times; times, &radic;
     * square root, &minus; minus, &ndash; dash) or write the characters themselves. */
    fputs(_("Cronbach's alpha from pairwise item covariances, for a form of the mean number of "
            "items a result had (&ldquo;per form&rdquo;) and for the whole pool; SEM = SD "
            "&times; &radic;(1 &minus; alpha), in score units (0&ndash;1)."),
          out);
    fputs("</p><table>", out);
    headings(out, heads, SP_ARRAY_LEN(heads));
    for (size_t i = 0; i < sp_analysis_scale_count(a); i++) {
        const sp_scale_stats *s = sp_analysis_scale(a, i);
        if (!s->items)
            continue;
        fputs("<tr><td>", out);
        esc(out, analyze_dir_id(a, s->dir));
        fputs("<td>", out);
        esc(out, s->knowledge ? _("knowledge") : _("interest"));
        fprintf(out, "<td>%u<td>%.1f<td>%llu", s->items, s->form_items,
                (unsigned long long)s->results);
        cell(out, s->mean, 3);
        cell(out, s->sd, 3);
        cell(out, s->alpha, 3);
        cell(out, s->alpha_pool, 3);
        cell(out, s->sem, 3);
        fputs("</tr>\n", out);
    }
    fputs("</table>\n", out);
}

static void item_row(const sp_analysis *a, const sp_item_stats *st, FILE *out)
{
    fprintf(out, "<tr%s><td>", st->flags ? " class=\"flagged\"" : "");
    esc(out, st->q->id);
    fprintf(out, "<td>%s<td>", sp_kind_name(st->q->kind));
    esc(out, analyze_dir_id(a, st->own_dir));
    fprintf(out, "<td>%llu<td>%llu", (unsigned long long)st->seen, (unsigned long long)st->skipped);
    bool know = st->q->kind == SP_KIND_KNOWLEDGE;
    sp_stat none = {SP_STAT_NONE, 0};
    cell(out, know ? st->facility : st->mean, know ? 1 : 2);
    if (know)
        fprintf(out, "<td>%.1f", st->random_guess);
    else
        fputs("<td class=\"na\">&ndash;", out);
    cell(out, know ? st->discrimination : none, 1);
    cell(out, know ? st->efficiency : none, 1);
    cell(out, st->own_dir >= 0 ? st->dirs[st->own_dir].r : none, 2);
    fputs("<td>", out);
    for (uint32_t f = 1; f <= SP_FLAG_BELOW_GUESS; f <<= 1) {
        if (!(st->flags & f))
            continue;
        sp_buf b = {0};
        analyze_flag_sentence(a, st, f, &b);
        fputs("<div>", out);
        esc(out, sp_buf_str(&b) ? sp_buf_str(&b) : "");
        fputs("</div>", out);
        sp_buf_free(&b);
    }
    fputs("</tr>\n", out);
}

static void table_items(const sp_analysis *a, FILE *out)
{
    /* TRANSLATORS: column headings of the table of items in the HTML report; F, RG, DI and
     * DE are explained in the text above it. */
    static const char *const heads[] = {
        N_("item"), N_("kind"), N_("direction"), N_("seen"), N_("skipped"), "F", "RG",
        "DI",       "DE",       N_("r own"),     N_("flags")};
    fputs("<h3>", out);
    esc(out, _("Items"));
    fputs("</h3><p>", out);
    /* TRANSLATORS: HTML: keep the entity &ndash; (a dash) or write the character. The kinds
     * knowledge and likert are those of the quiz files. */
    fputs(_("F: facility % (knowledge) or mean answer (likert); RG: random guess score %; DI: "
            "discrimination index; DE: discriminative efficiency % (Moodle's definitions, "
            "against the rest of the item's direction); r own: correlation with the rest of its "
            "own direction's scale. &ndash;: not computed (too few results, or no variance)."),
          out);
    fputs("</p><table>", out);
    headings(out, heads, SP_ARRAY_LEN(heads));
    for (size_t i = 0; i < sp_analysis_item_count(a); i++)
        item_row(a, sp_analysis_item(a, i), out);
    fputs("</table>\n", out);
}

static void cohort_summary(const analyze_group *g, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(g->analysis);
    fputs("<p class=\"summary\">", out);
    fprintf(out,
            P_("%llu result. Near tie %.1f%%, flat profile %.1f%% (%llu close fits, %llu same "
               "answers). Level: entry %llu, advanced %llu, professional %llu, expert %llu, none "
               "%llu.",
               "%llu results. Near tie %.1f%%, flat profile %.1f%% (%llu close fits, %llu same "
               "answers). Level: entry %llu, advanced %llu, professional %llu, expert %llu, none "
               "%llu.",
               c->results),
            (unsigned long long)c->results, pct(c->near_tie, c->results),
            pct(c->flat_close + c->flat_same, c->results), (unsigned long long)c->flat_close,
            (unsigned long long)c->flat_same, (unsigned long long)c->level[1],
            (unsigned long long)c->level[2], (unsigned long long)c->level[3],
            (unsigned long long)c->level[4], (unsigned long long)c->level[0]);
    fputs("</p>\n", out);
}

static void html_group(const analyze_group *g, FILE *out)
{
    char *id = esc_dup(g->quiz_id), *version = esc_dup(g->version);
    fputs("<section><h2>", out);
    /* TRANSLATORS: a heading: the quiz id and its version. */
    fprintf(out, _("Quiz %s %s"), id ? id : "", version ? version : "");
    if (g->ambiguous)
        /* TRANSLATORS: after "Quiz ID VERSION" when two quizzes share them: the start of the
           manifest's digest. */
        fprintf(out, _(" (manifest %.12s)"), g->digest);
    fputs("</h2>\n", out);
    free(id);
    free(version);
    if (g->unverified) {
        fputs("<p class=\"warning\">", out);
        fprintf(out,
                _("%llu of these results are NOT VERIFIED and are counted in every figure "
                  "(--include-unverified)."),
                (unsigned long long)g->unverified);
        fputs("</p>\n", out);
    }
    cohort_summary(g, out);
    fputs("<p>", out);
    esc(out, _("Items are drawn at random, so each figure uses the results that saw the item (or "
               "both items of a pair)."));
    fputs("</p><div class=\"charts\">\n", out);
    chart_primary(g->analysis, out);
    chart_fits(g->analysis, out);
    chart_items(g->analysis, out);
    fputs("</div>\n", out);
    table_scales(g->analysis, out);
    table_items(g->analysis, out);
    fputs("</section>\n", out);
}

static void html_left_out(const analyze_run *run, FILE *out)
{
    if (analyze_unverified_total(run)) {
        fputs("<p class=\"warning\">", out);
        fprintf(out,
                _("WARNING: %llu results analysed are NOT VERIFIED (--include-unverified): anyone "
                  "could have written or changed them."),
                (unsigned long long)analyze_unverified_total(run));
        fputs("</p>\n", out);
    }
    if (!analyze_left_total(run))
        return;
    fputs("<h2>", out);
    /* TRANSLATORS: a heading over the files analyze left out, with their number. */
    fprintf(out, _("Left out: %llu"), (unsigned long long)analyze_left_total(run));
    fputs("</h2><ul>\n", out);
    for (int r = 0; r < REASON_COUNT; r++) {
        const analyze_reason *lr = &run->left[r];
        if (!lr->count)
            continue;
        fprintf(out, "<li>%llu ", (unsigned long long)lr->count);
        esc(out, analyze_reason_words(r));
        fputs("<ul>", out);
        for (size_t i = 0; i < lr->nfiles; i++) {
            fputs("<li><code>", out);
            esc(out, lr->files[i].path);
            fputs("</code>: ", out);
            esc(out, lr->files[i].message);
        }
        fputs("</ul>\n", out);
    }
    fputs("</ul>\n", out);
}

void analyze_print_html(const analyze_run *run, FILE *out)
{
    /* TRANSLATORS: the language of this translation as an HTML lang attribute: "zh-CN". */
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">", _("en"));
    fputs("<head><meta charset=\"utf-8\">"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          "<title>signpost analyze</title><style>\n"
          "body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;"
          "color:#222;background:#fff;padding:0 1em}\n"
          "h1{font-size:1.6em}h2{border-bottom:2px solid #4e79a7;padding-bottom:.2em}\n"
          ".charts{display:flex;flex-wrap:wrap;gap:1em}figure{margin:0}\n"
          "figcaption{font-weight:600;margin-bottom:.3em}svg text{font:12px sans-serif}\n"
          "table{border-collapse:collapse;margin:1em 0;font-size:13px}\n"
          "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right;vertical-align:top}\n"
          "td:first-child,th:first-child{text-align:left}td:last-child{text-align:left}\n"
          ".na{color:#999;text-align:center}.flagged{background:#fff1f0}\n"
          ".warning{background:#fde2e1;border:2px solid #d62728;padding:.5em;font-weight:600}\n"
          "</style></head><body>\n<h1>signpost analyze</h1>\n",
          out);
    fputs("<p>", out);
    char *counts = analyze_counts(run);
    char *safe = counts ? esc_dup(counts) : NULL;
    /* TRANSLATORS: %s is "3 files read, 2 results analysed, 1 left out"; a sentence. */
    fprintf(out, _("%s."), safe ? safe : "?");
    free(safe);
    free(counts);
    fputs("</p>\n", out);
    html_left_out(run, out);
    for (size_t i = 0; i < run->ngroups; i++)
        html_group(&run->groups[i], out);
    fputs("</body></html>\n", out);
}
