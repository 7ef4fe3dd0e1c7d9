/* Keys and signatures in minisign's formats (see signpost/sign.h for the formats). */
#include "signpost/sign.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "base/fileio.h"
#include "base/util.h"

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "
#define PREFIX_LEN(p)  (sizeof(p) - 1)

/* The message for a key or signature file without its first line. */
#define MISSING_COMMENT                                                                            \
    _("expected a comment line starting with 'untrusted comment: ', found the end of the file")

/* The largest key file read: two lines, the comment at most a few KiB. */
#define KEY_FILE_MAX 8192

static const unsigned char ALG_ED25519[2] = {'E', 'd'};
static const unsigned char ALG_PREHASHED[2] = {'E', 'D'};
static const unsigned char KDF_SCRYPT[2] = {'S', 'c'};
static const unsigned char KDF_NONE[2] = {0, 0};
static const unsigned char CHK_BLAKE2B[2] = {'B', '2'};

/* The decoded public key: "Ed" || key id || pk. */
typedef struct pk_record {
    unsigned char alg[2];
    unsigned char id[SP_KEYID_BYTES];
    unsigned char pk[SP_PUBKEY_BYTES];
} pk_record;

/* The decoded secret key, the 158 bytes of the file in order. keyid, sk and chk form minisign's
 * keynum_sk, which is XORed with the scrypt output in an encrypted file. */
