/* The command-line layer's shared helpers: messages, exit codes, JSON strings, colour. */
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "safe.h"
#include "suggest.h"
#include "signpost/form.h"
#include "signpost/load.h"
#include "signpost/result.h"
#include "base/util.h"

const char *cli_progname = "signpost";
bool cli_no_color = false;

/* Prints a formatted message made safe (safe.h): messages name files and quote input, and
 * either can hold escape sequences or bidirectional controls. */
static void put_safe(FILE *out, const char *fmt, va_list ap) SP_PRINTF(2, 0);
static void put_safe(FILE *out, const char *fmt, va_list ap)
{
    sp_buf b = {0};
    sp_buf_vprintf(&b, fmt, ap);
    safe_fputs(sp_buf_str(&b) ? sp_buf_str(&b) : _("out of memory"), out);
    sp_buf_free(&b);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fprintf(stderr, "%s: ", cli_progname);
    va_start(ap, fmt);
    put_safe(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s %s: ", cli_progname, cmd);
    va_start(ap, fmt);
    put_safe(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    /* TRANSLATORS: after a usage error; the first %s is "signpost", the second a command. */
    fprintf(stderr, _("Try '%s help %s' for more information.\n"), cli_progname, cmd);
    return EXIT_USAGE;
}

int cli_unknown_option(const char *cmd, const char *arg)
{
    char typed[80];
    snprintf(typed, sizeof(typed), "%.*s", (int)strcspn(arg, "="), arg);
    const char *names[64];
    size_t n = suggest_options(cmd, names, sizeof(names) / sizeof(names[0]));
    const char *near = strncmp(typed, "--", 2) == 0 ? suggest_closest(typed, names, n) : NULL;
    if (near && strcmp(near, typed) == 0) /* getopt says '?' for a missing value too */
        return cli_usage_error(cmd, _("option '%s' needs a value"), typed);
    if (near)
        return cli_usage_error(cmd, _("unknown option '%s'; did you mean '%s'?"), arg, near);
    return cli_usage_error(cmd, _("unknown option '%s'"), arg);
}

int cli_unknown_lang(const char *cmd, const char *lang, const struct sp_manifest *m)
{
    char list[256] = "";
    for (uint32_t i = 0; i < m->nlanguages; i++) {
        size_t used = strlen(list);
        snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", m->languages[i]);
    }
    /* TRANSLATORS: the first %s is what was given, the second the quiz's languages, such as
     * "en, zh". */
    return cli_usage_error(cmd, _("the quiz has no language '%s'; it has %s"), lang, list);
}

int cli_exit_for(int err)
{
    switch (err) {
    case SP_OK: return EXIT_OK;
    case SP_EIO:
    case SP_EEXIST: return EXIT_IO;
    case SP_ENOMEM:
    case SP_ECRYPTO:
    case SP_EINVAL: return EXIT_INTERNAL;
    default: return EXIT_NEGATIVE;
    }
}

int cli_help_exit(const char *cmd)
{
    cli_print_help(cmd, stdout);
    return cli_finish(EXIT_OK);
}

/* Writes one code point as a JSON \u escape (a surrogate pair above U+FFFF). */
static void json_escape_cp(FILE *out, uint32_t cp)
{
    if (cp > 0xFFFF) {
        cp -= 0x10000;
        fprintf(out, "\\u%04x\\u%04x", 0xD800 + (unsigned)(cp >> 10),
                0xDC00 + (unsigned)(cp & 0x3FF));
    } else {
        fprintf(out, "\\u%04x", (unsigned)cp);
    }
}

void cli_json_string(FILE *out, const char *s)
{
    static const char *const short_escapes[128] = {
        ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r"};
    fputc('"', out);
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0) { /* invalid UTF-8 would make the whole document invalid */
            fputs("\\ufffd", out);
            i++;
            continue;
        }
        if (cp < 0x80 && short_escapes[cp])
            fputs(short_escapes[cp], out);
        else if (sp_is_hostile_codepoint(cp, false))
            json_escape_cp(out, cp); /* controls, bidi, invisible: never raw, even in JSON */
        else
            fwrite(p + i, 1, k, out);
        i += k;
    }
    fputc('"', out);
}

int cli_check_name(const char *cmd, const char *name)
{
    sp_name_issue is;
    if (sp_name_check(name, strlen(name), &is) == SP_NAME_OK)
        return EXIT_OK;
    char why[160];
    return cli_usage_error(cmd, _("--name: %s; %s"), sp_name_explain(&is, why, sizeof(why)),
                           sp_name_rule());
}

bool cli_use_color(FILE *f)
{
    if (cli_no_color || getenv("NO_COLOR"))
        return false;
    const char *term = getenv("TERM");
    if (!term || strcmp(term, "dumb") == 0)
        return false;
    return isatty(fileno(f));
}

const char *cli_exe_dir(void)
{
    /* Asked for the catalogue, the default quiz and the page's template: read the link once. */
    static char dir[PATH_MAX];
    static bool known;
    if (known)
        return dir;
    known = true;
    ssize_t n = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
    dir[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    return dir;
}

/* The folder above the program's folder (static storage): "/usr" for "/usr/bin/signpost", the
 * source tree for a program in its build folder; "" when unknown. */
static const char *exe_parent(void)
{
    static char parent[PATH_MAX];
    snprintf(parent, sizeof(parent), "%s", cli_exe_dir());
    char *slash = strrchr(parent, '/');
    if (!slash)
        parent[0] = '\0';
    else
        *slash = '\0'; /* "/signpost" gives "", read as the root */
    return parent;
}

size_t cli_default_quiz_places(const char *places[CLI_QUIZ_PLACES])
{
    static char installed_here[PATH_MAX + 64], source[PATH_MAX + 64];
    const char *up = exe_parent();
    size_t n = 0;
    /* Installed next to the program (bin/../share/signpost): this holds for any prefix and for
     * a tree unpacked somewhere else, such as a staging root or `dpkg -x`. */
    if (*cli_exe_dir()) {
        snprintf(installed_here, sizeof(installed_here), "%s/share/signpost/quizzes/placement.yaml",
                 up);
        places[n++] = installed_here;
    }
    places[n++] = SIGNPOST_DATADIR "/quizzes/placement.yaml";
    /* A program run from its build folder finds the quizzes of its source tree. */
    if (*cli_exe_dir()) {
        snprintf(source, sizeof(source), "%s/quizzes/placement.yaml", up);
        places[n++] = source;
    }
    return n;
}

const char *cli_default_quiz(void)
{
    const char *env = getenv("SIGNPOST_QUIZ");
    if (env && *env)
        return env;
    const char *places[CLI_QUIZ_PLACES];
    size_t n = cli_default_quiz_places(places);
    for (size_t i = 0; i < n; i++)
        if (access(places[i], R_OK) == 0)
            return places[i];
    return NULL;
}

void cli_no_default_quiz(void)
{
    const char *places[CLI_QUIZ_PLACES];
    size_t n = cli_default_quiz_places(places);
    char list[3 * (PATH_MAX + 64) + 8] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof(list); i++) {
        int w = snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", places[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    /* TRANSLATORS: %s is the list of files looked for, separated by commas. */
    cli_error(_("no quiz found: give --quiz MANIFEST or set SIGNPOST_QUIZ (looked for %s)"), list);
}

bool cli_config_path(const char *name, char *out, size_t size)
{
    const char *own = getenv("SIGNPOST_CONFIG_DIR");
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int n;
    if (own && *own)
        n = snprintf(out, size, "%s%s%s", own, *name ? "/" : "", name);
    else if (xdg && xdg[0] == '/')
        n = snprintf(out, size, "%s/signpost%s%s", xdg, *name ? "/" : "", name);
    else if (home && *home)
        n = snprintf(out, size, "%s/.config/signpost%s%s", home, *name ? "/" : "", name);
    else
        return false;
    return n > 0 && (size_t)n < size;
}

int cli_finish(int rc)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno != EPIPE)
            cli_error(_("cannot write output: %s"), strerror(errno));
        return rc == EXIT_OK ? EXIT_IO : rc;
    }
    return rc;
}

