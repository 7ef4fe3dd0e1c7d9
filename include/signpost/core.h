/* signpost: core definitions shared by every module of the library.
 *
 * The library never prints, reads standard input or exits. Functions that can fail return 0
 * or a negative SP_E* code; sp_strerror() turns a code into a sentence. Problems with the
 * content of an input file are reported as diagnostics (diag.h) with a file position.
 *
 * Copyright (C) 2026 the signpost developers. GPL-3.0-or-later. */
#ifndef SIGNPOST_CORE_H
#define SIGNPOST_CORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#if defined(__GNUC__)
#define SP_NODISCARD         __attribute__((warn_unused_result))
#define SP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define SP_NODISCARD
#define SP_PRINTF(fmt, args)
#endif

/* Error codes returned by library functions; always negative. */
enum sp_error {
    SP_OK = 0,
    SP_ENOMEM = -1,    /* out of memory */
    SP_EIO = -2,       /* a file could not be read or written; errno tells more */
    SP_EINVAL = -3,    /* a caller passed an invalid argument */
    SP_EINPUT = -4,    /* the input is invalid; the diagnostics say where and why */
    SP_ELIMIT = -5,    /* the input exceeds a documented limit */
    SP_ENOTFOUND = -6, /* a named thing (file, question, key) does not exist */
    SP_ESIG = -7,      /* a signature does not verify */
    SP_EKEY = -8,      /* a key is malformed, or the passphrase is wrong */
    SP_EEXIST = -9,    /* the file exists and overwriting it was not asked for */
    SP_ECRYPTO = -10,  /* libsodium failed or could not be initialised */
    SP_EBUSY = -11,    /* another process holds the file (a session's lock) */
};

/* Returns a short English sentence for an SP_E* code (never NULL). */
const char *sp_strerror(int err);

/* Initialises the libraries signpost stands on (libsodium). Safe to call more than once and
 * called by every loader that needs it. Returns 0 or SP_ECRYPTO. */
int sp_init(void) SP_NODISCARD;

/* The version of the library, e.g. "0.1.0". */
const char *sp_version(void);

/* The first line of every result body: the domain tag that signatures cover, so that a
 * signature over a result can never be passed off as one over something else. */
#define SP_RESULT_MAGIC "signpost-result/1"

/* A 1-based position in a text file; line 0 means "the file as a whole". Columns count
 * Unicode code points, as libyaml does. */
typedef struct sp_pos {
    uint32_t line;
    uint32_t column;
} sp_pos;

#endif
