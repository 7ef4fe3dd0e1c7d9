/* Unit tests of keys and signatures in minisign's formats (engine/sign/minisign.c).
 *
 * The fixtures under data/good were made by minisign and by signpost (see data/make-bad.py);
 * every file under data/bad breaks one rule and must give exactly the error listed here. */
#include "testmain.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dirent.h>

#include "base/atomic.h"
#include "signpost/sign.h"
#include "base/util.h"

#define ENC_PASSPHRASE "correct horse battery staple"
/* scrypt limits that keep test keys fast: N = 2^10, 1 MiB. */
#define FAST_OPS 32768
#define FAST_MEM 16777216

/* ---- Helpers --------------------------------------------------------------------------------- */

static char *fixture(const char *dir, const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/%s/%s", SP_SIGN_DATA, dir, name);
    char *text = NULL;
    size_t n = 0;
    if (sp_read_file(path, 1 << 20, &text, &n) != 0)
        fail_msg("cannot read the fixture %s: %s", path, strerror(errno));
    if (len)
        *len = n;
    return text;
}

/* "LINE:COLUMN: message" of the only diagnostic, or "" when there is none (caller frees). */
static char *only_diag(const char *what, sp_diags *d)
{
    if (sp_diags_count(d) == 0)
        return strdup("");
    if (sp_diags_count(d) != 1)
        fail_msg("%s: expected one diagnostic, got %zu", what, sp_diags_count(d));
    const sp_diag *g = sp_diags_at(d, 0);
    char buf[1024];
    snprintf(buf, sizeof(buf), "%u:%u: %s", g->line, g->column, g->message);
    return strdup(buf);
}

static void expect_result(const char *what, int rc, int want_rc, sp_diags *d, const char *want)
{
    char *got = only_diag(what, d);
    if (rc != want_rc || strcmp(got, want) != 0)
        fail_msg("%s:\n  expected %d \"%s\"\n  got      %d \"%s\"", what, want_rc, want, rc, got);
    free(got);
}

static void load_pub(const char *dir, const char *name, sp_pubkey *pk)
{
    size_t len;
    char *text = fixture(dir, name, &len);
    assert_int_equal(sp_pubkey_parse(text, len, name, NULL, pk), 0);
    free(text);
}

static sp_seckey *load_sec(const char *name, const char *pass)
{
    size_t len;
    char *text = fixture("good", name, &len);
    sp_seckey *key = NULL;
    assert_int_equal(sp_seckey_parse(text, len, name, NULL, &key), 0);
    free(text);
    if (pass)
        assert_int_equal(sp_seckey_decrypt(key, pass, strlen(pass)), 0);
    return key;
}

static sp_verify_result verify_text(const sp_pubkey *pk, const char *block, size_t blocklen,
                                    const char *body, size_t bodylen, int *parse_rc)
{
    sp_sigblock sig;
    *parse_rc = sp_sigblock_parse(block, blocklen, "t.minisig", NULL, &sig);
    return *parse_rc == 0 ? sp_verify(pk, &sig, body, bodylen) : SP_VERIFY_OK;
}

/* ---- Key ids and public keys ----------------------------------------------------------------- */

static void keyid_prints_bytes_reversed_in_uppercase_hex(void **state)
{
    (void)state;
    const unsigned char id[8] = {0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0x0f};
    char out[SP_KEYID_HEX_SIZE];
    sp_keyid_format(id, out);
    assert_string_equal(out, "0FCDAB8967452301");
}

static void keyid_matches_what_minisign_prints(void **state)
{
    (void)state;
    sp_pubkey pk;
    load_pub("good", "minisign-W.pub", &pk);
    char id[SP_KEYID_HEX_SIZE], want[64];
    sp_keyid_format(pk.id, id);
    /* minisign does not zero-pad; the fixture's id has no leading zero. */
    snprintf(want, sizeof(want), "untrusted comment: minisign public key %s\n", id);
    char *text = fixture("good", "minisign-W.pub", NULL);
    assert_memory_equal(text, want, strlen(want));
    free(text);
}

static void pubkey_parse_and_format_round_trip(void **state)
{
    (void)state;
    size_t len, outlen;
    char *text = fixture("good", "plain.pub", &len), *out;
    sp_pubkey pk, again;
    assert_int_equal(sp_pubkey_parse(text, len, "plain.pub", NULL, &pk), 0);
    assert_int_equal(sp_pubkey_format(&pk, &out, &outlen), 0);
    assert_int_equal(outlen, len);
    assert_memory_equal(out, text, len);
    assert_int_equal(sp_pubkey_parse(out, outlen, "formatted", NULL, &again), 0);
    assert_memory_equal(&again, &pk, sizeof(pk));
    free(out);
    free(text);
}

static void pubkey_bare_base64_round_trip(void **state)
{
    (void)state;
    sp_pubkey pk, again;
    load_pub("good", "minisign-W.pub", &pk);
    char b64[SP_PUBKEY_BASE64_SIZE];
    sp_pubkey_base64(&pk, b64);
    assert_int_equal(strlen(b64), 56);
    char *text = fixture("good", "minisign-W.pub", NULL);
    assert_non_null(strstr(text, b64)); /* the same line as minisign's file */
    free(text);
    assert_int_equal(sp_pubkey_parse_base64(b64, strlen(b64), "-P", NULL, &again), 0);
    assert_memory_equal(&again, &pk, sizeof(pk));
}

