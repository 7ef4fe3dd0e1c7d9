/* signpost export --badge: a signed result as an Open Badges 3.0 credential (badge.h,
 * docs/badges.md). Like sign, it vouches for the result: the result must verify, replay in
 * full against its exact quiz, and be signed by the key given with -s. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/atomic.h"
#include "base/fileio.h"
#include "cli.h"
#include "base/util.h"
#include "export_badge.h"
#include "outputs.h"
#include "safe.h"
#include "signing.h"
#include "signpost/badge.h"
#include "verifier.h"

/* Why the result cannot be vouched for, or EXIT_OK. */
static int vouch_verdict(const char *path, const sp_verify_report *rep, const sp_pubkey *pub)
{
    if (rep->trust == SP_TRUST_FAILED || rep->trust == SP_TRUST_UNSIGNED) {
        cli_error(_("%s does not verify (%s); a badge is only made of a signed result that "
                    "verifies"),
                  path, sp_verdict_name(rep->verdict));
        return EXIT_NEGATIVE;
    }
    if (!rep->has_key || memcmp(rep->key.pk, pub->pk, sizeof(pub->pk)) != 0) {
        cli_error(_("%s is signed by key %s, not by the key given with -s; the badge's issuer "
                    "must be the result's signer"),
                  path, rep->keyid);
        return EXIT_NEGATIVE;
    }
    if (!rep->replayed || rep->replay.verdict != SP_REPLAY_OK || rep->quiz_fit != SP_QUIZ_EXACT) {
        cli_error(_("%s cannot be replayed in full here (%s); give its quiz with --quiz"), path,
                  sp_verdict_name(rep->verdict));
        return EXIT_NEGATIVE;
    }
    return EXIT_OK;
}

static int check_result(const badge_opts *o, const char *buf, size_t len, const sp_seckey *key)
{
    sp_pubkey pub;
    verifier v;
    sp_verify_report rep;
    int rc = verifier_init(&v, &o->replay);
    if (rc == EXIT_OK && sp_seckey_pubkey(key, &pub) != 0)
        rc = EXIT_INTERNAL;
    if (rc == EXIT_OK && sp_verify_file(o->file, buf, len, &v.opts, &rep) != 0) {
        cli_error("%s", _("out of memory"));
        rc = EXIT_INTERNAL;
    } else if (rc == EXIT_OK) {
        rc = vouch_verdict(o->file, &rep, &pub);
        sp_verify_report_clear(&rep);
    }
    verifier_free(&v);
    return rc;
}

static int make_badge(const badge_opts *o, const char *buf, size_t len, const sp_seckey *key,
                      char **out, size_t *outlen)
{
    size_t block;
    sp_result *r = NULL;
    sp_diags *d = sp_diags_new();
    int err = d ? sp_signed_split(buf, len, o->file, d, &block) : SP_ENOMEM;
    if (err == 0)
        err = sp_result_parse(o->file, buf + block, len - block, d, &r);
    if (err == 0) {
        sp_badge_opts bo = {o->issuer_name, o->issuer_url, (int64_t)time(NULL)};
        err = sp_badge_make(buf, len, r, key, &bo, out, outlen);
    }
    sp_result_free(r);
    sp_diags_free(d);
    if (err == 0)
        return EXIT_OK;
    cli_error(_("cannot make the badge of %s: %s"), o->file, sp_strerror(err));
    return cli_exit_for(err);
}

static int write_badge(const badge_opts *o, const char *data, size_t len)
{
    struct stat st;
    if (!o->force && lstat(o->out, &st) == 0) {
        cli_error(_("%s already exists; use --force to replace it"), o->out);
        return EXIT_IO;
    }
    mode_t mode = sp_mode_umask(0666);
    int err =
        o->force ? sp_write_atomic(o->out, data, len, mode) : sp_write_new(o->out, data, len, mode);
    if (err == SP_EEXIST)
        cli_error(_("%s already exists; use --force to replace it"), o->out);
    else if (err != 0)
        cli_error(_("cannot write %s: %s"), o->out,
                  err == SP_EIO ? strerror(errno) : sp_strerror(err));
    return err == 0 ? EXIT_OK : err == SP_EEXIST ? EXIT_IO : cli_exit_for(err);
}

/* The issuer's name and URL, checked before any work. */
static int check_issuer(const badge_opts *o)
{
    if (o->issuer_name && !sp_badge_name_ok(o->issuer_name))
        return cli_usage_error("export",
                               _("--issuer-name must be one line of printable text of "
                                 "at most %d bytes"),
                               SP_BADGE_ISSUER_MAX);
    if (o->issuer_url && !sp_badge_url_ok(o->issuer_url))
        return cli_usage_error("export",
                               _("--issuer-url must be an http:// or https:// URL of at most %d "
                                 "bytes, without spaces, quotes or angle brackets"),
                               SP_BADGE_ISSUER_MAX);
    return EXIT_OK;
}

int export_badge(const badge_opts *o)
{
    char *buf = NULL, *badge = NULL;
    size_t len = 0, blen = 0;
    sp_seckey *key = NULL;
    const out_input inputs[] = {{o->file, _("the signed result")},
                                {o->secret, _("the secret key")},
                                {o->passfile, _("the passphrase file")}};
    int rc = check_issuer(o);
    if (rc == EXIT_OK)
        rc = outputs_check("export", o->out, inputs, SP_ARRAY_LEN(inputs));
    if (rc == EXIT_OK) {
        int err = sp_input_read(o->file, 0, SP_LIMIT_RESULT_SIZE + 8192, &buf, &len);
        if (err != 0) {
            cli_error(_("cannot read %s: %s"), o->file,
                      err == SP_EIO ? sp_input_strerror(o->file, errno) : sp_strerror(err));
            rc = err == SP_EIO ? EXIT_IO : cli_exit_for(err);
        }
    }
    if (rc == EXIT_OK)
        rc = signing_open_key(o->secret, "-s", o->passfile, &key);
    if (rc == EXIT_OK)
        rc = check_result(o, buf, len, key);
    if (rc == EXIT_OK)
        rc = make_badge(o, buf, len, key, &badge, &blen);
    if (rc == EXIT_OK)
        rc = write_badge(o, badge, blen);
    if (rc == EXIT_OK) {
        char *shown = safe_dup(o->out), *from = safe_dup(o->file); /* paths can hold anything */
        printf(_("Wrote %s: an Open Badges 3.0 credential of %s, signed (eddsa-jcs-2022) by its "
                 "signer's key.\n"),
               shown ? shown : "?", from ? from : "?");
        free(shown);
        free(from);
    }
    sp_seckey_free(key);
    free(badge);
    free(buf);
    return rc;
}
