/* The unfinished quizzes, listed and discarded: `signpost take --sessions` and
 * `signpost take --discard N|FILE` (docs/sessions.md). Each session is described the same way
 * here and in the list --resume offers, so that the numbers and lines match. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "prompt.h"
#include "take.h"
#include "wrap.h"

/* The local time t to the second, "2026-12-07 05:47:12", or "?". */
static const char *when(int64_t t, char *buf, size_t size)
{
    time_t tt = (time_t)t;
    struct tm tm;
    snprintf(buf, size, "?");
    if (t && localtime_r(&tt, &tm))
        strftime(buf, size, "%Y-%m-%d %H:%M:%S", &tm);
    return buf;
}

/* "mini 1.0.0, language zh, seed 2, started 2026-12-07 05:47:12": what tells sessions apart
 * at a glance (the same quiz begun in two languages included). */
static void headline(const sp_journal *j, char *buf, size_t size)
{
    char date[64];
    const char *lang = sp_journal_get_info(j)->lang;
    char *shown = wrap_clean(lang ? lang : "?", false);
    /* TRANSLATORS: quiz id, version, language tag (en, zh), seed, start time. */
    snprintf(buf, size, _("%s %s, language %s, seed %llu, started %s"), sp_journal_quiz_id(j),
             sp_journal_quiz_version(j), shown ? shown : "?",
             (unsigned long long)sp_journal_seed(j),
             when(sp_journal_get_info(j)->started, date, sizeof(date)));
    free(shown);
}

void take_describe(const sp_journal *j, size_t number, FILE *out)
{
    char head[512];
    headline(j, head, sizeof(head));
    fprintf(out, "%3zu. %s\n", number, head);
    const char *name = sp_journal_get_info(j)->name;
    char *shown = name ? wrap_clean(name, false) : NULL;
    fputs("     ", out);
    if (shown)
        fprintf(out, _("%zu of %zu answered, %zu skipped; name: %s\n"), sp_journal_answered(j),
                sp_journal_count(j), sp_journal_skipped(j), shown);
    else
        fprintf(out, _("%zu of %zu answered, %zu skipped\n"), sp_journal_answered(j),
                sp_journal_count(j), sp_journal_skipped(j));
    free(shown);
}

int take_sessions(void)
{
    char dir[PATH_MAX], date[64];
    sp_journal_entry *e = NULL;
    size_t n = 0;
    int rc = take_list_journals(dir, sizeof(dir), &e, &n);
    if (rc == EXIT_OK && n == 0)
        printf(_("There is no unfinished quiz (journals are kept in %s).\n"), dir);
    else if (rc == EXIT_OK)
        printf("%s\n", _("Unfinished quizzes, the most recent first:"));
    for (size_t i = 0; i < n; i++) {
        take_describe(e[i].journal, i + 1, stdout);
        char *path = wrap_clean(e[i].path, false);
        printf("     %s\n", path ? path : "?");
        free(path);
        if (e[i].in_use)
            printf(_("     in use: process %lld on %s since %s\n"), (long long)e[i].holder.pid,
                   e[i].holder.host[0] ? e[i].holder.host : "?",
                   when(e[i].holder.since, date, sizeof(date)));
    }
    sp_journal_entries_free(e, n);
    return cli_finish(rc);
}

/* ---- Discarding -------------------------------------------------------------------------- */

/* Sets *path (malloc'd) to the journal that which names: a number of the --sessions list, or
 * the path of a journal in the journal folder (a regular *.journal file there, damaged or not,
 * never a file elsewhere and never through a symbolic link). Returns an exit code. */
