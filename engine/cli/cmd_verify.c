/* signpost verify: check signed results — signature, trust, and that the scores follow from
 * the answers. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "cli.h"
#include "signpost/badge.h"
#include "safe.h"
#include "verifier.h"

enum { OPT_STRICT = 256, OPT_JSON };

typedef struct verify_opts {
    verifier_args args;
    bool verbose;
    bool json;
} verify_opts;

static int parse_options(int argc, char **argv, verify_opts *o)
{
    static const struct option longopts[] = {
        {"public", required_argument, NULL, 'p'}, {"public-key", required_argument, NULL, 'P'},
        {"quiz", required_argument, NULL, 'q'},   {"strict", no_argument, NULL, OPT_STRICT},
        {"verbose", no_argument, NULL, 'v'},      {"json", no_argument, NULL, OPT_JSON},
        {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
    };
    int c, rc;
    while ((c = getopt_long(argc, argv, ":p:P:q:vh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
        case 'P':
        case 'q':
            if ((rc = verifier_arg(&o->args, c, optarg, "verify")) != EXIT_OK)
                return rc;
            break;
        case OPT_STRICT: o->args.strict = true; break;
        case 'v': o->verbose = true; break;
        case OPT_JSON: o->json = true; break;
        case 'h': return -1;
        case ':':
            return cli_usage_error("verify", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("verify", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("verify", "%s", _("name at least one result file"));
    return 0;
}

/* The exit status of one file by its trust class: 0 trusted or yours, 6 intact but the signer
 * not trusted, 7 not signed, 1 failed. */
static int status_of(const sp_verify_report *rep)
{
    switch (rep->trust) {
    case SP_TRUST_TRUSTED:
    case SP_TRUST_YOURS: return EXIT_OK;
    case SP_TRUST_UNTRUSTED: return EXIT_UNTRUSTED;
    case SP_TRUST_UNSIGNED: return EXIT_UNSIGNED;
    default: return EXIT_NEGATIVE;
    }
}

/* How bad a file's status is, for the status of several: 3 > 1 > 7 > 6 > 0. */
static int badness(int status)
{
    switch (status) {
    case EXIT_IO: return 4;
    case EXIT_NEGATIVE: return 3;
    case EXIT_UNSIGNED: return 2;
    case EXIT_UNTRUSTED: return 1;
    default: return 0;
    }
}

/* The status of a badge: its trust class as for a result (docs/badges.md). */
static int badge_status(const sp_badge_report *b)
{
    return b->accepted ? EXIT_OK : b->trust == SP_TRUST_UNTRUSTED ? EXIT_UNTRUSTED : EXIT_NEGATIVE;
}

static void badge_json(verifier *v, const char *path, const sp_badge_report *b)
{
    fputs("{\"file\": ", stdout);
    cli_json_string(stdout, path);
    printf(", \"kind\": \"badge\", \"accepted\": %s, \"trust\": \"%s\", \"problem\": \"%s\", "
           "\"message\": ",
           b->accepted ? "true" : "false", sp_trust_name(b->trust),
           sp_badge_problem_name(b->problem));
    cli_json_string(stdout, b->why);
    if (b->pos.line)
        printf(", \"position\": {\"line\": %u, \"column\": %u}", b->pos.line, b->pos.column);
    fputs(", \"issuer\": ", stdout);
    if (b->issuer[0])
        cli_json_string(stdout, b->issuer);
    else
        fputs("null", stdout);
    fputs(", \"result\": ", stdout);
    if (b->has_result)
        verifier_print_json(v, path, &b->result, 2, stdout);
    else
        fputs("null", stdout);
    fputs("}", stdout);
}

static void badge_line(verifier *v, const char *path, const sp_badge_report *b, bool verbose)
{
    char *shown = safe_dup(path);
    if (b->problem != SP_BADGE_OK) {
        if (b->pos.line)
            printf(_("%s:%u:%u: badge FAILED — %s\n"), shown ? shown : "?", b->pos.line,
                   b->pos.column, b->why);
        else
            printf(_("%s: badge FAILED — %s\n"), shown ? shown : "?", b->why);
    } else {
        char *sentence = verifier_sentence(v, &b->result);
        printf(_("%s: badge of %s, proof holds (eddsa-jcs-2022); the result: %s\n"),
               shown ? shown : "?", b->issuer, sentence ? sentence : "?");
        free(sentence);
    }
    if (verbose && b->has_result)
        verifier_print_details(v, &b->result, stdout);
    free(shown);
}

