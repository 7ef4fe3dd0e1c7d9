/* signpost keygen: make a key pair in minisign's formats. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "cli.h"
#include "base/fileio.h"
#include "outputs.h"
#include "passphrase.h"
#include "safe.h"
#include "signpost/sign.h"
#include "base/util.h"
#include "wrap.h"

typedef struct keygen_opts {
    const char *pub;
    const char *sec;
    const char *passfile;
    bool unencrypted;
    bool force;
} keygen_opts;

/* The paths used when -p or -s is not given, and their folder. */
typedef struct default_paths {
    char dir[PATH_MAX];
    char pub[PATH_MAX];
    char sec[PATH_MAX];
} default_paths;

static int parse_options(int argc, char **argv, keygen_opts *o)
{
    enum { OPT_PASSFILE = 256 };
    static const struct option longopts[] = {
        {"public", required_argument, NULL, 'p'},
        {"secret", required_argument, NULL, 's'},
        {"unencrypted", no_argument, NULL, 'W'},
        {"force", no_argument, NULL, 'f'},
        {"passphrase-file", required_argument, NULL, OPT_PASSFILE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, ":p:s:Wfh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->pub = optarg; break;
        case 's': o->sec = optarg; break;
        case 'W': o->unencrypted = true; break;
        case 'f': o->force = true; break;
        case OPT_PASSFILE: o->passfile = optarg; break;
        case 'h': return -1;
        case ':':
            return cli_usage_error("keygen", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("keygen", argv[optind - 1]);
        }
    }
    return 0;
}

/* Creates a folder with mode 0700 unless it exists. */
static int make_private_dir(const char *dir)
{
    if (mkdir(dir, 0700) == 0 || errno == EEXIST)
        return EXIT_OK;
    cli_error(_("cannot create the folder %s: %s"), dir, strerror(errno));
    return EXIT_IO;
}

/* The configuration folder (cli_config_path); it and its parent are created 0700 when
 * missing. */
static int find_default_paths(default_paths *d)
{
    if (!cli_config_path("", d->dir, sizeof(d->dir))) {
        cli_error("%s", _("cannot find your configuration folder: set HOME, XDG_CONFIG_HOME or "
                          "SIGNPOST_CONFIG_DIR, or give -p and -s"));
        return EXIT_USAGE;
    }
    if ((size_t)snprintf(d->pub, sizeof(d->pub), "%s/signpost.pub", d->dir) >= sizeof(d->pub) ||
        (size_t)snprintf(d->sec, sizeof(d->sec), "%s/signpost.key", d->dir) >= sizeof(d->sec)) {
        cli_error("%s", _("the configuration folder's path is too long"));
        return EXIT_USAGE;
    }
    char parent[PATH_MAX];
    snprintf(parent, sizeof(parent), "%s", d->dir);
    char *slash = strrchr(parent, '/');
    int rc = EXIT_OK;
    if (slash && slash != parent) {
        *slash = '\0';
        rc = make_private_dir(parent);
    }
    return rc == EXIT_OK ? make_private_dir(d->dir) : rc;
}

/* Refuses a folder that cannot take the key file (missing, not writable) before anything is
 * written, with the message a failed write would give. */
static int check_folder(const char *path, bool secret)
{
    const char *slash = strrchr(path, '/');
    char dir[PATH_MAX];
    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash == path ? 1 : slash - path) : 1,
             slash ? path : ".");
    if (access(dir, W_OK | X_OK) == 0)
        return EXIT_OK;
    if (secret)
        cli_error(_("cannot write the secret key %s: %s"), path, strerror(errno));
    else
        cli_error(_("cannot write the public key %s: %s"), path, strerror(errno));
    return EXIT_IO;
}

/* What may be at a key's path: nothing, or with --force a key of the same kind, which is the
 * only file --force replaces (a secret key at -p, a result or notes at -s, would be lost). */
