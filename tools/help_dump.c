/* help_dump: prints the help text of a command as help.c holds it, untranslated, for making
 * signpost(1) from the same text (docs/man/CMakeLists.txt).
 *
 *   help_dump COMMAND */
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
    const char *text = argc == 2 ? cli_help_text(argv[1]) : NULL;
    if (!text) {
        fprintf(stderr, "help_dump: no help for '%s'\n", argc == 2 ? argv[1] : "");
        return 1;
    }
    fputs(text, stdout);
    return ferror(stdout) ? 1 : 0;
}
