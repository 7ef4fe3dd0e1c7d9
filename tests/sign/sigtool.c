/* sp-sigtool: a small test program that drives the signature library from shell tests, so
 * that signpost's keys and signatures can be checked against the real minisign.
 *
 *   sp-sigtool sign SECKEY BODY SIGFILE [TRUSTED_COMMENT]
 *       signs BODY with the library and writes a minisign signature file (a detached block)
 *   sp-sigtool verify (-p PUBFILE | -P BASE64) BODY SIGFILE
 *       prints OK, UNSUPPORTED, KEY_MISMATCH, BAD_BODY or BAD_COMMENT
 *   sp-sigtool keygen SECKEY PUBFILE [OPSLIMIT MEMLIMIT]
 *       makes a key pair; encrypted when a passphrase is set (low limits make fast fixtures)
 *   sp-sigtool pubkey SECKEY
 *       prints the bare base64 public key of a secret key
 *
 * An encrypted secret key's passphrase comes from $SIGTOOL_PASSPHRASE. Exit status: 0 success
 * (OK), 1 verification failed, 2 any error (diagnostics on stderr). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic.h"
#include "signpost/sign.h"
#include "base/util.h"

static void print_diags(sp_diags *d)
{
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        fprintf(stderr, "%s:%u:%u: %s\n", g->file, g->line, g->column, g->message);
    }
}

static int fail(const char *what, int rc, sp_diags *d)
{
    if (d)
        print_diags(d);
    fprintf(stderr, "sp-sigtool: %s: %s\n", what, sp_strerror(rc));
    sp_diags_free(d);
    return 2;
}

static int open_key(const char *path, sp_seckey **key)
{
    sp_diags *d = sp_diags_new();
    int rc = sp_seckey_load(path, d, key);
    if (rc != 0)
        return fail(path, rc, d);
    sp_diags_free(d);
    if (sp_seckey_locked(*key)) {
        const char *pass = getenv("SIGTOOL_PASSPHRASE");
        rc = sp_seckey_decrypt(*key, pass ? pass : "", pass ? strlen(pass) : 0);
        if (rc != 0) {
            sp_seckey_free(*key);
            return fail("decrypting the key", rc, NULL);
        }
    }
    return 0;
}

static int cmd_sign(int argc, char **argv)
{
    if (argc < 5)
        return fail("usage: sign SECKEY BODY SIGFILE [TRUSTED_COMMENT]", SP_EINVAL, NULL);
    sp_seckey *key;
    if (open_key(argv[2], &key) != 0)
        return 2;
    char *body = NULL, *block = NULL;
    size_t len, blocklen;
    int rc = sp_read_file(argv[3], SIZE_MAX, &body, &len);
    if (rc == 0)
        rc = sp_sign(key, body, len, argc > 5 ? argv[5] : "signed by sp-sigtool", NULL, &block,
                     &blocklen);
    if (rc == 0)
        rc = sp_write_atomic(argv[4], block, blocklen, 0644);
    free(body);
    free(block);
    sp_seckey_free(key);
    return rc == 0 ? 0 : fail("signing", rc, NULL);
}

static int load_pubkey(const char *opt, const char *arg, sp_pubkey *pk)
{
    sp_diags *d = sp_diags_new();
    int rc = strcmp(opt, "-P") == 0 ? sp_pubkey_parse_base64(arg, strlen(arg), "-P", d, pk)
                                    : sp_pubkey_load(arg, d, pk);
    if (rc != 0)
        return fail(arg, rc, d);
    sp_diags_free(d);
    return 0;
}

static int cmd_verify(int argc, char **argv)
{
    static const char *const names[] = {"OK", "UNSUPPORTED", "KEY_MISMATCH", "BAD_BODY",
                                        "BAD_COMMENT"};
    if (argc != 6)
        return fail("usage: verify (-p PUBFILE | -P BASE64) BODY SIGFILE", SP_EINVAL, NULL);
    sp_pubkey pk;
    if (load_pubkey(argv[2], argv[3], &pk) != 0)
        return 2;
    char *body = NULL, *sigtext = NULL;
    size_t len, siglen;
    sp_sigblock sig;
    sp_diags *d = sp_diags_new();
    int rc = sp_read_file(argv[4], SIZE_MAX, &body, &len);
    if (rc == 0)
        rc = sp_read_file(argv[5], 1 << 20, &sigtext, &siglen);
    if (rc == 0)
        rc = sp_sigblock_parse(sigtext, siglen, argv[5], d, &sig);
    free(sigtext);
    if (rc != 0) {
        free(body);
        return fail("reading the signature", rc, d);
    }
    sp_diags_free(d);
    sp_verify_result v = sp_verify(&pk, &sig, body, len);
    free(body);
    printf("%s\n", names[v]);
    return v == SP_VERIFY_OK ? 0 : 1;
}

static int cmd_keygen(int argc, char **argv)
{
    if (argc != 4 && argc != 6)
        return fail("usage: keygen SECKEY PUBFILE [OPSLIMIT MEMLIMIT]", SP_EINVAL, NULL);
    const char *pass = getenv("SIGTOOL_PASSPHRASE");
    sp_seckey_opts o = {0};
    if (pass && *pass) {
        o.passphrase = pass;
        o.passphrase_len = strlen(pass);
    }
    if (argc == 6) {
        o.opslimit = strtoull(argv[4], NULL, 10);
        o.memlimit = strtoull(argv[5], NULL, 10);
    }
    sp_seckey *key;
    sp_pubkey pk;
    int rc = sp_seckey_generate(&key);
    if (rc != 0)
        return fail("generating", rc, NULL);
    rc = sp_seckey_save(key, argv[2], &o);
    if (rc == 0)
        rc = sp_seckey_pubkey(key, &pk);
    if (rc == 0)
        rc = sp_pubkey_save(&pk, argv[3]);
    sp_seckey_free(key);
    return rc == 0 ? 0 : fail("writing the keys", rc, NULL);
}

static int cmd_pubkey(int argc, char **argv)
{
    if (argc != 3)
        return fail("usage: pubkey SECKEY", SP_EINVAL, NULL);
    sp_seckey *key;
    if (open_key(argv[2], &key) != 0)
        return 2;
    sp_pubkey pk;
    char b64[SP_PUBKEY_BASE64_SIZE];
    int rc = sp_seckey_pubkey(key, &pk);
    sp_seckey_free(key);
    if (rc != 0)
        return fail("pubkey", rc, NULL);
    sp_pubkey_base64(&pk, b64);
    printf("%s\n", b64);
    return 0;
}

int main(int argc, char **argv)
{
    if (sp_init() != 0)
        return fail("sp_init", SP_ECRYPTO, NULL);
    const char *cmd = argc > 1 ? argv[1] : "";
    if (strcmp(cmd, "sign") == 0)
        return cmd_sign(argc, argv);
    if (strcmp(cmd, "verify") == 0)
        return cmd_verify(argc, argv);
    if (strcmp(cmd, "keygen") == 0)
        return cmd_keygen(argc, argv);
    if (strcmp(cmd, "pubkey") == 0)
        return cmd_pubkey(argc, argv);
    return fail("usage: sp-sigtool sign|verify|keygen|pubkey ...", SP_EINVAL, NULL);
}
