/* signpost: keys and signatures in minisign's own formats.
 *
 * A result signed by signpost verifies with the stock minisign tool, and a key made by
 * `minisign -G` signs results for signpost. Everything here follows minisign 0.11:
 *
 *   public key file   "untrusted comment: ...\n" + base64("Ed" || key id(8) || Ed25519 pk(32))
 *   secret key file   "untrusted comment: ...\n" + base64 of 158 bytes: "Ed", the key derivation
 *                     ("Sc" scrypt, or 0x0000 for an unencrypted key), "B2", salt(32), opslimit
 *                     and memlimit (little-endian u64), then key id(8) || sk(64) || checksum(32),
 *                     XORed with the scrypt output when encrypted; checksum = BLAKE2b-256("Ed" ||
 *                     key id || sk)
 *   signature block   four lines: "untrusted comment: ...", base64("ED" || key id || sig),
 *                     "trusted comment: ...", base64(global sig), each ending in "\n"; sig is
 *                     Ed25519 over BLAKE2b-512(body), global sig is Ed25519 over sig || the
 *                     trusted comment (without its prefix and newline)
 *
 * A signed result file is a signature block followed by the body, byte for byte.
 *
 * The module never prints, reads standard input or exits. Errors are SP_E* codes; problems with
 * the content of a key or signature are also reported as diagnostics (file, line, column,
 * message) when the caller passes an sp_diags list (NULL is allowed everywhere: then only the
 * code is returned). The `name` parameters are only used in diagnostics: a path, or a label such
 * as "-P" for a key given on the command line.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_SIGN_H
#define SIGNPOST_SIGN_H

#include "core.h"
#include "diag.h"

#define SP_KEYID_BYTES     8
#define SP_PUBKEY_BYTES    32
#define SP_SIGNATURE_BYTES 64
/* The key id as text: 16 uppercase hex digits and a NUL. */
#define SP_KEYID_HEX_SIZE 17
/* A public key as bare base64 (what `minisign -P` takes): 56 characters and a NUL. */
#define SP_PUBKEY_BASE64_SIZE 57

/* The longest trusted comment signpost signs or accepts, in bytes. */
#define SP_TRUSTED_COMMENT_MAX 1024
/* The longest untrusted comment signpost writes or accepts, in bytes. minisign reads the
 * comment line into a 1024-byte buffer, so a longer line would break its parser. */
#define SP_UNTRUSTED_COMMENT_MAX 1000
/* The longest passphrase accepted, in bytes (minisign's own limit). */
#define SP_PASSPHRASE_MAX 1023

/* The scrypt limits signpost writes into an encrypted secret key: opslimit 2^23 and memlimit
 * 2^28 give libsodium's parameters N = 2^18, r = 8, p = 1, i.e. 256 MiB of memory and a quarter
 * of the work of minisign's default (OPSLIMIT/MEMLIMIT_SENSITIVE: N = 2^20, 1 GiB). Measured on
 * one server core: 0.9 s to open a signpost key, 3.4 s for a minisign one. A proctor signing a
 * class's results opens the key often, and a machine with little memory can still do it, while
 * each passphrase guess still costs an attacker 256 MiB. (2^24 operations with 256 MiB, as
 * suggested at first, would only give p = 2: twice the time, no more memory.) */
#define SP_KDF_OPSLIMIT_DEFAULT (UINT64_C(1) << 23)
#define SP_KDF_MEMLIMIT_DEFAULT (UINT64_C(1) << 28)
/* The highest limits accepted when reading a key: minisign's own defaults (2^25 operations,
 * 1 GiB). A file asking for more is refused (SP_ELIMIT) before any memory is allocated, so that
 * a forged key cannot make signpost allocate terabytes or compute for hours. */
#define SP_KDF_OPSLIMIT_MAX (UINT64_C(1) << 25)
#define SP_KDF_MEMLIMIT_MAX (UINT64_C(1) << 30)

/* ---- Key ids --------------------------------------------------------------------------------- */

