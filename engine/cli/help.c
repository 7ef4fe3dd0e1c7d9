/* The help text of each command. signpost(1) holds the same text (help is generated from
 * the man page's sections; see docs/). */
#include <string.h>

#include "cli.h"

typedef struct help_entry {
    const char *cmd;
    const char *text;
} help_entry;

static const help_entry entries[] = {
    {"take",
     "Usage: signpost take [--quiz MANIFEST] [--lang en|zh] [--seed N] [--out PATH]\n"
     "       signpost take --resume\n"
     "       signpost take --answers FILE [--json] [--out PATH]\n"
     "\n"
     "Take the placement quiz in the terminal, then see which direction fits you\n"
     "best, why, and what to learn next; the result is saved in a file. Answers\n"
     "are saved after each one: a quiz left before the end (:quit, Ctrl-D,\n"
     "Ctrl-C, a closed terminal) goes on where it stopped with --resume.\n"
     "\n"
     "Answer with a number from 1 to 5 for a statement, a letter for a scenario,\n"
     "and one or more letters (a c, a,c or ac) where a question says \"select\n"
     "all\". Commands: :back, :skip, :review (list your answers and change one),\n"
     ":help and :quit; Tab completes them.\n"
     "\n"
     "When standard input is not a terminal, answers are read one per line and\n"
     "the questions go to standard error unless stdout is a terminal; input that\n"
     "ends before the last question leaves the quiz unfinished (status 5):\n"
     "  printf '3\\n4\\nb\\n' | signpost take --seed 1 --quiz QUIZ\n"
     "\n"
     "Options:\n"
     "  -q, --quiz MANIFEST  the quiz (default: $SIGNPOST_QUIZ, else the placement\n"
     "                       quiz installed or next to the program)\n"
     "  -l, --lang LANG      the language of the quiz and the interface: en or zh\n"
     "                       (default: from the locale)\n"
     "  -S, --seed N         draw the questions with seed N, for a reproducible form\n"
     "  -o, --out PATH       write the result to PATH (default: a new file\n"
     "                       signpost-result-DATE-TIME.signpost in this folder)\n"
     "      --name NAME      record NAME as the taker's name in the result\n"
     "  -r, --resume         continue an unfinished quiz; when there are several,\n"
     "                       choose one (without a terminal: the most recent)\n"
     "  -k, --key FILE       sign the result with this secret key\n"
     "  -a, --answers FILE   batch mode: score an answer file without asking\n"
     "      --missing skip|error\n"
     "                       batch mode: what to do about an item the file does not\n"
     "                       answer (default: error)\n"
     "  -j, --json           print the outcome as JSON instead of the result screens\n"
     "      --no-color       no colours (neither with NO_COLOR set nor TERM=dumb)\n"
     "  -h, --help           show this help\n"
     "\n"
     "Unfinished quizzes are kept in $XDG_STATE_HOME/signpost (by default\n"
     "~/.local/state/signpost), one journal file each, removed once the result is\n"
     "written.\n"
     "\n"
     "Exit status: 0 done; 1 bad input, a journal that cannot be resumed, or no\n"
     "quiz to resume; 2 usage error; 3 a file could not be read or written; 4 out\n"
     "of memory; 5 the quiz was left before the end (its journal is kept).\n"},
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
    {"keygen",
     "Usage: signpost keygen [-p PUBFILE] [-s SECFILE] [-W | --passphrase-file FILE]\n"
     "                       [--force]\n"
     "\n"
     "Make a key pair for signing results. The keys are minisign keys: a key made\n"
     "here also works with minisign, and one made by 'minisign -G' works here.\n"
     "\n"
     "The secret key is encrypted with a passphrase (scrypt, 256 MiB), asked twice\n"
     "at the terminal without echo. When standard input is not a terminal, its\n"
     "first line is the passphrase. An empty passphrase at the terminal offers to\n"
     "store the key unencrypted. The secret key file is created with mode 0600 and\n"
     "never replaced without --force; the public key file gets mode 0644.\n"
     "\n"
     "Without -p and -s the keys go to $XDG_CONFIG_HOME/signpost/ (by default\n"
     "~/.config/signpost/), as signpost.pub and signpost.key; the folder is\n"
     "created with mode 0700.\n"
     "\n"
     "Options:\n"
     "  -p, --public PUBFILE     write the public key to PUBFILE\n"
     "  -s, --secret SECFILE     write the secret key to SECFILE\n"
     "  -W, --unencrypted        store the secret key without a passphrase (for\n"
     "                           unattended machines; anyone who can read the file\n"
     "                           can sign)\n"
     "      --passphrase-file FILE  read the passphrase from the first line of FILE\n"
     "  -f, --force              replace existing key files\n"
     "  -h, --help               show this help\n"
     "\n"
     "Exit status: 0 keys written; 1 no usable passphrase (empty, too long, the\n"
     "two did not match, or declined); 2 usage error; 3 a file could not be\n"
     "written or already exists; 4 internal error.\n"},
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
