/* Before a command writes a file: the checks that keep it from destroying what it reads or a
 * key. Every command that writes calls them before writing anything (take --out, sign, export,
 * analyze --html, keygen), so that one rule holds everywhere:
 *
 *   - no output is one of the command's own inputs: the same file by device and inode, or, for
 *     names that do not exist yet, by the real path of their folder (sp_same_file);
 *   - a result, an export or a report is never written over a key, public or secret
 *     (sp_key_file_kind), whether or not the command read that key. */
#ifndef SP_CLI_OUTPUTS_H
#define SP_CLI_OUTPUTS_H

#include <stddef.h>

/* One input of a command, for the checks and their messages. */
typedef struct out_input {
    const char *path; /* NULL: not given, skipped */
    const char *role; /* what it is, translated, with its article: "the secret key" */
} out_input;

/* Refuses to write out when it is the same file as one of the n inputs: prints
 * "signpost CMD: refusing to write OUT: it is the same file as ROLE PATH" and the usage hint, and
 * returns EXIT_USAGE; else EXIT_OK. */
int outputs_not_an_input(const char *cmd, const char *out, const out_input *inputs, size_t n);

/* Refuses to write out when it is one of the files of quiz: its directions or one of its banks
 * (the manifest is the caller's to list among its inputs). As outputs_not_an_input. */
struct sp_quiz;
int outputs_not_in_quiz(const char *cmd, const char *out, const struct sp_quiz *quiz);

/* Refuses to write a result, an export or a report over a key: when out holds a public or a
 * secret key, prints "refusing to write over OUT: it holds a secret key" (or a public key) and
 * returns EXIT_IO; else EXIT_OK. */
int outputs_not_a_key(const char *out);

/* Refuses, before any work, an out that cannot be written: a folder, a file in a folder that
 * does not exist, or one in a folder this user cannot write to. Prints why and returns EXIT_IO,
 * else EXIT_OK. A failure at the write itself stays possible (a full disk) and is reported then. */
int outputs_can_write(const char *out);

/* Both checks, inputs first. Returns EXIT_OK, EXIT_USAGE or EXIT_IO. */
int outputs_check(const char *cmd, const char *out, const out_input *inputs, size_t n);

#endif
