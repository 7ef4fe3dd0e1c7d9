/* bench_verify: how fast does signpost verify results, against the cryptography alone? And how
 * much does analysing them add on top of verifying them?
 *
 *   bench_verify [--runs N] [--mode both|baseline|signpost] [--analyze]
 *                --quiz MANIFEST --key PUBFILE FILE|FOLDER...
 *
 * The files (or the *.signpost files of each FOLDER) are read into memory first. The baseline
 * is the cryptography any verifier of a minisign file must do: for each, the BLAKE2b-512 prehash of
 * the body, and two crypto_sign_verify_detached calls: the signature of the prehash, and the global
 * signature of the signature and the trusted comment (split out beforehand, not timed). signpost's
 * verification is sp_verify_file, as `signpost verify` runs it: parse the block, check both
 * signatures, the domain tag and the trusted comment, parse the body, find the quiz, replay every
 * answer and compare the scores. Warm-up once, then N runs (default 5) of each, alternating;
 * median, minimum and maximum, and the ratio of the medians (baseline / signpost). --mode runs one
 * side once, for callgrind.
 *
 * With --analyze the baseline is signpost's verification above, and the measured side is what
 * `signpost analyze` does with each file: the same verification, then the result's responses
 * fed to a cohort analysis (sp_analysis_add), and the statistics computed at the end.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <dirent.h>
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "signpost/analyze.h"
#include "signpost/verify.h"
#include "base/util.h"

typedef struct item {
    char *buf;
    size_t len;
    const unsigned char *body; /* into buf */
    size_t body_len;
    unsigned char sig[64];
    unsigned char global[64];
    unsigned char signed_comment[64 + SP_TRUSTED_COMMENT_MAX]; /* sig || trusted comment */
    size_t signed_comment_len;
} item;

typedef struct bench {
    item *items;
    size_t n;
    sp_pubkey key;
    sp_verify_opts opts;
} bench;

static int baseline(const bench *b)
{
    int bad = 0;
    for (size_t i = 0; i < b->n; i++) {
        unsigned char h[64];
        const item *it = &b->items[i];
        crypto_generichash(h, sizeof(h), it->body, it->body_len, NULL, 0);
        bad += crypto_sign_verify_detached(it->sig, h, sizeof(h), b->key.pk) != 0;
        bad += crypto_sign_verify_detached(it->global, it->signed_comment, it->signed_comment_len,
                                           b->key.pk) != 0;
    }
    return bad;
}

static int signpost(const bench *b)
{
    int bad = 0;
    for (size_t i = 0; i < b->n; i++) {
        sp_verify_report rep;
        if (sp_verify_file("bench", b->items[i].buf, b->items[i].len, &b->opts, &rep) != 0)
            return -1;
        bad += rep.verdict != SP_VERDICT_VERIFIED;
        sp_verify_report_clear(&rep);
    }
    return bad;
}

/* Verifies every result and analyses the verified ones, as `signpost analyze` does. The
 * analysis belongs to the quiz the results were replayed against (all have the same one). */
static int analyse(const bench *b)
{
    sp_analysis *a = NULL;
    int bad = 0;
    for (size_t i = 0; i < b->n; i++) {
        sp_verify_report rep;
        if (sp_verify_file("bench", b->items[i].buf, b->items[i].len, &b->opts, &rep) != 0) {
            bad = -1;
            break;
        }
        if (!a && rep.quiz && !(a = sp_analysis_new(rep.quiz, &SP_ANALYZE_DEFAULTS))) {
            sp_verify_report_clear(&rep);
            bad = -1;
            break;
        }
        sp_response *resp = NULL;
        char why[256];
        if (rep.verdict != SP_VERDICT_VERIFIED || !a ||
            sp_result_responses(rep.result, rep.quiz, &resp, why, sizeof(why)) != 0 ||
            sp_analysis_add(a, resp, sp_result_answer_count(rep.result), &rep.replay.outcome) != 0)
            bad++;
        free(resp);
        sp_verify_report_clear(&rep);
    }
    if (!a || sp_analysis_finish(a) != 0)
        bad = -1;
    sp_analysis_free(a);
    return bad;
}

/* Reads a signed result and splits out its body and signature for the baseline. */
static int load_item(const char *path, item *it)
{
    sp_sigblock sig;
    const char *body;
    if (sp_read_file(path, SP_LIMIT_RESULT_SIZE * 2u, &it->buf, &it->len) != 0 ||
        sp_signed_parse(it->buf, it->len, path, NULL, &sig, &body, &it->body_len) != 0)
        return -1;
    it->body = (const unsigned char *)body;
    memcpy(it->sig, sig.sig, 64);
    memcpy(it->global, sig.global_sig, 64);
    memcpy(it->signed_comment, sig.sig, 64);
    memcpy(it->signed_comment + 64, sig.trusted_comment, sig.trusted_comment_len);
    it->signed_comment_len = 64 + sig.trusted_comment_len;
    return 0;
}

