/* signpost analyze: the report as JSON (docs/schema/analyze.schema.json) and the items as CSV
 * (RFC 4180). Text from files goes through cli_json_string, or is quoted for CSV. */
#include <string.h>

#include "analyze_out.h"
#include "cli.h"

static void jnum(FILE *out, sp_stat s)
{
    if (s.state == SP_STAT_OK)
        fprintf(out, "%.6f", s.value);
    else
        fputs("null", out);
}

static void jkey_num(FILE *out, const char *key, sp_stat s)
{
    fprintf(out, ", \"%s\": ", key);
    jnum(out, s);
}

static sp_stat ok(double v)
{
    return (sp_stat){SP_STAT_OK, v};
}

static void json_files(const analyze_run *run, FILE *out)
{
    fprintf(out,
            "  \"files\": {\"read\": %llu, \"analysed\": %llu, \"left_out\": %llu, "
            "\"unverified_included\": %llu},\n",
            (unsigned long long)run->read, (unsigned long long)run->analysed,
            (unsigned long long)analyze_left_total(run),
            (unsigned long long)analyze_unverified_total(run));
    fputs("  \"left_out\": [", out);
    int n = 0;
    for (int r = 0; r < REASON_COUNT; r++) {
        const analyze_reason *lr = &run->left[r];
        if (!lr->count)
            continue;
        fprintf(out, "%s\n    {\"reason\": \"%s\", \"count\": %llu, \"files\": [", n++ ? "," : "",
                analyze_reason_name(r), (unsigned long long)lr->count);
        for (size_t i = 0; i < lr->nfiles; i++) {
            fputs(i ? ", {\"file\": " : "{\"file\": ", out);
            cli_json_string(out, lr->files[i].path);
            fputs(", \"message\": ", out);
            cli_json_string(out, lr->files[i].message);
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fputs(n ? "\n  ],\n" : "],\n", out);
    fputs("  \"unverified_included\": {", out);
    n = 0;
    for (int r = 0; r < REASON_COUNT; r++)
        if (run->unverified[r])
            fprintf(out, "%s\"%s\": %llu", n++ ? ", " : "", analyze_reason_name(r),
                    (unsigned long long)run->unverified[r]);
    fputs("},\n", out);
}

static void json_dirs(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    fputs("      \"directions\": [", out);
    for (uint32_t d = 0; d < nd; d++) {
        const sp_dir_summary *s = &c->dirs[d];
        fprintf(out, "%s\n        {\"id\": ", d ? "," : "");
        cli_json_string(out, analyze_dir_id(a, (int)d));
        fprintf(out, ", \"primary\": %llu, \"measured\": %llu", (unsigned long long)c->primary[d],
                (unsigned long long)s->n);
        jkey_num(out, "fit_mean", s->mean);
        jkey_num(out, "fit_sd", s->sd);
        jkey_num(out, "interest_mean", s->interest);
        jkey_num(out, "aptitude_mean", s->aptitude);
        fputs(", \"fit_histogram\": [", out);
        for (int b = 0; b < SP_ANALYZE_FIT_BINS; b++)
            fprintf(out, "%s%llu", b ? ", " : "", (unsigned long long)s->hist[b]);
        fputs("]}", out);
    }
    fputs("\n      ],\n", out);
}

static void json_cohort(const sp_analysis *a, FILE *out)
{
    const sp_cohort_stats *c = sp_analysis_cohort(a);
    fprintf(out,
            "    \"cohort\": {\n      \"results\": %llu, \"no_primary\": %llu, \"near_tie\": "
            "%llu, \"exact_tie\": %llu,\n      \"flat\": {\"close_fits\": %llu, "
            "\"same_likert\": %llu},\n",
            (unsigned long long)c->results, (unsigned long long)c->no_primary,
            (unsigned long long)c->near_tie, (unsigned long long)c->exact_tie,
            (unsigned long long)c->flat_close, (unsigned long long)c->flat_same);
    fprintf(out,
            "      \"levels\": {\"none\": %llu, \"entry\": %llu, \"advanced\": %llu, "
            "\"professional\": %llu, \"expert\": %llu},\n",
            (unsigned long long)c->level[0], (unsigned long long)c->level[1],
            (unsigned long long)c->level[2], (unsigned long long)c->level[3],
            (unsigned long long)c->level[4]);
    fprintf(out, "      \"answered\": %llu, \"skipped\": %llu,\n", (unsigned long long)c->answered,
            (unsigned long long)c->skipped);
    json_dirs(a, out);
    size_t idx[10];
    size_t n = sp_analysis_most_skipped(a, idx, 10);
    fputs("      \"most_skipped\": [", out);
    for (size_t i = 0; i < n; i++) {
        const sp_item_stats *st = sp_analysis_item(a, idx[i]);
        fputs(i ? ", {\"item\": " : "{\"item\": ", out);
        cli_json_string(out, st->q->id);
        fprintf(out, ", \"skipped\": %llu, \"seen\": %llu}", (unsigned long long)st->skipped,
                (unsigned long long)st->seen);
    }
    fputs("]\n    },\n", out);
}

static void json_scales(const sp_analysis *a, FILE *out)
{
    fputs("    \"scales\": [", out);
    for (size_t i = 0; i < sp_analysis_scale_count(a); i++) {
        const sp_scale_stats *s = sp_analysis_scale(a, i);
        fprintf(out, "%s\n      {\"direction\": ", i ? "," : "");
        cli_json_string(out, analyze_dir_id(a, s->dir));
        fprintf(out, ", \"scale\": \"%s\", \"items\": %u, \"results\": %llu",
                s->knowledge ? "knowledge" : "interest", s->items, (unsigned long long)s->results);
        jkey_num(out, "form_items", ok(s->form_items));
        jkey_num(out, "mean", s->mean);
        jkey_num(out, "sd", s->sd);
        jkey_num(out, "alpha", s->alpha);
        fprintf(out, ", \"alpha_why\": \"%s\"", sp_stat_state_name(s->alpha.state));
        jkey_num(out, "alpha_pool", s->alpha_pool);
        jkey_num(out, "sem", s->sem);
        fprintf(out, ", \"pairs\": %llu}", (unsigned long long)s->pairs);
    }
    fputs("\n    ],\n", out);
}

static void json_answers(const sp_item_stats *st, FILE *out)
{
    fputs(", \"answers\": {", out);
    if (st->q->kind == SP_KIND_LIKERT) {
        for (int v = 0; v < 5; v++)
            fprintf(out, "%s\"%d\": %llu", v ? ", " : "", v + 1, (unsigned long long)st->chosen[v]);
    } else {
        for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS; o++) {
            fputs(o ? ", " : "", out);
            cli_json_string(out, st->q->options[o].id);
            fprintf(out, ": %llu", (unsigned long long)st->chosen[o]);
        }
    }
    fputc('}', out);
}

static void json_item_scales(const sp_analysis *a, const sp_item_stats *st, FILE *out)
{
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    fputs(",\n       \"scales\": [", out);
    for (uint32_t d = 0; d < nd; d++) {
        const sp_item_dir *s = &st->dirs[d];
        fputs(d ? ", {\"direction\": " : "{\"direction\": ", out);
        cli_json_string(out, analyze_dir_id(a, (int)d));
        fprintf(out, ", \"own\": %s, \"n\": %llu, \"r\": ", s->own ? "true" : "false",
                (unsigned long long)s->n);
        jnum(out, s->r);
        fprintf(out, ", \"why\": \"%s\"}", sp_stat_state_name(s->r.state));
    }
    fputc(']', out);
}

static void json_options(const sp_analysis *a, const sp_item_stats *st, FILE *out)
{
    uint32_t nd = sp_quiz_directions(sp_analysis_quiz(a))->count;
    fputs(",\n       \"option_r\": [", out);
    for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS; o++) {
        fputs(o ? ", {\"option\": " : "{\"option\": ", out);
        cli_json_string(out, st->q->options[o].id);
        fputs(", \"r\": {", out);
        for (uint32_t d = 0; d < nd; d++) {
            fputs(d ? ", " : "", out);
            cli_json_string(out, analyze_dir_id(a, (int)d));
            fputs(": ", out);
            jnum(out, st->option_r[o][d]);
        }
        fputs("}}", out);
    }
    fputc(']', out);
}

