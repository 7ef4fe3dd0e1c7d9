/* Fuzz target: directions, bank and quiz files (sp_document_parse), checked against the shipped
 * directions so that direction ids are resolved too. */
#include "fuzz.h"

#include "signpost/load.h"

static const sp_directions *shipped_directions(void)
{
    static sp_document *doc;
    if (!doc) {
        sp_diags *d = sp_diags_new();
        if (sp_document_load(SP_QUIZ_DIR "/directions.yaml", NULL, d, &doc) != 0)
            abort();
        sp_diags_free(d);
    }
    return sp_document_directions(doc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* The first byte chooses whether to resolve directions, so both paths are explored. */
    const sp_directions *dirs = size > 0 && (data[0] & 1) ? shipped_directions() : NULL;
    sp_diags *d = sp_diags_new();
    sp_document *doc = NULL;
    int rc = sp_document_parse("fuzz.yaml", (const char *)data, size, dirs, d, &doc);
    FUZZ_ASSERT((rc == 0) == (doc != NULL));
    fuzz_check_failure(rc, d);
    sp_document_free(doc);
    sp_diags_free(d);
    return 0;
}
