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
    {"verify",
     "Usage: signpost verify FILE... [-p PUBFILE | -P PUBKEY] [--quiz MANIFEST]...\n"
     "                       [--strict] [-v] [--json]\n"
     "\n"
     "Check signed results: that each was signed by a key you trust, that nothing\n"
     "was changed after signing, and that its scores and recommendation are what\n"
     "the scoring model gives for its answers with the banks it was taken with\n"
     "(replay). One line per file: 'FILE: verified — ...' or 'FILE: FAILED — ...'\n"
     "with the reason in words.\n"
     "\n"
     "Without -p or -P, the signer's key is looked up by its id in\n"
     "$XDG_CONFIG_HOME/signpost/trusted/KEYID.pub: save the public keys you trust\n"
     "there (an instructor's, a proctored machine's). A result signed with your own\n"
     "key ($XDG_CONFIG_HOME/signpost/signpost.pub) that is not also trusted is\n"
     "reported as self-signed. A result signed by a key you did not give or trust\n"
     "is never reported as verified.\n"
     "\n"
     "Replay needs the banks: the installed quizzes are searched, and --quiz adds\n"
     "more. When they are not available the signature is still checked and the\n"
     "file counts as verified, with a note; --strict makes that a failure.\n"
     "\n"
     "Options:\n"
     "  -p, --public PUBFILE     trust only this public key file (may be repeated)\n"
     "  -P, --public-key PUBKEY  trust only this key, in base64 as minisign -P\n"
     "                           takes it (may be repeated)\n"
     "  -q, --quiz MANIFEST      replay against this quiz too (may be repeated)\n"
     "      --strict             fail when the scores cannot be replayed\n"
     "  -v, --verbose            show every check and its outcome\n"
     "      --json               print a JSON array with one object per file\n"
     "  -h, --help               show this help\n"
     "\n"
     "Exit status: 0 every file verified; 1 some file did not; 2 usage error (or a\n"
     "malformed -p or -P key); 3 a file could not be read; 4 internal error.\n"},
    {"show",
     "Usage: signpost show FILE [--json | --svg] [-p PUBFILE | -P PUBKEY]\n"
     "                          [--quiz MANIFEST]...\n"
     "\n"
     "Show a result: first one line of what 'signpost verify' says of it, then the\n"
     "recommendation (with a near tie or a flat profile said plainly), every\n"
     "direction's fit as a bar chart, the level, and, when the quiz is available,\n"
     "the answers that moved the top direction most. Names and texts from the file\n"
     "are shown with control characters and bidirectional overrides escaped.\n"
     "\n"
     "Options:\n"
     "      --json               print the recorded outcome and the verification\n"
     "                           as one JSON object\n"
     "      --svg                print a share card: an SVG picture of the fits as\n"
     "                           a radar chart, the recommendation and the signer's\n"
     "                           key id (signpost show --svg R > card.svg)\n"
     "  -p, --public PUBFILE     trust only this public key file (may be repeated)\n"
     "  -P, --public-key PUBKEY  trust only this key, in base64 (may be repeated)\n"
     "  -q, --quiz MANIFEST      look for the result's quiz here too (may be\n"
     "                           repeated)\n"
     "  -h, --help               show this help\n"
     "\n"
     "Exit status: 0 shown and verified; 1 shown but not verified, or not a\n"
     "result; 2 usage error; 3 the file could not be read; 4 internal error.\n"},
    {"export",
     "Usage: signpost export --minisign FILE\n"
     "\n"
     "Split a signed result into FILE.body (the signed bytes) and FILE.body.minisig\n"
     "(the signature block), so that the stock minisign tool can check it:\n"
     "\n"
     "  minisign -Vm FILE.body -P PUBKEY\n"
     "\n"
     "minisign checks the signature and prints the trusted comment; it does not\n"
     "replay the scores, which only 'signpost verify' does. Existing files of\n"
     "those names are replaced.\n"
     "\n"
     "Options:\n"
     "      --minisign           write minisign's format (the only one)\n"
     "  -h, --help               show this help\n"
     "\n"
     "Exit status: 0 written; 1 FILE is not a signed result; 2 usage error; 3 a\n"
     "file could not be read or written.\n"},
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
