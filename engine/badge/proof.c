/* eddsa-jcs-2022 proofs (proof.h). */
#include "proof.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base58.h"
#include "jcs.h"

#define PROOF_TYPE  "DataIntegrityProof"
#define CRYPTOSUITE "eddsa-jcs-2022"
#define PURPOSE     "assertionMethod"

/* SHA-256 of the canonical form of v. */
static int jcs_sha256(const json_t *v, unsigned char out[32])
{
    char *text;
    size_t len;
    int rc = sp_jcs_serialize(v, &text, &len);
    if (rc != 0)
        return rc;
    crypto_hash_sha256(out, (const unsigned char *)text, len);
    free(text);
    return 0;
}

int sp_proof_hash(const json_t *unsecured, const json_t *config, unsigned char out[64])
{
    int rc = jcs_sha256(config, out);
    return rc != 0 ? rc : jcs_sha256(unsecured, out + 32);
}

/* The proof configuration: type, cryptosuite, created, verificationMethod, proofPurpose and
 * the document's @context. NULL when out of memory. */
static json_t *make_config(const json_t *ctx, const char *created, const char *vm)
{
    json_t *c = json_pack("{s:s, s:s, s:s, s:s, s:s, s:O}", "type", PROOF_TYPE, "cryptosuite",
                          CRYPTOSUITE, "created", created, "verificationMethod", vm, "proofPurpose",
                          PURPOSE, "@context", ctx);
    return c;
}

/* "z" + base58btc of the signature over hashData. */
static int sign_hash(const sp_seckey *key, const unsigned char hash[64], char out[100])
{
    unsigned char sig[SP_SIGNATURE_BYTES];
    int rc = sp_seckey_sign_raw(key, hash, 64, sig);
    if (rc != 0)
        return rc;
    out[0] = 'z';
    return sp_base58_encode(sig, sizeof(sig), out + 1, 99) ? 0 : SP_EINVAL;
}

int sp_proof_add(json_t *doc, const sp_seckey *key, const char *created)
{
    sp_pubkey pub;
    const json_t *ctx = json_object_get(doc, "@context");
    if (!ctx || json_object_get(doc, "proof") || sp_seckey_pubkey(key, &pub) != 0)
        return SP_EINVAL;
    char did[SP_DIDKEY_SIZE], vm[2 * SP_DIDKEY_SIZE], value[100];
    sp_didkey_format(pub.pk, did);
    snprintf(vm, sizeof(vm), "%s#%s", did, did + 8);
    json_t *config = make_config(ctx, created, vm);
    if (!config)
        return SP_ENOMEM;
    unsigned char hash[64];
    int rc = sp_proof_hash(doc, config, hash);
    if (rc == 0)
        rc = sign_hash(key, hash, value);
    if (rc == 0 && json_object_set_new(config, "proofValue", json_string(value)) != 0)
        rc = SP_ENOMEM;
    if (rc == 0 && json_object_set(doc, "proof", config) != 0)
        rc = SP_ENOMEM;
    json_decref(config);
    return rc;
}

/* ---- Checking ---------------------------------------------------------------------------- */

static int fail(char *why, size_t whysize, const char *fmt, ...) SP_PRINTF(3, 4);
static int fail(char *why, size_t whysize, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, whysize, fmt, ap);
    va_end(ap);
    return SP_EINPUT;
}

/* The string member key of o, or NULL when it is missing or not a string. */
static const char *str_member(const json_t *o, const char *key)
{
    return json_string_value(json_object_get(o, key));
}