typedef struct sk_record {
    unsigned char sig_alg[2];
    unsigned char kdf_alg[2];
    unsigned char chk_alg[2];
    unsigned char salt[crypto_pwhash_scryptsalsa208sha256_SALTBYTES];
    unsigned char opslimit[8];
    unsigned char memlimit[8];
    unsigned char keyid[SP_KEYID_BYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    unsigned char chk[crypto_generichash_BYTES];
} sk_record;

#define KEYNUM_OFFSET offsetof(sk_record, keyid)
#define KEYNUM_BYTES  (sizeof(sk_record) - KEYNUM_OFFSET)

/* The decoded signature line: "ED" (or legacy "Ed") || key id || signature. */
typedef struct sig_record {
    unsigned char alg[2];
    unsigned char keyid[SP_KEYID_BYTES];
    unsigned char sig[SP_SIGNATURE_BYTES];
} sig_record;

_Static_assert(sizeof(pk_record) == 42, "a minisign public key is 42 bytes");
_Static_assert(sizeof(sk_record) == 158, "a minisign secret key is 158 bytes");
_Static_assert(sizeof(sig_record) == 74, "a minisign signature is 74 bytes");
_Static_assert(KEYNUM_BYTES == 104, "keynum_sk is 104 bytes");

struct sp_seckey {
    sk_record *rec; /* sodium_malloc'd; no access allowed except inside a function here */
    bool locked;    /* keynum_sk is still encrypted */
    bool encrypted; /* the key came from an encrypted file */
};

/* ---- Small helpers ------------------------------------------------------------------------- */

static void le64_store(unsigned char out[8], uint64_t v)
{
    for (int i = 0; i < 8; i++)
        out[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t le64_load(const unsigned char in[8])
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = (v << 8) | in[i];
    return v;
}

/* Writes two algorithm bytes for a message: 'Ed' when printable, else 0x4564. */
static void alg_text(const unsigned char alg[2], char out[16])
{
    if (alg[0] > 0x20 && alg[0] < 0x7F && alg[1] > 0x20 && alg[1] < 0x7F)
        snprintf(out, 16, "'%c%c'", alg[0], alg[1]);
    else
        snprintf(out, 16, "0x%02X%02X", alg[0], alg[1]);
}

/* The number of code points in the first n bytes of s (continuation bytes are not counted). */
static uint32_t count_codepoints(const char *s, size_t n)
{
    uint32_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

void sp_keyid_format(const unsigned char id[SP_KEYID_BYTES], char out[SP_KEYID_HEX_SIZE])
{
    static const char digits[] = "0123456789ABCDEF";
    for (int i = 0; i < SP_KEYID_BYTES; i++) {
        unsigned char b = id[SP_KEYID_BYTES - 1 - i];
        out[2 * i] = digits[b >> 4];
        out[2 * i + 1] = digits[b & 15];
    }
    out[2 * SP_KEYID_BYTES] = '\0';
}

/* ---- Reading lines, with diagnostics ------------------------------------------------------- */

typedef struct reader {
    const char *text;
    size_t len;
    size_t pos;      /* start of the next line */
    uint32_t lineno; /* of the last line taken */
    const char *name;
    sp_diags *diags;
} reader;

typedef struct line {
    const char *s; /* without the "\n" */
    size_t len;
    uint32_t no;
} line;

static void report(const reader *r, uint32_t lineno, uint32_t column, const char *fmt, ...)
    SP_PRINTF(4, 5);

static void report(const reader *r, uint32_t lineno, uint32_t column, const char *fmt, ...)
{
    if (!r->diags)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    sp_pos pos = {lineno, lineno ? column : 0};
    (void)sp_diags_add(r->diags, SP_SEV_ERROR, r->name ? r->name : "<input>", pos, "%s", msg);
}

/* Takes the next line, which must exist and end in "\n" (not "\r\n"). missing is the message
 * when there is no line ("expected ..., found the end of the file"). Returns 0, or -1 after a
 * diagnostic. */
static int take_line(reader *r, const char *missing, line *out)
{
    uint32_t no = ++r->lineno;
    if (r->pos >= r->len) {
        report(r, no, 1, "%s", missing);
        return -1;
    }
    const char *s = r->text + r->pos;
    const char *nl = memchr(s, '\n', r->len - r->pos);
    if (!nl) {
        report(r, no, count_codepoints(s, r->len - r->pos) + 1,
               _("the line does not end with a newline"));
        return -1;
    }
    size_t n = (size_t)(nl - s);
    if (n > 0 && s[n - 1] == '\r') {
        report(r, no, count_codepoints(s, n - 1) + 1,
               _("the line ends with CR LF (a Windows line ending); expected LF only"));
        return -1;
    }
    r->pos += n + 1;
    *out = (line){s, n, no};
    return 0;
}

/* Nothing may follow the last line; extra is the message when something does. Returns 0, or
 * -1 after a diagnostic. */
static int expect_end(reader *r, const char *extra)
{
    if (r->pos == r->len)
        return 0;
    report(r, r->lineno + 1, 1, "%s", extra);
    return -1;
}

/* The offset of the first byte of s that is not in the standard base64 alphabet or '=', or n.
 * libsodium 1.0.18 decodes every byte from 0x80 up as if it were '/', so without this check a
 * line could differ from its canonical encoding and still decode to the same bytes (the tamper
 * test of verify found it: a signature line with 0xAF for '/' verified). */
static size_t base64_bad_at(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '+' || c == '/' || c == '=';
        if (!ok)
            return i;
    }
    return n;
}

/* Decodes a base64 line into out, which must be exactly want bytes; what names the line for
 * messages (translated: "the secret key"). The line is decoded into a scratch buffer first so
 * that the message can say how many bytes it holds; the scratch is wiped because a secret key
 * line decodes to secret bytes. Returns 0, or -1 after a diagnostic. */
static int decode_line(const reader *r, const line *l, const char *what, void *out, size_t want)
{
    unsigned char scratch[512];
    size_t got = 0;
    size_t want_chars = sodium_base64_ENCODED_LEN(want, sodium_base64_VARIANT_ORIGINAL) - 1;
    if (l->len > 2 * want_chars) {
        /* TRANSLATORS: %1$s names a line of a key or signature file: "the secret key", "the
           public key", "the signature" or "the global signature". */
        report(r, l->no, 1, _("%s is %zu characters long; expected %zu characters of base64"), what,
               l->len, want_chars);
        return -1;
    }
    size_t bad = base64_bad_at(l->s, l->len);
    if (bad < l->len && (unsigned char)l->s[bad] >= 0x80) {
        report(r, l->no, (uint32_t)bad + 1,
               /* TRANSLATORS: %s is "the secret key", "the signature" and the like. */
               _("%s is not valid base64: the byte 0x%02X is not in its alphabet"), what,
               (unsigned char)l->s[bad]);
        return -1;
    }
    int rc = sodium_base642bin(scratch, sizeof(scratch), l->s, l->len, NULL, &got, NULL,
                               sodium_base64_VARIANT_ORIGINAL);
    if (rc != 0) {
        /* TRANSLATORS: %s is "the secret key", "the signature" and the like. */
        report(r, l->no, 1, _("%s is not valid base64 (standard alphabet, with padding)"), what);
    } else if (got != want) {
        /* TRANSLATORS: %s is "the secret key", "the signature" and the like. */
        report(r, l->no, 1, _("%s decodes to %zu bytes; expected %zu"), what, got, want);
        rc = -1;
    } else {
        memcpy(out, scratch, want);
    }
    sodium_memzero(scratch, sizeof(scratch));
    return rc;
}

/* ---- Comments ------------------------------------------------------------------------------ */

typedef enum comment_problem {
    COMMENT_OK,
    COMMENT_TOO_LONG,
    COMMENT_BAD_UTF8,
    COMMENT_CONTROL,
    COMMENT_EDGE_SPACE,
} comment_problem;

static bool is_space_codepoint(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Checks a comment of n bytes: at most max bytes, valid UTF-8, no control characters (tab is
 * allowed unless strict), and when strict no white space at either end. Returns the problem;
 * *at is the byte offset of a bad character and *cp the character. */
static comment_problem check_comment(const char *s, size_t n, size_t max, bool strict, size_t *at,
                                     uint32_t *cp)
{
    *at = 0;
    *cp = 0;
    if (n > max)
        return COMMENT_TOO_LONG;
    const unsigned char *p = (const unsigned char *)s;
    uint32_t first = 0, last = 0;
    for (size_t i = 0; i < n;) {
        size_t k = sp_utf8_decode(p + i, n - i, cp);
        *at = i;
        if (k == 0)
            return COMMENT_BAD_UTF8;
        if (sp_is_hostile_codepoint(*cp, !strict) || *cp == '\n')
            return COMMENT_CONTROL;
        if (i == 0)
            first = *cp;
        last = *cp;
        i += k;
    }
    if (strict && n > 0 && (is_space_codepoint(first) || is_space_codepoint(last)))
        return COMMENT_EDGE_SPACE;
    return COMMENT_OK;
}

/* Takes a comment line: the prefix, then a comment that passes check_comment (not strict),
 * copied into out (max + 1 bytes). what names the comment for messages (translated: "untrusted
 * comment"). Returns 0, or -1 after a diagnostic. */
static int parse_comment(const reader *r, const line *l, const char *prefix, const char *what,
                         size_t max, char *out, size_t *outlen)
{
    size_t plen = strlen(prefix);
    if (l->len < plen || memcmp(l->s, prefix, plen) != 0) {
        /* TRANSLATORS: %1$s is "untrusted comment" or "trusted comment"; %2$s is the start of
           the line that was expected, such as "untrusted comment: ", which stays English. */
        report(r, l->no, 1, _("expected the %s, a line starting with '%s'"), what, prefix);
        return -1;
    }
    const char *c = l->s + plen;
    size_t n = l->len - plen;
    size_t at;
    uint32_t cp;
    uint32_t col = (uint32_t)plen + 1;
    switch (check_comment(c, n, max, false, &at, &cp)) {
    case COMMENT_OK: break;
    case COMMENT_TOO_LONG:
        /* TRANSLATORS: %s is "untrusted comment" or "trusted comment". */
        report(r, l->no, col, _("the %s is %zu bytes long; at most %zu are allowed"), what, n, max);
        return -1;
    case COMMENT_BAD_UTF8:
        /* TRANSLATORS: %s is "untrusted comment" or "trusted comment". */
        report(r, l->no, col + count_codepoints(c, at), _("the %s is not valid UTF-8"), what);
        return -1;
    case COMMENT_CONTROL:
    case COMMENT_EDGE_SPACE: /* only in strict mode, which parsing does not use */
        report(r, l->no, col + count_codepoints(c, at),
               /* TRANSLATORS: the first %s is "untrusted comment" or "trusted comment", the
                  second "a control character", "an invisible character"... */
               _("the %s contains %s, U+%04X"), what, sp_cp_class_phrase(cp), (unsigned)cp);
        return -1;
    }
    memcpy(out, c, n);
    out[n] = '\0';
    if (outlen)
        *outlen = n;
    return 0;
}

/* ---- Public keys --------------------------------------------------------------------------- */

/* Decodes the base64 of a public key from line l and checks the algorithm. */
static int pubkey_from_line(const reader *r, const line *l, sp_pubkey *out)
{
    pk_record rec;
    /* TRANSLATORS: names the line in messages such as "%s is not valid base64". */
    if (decode_line(r, l, _("the public key"), &rec, sizeof(rec)) != 0)
        return SP_EKEY;
    if (memcmp(rec.alg, ALG_ED25519, 2) != 0) {
        char alg[16];
        alg_text(rec.alg, alg);
        report(r, l->no, 1,
               _("the public key has the signature algorithm %s; expected 'Ed' (Ed25519)"), alg);
        return SP_EKEY;
    }
    memcpy(out->id, rec.id, sizeof(out->id));
    memcpy(out->pk, rec.pk, sizeof(out->pk));
    return 0;
}

int sp_pubkey_parse(const char *text, size_t len, const char *name, sp_diags *diags, sp_pubkey *out)
{
    reader r = {text, len, 0, 0, name, diags};
    line comment, key;
    if (take_line(&r, MISSING_COMMENT, &comment) != 0)
        return SP_EKEY;
    char scratch[SP_UNTRUSTED_COMMENT_MAX + 1];
    /* TRANSLATORS: the first line of a minisign file; names it in messages such as "the %s is
       not valid UTF-8". */
    if (parse_comment(&r, &comment, COMMENT_PREFIX, _("untrusted comment"),
                      SP_UNTRUSTED_COMMENT_MAX, scratch, NULL) != 0)
        return SP_EKEY;
    if (take_line(&r, _("expected the public key (base64), found the end of the file"), &key) != 0)
        return SP_EKEY;
    int rc = pubkey_from_line(&r, &key, out);
    if (rc == 0 &&
        expect_end(&r,
                   _("unexpected data after the public key; a public key file has two lines")) != 0)
        rc = SP_EKEY;
    return rc;
}

int sp_pubkey_parse_base64(const char *b64, size_t len, const char *name, sp_diags *diags,
                           sp_pubkey *out)
{
    reader r = {b64, len, 0, 0, name, diags};
    line l = {b64, len, 0};
    return pubkey_from_line(&r, &l, out);
}

int sp_pubkey_load(const char *path, sp_diags *diags, sp_pubkey *out)
{
    char *text = NULL;
    size_t len = 0;
    int rc = sp_input_read(path, 0, KEY_FILE_MAX, &text, &len);
    if (rc == SP_ELIMIT && diags)
        sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0},
                     _("the file is larger than %d bytes; it is not a public key"), KEY_FILE_MAX);
    if (rc == 0)
        rc = sp_pubkey_parse(text, len, path, diags, out);
    free(text);
    return rc;
}

void sp_pubkey_base64(const sp_pubkey *key, char out[SP_PUBKEY_BASE64_SIZE])
{
    pk_record rec;
    memcpy(rec.alg, ALG_ED25519, 2);
    memcpy(rec.id, key->id, sizeof(rec.id));
    memcpy(rec.pk, key->pk, sizeof(rec.pk));
    sodium_bin2base64(out, SP_PUBKEY_BASE64_SIZE, (const unsigned char *)&rec, sizeof(rec),
                      sodium_base64_VARIANT_ORIGINAL);
}

int sp_pubkey_format(const sp_pubkey *key, char **text, size_t *len)
{
    char id[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
    sp_keyid_format(key->id, id);
    sp_pubkey_base64(key, b64);
    sp_buf b = {0};
    sp_buf_printf(&b, COMMENT_PREFIX "signpost public key %s\n%s\n", id, b64);
    if (b.failed) {
        sp_buf_free(&b);
        return SP_ENOMEM;
    }
    *text = b.data;
    *len = b.len;
    return 0;
}

int sp_pubkey_save(const sp_pubkey *key, const char *path)
{
    char *text;
    size_t len;
    int rc = sp_pubkey_format(key, &text, &len);
    if (rc != 0)
        return rc;
    rc = sp_write_atomic(path, text, len, sp_mode_umask(0666));
    int saved = errno;
    free(text);
    errno = saved;
    return rc;
}

/* ---- Secret keys: memory --------------------------------------------------------------------- */

/* The record is readable and writable only between these two calls. */
static sk_record *rec_open(const sp_seckey *key)
{
    sodium_mprotect_readwrite(key->rec);
    return key->rec;
}

static void rec_close(const sp_seckey *key)
{
    sodium_mprotect_noaccess(key->rec);
}

static sp_seckey *seckey_new(void)
{
    /* sodium_malloc needs the library initialised; callers need not know that. */
    if (sp_init() != 0)
        return NULL;
    sp_seckey *key = calloc(1, sizeof(*key));
    if (!key)
        return NULL;
    key->rec = sodium_malloc(sizeof(sk_record));
    if (!key->rec) {
        free(key);
        return NULL;
    }
    memset(key->rec, 0, sizeof(sk_record));
    return key;
}

void sp_seckey_free(sp_seckey *key)
{
    if (!key)
        return;
    sodium_free(key->rec); /* wipes the memory before freeing it */
    free(key);
}

bool sp_seckey_locked(const sp_seckey *key)
{
    return key->locked;
}

bool sp_seckey_was_encrypted(const sp_seckey *key)
{
    return key->encrypted;
}

/* BLAKE2b-256 of "Ed" || key id || sk: minisign's checksum of a secret key. */
static void seckey_checksum(const sk_record *rec, unsigned char out[crypto_generichash_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES);
    crypto_generichash_update(&st, rec->sig_alg, sizeof(rec->sig_alg));
    crypto_generichash_update(&st, rec->keyid, sizeof(rec->keyid));
    crypto_generichash_update(&st, rec->sk, sizeof(rec->sk));
    crypto_generichash_final(&st, out, crypto_generichash_BYTES);
    sodium_memzero(&st, sizeof(st));
}

/* Whether the checksum of a decrypted record is right. */
static bool checksum_matches(const sk_record *rec)
{
    unsigned char chk[crypto_generichash_BYTES];
    seckey_checksum(rec, chk);
    bool ok = sodium_memcmp(chk, rec->chk, sizeof(chk)) == 0;
    sodium_memzero(chk, sizeof(chk));
    return ok;
}

/* Whether the public half stored in sk (its last 32 bytes) is the one its seed gives: a check
 * for unencrypted keys written without a checksum. */
static bool seed_matches(const sk_record *rec)
{
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    if (!sk)
        return false;
    crypto_sign_seed_keypair(pk, sk, rec->sk);
    bool ok = memcmp(pk, rec->sk + crypto_sign_SEEDBYTES, sizeof(pk)) == 0;
    sodium_free(sk);
    return ok;
}

/* XORs keynum_sk (key id, sk, checksum) of rec with the scrypt output for the passphrase and
 * the salt and limits of rec. Returns 0, or SP_ENOMEM when scrypt cannot get its memory. */
static int xor_keynum(sk_record *rec, const char *pass, size_t passlen)
{
    unsigned char *stream = sodium_malloc(KEYNUM_BYTES);
    if (!stream)
        return SP_ENOMEM;
    int rc = crypto_pwhash_scryptsalsa208sha256(stream, KEYNUM_BYTES, pass, passlen, rec->salt,
                                                le64_load(rec->opslimit),
                                                (size_t)le64_load(rec->memlimit));
    if (rc == 0) {
        unsigned char *keynum = (unsigned char *)rec + KEYNUM_OFFSET;
        for (size_t i = 0; i < KEYNUM_BYTES; i++)
            keynum[i] ^= stream[i];
    }
    sodium_free(stream);
    return rc == 0 ? 0 : SP_ENOMEM;
}

int sp_seckey_generate(sp_seckey **out)
{
    *out = NULL;
    sp_seckey *key = seckey_new();
    if (!key)
        return SP_ENOMEM;
    sk_record *rec = rec_open(key);
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    memcpy(rec->sig_alg, ALG_ED25519, 2);
    memcpy(rec->kdf_alg, KDF_NONE, 2);
    memcpy(rec->chk_alg, CHK_BLAKE2B, 2);
    randombytes_buf(rec->keyid, sizeof(rec->keyid));
    int rc = crypto_sign_keypair(pk, rec->sk) == 0 ? 0 : SP_ECRYPTO;
    seckey_checksum(rec, rec->chk);
    rec_close(key);
    if (rc != 0) {
        sp_seckey_free(key);
        return rc;
    }
    *out = key;
    return 0;
}

int sp_seckey_pubkey(const sp_seckey *key, sp_pubkey *out)
{
    if (key->locked)
        return SP_EINVAL;
    const sk_record *rec = rec_open(key);
    memcpy(out->id, rec->keyid, sizeof(out->id));
    memcpy(out->pk, rec->sk + crypto_sign_SEEDBYTES, sizeof(out->pk));
    rec_close(key);
    return 0;
}

int sp_seckey_sign_raw(const sp_seckey *key, const void *msg, size_t len,
                       unsigned char sig[SP_SIGNATURE_BYTES])
{
    if (key->locked)
        return SP_EINVAL;
    int rc = crypto_sign_detached(sig, NULL, msg, len, rec_open(key)->sk) == 0 ? 0 : SP_ECRYPTO;
    rec_close(key);
    return rc;
}

/* ---- Secret keys: reading ------------------------------------------------------------------ */

/* Checks the algorithm bytes and the scrypt limits of a decoded record. */
static int check_header(const reader *r, uint32_t lineno, const sk_record *rec)
{
    char alg[16];
    if (memcmp(rec->sig_alg, ALG_ED25519, 2) != 0) {
        alg_text(rec->sig_alg, alg);
        report(r, lineno, 1,
               _("the secret key has the signature algorithm %s; expected 'Ed' "
                 "(Ed25519)"),
               alg);
        return SP_EKEY;
    }
    if (memcmp(rec->kdf_alg, KDF_SCRYPT, 2) != 0 && memcmp(rec->kdf_alg, KDF_NONE, 2) != 0) {
        alg_text(rec->kdf_alg, alg);
        report(r, lineno, 1,
               _("the secret key has the key derivation %s; expected 'Sc' (scrypt) "
                 "or 0x0000 (unencrypted)"),
               alg);
        return SP_EKEY;
    }
    if (memcmp(rec->chk_alg, CHK_BLAKE2B, 2) != 0) {
        alg_text(rec->chk_alg, alg);
        report(r, lineno, 1, _("the secret key has the checksum %s; expected 'B2' (BLAKE2b)"), alg);
        return SP_EKEY;
    }
    if (memcmp(rec->kdf_alg, KDF_NONE, 2) == 0)
        return 0; /* the limits of an unencrypted key are never used */
    uint64_t ops = le64_load(rec->opslimit), mem = le64_load(rec->memlimit);
    if (ops > SP_KDF_OPSLIMIT_MAX) {
        report(r, lineno, 1,
               _("the secret key asks scrypt for %llu operations; at most %llu are "
                 "accepted"),
               (unsigned long long)ops, (unsigned long long)SP_KDF_OPSLIMIT_MAX);
        return SP_ELIMIT;
    }
    if (mem > SP_KDF_MEMLIMIT_MAX) {
        report(r, lineno, 1,
               _("the secret key asks scrypt for %llu bytes of memory; at most %llu "
                 "(1 GiB) are accepted"),
               (unsigned long long)mem, (unsigned long long)SP_KDF_MEMLIMIT_MAX);
        return SP_ELIMIT;
    }
    return 0;
}

/* Checks an unencrypted record: its checksum (unless zero, as `minisign -G -W` leaves it) and
 * the public half of sk against its seed. */
static int check_cleartext(const reader *r, uint32_t lineno, const sk_record *rec)
{
    static const unsigned char zero[crypto_generichash_BYTES];
    bool no_checksum = sodium_memcmp(rec->chk, zero, sizeof(zero)) == 0;
    if (!no_checksum && !checksum_matches(rec)) {
        report(r, lineno, 1,
               _("the checksum of the unencrypted secret key does not match; the "
                 "file is damaged"));
        return SP_EKEY;
    }
    if (!seed_matches(rec)) {
        report(r, lineno, 1,
               _("the secret key does not match its own public half; the file is "
                 "damaged"));
        return SP_EKEY;
    }
    return 0;
}

int sp_seckey_parse(const char *text, size_t len, const char *name, sp_diags *diags,
                    sp_seckey **out)
{
    *out = NULL;
    reader r = {text, len, 0, 0, name, diags};
    line comment, keyline;
    char scratch[SP_UNTRUSTED_COMMENT_MAX + 1];
    if (take_line(&r, MISSING_COMMENT, &comment) != 0 ||
        parse_comment(&r, &comment, COMMENT_PREFIX, _("untrusted comment"),
                      SP_UNTRUSTED_COMMENT_MAX, scratch, NULL) != 0 ||
        take_line(&r, _("expected the secret key (base64), found the end of the file"), &keyline) !=
            0)
        return SP_EKEY;
    sp_seckey *key = seckey_new();
    if (!key)
        return SP_ENOMEM;
    sk_record *rec = rec_open(key);
    /* TRANSLATORS: names the line in messages such as "%s is not valid base64". */
    int rc = decode_line(&r, &keyline, _("the secret key"), rec, sizeof(*rec)) == 0 ? 0 : SP_EKEY;
    if (rc == 0)
        rc = check_header(&r, keyline.no, rec);
    if (rc == 0 && memcmp(rec->kdf_alg, KDF_NONE, 2) == 0)
        rc = check_cleartext(&r, keyline.no, rec);
    if (rc == 0 &&
        expect_end(&r,
                   _("unexpected data after the secret key; a secret key file has two lines")) != 0)
        rc = SP_EKEY;
    key->encrypted = key->locked = memcmp(rec->kdf_alg, KDF_SCRYPT, 2) == 0;
    rec_close(key);
    if (rc != 0) {
        sp_seckey_free(key);
        return rc;
    }
    *out = key;
    return 0;
}

/* Reads a whole secret key file into sodium_malloc memory (freed by the caller with
 * sodium_free, which wipes it). */
static int read_secret_file(const char *path, char **out, size_t *outlen)
{
    int fd = sp_input_open(path, 0);
    if (fd < 0)
        return SP_EIO;
    char *buf = sodium_malloc(KEY_FILE_MAX + 1);
    size_t len = 0;
    int rc = buf ? 0 : SP_ENOMEM;
    while (rc == 0) {
        ssize_t n = read(fd, buf + len, KEY_FILE_MAX + 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            rc = SP_EIO;
        else if (n == 0)
            break;
        else if ((len += (size_t)n) > KEY_FILE_MAX)
            rc = SP_ELIMIT;
    }
    int saved = errno;
    close(fd);
    if (rc != 0) {
        sodium_free(buf);
        errno = saved;
        return rc;
    }
    *out = buf;
    *outlen = len;
    return 0;
}

int sp_seckey_load(const char *path, sp_diags *diags, sp_seckey **out)
{
    *out = NULL;
    char *text;
    size_t len;
    int rc = read_secret_file(path, &text, &len);
    if (rc == SP_ELIMIT && diags)
        sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0},
                     _("the file is larger than %d bytes; it is not a secret key"), KEY_FILE_MAX);
    if (rc != 0)
        return rc;
    rc = sp_seckey_parse(text, len, path, diags, out);
    sodium_free(text);
    return rc;
}

int sp_seckey_decrypt(sp_seckey *key, const char *pass, size_t passlen)
{
    if (!key->locked)
        return 0;
    if (passlen > SP_PASSPHRASE_MAX)
        return SP_ELIMIT;
    sk_record *work = sodium_malloc(sizeof(sk_record));
    if (!work)
        return SP_ENOMEM;
    memcpy(work, rec_open(key), sizeof(*work));
    rec_close(key);
    int rc = xor_keynum(work, pass, passlen);
    if (rc == 0 && !(checksum_matches(work) && seed_matches(work)))
        rc = SP_EKEY;
    if (rc == 0) {
        memcpy(rec_open(key), work, sizeof(*work));
        rec_close(key);
        key->locked = false;
    }
    sodium_free(work);
    return rc;
}

/* ---- Secret keys: writing ------------------------------------------------------------------ */

static int check_opts(const sp_seckey *key, const sp_seckey_opts *o)
{
    if (key->locked)
        return SP_EINVAL;
    if (o->passphrase && (o->passphrase_len == 0 || o->passphrase_len > SP_PASSPHRASE_MAX))
        return SP_EINVAL;
    if (o->opslimit > SP_KDF_OPSLIMIT_MAX || o->memlimit > SP_KDF_MEMLIMIT_MAX)
        return SP_EINVAL;
    return 0;
}

/* Fills the key derivation fields of a copy of the record and encrypts it when asked to. */
static int seal_record(sk_record *rec, const sp_seckey_opts *o)
{
    seckey_checksum(rec, rec->chk);
    memset(rec->salt, 0, sizeof(rec->salt));
    memset(rec->opslimit, 0, sizeof(rec->opslimit));
    memset(rec->memlimit, 0, sizeof(rec->memlimit));
    if (!o->passphrase) {
        memcpy(rec->kdf_alg, KDF_NONE, 2);
        return 0;
    }
    memcpy(rec->kdf_alg, KDF_SCRYPT, 2);
    randombytes_buf(rec->salt, sizeof(rec->salt));
    le64_store(rec->opslimit, o->opslimit ? o->opslimit : SP_KDF_OPSLIMIT_DEFAULT);
    le64_store(rec->memlimit, o->memlimit ? o->memlimit : SP_KDF_MEMLIMIT_DEFAULT);
    return xor_keynum(rec, o->passphrase, o->passphrase_len);
}

/* Writes the file text for a sealed record into sodium_malloc memory. */
static int seckey_text(const sk_record *rec, bool encrypted, char **text, size_t *len)
{
    const char *comment = encrypted ? COMMENT_PREFIX "signpost encrypted secret key\n"
                                    : COMMENT_PREFIX "signpost secret key, unencrypted\n";
    size_t clen = strlen(comment);
    size_t b64size = sodium_base64_ENCODED_LEN(sizeof(*rec), sodium_base64_VARIANT_ORIGINAL);
    char *t = sodium_malloc(clen + b64size + 1);
    if (!t)
        return SP_ENOMEM;
    memcpy(t, comment, clen);
    sodium_bin2base64(t + clen, b64size, (const unsigned char *)rec, sizeof(*rec),
                      sodium_base64_VARIANT_ORIGINAL);
    size_t n = clen + b64size - 1;
    t[n++] = '\n';
    t[n] = '\0';
    *text = t;
    *len = n;
    return 0;
}

int sp_seckey_format(const sp_seckey *key, const sp_seckey_opts *opts, char **text, size_t *len)
{
    *text = NULL;
    int rc = check_opts(key, opts);
    if (rc != 0)
        return rc;
    sk_record *work = sodium_malloc(sizeof(sk_record));
    if (!work)
        return SP_ENOMEM;
    memcpy(work, rec_open(key), sizeof(*work));
    rec_close(key);
    rc = seal_record(work, opts);
    if (rc == 0)
        rc = seckey_text(work, opts->passphrase != NULL, text, len);
    sodium_free(work);
    return rc;
}

void sp_seckey_text_free(char *text)
{
    sodium_free(text);
}

int sp_seckey_save(const sp_seckey *key, const char *path, const sp_seckey_opts *opts)
{
    struct stat st;
    if (opts->force && lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
        errno = ELOOP;
        return SP_EEXIST;
    }
    char *text;
    size_t len;
    int rc = sp_seckey_format(key, opts, &text, &len);
    if (rc != 0)
        return rc;
    rc = opts->force ? sp_write_atomic(path, text, len, 0600) : sp_write_new(path, text, len, 0600);
    int saved = errno;
    sp_seckey_text_free(text);
    errno = saved;
    return rc;
}

/* ---- Signing --------------------------------------------------------------------------------- */

#define DEFAULT_UNTRUSTED_COMMENT "signature from signpost secret key"

static bool comment_ok(const char *s, size_t max)
{
    size_t at;
    uint32_t cp;
    return check_comment(s, strlen(s), max, true, &at, &cp) == COMMENT_OK;
}

/* Appends the base64 of n bytes and a newline. */
static void put_base64_line(sp_buf *b, const void *bin, size_t n)
{
    char tmp[sodium_base64_ENCODED_LEN(sizeof(sig_record), sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(tmp, sizeof(tmp), bin, n, sodium_base64_VARIANT_ORIGINAL);
    sp_buf_puts(b, tmp);
    sp_buf_putc(b, '\n');
}

/* Makes the two signatures: sig over BLAKE2b-512(body), global over sig || trusted comment. */
static int make_signatures(const sk_record *rec, const void *body, size_t len, const char *tc,
                           sig_record *sig, unsigned char global[SP_SIGNATURE_BYTES])
{
    unsigned char hash[crypto_generichash_BYTES_MAX];
    crypto_generichash(hash, sizeof(hash), body, len, NULL, 0);
    memcpy(sig->alg, ALG_PREHASHED, 2);
    memcpy(sig->keyid, rec->keyid, sizeof(sig->keyid));
    if (crypto_sign_detached(sig->sig, NULL, hash, sizeof(hash), rec->sk) != 0)
        return SP_ECRYPTO;
    size_t tlen = strlen(tc);
    unsigned char *msg = malloc(sizeof(sig->sig) + tlen);
    if (!msg)
        return SP_ENOMEM;
    memcpy(msg, sig->sig, sizeof(sig->sig));
    memcpy(msg + sizeof(sig->sig), tc, tlen);
    int rc = crypto_sign_detached(global, NULL, msg, sizeof(sig->sig) + tlen, rec->sk) == 0
                 ? 0
                 : SP_ECRYPTO;
    free(msg);
    return rc;
}

int sp_sign(const sp_seckey *key, const void *body, size_t len, const char *trusted_comment,
            const char *untrusted_comment, char **block, size_t *blocklen)
{
    *block = NULL;
    if (!untrusted_comment)
        untrusted_comment = DEFAULT_UNTRUSTED_COMMENT;
    if (key->locked || !trusted_comment || !comment_ok(trusted_comment, SP_TRUSTED_COMMENT_MAX) ||
        !comment_ok(untrusted_comment, SP_UNTRUSTED_COMMENT_MAX))
        return SP_EINVAL;
    sig_record sig;
    unsigned char global[SP_SIGNATURE_BYTES];
    int rc = make_signatures(rec_open(key), body, len, trusted_comment, &sig, global);
    rec_close(key);
    if (rc != 0)
        return rc;
    sp_buf b = {0};
    sp_buf_printf(&b, COMMENT_PREFIX "%s\n", untrusted_comment);
    put_base64_line(&b, &sig, sizeof(sig));
    sp_buf_printf(&b, TRUSTED_PREFIX "%s\n", trusted_comment);
    put_base64_line(&b, global, sizeof(global));
    if (b.failed) {
        sp_buf_free(&b);
        return SP_ENOMEM;
    }
    *block = b.data;
    *blocklen = b.len;
    return 0;
}

/* ---- Parsing and verifying ------------------------------------------------------------------- */

/* Decodes the signature line and checks its algorithm. */
static int parse_sig_line(const reader *r, const line *l, sp_sigblock *out)
{
    sig_record rec;
    /* TRANSLATORS: names the line in messages such as "%s is not valid base64". */
    if (decode_line(r, l, _("the signature"), &rec, sizeof(rec)) != 0)
        return -1;
    if (memcmp(rec.alg, ALG_PREHASHED, 2) == 0) {
        out->alg = SP_SIGALG_PREHASHED;
    } else if (memcmp(rec.alg, ALG_ED25519, 2) == 0) {
        out->alg = SP_SIGALG_LEGACY;
    } else {
        char alg[16];
        alg_text(rec.alg, alg);
        report(r, l->no, 1,
               _("the signature has the algorithm %s; expected 'ED' (Ed25519 over "
                 "BLAKE2b-512)"),
               alg);
        return -1;
    }
    memcpy(out->keyid, rec.keyid, sizeof(out->keyid));
    memcpy(out->sig, rec.sig, sizeof(out->sig));
    return 0;
}

int sp_sigblock_parse(const char *text, size_t len, const char *name, sp_diags *diags,
                      sp_sigblock *out)
{
    memset(out, 0, sizeof(*out));
    reader r = {text, len, 0, 0, name, diags};
    line l;
    if (take_line(&r, MISSING_COMMENT, &l) != 0 ||
        parse_comment(&r, &l, COMMENT_PREFIX, _("untrusted comment"), SP_UNTRUSTED_COMMENT_MAX,
                      out->untrusted_comment, NULL) != 0)
        return SP_EINPUT;
    if (take_line(&r, _("expected the signature (base64), found the end of the file"), &l) != 0 ||
        parse_sig_line(&r, &l, out) != 0)
        return SP_EINPUT;
    if (take_line(&r,
                  _("expected a line starting with 'trusted comment: ', found the end of the "
                    "file"),
                  &l) != 0 ||
        /* TRANSLATORS: the third line of a signature; names it in messages such as "the %s is
           not valid UTF-8". */
        parse_comment(&r, &l, TRUSTED_PREFIX, _("trusted comment"), SP_TRUSTED_COMMENT_MAX,
                      out->trusted_comment, &out->trusted_comment_len) != 0)
        return SP_EINPUT;
    if (take_line(&r, _("expected the global signature (base64), found the end of the file"), &l) !=
            0 ||
        /* TRANSLATORS: names the fourth line in messages such as "%s is not valid base64". */
        decode_line(&r, &l, _("the global signature"), out->global_sig, sizeof(out->global_sig)) !=
            0)
        return SP_EINPUT;
    if (expect_end(&r, _("unexpected data after the signature block; it has four lines")) != 0)
        return SP_EINPUT;
    return 0;
}

static bool global_sig_ok(const sp_pubkey *key, const sp_sigblock *sig)
{
    unsigned char msg[SP_SIGNATURE_BYTES + SP_TRUSTED_COMMENT_MAX];
    size_t tlen = sig->trusted_comment_len;
    if (tlen > SP_TRUSTED_COMMENT_MAX)
        return false;
    memcpy(msg, sig->sig, SP_SIGNATURE_BYTES);
    memcpy(msg + SP_SIGNATURE_BYTES, sig->trusted_comment, tlen);
    return crypto_sign_verify_detached(sig->global_sig, msg, SP_SIGNATURE_BYTES + tlen, key->pk) ==
           0;
}

sp_verify_result sp_verify(const sp_pubkey *key, const sp_sigblock *sig, const void *body,
                           size_t len)
{
    if (sig->alg != SP_SIGALG_PREHASHED)
        return SP_VERIFY_UNSUPPORTED;
    if (memcmp(sig->keyid, key->id, SP_KEYID_BYTES) != 0)
        return SP_VERIFY_KEY_MISMATCH;
    unsigned char hash[crypto_generichash_BYTES_MAX];
    crypto_generichash(hash, sizeof(hash), body, len, NULL, 0);
    if (crypto_sign_verify_detached(sig->sig, hash, sizeof(hash), key->pk) != 0)
        return SP_VERIFY_BAD_BODY;
    if (!global_sig_ok(key, sig))
        return SP_VERIFY_BAD_COMMENT;
    return SP_VERIFY_OK;
}

/* ---- Signed result files --------------------------------------------------------------------- */

/* Whether the n bytes at s start with the line SP_RESULT_MAGIC. */
static bool starts_with_magic(const char *s, size_t n)
{
    size_t m = PREFIX_LEN(SP_RESULT_MAGIC);
    return n > m && memcmp(s, SP_RESULT_MAGIC, m) == 0 && s[m] == '\n';
}

int sp_signed_split(const char *buf, size_t len, const char *name, sp_diags *diags,
                    size_t *block_len)
{
    reader r = {buf, len, 0, 0, name, diags};
    if (starts_with_magic(buf, len)) {
        report(&r, 1, 1,
               _("the result is not signed: it starts with its body ('%s') instead of "
                 "a signature block"),
               SP_RESULT_MAGIC);
        return SP_EINPUT;
    }
    size_t pos = 0;
    for (int lines = 0; lines < 4; lines++) {
        const char *nl = pos < len ? memchr(buf + pos, '\n', len - pos) : NULL;
        if (!nl) {
            report(&r, (uint32_t)lines + 1, 1,
                   P_("the file ends after %d complete line; a signed result starts with a "
                      "four-line signature block",
                      "the file ends after %d complete lines; a signed result starts with a "
                      "four-line signature block",
                      (unsigned long)lines),
                   lines);
            return SP_EINPUT;
        }
        pos = (size_t)(nl - buf) + 1;
    }
    if (!starts_with_magic(buf + pos, len - pos)) {
        report(&r, 5, 1, _("expected the body of a result, a line '%s', after the signature block"),
               SP_RESULT_MAGIC);
        return SP_EINPUT;
    }
    *block_len = pos;
    return 0;
}

int sp_signed_parse(const char *buf, size_t len, const char *name, sp_diags *diags,
                    sp_sigblock *sig, const char **body, size_t *body_len)
{
    size_t block_len;
    int rc = sp_signed_split(buf, len, name, diags, &block_len);
    if (rc == 0)
        rc = sp_sigblock_parse(buf, block_len, name, diags, sig);
    if (rc != 0)
        return rc;
    *body = buf + block_len;
    *body_len = len - block_len;
    return 0;
}