static void pubkey_bare_base64_errors_name_the_option(void **state)
{
    (void)state;
    sp_diags *d = sp_diags_new();
    sp_pubkey pk;
    const char *bad = "RWT2LmW1ZXDfcKM2940VpXLsFKf7/hjdnDNdzGvhC4rrbL1R8Fs3YuP";
    int rc = sp_pubkey_parse_base64(bad, strlen(bad), "-P", d, &pk);
    expect_result("short -P key", rc, SP_EKEY, d,
                  "0:0: the public key is not valid base64 (standard alphabet, with padding)");
    assert_string_equal(sp_diags_at(d, 0)->file, "-P");
    sp_diags_free(d);
}

/* ---- Malformed files ------------------------------------------------------------------------- */

typedef struct bad_case {
    const char *file;
    int rc;
    const char *diag;
} bad_case;

static const bad_case bad_pubkeys[] = {
    {"pub-bad-base64.pub", SP_EKEY,
     "2:1: the public key is not valid base64 (standard alphabet, with padding)"},
    {"pub-space-in-base64.pub", SP_EKEY,
     "2:1: the public key is not valid base64 (standard alphabet, with padding)"},
    {"pub-non-ascii-base64.pub", SP_EKEY,
     "2:21: the public key is not valid base64: the byte 0xAF is not in its alphabet"},
    {"pub-short.pub", SP_EKEY, "2:1: the public key decodes to 41 bytes; expected 42"},
    {"pub-long.pub", SP_EKEY, "2:1: the public key decodes to 45 bytes; expected 42"},
    {"pub-wrong-alg.pub", SP_EKEY,
     "2:1: the public key has the signature algorithm 'Ec'; expected 'Ed' (Ed25519)"},
    {"pub-crlf.pub", SP_EKEY,
     "1:56: the line ends with CR LF (a Windows line ending); expected LF only"},
    {"pub-missing-line.pub", SP_EKEY,
     "2:1: expected the public key (base64), found the end of the file"},
    {"pub-no-newline.pub", SP_EKEY, "2:57: the line does not end with a newline"},
    {"pub-trailing.pub", SP_EKEY,
     "3:1: unexpected data after the public key; a public key file has two lines"},
    {"pub-no-comment.pub", SP_EKEY,
     "1:1: expected the untrusted comment, a line starting with 'untrusted comment: '"},
    {"pub-control-in-comment.pub", SP_EKEY,
     "1:22: the untrusted comment contains a control character, U+001B"},
    {"pub-empty.pub", SP_EKEY,
     "1:1: expected a comment line starting with 'untrusted comment: "
     "', found the end of the file"},
};

static const bad_case bad_seckeys[] = {
    {"sec-bad-base64.key", SP_EKEY,
     "2:1: the secret key is not valid base64 (standard alphabet, with padding)"},
    {"sec-non-ascii-base64.key", SP_EKEY,
     "2:79: the secret key is not valid base64: the byte 0xAF is not in its alphabet"},
    {"sec-short.key", SP_EKEY, "2:1: the secret key decodes to 157 bytes; expected 158"},
    {"sec-long.key", SP_EKEY, "2:1: the secret key decodes to 159 bytes; expected 158"},
    {"sec-wrong-sig-alg.key", SP_EKEY,
     "2:1: the secret key has the signature algorithm 'Ex'; expected 'Ed' (Ed25519)"},
    {"sec-wrong-kdf.key", SP_EKEY,
     "2:1: the secret key has the key derivation 'Ar'; expected "
     "'Sc' (scrypt) or 0x0000 (unencrypted)"},
    {"sec-wrong-chk.key", SP_EKEY,
     "2:1: the secret key has the checksum 'S2'; expected 'B2' (BLAKE2b)"},
    {"sec-absurd-opslimit.key", SP_ELIMIT,
     "2:1: the secret key asks scrypt for 1099511627776 "
     "operations; at most 33554432 are accepted"},
    {"sec-absurd-memlimit.key", SP_ELIMIT,
     "2:1: the secret key asks scrypt for 1099511627776 bytes of memory; at most 1073741824 "
     "(1 GiB) are accepted"},
    {"sec-crlf.key", SP_EKEY,
     "1:52: the line ends with CR LF (a Windows line ending); expected LF only"},
    {"sec-missing-line.key", SP_EKEY,
     "2:1: expected the secret key (base64), found the end of the file"},
    {"sec-trailing.key", SP_EKEY,
     "3:1: unexpected data after the secret key; a secret key file has two lines"},
    {"sec-damaged-checksum.key", SP_EKEY,
     "2:1: the checksum of the unencrypted secret key does not match; the file is damaged"},
    {"sec-damaged-no-checksum.key", SP_EKEY,
     "2:1: the secret key does not match its own public half; the file is damaged"},
};

