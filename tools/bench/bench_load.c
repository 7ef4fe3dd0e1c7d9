/* bench_load: how fast does signpost load a bank, against libyaml alone on the same bytes?
 *
 *   bench_load [--runs N] [--mode both|baseline|signpost] FILE
 *
 * The baseline is the least any YAML-based loader must do: a bare libyaml event loop over the
 * file's bytes, already in memory. signpost's load reads the file, parses it with the same
 * libyaml, validates every field, hashes the bytes and builds the model. Each is run once to
 * warm the caches, then N times (default 5), alternating, so that both see the same machine;
 * the median, minimum and maximum of each are printed, and the ratio of the medians
 * (baseline time / signpost time: 1 means as fast as libyaml alone). With --mode, only one
 * side runs once, for profiling under callgrind.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "bench.h"
#include "signpost/load.h"
#include "base/util.h"

/* Parses buf with libyaml and counts the events, doing nothing else. */
static long bare_parse(const char *buf, size_t len)
{
    yaml_parser_t p;
    yaml_event_t e;
    long events = 0;
    if (!yaml_parser_initialize(&p))
        return -1;
    yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
    for (;;) {
        if (!yaml_parser_parse(&p, &e)) {
            events = -1;
            break;
        }
        events++;
        bool end = e.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&e);
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    return events;
}

static int signpost_load(const char *path)
{
    sp_diags *d = sp_diags_new();
    sp_document *doc = NULL;
    int rc = d ? sp_document_load(path, NULL, d, &doc) : SP_ENOMEM;
    sp_document_free(doc);
    sp_diags_free(d);
    return rc;
}

int main(int argc, char **argv)
{
    int runs = 5;
    const char *mode = "both";
    static const struct option longopts[] = {{"runs", required_argument, NULL, 'r'},
                                             {"mode", required_argument, NULL, 'm'},
                                             {NULL, 0, NULL, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        if (c == 'r')
            runs = atoi(optarg);
        else if (c == 'm')
            mode = optarg;
        else
            return 2;
    }
    if (optind + 1 != argc || runs < 1) {
        fprintf(stderr, "usage: bench_load [--runs N] [--mode both|baseline|signpost] FILE\n");
        return 2;
    }
    const char *path = argv[optind];
    char *buf;
    size_t len;
    if (sp_read_file(path, SP_LIMIT_FILE_SIZE, &buf, &len) != 0) {
        fprintf(stderr, "bench_load: cannot read %s\n", path);
        return 1;
    }
    if (strcmp(mode, "baseline") == 0)
        return bare_parse(buf, len) > 0 ? 0 : 1;
    if (strcmp(mode, "signpost") == 0)
        return signpost_load(path) == 0 ? 0 : 1;
    double base[BENCH_MAX_RUNS], ours[BENCH_MAX_RUNS];
    if (runs > BENCH_MAX_RUNS)
        runs = BENCH_MAX_RUNS;
    long events = bare_parse(buf, len); /* warm-up */
    if (events < 0 || signpost_load(path) != 0) {
        fprintf(stderr, "bench_load: %s does not load cleanly\n", path);
        return 1;
    }
    for (int i = 0; i < runs; i++) {
        double t0 = bench_now();
        bare_parse(buf, len);
        double t1 = bench_now();
        signpost_load(path);
        base[i] = t1 - t0;
        ours[i] = bench_now() - t1;
    }
    printf("file %s: %zu bytes, %ld events\n", path, len, events);
    bench_report("libyaml event loop", base, runs, (double)len);
    bench_report("signpost load", ours, runs, (double)len);
    printf("ratio (libyaml / signpost, medians): %.2f\n",
           bench_median(base, runs) / bench_median(ours, runs));
    free(buf);
    return 0;
}
