/* Internal: the loaders of the three author formats, called once the format tag is known. */
#ifndef SP_LOADERS_H
#define SP_LOADERS_H

#include "bank/ld.h"

/* Streams the value of one root key; returns false when reading cannot go on. */
typedef bool (*ld_stream_fn)(ldctx *c, const ynode *key, void *arg);

/* Reads the rest of the root mapping. The value of each known key goes to found[] (found[0] is
 * the format tag, already read); unknown and duplicate keys are reported and skipped. The value
 * of names[stream] is handed to fn instead of being read (stream -1: none). Then checks that
 * the document ends. Returns false when reading cannot go on. */
bool ld_root(ldctx *c, const char *const *names, size_t n, const char *what, const ynode **found,
             int stream, ld_stream_fn fn, void *arg);

/* Each reads the rest of the root mapping after `signpost:` and fills *out from the model
 * arena. The result is only meaningful when !ld_failed(c). */
void ld_directions_body(ldctx *c, sp_pos root, const ynode *tag, sp_directions *out);
void ld_bank_body(ldctx *c, sp_pos root, const ynode *tag, sp_bank *out);
void ld_manifest_body(ldctx *c, sp_pos root, const ynode *tag, sp_manifest *out);

/* The kind of the file at path from its format tag alone (sp_doc_kind), or -1 when it has
 * none or cannot be read. Reads no further than the tag and reports nothing. */
int ld_sniff_kind(const char *path);

#endif
