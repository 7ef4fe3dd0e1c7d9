/* gen_results: writes N signed results of a quiz into a folder, for benchmarks and tests at
 * scale. Each result is a taker with random answers (seeded: the same N and seed give the same
 * answers and forms), scored and written as `signpost take` does, and signed with a key made
 * for the purpose (DIR/key.pub, DIR/key.key, unencrypted).
 *
 *   gen_results --quiz MANIFEST --out DIR [-n N] [--seed S]
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rng.h"
#include "signpost/result.h"
#include "signpost/sign.h"
#include "signpost/verify.h"

static sp_answer random_answer(sp_rng *r, const sp_question *q)
{
    sp_answer a = {.state = SP_ANSWER_GIVEN};
    if (sp_rng_below(r, 50) == 0)
        return (sp_answer){.state = SP_ANSWER_SKIP};
    if (q->kind == SP_KIND_LIKERT)
        a.value = (uint8_t)(1 + sp_rng_below(r, 5));
    else if (q->kind == SP_KIND_KNOWLEDGE && sp_rng_below(r, 2))
        a.chosen = q->answer;
    else
        a.chosen = 1u << sp_rng_below(r, q->noptions);
    if (!sp_answer_valid(q, &a))
        a.chosen = q->answer;
    return a;
}

/* One signed result into buf (malloc'd). */
static int make_result(const sp_quiz *quiz, const sp_seckey *key, uint64_t seed, sp_rng *rng,
                       sp_diags *diags, char **out, size_t *len)
{
    sp_form *form = NULL;
    int rc = sp_form_draw(quiz, seed, &form);
    if (rc)
        return rc;
    size_t n = sp_form_count(form);
    sp_response *resp = calloc(n, sizeof(*resp));
    char *body = NULL, *block = NULL, comment[SP_TRUSTED_COMMENT_MAX + 1];
    size_t body_len = 0, block_len = 0;
    sp_outcome o;
    sp_result *parsed = NULL;
    if (!resp) {
        rc = SP_ENOMEM;
        goto done;
    }
    for (size_t i = 0; i < n; i++) {
        resp[i].q = sp_form_item_at(form, i)->q;
        resp[i].a = random_answer(rng, resp[i].q);
    }
    sp_result_meta meta = {"en", NULL, 1790000000 + (int64_t)seed, 1790000900 + (int64_t)seed};
    if ((rc = sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, resp, n,
                       &o)) ||
        (rc = sp_result_format(quiz, form, resp, &o, &meta, &body, &body_len)) ||
        (rc = sp_result_parse("gen", body, body_len, diags, &parsed)) ||
        (rc = sp_result_comment(parsed, comment, sizeof(comment))) ||
        (rc = sp_sign(key, body, body_len, comment, NULL, &block, &block_len)))
        goto done;
    *out = malloc(block_len + body_len);
    if (!*out) {
        rc = SP_ENOMEM;
        goto done;
    }
    memcpy(*out, block, block_len);
    memcpy(*out + block_len, body, body_len);
    *len = block_len + body_len;
done:
    sp_result_free(parsed);
    free(block);
    free(body);
    free(resp);
    sp_form_free(form);
    return rc;
}

static int make_key(const char *dir, sp_seckey **key)
{
    char path[4096];
    sp_pubkey pk;
    sp_seckey_opts opts = {.force = true};
    int rc = sp_seckey_generate(key);
    if (!rc)
        rc = sp_seckey_pubkey(*key, &pk);
    snprintf(path, sizeof(path), "%s/key.key", dir);
    if (!rc)
        rc = sp_seckey_save(*key, path, &opts);
    snprintf(path, sizeof(path), "%s/key.pub", dir);
    if (!rc)
        rc = sp_pubkey_save(&pk, path);
    return rc;
}

int main(int argc, char **argv)
{
    const char *quiz_path = NULL, *dir = NULL;
    long count = 1000;
    uint64_t seed = 1;
    static const struct option longopts[] = {{"quiz", required_argument, NULL, 'q'},
                                             {"out", required_argument, NULL, 'o'},
                                             {"seed", required_argument, NULL, 's'},
                                             {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "n:", longopts, NULL)) != -1) {
        if (c == 'q')
            quiz_path = optarg;
        else if (c == 'o')
            dir = optarg;
        else if (c == 's')
            seed = strtoull(optarg, NULL, 10);
        else if (c == 'n')
            count = atol(optarg);
        else
            return 2;
    }
    if (!quiz_path || !dir || count < 1) {
        fprintf(stderr, "usage: gen_results --quiz MANIFEST --out DIR [-n N] [--seed S]\n");
        return 2;
    }
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        fprintf(stderr, "gen_results: cannot make %s: %s\n", dir, strerror(errno));
        return 3;
    }
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    sp_seckey *key = NULL;
    if (sp_quiz_load(quiz_path, d, &quiz) != 0 || make_key(dir, &key) != 0) {
        fprintf(stderr, "gen_results: cannot load %s or make a key in %s\n", quiz_path, dir);
        return 1;
    }
    sp_rng rng;
    sp_rng_seed(&rng, seed);
    int rc = 0;
    for (long i = 0; i < count && !rc; i++) {
        char *buf = NULL, path[4096];
        size_t len = 0;
        rc = make_result(quiz, key, seed * 1000003u + (uint64_t)i, &rng, d, &buf, &len);
        snprintf(path, sizeof(path), "%s/r%06ld.signpost", dir, i);
        /* Plain writes: generated data needs no fsync, and 100,000 of them would take minutes. */
        FILE *f = rc ? NULL : fopen(path, "wb");
        if (!rc && (!f || fwrite(buf, 1, len, f) != len))
            rc = SP_EIO;
        if (f && fclose(f) != 0)
            rc = SP_EIO;
        free(buf);
    }
    if (rc)
        fprintf(stderr, "gen_results: %s\n", sp_strerror(rc));
    sp_seckey_free(key);
    sp_quiz_free(quiz);
    sp_diags_free(d);
    return rc ? 1 : 0;
}
