/* signpost keygen: make a key pair in minisign's formats. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "passphrase.h"
#include "safe.h"
#include "signpost/sign.h"

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
    while ((c = getopt_long(argc, argv, "p:s:Wfh", longopts, NULL)) != -1) {
        switch (c) {
        case 'p': o->pub = optarg; break;
        case 's': o->sec = optarg; break;
        case 'W': o->unencrypted = true; break;
        case 'f': o->force = true; break;
        case OPT_PASSFILE: o->passfile = optarg; break;
        case 'h': return -1;
        default: return EXIT_USAGE;
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

/* Refuses before any question is asked: a symbolic link at the secret key's path, and
 * existing files without --force. */
static int check_targets(const keygen_opts *o)
{
    struct stat st;
    if (strcmp(o->pub, o->sec) == 0)
        return cli_usage_error("keygen", _("the public and the secret key cannot both be %s"),
                               o->sec);
    if (lstat(o->sec, &st) == 0 && S_ISLNK(st.st_mode)) {
        cli_error(_("%s is a symbolic link; refusing to write a secret key through it"), o->sec);
        return EXIT_IO;
    }
    if (o->force)
        return EXIT_OK;
    if (lstat(o->sec, &st) == 0) {
        cli_error(_("%s already exists; use --force to replace it (the old key will be lost)"),
                  o->sec);
        return EXIT_IO;
    }
    if (lstat(o->pub, &st) == 0) {
        cli_error(_("%s already exists; use --force to replace it"), o->pub);
        return EXIT_IO;
    }
    return EXIT_OK;
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
static int save_error(bool secret, const char *path, int err)
{
    const char *why = err == SP_EIO ? strerror(errno) : sp_strerror(err);
    if (err == SP_EEXIST)
        cli_error(_("%s already exists; use --force to replace it"), path);
    else if (secret)
        cli_error(_("cannot write the secret key %s: %s"), path, why);
    else
        cli_error(_("cannot write the public key %s: %s"), path, why);
    return cli_exit_for(err);
}

static void print_summary(const keygen_opts *o, const sp_pubkey *pk, bool encrypted)
{
    char id[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
    sp_keyid_format(pk->id, id);
    sp_pubkey_base64(pk, b64);
    char *sec = safe_dup(o->sec), *pub = safe_dup(o->pub); /* paths can hold anything */
    if (encrypted)
        printf(_("The secret key was saved as %s (encrypted with your passphrase; keep it "
                 "secret).\n"),
               sec ? sec : "?");
    else
        printf(_("The secret key was saved as %s (unencrypted: anyone who can read it can sign "
                 "as you).\n"),
               sec ? sec : "?");
    printf(_("The public key was saved as %s; it can be shared.\n"), pub ? pub : "?");
    printf(_("Key id: %s\n"), id);
    /* TRANSLATORS: FILE is a placeholder in a command line; keep it. */
    printf(_("\nFiles signed with this key can be verified with:\n"
             "  minisign -Vm FILE -P %s\n"),
           b64);
    free(sec);
    free(pub);
}

/* Makes the key pair and writes both files. */
static int generate_and_save(const keygen_opts *o, const sp_seckey_opts *so)
{
    sp_seckey *key = NULL;
    sp_pubkey pk;
    int err = sp_seckey_generate(&key);
    if (err == 0)
        err = sp_seckey_pubkey(key, &pk);
    if (err != 0) {
        sp_seckey_free(key);
        cli_error(_("cannot make a key: %s"), sp_strerror(err));
        return EXIT_INTERNAL;
    }
    err = sp_seckey_save(key, o->sec, so);
    sp_seckey_free(key);
    if (err != 0)
        return save_error(true, o->sec, err);
    err = sp_pubkey_save(&pk, o->pub);
    if (err != 0)
        return save_error(false, o->pub, err);
    print_summary(o, &pk, so->passphrase != NULL);
    return EXIT_OK;
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
        return cli_usage_error("keygen", _("unknown option or missing argument '%s'"),
                               argv[optind - 1]);
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
