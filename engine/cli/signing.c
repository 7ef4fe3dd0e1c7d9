/* Signing result bodies from the command line (see signing.h). */
#include "signing.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "base/fileio.h"
#include "passphrase.h"
#include "safe.h"
#include "signpost/verify.h"

bool signing_default_key(char *out, size_t size)
{
    if (cli_config_path("signpost.key", out, size))
        return true;
    cli_error("%s", _("cannot find your configuration folder: set HOME or XDG_CONFIG_HOME, or "
                      "give the secret key with -s"));
    return false;
}

/* Asks for the passphrase of a locked key and opens it. */
static int unlock(sp_seckey *key, const char *path, const char *passfile)
{
    char prompt[PATH_MAX + 64];
    char *shown = safe_dup(path); /* the prompt goes to the terminal */
    snprintf(prompt, sizeof(prompt), _("Passphrase for the secret key %s: "), shown ? shown : "?");
    free(shown);
    cli_secret pass = {0};
    cli_pass_source source;
    int rc = cli_passphrase_get(passfile, prompt, false, &pass, &source);
    if (rc != EXIT_OK)
        return rc;
    int err = sp_seckey_decrypt(key, pass.data, pass.len);
    cli_secret_free(&pass);
    if (err == SP_EKEY) {
        cli_error(_("wrong passphrase for %s (or the key file is damaged)"), path);
        return EXIT_NEGATIVE;
    }
    if (err != 0) {
        cli_error(_("cannot open the secret key %s: %s"), path, sp_strerror(err));
        return err == SP_ELIMIT ? EXIT_NEGATIVE : EXIT_INTERNAL;
    }
    return EXIT_OK;
}

/* Warns, as ssh does, when other users can read or change the secret key file: whoever can read
 * it can try passphrases at leisure (or sign at once when it is unencrypted), and whoever can
 * change it can put their own key in its place. The key is still used: refusing would stop an
 * unattended signer for a mode that an administrator may have chosen. */
static void warn_if_open(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) == 0)
        return;
    /* TRANSLATORS: %04o is the file's mode in octal, such as 0644; keep "chmod 600 %s", a
       command line. */
    cli_error(_("warning: other users can read or change the secret key %s (mode %04o); make it "
                "private with: chmod 600 %s"),
              path, (unsigned)(st.st_mode & 07777), path);
}

int signing_open_key(const char *path, const char *option, const char *passfile, sp_seckey **out)
{
    *out = NULL;
    sp_diags *d = sp_diags_new();
    if (!d) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    sp_seckey *key = NULL;
    int err = sp_seckey_load(path, d, &key);
    int saved = errno;
    int rc = EXIT_OK;
    if (err == SP_EIO && saved == ENOENT) {
        /* TRANSLATORS: the second %s is the option that names a key: -s or --key. */
        cli_error(_("there is no secret key %s; make one with 'signpost keygen', or give another "
                    "with %s"),
                  path, option);
        rc = EXIT_IO;
    } else if (err == SP_EIO) {
        cli_error(_("cannot read the secret key %s: %s"), path, sp_input_strerror(path, saved));
        rc = EXIT_IO;
    } else if (err != 0) {
        cli_print_diags(d, false);
        cli_error(_("%s is not a usable secret key"), path);
        rc = cli_exit_for(err);
    }
    sp_diags_free(d);
    if (rc == EXIT_OK)
        warn_if_open(path);
    if (rc == EXIT_OK && sp_seckey_locked(key))
        rc = unlock(key, path, passfile);
    if (rc != EXIT_OK) {
        sp_seckey_free(key);
        return rc;
    }
    *out = key;
    return EXIT_OK;
}

/* Joins the block and the body into one malloc'd buffer. */
static int join(const char *block, size_t blen, const char *body, size_t len, char **out,
                size_t *outlen)
{
    char *all = malloc(blen + len + 1);
    if (!all) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    memcpy(all, block, blen);
    memcpy(all + blen, body, len);
    all[blen + len] = '\0';
    *out = all;
    *outlen = blen + len;
    return EXIT_OK;
}

int signing_comment(const char *name, const char *body, size_t len,
                    char comment[SP_TRUSTED_COMMENT_MAX + 1])
{
    sp_diags *d = sp_diags_new();
    sp_result *r = NULL;
    int err = d ? sp_result_parse(name, body, len, d, &r) : SP_ENOMEM;
    bool named = err == 0 && sp_result_signer(r);
    if (err == 0 && !named)
        err = sp_result_comment(r, comment, SP_TRUSTED_COMMENT_MAX + 1);
    else if (err != SP_ENOMEM) {
        sp_diags_sort(d);
        cli_print_diags(d, false);
    }
    sp_result_free(r);
    sp_diags_free(d);
    if (err == SP_ENOMEM) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (named) {
        /* An unsigned body never names a signer: this one was cut from a signed result. */
        cli_error(_("%s names a signer already but has no signature: it was cut from a signed "
                    "result (as 'export --minisign' writes it); keep the signed file instead; "
                    "it was not signed"),
                  name);
        return EXIT_NEGATIVE;
    }
    if (err != 0) {
        cli_error(_("%s is not a valid result; it was not signed"), name);
        return EXIT_NEGATIVE;
    }
    return EXIT_OK;
}

int signing_sign(const sp_seckey *key, const char *name, const char *comment, const char *body,
                 size_t len, char **out, size_t *outlen)
{
    *out = NULL;
    char *block = NULL, *named = NULL;
    size_t blen = 0, nlen = 0;
    sp_pubkey pk;
    /* The body records the signer's public key, so that it can be checked on its own and the
     * reader can compare the key with the one the signer published. */
    int err = sp_seckey_pubkey(key, &pk);
    if (err == 0)
        err = sp_result_add_signer(body, len, &pk, &named, &nlen);
    if (err == 0)
        err = sp_sign(key, named, nlen, comment, "", &block, &blen);
    if (err != 0) {
        cli_error(_("cannot sign %s: %s"), name, sp_strerror(err));
        free(named);
        return EXIT_INTERNAL;
    }
    int rc = join(block, blen, named, nlen, out, outlen);
    free(block);
    free(named);
    return rc;
}