static const bad_case bad_sigs[] = {
    {"sig-bad-base64.minisig", SP_EINPUT,
     "2:1: the signature is not valid base64 (standard alphabet, with padding)"},
    {"sig-non-ascii-base64.minisig", SP_EINPUT,
     "2:93: the signature is not valid base64: the byte 0xAF is not in its alphabet"},
    {"sig-no-padding.minisig", SP_EINPUT,
     "2:1: the signature is not valid base64 (standard alphabet, with padding)"},
    {"sig-urlsafe.minisig", SP_EINPUT,
     "2:1: the signature is not valid base64 (standard alphabet, with padding)"},
    {"sig-short.minisig", SP_EINPUT, "2:1: the signature decodes to 73 bytes; expected 74"},
    {"sig-long.minisig", SP_EINPUT, "2:1: the signature decodes to 75 bytes; expected 74"},
    {"sig-wrong-alg.minisig", SP_EINPUT,
     "2:1: the signature has the algorithm 'EX'; expected "
     "'ED' (Ed25519 over BLAKE2b-512)"},
    {"sig-crlf.minisig", SP_EINPUT,
     "1:54: the line ends with CR LF (a Windows line ending); expected LF only"},
    {"sig-crlf-line3.minisig", SP_EINPUT,
     "3:59: the line ends with CR LF (a Windows line ending); expected LF only"},
    {"sig-three-lines.minisig", SP_EINPUT,
     "4:1: expected the global signature (base64), found the end of the file"},
    {"sig-trailing.minisig", SP_EINPUT,
     "5:1: unexpected data after the signature block; it has four lines"},
    {"sig-no-newline.minisig", SP_EINPUT, "4:89: the line does not end with a newline"},
    {"sig-no-untrusted-prefix.minisig", SP_EINPUT,
     "1:1: expected the untrusted comment, a line starting with 'untrusted comment: '"},
    {"sig-no-trusted-prefix.minisig", SP_EINPUT,
     "3:1: expected the trusted comment, a line starting with 'trusted comment: '"},
    {"sig-long-trusted.minisig", SP_EINPUT,
     "3:18: the trusted comment is 1025 bytes long; at most 1024 are allowed"},
    {"sig-control-trusted.minisig", SP_EINPUT,
     "3:24: the trusted comment contains a control character, U+001B"},
    {"sig-bad-utf8-trusted.minisig", SP_EINPUT, "3:21: the trusted comment is not valid UTF-8"},
    {"sig-bidi-trusted.minisig", SP_EINPUT,
     "3:21: the trusted comment contains a bidirectional control character, U+202E"},
    {"sig-global-short.minisig", SP_EINPUT,
     "4:1: the global signature decodes to 63 bytes; expected 64"},
    {"sig-empty.minisig", SP_EINPUT,
     "1:1: expected a comment line starting with 'untrusted "
     "comment: ', found the end of the file"},
};

static const bad_case bad_signed[] = {
    {"signed-unsigned.signpost", SP_EINPUT,
     "1:1: the result is not signed: it starts with its "
     "body ('signpost-result/1') instead of a signature "
     "block"},
    {"signed-three-lines.signpost", SP_EINPUT,
     "4:1: the file ends after 3 complete lines; a "
     "signed result starts with a four-line signature "
     "block"},
    {"signed-not-a-result.signpost", SP_EINPUT,
     "5:1: expected the body of a result, a line "
     "'signpost-result/1', after the signature block"},
    {"signed-crlf.signpost", SP_EINPUT,
     "1:54: the line ends with CR LF (a Windows line ending); expected LF only"},
};

static void malformed_public_keys_give_exact_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < SP_ARRAY_LEN(bad_pubkeys); i++) {
        size_t len;
        char *text = fixture("bad", bad_pubkeys[i].file, &len);
        sp_diags *d = sp_diags_new();
        sp_pubkey pk;
        int rc = sp_pubkey_parse(text, len, bad_pubkeys[i].file, d, &pk);
        expect_result(bad_pubkeys[i].file, rc, bad_pubkeys[i].rc, d, bad_pubkeys[i].diag);
        sp_diags_free(d);
        free(text);
    }
}

static void malformed_secret_keys_give_exact_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < SP_ARRAY_LEN(bad_seckeys); i++) {
        char path[512];
        snprintf(path, sizeof(path), "%s/bad/%s", SP_SIGN_DATA, bad_seckeys[i].file);
        sp_diags *d = sp_diags_new();
        sp_seckey *key = (sp_seckey *)(void *)&key; /* must be reset to NULL */
        int rc = sp_seckey_load(path, d, &key);
        assert_null(key);
        expect_result(bad_seckeys[i].file, rc, bad_seckeys[i].rc, d, bad_seckeys[i].diag);
        assert_string_equal(sp_diags_at(d, 0)->file, path);
        sp_diags_free(d);
    }
}

static void malformed_signatures_give_exact_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < SP_ARRAY_LEN(bad_sigs); i++) {
        size_t len;
        char *text = fixture("bad", bad_sigs[i].file, &len);
        sp_diags *d = sp_diags_new();
        sp_sigblock sig;
        int rc = sp_sigblock_parse(text, len, bad_sigs[i].file, d, &sig);
        expect_result(bad_sigs[i].file, rc, bad_sigs[i].rc, d, bad_sigs[i].diag);
        sp_diags_free(d);
        free(text);
    }
}

static void malformed_signed_files_give_exact_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < SP_ARRAY_LEN(bad_signed); i++) {
        size_t len, body_len;
        const char *body;
        char *text = fixture("bad", bad_signed[i].file, &len);
        sp_diags *d = sp_diags_new();
        sp_sigblock sig;
        int rc = sp_signed_parse(text, len, bad_signed[i].file, d, &sig, &body, &body_len);
        expect_result(bad_signed[i].file, rc, bad_signed[i].rc, d, bad_signed[i].diag);
        sp_diags_free(d);
        free(text);
    }
}

static void legacy_signature_parses_but_does_not_verify(void **state)
{
    (void)state;
    size_t len, bodylen;
    char *text = fixture("good", "legacy.minisig", &len);
    char *body = fixture("good", "body.txt", &bodylen);
    sp_sigblock sig;
    sp_pubkey pk;
    load_pub("good", "minisign-W.pub", &pk);
    assert_int_equal(sp_sigblock_parse(text, len, "legacy.minisig", NULL, &sig), 0);
    assert_int_equal(sig.alg, SP_SIGALG_LEGACY);
    assert_int_equal(sp_verify(&pk, &sig, body, bodylen), SP_VERIFY_UNSUPPORTED);
    free(text);
    free(body);
}

