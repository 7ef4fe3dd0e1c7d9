/* Did you mean: the closest of a list of names to what was typed, for unknown commands,
 * options and languages. */
#ifndef SP_CLI_SUGGEST_H
#define SP_CLI_SUGGEST_H

#include <stddef.h>

/* The name among names[0..n) closest to typed, by edit distance (insertions, deletions,
 * substitutions and swaps of two neighbours, as git counts them), when it is close enough to
 * be a slip: at most 2 edits and fewer than the length of typed, or typed is the start of it.
 * The first of equally close names wins. Returns one of names, or NULL. */
const char *suggest_closest(const char *typed, const char *const *names, size_t n);

/* The long options (with their "--") that the help text of cmd lists, into names (pointers to
 * static storage, valid until the next call); returns how many, at most max. */
size_t suggest_options(const char *cmd, const char **names, size_t max);

#endif
