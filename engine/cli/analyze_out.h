/* signpost analyze: what the command gathered (groups of results by quiz, the files left out
 * and why), and the four ways of printing it: text, JSON, CSV and an HTML page. */
#ifndef SP_CLI_ANALYZE_OUT_H
#define SP_CLI_ANALYZE_OUT_H

#include <stdio.h>

#include "cli.h" /* before util.h: both define _() */
#include "signpost/analyze.h"
#include "signpost/verify.h"
#include "base/util.h"

/* Files named per reason in the report (all are counted). */
#define ANALYZE_LIST_MAX 20

/* Why a file was left out (or, for the unverified kinds, included under
 * --include-unverified): a verdict of sp_verify_file, or one of these. */
enum {
    REASON_UNREADABLE = SP_VERDICT_COUNT, /* could not be read, or far too large */
    REASON_DUPLICATE,                     /* the same result as a file counted already */
    REASON_COUNT
};

typedef struct analyze_file {
    char *path;
    char *message;
} analyze_file;

typedef struct analyze_reason {
    uint64_t count;
    analyze_file files[ANALYZE_LIST_MAX];
    size_t nfiles;
} analyze_reason;

/* The results verified against one quiz: one manifest, byte for byte. Two quizzes that share an
 * id and a version but not their content are two groups, told apart by their digests. */
typedef struct analyze_group {
    const char *quiz_id, *version; /* the manifest's, owned by the quiz */
    char digest[65];               /* the manifest's digest, in hex */
    bool ambiguous;                /* another group has the same id and version */
    const sp_quiz *quiz;
    sp_analysis *analysis;
    uint64_t unverified; /* results included under --include-unverified */
    uint64_t adaptive;   /* results of an adaptive quiz: asked only what their answers called for */
} analyze_group;

typedef struct analyze_run {
    uint64_t read, analysed;
    analyze_reason left[REASON_COUNT];
    uint64_t unverified[REASON_COUNT]; /* included although not verified, by verdict */
    bool include_unverified;
    analyze_group *groups; /* one per quiz met, in the order first met */
    size_t ngroups;
} analyze_run;

/* The reason's name for machines ("altered", "unreadable", ...). */
const char *analyze_reason_name(int reason);
/* The reason in words for people ("altered after signing"). */
const char *analyze_reason_words(int reason);
uint64_t analyze_left_total(const analyze_run *run);
/* "3 files read, 2 results analysed, 1 left out", with the plurals each count takes, as a
 * malloc'd string (NULL when out of memory). */
char *analyze_counts(const analyze_run *run);
uint64_t analyze_unverified_total(const analyze_run *run);

/* Appends one sentence on why the item has flag (one SP_FLAG_* bit), with the figures. */
void analyze_flag_sentence(const sp_analysis *a, const sp_item_stats *st, uint32_t flag, sp_buf *b);
/* The direction's id, or "none" for -1. */
const char *analyze_dir_id(const sp_analysis *a, int d);

void analyze_print_text(const analyze_run *run, FILE *out);
void analyze_print_json(const analyze_run *run, FILE *out);
void analyze_print_csv(const analyze_run *run, FILE *out);
void analyze_print_html(const analyze_run *run, FILE *out);

#endif
