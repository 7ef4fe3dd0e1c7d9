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
    {"sign",
     "Usage: signpost sign RESULT [-s SECFILE] [--passphrase-file FILE]\n"
     "\n"
     "Sign an unsigned result in place: a four-line minisign signature block is\n"
     "put before the result's body, and the file is replaced atomically. The\n"
     "signature covers the body byte for byte; its trusted comment names the quiz,\n"
     "the top direction, the level, the time and the taker's name, and is signed\n"
     "too. An already signed file, or a file that is not a result, is refused.\n"
     "\n"
     "An encrypted key's passphrase is asked at the terminal; when standard input\n"
     "is not a terminal, its first line is the passphrase.\n"
     "\n"
     "Options:\n"
     "  -s, --secret SECFILE     sign with this secret key (default:\n"
     "                           $XDG_CONFIG_HOME/signpost/signpost.key, as made by\n"
     "                           'signpost keygen'; a 'minisign -G' key works too)\n"
     "      --passphrase-file FILE  read the passphrase from the first line of FILE\n"
     "  -h, --help               show this help\n"
     "\n"
     "'signpost take --key SECFILE' signs a result as it is written.\n"
     "\n"
     "Exit status: 0 signed; 1 refused (already signed, not a valid result, wrong\n"
     "passphrase); 2 usage error; 3 a file could not be read or written; 4\n"
     "internal error.\n"},
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
