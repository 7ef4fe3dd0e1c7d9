/* Fuzz target: the fast reader of canonical result bodies against the libyaml reader. Every
 * input the fast reader accepts, the libyaml reader must accept too and read to the same values,
 * field by field (engine/result/body.h says why they cannot disagree); the fast reader must
 * never accept a body that sp_result_parse would then read differently. */
#include "fuzz.h"

#include "result/body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > SP_LIMIT_RESULT_SIZE)
        return 0;
    sp_result *fast = NULL, *slow = NULL;
    int rc = sp_result_parse_canonical((const char *)data, size, &fast);
    FUZZ_ASSERT(rc == 0 || rc == 1 || rc == SP_ENOMEM);
    FUZZ_ASSERT((rc == 1) == (fast != NULL));
    if (fast) {
        sp_diags *d = sp_diags_new();
        FUZZ_ASSERT(d);
        FUZZ_ASSERT(sp_result_parse_yaml("fuzz.signpost", (const char *)data, size, d, &slow) == 0);
        FUZZ_ASSERT(sp_result_equal(fast, slow));
        sp_diags_free(d);
    }
    sp_result_free(fast);
    sp_result_free(slow);
    return 0;
}