static void trusted_comment_of_1024_bytes_is_accepted(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("plain.key", NULL);
    char tc[SP_TRUSTED_COMMENT_MAX + 1];
    memset(tc, 'a', SP_TRUSTED_COMMENT_MAX);
    tc[SP_TRUSTED_COMMENT_MAX] = '\0';
    char *block;
    size_t blocklen;
    assert_int_equal(sp_sign(key, "x", 1, tc, NULL, &block, &blocklen), 0);
    sp_sigblock sig;
    assert_int_equal(sp_sigblock_parse(block, blocklen, "t", NULL, &sig), 0);
    assert_int_equal(sig.trusted_comment_len, SP_TRUSTED_COMMENT_MAX);
    sp_pubkey pk;
    assert_int_equal(sp_seckey_pubkey(key, &pk), 0);
    assert_int_equal(sp_verify(&pk, &sig, "x", 1), SP_VERIFY_OK);
    free(block);
    sp_seckey_free(key);
}

/* ---- Secret keys ----------------------------------------------------------------------------- */

static void minisign_unencrypted_key_loads(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("minisign-W.key", NULL);
    assert_false(sp_seckey_locked(key));
    assert_false(sp_seckey_was_encrypted(key));
    sp_pubkey from_sk, from_file;
    assert_int_equal(sp_seckey_pubkey(key, &from_sk), 0);
    load_pub("good", "minisign-W.pub", &from_file);
    assert_memory_equal(&from_sk, &from_file, sizeof(from_sk));
    sp_seckey_free(key);
}

static void encrypted_key_opens_with_the_right_passphrase(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("enc.key", NULL);
    assert_true(sp_seckey_locked(key));
    assert_true(sp_seckey_was_encrypted(key));
    sp_pubkey pk, want;
    assert_int_equal(sp_seckey_pubkey(key, &pk), SP_EINVAL);
    assert_int_equal(sp_seckey_decrypt(key, ENC_PASSPHRASE, strlen(ENC_PASSPHRASE)), 0);
    assert_false(sp_seckey_locked(key));
    assert_int_equal(sp_seckey_pubkey(key, &pk), 0);
    load_pub("good", "enc.pub", &want);
    assert_memory_equal(&pk, &want, sizeof(pk));
    sp_seckey_free(key);
}

static void wrong_passphrase_is_ekey_and_the_key_stays_locked(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("enc.key", NULL);
    assert_int_equal(sp_seckey_decrypt(key, "correct horse", 13), SP_EKEY);
    assert_int_equal(sp_seckey_decrypt(key, "", 0), SP_EKEY);
    assert_true(sp_seckey_locked(key));
    char *block = NULL;
    size_t len;
    assert_int_equal(sp_sign(key, "x", 1, "tc", NULL, &block, &len), SP_EINVAL);
    assert_null(block);
    /* The failed attempts left the encrypted bytes intact. */
    assert_int_equal(sp_seckey_decrypt(key, ENC_PASSPHRASE, strlen(ENC_PASSPHRASE)), 0);
    sp_seckey_free(key);
}

static void overlong_passphrase_is_refused(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("enc.key", NULL);
    char pass[SP_PASSPHRASE_MAX + 1];
    memset(pass, 'p', sizeof(pass));
    assert_int_equal(sp_seckey_decrypt(key, pass, sizeof(pass)), SP_ELIMIT);
    sp_seckey_free(key);
}

static void absurd_scrypt_limits_are_refused(void **state)
{
    (void)state;
    /* Reading: the malformed fixtures above (sec-absurd-*) give SP_ELIMIT before any
     * passphrase is asked. Writing: */
    sp_seckey *key;
    assert_int_equal(sp_seckey_generate(&key), 0);
    sp_seckey_opts o = {.passphrase = "pw", .passphrase_len = 2};
    char *text = NULL;
    size_t len;
    o.opslimit = SP_KDF_OPSLIMIT_MAX + 1;
    assert_int_equal(sp_seckey_format(key, &o, &text, &len), SP_EINVAL);
    o.opslimit = 0;
    o.memlimit = SP_KDF_MEMLIMIT_MAX + 1;
    assert_int_equal(sp_seckey_format(key, &o, &text, &len), SP_EINVAL);
    assert_null(text);
    sp_seckey_free(key);
}

/* Formats key with opts, parses the text back and opens it with pass. */
static sp_seckey *round_trip(const sp_seckey *key, const sp_seckey_opts *o)
{
    char *text;
    size_t len;
    assert_int_equal(sp_seckey_format(key, o, &text, &len), 0);
    assert_int_equal(strlen(text), len);
    sp_seckey *back;
    assert_int_equal(sp_seckey_parse(text, len, "t.key", NULL, &back), 0);
    sp_seckey_text_free(text);
    assert_int_equal(sp_seckey_locked(back), o->passphrase != NULL);
    if (o->passphrase)
        assert_int_equal(sp_seckey_decrypt(back, o->passphrase, o->passphrase_len), 0);
    return back;
}

static void secret_key_round_trips_encrypted_and_not(void **state)
{
    (void)state;
    sp_seckey *key;
    assert_int_equal(sp_seckey_generate(&key), 0);
    sp_pubkey want, got;
    assert_int_equal(sp_seckey_pubkey(key, &want), 0);
    sp_seckey_opts enc = {
        .passphrase = "pässwörd 口令", .opslimit = FAST_OPS, .memlimit = FAST_MEM};
    enc.passphrase_len = strlen(enc.passphrase);
    sp_seckey_opts plain = {0};
    sp_seckey *back = round_trip(key, &enc);
    assert_int_equal(sp_seckey_pubkey(back, &got), 0);
    assert_memory_equal(&got, &want, sizeof(got));
    sp_seckey *back2 = round_trip(back, &plain);
    assert_int_equal(sp_seckey_pubkey(back2, &got), 0);
    assert_memory_equal(&got, &want, sizeof(got));
    sp_seckey_free(back2);
    sp_seckey_free(back);
    sp_seckey_free(key);
}

