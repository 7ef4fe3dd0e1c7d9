/* Internal: writing files so that a crash never leaves a half-written one.
 *
 * Both functions write every byte (looping on short writes and EINTR), fsync the file, close it
 * (checking the result), and fsync the folder, so that once they return 0 the file and its name
 * are on disk. The mode is applied with fchmod, so it holds whatever the umask. The folder must
 * exist; neither function creates folders. On failure they return SP_EIO with errno set (or
 * SP_ENOMEM, or SP_EEXIST as said below), and leave no temporary or partial file behind. */
#ifndef SP_ATOMIC_H
#define SP_ATOMIC_H

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

#endif