/* Writes the key id as minisign prints it: the 8 bytes read as a little-endian 64-bit number,
 * in uppercase hex, zero-padded to 16 digits (minisign itself does not pad). */
void sp_keyid_format(const unsigned char id[SP_KEYID_BYTES], char out[SP_KEYID_HEX_SIZE]);

/* ---- Public keys ----------------------------------------------------------------------------- */

typedef struct sp_pubkey {
    unsigned char id[SP_KEYID_BYTES];
    unsigned char pk[SP_PUBKEY_BYTES];
} sp_pubkey;

/* Parses the text of a public key file (len bytes; need not be NUL-terminated): exactly two
 * lines, each ending in "\n". Returns 0, or SP_EKEY with a diagnostic. */
int sp_pubkey_parse(const char *text, size_t len, const char *name, sp_diags *diags,
                    sp_pubkey *out) SP_NODISCARD;

/* Parses a bare base64 key, as given to `minisign -P` (no newline). Returns 0 or SP_EKEY. */
int sp_pubkey_parse_base64(const char *b64, size_t len, const char *name, sp_diags *diags,
                           sp_pubkey *out) SP_NODISCARD;

/* Reads and parses a public key file. Only a regular file is read, and opening it never blocks
 * (a FIFO, a socket, a device or a folder gives SP_EIO with errno EINVAL or EISDIR). Returns 0,
 * SP_EIO (errno set; no diagnostic), SP_ELIMIT (larger than any key file), SP_ENOMEM or
 * SP_EKEY. */
int sp_pubkey_load(const char *path, sp_diags *diags, sp_pubkey *out) SP_NODISCARD;

/* Writes the bare base64 of the key (56 characters) and a NUL into out. */
void sp_pubkey_base64(const sp_pubkey *key, char out[SP_PUBKEY_BASE64_SIZE]);

/* Formats a public key file: "untrusted comment: signpost public key KEYID\n" and the base64
 * line. Returns 0 and a malloc'd NUL-terminated text (caller frees; *len without the NUL), or
 * SP_ENOMEM. */
int sp_pubkey_format(const sp_pubkey *key, char **text, size_t *len) SP_NODISCARD;

/* Writes a public key file atomically (see sp_write_atomic), with mode 0666 less the umask (0644
 * under the usual umask 022): an existing file at path is replaced. Returns 0, SP_EIO (errno
 * set) or SP_ENOMEM. */
int sp_pubkey_save(const sp_pubkey *key, const char *path) SP_NODISCARD;

/* ---- Secret keys ----------------------------------------------------------------------------- */

/* A secret key. Its secret bytes live in sodium_malloc memory (guard pages, locked in RAM when
 * the system allows, no access while idle) and are wiped by sp_seckey_free. A key loaded from an
 * encrypted file starts locked: sp_seckey_decrypt opens it. */
typedef struct sp_seckey sp_seckey;

/* Makes a new key pair with a random key id. Returns 0 and the key in *out (free it with
 * sp_seckey_free), SP_ENOMEM or SP_ECRYPTO. */
int sp_seckey_generate(sp_seckey **out) SP_NODISCARD;

/* Parses the text of a secret key file. Checks the algorithms, the lengths and the scrypt
 * limits (SP_KDF_*_MAX), but runs no key derivation: an encrypted key comes back locked. An
 * unencrypted key is checked at once (checksum unless zero, as `minisign -G -W` writes it, and
 * the public half of sk against its seed). Returns 0 and the key in *out (caller frees), SP_EKEY
 * or SP_ELIMIT with a diagnostic, or SP_ENOMEM. The caller should wipe text afterwards. */
int sp_seckey_parse(const char *text, size_t len, const char *name, sp_diags *diags,
                    sp_seckey **out) SP_NODISCARD;

/* Reads a secret key file (at most 8 KiB, through a wiped buffer) and parses it. Only a regular
 * file is read, as sp_pubkey_load does. Returns as sp_seckey_parse, or SP_EIO (errno set; no
 * diagnostic). */
int sp_seckey_load(const char *path, sp_diags *diags, sp_seckey **out) SP_NODISCARD;