static void encrypted_key_text_records_salt_and_limits(void **state)
{
    (void)state;
    sp_seckey *key;
    assert_int_equal(sp_seckey_generate(&key), 0);
    sp_seckey_opts o = {
        .passphrase = "pw", .passphrase_len = 2, .opslimit = FAST_OPS, .memlimit = FAST_MEM};
    char *text;
    size_t len;
    assert_int_equal(sp_seckey_format(key, &o, &text, &len), 0);
    const char *b64 = strchr(text, '\n') + 1;
    unsigned char raw[158];
    size_t rawlen;
    assert_int_equal(sodium_base642bin(raw, sizeof(raw), b64, strlen(b64) - 1, NULL, &rawlen, NULL,
                                       sodium_base64_VARIANT_ORIGINAL),
                     0);
    assert_int_equal(rawlen, 158);
    assert_memory_equal(raw, "EdScB2", 6);
    static const unsigned char ops[8] = {0x00, 0x80, 0, 0, 0, 0, 0, 0};
    static const unsigned char mem[8] = {0, 0, 0, 0x01, 0, 0, 0, 0};
    assert_memory_equal(raw + 38, ops, 8);
    assert_memory_equal(raw + 46, mem, 8);
    sp_seckey_text_free(text);
    sp_seckey_free(key);
}

static void secret_key_format_refuses_bad_options(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("enc.key", NULL);
    sp_seckey_opts o = {0};
    char *text = NULL;
    size_t len;
    assert_int_equal(sp_seckey_format(key, &o, &text, &len), SP_EINVAL); /* locked */
    sp_seckey_free(key);
    assert_int_equal(sp_seckey_generate(&key), 0);
    o.passphrase = "";
    assert_int_equal(sp_seckey_format(key, &o, &text, &len), SP_EINVAL); /* empty */
    char big[SP_PASSPHRASE_MAX + 1];
    memset(big, 'p', sizeof(big));
    o.passphrase = big;
    o.passphrase_len = sizeof(big);
    assert_int_equal(sp_seckey_format(key, &o, &text, &len), SP_EINVAL); /* too long */
    assert_null(text);
    sp_seckey_free(key);
}

static void generated_keys_differ(void **state)
{
    (void)state;
    sp_seckey *a, *b;
    sp_pubkey pa, pb;
    assert_int_equal(sp_seckey_generate(&a), 0);
    assert_int_equal(sp_seckey_generate(&b), 0);
    assert_int_equal(sp_seckey_pubkey(a, &pa), 0);
    assert_int_equal(sp_seckey_pubkey(b, &pb), 0);
    assert_memory_not_equal(pa.id, pb.id, sizeof(pa.id));
    assert_memory_not_equal(pa.pk, pb.pk, sizeof(pa.pk));
    sp_seckey_free(a);
    sp_seckey_free(b);
}

/* ---- Saving key files ------------------------------------------------------------------------ */

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof(tmpdir), "%s/sp-sign-test.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    char cmd[400];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static mode_t mode_of(const char *path)
{
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    return st.st_mode & 07777;
}

static void secret_keys_are_0600_and_public_keys_follow_the_umask(void **state)
{
    (void)state;
    char sec[300], pub[300];
    snprintf(sec, sizeof(sec), "%s/k.key", tmpdir);
    snprintf(pub, sizeof(pub), "%s/k.pub", tmpdir);
    sp_seckey *key;
    sp_pubkey pk;
    assert_int_equal(sp_seckey_generate(&key), 0);
    assert_int_equal(sp_seckey_pubkey(key, &pk), 0);
    mode_t old = umask(0);
    sp_seckey_opts o = {0};
    int rc1 = sp_seckey_save(key, sec, &o); /* 0600 even when the umask would say 0666 */
    int rc2 = sp_pubkey_save(&pk, pub);
    mode_t open_mode = mode_of(pub);
    umask(077);
    unlink(pub);
    int rc3 = sp_pubkey_save(&pk, pub); /* a public key follows the umask */
    umask(old);
    assert_int_equal(rc1, 0);
    assert_int_equal(rc2, 0);
    assert_int_equal(rc3, 0);
    assert_int_equal(mode_of(sec), 0600);
    assert_int_equal(open_mode, 0666);
    assert_int_equal(mode_of(pub), 0600);
    sp_pubkey back;
    assert_int_equal(sp_pubkey_load(pub, NULL, &back), 0);
    assert_memory_equal(&back, &pk, sizeof(pk));
    sp_seckey_free(key);
}

static void secret_key_is_never_overwritten_without_force(void **state)
{
    (void)state;
    char sec[300];
    snprintf(sec, sizeof(sec), "%s/k2.key", tmpdir);
    sp_seckey *a, *b;
    assert_int_equal(sp_seckey_generate(&a), 0);
    assert_int_equal(sp_seckey_generate(&b), 0);
    sp_seckey_opts o = {0};
    assert_int_equal(sp_seckey_save(a, sec, &o), 0);
    assert_int_equal(sp_seckey_save(b, sec, &o), SP_EEXIST);
    sp_seckey *back;
    sp_pubkey pa, pb, pback;
    assert_int_equal(sp_seckey_load(sec, NULL, &back), 0);
    assert_int_equal(sp_seckey_pubkey(a, &pa), 0);
    assert_int_equal(sp_seckey_pubkey(b, &pb), 0);
    assert_int_equal(sp_seckey_pubkey(back, &pback), 0);
    assert_memory_equal(&pback, &pa, sizeof(pa));
    sp_seckey_free(back);
    o.force = true;
    assert_int_equal(sp_seckey_save(b, sec, &o), 0);
    assert_int_equal(mode_of(sec), 0600);
    assert_int_equal(sp_seckey_load(sec, NULL, &back), 0);
    assert_int_equal(sp_seckey_pubkey(back, &pback), 0);
    assert_memory_equal(&pback, &pb, sizeof(pb));
    sp_seckey_free(back);
    sp_seckey_free(a);
    sp_seckey_free(b);
}

