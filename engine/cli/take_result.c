/* Writing the result file at the end of `signpost take`. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "atomic.h"
#include "cli.h"
#include "signing.h"
#include "take.h"

bool take_name_ok(const char *name)
{
    return sp_result_name_valid(name);
}

int take_open_key(take_opts *o)
{
    if (!o->key || o->seckey)
        return EXIT_OK;
    sp_seckey *key = NULL;
    int rc = signing_open_key(o->key, o->passfile, &key);
    o->seckey = key;
    return rc;
}

static int write_file(const char *path, const char *data, size_t len)
{
    int rc = sp_write_atomic(path, data, len, 0644);
    if (rc == SP_EIO)
        cli_error("cannot write %s: %s", path, strerror(errno));
    else if (rc)
        cli_error("cannot write %s: %s", path, sp_strerror(rc));
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
    if (!key && signing_open_key(o->key, o->passfile, &opened) == EXIT_OK)
        key = opened;
    if (key)
        (void)signing_sign(key, path, comment, body, len, out, outlen);
    sp_seckey_free(opened);
}

int take_write_result(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                      const sp_response *resp, const sp_outcome *outcome,
                      const sp_result_meta *meta, const char *path)
{
    char *body = NULL, *signed_file = NULL;
    size_t len = 0, slen = 0;
    int rc = sp_result_format(quiz, form, resp, outcome, meta, &body, &len);
    if (rc) {
        cli_error("cannot make the result: %s", sp_strerror(rc));
        return rc;
    }
    if (o->key)
        sign_body(o, path, body, len, &signed_file, &slen);
    if (signed_file)
        rc = write_file(path, signed_file, slen);
    else
        rc = write_file(path, body, len);
    if (rc == 0 && o->key && !signed_file) {
        cli_error("the result was saved unsigned as %s; sign it later with 'signpost sign %s'",
                  path, path);
        rc = SP_EKEY;
    }
    free(signed_file);
    free(body);
    return rc;
}