/* True while the key is encrypted and needs sp_seckey_decrypt before use. */
bool sp_seckey_locked(const sp_seckey *key);

/* True when the key came from an encrypted file. */
bool sp_seckey_was_encrypted(const sp_seckey *key);

/* Derives the scrypt key from the passphrase (passlen bytes; not copied, not kept) with the
 * limits stored in the file, decrypts the key and checks its checksum. Returns 0 (also when the
 * key was not locked), SP_EKEY when the checksum does not match (a wrong passphrase, or a damaged
 * file: they cannot be told apart), SP_ELIMIT for a passphrase over SP_PASSPHRASE_MAX, or
 * SP_ENOMEM when scrypt cannot get its memory. The key stays locked on failure. */
int sp_seckey_decrypt(sp_seckey *key, const char *pass, size_t passlen) SP_NODISCARD;

/* The public half of an unlocked key. Returns 0, or SP_EINVAL when the key is locked. */
int sp_seckey_pubkey(const sp_seckey *key, sp_pubkey *out) SP_NODISCARD;

/* How to write a secret key file. A zeroed struct means: unencrypted, default comment, signpost's
 * default scrypt limits, never overwrite. */
typedef struct sp_seckey_opts {
    const char *passphrase; /* NULL: store the key unencrypted (like `minisign -W`) */
    size_t passphrase_len;  /* in bytes; 1..SP_PASSPHRASE_MAX when passphrase is set */
    uint64_t opslimit;      /* 0: SP_KDF_OPSLIMIT_DEFAULT; at most SP_KDF_OPSLIMIT_MAX */
    uint64_t memlimit;      /* 0: SP_KDF_MEMLIMIT_DEFAULT; at most SP_KDF_MEMLIMIT_MAX */
    bool force;             /* sp_seckey_save: replace an existing file */
} sp_seckey_opts;

/* Formats a secret key file. An encrypted key gets a fresh random salt and the given limits;
 * an unencrypted one gets zero salt and limits and its checksum in clear. Returns 0 and the text
 * in *text (*len bytes, NUL-terminated) in sodium_malloc memory: free it with
 * sp_seckey_text_free. Returns SP_EINVAL (locked key, empty or over-long passphrase, limits over
 * the maxima), SP_ENOMEM or SP_ECRYPTO. */
int sp_seckey_format(const sp_seckey *key, const sp_seckey_opts *opts, char **text,
                     size_t *len) SP_NODISCARD;

/* Wipes and frees a text from sp_seckey_format. NULL is a no-op. */
void sp_seckey_text_free(char *text);

/* Writes a secret key file with mode 0600 whatever the umask. It is written fully to a
 * temporary file in the same folder and fsynced, as is the folder. Without opts->force it is
 * then linked to path, which never replaces nor follows: an existing file or a symbolic link at
 * path gives SP_EEXIST, and an interrupted save never leaves a partial key under path. With
 * force it is renamed over the old one (a symbolic link at path is still refused: SP_EEXIST with
 * errno ELOOP). Returns 0, SP_EEXIST, SP_EIO (errno set), or the errors of sp_seckey_format. */
int sp_seckey_save(const sp_seckey *key, const char *path, const sp_seckey_opts *opts) SP_NODISCARD;

/* Wipes and frees the key. NULL is a no-op. */
void sp_seckey_free(sp_seckey *key);

/* Signs msg (len bytes) with plain Ed25519 (no prehash, no minisign framing), for formats that
 * define their own signing input, such as an eddsa-jcs-2022 proof (badge.h). Returns 0 and the
 * signature in sig, or SP_EINVAL (a locked key) or SP_ECRYPTO. */
int sp_seckey_sign_raw(const sp_seckey *key, const void *msg, size_t len,
                       unsigned char sig[SP_SIGNATURE_BYTES]) SP_NODISCARD;

/* ---- Signatures ------------------------------------------------------------------------------ */

typedef enum sp_sigalg {
    SP_SIGALG_PREHASHED, /* "ED": Ed25519 over BLAKE2b-512 of the body; what signpost writes */
    SP_SIGALG_LEGACY,    /* "Ed": Ed25519 over the body itself; parsed, but not accepted */
} sp_sigalg;