static void secret_key_is_never_written_through_a_symlink(void **state)
{
    (void)state;
    char sec[300], target[300];
    snprintf(sec, sizeof(sec), "%s/link.key", tmpdir);
    snprintf(target, sizeof(target), "%s/elsewhere", tmpdir);
    assert_int_equal(symlink(target, sec), 0); /* dangling */
    sp_seckey *key;
    assert_int_equal(sp_seckey_generate(&key), 0);
    sp_seckey_opts o = {0};
    assert_int_equal(sp_seckey_save(key, sec, &o), SP_EEXIST);
    o.force = true;
    assert_int_equal(sp_seckey_save(key, sec, &o), SP_EEXIST);
    assert_int_equal(errno, ELOOP);
    assert_int_equal(access(target, F_OK), -1); /* nothing was created at the target */
    sp_seckey_free(key);
}

/* The number of entries in tmpdir, . and .. excluded. */
static int count_entries(void)
{
    DIR *d = opendir(tmpdir);
    assert_non_null(d);
    int n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void atomic_write_replaces_and_leaves_no_temporary_file(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof(path), "%s/result.signpost", tmpdir);
    assert_int_equal(sp_write_atomic(path, "first\n", 6, 0644), 0);
    assert_int_equal(sp_write_atomic(path, "second\n", 7, 0640), 0);
    size_t len;
    char *text;
    assert_int_equal(sp_read_file(path, 100, &text, &len), 0);
    assert_string_equal(text, "second\n");
    free(text);
    assert_int_equal(mode_of(path), 0640);
    assert_int_equal(count_entries(), 1);
    char missing[320];
    snprintf(missing, sizeof(missing), "%s/no/such/folder", tmpdir);
    assert_int_equal(sp_write_atomic(missing, "x", 1, 0644), SP_EIO);
    assert_int_equal(errno, ENOENT);
    assert_int_equal(count_entries(), 1);
}

static void exclusive_write_never_replaces(void **state)
{
    (void)state;
    char path[300];
    snprintf(path, sizeof(path), "%s/journal", tmpdir);
    assert_int_equal(sp_write_new(path, "kept\n", 5, 0600), 0);
    assert_int_equal(sp_write_new(path, "lost\n", 5, 0600), SP_EEXIST);
    size_t len;
    char *text;
    assert_int_equal(sp_read_file(path, 100, &text, &len), 0);
    assert_string_equal(text, "kept\n");
    free(text);
    assert_int_equal(mode_of(path), 0600);
}

/* ---- Signing and verifying ------------------------------------------------------------------- */

static void sign_and_verify_round_trip(void **state)
{
    (void)state;
    sp_seckey *key;
    sp_pubkey pk;
    assert_int_equal(sp_seckey_generate(&key), 0);
    assert_int_equal(sp_seckey_pubkey(key, &pk), 0);
    const char body[] = "signpost-result/1\nanswers: {}\n";
    char *block;
    size_t blocklen;
    assert_int_equal(
        sp_sign(key, body, sizeof(body) - 1, "placement 2026-05-01 李雷", "hi", &block, &blocklen),
        0);
    assert_int_equal(strlen(block), blocklen);
    assert_memory_equal(block, "untrusted comment: hi\nRU", 24); /* base64 of "ED" */
    assert_non_null(strstr(block, "\ntrusted comment: placement 2026-05-01 李雷\n"));
    sp_sigblock sig;
    assert_int_equal(sp_sigblock_parse(block, blocklen, "t", NULL, &sig), 0);
    assert_int_equal(sig.alg, SP_SIGALG_PREHASHED);
    assert_memory_equal(sig.keyid, pk.id, sizeof(pk.id));
    assert_string_equal(sig.untrusted_comment, "hi");
    assert_string_equal(sig.trusted_comment, "placement 2026-05-01 李雷");
    assert_int_equal(sp_verify(&pk, &sig, body, sizeof(body) - 1), SP_VERIFY_OK);
    free(block);
    sp_seckey_free(key);
}

static void fixture_signatures_verify(void **state)
{
    (void)state;
    size_t bodylen;
    char *body = fixture("good", "body.txt", &bodylen);
    sp_pubkey plain, minisign;
    load_pub("good", "plain.pub", &plain);
    load_pub("good", "minisign-W.pub", &minisign);
    size_t len;
    int prc;
    char *ours = fixture("good", "body.minisig", &len);
    assert_int_equal(verify_text(&plain, ours, len, body, bodylen, &prc), SP_VERIFY_OK);
    assert_int_equal(verify_text(&minisign, ours, len, body, bodylen, &prc),
                     SP_VERIFY_KEY_MISMATCH);
    free(ours);
    /* minisign's signature, with a tab in its trusted comment. */
    char *theirs = fixture("good", "minisign.minisig", &len);
    assert_int_equal(verify_text(&minisign, theirs, len, body, bodylen, &prc), SP_VERIFY_OK);
    free(theirs);
    free(body);
}

