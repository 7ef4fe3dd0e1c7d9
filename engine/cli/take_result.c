/* Writing the result file at the end of `signpost take`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/atomic.h"
#include "cli.h"
#include "base/fileio.h"
#include "outputs.h"
#include "signing.h"
#include "take.h"
#include "base/util.h"

int take_open_key(take_opts *o)
{
    if (!o->key || o->seckey)
        return EXIT_OK;
    sp_seckey *key = NULL;
    int rc = signing_open_key(o->key, "--key", o->passfile, &key);
    o->seckey = key;
    return rc;
}

/* Without --force, --out must not exist yet (a symbolic link, even a dangling one, counts):
 * a result, perhaps signed, is never replaced by accident, as keygen never replaces a key. */
static int not_there(const take_opts *o)
{
    struct stat st;
    if (o->force || lstat(o->out, &st) != 0)
        return EXIT_OK;
    cli_error(_("%s already exists; use --force to replace it"), o->out);
    return EXIT_IO;
}

int take_check_out(const take_opts *o, const sp_quiz *quiz)
{
    if (!o->out)
        return EXIT_OK;
    const char *manifest = quiz ? sp_quiz_manifest(quiz)->path : o->quiz;
    const out_input inputs[] = {
        {o->key, _("the secret key")},
        {o->passfile, _("the passphrase file")},
        {o->answers, _("the answer file")},
        {manifest ? manifest : cli_default_quiz(), _("the quiz")},
    };
    int rc = outputs_not_an_input("take", o->out, inputs, SP_ARRAY_LEN(inputs));
    if (rc == EXIT_OK && quiz)
        rc = outputs_not_in_quiz("take", o->out, quiz);
    if (rc == EXIT_OK)
        rc = outputs_not_a_key(o->out);
    /* Existence last, and once the quiz is known: an --out that is a bank of the quiz is
     * refused as such, which says more than that it exists. */
    if (rc == EXIT_OK && quiz)
        rc = outputs_can_write(o->out); /* not after 48 questions */
    return rc == EXIT_OK && quiz ? not_there(o) : rc;
}

/* Writes path: a new file, or with replace over what is there. */
static int write_file(const char *path, const char *data, size_t len, bool replace)
{
    mode_t mode = sp_mode_umask(0666);
    int rc = replace ? sp_write_atomic(path, data, len, mode) : sp_write_new(path, data, len, mode);
    if (rc == SP_EEXIST)
        cli_error(_("%s already exists; use --force to replace it"), path);
    else if (rc == SP_EIO)
        cli_error(_("cannot write %s: %s"), path, strerror(errno));
    else if (rc)
        cli_error(_("cannot write %s: %s"), path, sp_strerror(rc));
    return rc;
}

/* Signs the body with o's key: *out gets the signed file, or stays NULL (with a message) when
 * the key cannot be opened or used. */
static void sign_body(const take_opts *o, const char *path, const char *body, size_t len,
                      char **out, size_t *outlen)
{
    char comment[SP_TRUSTED_COMMENT_MAX + 1];
    sp_seckey *opened = NULL;
    const sp_seckey *key = o->seckey;
    *out = NULL;
    if (signing_comment(path, body, len, comment) != EXIT_OK)
        return;
    if (!key && signing_open_key(o->key, "--key", o->passfile, &opened) == EXIT_OK)
        key = opened;
    if (key)
        (void)signing_sign(key, path, comment, body, len, out, outlen);
    sp_seckey_free(opened);
}

/* The bytes of the result file into *data (*len; malloc'd, caller frees): the body, signed
 * with o's key when it has one. *unsigned_key is set when a key was given but could not be used:
 * the body alone is returned then (with a message), for a finished quiz is never lost. name is
 * the file's name in messages. Returns 0 or an SP_E* code (with a message). */
static int result_bytes(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                        const sp_response *resp, const sp_outcome *outcome,
                        const sp_result_meta *meta, const char *name, char **data, size_t *len,
                        bool *unsigned_key)
{
    char *body = NULL, *signed_file = NULL;
    size_t blen = 0, slen = 0;
    *unsigned_key = false;
    int rc = sp_result_format(quiz, form, resp, outcome, meta, &body, &blen);
    if (rc) {
        cli_error(_("cannot make the result: %s"), sp_strerror(rc));
        return rc;
    }
    if (o->key)
        sign_body(o, name, body, blen, &signed_file, &slen);
    if (signed_file) {
        free(body);
        *data = signed_file;
        *len = slen;
    } else {
        *unsigned_key = o->key != NULL;
        *data = body;
        *len = blen;
    }
    return 0;
}

/* After a result was written unsigned although a key was given: says so, returns SP_EKEY. */
static int unsigned_written(const char *path)
{
    /* TRANSLATORS: both %s are the path of the result file. */
    cli_error(_("the result was saved unsigned as %s; sign it later with 'signpost sign %s'"), path,
              path);
    return SP_EKEY;
}

int take_write_result(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                      const sp_response *resp, const sp_outcome *outcome,
                      const sp_result_meta *meta, const char *path)
{
    char *data = NULL;
    size_t len = 0;
    bool unsigned_key;
    /* Checked again now that the quiz's files are known (and time has passed since the quiz
     * began); a refusal keeps the journal, as any failure to write does. */
    if (take_check_out(o, quiz) != EXIT_OK) {
        struct stat st; /* an --out that appeared asks for another advice than a folder gone */
        return lstat(path, &st) == 0 && !S_ISDIR(st.st_mode) ? SP_EEXIST : SP_EIO;
    }
    int rc = result_bytes(o, quiz, form, resp, outcome, meta, path, &data, &len, &unsigned_key);
    if (rc == 0)
        rc = write_file(path, data, len, o->force);
    if (rc == 0 && unsigned_key)
        rc = unsigned_written(path);
    free(data);
    return rc;
}

int take_write_result_new(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                          const sp_response *resp, const sp_outcome *outcome,
                          const sp_result_meta *meta, char *path, size_t size)
{
    char *data = NULL, stamp[32] = "00000000-000000";
    size_t len = 0;
    bool unsigned_key;
    time_t now = time(NULL);
    struct tm tm;
    if (localtime_r(&now, &tm))
        strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
    snprintf(path, size, "signpost-result-%s.signpost", stamp);
    int rc = result_bytes(o, quiz, form, resp, outcome, meta, path, &data, &len, &unsigned_key);
    /* The complete file is given a name not yet taken: -2, -3... after the first. */
    for (int i = 2; rc == 0 || rc == SP_EEXIST; i++) {
        rc = sp_write_new(path, data, len, sp_mode_umask(0666));
        if (rc != SP_EEXIST || i == 1000)
            break;
        snprintf(path, size, "signpost-result-%s-%d.signpost", stamp, i);
    }
    if (rc == SP_EEXIST)
        errno = EEXIST;
    if (rc == SP_EIO || rc == SP_EEXIST)
        cli_error(_("cannot create a result file in this folder: %s"), strerror(errno));
    else if (rc == SP_ENOMEM)
        cli_error("%s", _("out of memory"));
    if (rc == 0 && unsigned_key)
        rc = unsigned_written(path);
    free(data);
    return rc == SP_EEXIST ? SP_EIO : rc;
}