/* Verifies an Open Badges credential (a file that starts with '{'). */
static int verify_badge(verifier *v, const verify_opts *o, const char *path, const char *buf,
                        size_t len)
{
    sp_badge_report b;
    if (sp_badge_verify(path, buf, len, &v->opts, &b) != 0) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (o->json)
        badge_json(v, path, &b);
    else
        badge_line(v, path, &b, o->verbose);
    int rc = badge_status(&b);
    sp_badge_report_clear(&b);
    return rc;
}

/* Whether path holds a badge: its first 4 KiB hold '{' before anything but white space. */
static bool is_badge(const char *path)
{
    char head[4096];
    int fd = sp_input_open(path, 0);
    if (fd < 0)
        return false; /* verifier_check says why */
    ssize_t n = read(fd, head, sizeof(head));
    close(fd);
    return n > 0 && sp_badge_looks_like(head, (size_t)n);
}

/* Reads and verifies a badge; prints its report; returns its exit status. */
static int check_badge(verifier *v, const verify_opts *o, const char *path, bool first)
{
    char *buf = NULL;
    size_t len = 0;
    if (o->json)
        fputs(first ? "[\n  " : ",\n  ", stdout);
    int err = sp_input_read(path, 0, SP_BADGE_MAX_SIZE, &buf, &len);
    if (err == 0) {
        int rc = verify_badge(v, o, path, buf, len);
        free(buf);
        return rc;
    }
    /* TRANSLATORS: why a file cannot be read: it is far too large. */
    cli_error(_("cannot read %s: %s"), path,
              err == SP_EIO      ? sp_input_strerror(path, errno)
              : err == SP_ELIMIT ? _("larger than any badge")
                                 : sp_strerror(err));
    if (o->json) {
        fputs("{\"file\": ", stdout);
        cli_json_string(stdout, path);
        printf(", \"verified\": false, \"accepted\": false, \"verdict\": \"%s\", "
               "\"trust\": \"failed\", \"replayed\": null}",
               err == SP_ELIMIT ? "too-large" : "unreadable");
    }
    return err == SP_ENOMEM ? EXIT_INTERNAL : EXIT_IO;
}

/* Verifies one file and prints its verdict; returns its exit code. */
static int verify_one(verifier *v, const verify_opts *o, const char *path, bool first)
{
    if (is_badge(path))
        return check_badge(v, o, path, first);
    sp_verify_report rep;
    bool too_large;
    int rc = verifier_check(v, path, &rep, &too_large);
    if (o->json) {
        fputs(first ? "[\n  " : ",\n  ", stdout);
        if (rc == EXIT_OK) {
            verifier_print_json(v, path, &rep, 2, stdout);
        } else {
            fputs("{\"file\": ", stdout);
            cli_json_string(stdout, path);
            printf(", \"verified\": false, \"accepted\": false, \"verdict\": \"%s\", "
                   "\"trust\": \"failed\", \"replayed\": null}",
                   too_large ? "too-large" : "unreadable");
        }
    } else if (rc == EXIT_OK) {
        verifier_print_line(v, path, &rep, stdout);
        if (o->verbose) {
            verifier_print_details(v, &rep, stdout);
        } else if (verifier_has_untrusted_comment(&rep)) {
            fputs("  ", stdout);
            verifier_untrusted_note(&rep, stdout);
        }
    }
    if (rc == EXIT_OK)
        rc = status_of(&rep);
    sp_verify_report_clear(&rep);
    return rc;
}

int cmd_verify(int argc, char **argv)
{
    verify_opts o = {.args.replay_only = true}; /* verify shows no text of a quiz */
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("verify");
    if (rc)
        return rc;
    if (o.json)
        cli_use_language("en"); /* the messages inside the JSON are read by programs */
    verifier v;
    rc = verifier_init(&v, &o.args);
    int status = EXIT_OK;
    for (int i = optind; rc == EXIT_OK && i < argc; i++) {
        int one = verify_one(&v, &o, argv[i], i == optind);
        if (one == EXIT_INTERNAL)
            rc = one;
        else if (badness(one) > badness(status))
            status = one; /* the worst file decides */
    }
    if (o.json && rc == EXIT_OK)
        fputs("\n]\n", stdout);
    verifier_free(&v);
    return cli_finish(rc != EXIT_OK ? rc : status);
}