static int find_session(const char *which, char **path)
{
    char dir[PATH_MAX], real_dir[PATH_MAX], real[PATH_MAX];
    sp_journal_entry *e = NULL;
    size_t n = 0, len = strlen(which);
    int rc = take_list_journals(dir, sizeof(dir), &e, &n);
    *path = NULL;
    if (rc == EXIT_OK && len > 0 && strspn(which, "0123456789") == len) {
        unsigned long i = len < 10 ? strtoul(which, NULL, 10) : 0;
        if (i >= 1 && i <= n && !(*path = strdup(e[i - 1].path)))
            rc = EXIT_INTERNAL;
        else if (i < 1 || i > n)
            cli_error(_("there is no unfinished quiz %s; signpost take --sessions lists them"),
                      which);
        sp_journal_entries_free(e, n);
        return rc != EXIT_OK ? rc : *path ? EXIT_OK : EXIT_NEGATIVE;
    }
    sp_journal_entries_free(e, n);
    if (rc != EXIT_OK)
        return rc;
    struct stat st;
    char *slash = realpath(which, real) ? strrchr(real, '/') : NULL;
    bool ours = slash && lstat(which, &st) == 0 && S_ISREG(st.st_mode) &&
                len > strlen(".journal") && strcmp(which + len - 8, ".journal") == 0 &&
                realpath(dir, real_dir);
    if (ours) {
        *slash = '\0';
        ours = strcmp(real[0] ? real : "/", real_dir) == 0;
        *slash = '/';
    }
    if (!ours) {
        cli_error(_("%s is not the journal of an unfinished quiz in %s; signpost take --sessions "
                    "lists them"),
                  which, dir);
        return EXIT_NEGATIVE;
    }
    *path = strdup(real);
    return *path ? EXIT_OK : EXIT_INTERNAL;
}

/* On a terminal, asks whether to discard the session described by head; false at anything
 * but yes (one line read, never asked again). */
static bool confirm(const char *head, size_t answered)
{
    char *line = NULL, s[16] = "";
    prompt_begin(NULL);
    FILE *ui = prompt_ui();
    fprintf(ui, _("The quiz %s:\n"), head);
    fprintf(ui, P_("its %zu answer will be lost.\n", "its %zu answers will be lost.\n", answered),
            answered);
    prompt_status st = prompt_read(_("Discard it? [y/N] "), &line);
    prompt_end();
    bool yes = st == PROMPT_LINE && wrap_fold(line, s, sizeof(s)) &&
               (strcmp(s, "y") == 0 || strcmp(s, "yes") == 0);
    yes = yes || (st == PROMPT_LINE && strcmp(line, "\xE6\x98\xAF") == 0); /* 是 */
    free(line);
    return yes;
}

/* Removes the journal at path once its session is held by this process, so that a quiz
 * running elsewhere is never discarded under it; asks first unless yes. */
static int discard_held(const char *path, bool yes)
{
    sp_journal_lock *lock = NULL;
    sp_journal_holder holder;
    sp_journal *j = NULL;
    sp_diags *d = sp_diags_new();
    char head[512] = "?";
    int rc = sp_journal_acquire(path, &lock, &holder);
    if (rc == SP_EBUSY) {
        take_say_in_use(path, &holder, false);
        rc = EXIT_NEGATIVE;
        goto done;
    }
    if (rc) { /* unsure whether it is in use: left alone */
        cli_error(_("cannot lock the quiz in %s to discard it: %s"), path,
                  rc == SP_EIO ? strerror(errno) : sp_strerror(rc));
        rc = rc == SP_ENOMEM ? EXIT_INTERNAL : rc == SP_EIO ? EXIT_IO : EXIT_NEGATIVE;
        goto done;
    }
    /* Read again now that it is held (a damaged journal can be discarded too). */
    if (d && sp_journal_load(path, d, &j) == 0)
        headline(j, head, sizeof(head));
    else
        snprintf(head, sizeof(head), "%s", path);
    rc = EXIT_OK;
    if (!yes && !confirm(head, j ? sp_journal_answered(j) + sp_journal_skipped(j) : 0)) {
        printf("%s\n", _("Nothing was discarded."));
        goto done;
    }
    if (unlink(path) != 0 && errno != ENOENT) {
        cli_error(_("cannot remove %s: %s"), path, strerror(errno));
        rc = EXIT_IO;
        goto done;
    }
    printf(_("Discarded the quiz %s.\n"), head);
done:
    sp_journal_release(lock, true); /* after the journal: never a journal without its lock */
    sp_journal_free(j);
    sp_diags_free(d);
    return rc;
}

int take_discard(const char *which, bool yes)
{
    if (!yes && !isatty(STDIN_FILENO))
        return cli_usage_error("take", "%s",
                               _("--discard asks before it removes a quiz; without a terminal, "
                                 "add --yes"));
    char *path = NULL;
    int rc = find_session(which, &path);
    if (rc == EXIT_OK)
        rc = discard_held(path, yes);
    free(path);
    return cli_finish(rc);
}
