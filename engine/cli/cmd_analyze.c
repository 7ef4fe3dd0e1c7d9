/* signpost analyze: a cohort report and item statistics from many results. Each file is
 * verified as `signpost verify` does; the verified ones are fed, one at a time, to an analysis
 * per quiz version (signpost/analyze.h), so memory does not grow with the number of results. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyze_out.h"
#include "base/atomic.h"
#include "cli.h"
#include "base/fileio.h"
#include "outputs.h"
#include "safe.h"
#include "signpost/load.h"
#include "verifier.h"

/* Folders deeper than this below a named folder are not walked. */
#define WALK_MAX_DEPTH 32

enum { OPT_JSON = 256, OPT_CSV, OPT_HTML, OPT_UNVERIFIED };
enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV, FORMAT_HTML };

typedef struct analyze_opts {
    verifier_args args;
    int format;
    const char *html;
} analyze_opts;

/* A result counted already, by the first 16 bytes of its body's digest (a collision among a
 * cohort's results is as likely as guessing a 128-bit key). */
typedef struct seen_entry {
    unsigned char key[16];
    uint32_t group;
    uint8_t verdict; /* the verdict it was counted with */
    bool used;
} seen_entry;

/* Every result counted, so that copies and links of one result count once. */
typedef struct seen_set {
    seen_entry *slots; /* open addressing; cap is a power of two */
    size_t cap, len;
} seen_set;

typedef struct analyze_ctx {
    verifier v;
    analyze_run run;
    seen_set seen;
    bool io_error;
    bool oom_said;      /* "out of memory" was printed already (by verifier_check) */
    const char *html;   /* --html FILE, or NULL */
    char *html_is_read; /* a result read that is the same file as html, or NULL */
} analyze_ctx;

static int set_format(analyze_opts *o, int format)
{
    if (o->format != FORMAT_TEXT && o->format != format)
        return cli_usage_error("analyze", _("give only one of --json, --csv and --html"));
    o->format = format;
    return 0;
}

