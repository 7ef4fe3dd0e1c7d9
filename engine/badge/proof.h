/* Data Integrity proofs with the cryptosuite eddsa-jcs-2022 (W3C vc-di-eddsa, section 3.3),
 * over jansson values:
 *
 *   proof config  the proof without proofValue, with the document's "@context"
 *   hashData      SHA-256(JCS(proof config)) || SHA-256(JCS(document without proof))
 *   proofValue    "z" + base58btc(Ed25519(hashData))
 *
 * Internal to the library. Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SP_BADGE_PROOF_H
#define SP_BADGE_PROOF_H

#include <jansson.h>

#include "signpost/sign.h"

/* hashData for a document without its proof (unsecured) and a proof configuration (config,
 * without proofValue). Returns 0, or the errors of sp_jcs_serialize. */
int sp_proof_hash(const json_t *unsecured, const json_t *config,
                  unsigned char out[64]) SP_NODISCARD;

/* Signs doc (which must not hold "proof" yet) with key: adds a "proof" member of type
 * DataIntegrityProof, cryptosuite eddsa-jcs-2022, the given created time, the verification
 * method DIDKEY#FRAGMENT of the key, proofPurpose assertionMethod, doc's "@context" and the
 * proofValue. Returns 0, SP_EINVAL (a locked key, no @context), SP_ENOMEM or SP_ECRYPTO. */
int sp_proof_add(json_t *doc, const sp_seckey *key, const char *created) SP_NODISCARD;

/* Checks the proof of doc: a "proof" object with exactly the members sp_proof_add writes, each
 * with the value that suite and purpose require, a created time, an "@context" equal to doc's,
 * a verificationMethod that is a did:key with its own key as fragment, a proofValue that decodes
 * to 64 bytes; then the signature. Returns 0 and the signer's key in pk; SP_EINPUT when a field
 * is wrong (why says which, in English); SP_ESIG when the signature does not hold (the document
 * or the proof was changed); SP_ENOMEM. */
int sp_proof_check(const json_t *doc, unsigned char pk[32], char *why, size_t whysize) SP_NODISCARD;

#endif