static int check_destination(const char *path, bool secret, bool force)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return EXIT_OK;
    if (secret && S_ISLNK(st.st_mode)) {
        cli_error(_("%s is a symbolic link; refusing to write a secret key through it"), path);
        return EXIT_IO;
    }
    if (!force) {
        if (secret)
            cli_error(_("%s already exists; use --force to replace it (the old key will be lost)"),
                      path);
        else
            cli_error(_("%s already exists; use --force to replace it"), path);
        return EXIT_IO;
    }
    if (sp_key_file_kind(path) != (secret ? SP_KEYFILE_SECRET : SP_KEYFILE_PUBLIC)) {
        if (secret)
            cli_error(_("%s is not a secret key; --force replaces only an old key, never another "
                        "file"),
                      path);
        else
            cli_error(_("%s is not a public key; --force replaces only an old key, never another "
                        "file"),
                      path);
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* Refuses before any question is asked and before anything is written: the two keys as one
 * file (by any name), a key over the passphrase file, each destination as check_destination
 * says, and a folder that cannot take its key. */
static int check_targets(const keygen_opts *o)
{
    if (sp_same_file(o->sec, o->pub))
        return cli_usage_error("keygen",
                               _("the secret key %s and the public key %s are the same file"),
                               o->sec, o->pub);
    const out_input pass = {o->passfile, _("the passphrase file")};
    int rc = outputs_not_an_input("keygen", o->sec, &pass, 1);
    if (rc == EXIT_OK)
        rc = outputs_not_an_input("keygen", o->pub, &pass, 1);
    if (rc == EXIT_OK)
        rc = check_destination(o->sec, true, o->force);
    if (rc == EXIT_OK)
        rc = check_destination(o->pub, false, o->force);
    if (rc != EXIT_OK)
        return rc;
    if ((rc = check_folder(o->sec, true)) == EXIT_OK)
        rc = check_folder(o->pub, false);
    if (rc != EXIT_OK)
        cli_error(_("no key was written (neither %s nor %s)"), o->sec, o->pub);
    return rc;
}

/* Gets the passphrase into opts, or decides on no passphrase. An empty passphrase typed at the
 * terminal means the user may want an unencrypted key: ask; from a file or a pipe it is an
 * error, since nobody can be asked. */
static int get_passphrase(const keygen_opts *o, cli_secret *pass, sp_seckey_opts *so)
{
    if (o->unencrypted)
        return EXIT_OK;
    cli_pass_source source;
    int rc = cli_passphrase_get(o->passfile, _("Passphrase for the new secret key: "), true, pass,
                                &source);
    if (rc != EXIT_OK)
        return rc;
    if (pass->len == 0) {
        cli_secret_free(pass);
        if (source != CLI_PASS_TERMINAL) {
            cli_error("%s", _("the passphrase is empty; use --unencrypted to store the key "
                              "without one"));
            return EXIT_NEGATIVE;
        }
        /* TRANSLATORS: the answer is read as y or yes (any case); anything else means no. */
        if (!cli_tty_confirm(_("No passphrase: store the key unencrypted? [y/N] "))) {
            cli_error("%s", _("no key written"));
            return EXIT_NEGATIVE;
        }
        return EXIT_OK;
    }
    so->passphrase = pass->data;
    so->passphrase_len = pass->len;
    return EXIT_OK;
}

/* Reports a failure to write the secret (or else the public) key at path. */
static void save_error(bool secret, const char *path, int err)
{
    const char *why = err == SP_EIO ? strerror(errno) : sp_strerror(err);
    if (err == SP_EEXIST)
        cli_error(_("%s already exists; use --force to replace it"), path);
    else if (secret)
        cli_error(_("cannot write the secret key %s: %s"), path, why);
    else
        cli_error(_("cannot write the public key %s: %s"), path, why);
}

/* Prints a paragraph of the summary, wrapped to the terminal's width and at most 80 columns. */
static void say(const char *fmt, ...) SP_PRINTF(1, 2);
static void say(const char *fmt, ...)
{
    sp_buf b = {0};
    va_list ap;
    va_start(ap, fmt);
    sp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    int width = wrap_terminal_width(STDOUT_FILENO);
    wrap_print(stdout, sp_buf_str(&b) ? sp_buf_str(&b) : "?",
               &(wrap_style){.width = width < 80 ? width : 80});
    sp_buf_free(&b);
}

/* path as one word for a POSIX shell, made safe (safe_dup) and in single quotes unless it
 * needs none; malloc'd, NULL when out of memory. */
static char *shell_word(const char *path)
{
    char *safe = safe_dup(path);
    if (!safe || (*safe &&
                  strspn(safe, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                               "0123456789_./+-~@%:,=") == strlen(safe) &&
                  safe[0] != '~'))
        return safe;
    sp_buf b = {0};
    sp_buf_append(&b, "'", 1);
    for (const char *p = safe; *p; p++)
        sp_buf_append(&b, *p == '\'' ? "'\\''" : p, *p == '\'' ? 4 : 1);
    sp_buf_append(&b, "'", 1);
    free(safe);
    const char *out = sp_buf_str(&b);
    char *word = out ? strdup(out) : NULL;
    sp_buf_free(&b);
    return word;
}

/* What was written, and the commands that check a result signed with the key: minisign
 * checks the body that 'export --minisign' writes, never the result file itself. */
static void print_summary(const keygen_opts *o, const sp_pubkey *pk, bool encrypted)
{
    char id[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
    sp_keyid_format(pk->id, id);
    sp_pubkey_base64(pk, b64);
    char *pubword = shell_word(o->pub);
    if (encrypted)
        say(_("The secret key was saved as %s (encrypted with your passphrase; keep it "
              "secret)."),
            o->sec);
    else
        say(_("The secret key was saved as %s (unencrypted: anyone who can read it can sign "
              "as you)."),
            o->sec);
    say(_("The public key was saved as %s; it can be shared."), o->pub);
    say(_("Key id: %s"), id);
    /* Not wrapped: the key is copied whole. */
    printf(_("Public key: %s"), b64);
    fputs("\n\n", stdout);
    say("%s", _("To check a result signed with this key, its signature and its scores:"));
    /* RESULT is a placeholder that stays in English, as in the help texts. */
    printf("  signpost verify -p %s RESULT\n", pubword ? pubword : "?");
    say("%s", _("To check its signature with stock minisign, export the signed body first:"));
    printf("  signpost export --minisign RESULT\n");
    printf("  minisign -Vm RESULT.body -p %s\n", pubword ? pubword : "?");
    free(pubword);
}

/* Writes both key files, all or nothing: both are written in full under temporary names
 * before either is named, and when the second cannot be named the first is taken back (removed,
 * or with --force the old key put back). Returns an exit code, after a message. */
static int save_pair(const keygen_opts *o, const char *sectext, size_t seclen, const char *pubtext,
                     size_t publen)
{
    sp_staged sec = {0}, pub = {0};
    bool secret = true; /* whether the step that failed was the secret key's */
    int err = sp_stage(&sec, o->sec, sectext, seclen, 0600);
    if (err == 0) {
        secret = false;
        err = sp_stage(&pub, o->pub, pubtext, publen, sp_mode_umask(0666));
    }
    if (err == 0) {
        secret = true;
        err = sp_staged_commit(&sec, o->force);
    }
    if (err == 0) {
        secret = false;
        err = sp_staged_commit(&pub, o->force);
    }
    if (err != 0) {
        save_error(secret, secret ? o->sec : o->pub, err);
        bool undone = sp_staged_abort(&pub);
        undone = sp_staged_abort(&sec) && undone;
        if (undone)
            cli_error(_("no key was written (neither %s nor %s)"), o->sec, o->pub);
        else
            cli_error(_("%s and %s may not make a pair now: run keygen again with --force"), o->sec,
                      o->pub);
        return cli_exit_for(err);
    }
    /* Both files have their names; what is left is making the names durable. */
    err = sp_staged_finish(&sec);
    secret = err != 0;
    int err_pub = sp_staged_finish(&pub);
    if (err == 0)
        err = err_pub;
    if (err != 0)
        save_error(secret, secret ? o->sec : o->pub, err);
    return cli_exit_for(err);
}

/* Makes the key pair and writes both files. */
static int generate_and_save(const keygen_opts *o, const sp_seckey_opts *so)
{
    sp_seckey *key = NULL;
    sp_pubkey pk;
    char *sectext = NULL, *pubtext = NULL;
    size_t seclen = 0, publen = 0;
    int err = sp_seckey_generate(&key);
    if (err == 0)
        err = sp_seckey_pubkey(key, &pk);
    if (err == 0)
        err = sp_seckey_format(key, so, &sectext, &seclen);
    if (err == 0)
        err = sp_pubkey_format(&pk, &pubtext, &publen);
    sp_seckey_free(key);
    int rc = EXIT_INTERNAL;
    if (err != 0)
        cli_error(_("cannot make a key: %s"), sp_strerror(err));
    else if ((rc = save_pair(o, sectext, seclen, pubtext, publen)) == EXIT_OK)
        print_summary(o, &pk, so->passphrase != NULL);
    sp_seckey_text_free(sectext);
    free(pubtext);
    return rc;
}

int cmd_keygen(int argc, char **argv)
{
    keygen_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("keygen");
    if (rc)
        return rc;
    if (optind < argc)
        return cli_usage_error("keygen", _("unexpected argument '%s'"), argv[optind]);
    if (o.unencrypted && o.passfile)
        return cli_usage_error("keygen", "%s",
                               _("--unencrypted and --passphrase-file contradict each other"));
    default_paths d;
    if (!o.pub || !o.sec) {
        if ((rc = find_default_paths(&d)) != EXIT_OK)
            return rc;
        o.pub = o.pub ? o.pub : d.pub;
        o.sec = o.sec ? o.sec : d.sec;
    }
    if ((rc = check_targets(&o)) != EXIT_OK)
        return rc;
    cli_secret pass = {0};
    sp_seckey_opts so = {.force = o.force};
    rc = get_passphrase(&o, &pass, &so);
    if (rc == EXIT_OK)
        rc = generate_and_save(&o, &so);
    cli_secret_free(&pass);
    return cli_finish(rc);
}