static void json_flags(const sp_analysis *a, const sp_item_stats *st, FILE *out)
{
    fputs(",\n       \"flags\": [", out);
    int n = 0;
    for (uint32_t f = 1; f <= SP_FLAG_BELOW_GUESS; f <<= 1) {
        if (!(st->flags & f))
            continue;
        sp_buf b = {0};
        analyze_flag_sentence(a, st, f, &b);
        fprintf(out, "%s{\"flag\": \"%s\", \"message\": ", n++ ? ", " : "", sp_flag_name(f));
        cli_json_string(out, sp_buf_str(&b) ? sp_buf_str(&b) : "");
        fputc('}', out);
        sp_buf_free(&b);
    }
    fputc(']', out);
}

static void json_item(const sp_analysis *a, const sp_item_stats *st, FILE *out)
{
    fputs("{\"id\": ", out);
    cli_json_string(out, st->q->id);
    fprintf(out, ", \"kind\": \"%s\", \"bank\": ", sp_kind_name(st->q->kind));
    cli_json_string(out, st->q->bank->id);
    fputs(", \"direction\": ", out);
    if (st->own_dir >= 0)
        cli_json_string(out, analyze_dir_id(a, st->own_dir));
    else
        fputs("null", out);
    if (st->q->kind == SP_KIND_KNOWLEDGE)
        fprintf(out, ", \"level\": %u", st->q->level);
    fprintf(out, ",\n       \"seen\": %llu, \"answered\": %llu, \"skipped\": %llu",
            (unsigned long long)st->seen, (unsigned long long)st->answered,
            (unsigned long long)st->skipped);
    json_answers(st, out);
    fputs(",\n      ", out);
    fputs(" \"mean\": ", out);
    jnum(out, st->mean);
    jkey_num(out, "sd", st->sd);
    if (st->q->kind == SP_KIND_KNOWLEDGE) {
        jkey_num(out, "facility", st->facility);
        jkey_num(out, "random_guess", ok(st->random_guess));
        jkey_num(out, "discrimination", st->discrimination);
        jkey_num(out, "efficiency", st->efficiency);
    }
    json_item_scales(a, st, out);
    if (st->q->kind == SP_KIND_CHOICE)
        json_options(a, st, out);
    json_flags(a, st, out);
    fputc('}', out);
}

