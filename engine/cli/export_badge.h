/* signpost export --badge (export_badge.c). */
#ifndef SP_CLI_EXPORT_BADGE_H
#define SP_CLI_EXPORT_BADGE_H

#include <stdbool.h>

#include "verifier.h"

typedef struct badge_opts {
    const char *file;        /* the signed result */
    const char *secret;      /* -s: the secret key that signed it */
    const char *passfile;    /* --passphrase-file, or NULL */
    const char *out;         /* -o, or FILE.badge.json */
    const char *issuer_name; /* --issuer-name, or NULL */
    const char *issuer_url;  /* --issuer-url, or NULL */
    bool force;              /* replace an existing out */
    verifier_args replay;    /* --quiz: what to replay with */
} badge_opts;

/* Checks, makes and writes the badge; prints what it did or what went wrong. Returns an exit
 * code: EXIT_OK, EXIT_USAGE, EXIT_NEGATIVE (the result does not verify, or another key signed
 * it), EXIT_IO, EXIT_INTERNAL. */
int export_badge(const badge_opts *o);

#endif
