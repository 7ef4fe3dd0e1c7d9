/* Fuzz target: signed result files (split into block and body) and signature blocks, then
 * verification against a fixed key. */
#include "fuzz.h"

#include <string.h>

#include "signpost/sign.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const sp_pubkey key = {{1, 2, 3, 4, 5, 6, 7, 8}, {9}};
    sp_diags *d = sp_diags_new();
    sp_sigblock sig;
    const char *body = NULL;
    size_t body_len = 0;
    int rc = sp_signed_parse((const char *)data, size, "fuzz.signpost", d, &sig, &body, &body_len);
    fuzz_check_failure(rc, d);
    if (rc == 0) {
        FUZZ_ASSERT(body >= (const char *)data && body + body_len == (const char *)data + size);
        /* A random signature never verifies against a key it was not made with. */
        FUZZ_ASSERT(sp_verify(&key, &sig, body, body_len) != SP_VERIFY_OK);
    }
    sp_diags_free(d);
    d = sp_diags_new();
    rc = sp_sigblock_parse((const char *)data, size, "fuzz.minisig", d, &sig);
    fuzz_check_failure(rc, d);
    if (rc == 0)
        FUZZ_ASSERT(strlen(sig.trusted_comment) == sig.trusted_comment_len);
    sp_diags_free(d);
    return 0;
}
