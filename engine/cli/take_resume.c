/* Picking the session `signpost take --resume` continues: the unfinished quizzes, those in use
 * by another process passed over, the choice, and the lock that keeps the session to this
 * process (journal.h, docs/sessions.md). */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "prompt.h"
#include "take.h"
#include "wrap.h"

char *take_absolute(const char *path)
{
    char cwd[PATH_MAX];
    if (path[0] == '/' || !getcwd(cwd, sizeof(cwd)))
        return strdup(path);
    size_t len = strlen(cwd) + strlen(path) + 2;
    char *abs = malloc(len);
    if (abs)
        snprintf(abs, len, "%s%s%s", cwd, strcmp(cwd, "/") == 0 ? "" : "/", path);
    return abs;
}

void take_say_in_use(const char *journal, const sp_journal_holder *h, bool note)
{
    if (!h->pid || !h->host[0]) {
        cli_error(note ? _("note: the quiz in %s is in use by another signpost; it is not offered")
                       : _("the quiz in %s is in use by another signpost; go on there, or end "
                           "it first"),
                  journal);
        return;
    }
    char since[64] = "?";
    time_t when = (time_t)h->since;
    struct tm tm;
    if (h->since && localtime_r(&when, &tm))
        strftime(since, sizeof(since), "%Y-%m-%d %H:%M:%S", &tm);
    if (note)
        cli_error(_("note: the quiz in %s is in use: process %lld on %s has been taking it since "
                    "%s; it is not offered"),
                  journal, (long long)h->pid, h->host, since);
    else
        cli_error(_("the quiz in %s is in use: process %lld on %s has been taking it since %s; "
                    "go on there, or end that process first"),
                  journal, (long long)h->pid, h->host, since);
}

int take_list_journals(char *dir, size_t size, sp_journal_entry **list, size_t *n)
{
    int rc = sp_journal_dir(dir, size, false);
    sp_diags *d = sp_diags_new();
    if (rc == 0)
        rc = d ? sp_journal_list(dir, d, list, n) : SP_ENOMEM;
    for (size_t i = 0; d && i < sp_diags_count(d); i++)
        cli_error(_("warning: %s: %s"), sp_diags_at(d, i)->file, sp_diags_at(d, i)->message);
    sp_diags_free(d);
    if (rc)
        cli_error(_("cannot look for unfinished quizzes: %s"),
                  rc == SP_EIO ? strerror(errno) : sp_strerror(rc));
    return rc ? cli_exit_for(rc) : EXIT_OK;
}

size_t take_unfinished(void)
{
    char dir[PATH_MAX];
    sp_journal_entry *e = NULL;
    size_t n = 0, free_ones = 0;
    sp_diags *d = sp_diags_new();
    if (d && sp_journal_dir(dir, sizeof(dir), false) == 0 && sp_journal_list(dir, d, &e, &n) == 0)
        for (size_t i = 0; i < n; i++)
            free_ones += !e[i].in_use;
    sp_journal_entries_free(e, n);
    sp_diags_free(d);
    return free_ones;
}

/* Asks which of the n sessions e[at[0]], e[at[1]]... to continue; returns its index in e, or
 * -1 when the taker gives up. */
static long choose(const sp_journal_entry *e, const size_t *at, size_t n)
{
    FILE *ui = prompt_ui();
    fprintf(ui, "%s\n", _("Unfinished quizzes, the most recent first:"));
    for (size_t i = 0; i < n; i++)
        take_describe(e[at[i]].journal, i + 1, ui);
    for (;;) {
        char *line, s[32], *end;
        if (prompt_read(_("Which one? (number, Enter for 1) "), &line) != PROMPT_LINE)
            return -1;
        bool ok = wrap_fold(line, s, sizeof(s));
        free(line);
        char *p = s + strspn(s, " ");
        if (ok && !*p)
            return (long)at[0];
        long i = ok ? strtol(p, &end, 10) : 0;
        if (ok && *end == '\0' && i >= 1 && (size_t)i <= n)
            return (long)at[i - 1];
        fprintf(ui, _("Type a number from 1 to %zu.\n"), n);
    }
}

