/* Fuzz target: the reader of compiled quiz cache files (qcache_decode, engine/bank/cache.c). The
 * first byte chooses how the rest is used: as a whole cache file (even), or as the payload of a
 * file given a valid header and checksum (odd), so that the fuzzer reaches the checks beyond the
 * checksum, which a hostile file of the user's own could pass; its bit 1 makes that header one of
 * a file for replay (texts left out). The seeds are the payload of the
 * tiny test quiz, and its whole file (made by running signpost with XDG_CACHE_HOME set, then
 * prefixing the byte 1 to the file without its 88-byte header, or 0 to the whole file). */
#include <string.h>

#include "fuzz.h"

#include "bank/cache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    bool framed = data[0] & 1;
    qcache_kind kind = data[0] & 2 ? QCACHE_REPLAY : QCACHE_FULL;
    data++;
    size--;
    size_t len = framed ? QCACHE_HEADER + size : size;
    unsigned char *buf = malloc(len ? len : 1);
    if (!buf)
        return 0;
    if (framed) {
        qcache_header(buf, kind, size);
        memcpy(buf + QCACHE_HEADER, data, size);
        qcache_seal(buf, len);
    } else if (size) {
        memcpy(buf, data, size);
    }
    sp_quiz *quiz = NULL;
    int rc = qcache_decode(buf, len, &quiz);
    FUZZ_ASSERT(rc == 0 || rc == SP_EINPUT || rc == SP_ENOMEM);
    FUZZ_ASSERT((rc == 0) == (quiz != NULL));
    if (quiz) {
        /* What the rest of signpost relies on: every question found by its id. */
        for (size_t b = 0; b < sp_quiz_bank_count(quiz); b++) {
            const sp_bank *bank = sp_quiz_bank(quiz, b);
            for (size_t i = 0; i < bank->nquestions; i++)
                FUZZ_ASSERT(sp_quiz_question(quiz, bank->questions[i].id) == &bank->questions[i]);
        }
    }
    sp_quiz_free(quiz);
    free(buf);
    return 0;
}
