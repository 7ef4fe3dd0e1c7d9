/* Internal: what a loaded document and a quiz are made of, for the modules that build them
 * without parsing YAML (the compiled quiz cache, cache.c). */
#ifndef SP_DOCINT_H
#define SP_DOCINT_H

#include "base/arena.h"
#include "signpost/load.h"

/* One loaded file: its model lives in arena, and is freed with the document. */
struct sp_document {
    sp_arena arena;
    sp_doc_kind kind;
    union {
        sp_directions directions;
        sp_bank bank;
        sp_manifest manifest;
    } u;
};

#include "base/idmap.h"

/* A manifest with its directions and banks (load.h). */
struct sp_quiz {
    sp_document *manifest;
    sp_document *directions;
    sp_document **banks;
    size_t nbanks;
    sp_idmap ids; /* question id -> const sp_question * */
    void *store;  /* read from the quiz cache: the file's bytes its strings point into; else NULL */
    size_t store_len; /* their size (qcache_release) */
    bool no_texts;    /* read from a cache file for replay: every text is empty */
};

/* Makes a quiz of documents already loaded and checked: the manifest, its directions and its
 * nbanks banks, in the manifest's order. Takes ownership of every document and of the banks
 * array (malloc'd), also on failure. Indexes the questions by id; a second use of an id fails
 * with SP_EINPUT (no diagnostic: the caller then loads the quiz from its files). Returns 0 and
 * sets *out, SP_EINPUT or SP_ENOMEM. */
int quiz_assemble(sp_document *manifest, sp_document *directions, sp_document **banks,
                  size_t nbanks, sp_quiz **out);

/* Loads the quiz at path from its files, never from the cache (sp_quiz_load without it). */
int quiz_parse_files(const char *path, sp_diags *diags, sp_quiz **out);

#endif
