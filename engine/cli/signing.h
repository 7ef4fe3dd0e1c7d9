/* Signing result bodies from the command line: shared by `signpost sign` and
 * `signpost take --key`. */
#ifndef SP_CLI_SIGNING_H
#define SP_CLI_SIGNING_H

#include <stddef.h>

#include "signpost/sign.h"

/* The default secret key, $XDG_CONFIG_HOME/signpost/signpost.key, written into out (size
 * bytes). False (after a message) when no configuration folder can be found. */
bool signing_default_key(char *out, size_t size);

/* Loads the secret key at path (given with option, "-s" or "--key", named in messages) and
 * opens it; an encrypted key's passphrase comes from passfile
 * when not NULL, else from standard input when it is not a terminal, else from the terminal.
 * Warns when other users can read or change the key file (any of its group or other bits set).
 * Prints what went wrong. Returns EXIT_OK and the key in *out (free it with sp_seckey_free),
 * EXIT_IO (no such file, unreadable), EXIT_NEGATIVE (not a secret key, wrong passphrase) or
 * EXIT_INTERNAL. */
int signing_open_key(const char *path, const char *option, const char *passfile, sp_seckey **out);

/* Parses a result body (len bytes; name is used in messages) and writes its trusted comment
 * (verify.h) into comment. Returns EXIT_OK, or prints why not and returns EXIT_NEGATIVE (the
 * body is not a valid result, or names a signer: it was cut from a signed result) or
 * EXIT_INTERNAL. */
int signing_comment(const char *name, const char *body, size_t len,
                    char comment[SP_TRUSTED_COMMENT_MAX + 1]);

/* Inserts the signer's line (sp_result_add_signer) into body, then signs that with the
 * trusted comment from signing_comment and an empty untrusted comment
 * (nothing unsigned is written that a reader could take for signed content). Returns EXIT_OK
 * and the signed file — the four-line block, then the body — in *out (malloc'd, *outlen bytes),
 * or prints why not and returns EXIT_INTERNAL. */
int signing_sign(const sp_seckey *key, const char *name, const char *comment, const char *body,
                 size_t len, char **out, size_t *outlen);

#endif
