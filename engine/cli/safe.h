/* Text from files on the terminal, made harmless.
 *
 * A result, a key file or a file name can hold anything: escape sequences that move the cursor
 * or recolour the screen, other control characters, bidirectional controls that make text
 * display differently from what it says, invisible characters that hide in it, invalid UTF-8.
 * Everything `verify` and `show` print from such a source goes through here. Harmful characters are
 * not dropped but made visible as escapes (\x1B, \u202E), so that a forged file shows what it
 * tried. */
#ifndef SP_CLI_SAFE_H
#define SP_CLI_SAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Returns a malloc'd copy of s with every character that sp_is_hostile_codepoint() refuses —
 * control characters (tab and newline included), DEL, C1 controls, bidirectional controls and
 * marks, invisible characters such as U+200B, U+FEFF, U+2028 and tags — written as \xHH (below
 * U+0080) or \uHHHH, and every byte of invalid UTF-8 as \xHH. Returns NULL only when out of
 * memory. */
char *safe_dup(const char *s);

/* Prints s made safe as safe_dup does (nothing when out of memory). */
void safe_fputs(const char *s, FILE *out);

/* The display width of a safe string in terminal columns (wcwidth; 1 for what it cannot
 * measure). */
int safe_width(const char *s);

/* Prints s made safe, then spaces up to cols columns; longer text is cut at cols - 1 columns
 * and ends with "…" (or "." when the locale is not UTF-8). */
void safe_pad(const char *s, int cols, FILE *out);

/* True when the locale's character set is UTF-8, so that "█" and "…" can be printed. */
bool safe_utf8(void);

#endif
