/* bench_verify: how fast does signpost verify results, against the cryptography alone?
 *
 *   bench_verify [--runs N] [--mode both|baseline|signpost] --quiz MANIFEST --key PUBFILE FILE...
 *
 * The files are read into memory first. The baseline is the cryptography any verifier of a
 * minisign file must do: for each, the BLAKE2b-512 prehash of the body, and two
 * crypto_sign_verify_detached calls: the signature of the prehash, and the global signature of
 * the signature and the trusted comment (split out beforehand, not timed). signpost's verification is sp_verify_file, as
 * `signpost verify` runs it: parse the block, check both signatures, the domain tag and the
 * trusted comment, parse the body, find the quiz, replay every answer and compare the scores.
 * Warm-up once, then N runs (default 5) of each, alternating; median, minimum and maximum, and
 * the ratio of the medians (baseline / signpost). --mode runs one side once, for callgrind.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "signpost/verify.h"
#include "util.h"

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
        bad += crypto_sign_verify_detached(it->global, it->signed_comment,
                                           it->signed_comment_len, b->key.pk) != 0;
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

static int setup(bench *b, const char *quiz, const char *key, char **files, size_t n)
{
    b->items = calloc(n, sizeof(*b->items));
    b->n = n;
    if (!b->items || sp_pubkey_load(key, NULL, &b->key) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (load_item(files[i], &b->items[i]) != 0) {
            fprintf(stderr, "bench_verify: %s is not a signed result\n", files[i]);
            return -1;
        }
    b->opts.keys = sp_keyset_new();
    b->opts.quizzes = sp_quizset_new();
    sp_diags *d = sp_diags_new();
    int rc = !d || !b->opts.keys || !b->opts.quizzes ||
             sp_keyset_add(b->opts.keys, &b->key, key) != 0 ||
             sp_quizset_add(b->opts.quizzes, quiz, d) != 0;
    sp_diags_free(d);
    return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
    int runs = 5;
    const char *mode = "both", *quiz = NULL, *key = NULL;
    static const struct option longopts[] = {
        {"runs", required_argument, NULL, 'r'}, {"mode", required_argument, NULL, 'm'},
        {"quiz", required_argument, NULL, 'q'}, {"key", required_argument, NULL, 'k'},
        {NULL, 0, NULL, 0}};
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
        else
            return 2;
    }
    if (!quiz || !key || optind >= argc || runs < 1 || sodium_init() < 0) {
        fprintf(stderr, "usage: bench_verify [--runs N] [--mode both|baseline|signpost] "
                        "--quiz MANIFEST --key PUBFILE FILE...\n");
        return 2;
    }
    bench b = {0};
    if (setup(&b, quiz, key, argv + optind, (size_t)(argc - optind)) != 0)
        return 1;
    if (strcmp(mode, "baseline") == 0)
        return baseline(&b) ? 1 : 0;
    if (strcmp(mode, "signpost") == 0)
        return signpost(&b) ? 1 : 0;
    if (baseline(&b) != 0 || signpost(&b) != 0) {
        fprintf(stderr, "bench_verify: not every result verifies\n");
        return 1;
    }
    runs = runs > BENCH_MAX_RUNS ? BENCH_MAX_RUNS : runs;
    double base[BENCH_MAX_RUNS], ours[BENCH_MAX_RUNS];
    for (int i = 0; i < runs; i++) {
        double t0 = bench_now();
        baseline(&b);
        double t1 = bench_now();
        signpost(&b);
        base[i] = t1 - t0;
        ours[i] = bench_now() - t1;
    }
    printf("%zu signed results\n", b.n);
    bench_report("BLAKE2b + 2 x Ed25519", base, runs, 0);
    bench_report("signpost verify", ours, runs, 0);
    printf("results/s: baseline %.0f, signpost %.0f\n", b.n / bench_median(base, runs),
           b.n / bench_median(ours, runs));
    printf("ratio (baseline / signpost, medians): %.2f\n",
           bench_median(base, runs) / bench_median(ours, runs));
    return 0;
}