static void signed_file_splits_byte_exact(void **state)
{
    (void)state;
    size_t len, bodylen, blocklen, gotlen;
    char *file = fixture("good", "good.signpost", &len);
    char *body = fixture("good", "body.txt", &bodylen);
    char *block = fixture("good", "body.minisig", &blocklen);
    size_t split;
    assert_int_equal(sp_signed_split(file, len, "good.signpost", NULL, &split), 0);
    assert_int_equal(split, blocklen);
    const char *got;
    sp_sigblock sig;
    assert_int_equal(sp_signed_parse(file, len, "good.signpost", NULL, &sig, &got, &gotlen), 0);
    assert_int_equal(gotlen, bodylen);
    assert_memory_equal(got, body, bodylen);
    sp_pubkey pk;
    load_pub("good", "plain.pub", &pk);
    assert_int_equal(sp_verify(&pk, &sig, got, gotlen), SP_VERIFY_OK);
    free(file);
    free(body);
    free(block);
}

static void every_body_byte_change_is_a_bad_body(void **state)
{
    (void)state;
    size_t len, bodylen;
    char *block = fixture("good", "body.minisig", &len);
    char *body = fixture("good", "body.txt", &bodylen);
    sp_pubkey pk;
    load_pub("good", "plain.pub", &pk);
    sp_sigblock sig;
    assert_int_equal(sp_sigblock_parse(block, len, "body.minisig", NULL, &sig), 0);
    for (size_t i = 0; i < bodylen; i++) {
        body[i] ^= 0x01;
        if (sp_verify(&pk, &sig, body, bodylen) != SP_VERIFY_BAD_BODY)
            fail_msg("a change of body byte %zu was not reported as a bad body", i);
        body[i] ^= 0x01;
    }
    assert_int_equal(sp_verify(&pk, &sig, body, bodylen - 1), SP_VERIFY_BAD_BODY);
    assert_int_equal(sp_verify(&pk, &sig, body, bodylen), SP_VERIFY_OK);
    free(block);
    free(body);
}

/* Where the line at index lineno (0-based) of text starts, and its length. */
static char *line_at(char *text, int lineno, size_t *len)
{
    for (int i = 0; i < lineno; i++)
        text = strchr(text, '\n') + 1;
    *len = (size_t)(strchr(text, '\n') - text);
    return text;
}

/* The base64 character after c in the alphabet, so that a change stays in the alphabet. */
static char next_b64(char c)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const char *p = strchr(alphabet, c);
    return p ? alphabet[(p - alphabet + 1) % 64] : 'A';
}

/* What a change of one base64 character of the signature line must give: a parse error when
 * the line no longer decodes canonically or names an unknown algorithm; the legacy algorithm;
 * another key id; or a signature that does not match the body. */
