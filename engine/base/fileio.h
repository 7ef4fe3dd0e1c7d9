/* Internal: opening the files signpost reads without ever blocking, and telling what a file is
 * before one is written: the same file as another, a key.
 *
 * Every file signpost reads from outside goes through sp_input_open: a FIFO that nothing
 * writes to would otherwise block open(2) for ever, a device can be endless or have side
 * effects when opened, and a folder or a socket is never what was meant. Every command checks
 * its outputs with sp_same_file and sp_key_file_kind before writing (cli/outputs.c). */
#ifndef SP_FILEIO_H
#define SP_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "signpost/core.h"

/* What sp_input_open accepts besides a regular file. */
enum {
    /* A pipe or FIFO (`check /dev/stdin`, `--passphrase-file <(pass show x)`): read until no
     * program has it open for writing. A FIFO that nothing writes to reads as empty, at once. */
    SP_INPUT_PIPE = 1,
    /* A symbolic link is refused too, not followed (ELOOP): for files of signpost's own folders,
     * such as journals, where a link is never one signpost made. */
    SP_INPUT_NOFOLLOW = 2,
};

/* Opens path for reading, never blocking: a device is refused by stat(2) before it is opened
 * (opening a terminal or a tape has effects); anything else is opened with O_NONBLOCK, so that
 * a FIFO without a writer cannot hang open(2), and checked with fstat(2). Only a regular file
 * (or a pipe, with SP_INPUT_PIPE) is kept; a folder, a socket, a device or a FIFO is closed
 * unread. The descriptor returned is in blocking mode again (reading a regular file never
 * waits; reading a pipe waits only while a program holds it open for writing) and close-on-exec.
 * Returns it, or -1 with errno set: for a file refused for its kind, EISDIR (a folder) or EINVAL
 * (anything else), and sp_input_strerror then says what it is. */
int sp_input_open(const char *path, unsigned flags);

/* Reads the whole file at path, opened as sp_input_open(path, flags) does, into a malloc'd
 * NUL-terminated buffer (*len bytes without the NUL; the caller frees it). A regular file larger
 * than max is refused by its size before a byte is read. Returns 0, SP_EIO (errno set as
 * sp_input_open sets it, or by read), SP_ELIMIT (more than max bytes) or SP_ENOMEM. */
int sp_input_read(const char *path, unsigned flags, size_t max, char **buf,
                  size_t *len) SP_NODISCARD;

/* Why path could not be read, errno err having been set by sp_input_open or sp_input_read, in
 * words for a message: what the file is when it was refused for its kind ("it is a pipe (FIFO),
 * not a regular file"), else strerror(err). Translated; the string is static. */
const char *sp_input_strerror(const char *path, int err);

/* The reason a file of this mode is not read, as sp_input_strerror gives it, or NULL for a
 * regular file. */
const char *sp_file_kind_why(mode_t mode);

/* The same for a symbolic link refused under SP_INPUT_NOFOLLOW. */
const char *sp_file_link_why(void);

/* True when a and b name the same file: the same device and inode when both exist (following
 * symbolic links); when neither exists, the same name in the same folder, compared by the
 * folder's real path (so "k", "./k" and "sub/../k" are one file before any of them is written).
 * A name that exists and one that does not are different files. */
bool sp_same_file(const char *a, const char *b);

typedef enum sp_keyfile {
    SP_KEYFILE_NONE,   /* no key, no file, or not a regular file */
    SP_KEYFILE_PUBLIC, /* a minisign public key */
    SP_KEYFILE_SECRET, /* a minisign secret key, encrypted or not */
} sp_keyfile;

/* Whether path holds a minisign key, judged by its form rather than by a full parse, so that a
 * damaged key is still a key nobody wants written over: a regular file of at most 8 KiB whose
 * first line starts with "untrusted comment:" and whose second line (a CR before its newline
 * allowed) is base64 of the 42 bytes of a public key or the 158 of a secret key, starting with
 * the algorithm "Ed". Never blocks; a secret key's bytes are read into memory that is wiped. */
sp_keyfile sp_key_file_kind(const char *path);

/* The mode a new file that holds nothing secret is created with: mode less the process's
 * umask, as open(2) would make it. (The files are made under a temporary name with mode 0600
 * and then given their mode with fchmod, which ignores the umask.) */
mode_t sp_mode_umask(mode_t mode);

#endif
