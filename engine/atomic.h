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

/* Creates path, which must not exist, with O_CREAT|O_EXCL|O_NOFOLLOW: an existing file or a
 * symbolic link (even a dangling one) at path gives SP_EEXIST and is left alone. For files that
 * must never be overwritten by accident, such as secret keys. A file left incomplete by a write
 * error is removed. */
int sp_write_new(const char *path, const void *data, size_t len, mode_t mode) SP_NODISCARD;

#endif
