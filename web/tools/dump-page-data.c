/* SPDX-License-Identifier: GPL-3.0-or-later
 * A throwaway stand-in for `signpost verifier` while it is being written: prints the page data
 * (notes/page-contract.md) for the manifests given, then the files of a released store.
 * Build: cc -I../../include -I../../engine dump-page-data.c ../../build/engine/libsignpost_core.a \
 *        $(pkg-config --libs yaml-0.1 libsodium) -o /tmp/dump-page-data
 * Use:   dump-page-data STORE_DIR MANIFEST... -k ID:KEY:NAME... > data.json */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/load.h"
#include "signpost/diag.h"

void sp_digest(const void *data, size_t n, unsigned char out[32]);
void sp_hex(const unsigned char *bytes, size_t n, char *out);

static void str(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20 || *p == '<')
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void text(const sp_text *t)
{
    putchar('{');
    for (uint32_t i = 0; i < t->count; i++) {
        printf(i ? "," : "");
        str(t->entries[i].lang ? t->entries[i].lang : "");
        putchar(':');
        str(t->entries[i].str);
    }
    putchar('}');
}

static void texts(const sp_text_list *l)
{
    putchar('[');
    for (uint32_t i = 0; i < l->count; i++) {
        printf(i ? "," : "");
        text(&l->items[i]);
    }
    putchar(']');
}

static void hex(const unsigned char d[32])
{
    char h[65];
    sp_hex(d, 32, h);
    printf("\"%s\"", h);
}

static void weights(const sp_weight *w, uint32_t n)
{
    putchar('[');
    for (uint32_t i = 0; i < n; i++) {
        printf("%s{\"dir\":", i ? "," : "");
        str(w[i].dir);
        printf(",\"value\":%.17g}", w[i].value);
    }
    putchar(']');
}

static const char *kinds[] = {"likert", "choice", "knowledge"};

static void bank(const sp_bank *b)
{
    printf("{\"digest\":");
    hex(b->digest);
    printf(",\"id\":");
    str(b->id);
    printf(",\"version\":");
    str(b->version);
    printf(",\"direction\":");
    if (b->direction)
        str(b->direction);
    else
        printf("null");
    printf(",\"title\":");
    text(&b->title);
    printf(",\"questions\":[");
    for (size_t i = 0; i < b->nquestions; i++) {
        const sp_question *q = &b->questions[i];
        printf("%s{\"id\":", i ? "," : "");
        str(q->id);
        printf(",\"kind\":\"%s\",\"level\":%u,\"text\":", kinds[q->kind], q->level);
        text(&q->text);
        printf(",\"keys\":");
        weights(q->keys, q->nkeys);
        printf(",\"options\":[");
        for (uint32_t o = 0; o < q->noptions; o++) {
            printf("%s{\"id\":", o ? "," : "");
            str(q->options[o].id);
            printf(",\"text\":");
            text(&q->options[o].text);
            printf(",\"weights\":");
            weights(q->options[o].weights, q->options[o].nweights);
            printf(",\"fixed\":%s}", q->options[o].fixed ? "true" : "false");
        }
        printf("],\"answer\":[");
        int first = 1;
        for (uint32_t o = 0; o < q->noptions; o++)
            if (q->answer & (1u << o)) {
                printf("%s%u", first ? "" : ",", o);
                first = 0;
            }
        printf("],\"explain\":");
        text(&q->explain);
        printf(",\"topic\":");
        text(&q->topic);
        putchar('}');
    }
    printf("]}");
}

static void directions(const sp_directions *d)
{
    printf("{\"digest\":");
    hex(d->digest);
    printf(",\"version\":");
    str(d->version);
    printf(",\"items\":[");
    for (uint32_t i = 0; i < d->count; i++) {
        const sp_direction *x = &d->items[i];
        printf("%s{\"id\":", i ? "," : "");
        str(x->id);
        printf(",\"name\":");
        text(&x->name);
        printf(",\"short_name\":");
        text(&x->short_name);
        printf(",\"summary\":");
        text(&x->summary);
        printf(",\"skills\":");
        texts(&x->skills);
        printf(",\"step_project\":");
        text(&x->step_project);
        printf(",\"step_tool\":");
        text(&x->step_tool);
        printf(",\"step_read\":");
        text(&x->step_read);
        putchar('}');
    }
    printf("]}");
}

static const char *orders[] = {"interleaved", "grouped", "random"};

