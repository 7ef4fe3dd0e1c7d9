/* The help text of each command. signpost(1) holds the same text (help is generated from
 * the man page's sections; see docs/). */
#include <string.h>

#include "cli.h"

typedef struct help_entry {
    const char *cmd;
    const char *text;
} help_entry;

static const help_entry entries[] = {
    {"check",
     "Usage: signpost check [--json] [--quiet] --quiz MANIFEST\n"
     "       signpost check [--json] [--quiet] FILE...\n"
     "\n"
     "Check quiz files and report every problem found, each as\n"
     "FILE:LINE:COLUMN: error|warning: MESSAGE, then a one-line summary.\n"
     "\n"
     "With --quiz, load the manifest and every file it names and check them\n"
     "together: question ids unique across banks, directions known, every text\n"
     "present in each declared language, every direction measurable. With FILEs,\n"
     "check each file on its own; banks are checked against a directions file\n"
     "given among them.\n"
     "\n"
     "Options:\n"
     "  -q, --quiz MANIFEST  check a quiz manifest and the files it names\n"
     "      --json           print the diagnostics as a JSON array of objects with\n"
     "                       keys file, line, column, severity, message\n"
     "  -Q, --quiet          print only errors and the summary\n"
     "  -h, --help           show this help\n"
     "\n"
     "Exit status: 0 no errors (warnings allowed); 1 errors found (an unreadable\n"
     "file is one); 2 usage error; 4 out of memory.\n"},
};

bool cli_print_help(const char *cmd, FILE *out)
{
    for (size_t i = 0; i < sizeof(entries) / sizeof(entries[0]); i++) {
        if (strcmp(entries[i].cmd, cmd) == 0) {
            fputs(entries[i].text, out);
            return true;
        }
    }
    return false;
}
