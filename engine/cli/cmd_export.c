/* signpost export --minisign: split a signed result into the body and a detached minisign
 * signature, so that the stock minisign tool can verify it; signpost export --badge: an Open
 * Badges 3.0 credential of it (export_badge.c). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/atomic.h"
#include "cli.h"
#include "export_badge.h"
#include "base/fileio.h"
#include "outputs.h"
#include "safe.h"
#include "signpost/verify.h"
#include "base/util.h"
#include "wrap.h"

typedef struct export_opts {
    bool minisign;
    bool badge;
    const char *file;
    badge_opts b; /* --badge's options */
} export_opts;

/* The value of an option that only --badge takes. */
static int badge_option(export_opts *o, int c, const char *arg)
{
    switch (c) {
    case 's': o->b.secret = arg; break;
    case 'o': o->b.out = arg; break;
    case 'f': o->b.force = true; break;
    case 'q': return verifier_arg(&o->b.replay, 'q', arg, "export");
    default: break;
    }
    return EXIT_OK;
}

static int check_combination(const export_opts *o, bool badge_only)
{
    if (o->minisign == o->badge)
        return cli_usage_error("export", "%s",
                               _("say which format to export to: --minisign or --badge"));
    if (o->minisign && badge_only)
        return cli_usage_error("export", "%s",
                               _("-s, -o, --force, --quiz and --issuer-* go with --badge only"));
    if (o->badge && !o->b.secret)
        return cli_usage_error(
            "export", "%s", _("--badge needs the secret key that signed the result: -s SECFILE"));
    return EXIT_OK;
}

