/* Passphrases for secret keys, read from a file, from standard input or from the terminal
 * without echo. A passphrase lives in sodium_malloc memory and is wiped when freed; it never
 * passes through stdio buffers. */
#ifndef SP_CLI_PASSPHRASE_H
#define SP_CLI_PASSPHRASE_H

#include <stdbool.h>
#include <stddef.h>

/* A passphrase: len bytes at data (NUL-terminated), in sodium_malloc memory. */
typedef struct cli_secret {
    char *data;
    size_t len;
} cli_secret;

/* Where a passphrase came from. */
typedef enum cli_pass_source {
    CLI_PASS_FILE,     /* --passphrase-file: its first line; a regular file or a pipe */
    CLI_PASS_STDIN,    /* standard input, which is not a terminal: its first line */
    CLI_PASS_TERMINAL, /* typed at /dev/tty with echo off */
} cli_pass_source;

/* Gets a passphrase: from file when it is not NULL; else from standard input when that is not
 * a terminal; else from the terminal, with prompt (and, when confirm is set and the first answer
 * is not empty, a second prompt that must match). A line ends at "\n" or "\r\n", which are not
 * part of the passphrase. The passphrase may be empty: the caller decides what that means.
 * Returns EXIT_OK and fills *out (free it with cli_secret_free) and *source; otherwise prints a
 * message and returns EXIT_IO (unreadable file, no terminal), EXIT_NEGATIVE (no line, a line
 * over SP_PASSPHRASE_MAX bytes, passphrases that do not match) or EXIT_INTERNAL. */
int cli_passphrase_get(const char *file, const char *prompt, bool confirm, cli_secret *out,
                       cli_pass_source *source);

/* Wipes and frees a passphrase; a zeroed struct is a no-op. */
void cli_secret_free(cli_secret *s);

/* Asks a question on the terminal (echo on) and returns true only for "y" or "yes", in any
 * case; false too when there is no terminal. */
bool cli_tty_confirm(const char *question);

#endif