static int parse_options(int argc, char **argv, analyze_opts *o, bool *unverified)
{
    static const struct option longopts[] = {
        {"public", required_argument, NULL, 'p'},
        {"public-key", required_argument, NULL, 'P'},
        {"quiz", required_argument, NULL, 'q'},
        {"include-unverified", no_argument, NULL, OPT_UNVERIFIED},
        {"json", no_argument, NULL, OPT_JSON},
        {"csv", no_argument, NULL, OPT_CSV},
        {"html", required_argument, NULL, OPT_HTML},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, rc = 0;
    while (rc == 0 && (c = getopt_long(argc, argv, ":p:P:q:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
        case 'P':
        case 'q': rc = verifier_arg(&o->args, c, optarg, "analyze"); break;
        case OPT_UNVERIFIED: *unverified = true; break;
        case OPT_JSON:
        case OPT_CSV: rc = set_format(o, c == OPT_JSON ? FORMAT_JSON : FORMAT_CSV); break;
        case OPT_HTML:
            o->html = optarg;
            rc = set_format(o, FORMAT_HTML);
            break;
        case 'h': return -1;
        case ':':
            return cli_usage_error("analyze", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("analyze", argv[optind - 1]);
        }
    }
    if (rc == 0 && optind >= argc)
        return cli_usage_error("analyze", _("name at least one result file or folder"));
    return rc;
}

/* ---- Leaving files out ----------------------------------------------------------------------- */

static void leave_out(analyze_ctx *x, int reason, const char *path, const char *message)
{
    analyze_reason *r = &x->run.left[reason];
    r->count++;
    if (r->nfiles < ANALYZE_LIST_MAX) {
        r->files[r->nfiles].path = safe_dup(path);
        r->files[r->nfiles].message = safe_dup(message);
        r->nfiles++;
    }
}

static void leave_out_report(analyze_ctx *x, const char *path, const sp_verify_report *rep)
{
    char *s = verifier_sentence(&x->v, rep);
    int reason = (int)rep->verdict;
    if (rep->verdict == SP_VERDICT_NO_BANKS || rep->verdict == SP_VERDICT_PARTLY_REPLAYED)
        /* TRANSLATORS: why a result file is left out of analyze's report. */
        leave_out(x, reason, path,
                  _("the quiz it was taken with is not available here, so its items cannot be "
                    "read (give the quiz with --quiz)"));
    else
        leave_out(x, reason, path, s ? s : sp_verdict_name(rep->verdict));
    free(s);
}

/* ---- Counting each result once --------------------------------------------------------------- */

static seen_entry *seen_slot(const seen_set *set, const unsigned char key[16])
{
    uint64_t h;
    memcpy(&h, key, sizeof(h));
    size_t i = (size_t)h & (set->cap - 1);
    while (set->slots[i].used && memcmp(set->slots[i].key, key, 16) != 0)
        i = (i + 1) & (set->cap - 1);
    return &set->slots[i];
}

static int seen_grow(seen_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    seen_entry *old = set->slots;
    size_t oldcap = set->cap;
    set->slots = calloc(cap, sizeof(*set->slots));
    if (!set->slots) {
        set->slots = old;
        return EXIT_INTERNAL;
    }
    set->cap = cap;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].used)
            *seen_slot(set, old[i].key) = old[i];
    free(old);
    return EXIT_OK;
}

/* The entry of the result with this body digest: *fresh says whether it was not there yet (it
 * is then added, unused fields zero). NULL when out of memory. */
static seen_entry *seen_find(seen_set *set, const unsigned char digest[32], bool *fresh)
{
    if ((set->len + 1) * 4 > set->cap * 3 && seen_grow(set) != EXIT_OK)
        return NULL;
    seen_entry *e = seen_slot(set, digest);
    *fresh = !e->used;
    if (*fresh) {
        memcpy(e->key, digest, 16);
        e->used = true;
        set->len++;
    }
    return e;
}

/* ---- Groups ---------------------------------------------------------------------------------- */

/* The group of the quiz the result was verified against, made when first met; NULL when out of
 * memory. Results are grouped by what was verified, never by what they claim. */
static analyze_group *group_for(analyze_ctx *x, const sp_verify_report *rep)
{
    analyze_run *run = &x->run;
    for (size_t i = 0; i < run->ngroups; i++)
        if (run->groups[i].quiz == rep->quiz)
            return &run->groups[i];
    analyze_group *more = realloc(run->groups, (run->ngroups + 1) * sizeof(*more));
    if (!more)
        return NULL;
    run->groups = more;
    analyze_group *g = &run->groups[run->ngroups];
    memset(g, 0, sizeof(*g));
    const sp_manifest *m = sp_quiz_manifest(rep->quiz);
    g->quiz_id = m->id;
    g->version = m->version;
    sp_hex(m->digest, 32, g->digest);
    g->quiz = rep->quiz;
    if (!(g->analysis = sp_analysis_new(rep->quiz, NULL)))
        return NULL;
    run->ngroups++;
    return g;
}

/* Whether a result that is not verified may still be analysed: only under
 * --include-unverified, and only when it was replayed in full against the exact quiz it names. */
static bool usable_unverified(const analyze_ctx *x, const sp_verify_report *rep)
{
    bool kind = rep->verdict == SP_VERDICT_UNSIGNED || rep->verdict == SP_VERDICT_UNKNOWN_KEY ||
                rep->verdict == SP_VERDICT_UNTRUSTED_KEY;
    return x->run.include_unverified && kind && rep->replayed && rep->quiz_fit == SP_QUIZ_EXACT &&
           rep->replay.verdict == SP_REPLAY_OK;
}

/* A copy of a result counted already is left out. A verified copy of a result counted as
 * unverified makes it count as verified: an unverified file never outweighs a verified one. */
static void count_duplicate(analyze_ctx *x, seen_entry *e, const char *path,
                            const sp_verify_report *rep)
{
    if (rep->verdict == SP_VERDICT_VERIFIED && e->verdict != SP_VERDICT_VERIFIED) {
        x->run.unverified[e->verdict]--;
        x->run.groups[e->group].unverified--;
        e->verdict = SP_VERDICT_VERIFIED;
    }
    leave_out(x, REASON_DUPLICATE, path,
              _("the same result as a file counted already (a copy or a link): counted once"));
}

/* Feeds one verified (or admitted) result to its group. Returns EXIT_OK or EXIT_INTERNAL. */
static int add_result(analyze_ctx *x, const char *path, const sp_verify_report *rep)
{
    bool fresh;
    seen_entry *e = seen_find(&x->seen, rep->body_digest, &fresh);
    if (!e)
        return EXIT_INTERNAL;
    if (!fresh) {
        count_duplicate(x, e, path, rep);
        return EXIT_OK;
    }
    analyze_group *g = group_for(x, rep);
    if (!g)
        return EXIT_INTERNAL;
    sp_response *resp = NULL;
    char why[256];
    int err = sp_result_responses(rep->result, rep->quiz, &resp, why, sizeof(why));
    if (err == 0)
        err = sp_analysis_add(g->analysis, resp, sp_result_answer_count(rep->result),
                              &rep->replay.outcome);
    free(resp);
    if (err == SP_ENOMEM)
        return EXIT_INTERNAL;
    if (err != 0) {
        leave_out(x, SP_VERDICT_REPLAY_MISMATCH, path, why);
        return EXIT_OK; /* its copies are refused as duplicates: they would fail the same way */
    }
    e->group = (uint32_t)(g - x->run.groups);
    e->verdict = (uint8_t)rep->verdict;
    x->run.analysed++;
    g->adaptive += sp_result_adaptive_info(rep->result) != NULL;
    if (rep->verdict != SP_VERDICT_VERIFIED) {
        x->run.unverified[rep->verdict]++;
        g->unverified++;
    }
    return EXIT_OK;
}

static int analyze_one(analyze_ctx *x, const char *path)
{
    sp_verify_report rep;
    x->run.read++;
    if (x->html && !x->html_is_read && sp_same_file(path, x->html))
        x->html_is_read = strdup(path); /* refused when the report is written */
    bool too_large;
    int rc = verifier_check(&x->v, path, &rep, &too_large);
    if (rc == EXIT_INTERNAL) {
        x->oom_said = true;
        return rc;
    }
    if (rc != EXIT_OK) {
        x->io_error = true;
        leave_out(x, REASON_UNREADABLE, path,
                  /* TRANSLATORS: why a result file is left out of analyze's report. */
                  too_large ? _("larger than any result") : _("cannot be read"));
        return EXIT_OK;
    }
    if ((rep.verdict == SP_VERDICT_VERIFIED && rep.replayed) || usable_unverified(x, &rep))
        rc = add_result(x, path, &rep);
    else
        leave_out_report(x, path, &rep);
    sp_verify_report_clear(&rep);
    return rc;
}

/* ---- Walking folders ------------------------------------------------------------------------- */

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(analyze_ctx *x, const char *dir, int depth);

/* One entry of a folder: a result file is analysed, a folder walked. An entry named like a
 * result that is not a regular file (a FIFO, which would block a reader for ever, a socket, a
 * device, a folder, or a link to one of these) is skipped with a note: it is no result, and the
 * files beside it are still read. */
static int walk_entry(analyze_ctx *x, const char *dir, const char *name, int depth)
{
    char path[4096];
    int n = snprintf(path, sizeof(path), "%s/%s", dir, name);
    if (n < 0 || (size_t)n >= sizeof(path))
        return EXIT_OK;
    struct stat st;
    if (lstat(path, &st) != 0)
        return EXIT_OK;
    if (S_ISDIR(st.st_mode))
        return depth < WALK_MAX_DEPTH ? walk(x, path, depth + 1) : EXIT_OK;
    if (!has_suffix(name, ".signpost"))
        return EXIT_OK;
    if (S_ISLNK(st.st_mode) && stat(path, &st) != 0)
        return analyze_one(x, path); /* a broken link: reported as unreadable */
    const char *why = sp_file_kind_why(st.st_mode);
    if (why) {
        /* TRANSLATORS: analyze's note on a folder entry it does not read; the second %s says
           why ("it is a pipe (FIFO), not a regular file"). */
        cli_error(_("skipping %s: %s"), path, why);
        return EXIT_OK;
    }
    return analyze_one(x, path);
}

/* Walks dir in name order: *.signpost files, and folders below it (not symbolic links to
 * folders, so that a link cannot make a loop). */
static int walk(analyze_ctx *x, const char *dir, int depth)
{
    DIR *d = opendir(dir);
    if (!d) {
        cli_error(_("cannot read the folder %s: %s"), dir, strerror(errno));
        x->io_error = true;
        return EXIT_OK;
    }
    sp_vec names = {0};
    int rc = EXIT_OK;
    for (struct dirent *e; rc == EXIT_OK && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char **slot = sp_vec_push(&names, sizeof(char *));
        if (!slot || !(*slot = strdup(e->d_name)))
            rc = EXIT_INTERNAL;
    }
    closedir(d);
    char **list = names.data;
    if (names.len)
        qsort(list, names.len, sizeof(char *), by_name);
    for (size_t i = 0; i < names.len; i++) {
        if (rc == EXIT_OK && list[i])
            rc = walk_entry(x, dir, list[i], depth);
        free(list[i]);
    }
    sp_vec_free(&names);
    return rc;
}

static int analyze_arg(analyze_ctx *x, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk(x, path, 0);
    return analyze_one(x, path);
}

/* ---- Output ---------------------------------------------------------------------------------- */

/* Computes every group's statistics, and marks the groups whose id and version another group
 * shares, so that reports tell them apart by digest. */
static int finish_groups(analyze_run *run)
{
    for (size_t i = 0; i < run->ngroups; i++) {
        analyze_group *g = &run->groups[i];
        for (size_t j = 0; j < run->ngroups; j++)
            g->ambiguous =
                g->ambiguous || (j != i && strcmp(run->groups[j].quiz_id, g->quiz_id) == 0 &&
                                 strcmp(run->groups[j].version, g->version) == 0);
        if (sp_analysis_finish(g->analysis) != 0)
            return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

/* Refuses to write the report over a --quiz manifest or one of its files. A quiz that does not
 * load is passed over here: the verifier says what is wrong with it. */
static int check_html_quiz(const char *html, const char *manifest)
{
    int rc = outputs_not_an_input("analyze", html, &(out_input){manifest, _("the quiz")}, 1);
    sp_diags *d = sp_diags_new();
    sp_quiz *quiz = NULL;
    if (rc == EXIT_OK && d && sp_quiz_load(manifest, d, &quiz) == 0)
        rc = outputs_not_in_quiz("analyze", html, quiz);
    sp_quiz_free(quiz);
    sp_diags_free(d);
    return rc;
}

/* The inputs named on the command line, which the report must not be written over: the -p
 * keys, the --quiz manifests and their files, and the results named (folders are walked; what
 * is read in them is checked as it is read). Returns EXIT_OK, EXIT_USAGE or EXIT_IO, after a
 * message. */
static int check_html(const analyze_opts *o, int argc, char **argv)
{
    const verifier_args *a = &o->args;
    int rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < a->npubfiles; i++)
        rc = outputs_not_an_input("analyze", o->html,
                                  &(out_input){a->pubfiles[i], _("the public key")}, 1);
    for (size_t i = 0; rc == EXIT_OK && i < a->nquizzes; i++)
        rc = check_html_quiz(o->html, a->quizzes[i]);
    for (int i = optind; rc == EXIT_OK && i < argc; i++)
        rc = outputs_not_an_input("analyze", o->html, &(out_input){argv[i], _("the result")}, 1);
    return rc == EXIT_OK ? outputs_not_a_key(o->html) : rc;
}

static int write_html(const analyze_ctx *x, const char *path)
{
    const analyze_run *run = &x->run;
    int rc =
        outputs_not_an_input("analyze", path, &(out_input){x->html_is_read, _("the result")}, 1);
    if (rc == EXIT_OK)
        rc = outputs_not_a_key(path); /* again: the walk may have taken a while */
    if (rc != EXIT_OK)
        return rc;
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (!mem)
        return EXIT_INTERNAL;
    analyze_print_html(run, mem);
    if (fclose(mem) != 0) {
        free(buf);
        return EXIT_INTERNAL;
    }
    int err = sp_write_atomic(path, buf, len, sp_mode_umask(0666));
    free(buf);
    if (err != 0) {
        cli_error(_("cannot write %s: %s"), path,
                  err == SP_EIO ? strerror(errno) : sp_strerror(err));
        return err == SP_ENOMEM ? EXIT_INTERNAL : EXIT_IO;
    }
    char *counts = analyze_counts(run);
    /* TRANSLATORS: %1$s is the HTML file, %2$s the counts ("3 files read, 2 results analysed, 1
       left out"). */
    sp_buf b = {0};
    sp_buf_printf(&b, _("Wrote %s: %s."), path, counts ? counts : "?");
    safe_fputs(sp_buf_str(&b) ? sp_buf_str(&b) : "", stdout);
    putchar('\n');
    sp_buf_free(&b);
    free(counts);
    return EXIT_OK;
}

static int print_report(const analyze_ctx *x, const analyze_opts *o)
{
    const analyze_run *run = &x->run;
    switch (o->format) {
    case FORMAT_JSON: analyze_print_json(run, stdout); return EXIT_OK;
    case FORMAT_CSV: analyze_print_csv(run, stdout); return EXIT_OK;
    case FORMAT_HTML: return write_html(x, o->html);
    default: analyze_print_text(run, stdout); return EXIT_OK;
    }
}

static void free_run(analyze_run *run)
{
    for (int r = 0; r < REASON_COUNT; r++) {
        for (size_t i = 0; i < run->left[r].nfiles; i++) {
            free(run->left[r].files[i].path);
            free(run->left[r].files[i].message);
        }
    }
    for (size_t i = 0; i < run->ngroups; i++)
        sp_analysis_free(run->groups[i].analysis);
    free(run->groups);
}

int cmd_analyze(int argc, char **argv)
{
    analyze_opts o = {0};
    bool unverified = false;
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o, &unverified);
    if (rc < 0)
        return cli_help_exit("analyze");
    if (rc)
        return rc;
    if (o.format == FORMAT_JSON || o.format == FORMAT_CSV)
        cli_use_language("en"); /* messages in the JSON or CSV are for programs */
    if (o.html && (rc = check_html(&o, argc, argv)) != EXIT_OK)
        return rc; /* before the walk, which can be long */
    analyze_ctx *x = calloc(1, sizeof(*x));
    if (!x) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    x->run.include_unverified = unverified;
    x->html = o.html;
    rc = verifier_init(&x->v, &o.args); /* says itself what went wrong */
    if (rc == EXIT_OK) {
        for (int i = optind; rc == EXIT_OK && i < argc; i++)
            rc = analyze_arg(x, argv[i]);
        if (rc == EXIT_OK)
            rc = finish_groups(&x->run);
        if (rc == EXIT_OK)
            rc = print_report(x, &o);
        if (rc == EXIT_INTERNAL && !x->oom_said)
            cli_error("%s", _("out of memory"));
    }
    if (rc == EXIT_OK && x->io_error)
        rc = EXIT_IO;
    else if (rc == EXIT_OK && x->run.analysed == 0)
        rc = EXIT_NEGATIVE;
    verifier_free(&x->v);
    free_run(&x->run);
    free(x->seen.slots);
    free(x->html_is_read);
    free(x);
    return cli_finish(rc);
}
