/* Text for the terminal: neutralising, measuring by display width, and wrapping.
 *
 * Every text that comes from a file (banks, directions, results, names) reaches the terminal
 * through this module, and every function here neutralises it first (wrap_clean): escape
 * sequences, other control characters, bidirectional controls, invisible characters (those
 * sp_is_hostile_codepoint refuses), invalid UTF-8 and unprintable characters are replaced with
 * U+FFFD, so nothing from a file can move the cursor, change
 * colours or reorder what is shown. Widths are display columns (wcwidth): a Chinese character
 * takes two, a combining mark none. Lines break at spaces in Latin text and between any two
 * characters in CJK text, never inside a character, and not before closing punctuation such
 * as "，" or ")" nor after opening punctuation. The locale's LC_CTYPE must be UTF-8. */
#ifndef SP_CLI_WRAP_H
#define SP_CLI_WRAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Returns a malloc'd neutralised copy of s (NULL is taken as ""): see above. Tabs become
 * spaces; newlines are kept when keep_newlines, else they become spaces. Returns NULL only
 * when out of memory. */
char *wrap_clean(const char *s, bool keep_newlines);

/* Returns a malloc'd copy of s with a space put between a Han character and an ASCII letter or
 * digit that touch, as Chinese typesetting wants: a sentence such as "关于%s" stays readable
 * when the name it is given is "Agent". Returns NULL only when out of memory. */
char *wrap_space_han(const char *s);

/* The display width of s in columns, once neutralised; newlines count as spaces. */
int wrap_width(const char *s);

/* How a paragraph is laid out by wrap_print(). */
typedef struct wrap_style {
    int width;        /* columns available, at least 1 */
    int indent;       /* columns of spaces before every line but the first */
    const char *lead; /* printed before the first line instead of the indent (may be NULL:
                       * then the first line is indented too); trusted text, not neutralised,
                       * whose SGR sequences (ESC [ ... m) take no columns */
    const char *on;   /* printed before the text of each line (e.g. a colour), or NULL */
    const char *off;  /* printed after it, or NULL */
} wrap_style;

/* Prints text wrapped as st says, each line ending with a newline; the newlines of text start
 * new lines. Returns the number of lines printed. */
int wrap_print(FILE *out, const char *text, const wrap_style *st);

/* Like wrap_print(), but prints at most max lines: the last one ends with "…" when text
 * goes on. */
int wrap_print_max(FILE *out, const char *text, const wrap_style *st, int max);

/* The number of lines wrap_print() would print. */
int wrap_count(const char *text, const wrap_style *st);

/* Writes into buf (size bytes) the neutralised text on one line, shortened to at most cols
 * columns with a final "…" when it is longer. Returns buf. */
char *wrap_shorten(const char *text, int cols, char *buf, size_t size);

/* Prints text on one line shortened to cols columns (see wrap_shorten), then spaces up to
 * exactly cols columns. */
void wrap_pad(FILE *out, const char *text, int cols);

/* Folds what the taker typed to lowercase ASCII in out (size bytes): full-width letters,
 * digits and punctuation (as a Chinese input method types them) become their ASCII twins,
 * the ideographic space a space and 、 a comma. False when anything else is left, or when out
 * is too small. */
bool wrap_fold(const char *in, char *out, size_t size);

/* The width of the terminal on fd: the window size, else $COLUMNS, else 80; at least 20. */
int wrap_terminal_width(int fd);

/* True when LC_CTYPE is UTF-8, so that characters such as "…" and "█" can be shown. */
bool wrap_utf8(void);

#endif
