/* signpost verifier: write the offline verifier page, one HTML file that checks results in a
 * browser as verify does, with the keys and quizzes given here (docs/verifier.md). */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/atomic.h"
#include "cli.h"
#include "base/fileio.h"
#include "outputs.h"
#include "page_data.h"
#include "safe.h"
#include "verifier.h"

#ifndef SIGNPOST_BUILD_TEMPLATE
#define SIGNPOST_BUILD_TEMPLATE ""
#endif

/* The template is the page's HTML with its script inline: a few hundred KiB. */
#define TEMPLATE_MAX (16u * 1024 * 1024)

typedef struct verifier_opts {
    verifier_args args;
    const char *out;
    bool force;
} verifier_opts;

static int parse_options(int argc, char **argv, verifier_opts *o)
{
    static const struct option longopts[] = {
        {"public", required_argument, NULL, 'p'},
        {"public-key", required_argument, NULL, 'P'},
        {"quiz", required_argument, NULL, 'q'},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    while ((c = getopt_long(argc, argv, ":p:P:q:o:fh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
        case 'P':
        case 'q':
            if ((rc = verifier_arg(&o->args, c, optarg, "verifier")) != EXIT_OK)
                return rc;
            break;
        case 'o': o->out = optarg; break;
        case 'f': o->force = true; break;
        case 'h': return -1;
        case ':':
            return cli_usage_error("verifier", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("verifier", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("verifier", _("unexpected argument '%s'"), argv[optind]);
    if (!o->out || !*o->out)
        return cli_usage_error("verifier", "%s", _("name the page to write with -o FILE"));
    return 0;
}

/* ---- The template ---------------------------------------------------------------------------- */

#define TEMPLATE_PLACES 3

/* Where the template may be, in the order looked at: installed beside the program
 * (bin/../share/signpost), in the build folder of this program, in the install folder. */
static size_t template_places(const char *places[TEMPLATE_PLACES])
{
    static char beside[PATH_MAX + 64];
    size_t n = 0;
    const char *exe = cli_exe_dir();
    if (*exe) {
        snprintf(beside, sizeof(beside), "%s/../share/signpost/verifier-template.html", exe);
        places[n++] = beside;
    }
    if (*SIGNPOST_BUILD_TEMPLATE)
        places[n++] = SIGNPOST_BUILD_TEMPLATE;
    places[n++] = SIGNPOST_DATADIR "/verifier-template.html";
    return n;
}

/* The template's path: $SIGNPOST_VERIFIER_TEMPLATE when set, else the first place that has
 * one; NULL (after a message that says how to build it) when there is none. */
static const char *find_template(void)
{
    const char *places[TEMPLATE_PLACES];
    const char *env = getenv("SIGNPOST_VERIFIER_TEMPLATE");
    size_t n = env && *env ? 1 : template_places(places);
    if (env && *env)
        places[0] = env;
    for (size_t i = 0; i < n; i++)
        if (access(places[i], F_OK) == 0)
            return places[i]; /* one that cannot be read is said so when it is read */
    sp_buf list = {0};
    for (size_t i = 0; i < n; i++)
        sp_buf_printf(&list, "%s%s", i ? ", " : "", places[i]);
    /* TRANSLATORS: %s is the list of files looked for, separated by commas; `npm ci`, web/,
       cmake and SIGNPOST_VERIFIER_TEMPLATE are as typed. */
    cli_error(_("no verifier page template found (looked for %s): the template is built with "
                "the program when node is installed (run `npm ci` in web/, then cmake and "
                "build again), or name one with SIGNPOST_VERIFIER_TEMPLATE"),
              sp_buf_str(&list) ? sp_buf_str(&list) : "?");
    sp_buf_free(&list);
    return NULL;
}

/* Where the marker is in the template: its offset, after checking that it occurs exactly once.
 * Returns EXIT_OK, or EXIT_NEGATIVE after a message. */
static int find_marker(const char *path, const char *t, size_t len, size_t *at)
{
    const char *m = PAGE_DATA_MARKER;
    size_t mlen = strlen(m), count = 0;
    for (const char *p = t; (p = memmem(p, len - (size_t)(p - t), m, mlen)) != NULL; p += mlen)
        if (count++ == 0)
            *at = (size_t)(p - t);
    if (count == 1)
        return EXIT_OK;
    /* TRANSLATORS: %1$s is the template file, %2$s the marker, %3$zu how often it occurs. */
    cli_error(_("%s is not a verifier page template: it must hold %s exactly once, and holds it "
                "%zu times"),
              path, m, count);
    return EXIT_NEGATIVE;
}

static int read_template(const char *path, char **buf, size_t *len)
{
    int err = sp_input_read(path, 0, TEMPLATE_MAX, buf, len);
    if (err == SP_EIO || err == SP_ELIMIT) {
        cli_error(_("cannot read %s: %s"), path,
                  err == SP_EIO ? sp_input_strerror(path, errno) : sp_strerror(err));
        return EXIT_IO;
    }
    return err == 0 ? EXIT_OK : EXIT_INTERNAL;
}

/* ---- The page -------------------------------------------------------------------------------- */

/* The time the page is made, as UTC: $SOURCE_DATE_EPOCH when set, so that a page can be made
 * again byte for byte. */
static void made_now(char out[32])
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    char *end = NULL;
    long long v = sde && *sde ? strtoll(sde, &end, 10) : -1;
    time_t t = end && !*end && v >= 0 ? (time_t)v : time(NULL);
    struct tm tm;
    if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        snprintf(out, 32, "1970-01-01T00:00:00Z");
}

/* The template with the page data in place of its marker, into page. */
static int fill(const verifier *v, const char *t, size_t len, size_t at, sp_buf *page)
{
    char made[32];
    made_now(made);
    sp_diags *d = sp_diags_new();
    sp_buf_append(page, t, at);
    int err = d ? page_data_build(v, made, page, d) : SP_ENOMEM;
    sp_diags_free(d);
    size_t after = at + strlen(PAGE_DATA_MARKER);
    sp_buf_append(page, t + after, len - after);
    if (err == SP_ENOMEM || page->failed) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (err != 0) { /* more quiz folders than a page can number (SP_ELIMIT) */
        cli_error("%s", sp_strerror(err));
        return cli_exit_for(err);
    }
    return EXIT_OK;
}

/* The page must not be written over what it is made from, nor over a key. */
static int check_out(const verifier_opts *o, const char *template)
{
    const verifier_args *a = &o->args;
    int rc = outputs_not_an_input("verifier", o->out, &(out_input){template, _("the template")}, 1);
    for (size_t i = 0; rc == EXIT_OK && i < a->npubfiles; i++)
        rc = outputs_not_an_input("verifier", o->out,
                                  &(out_input){a->pubfiles[i], _("the public key")}, 1);
    for (size_t i = 0; rc == EXIT_OK && i < a->nquizzes; i++)
        rc =
            outputs_not_an_input("verifier", o->out, &(out_input){a->quizzes[i], _("the quiz")}, 1);
    if (rc == EXIT_OK)
        rc = outputs_not_a_key(o->out);
    if (rc == EXIT_OK)
        rc = outputs_can_write(o->out);
    struct stat st;
    if (rc == EXIT_OK && !o->force && lstat(o->out, &st) == 0) {
        cli_error(_("%s already exists; use --force to replace it"), o->out);
        rc = EXIT_IO;
    }
    return rc;
}

static int write_page(const verifier_opts *o, const sp_buf *page)
{
    mode_t mode = sp_mode_umask(0666);
    int err = o->force ? sp_write_atomic(o->out, page->data, page->len, mode)
                       : sp_write_new(o->out, page->data, page->len, mode);
    if (err == SP_EEXIST)
        cli_error(_("%s already exists; use --force to replace it"), o->out);
    else if (err == SP_EIO)
        cli_error(_("cannot write %s: %s"), o->out, strerror(errno));
    else if (err)
        cli_error(_("cannot write %s: %s"), o->out, sp_strerror(err));
    return err == 0 ? EXIT_OK : err == SP_ENOMEM ? EXIT_INTERNAL : EXIT_IO;
}

/* Says what was written, and what the page trusts. */
static void report(const verifier_opts *o, const verifier *v)
{
    size_t n = sp_keyset_given_count(v->keys);
    sp_buf b = {0};
    /* TRANSLATORS: %1$s is the HTML file written, %2$zu the number of keys it trusts. */
    sp_buf_printf(&b,
                  P_("Wrote %s: a verifier page that trusts %zu key.",
                     "Wrote %s: a verifier page that trusts %zu keys.", n),
                  o->out, n);
    safe_fputs(sp_buf_str(&b) ? sp_buf_str(&b) : "", stdout);
    putchar('\n');
    sp_buf_free(&b);
    if (n == 0)
        cli_error("%s", _("warning: no key given with -p or -P, so the page trusts no signer: it "
                          "shows every signed result as intact at best, signer not trusted"));
}

int cmd_verifier(int argc, char **argv)
{
    verifier_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("verifier");
    if (rc)
        return rc;
    char *t = NULL;
    size_t len = 0, at = 0;
    sp_buf page = {0};
    verifier v;
    rc = verifier_init(&v, &o.args); /* a bad key or quiz is said first */
    const char *template = rc == EXIT_OK ? find_template() : NULL;
    if (rc == EXIT_OK && !template)
        rc = EXIT_IO;
    if (rc == EXIT_OK)
        rc = read_template(template, &t, &len);
    if (rc == EXIT_OK)
        rc = find_marker(template, t, len, &at);
    if (rc == EXIT_OK)
        rc = check_out(&o, template);
    if (rc == EXIT_OK)
        rc = fill(&v, t, len, at, &page);
    if (rc == EXIT_OK)
        rc = write_page(&o, &page);
    if (rc == EXIT_OK)
        report(&o, &v);
    sp_buf_free(&page);
    free(t);
    verifier_free(&v);
    return cli_finish(rc);
}