static void manifest(const sp_manifest *m, const sp_directions *d, const sp_quiz *q, int released)
{
    printf("{\"digest\":");
    hex(m->digest);
    printf(",\"id\":");
    str(m->id);
    printf(",\"version\":");
    str(m->version);
    printf(",\"path\":");
    str(m->path);
    printf(",\"released\":%s,\"title\":", released ? "true" : "false");
    text(&m->title);
    printf(",\"languages\":[");
    for (uint32_t i = 0; i < m->nlanguages; i++) {
        printf(i ? "," : "");
        str(m->languages[i]);
    }
    printf("],\"directions\":");
    if (d)
        hex(d->digest);
    else
        printf("null");
    printf(",\"banks\":[");
    for (uint32_t i = 0; i < m->nbanks; i++) {
        printf("%s{\"digest\":", i ? "," : "");
        if (q)
            hex(sp_quiz_bank(q, i)->digest);
        else
            printf("null");
        printf(",\"draw\":{\"likert\":%d,\"choice\":%d,\"knowledge\":%d}}", m->banks[i].draw.count[0],
               m->banks[i].draw.count[1], m->banks[i].draw.count[2]);
    }
    const sp_scoring *s = &m->scoring;
    printf("],\"order\":\"%s\",\"shuffle_options\":%s,\"scoring\":{\"interest_weight\":%.17g,"
           "\"near_tie\":%.17g,\"flat\":%.17g,\"level_pass\":%.17g,\"near_tie_confidence\":%.17g}}",
           orders[m->order], m->shuffle_options ? "true" : "false", s->interest_weight, s->near_tie,
           s->flat, s->level_pass, s->near_tie_confidence);
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    sp_quiz *quizzes[32];
    int nq = 0;
    const char *keys[32];
    int nk = 0;
    for (int i = 2; i < argc; i++) {
        if (!strcmp(argv[i], "-k") && i + 1 < argc) {
            keys[nk++] = argv[++i];
            continue;
        }
        sp_diags *d = sp_diags_new();
        if (sp_quiz_load(argv[i], d, &quizzes[nq]) != 0) {
            fprintf(stderr, "cannot load %s\n", argv[i]);
            return 1;
        }
        nq++;
    }
    /* The store's files, by kind. */
    sp_document *docs[256];
    int nd = 0;
    DIR *dir = opendir(argv[1]);
    struct dirent *e;
    while (dir && (e = readdir(dir)) && nd < 256) {
        if (!strstr(e->d_name, ".yaml"))
            continue;
        char path[4096];
        snprintf(path, sizeof(path), "%s/%s", argv[1], e->d_name);
        sp_diags *d = sp_diags_new();
        if (sp_document_load(path, NULL, d, &docs[nd]) == 0)
            nd++;
        else
            fprintf(stderr, "cannot load %s\n", path);
    }
    printf("{\"format\":\"signpost-verifier/1\",\"engine\":\"signpost 0.1.0\",\"made\":\"2026-12-07T09:30:00Z\",\"keys\":[");
    for (int i = 0; i < nk; i++) {
        char *k = strdup(keys[i]), *c1 = strchr(k, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
        if (!c2)
            return 2;
        *c1 = *c2 = '\0';
        printf("%s{\"id\":", i ? "," : "");
        str(k);
        printf(",\"key\":");
        str(c1 + 1);
        printf(",\"name\":");
        str(c2 + 1);
        putchar('}');
    }
    printf("],\"manifests\":[");
    int first = 1;
    for (int i = 0; i < nq; i++, first = 0) {
        printf(first ? "" : ",");
        manifest(sp_quiz_manifest(quizzes[i]), sp_quiz_directions(quizzes[i]), quizzes[i], 0);
    }
    for (int i = 0; i < nd; i++)
        if (sp_document_kind(docs[i]) == SP_DOC_QUIZ) {
            printf(first ? "" : ",");
            first = 0;
            manifest(sp_document_manifest(docs[i]), NULL, NULL, 1);
        }
    printf("],\"directions\":[");
    first = 1;
    for (int i = 0; i < nq; i++, first = 0) {
        printf(first ? "" : ",");
        directions(sp_quiz_directions(quizzes[i]));
    }
    for (int i = 0; i < nd; i++)
        if (sp_document_kind(docs[i]) == SP_DOC_DIRECTIONS) {
            printf(first ? "" : ",");
            first = 0;
            directions(sp_document_directions(docs[i]));
        }
    printf("],\"banks\":[");
    first = 1;
    for (int i = 0; i < nq; i++)
        for (size_t b = 0; b < sp_quiz_bank_count(quizzes[i]); b++, first = 0) {
            printf(first ? "" : ",");
            bank(sp_quiz_bank(quizzes[i], b));
        }
    for (int i = 0; i < nd; i++)
        if (sp_document_kind(docs[i]) == SP_DOC_BANK) {
            printf(first ? "" : ",");
            first = 0;
            bank(sp_document_bank(docs[i]));
        }
    printf("]}\n");
    return 0;
}
