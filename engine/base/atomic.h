/* Internal: writing files so that a crash never leaves a half-written one.
 *
 * Both functions write every byte (looping on short writes and EINTR), fsync the file, close it
 * (checking the result), and fsync the folder, so that once they return 0 the file and its name
 * are on disk. The mode is applied with fchmod, so it holds whatever the umask. The folder must
 * exist; neither function creates folders. On failure they return SP_EIO with errno set (or
 * SP_ENOMEM, or SP_EEXIST as said below), and leave no temporary or partial file behind.
 *
 * The mode is the caller's: sp_mode_umask(0666) (fileio.h) for a file that holds nothing
 * secret, so that the user's umask decides who may read it; 0600 for secrets. */
#ifndef SP_ATOMIC_H
#define SP_ATOMIC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "signpost/core.h"

/* Replaces path with the len bytes of data: they are written to a temporary file created with
 * O_EXCL in the same folder (named path + ".tmpXXXXXX", mode 0600 until complete), which is then
 * renamed over path. Readers see either the old file or the complete new one, never a mix. A
 * symbolic link at path is replaced by the file, not followed. */
int sp_write_atomic(const char *path, const void *data, size_t len, mode_t mode) SP_NODISCARD;

/* Creates path, which must not exist: the data are written to a temporary file in the same
 * folder as sp_write_atomic does, which is then linked to path (link(2)) and removed. link never
 * replaces and never follows, so an existing file or a symbolic link (even a dangling one) at
 * path gives SP_EEXIST and is left alone; and a crash at any moment leaves either no file at
 * path or the complete one, never a partial one under that name. For files that must never be
 * overwritten by accident, such as secret keys, and for results given a fresh name. */
int sp_write_new(const char *path, const void *data, size_t len, mode_t mode) SP_NODISCARD;

/* ---- Several files, all or nothing -------------------------------------------------------- */

/* A file written in full under a temporary name in its target's folder, then given its name
 * (committed), and taken back if a later file of the same set fails. keygen writes its two keys
 * so: both are written before either is named, and a pair is never left half made. */
typedef struct sp_staged {
    char *path; /* the final name (a copy) */
    char *tmp;  /* the temporary name: the new file, or after an exchange the old one */
    int state;  /* internal: staged, named new, exchanged, replaced */
} sp_staged;

/* Writes the len bytes of data to a temporary file beside path, as sp_write_atomic does (mode
 * applied with fchmod, fsynced), without naming it yet. Returns 0, or SP_EIO (errno set) or
 * SP_ENOMEM with nothing left behind and *s empty. */
int sp_stage(sp_staged *s, const char *path, const void *data, size_t len,
             mode_t mode) SP_NODISCARD;

/* Gives the staged file its name. Without replace, as sp_write_new: an existing file or link
 * at path gives SP_EEXIST. With replace, an existing file is exchanged with the new one
 * (renameat2 RENAME_EXCHANGE), so that sp_staged_undo can put it back; where the file system
 * cannot exchange, it is replaced by rename and cannot be put back. A folder at path is never
 * replaced (SP_EIO, errno EISDIR). Returns 0, SP_EEXIST or SP_EIO (errno set). */
int sp_staged_commit(sp_staged *s, bool replace) SP_NODISCARD;

/* Ends a successful set: removes the temporary name (and the old file it may hold) and fsyncs
 * the folder. Returns 0 or SP_EIO (errno set); *s is empty afterwards. */
int sp_staged_finish(sp_staged *s) SP_NODISCARD;

/* Ends a failed set: a committed file is taken back (removed, or the file it replaced put back
 * when it was exchanged), and the temporary file is removed. Returns false when a committed file
 * could not be taken back (it was replaced without an exchange, or the undo failed); *s is empty
 * afterwards. Harmless on an empty *s. */
bool sp_staged_abort(sp_staged *s);

#endif