/* True for a locale name under which GNU gettext translates nothing and ignores LANGUAGE
 * (glibc honours LANGUAGE under C.UTF-8, so that one is not among them). */
static bool untranslated_locale(const char *v)
{
    return strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0;
}

/* The language the environment asks for, with gettext's precedence: the first of LC_ALL,
 * LC_MESSAGES, LANG that is set decides, except that LANGUAGE (a list, the first entry
 * counts) comes before them unless that locale is C or POSIX, where gettext ignores it. */
static const char *locale_lang(void)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    const char *locale = NULL;
    for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]) && !locale; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v)
            locale = v;
    }
    const char *language = getenv("LANGUAGE");
    if (language && *language && locale && !untranslated_locale(locale))
        return strncmp(language, "zh", 2) == 0 ? "zh" : "en";
    return locale && strncmp(locale, "zh", 2) == 0 ? "zh" : "en";
}

const char *cli_interface_lang(void)
{
    return locale_lang();
}

static const char *current_language = "en";

const char *cli_language(void)
{
    return current_language;
}

void cli_use_language(const char *lang)
{
    current_language = strcmp(lang, "zh") == 0 ? "zh" : "en";
#ifdef SIGNPOST_NLS
    /* GNU gettext ignores LANGUAGE in the "C" locale, so that one becomes C.UTF-8 (always
     * present); LANGUAGE then picks the catalogue whether or not a zh_CN locale is installed. */
    const char *m = setlocale(LC_MESSAGES, NULL);
    if (!m || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    setenv("LANGUAGE", strcmp(lang, "zh") == 0 ? "zh_CN:zh" : "en", 1);
    /* gettext keeps the translations it has looked up; setting the text domain again tells it
     * that the language changed, so that no message already seen stays in the old one. */
    textdomain(textdomain(NULL));
#else
    (void)lang;
#endif
}

const char *cli_pick_lang(const char *lang, const sp_manifest *m)
{
    const char *want = lang ? lang : locale_lang();
    for (uint32_t i = 0; i < m->nlanguages; i++)
        if (strcmp(m->languages[i], want) == 0)
            return m->languages[i];
    if (lang)
        return NULL;
    for (uint32_t i = 0; i < m->nlanguages; i++)
        if (strcmp(m->languages[i], "en") == 0)
            return m->languages[i];
    return m->nlanguages ? m->languages[0] : "en";
}

bool cli_parse_seed(const char *s, uint64_t *out)
{
    if (!*s || strlen(s) > 16)
        return false;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        v = v * 10 + (uint64_t)(*p - '0');
    }
    if (v > SP_SEED_MAX)
        return false;
    *out = v;
    return true;
}

const char *cli_severity_label(sp_severity sev)
{
    switch (sev) {
    case SP_SEV_WARNING:
        /* TRANSLATORS: the severity of a diagnostic, as in "FILE:3:1: warning: ..." */
        return _("warning");
    case SP_SEV_NOTE:
        /* TRANSLATORS: the severity of a diagnostic, as in "FILE:3:1: note: ..." */
        return _("note");
    default:
        /* TRANSLATORS: the severity of a diagnostic, as in "FILE:3:1: error: ..." */
        return _("error");
    }
}

void cli_print_diags(const sp_diags *diags, bool warnings)
{
    fflush(stdout);
    for (size_t i = 0; i < sp_diags_count(diags); i++) {
        const sp_diag *d = sp_diags_at(diags, i);
        if (!warnings && d->severity != SP_SEV_ERROR)
            continue;
        safe_fputs(d->file, stderr);
        if (d->line)
            fprintf(stderr, ":%u:%u", d->line, d->column);
        fputs(": ", stderr);
        fprintf(stderr, _("%s: "), cli_severity_label(d->severity)); /* "错误：" in Chinese */
        safe_fputs(d->message, stderr);
        fputc('\n', stderr);
    }
}
