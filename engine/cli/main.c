/* signpost: the entry point. main only parses the global options and dispatches to a
 * subcommand; each subcommand parses its own options. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <readline/readline.h>
#include <sodium.h>
#include <yaml.h>

#include "cli.h"
#include "safe.h"
#include "suggest.h"
#include "signpost/core.h"
#include "signpost/load.h"

#ifdef SIGNPOST_NLS
#include <libintl.h>
#endif

static int cmd_help(int argc, char **argv);

static const cli_command commands[] = {
    /* TRANSLATORS: the summaries of the commands are shown after their names in `signpost
     * --help`, from the 13th column: keep each within 68 columns (34 Chinese characters). */
    {"take", cmd_take, N_("take the placement quiz (or score an answer file)")},
    {"check", cmd_check, N_("check quiz files and report every problem")},
    {"keygen", cmd_keygen, N_("make a key pair for signing results (minisign format)")},
    {"sign", cmd_sign, N_("sign a result file with your secret key")},
    {"verify", cmd_verify, N_("check that results are authentic and their scores follow")},
    {"verifier", cmd_verifier, N_("write an offline web page that verifies results")},
    {"trust", cmd_trust, N_("trust a signer's public key; list or remove trusted keys")},
    {"show", cmd_show, N_("show a result: verification, ranking, advice (text, JSON, SVG)")},
    {"analyze", cmd_analyze, N_("a cohort report and item statistics from many results")},
    {"export", cmd_export, N_("write a signed result's body and signature for minisign")},
    {"help", cmd_help, N_("show help for a command")},
};

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

static void print_usage(FILE *out)
{
    /* TRANSLATORS: the start of `signpost --help`; COMMAND, OPTIONS and ARGS stay in English.
     * Keep every line within 80 columns. */
    fputs(_("Usage: signpost [--no-cache] COMMAND [OPTIONS] [ARGS]\n"
            "       signpost --help | --version\n\n"
            "signpost is a placement quiz for engineers choosing a direction in large-model\n"
            "engineering.\n\nCommands:\n"),
          out);
    for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
    fputc('\n', out);
    fputs(_("Run 'signpost help COMMAND' for the options of a command.\n"), out);
    fputs(_("--no-cache (or SIGNPOST_NO_CACHE=1) reads quizzes from their files only, not\n"
            "from the compiled cache in $XDG_CACHE_HOME/signpost.\n"),
          out);
}

/* Turns on the compiled quiz cache in $XDG_CACHE_HOME/signpost (~/.cache/signpost), unless
 * --no-cache or SIGNPOST_NO_CACHE asks not to. A relative XDG_CACHE_HOME is ignored, as the
 * XDG specification asks. Failing to set it only leaves the cache off. */
static void setup_cache(bool no_cache)
{
    const char *off = getenv("SIGNPOST_NO_CACHE");
    if (no_cache || (off && *off && strcmp(off, "0") != 0))
        return;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX];
    int n;
    if (xdg && xdg[0] == '/')
        n = snprintf(dir, sizeof(dir), "%s/signpost", xdg);
    else if (home && home[0] == '/')
        n = snprintf(dir, sizeof(dir), "%s/.cache/signpost", home);
    else
        return;
    if (n > 0 && (size_t)n < sizeof(dir))
        if (sp_quiz_cache_dir(dir) != 0)
            return; /* out of memory: the cache stays off */
}

/* The version, and those of the libraries it runs with (not those it was built against: a
 * bug report needs what is loaded). */
static int print_version(void)
{
    printf("signpost %s\n", sp_version());
    printf("libyaml %s, GNU readline %s, libsodium %s\n", yaml_get_version_string(),
           rl_library_version ? rl_library_version : "?", sodium_version_string());
    printf("Copyright (C) 2026 the signpost developers. License GPL-3.0-or-later.\n");
    return cli_finish(EXIT_OK);
}

/* Says that name is no command, with the closest command when it looks like a slip of one
 * (as git does), and the list of commands; returns EXIT_USAGE. */