/* Adds the file at path to the bench (growing its array). */
static int add_file(bench *b, size_t *cap, const char *path)
{
    if (b->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1024;
        item *grown = realloc(b->items, ncap * sizeof(*grown));
        if (!grown)
            return -1;
        b->items = grown;
        *cap = ncap;
    }
    memset(&b->items[b->n], 0, sizeof(item));
    if (load_item(path, &b->items[b->n]) != 0) {
        free(b->items[b->n].buf);
        fprintf(stderr, "bench_verify: %s is not a signed result\n", path);
        return -1;
    }
    b->n++;
    return 0;
}

/* Adds a file, or every *.signpost file of a folder (100,000 names do not fit in argv). */
static int add_path(bench *b, size_t *cap, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir)
        return add_file(b, cap, path);
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dir))) {
        size_t len = strlen(e->d_name);
        if (len < 9 || strcmp(e->d_name + len - 9, ".signpost") != 0)
            continue;
        char file[4096];
        snprintf(file, sizeof(file), "%s/%s", path, e->d_name);
        rc = add_file(b, cap, file);
    }
    closedir(dir);
    return rc;
}

static int setup(bench *b, const char *quiz, const char *key, char **paths, size_t n)
{
    size_t cap = 0;
    if (sp_pubkey_load(key, NULL, &b->key) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (add_path(b, &cap, paths[i]) != 0)
            return -1;
    b->opts.keys = sp_keyset_new();
    b->opts.quizzes = sp_quizset_new();
    sp_diags *d = sp_diags_new();
    int rc = !d || !b->opts.keys || !b->opts.quizzes ||
             sp_keyset_add(b->opts.keys, &b->key, key) != 0 ||
             sp_quizset_add(b->opts.quizzes, quiz, d) != 0;
    sp_diags_free(d);
    return rc ? -1 : 0;
}

static void teardown(bench *b)
{
    for (size_t i = 0; b->items && i < b->n; i++)
        free(b->items[i].buf);
    free(b->items);
    sp_keyset_free(b->opts.keys);
    sp_quizset_free(b->opts.quizzes);
}

/* Runs both sides, warm-up first, and prints the figures. */
static int compare(const bench *b, int runs, int analyze)
{
    int (*base_fn)(const bench *) = analyze ? signpost : baseline;
    int (*ours_fn)(const bench *) = analyze ? analyse : signpost;
    if (base_fn(b) != 0 || ours_fn(b) != 0) {
        fprintf(stderr, "bench_verify: not every result verifies\n");
        return 1;
    }
    runs = runs > BENCH_MAX_RUNS ? BENCH_MAX_RUNS : runs;
    double base[BENCH_MAX_RUNS], ours[BENCH_MAX_RUNS];
    for (int i = 0; i < runs; i++) {
        double t0 = bench_now();
        base_fn(b);
        double t1 = bench_now();
        ours_fn(b);
        base[i] = t1 - t0;
        ours[i] = bench_now() - t1;
    }
    printf("%zu signed results\n", b->n);
    bench_report(analyze ? "signpost verify" : "BLAKE2b + 2 x Ed25519", base, runs, 0);
    bench_report(analyze ? "signpost analyze" : "signpost verify", ours, runs, 0);
    printf("results/s: baseline %.0f, signpost %.0f\n", b->n / bench_median(base, runs),
           b->n / bench_median(ours, runs));
    printf("ratio (baseline / signpost, medians): %.2f\n",
           bench_median(base, runs) / bench_median(ours, runs));
    return 0;
}

int main(int argc, char **argv)
{
    int runs = 5, analyze = 0;
    const char *mode = "both", *quiz = NULL, *key = NULL;
    static const struct option longopts[] = {
        {"runs", required_argument, NULL, 'r'}, {"mode", required_argument, NULL, 'm'},
        {"quiz", required_argument, NULL, 'q'}, {"key", required_argument, NULL, 'k'},
        {"analyze", no_argument, NULL, 'a'},    {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'r')
            runs = atoi(optarg);
        else if (c == 'm')
            mode = optarg;
        else if (c == 'q')
            quiz = optarg;
        else if (c == 'k')
            key = optarg;
        else if (c == 'a')
            analyze = 1;
        else
            return 2;
    }
    if (!quiz || !key || optind >= argc || runs < 1 || sodium_init() < 0) {
        fprintf(stderr, "usage: bench_verify [--runs N] [--mode both|baseline|signpost] "
                        "[--analyze] --quiz MANIFEST --key PUBFILE FILE|FOLDER...\n");
        return 2;
    }
    bench b = {0};
    int rc = setup(&b, quiz, key, argv + optind, (size_t)(argc - optind)) != 0;
    if (rc == 0 && strcmp(mode, "baseline") == 0)
        rc = (analyze ? signpost(&b) : baseline(&b)) != 0;
    else if (rc == 0 && strcmp(mode, "signpost") == 0)
        rc = (analyze ? analyse(&b) : signpost(&b)) != 0;
    else if (rc == 0)
        rc = compare(&b, runs, analyze);
    teardown(&b);
    return rc;
}
