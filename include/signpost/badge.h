/* signpost: a result as an Open Badges 3.0 credential (a W3C Verifiable Credential 2.0).
 *
 * `signpost export --badge` turns a signed result into an OpenBadgeCredential: the issuer is
 * the did:key of the key that signed the result, the subject's achievement is "signpost
 * placement: DIRECTION" with each direction's fit and the level as results, and the signed
 * result itself rides along as evidence (a data: URL holding the .signpost file in base64),
 * so that a verifier that knows signpost can replay it. The credential is secured by a
 * DataIntegrityProof with the cryptosuite eddsa-jcs-2022 (W3C vc-di-eddsa): Ed25519 over
 * SHA-256 of the RFC 8785 canonical JSON of the proof configuration and of the credential
 * (docs/badges.md).
 *
 * `signpost verify` checks such a file with sp_badge_verify: JSON (no duplicate keys), the
 * shape signpost writes, the proof, then the evidence as a result file (verify.h), that the
 * same key signed both, and that the credential's claims are the ones the result makes.
 *
 * Nothing here prints. Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_BADGE_H
#define SIGNPOST_BADGE_H

#include "result.h"
#include "verify.h"

/* Most bytes of a badge file: the base64 of the largest signed result, and room around it. */
#define SP_BADGE_MAX_SIZE ((SP_LIMIT_RESULT_SIZE + 8192) / 3 * 4 + 65536)

/* The longest issuer name and URL accepted, in bytes. */
#define SP_BADGE_ISSUER_MAX 200

/* What to put in a badge besides the result. */
typedef struct sp_badge_opts {
    const char *issuer_name; /* the issuer Profile's name; NULL: "signpost" */
    const char *issuer_url;  /* its url (http:// or https://), or NULL for none */
    int64_t now;             /* the time of issue: validFrom and the proof's created */
} sp_badge_opts;

/* The rules for the issuer's name and URL, which sp_badge_make applies: a name is what
 * sp_name_check accepts, at most SP_BADGE_ISSUER_MAX bytes; a URL starts with http:// or
 * https://, is at most SP_BADGE_ISSUER_MAX bytes, and holds no space, control character, '"',
 * '<' or '>'. */
bool sp_badge_name_ok(const char *name);
bool sp_badge_url_ok(const char *url);

/* Builds the OpenBadgeCredential of a signed result and signs it. signed_result is the whole
 * signed file (len bytes), r its parsed body, which the caller has verified; key must be
 * unlocked and be the key that signed the result. Returns 0 and a malloc'd NUL-terminated JSON
 * text ending in a newline in *out (*outlen bytes without the NUL; caller frees), SP_EINVAL (a
 * locked key, an issuer name that is not one line of printable text of at most
 * SP_BADGE_ISSUER_MAX bytes, an issuer URL that is not http(s) without spaces), SP_ENOMEM or
 * SP_ECRYPTO. */
int sp_badge_make(const char *signed_result, size_t len, const sp_result *r, const sp_seckey *key,
                  const sp_badge_opts *opts, char **out, size_t *outlen) SP_NODISCARD;

/* True when the first byte of buf (len bytes) that is not white space is '{': a JSON
 * credential, not a result file. */
bool sp_badge_looks_like(const char *buf, size_t len);

/* What is wrong with a badge, in the order checked. */
typedef enum sp_badge_problem {
    SP_BADGE_OK,
    SP_BADGE_JSON,      /* not JSON (or duplicate keys, too deep, too large): see pos */
    SP_BADGE_SHAPE,     /* not an OpenBadgeCredential as signpost makes them */
    SP_BADGE_PROOF,     /* the proof's fields are missing or wrong */
    SP_BADGE_SIGNATURE, /* the proof's signature does not hold: the credential was changed */
    SP_BADGE_EVIDENCE,  /* the evidence holds no readable signed result */
    SP_BADGE_RESULT,    /* the result in the evidence fails its own verification (see result) */
    SP_BADGE_CLAIMS,    /* the credential's signer or claims are not the result's */
} sp_badge_problem;

/* The report on one badge. Release what it owns with sp_badge_report_clear. */
typedef struct sp_badge_report {
    sp_badge_problem problem;
    sp_pos pos;      /* where the JSON is malformed (SP_BADGE_JSON); line 0 otherwise */
    char why[400];   /* what is wrong, translated; "" for SP_BADGE_OK */
    char issuer[64]; /* the issuer's did:key when the proof holds, else "" */
    bool has_result; /* result holds the verification of the evidence's result */
    sp_verify_report result;
    sp_trust trust; /* FAILED for any problem; else the result's (the same key signed both) */
    bool accepted;  /* trust is TRUSTED or YOURS */
} sp_badge_report;

/* Verifies a badge: buf holds its len bytes (name is used in messages). The result in its
 * evidence is verified with opts, as sp_verify_file does; the report borrows from opts, which
 * must outlive it. Returns 0 (see out->problem and out->trust) or SP_ENOMEM. */
int sp_badge_verify(const char *name, const char *buf, size_t len, const sp_verify_opts *opts,
                    sp_badge_report *out) SP_NODISCARD;

/* Frees what the report owns. */
void sp_badge_report_clear(sp_badge_report *rep);

/* "ok", "json", "shape", "proof", "signature", "evidence", "result", "claims". */
const char *sp_badge_problem_name(sp_badge_problem p);

#endif