static int expected_for_sig_change(const char *orig, const char *changed, size_t n)
{
    unsigned char a[74], b[74];
    size_t la, lb;
    sodium_base642bin(a, sizeof(a), orig, n, NULL, &la, NULL, sodium_base64_VARIANT_ORIGINAL);
    if (sodium_base642bin(b, sizeof(b), changed, n, NULL, &lb, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        lb != 74)
        return -1;
    if (memcmp(a, b, 2) != 0)
        return memcmp(b, "Ed", 2) == 0 ? SP_VERIFY_UNSUPPORTED : -1;
    if (memcmp(a + 2, b + 2, 8) != 0)
        return SP_VERIFY_KEY_MISMATCH;
    return SP_VERIFY_BAD_BODY;
}

static void every_signature_line_change_is_detected(void **state)
{
    (void)state;
    size_t len, bodylen, n;
    char *block = fixture("good", "body.minisig", &len);
    char *body = fixture("good", "body.txt", &bodylen);
    sp_pubkey pk;
    load_pub("good", "plain.pub", &pk);
    char *line = line_at(block, 1, &n);
    char *orig = strndup(line, n);
    int counts[3] = {0}; /* parse errors, key id, body */
    for (size_t i = 0; i < n; i++) {
        char c = line[i];
        line[i] = next_b64(c);
        int want = expected_for_sig_change(orig, line, n), prc;
        sp_verify_result got = verify_text(&pk, block, len, body, bodylen, &prc);
        if (want < 0 ? prc != SP_EINPUT : (prc != 0 || (int)got != want))
            fail_msg("signature character %zu: expected %d, got parse %d verify %d", i, want, prc,
                     got);
        counts[want < 0 ? 0 : want == SP_VERIFY_KEY_MISMATCH ? 1 : 2]++;
        line[i] = c;
    }
    /* Every kind of failure was met: the test covers what it says. */
    assert_true(counts[0] > 0 && counts[1] > 0 && counts[2] > 0);
    free(orig);
    free(block);
    free(body);
}

static void every_trusted_comment_change_is_a_bad_comment(void **state)
{
    (void)state;
    size_t len, bodylen, n;
    char *block = fixture("good", "body.minisig", &len);
    char *body = fixture("good", "body.txt", &bodylen);
    sp_pubkey pk;
    load_pub("good", "plain.pub", &pk);
    char *line = line_at(block, 2, &n);
    size_t prefix = strlen("trusted comment: ");
    for (size_t i = prefix; i < n; i++) {
        char c = line[i];
        bool multibyte = (unsigned char)c >= 0x80;
        line[i] = c == 'x' ? 'y' : 'x';
        int prc;
        sp_verify_result got = verify_text(&pk, block, len, body, bodylen, &prc);
        if (multibyte ? prc != SP_EINPUT : (prc != 0 || got != SP_VERIFY_BAD_COMMENT))
            fail_msg("trusted comment byte %zu: got parse %d verify %d", i, prc, got);
        line[i] = c;
    }
    free(block);
    free(body);
}

static void every_global_signature_change_is_a_bad_comment(void **state)
{
    (void)state;
    size_t len, bodylen, n;
    char *block = fixture("good", "body.minisig", &len);
    char *body = fixture("good", "body.txt", &bodylen);
    sp_pubkey pk;
    load_pub("good", "plain.pub", &pk);
    char *line = line_at(block, 3, &n);
    int bad_comment = 0;
    for (size_t i = 0; i < n; i++) {
        char c = line[i];
        line[i] = next_b64(c);
        unsigned char raw[64];
        size_t rawlen;
        bool decodes = sodium_base642bin(raw, sizeof(raw), line, n, NULL, &rawlen, NULL,
                                         sodium_base64_VARIANT_ORIGINAL) == 0;
        int prc;
        sp_verify_result got = verify_text(&pk, block, len, body, bodylen, &prc);
        if (decodes ? (prc != 0 || got != SP_VERIFY_BAD_COMMENT) : prc != SP_EINPUT)
            fail_msg("global signature character %zu: got parse %d verify %d", i, prc, got);
        bad_comment += decodes;
        line[i] = c;
    }
    assert_true(bad_comment >= 84);
    free(block);
    free(body);
}

static void sign_refuses_comments_that_break_the_rules(void **state)
{
    (void)state;
    sp_seckey *key = load_sec("plain.key", NULL);
    char big[SP_TRUSTED_COMMENT_MAX + 2];
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    const char *bad[] = {"tab\there",
                         "two\nlines",
                         "cr\r",
                         " leading",
                         "trailing ",
                         "full-width space\xe3\x80\x80",
                         "esc \x1b[1m",
                         "caf\xc3",
                         "bidi \xe2\x80\xae",
                         big};
    char *block = NULL;
    size_t len;
    for (size_t i = 0; i < SP_ARRAY_LEN(bad); i++) {
        if (sp_sign(key, "x", 1, bad[i], NULL, &block, &len) != SP_EINVAL)
            fail_msg("trusted comment %zu was accepted", i);
        if (sp_sign(key, "x", 1, "ok", bad[i], &block, &len) != SP_EINVAL)
            fail_msg("untrusted comment %zu was accepted", i);
    }
    assert_int_equal(sp_sign(key, "x", 1, NULL, NULL, &block, &len), SP_EINVAL);
    assert_null(block);
    const char *good[] = {"", "a", "成绩 placement 2026-05-01", "a  b"};
    for (size_t i = 0; i < SP_ARRAY_LEN(good); i++) {
        assert_int_equal(sp_sign(key, "x", 1, good[i], good[i], &block, &len), 0);
        free(block);
    }
    sp_seckey_free(key);
}

static const struct CMUnitTest tests[] = {
    cmocka_unit_test(keyid_prints_bytes_reversed_in_uppercase_hex),
    cmocka_unit_test(keyid_matches_what_minisign_prints),
    cmocka_unit_test(pubkey_parse_and_format_round_trip),
    cmocka_unit_test(pubkey_bare_base64_round_trip),
    cmocka_unit_test(pubkey_bare_base64_errors_name_the_option),
    cmocka_unit_test(malformed_public_keys_give_exact_errors),
    cmocka_unit_test(malformed_secret_keys_give_exact_errors),
    cmocka_unit_test(malformed_signatures_give_exact_errors),
    cmocka_unit_test(malformed_signed_files_give_exact_errors),
    cmocka_unit_test(legacy_signature_parses_but_does_not_verify),
    cmocka_unit_test(trusted_comment_of_1024_bytes_is_accepted),
    cmocka_unit_test(minisign_unencrypted_key_loads),
    cmocka_unit_test(encrypted_key_opens_with_the_right_passphrase),
    cmocka_unit_test(wrong_passphrase_is_ekey_and_the_key_stays_locked),
    cmocka_unit_test(overlong_passphrase_is_refused),
    cmocka_unit_test(absurd_scrypt_limits_are_refused),
    cmocka_unit_test(secret_key_round_trips_encrypted_and_not),
    cmocka_unit_test(encrypted_key_text_records_salt_and_limits),
    cmocka_unit_test(secret_key_format_refuses_bad_options),
    cmocka_unit_test(generated_keys_differ),
    cmocka_unit_test_setup_teardown(secret_keys_are_0600_and_public_keys_follow_the_umask,
                                    make_tmpdir, remove_tmpdir),
    cmocka_unit_test_setup_teardown(secret_key_is_never_overwritten_without_force, make_tmpdir,
                                    remove_tmpdir),
    cmocka_unit_test_setup_teardown(secret_key_is_never_written_through_a_symlink, make_tmpdir,
                                    remove_tmpdir),
    cmocka_unit_test_setup_teardown(atomic_write_replaces_and_leaves_no_temporary_file, make_tmpdir,
                                    remove_tmpdir),
    cmocka_unit_test_setup_teardown(exclusive_write_never_replaces, make_tmpdir, remove_tmpdir),
    cmocka_unit_test(sign_and_verify_round_trip),
    cmocka_unit_test(fixture_signatures_verify),
    cmocka_unit_test(signed_file_splits_byte_exact),
    cmocka_unit_test(every_body_byte_change_is_a_bad_body),
    cmocka_unit_test(every_signature_line_change_is_detected),
    cmocka_unit_test(every_trusted_comment_change_is_a_bad_comment),
    cmocka_unit_test(every_global_signature_change_is_a_bad_comment),
    cmocka_unit_test(sign_refuses_comments_that_break_the_rules),
};

int main(int argc, char **argv)
{
    if (sp_init() != 0)
        return 1;
    if (argc > 1)
        cmocka_set_test_filter(argv[1]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