/* Picks one of the n journals in list that no other process holds, saying which are passed
 * over; sets *out, or returns an exit code. */
static int pick_free(const sp_journal_entry *list, size_t n, long *out)
{
    size_t *at = malloc(n * sizeof(*at)), nfree = 0;
    if (!at) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    for (size_t i = 0; i < n; i++)
        if (!list[i].in_use)
            at[nfree++] = i;
    /* With nothing left to offer, each in use is the reason for the refusal. */
    for (size_t i = 0; i < n; i++)
        if (list[i].in_use)
            take_say_in_use(list[i].path, &list[i].holder, nfree > 0);
    *out = nfree == 0 ? -2 : nfree == 1 || !prompt_is_tty() ? (long)at[0] : choose(list, at, nfree);
    free(at);
    return *out == -2 ? EXIT_NEGATIVE : *out < 0 ? EXIT_UNFINISHED : EXIT_OK;
}

/* Locks the session of the journal at path into pick. A lock that cannot be made for want of
 * a writable folder is warned about, and the quiz goes on. Returns an exit code. */
static int lock_session(const char *path, take_pick *pick)
{
    sp_journal_holder holder;
    int rc = sp_journal_acquire(path, &pick->lock, &holder);
    char lockpath[PATH_MAX] = "?";
    if (rc == SP_EBUSY) {
        take_say_in_use(path, &holder, false);
        return EXIT_NEGATIVE;
    }
    if (rc == SP_EINPUT && sp_journal_lock_path(path, lockpath, sizeof(lockpath)) == 0) {
        cli_error(_("cannot lock the quiz in %s: %s is not a regular file; remove it"), path,
                  lockpath);
        return EXIT_NEGATIVE;
    }
    if (rc == SP_ENOMEM) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (rc)
        cli_error(_("warning: cannot lock the quiz in %s (%s); another signpost take --resume "
                    "could take it at the same time"),
                  path, rc == SP_EIO ? strerror(errno) : sp_strerror(rc));
    return EXIT_OK;
}

/* Reads the journal at path again into pick, now that it is held. */
static int reload(const char *path, take_pick *pick)
{
    sp_diags *d = sp_diags_new();
    int rc = d ? sp_journal_load(path, d, &pick->journal) : SP_ENOMEM;
    if (rc == SP_EIO && errno == ENOENT) {
        cli_error(_("the quiz in %s was finished or removed in the meantime"), path);
    } else if (rc) {
        cli_print_diags(d, false);
        cli_error(_("cannot resume the quiz in %s: %s"), path, sp_strerror(rc));
    }
    sp_diags_free(d);
    return rc == 0 ? EXIT_OK : rc == SP_ENOMEM ? EXIT_INTERNAL : EXIT_NEGATIVE;
}

int take_pick_session(take_pick *pick)
{
    char dir[PATH_MAX];
    sp_journal_entry *list = NULL;
    size_t n = 0;
    long which = -1;
    *pick = (take_pick){0};
    int rc = take_list_journals(dir, sizeof(dir), &list, &n);
    if (rc == EXIT_OK && n == 0) {
        cli_error(_("there is no unfinished quiz to resume (journals are kept in %s)"), dir);
        rc = EXIT_NEGATIVE;
    }
    if (rc == EXIT_OK)
        rc = pick_free(list, n, &which);
    if (rc == EXIT_OK && !(pick->path = strdup(list[which].path))) {
        cli_error("%s", _("out of memory"));
        rc = EXIT_INTERNAL;
    }
    sp_journal_entries_free(list, n);
    if (rc == EXIT_OK)
        rc = lock_session(pick->path, pick);
    if (rc == EXIT_OK)
        rc = reload(pick->path, pick);
    if (rc != EXIT_OK)
        take_pick_free(pick);
    return rc;
}

void take_pick_free(take_pick *pick)
{
    sp_journal_release(pick->lock, true);
    sp_journal_free(pick->journal);
    free(pick->path);
    *pick = (take_pick){0};
}