static int parse_options(int argc, char **argv, export_opts *o)
{
    enum { OPT_MINISIGN = 256, OPT_BADGE, OPT_NAME, OPT_URL, OPT_PASSFILE };
    static const struct option longopts[] = {
        {"minisign", no_argument, NULL, OPT_MINISIGN},
        {"badge", no_argument, NULL, OPT_BADGE},
        {"secret", required_argument, NULL, 's'},
        {"passphrase-file", required_argument, NULL, OPT_PASSFILE},
        {"output", required_argument, NULL, 'o'},
        {"force", no_argument, NULL, 'f'},
        {"quiz", required_argument, NULL, 'q'},
        {"issuer-name", required_argument, NULL, OPT_NAME},
        {"issuer-url", required_argument, NULL, OPT_URL},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    bool badge_only = false;
    while ((c = getopt_long(argc, argv, ":s:o:fq:h", longopts, NULL)) != -1) {
        switch (c) {
        case OPT_MINISIGN: o->minisign = true; break;
        case OPT_BADGE: o->badge = true; break;
        case OPT_NAME:
            o->b.issuer_name = optarg;
            badge_only = true;
            break;
        case OPT_URL:
            o->b.issuer_url = optarg;
            badge_only = true;
            break;
        case OPT_PASSFILE:
            o->b.passfile = optarg;
            badge_only = true;
            break;
        case 's':
        case 'o':
        case 'f':
        case 'q':
            badge_only = true;
            if ((rc = badge_option(o, c, optarg)) != EXIT_OK)
                return rc;
            break;
        case 'h': return -1;
        case ':':
            return cli_usage_error("export", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("export", argv[optind - 1]);
        }
    }
    if ((rc = check_combination(o, badge_only)) != EXIT_OK)
        return rc;
    if (optind >= argc)
        return cli_usage_error("export", "%s", _("name the signed result to export"));
    if (optind + 1 < argc)
        return cli_usage_error("export", _("export takes one file, not '%s' too"),
                               argv[optind + 1]);
    o->file = argv[optind];
    return 0;
}

/* path + suffix, or an error message when it does not fit. */
static bool suffixed(const char *path, const char *suffix, char *out, size_t size)
{
    int n = snprintf(out, size, "%s%s", path, suffix);
    if (n > 0 && (size_t)n < size)
        return true;
    /* TRANSLATORS: the two %s make one path: a file name and a suffix such as ".body". */
    cli_error(_("the path %s%s is too long"), path, suffix);
    return false;
}

/* Both parts are checked before either is written: neither may be the signed result itself
 * (FILE.body can be it, through a link) or a key. */
static int check_parts(const char *path, const char *body_path, const char *sig_path)
{
    /* TRANSLATORS: what a file is, in "it is the same file as %s %s"; so are "the secret
       key", "the passphrase file", "a file of the quiz", "the answer file". */
    const out_input input = {path, _("the signed result")};
    int rc = outputs_check("export", body_path, &input, 1);
    return rc == EXIT_OK ? outputs_check("export", sig_path, &input, 1) : rc;
}

static int write_part(const char *path, const char *data, size_t len)
{
    int err = sp_write_atomic(path, data, len, sp_mode_umask(0666));
    if (err == 0)
        return EXIT_OK;
    cli_error(_("cannot write %s: %s"), path, err == SP_EIO ? strerror(errno) : sp_strerror(err));
    return cli_exit_for(err);
}

/* The signer's public key in base64 when this account knows it (trusted folder or own key),
 * for a ready-to-run minisign command; "" otherwise. */
static void known_key(const unsigned char id[SP_KEYID_BYTES], char out[SP_PUBKEY_BASE64_SIZE])
{
    char dir[PATH_MAX], own[PATH_MAX];
    sp_keyset *ks = sp_keyset_new();
    sp_pubkey key;
    sp_key_lookup k = {0};
    out[0] = '\0';
    bool ok = ks && cli_config_path("trusted", dir, sizeof(dir)) && sp_keyset_set_dir(ks, dir) == 0;
    if (ok && cli_config_path("signpost.pub", own, sizeof(own)) &&
        sp_pubkey_load(own, NULL, &key) == 0)
        ok = sp_keyset_set_own(ks, &key, own) == 0;
    if (ok && sp_keyset_find(ks, id, &k) == 0 && k.key)
        sp_pubkey_base64(k.key, out);
    sp_keyset_free(ks);
}

static void print_done(const char *body_path, const char *sig_path, const sp_sigblock *sig)
{
    char id[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
    sp_keyid_format(sig->keyid, id);
    known_key(sig->keyid, b64);
    char *body = safe_dup(body_path), *sigf = safe_dup(sig_path); /* paths can hold anything */
    sp_buf said = {0};
    sp_buf_printf(&said, _("Wrote %s (the signed body) and %s (its minisign signature, key %s).\n"),
                  body ? body : "?", sigf ? sigf : "?", id);
    sp_buf_printf(&said, "%s", _("Check them with minisign:"));
    /* The prose is wrapped to the terminal and 80 columns; the command below is not, so that
     * it can be copied whole. */
    int width = wrap_terminal_width(STDOUT_FILENO);
    wrap_print(stdout, sp_buf_str(&said) ? sp_buf_str(&said) : "?",
               &(wrap_style){.width = width < 80 ? width : 80});
    sp_buf_free(&said);
    if (b64[0]) {
        printf("  minisign -Vm %s -P %s\n", body ? body : "?", b64);
    } else {
        printf("  minisign -Vm %s -p SIGNER.pub\n", body ? body : "?");
        /* TRANSLATORS: SIGNER.pub is the placeholder in the command line above; keep it. */
        printf(_("(SIGNER.pub: the public key file of key %s)\n"), id);
    }
    free(body);
    free(sigf);
}

static int export_file(const char *path)
{
    char *buf = NULL;
    size_t len = 0;
    int err = sp_input_read(path, 0, SP_LIMIT_RESULT_SIZE + 8192, &buf, &len);
    if (err != 0) {
        cli_error(_("cannot read %s: %s"), path,
                  err == SP_EIO ? sp_input_strerror(path, errno) : sp_strerror(err));
        return err == SP_EIO ? EXIT_IO : cli_exit_for(err);
    }
    sp_diags *d = sp_diags_new();
    sp_sigblock sig;
    const char *body = NULL;
    size_t body_len = 0;
    char body_path[PATH_MAX], sig_path[PATH_MAX];
    int rc = EXIT_OK;
    if (!d || sp_signed_parse(buf, len, path, d, &sig, &body, &body_len) != 0) {
        if (d)
            cli_print_diags(d, false);
        cli_error(_("%s is not a signed result; nothing to export"), path);
        rc = d ? EXIT_NEGATIVE : EXIT_INTERNAL;
    } else if (!suffixed(path, ".body", body_path, sizeof(body_path)) ||
               !suffixed(path, ".body.minisig", sig_path, sizeof(sig_path))) {
        rc = EXIT_USAGE;
    } else if ((rc = check_parts(path, body_path, sig_path)) == EXIT_OK &&
               (rc = write_part(body_path, body, body_len)) == EXIT_OK &&
               (rc = write_part(sig_path, buf, (size_t)(body - buf))) == EXIT_OK) {
        print_done(body_path, sig_path, &sig);
    }
    sp_diags_free(d);
    free(buf);
    return rc;
}

int cmd_export(int argc, char **argv)
{
    export_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("export");
    if (rc)
        return rc;
    if (!o.badge)
        return cli_finish(export_file(o.file));
    char out[PATH_MAX];
    o.b.file = o.file;
    if (!o.b.out) {
        if (!suffixed(o.file, ".badge.json", out, sizeof(out)))
            return cli_finish(EXIT_USAGE);
        o.b.out = out;
    }
    return cli_finish(export_badge(&o.b));
}