static int unknown_command(const char *name)
{
    enum { N = sizeof(commands) / sizeof(commands[0]) };
    const char *names[N];
    for (size_t i = 0; i < N; i++)
        names[i] = commands[i].name;
    static const char *const options[] = {"--help", "--version", "--no-cache"};
    /* An option of the program itself ("--verison") is compared with its options. */
    const char *near =
        name[0] == '-' ? suggest_closest(name, options, 3) : suggest_closest(name, names, N);
    char *shown = safe_dup(name); /* it may hold escape sequences */
    if (near)
        /* TRANSLATORS: the first %s is "signpost", the second what was typed, the third a
         * command. */
        fprintf(stderr, _("%s: '%s' is not a command; did you mean '%s'?\n"), cli_progname,
                shown ? shown : "?", near);
    else
        /* TRANSLATORS: the first %s is "signpost", the second what was typed. */
        fprintf(stderr, _("%s: '%s' is not a command.\n"), cli_progname, shown ? shown : "?");
    free(shown);
    char list[256] = "";
    for (size_t i = 0; i < N; i++)
        snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s", i ? ", " : "", names[i]);
    /* TRANSLATORS: %s is the list of commands, which stay in English. */
    fprintf(stderr, _("The commands are: %s.\n"), list);
    return EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stdout);
        return cli_finish(EXIT_OK);
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
        return cli_help_exit("help");
    if (argc > 2)
        return cli_usage_error("help", _("unexpected argument '%s'"), argv[2]);
    if (!cli_print_help(argv[1], stdout))
        return unknown_command(argv[1]);
    return cli_finish(EXIT_OK);
}

#ifdef SIGNPOST_NLS
/* True when dir (under the program's folder) exists; its path is left in buf. */
static bool near_program(const char *rel, char *buf, size_t size)
{
    struct stat st;
    int n = snprintf(buf, size, "%s/%s", cli_exe_dir(), rel);
    return *cli_exe_dir() && n > 0 && (size_t)n < size && stat(buf, &st) == 0 &&
           S_ISDIR(st.st_mode);
}

/* Where the translations are: $SIGNPOST_LOCALEDIR; else, for a program run from its build
 * folder, the locale folder next to it (the build puts the compiled catalogues there); else
 * bin/../share/locale next to it, which holds for any prefix and for an unpacked package, as
 * for the quizzes (cli_default_quiz); else the configured install folder. */
static const char *locale_dir(void)
{
    static char here[PATH_MAX];
    const char *env = getenv("SIGNPOST_LOCALEDIR");
    if (env && *env)
        return env;
    if (near_program("locale", here, sizeof(here)) ||
        near_program("../share/locale/zh_CN", here, sizeof(here))) {
        char *tail = strstr(here, "/zh_CN");
        if (tail)
            *tail = '\0';
        return here;
    }
    return SIGNPOST_LOCALEDIR;
}
#endif

static void setup_locale(void)
{
    /* Only the two categories signpost uses: LC_CTYPE (readline's input and wcwidth measuring
     * Chinese characters) and LC_MESSAGES (the catalogue). Every other category stays "C", so
     * that numbers are written with a decimal point whatever the user's locale, and a process
     * does not map ten more locale files it never reads (a `verify` per file pays for each). A
     * locale that is not installed leaves "C": use C.UTF-8 instead, and in any case a UTF-8
     * LC_CTYPE, since every text signpost shows is UTF-8. */
    if (!setlocale(LC_CTYPE, ""))
        setlocale(LC_CTYPE, "C.UTF-8");
    setlocale(LC_MESSAGES, "");
    const char *cs = nl_langinfo(CODESET);
    if (!cs || (strcasecmp(cs, "UTF-8") != 0 && strcasecmp(cs, "utf8") != 0))
        setlocale(LC_CTYPE, "C.UTF-8");
#ifdef SIGNPOST_NLS
    bindtextdomain("signpost", locale_dir());
    bind_textdomain_codeset("signpost", "UTF-8");
    textdomain("signpost");
#endif
    cli_use_language(cli_interface_lang());
}

int main(int argc, char **argv)
{
    setup_locale();
    if (sp_init() != 0) {
        cli_error("%s", _("cannot initialise libsodium"));
        return EXIT_INTERNAL;
    }
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_USAGE;
    }
    bool no_cache = strcmp(argv[1], "--no-cache") == 0;
    if (no_cache) {
        argc--;
        argv++;
        if (argc < 2) {
            print_usage(stderr);
            return EXIT_USAGE;
        }
    }
    setup_cache(no_cache);
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_usage(stdout);
        return cli_finish(EXIT_OK);
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0)
        return print_version();
    const cli_command *cmd = find_command(name);
    if (!cmd)
        return unknown_command(name);
    return cmd->run(argc - 1, argv + 1);
}