/* A parsed signature block. Self-contained: no pointers, nothing to free. */
typedef struct sp_sigblock {
    sp_sigalg alg;
    unsigned char keyid[SP_KEYID_BYTES];
    unsigned char sig[SP_SIGNATURE_BYTES];
    unsigned char global_sig[SP_SIGNATURE_BYTES];
    char untrusted_comment[SP_UNTRUSTED_COMMENT_MAX + 1]; /* NUL-terminated, without prefix */
    char trusted_comment[SP_TRUSTED_COMMENT_MAX + 1];     /* NUL-terminated, without prefix */
    size_t trusted_comment_len;
} sp_sigblock;

/* Signs body (len bytes) and makes the four-line signature block. The trusted comment is
 * required and must be valid UTF-8 without control characters (tab included) or bidirectional
 * controls, without leading or trailing white space, at most SP_TRUSTED_COMMENT_MAX bytes; the
 * untrusted comment obeys the same rules with SP_UNTRUSTED_COMMENT_MAX, and NULL gives "signature
 * from signpost secret key". Returns 0 and a malloc'd NUL-terminated block (caller frees;
 * *blocklen without the NUL), SP_EINVAL (locked key, or a comment breaking the rules), SP_ENOMEM
 * or SP_ECRYPTO. */
int sp_sign(const sp_seckey *key, const void *body, size_t len, const char *trusted_comment,
            const char *untrusted_comment, char **block, size_t *blocklen) SP_NODISCARD;

/* Parses a signature block: exactly four lines, each ending in "\n" (a CR LF ending is an error
 * that says so), nothing after them. Base64 must be canonical (standard alphabet, padding) and
 * decode to exactly the expected length. Comments must be valid UTF-8 without control characters
 * other than tab (minisign's default trusted comment has tabs) and within the maxima above.
 * Returns 0, or SP_EINPUT with a diagnostic naming the line. */
int sp_sigblock_parse(const char *text, size_t len, const char *name, sp_diags *diags,
                      sp_sigblock *out) SP_NODISCARD;

/* What verification found. Each failure is its own result so that the caller can say what
 * happened; only SP_VERIFY_OK means the body and the trusted comment are authentic. */
typedef enum sp_verify_result {
    SP_VERIFY_OK = 0,
    SP_VERIFY_UNSUPPORTED,  /* a legacy "Ed" signature: signpost accepts only prehashed "ED" */
    SP_VERIFY_KEY_MISMATCH, /* signed by another key: sig->keyid says which */
    SP_VERIFY_BAD_BODY,     /* the signature does not match the body: altered after signing */
    SP_VERIFY_BAD_COMMENT,  /* the global signature does not match: the trusted comment was
                               altered (or the global signature itself) */
} sp_verify_result;

/* Verifies a parsed block against a public key and the body bytes. The checks run in the order
 * of the enum, and the first failure is returned. */
sp_verify_result sp_verify(const sp_pubkey *key, const sp_sigblock *sig, const void *body,
                           size_t len) SP_NODISCARD;

/* ---- Signed result files --------------------------------------------------------------------- */

/* Splits a signed result file: the block is its first four lines, the body everything after
 * them, byte-exact. Checks that the body starts with the line SP_RESULT_MAGIC. Returns 0 and the
 * length of the block in *block_len (the body starts there), or SP_EINPUT with a diagnostic (too
 * few lines; an unsigned result; a body that is not a result). */
int sp_signed_split(const char *buf, size_t len, const char *name, sp_diags *diags,
                    size_t *block_len) SP_NODISCARD;

/* sp_signed_split, then sp_sigblock_parse of the block. On success *body points into buf and
 * *body_len is its length. Returns 0 or SP_EINPUT with a diagnostic. */
int sp_signed_parse(const char *buf, size_t len, const char *name, sp_diags *diags,
                    sp_sigblock *sig, const char **body, size_t *body_len) SP_NODISCARD;

#endif
