/* gen_bank: writes a valid bank/1 file of N generated questions, for testing and measuring
 * the loader at scale.
 *
 * The bank mixes the three kinds (half likert, a fifth choice, the rest knowledge), gives
 * every text in English and Chinese, and averages about 300 bytes per question, like the
 * shipped banks. Its direction ids are those of quizzes/directions.yaml, so that it also
 * checks clean against them. The output depends only on N and the seed.
 *
 * Written in C rather than a script so that generating 100,000 or a million items takes a
 * fraction of the time of checking them.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_USAGE = 2, EXIT_IO = 3 };

/* The largest count: one past the loader's limit of 200,000, times five, so that the limit
 * itself can be tested with generated files. */
#define MAX_COUNT 1000000

/* ---- A small deterministic PRNG (SplitMix64) --------------------------------------------- */

typedef struct prng {
    uint64_t s;
} prng;

static uint64_t prng_next(prng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static size_t pick(prng *r, size_t n)
{
    return (size_t)(prng_next(r) % n);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- Vocabulary -------------------------------------------------------------------------- */

/* The direction ids of quizzes/directions.yaml. */
static const char *const directions[] = {"algorithms", "infra",  "inference",
                                         "data",       "agents", "safety"};

static const char *const en_subjects[] = {
    "a training run", "the data pipeline", "an inference server", "the evaluation suite",
    "a GPU cluster",  "the tokenizer",     "a retrieval index",   "the reward model",
    "a batch job",    "the agent loop",    "a safety filter",     "the checkpoint store",
};
static const char *const en_verbs[] = {
    "finding out why",
    "measuring how often",
    "explaining to users why",
    "writing a test that shows how",
    "deciding whether it matters that",
    "reading the logs to see why",
};
static const char *const en_events[] = {
    "slows down after an upgrade", "fails once in a thousand runs",
    "jumps in loss at step 4,000", "doubles its latency under load",
    "drifts after a week in use",  "grows in memory without bound",
};
static const char *const zh_subjects[] = {
    "一次训练任务", "数据流水线", "推理服务",   "评测集",     "GPU 集群",   "分词器",
    "检索索引",     "奖励模型",   "批处理作业", "智能体循环", "安全过滤器", "检查点存储",
};
static const char *const zh_verbs[] = {
    "查清", "统计", "向用户解释", "写测试说明", "判断", "读日志弄懂",
};
static const char *const zh_events[] = {
    "升级后为什么变慢",     "为什么千次运行会失败一次", "为什么在第 4000 步 loss 跳变",
    "为什么负载下延迟翻倍", "为什么用了一周后回答漂移", "为什么内存无限增长",
};
static const char *const terms[] = {
    "all-reduce", "KV cache",     "beam search", "LoRA",        "RLHF",        "dedup",
    "sharding",   "quantization", "tool call",   "red teaming", "prefetching", "distillation",
};

/* ---- Writing ----------------------------------------------------------------------------- */

/* Writes a made-up case name: in English, sixteen six-letter words; in Chinese, 24
 * characters. Templates alone would make most stems near-duplicates of each other, which check
 * reports; with the case name, two stems share less than half of their words. */
static void put_case_name(FILE *out, prng *r, bool zh)
{
    static const char consonants[] = "bcdfghjklmnprstvz", vowels[] = "aeiou";
    for (int w = 0; w < (zh ? 24 : 16); w++) {
        if (zh) {
            /* CJK Unified Ideographs U+4E00..U+62FF, as UTF-8. */
            unsigned cp = 0x4E00 + (unsigned)pick(r, 0x1500);
            fputc(0xE0 | (cp >> 12), out);
            fputc(0x80 | ((cp >> 6) & 0x3F), out);
            fputc(0x80 | (cp & 0x3F), out);
            continue;
        }
        fputc(w ? ' ' : '(', out);
        for (int k = 0; k < 3; k++) {
            fputc(consonants[pick(r, sizeof(consonants) - 1)], out);
            fputc(vowels[pick(r, sizeof(vowels) - 1)], out);
        }
    }
    if (!zh)
        fputc(')', out);
}

/* Writes a text in both languages about a random subject; en_lead ends with a space or is
 * empty. */
static void put_text(FILE *out, prng *r, const char *en_lead, const char *zh_lead)
{
    size_t s = pick(r, COUNT(en_subjects)), v = pick(r, COUNT(en_verbs));
    size_t e = pick(r, COUNT(en_events));
    fprintf(out, "{en: \"%s%s %s %s ", en_lead, en_verbs[v], en_subjects[s], en_events[e]);
    put_case_name(out, r, false);
    fprintf(out, ".\", zh: \"%s%s%s%s（", zh_lead, zh_verbs[v], zh_subjects[s], zh_events[e]);
    put_case_name(out, r, true);
    fprintf(out, "）。\"}");
}

/* Writes {dir: w, ...} with one to three distinct directions and weights from 0.1 to 2; the
 * second and third may be negative, as in a reverse-keyed item. */
static void put_weights(FILE *out, prng *r)
{
    size_t n = 1 + pick(r, 3), first = pick(r, COUNT(directions));
    fputc('{', out);
    for (size_t i = 0; i < n; i++) {
        int tenths = 1 + (int)pick(r, 20);
        bool negative = i > 0 && pick(r, 3) == 0;
        fprintf(out, "%s%s: %s%d.%d", i ? ", " : "", directions[(first + i) % COUNT(directions)],
                negative ? "-" : "", tenths / 10, tenths % 10);
    }
    fputc('}', out);
}

static void put_likert(FILE *out, prng *r, unsigned long i)
{
    fprintf(out, "  - id: gen.like.%06lu\n    kind: likert\n    text: ", i);
    put_text(out, r, "I would enjoy ", "我会乐于");
    fprintf(out, "\n    keys: ");
    put_weights(out, r);
    fputc('\n', out);
}

static void put_choice(FILE *out, prng *r, unsigned long i)
{
    fprintf(out, "  - id: gen.scene.%06lu\n    kind: choice\n    text: ", i);
    put_text(out, r, "Take this on? ", "愿意接手吗：");
    fprintf(out, "\n    options:\n");
    for (size_t o = 0; o < 2; o++) {
        size_t s = pick(r, COUNT(en_subjects));
        fprintf(out, "      - {id: %c, text: {en: \"Take on %s\", zh: \"接手%s\"}, weights: ",
                (char)('a' + o), en_subjects[s], zh_subjects[s]);
        if (o == 0)
            fputs("{infra: 2.0}", out); /* the bank's own direction has an option, as check asks */
        else
            put_weights(out, r);
        fprintf(out, "}\n");
    }
    if (pick(r, 2))
        fprintf(out,
                "      - {id: c, text: {en: \"None of these\", zh: \"都不想\"}, fixed: true}\n");
}

static void put_knowledge(FILE *out, prng *r, unsigned long i)
{
    size_t t = pick(r, COUNT(terms)), n = 3 + pick(r, 2), answer = pick(r, n);
    fprintf(out, "  - id: gen.know.%06lu\n    kind: knowledge\n    level: %zu\n", i,
            1 + pick(r, 4));
    if (pick(r, 2))
        fprintf(out, "    topic: {en: \"%s\", zh: \"%s\"}\n", terms[t], terms[t]);
    fprintf(out, "    text: {en: \"Which of these is closest to %s in ", terms[t]);
    put_case_name(out, r, false);
    fprintf(out, "?\", zh: \"在“");
    put_case_name(out, r, true);
    fprintf(out, "”中，哪一项最接近 %s？\"}\n    options:\n", terms[t]);
    for (size_t o = 0; o < n; o++)
        fprintf(out, "      - {id: %c, text: \"%s\"}\n", (char)('a' + o),
                terms[o == answer ? t : (t + 1 + o) % COUNT(terms)]);
    fprintf(out, "    answer: %c\n", (char)('a' + answer));
    if (pick(r, 2))
        fprintf(out, "    keys: {%s: 1.0}\n", directions[pick(r, COUNT(directions))]);
    fprintf(out, "    explain: {en: \"It is %s.\", zh: \"答案是 %s。\"}\n", terms[t], terms[t]);
}

static void put_bank(FILE *out, unsigned long count, uint64_t seed)
{
    prng r = {seed};
    fprintf(out,
            "# Generated by gen_bank -n %lu -s %" PRIu64 "\n"
            "signpost: bank/1\nid: gen\nversion: 1.0.0\ndirection: infra\n"
            "title: {en: \"Generated bank\", zh: \"生成的题库\"}\nquestions:\n",
            count, seed);
    for (unsigned long i = 1; i <= count; i++) {
        size_t kind = pick(&r, 10);
        if (kind < 5)
            put_likert(out, &r, i);
        else if (kind < 7)
            put_choice(out, &r, i);
        else
            put_knowledge(out, &r, i);
    }
}

/* ---- Command line ------------------------------------------------------------------------ */

static void usage(FILE *out)
{
    fprintf(out,
            "Usage: gen_bank [-n COUNT] [-s SEED] [-o FILE]\n"
            "Writes a valid signpost bank/1 file of COUNT generated questions (default\n"
            "100000, at most %d) to FILE or standard output. The same COUNT and SEED\n"
            "(default 1) always give the same file.\n",
            MAX_COUNT);
}

static int usage_error(const char *msg, const char *arg)
{
    fprintf(stderr, "gen_bank: %s '%s'\nTry 'gen_bank --help'.\n", msg, arg);
    return EXIT_USAGE;
}

/* Parses a whole decimal number up to max; false when s is not one. */
static bool parse_number(const char *s, unsigned long long max, unsigned long long *out)
{
    char *end;
    errno = 0;
    if (!(*s >= '0' && *s <= '9'))
        return false;
    *out = strtoull(s, &end, 10);
    return errno == 0 && *end == '\0' && *out <= max;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"count", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    unsigned long long count = 100000, seed = 1;
    const char *path = NULL;
    int c;
    opterr = 0; /* errors are reported below, in the house format */
    while ((c = getopt_long(argc, argv, "n:s:o:h", longopts, NULL)) != -1) {
        if (c == 'n' && (!parse_number(optarg, MAX_COUNT, &count) || count == 0))
            return usage_error("not a count from 1 to 1000000:", optarg);
        if (c == 's' && !parse_number(optarg, UINT64_MAX, &seed))
            return usage_error("not a seed (a whole number):", optarg);
        if (c == 'o')
            path = optarg;
        if (c == 'h') {
            usage(stdout);
            return fflush(stdout) == 0 ? EXIT_OK : EXIT_IO;
        }
        if (c == '?')
            return usage_error("unknown option", argv[optind - 1]);
    }
    if (optind < argc)
        return usage_error("unexpected argument", argv[optind]);
    FILE *out = path ? fopen(path, "w") : stdout;
    if (!out) {
        fprintf(stderr, "gen_bank: cannot write '%s': %s\n", path, strerror(errno));
        return EXIT_IO;
    }
    static char buffer[1 << 16];
    setvbuf(out, buffer, _IOFBF, sizeof(buffer));
    put_bank(out, (unsigned long)count, seed);
    bool failed = ferror(out) != 0;
    failed = fclose(out) != 0 || failed;
    if (failed) {
        fprintf(stderr, "gen_bank: cannot write '%s'\n", path ? path : "standard output");
        return EXIT_IO;
    }
    return EXIT_OK;
}
