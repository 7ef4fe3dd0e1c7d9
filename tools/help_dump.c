/* help_dump: prints the help text of a command as help.c holds it, untranslated, for making
 * signpost(1) from the same text (docs/man/CMakeLists.txt).
 *
 *   help_dump COMMAND            the text as `signpost help COMMAND` prints it
 *   help_dump --scdoc COMMAND    the same text as scdoc, for the man page
 *
 * The help text is laid out for an 80-column terminal; a man page indents a section by 7 to
 * 11 columns, so the text cannot go in as it is (a literal block would be 91 columns wide).
 * With --scdoc, paragraphs become paragraphs that man fills to its width, each option of the
 * list becomes a term with its description indented below it, the usage lines are kept one a
 * line, and only the indented examples stay literal. The words are the same, in the same order
 * (tests/cli/man.sh compares them). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* Writes n bytes of s with scdoc's markup characters escaped. */
static void put_escaped(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '*' || s[i] == '_' || s[i] == '\\')
            putchar('\\');
        putchar(s[i]);
    }
}

static size_t indent_of(const char *line, size_t len)
{
    size_t i = 0;
    while (i < len && line[i] == ' ')
        i++;
    return i;
}

/* Writes a paragraph line: escaped, and a leading "-" kept from starting a list. */
static void put_text(const char *s, size_t n)
{
    if (n > 0 && s[0] == '-')
        putchar('\\');
    put_escaped(s, n);
    putchar('\n');
}

typedef enum { PLAIN, USAGE, OPTIONS, LITERAL } block;

/* Writes an option line "  -q, --quiz MANIFEST  the quiz ...": the term, then its
 * description (if on this line) as an indented paragraph. */
static void put_option(const char *line, size_t len)
{
    size_t ind = indent_of(line, len), end = ind;
    while (end < len && !(line[end] == ' ' && end + 1 < len && line[end + 1] == ' '))
        end++;
    fputs("\n\\", stdout); /* the term starts with "-": not a list entry */
    put_escaped(line + ind, end - ind);
    putchar('\n');
    size_t d = end;
    while (d < len && line[d] == ' ')
        d++;
    if (d < len) {
        putchar('\t');
        put_text(line + d, len - d);
    }
}

static int scdoc(const char *text)
{
    block in = PLAIN;
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        size_t ind = indent_of(line, len);
        const char *body = line + ind;
        size_t blen = len - ind;
        /* A usage line ends when the next line is seen: with a line break before another. */
        bool more_usage = in == USAGE && strncmp(body, "signpost ", 9) == 0;
        if (in == USAGE)
            fputs(more_usage ? " ++\n" : blen == 0 || ind == 0 ? "\n" : " ", stdout);
        if (blen == 0) {
            if (in == LITERAL)
                fputs("```\n", stdout);
            putchar('\n');
            in = PLAIN;
        } else if (strncmp(line, "Usage: ", 7) == 0 || more_usage) {
            in = USAGE;
            put_escaped(body, blen);
        } else if (in == USAGE && ind > 0) {
            put_escaped(body, blen); /* a usage line's continuation */
        } else if (strncmp(line, "Options:", 8) == 0) {
            in = OPTIONS;
            put_text(line, len);
        } else if (in == OPTIONS && body[0] == '-' && ind < 8) {
            put_option(line, len);
        } else if (in == OPTIONS) {
            putchar('\t'); /* the description goes on, or starts on the next line */
            put_text(body, blen);
        } else if (ind > 0 || in == LITERAL) {
            if (in != LITERAL)
                fputs("```\n", stdout);
            in = LITERAL;
            for (size_t i = 0; i < len; i++) { /* scdoc keeps it as it is, but for escapes */
                if (line[i] == '\\')
                    putchar('\\');
                putchar(line[i]);
            }
            putchar('\n');
        } else {
            put_text(line, len);
        }
        line = nl ? nl + 1 : line + len;
    }
    if (in == USAGE)
        putchar('\n');
    if (in == LITERAL)
        fputs("```\n", stdout);
    return 0;
}

int main(int argc, char **argv)
{
    bool as_scdoc = argc == 3 && strcmp(argv[1], "--scdoc") == 0;
    const char *cmd = argc == 2 ? argv[1] : as_scdoc ? argv[2] : "";
    const char *text = argc == 2 || as_scdoc ? cli_help_text(cmd) : NULL;
    if (!text) {
        fprintf(stderr, "help_dump: no help for '%s'\n", cmd);
        return 1;
    }
    if (as_scdoc)
        scdoc(text);
    else
        fputs(text, stdout);
    return ferror(stdout) ? 1 : 0;
}
