/* The command-line layer: option parsing, dispatch and output. It is thin on purpose: every
 * decision about content is the library's; this layer only turns results into text and exit
 * codes. */
#ifndef SP_CLI_H
#define SP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "signpost/core.h"
#include "signpost/diag.h"

/* Strings of the interface are translated through GNU gettext (po/). */
#ifdef SIGNPOST_NLS
#include <libintl.h>
#define _(s)             gettext(s)
#define P_(one, many, n) ngettext(one, many, n)
#else
#define _(s)             (s)
#define P_(one, many, n) ((n) == 1 ? (one) : (many))
#endif
#define N_(s) (s)

/* Exit codes, documented in signpost(1) and README.md. */
enum cli_exit {
    EXIT_OK = 0,         /* success */
    EXIT_NEGATIVE = 1,   /* a negative verdict: check found errors, verify failed, bad input */
    EXIT_USAGE = 2,      /* the command line is wrong */
    EXIT_IO = 3,         /* a file could not be read or written */
    EXIT_INTERNAL = 4,   /* out of memory, or a library failed */
    EXIT_UNFINISHED = 5, /* the quiz was left before the end; its journal is kept */
    EXIT_UNTRUSTED = 6,  /* verify: intact, but the signer is not a key you trust */
    EXIT_UNSIGNED = 7,   /* verify: a result without a signature */
};

/* A subcommand: its name, entry point and one line for the command list. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

/* The program name for messages ("signpost"). */
extern const char *cli_progname;

/* Prints "signpost: message" to stderr. */
void cli_error(const char *fmt, ...) SP_PRINTF(1, 2);

/* Prints "signpost CMD: message" and a hint to run help, then returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) SP_PRINTF(2, 3);

/* Reports an unknown option arg of command cmd as cli_usage_error does, with the closest
 * option the help of cmd lists when arg looks like a slip of it; returns EXIT_USAGE. */
int cli_unknown_option(const char *cmd, const char *arg);

/* The exit code for a library error code. */
int cli_exit_for(int err);

/* Prints the help of a command to out; false when there is no such command. */
bool cli_print_help(const char *cmd, FILE *out);

/* The help of a command in English, as written in help.c (signpost(1) is made from the same
 * text), or NULL. */
const char *cli_help_text(const char *cmd);

/* Handles --help for subcommand cmd inside getopt loops. */
int cli_help_exit(const char *cmd);

/* Writes s as a JSON string, with quotes and escapes. Control characters, bidirectional
 * controls and U+2028/U+2029 are escaped, invalid UTF-8 becomes U+FFFD. Named cli_ because
 * libjansson, which the library links, exports a json_string of its own. */
void cli_json_string(FILE *out, const char *s);

/* Whether to colour output to f: a terminal, NO_COLOR unset, TERM not dumb, and colour not
 * turned off by --no-color (cli_no_color). */
bool cli_use_color(FILE *f);
extern bool cli_no_color;

/* The quiz used when none is named: $SIGNPOST_QUIZ, the installed placement quiz, or the one
 * in the source tree next to the program. Returns a static string or NULL. */
const char *cli_default_quiz(void);

/* The files cli_default_quiz looks for after $SIGNPOST_QUIZ, in order, into places (static
 * strings); returns how many (at most CLI_QUIZ_PLACES). */
#define CLI_QUIZ_PLACES 3
size_t cli_default_quiz_places(const char *places[CLI_QUIZ_PLACES]);

/* Prints that no quiz was named and none was found, with the files looked for. */
void cli_no_default_quiz(void);

/* The folder of the running program, from /proc (static storage); "" when unknown. */
const char *cli_exe_dir(void);

/* The path of name in signpost's configuration folder: $SIGNPOST_CONFIG_DIR, else
 * $XDG_CONFIG_HOME/signpost (when that is an absolute path), else ~/.config/signpost; name ""
 * gives the folder itself. False when neither
 * variable helps or the path does not fit in size bytes. */
bool cli_config_path(const char *name, char *out, size_t size);

/* Finishes output: flushes stdout and reports a write error (a full disk, a closed pipe) as
 * EXIT_IO. Returns rc unchanged otherwise. */
int cli_finish(int rc);

/* The interface language the environment asks for, "zh" or "en" (as GNU gettext decides:
 * LANGUAGE unless the locale is C or POSIX, then LC_ALL, LC_MESSAGES, LANG; docs/design.md). */
const char *cli_interface_lang(void);

/* Shows every later message in lang ("zh" or "en") whatever the locale. main calls it once
 * with cli_interface_lang(); take again with --lang, and --json/--csv with "en", since what
 * machines read must not change with the reader's locale. */
void cli_use_language(const char *lang);

/* The language messages are shown in now: the last one given to cli_use_language ("en"
 * before the first call). */
const char *cli_language(void);

/* The language to run in: lang when given (it must be one the quiz declares), else from the
 * locale (LC_ALL, LC_MESSAGES, LANG): Chinese for zh*, else English, when the quiz has it, else
 * the quiz's first language. Returns NULL when lang is not one of the quiz's languages. */
struct sp_manifest;
const char *cli_pick_lang(const char *lang, const struct sp_manifest *m);

/* Reports --lang lang that the quiz of manifest m does not have, naming the languages it has,
 * as cli_usage_error does for command cmd; returns EXIT_USAGE. */
int cli_unknown_lang(const char *cmd, const char *lang, const struct sp_manifest *m);

/* Parses a seed (a decimal number up to 2^53 - 1); false when it is not one. */
bool cli_parse_seed(const char *s, uint64_t *out);

/* Checks a taker's name given with --name by the one rule of sp_name_check: EXIT_OK, or a
 * usage error of cmd that says what is not allowed and where. */
int cli_check_name(const char *cmd, const char *name);

/* Prints every diagnostic to stderr as FILE:LINE:COLUMN: severity: message. */
struct sp_diags;
void cli_print_diags(const struct sp_diags *diags, bool warnings);

/* The severity as a word for people, translated (sp_severity_name gives the English word
 * that JSON keeps). */
const char *cli_severity_label(sp_severity sev);

/* Subcommands. */
int cmd_analyze(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_keygen(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_sign(int argc, char **argv);
int cmd_take(int argc, char **argv);
int cmd_trust(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_verifier(int argc, char **argv);

#endif
