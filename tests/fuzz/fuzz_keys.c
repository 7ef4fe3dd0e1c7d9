/* Fuzz target: public key files, bare base64 public keys and secret key files. Encrypted
 * secret keys are parsed but not decrypted: scrypt would make each run take seconds, and its
 * limits are checked (and bounded) before any work. */
#include "fuzz.h"

#include "signpost/sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sp_diags *d = sp_diags_new();
    sp_pubkey pk;
    int rc = sp_pubkey_parse((const char *)data, size, "fuzz.pub", d, &pk);
    fuzz_check_failure(rc, d);
    rc = sp_pubkey_parse_base64((const char *)data, size, "-P", d, &pk);
    fuzz_check_failure(rc, d);
    sp_diags_free(d);
    d = sp_diags_new();
    sp_seckey *sk = NULL;
    rc = sp_seckey_parse((const char *)data, size, "fuzz.key", d, &sk);
    fuzz_check_failure(rc, d);
    FUZZ_ASSERT((rc == 0) == (sk != NULL));
    if (sk && !sp_seckey_locked(sk))
        FUZZ_ASSERT(sp_seckey_pubkey(sk, &pk) == 0);
    sp_seckey_free(sk);
    sp_diags_free(d);
    return 0;
}