/* The members a proof must have, each a string with the value given (NULL: any). */
static int check_members(const json_t *proof, char *why, size_t whysize)
{
    static const struct {
        const char *key, *value;
    } want[] = {{"type", PROOF_TYPE},         {"cryptosuite", CRYPTOSUITE}, {"created", NULL},
                {"verificationMethod", NULL}, {"proofPurpose", PURPOSE},    {"proofValue", NULL}};
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)proof, key, v)
    {
        bool known = strcmp(key, "@context") == 0;
        for (size_t i = 0; i < SP_ARRAY_LEN(want); i++)
            known |= strcmp(key, want[i].key) == 0;
        if (!known)
            return fail(why, whysize,
                        _("the proof has a member \"%s\" that eddsa-jcs-2022 "
                          "proofs made by signpost do not have"),
                        key);
    }
    for (size_t i = 0; i < SP_ARRAY_LEN(want); i++) {
        const char *s = str_member(proof, want[i].key);
        if (!s)
            return fail(why, whysize, _("the proof has no string \"%s\""), want[i].key);
        if (want[i].value && strcmp(s, want[i].value) != 0) {
            return fail(why, whysize, _("the proof's \"%s\" is \"%.80s\", expected \"%s\""),
                        want[i].key, s, want[i].value);
        }
    }
    return 0;
}

/* verificationMethod: "did:key:z6Mk...#z6Mk...", the fragment being the key's own. */
static int check_method(const char *vm, unsigned char pk[32], char *why, size_t whysize)
{
    const char *hash = strchr(vm, '#');
    size_t didlen = hash ? (size_t)(hash - vm) : 0;
    if (!hash || !sp_didkey_parse(vm, didlen, pk) || strlen(hash + 1) != didlen - 8 ||
        memcmp(hash + 1, vm + 8, didlen - 8) != 0)
        return fail(why, whysize,
                    _("the proof's verificationMethod \"%.120s\" is not an Ed25519 did:key "
                      "followed by '#' and the same key"),
                    vm);
    return 0;
}

int sp_proof_check(const json_t *doc, unsigned char pk[32], char *why, size_t whysize)
{
    const json_t *proof = json_object_get(doc, "proof");
    if (!json_is_object(proof))
        return fail(why, whysize, "%s", _("the credential has no proof object"));
    int rc = check_members(proof, why, whysize);
    if (rc != 0)
        return rc;
    if (!json_equal(json_object_get(proof, "@context"), json_object_get(doc, "@context")))
        return fail(why, whysize, "%s",
                    _("the proof's @context is missing or differs from the credential's"));
    const char *created = str_member(proof, "created");
    int64_t t;
    size_t at;
    char twhy[8];
    if (sp_time_parse(created, strlen(created), &t, &at, twhy, sizeof(twhy)) != SP_TIME_OK)
        return fail(why, whysize, "%s",
                    _("the proof's created is not a time of the form YYYY-MM-DDTHH:MM:SSZ"));
    if ((rc = check_method(str_member(proof, "verificationMethod"), pk, why, whysize)) != 0)
        return rc;
    const char *value = str_member(proof, "proofValue");
    unsigned char sig[SP_SIGNATURE_BYTES];
    if (value[0] != 'z' || !sp_base58_decode(value + 1, strlen(value + 1), sig, sizeof(sig)))
        return fail(why, whysize, "%s",
                    _("the proofValue is not 'z' and the base58btc of 64 bytes"));
    json_t *config = json_deep_copy(proof), *unsecured = json_deep_copy(doc);
    unsigned char hash[64];
    rc = config && unsecured ? 0 : SP_ENOMEM;
    if (rc == 0) {
        json_object_del(config, "proofValue");
        json_object_del(unsecured, "proof");
        rc = sp_proof_hash(unsecured, config, hash);
    }
    if (rc == SP_ELIMIT)
        rc = fail(why, whysize, _("the credential is nested deeper than %d levels"),
                  SP_JCS_MAX_DEPTH);
    json_decref(config);
    json_decref(unsecured);
    if (rc == 0 && crypto_sign_verify_detached(sig, hash, sizeof(hash), pk) != 0) {
        fail(
            why, whysize, "%s",
            _("the proof's signature does not match the credential: it was changed after signing"));
        rc = SP_ESIG;
    }
    return rc;
}