static void json_group(const analyze_group *g, FILE *out)
{
    const sp_analysis *a = g->analysis;
    fputs("{\n    \"quiz\": ", out);
    cli_json_string(out, g->quiz_id);
    fputs(", \"version\": ", out);
    cli_json_string(out, g->version);
    fprintf(out, ", \"digest\": \"%s\", \"unverified_included\": %llu, \"adaptive\": %llu,\n",
            g->digest, (unsigned long long)g->unverified, (unsigned long long)g->adaptive);
    json_cohort(a, out);
    json_scales(a, out);
    fputs("    \"items\": [", out);
    for (size_t i = 0; i < sp_analysis_item_count(a); i++) {
        fputs(i ? ",\n      " : "\n      ", out);
        json_item(a, sp_analysis_item(a, i), out);
    }
    fputs("\n    ]\n  }", out);
}

void analyze_print_json(const analyze_run *run, FILE *out)
{
    const sp_analyze_opts *o = &SP_ANALYZE_DEFAULTS;
    fputs("{\n  \"signpost\": \"analyze/1\",\n", out);
    json_files(run, out);
    fprintf(out,
            "  \"thresholds\": {\"min_n\": %u, \"easy\": %.1f, \"hard\": %.1f, "
            "\"min_efficiency\": %.1f, \"other_margin\": %.2f},\n",
            o->min_n, o->easy, o->hard, o->min_efficiency, o->other_margin);
    fputs("  \"quizzes\": [", out);
    for (size_t i = 0; i < run->ngroups; i++) {
        fputs(i ? ", " : "", out);
        json_group(&run->groups[i], out);
    }
    fputs("]\n}\n", out);
}

/* ---- CSV ------------------------------------------------------------------------------------- */

/* One field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
static void csv_field(FILE *out, const char *s, bool last)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', out);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', out);
            fputc(*s, out);
        }
        fputc('"', out);
    } else {
        fputs(s, out);
    }
    fputs(last ? "\r\n" : ",", out);
}

static void csv_num(FILE *out, sp_stat s)
{
    if (s.state == SP_STAT_OK)
        fprintf(out, "%.6f", s.value);
    fputc(',', out);
}

static void csv_item(const analyze_group *g, const sp_item_stats *st, FILE *out)
{
    const sp_analysis *a = g->analysis;
    bool know = st->q->kind == SP_KIND_KNOWLEDGE;
    sp_stat none = {SP_STAT_NONE, 0};
    csv_field(out, g->quiz_id, false);
    csv_field(out, g->version, false);
    csv_field(out, g->digest, false);
    csv_field(out, st->q->id, false);
    csv_field(out, sp_kind_name(st->q->kind), false);
    csv_field(out, st->q->bank->id, false);
    csv_field(out, st->own_dir >= 0 ? analyze_dir_id(a, st->own_dir) : "", false);
    if (know)
        fprintf(out, "%u", st->q->level);
    fprintf(out, ",%llu,%llu,%llu,", (unsigned long long)st->seen, (unsigned long long)st->answered,
            (unsigned long long)st->skipped);
    csv_num(out, st->mean);
    csv_num(out, st->sd);
    csv_num(out, know ? st->facility : none);
    csv_num(out, know ? (sp_stat){SP_STAT_OK, st->random_guess} : none);
    csv_num(out, know ? st->discrimination : none);
    csv_num(out, know ? st->efficiency : none);
    csv_num(out, st->own_dir >= 0 ? st->dirs[st->own_dir].r : none);
    sp_buf b = {0};
    for (uint32_t f = 1; f <= SP_FLAG_BELOW_GUESS; f <<= 1)
        if (st->flags & f)
            sp_buf_printf(&b, "%s%s", b.len ? ";" : "", sp_flag_name(f));
    csv_field(out, sp_buf_str(&b) ? sp_buf_str(&b) : "", true);
    sp_buf_free(&b);
}

void analyze_print_csv(const analyze_run *run, FILE *out)
{
    fputs(
        "quiz,version,digest,item,kind,bank,direction,level,seen,answered,skipped,mean,sd,facility,"
        "random_guess,discrimination,efficiency,r_own,flags\r\n",
        out);
    for (size_t i = 0; i < run->ngroups; i++)
        for (size_t j = 0; j < sp_analysis_item_count(run->groups[i].analysis); j++)
            csv_item(&run->groups[i], sp_analysis_item(run->groups[i].analysis, j), out);
}
