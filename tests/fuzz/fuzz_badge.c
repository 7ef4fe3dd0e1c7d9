/* Fuzz target: badges (Open Badges 3.0 credentials, badge.h) through sp_badge_verify, with no
 * key and no quiz; and the JCS serializer on whatever JSON jansson accepts. A badge that fails
 * must say why; a random one never verifies. */
#include "fuzz.h"

#include <jansson.h>
#include <string.h>

#include "badge/jcs.h"
#include "signpost/badge.h"

/* Canonical JSON reads back as the same value, and canonicalising it again changes nothing. */
static void check_jcs(const uint8_t *data, size_t size)
{
    json_t *v =
        json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
    char *a = NULL, *b = NULL;
    size_t alen, blen;
    if (v && sp_jcs_serialize(v, &a, &alen) == 0) {
        json_t *w = json_loadb(a, alen, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL, NULL);
        FUZZ_ASSERT(w != NULL);
        FUZZ_ASSERT(sp_jcs_serialize(w, &b, &blen) == 0);
        FUZZ_ASSERT(blen == alen && memcmp(a, b, alen) == 0);
        json_decref(w);
    }
    free(a);
    free(b);
    json_decref(v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    sp_verify_opts opts = {0};
    sp_badge_report rep;
    if (sp_badge_verify("fuzz.json", (const char *)data, size, &opts, &rep) == 0) {
        FUZZ_ASSERT(!rep.accepted);
        FUZZ_ASSERT(rep.problem == SP_BADGE_OK || rep.why[0] != '\0');
        FUZZ_ASSERT(rep.problem != SP_BADGE_JSON || rep.pos.line >= 1);
        sp_badge_report_clear(&rep);
    }
    check_jcs(data, size);
    return 0;
}
