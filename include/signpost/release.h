/* signpost: the store of released quiz files, kept by content.
 *
 * A quiz folder (the one the shipped quizzes live in, or any folder of a quiz manifest) may hold
 * a folder SP_RELEASE_DIR, its store: every manifest, directions file and bank ever released
 * from that quiz folder, each as HEX.yaml, where HEX is the BLAKE2b-256 digest of the file's
 * bytes in 64 lowercase hex digits (the digest results record). tools/release.sh fills it. A
 * result taken with a version of a quiz that has changed since finds the files it was taken with
 * there by their digests, so that it can still be replayed exactly (docs/formats.md, "Released
 * versions"). Nothing is trusted by name: every file is checked by digest after it is read, and
 * a store file whose bytes do not hash to its name is ignored (with a diagnostic). A missing
 * store is an empty one. Files are read with sp_input_read, never blocking: a FIFO, a device or a
 * folder is refused unread.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_RELEASE_H
#define SIGNPOST_RELEASE_H

#include "load.h"

/* The name of the store folder inside a quiz folder. */
#define SP_RELEASE_DIR "released"

/* The digests of the files a quiz is made of (32 bytes each), as a result records them. */
typedef struct sp_quiz_digests {
    const unsigned char *manifest;
    const unsigned char *directions;
    const unsigned char *const *banks; /* nbanks digests, in the manifest's order */
    size_t nbanks;
} sp_quiz_digests;

/* Reads the file of the store folder store whose bytes have the given digest: store/HEX.yaml.
 * Returns 0 and fills *out (the caller frees out->name and out->data); SP_ENOTFOUND when the
 * store has no such file, or has one that cannot be read or whose bytes have another digest (it
 * is ignored, and a warning in diags says why); SP_ENOMEM. */
int sp_release_read(const char *store, const unsigned char digest[32], sp_diags *diags,
                    sp_quiz_file *out) SP_NODISCARD;

/* Loads the quiz made of exactly the files with the digests in want, from the quiz folder folder
 * and its store: the manifest is the store file with want->manifest; the directions file and
 * each bank are the file the manifest names, relative to folder, when its bytes have the wanted
 * digest, else the store file with that digest. The manifest must name want->nbanks banks.
 * Returns 0 and sets *out (free it with sp_quiz_free); SP_ENOTFOUND when the store has no such
 * manifest (nothing is said) or a file of the quiz is in neither place (an error in diags says
 * which); SP_EINPUT when the files found do not load together (see diags); SP_ENOMEM. */
int sp_release_load(const char *folder, const sp_quiz_digests *want, sp_diags *diags,
                    sp_quiz **out) SP_NODISCARD;

#endif
