/* signpost verify: check signed results — signature, trust, and that the scores follow from
 * the answers. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
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

/* Verifies one file and prints its verdict; returns its exit code. */
static int verify_one(verifier *v, const verify_opts *o, const char *path, bool first)
{
    sp_verify_report rep;
    bool too_large;
    int rc = verifier_check(v, path, &rep, &too_large);
    if (o->json) {
        fputs(first ? "[\n  " : ",\n  ", stdout);
        if (rc == EXIT_OK) {
            verifier_print_json(v, path, &rep, 2, stdout);
        } else {
            fputs("{\"file\": ", stdout);
            json_string(stdout, path);
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
    verify_opts o = {0};
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
