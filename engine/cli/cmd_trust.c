/* signpost trust: the folder of keys you trust ($XDG_CONFIG_HOME/signpost/trusted/KEYID.pub),
 * which verify, show and analyze use when no -p or -P is given. One key per file, in minisign's
 * public key format, the untrusted comment holding the name given with --name. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/atomic.h"
#include "cli.h"
#include "base/fileio.h"
#include "safe.h"
#include "signpost/sign.h"
#include "base/util.h"

/* Public key files are small; anything larger is not one (minisign.c has the same bound). */
#define TRUST_FILE_MAX 8192
/* Most keys --list shows. */
#define TRUST_LIST_MAX 1000

typedef struct trust_opts {
    const char *key;    /* the operand: a public key file, or a key in base64 */
    const char *name;   /* --name */
    const char *remove; /* --remove ID */
    bool list;
} trust_opts;

static int parse_options(int argc, char **argv, trust_opts *o)
{
    enum { OPT_LIST = 256, OPT_REMOVE };
    static const struct option longopts[] = {
        {"name", required_argument, NULL, 'n'},
        {"list", no_argument, NULL, OPT_LIST},
        {"remove", required_argument, NULL, OPT_REMOVE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, ":n:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'n': o->name = optarg; break;
        case OPT_LIST: o->list = true; break;
        case OPT_REMOVE: o->remove = optarg; break;
        case 'h': return -1;
        case ':': return cli_usage_error("trust", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("trust", argv[optind - 1]);
        }
    }
    if (optind < argc)
        o->key = argv[optind++];
    if (optind < argc)
        return cli_usage_error("trust", _("trust takes one key, not '%s' too"), argv[optind]);
    int modes = (o->key != NULL) + o->list + (o->remove != NULL);
    if (modes != 1)
        return cli_usage_error("trust", "%s",
                               _("give one public key (a .pub file or its base64), or --list, "
                                 "or --remove ID"));
    if (o->name && !o->key)
        return cli_usage_error("trust", "%s", _("--name goes with a key to trust"));
    return o->name ? cli_check_name("trust", o->name) : EXIT_OK;
}

/* The trusted folder into dir; false after a message when there is no configuration folder. */
static bool trusted_dir(char *dir, size_t size)
{
    if (cli_config_path("trusted", dir, size))
        return true;
    cli_error("%s", _("cannot find your configuration folder: set HOME, XDG_CONFIG_HOME or "
                      "SIGNPOST_CONFIG_DIR"));
    return false;
}

/* DIR/NAME into out; false after a message when it does not fit. */
static bool join_path(char *out, size_t size, const char *dir, const char *name)
{
    int n = snprintf(out, size, "%s/%s", dir, name);
    if (n > 0 && (size_t)n < size)
        return true;
    cli_error(_("the path %s/%s is too long"), dir, name);
    return false;
}

/* The text after "untrusted comment: " on the first line of a key file, into out. */
static void read_comment(const char *path, char *out, size_t size)
{
    char *text = NULL;
    size_t len = 0;
    out[0] = '\0';
    if (sp_input_read(path, 0, TRUST_FILE_MAX, &text, &len) != 0)
        return;
    const char *prefix = "untrusted comment: ";
    size_t n = strlen(prefix), end = n;
    while (end < len && text[end] != '\n')
        end++;
    if (len >= n && memcmp(text, prefix, n) == 0)
        snprintf(out, size, "%.*s", (int)(end - n), text + n);
    free(text);
}

/* ---- Adding a key ---------------------------------------------------------------------------- */

/* Reads the operand: a file when one exists at that path, else a key in base64. */
static int read_key(const char *arg, sp_pubkey *key)
{
    sp_diags *d = sp_diags_new();
    if (!d)
        return EXIT_INTERNAL;
    struct stat st;
    bool file = stat(arg, &st) == 0;
    int err = file ? sp_pubkey_load(arg, d, key)
                   : sp_pubkey_parse_base64(arg, strlen(arg), "key", d, key);
    int rc = EXIT_OK;
    if (err == SP_EIO) {
        cli_error(_("cannot read the public key %s: %s"), arg, sp_input_strerror(arg, errno));
        rc = EXIT_IO;
    } else if (err == SP_ENOMEM) {
        rc = EXIT_INTERNAL;
    } else if (err != 0) {
        cli_print_diags(d, false);
        cli_error(_("%s is not a public key: give a minisign public key file, or the key in "
                    "base64 (the second line of such a file, starting RW); nothing was trusted"),
                  arg);
        rc = EXIT_NEGATIVE;
    }
    sp_diags_free(d);
    return rc;
}

/* The file for key in dir: refuses to replace a file that holds another key (or none). Sets
 * *same when the file holds this very key already. */
static int check_existing(const char *path, const char *hex, const sp_pubkey *key, bool *same)
{
    *same = false;
    sp_pubkey old;
    int err = sp_pubkey_load(path, NULL, &old);
    if (err == SP_EIO && errno == ENOENT)
        return EXIT_OK;
    if (err == 0 && memcmp(&old, key, sizeof(old)) == 0) {
        *same = true;
        return EXIT_OK;
    }
    /* TRANSLATORS: %1$s is the file, %2$s the key id. */
    cli_error(_("%s is there already and does not hold this key: another key with id %s (or a "
                "damaged file); nothing was changed; remove it first with 'signpost trust "
                "--remove %s' if you mean to replace it"),
              path, hex, hex);
    return EXIT_NEGATIVE;
}

/* Creates dir and any folder missing above it, mode 0700, as `mkdir -p` would. */
static int make_dirs(const char *dir)
{
    char path[PATH_MAX];
    snprintf(path, sizeof(path), "%s", dir);
    for (char *p = path + 1;; p++) {
        bool end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST) {
            cli_error(_("cannot create the folder %s: %s"), path, strerror(errno));
            return EXIT_IO;
        }
        if (end)
            return EXIT_OK;
        *p = '/';
    }
}

/* The key file's text: the name (or signpost's usual comment) and the key. */
static char *key_text(const sp_pubkey *key, const char *name, const char *hex, size_t *len)
{
    char b64[SP_PUBKEY_BASE64_SIZE];
    sp_pubkey_base64(key, b64);
    sp_buf b = {0};
    if (name)
        sp_buf_printf(&b, "untrusted comment: %s\n%s\n", name, b64);
    else
        sp_buf_printf(&b, "untrusted comment: signpost public key %s\n%s\n", hex, b64);
    *len = b.len;
    return b.failed ? NULL : b.data;
}

static int add_key(const trust_opts *o)
{
    sp_pubkey key;
    char dir[PATH_MAX], path[PATH_MAX], hex[SP_KEYID_HEX_SIZE];
    int rc = read_key(o->key, &key);
    if (rc != EXIT_OK)
        return rc;
    if (!trusted_dir(dir, sizeof(dir)))
        return EXIT_USAGE;
    sp_keyid_format(key.id, hex);
    char file[SP_KEYID_HEX_SIZE + 4];
    snprintf(file, sizeof(file), "%s.pub", hex);
    if (!join_path(path, sizeof(path), dir, file))
        return EXIT_USAGE;
    bool same;
    if ((rc = check_existing(path, hex, &key, &same)) != EXIT_OK)
        return rc;
    if (same && !o->name) {
        printf(_("Key %s is trusted already (%s).\n"), hex, path);
        return EXIT_OK;
    }
    if ((rc = make_dirs(dir)) != EXIT_OK)
        return rc;
    size_t len = 0;
    char *text = key_text(&key, o->name, hex, &len);
    int err = text ? sp_write_atomic(path, text, len, sp_mode_umask(0666)) : SP_ENOMEM;
    free(text);
    if (err != 0) {
        cli_error(_("cannot write %s: %s"), path,
                  err == SP_EIO ? strerror(errno) : sp_strerror(err));
        return cli_exit_for(err);
    }
    char *shown = safe_dup(path);
    printf(_("Trusted key %s, saved as %s.\n"), hex, shown ? shown : "?");
    free(shown);
    puts(_("Results signed with this key will show as trusted; that says the file is unchanged "
           "since this key signed it, not who sat at the keyboard."));
    return EXIT_OK;
}

/* ---- Listing and removing -------------------------------------------------------------------- */

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Prints one key file of the folder: id, key and name, or why it cannot be used. */
static void list_one(const char *dir, const char *file)
{
    char path[PATH_MAX], comment[1024];
    if (!join_path(path, sizeof(path), dir, file))
        return;
    sp_pubkey key;
    sp_buf b = {0};
    if (sp_pubkey_load(path, NULL, &key) == 0) {
        char hex[SP_KEYID_HEX_SIZE], b64[SP_PUBKEY_BASE64_SIZE];
        sp_keyid_format(key.id, hex);
        sp_pubkey_base64(&key, b64);
        read_comment(path, comment, sizeof(comment));
        sp_buf_printf(&b, "%s  %s  %s", hex, b64, comment);
    } else {
        /* TRANSLATORS: %s is a file in the trusted folder. */
        sp_buf_printf(&b, _("%s: not a usable public key"), file);
    }
    safe_fputs(sp_buf_str(&b) ? sp_buf_str(&b) : "?", stdout);
    fputc('\n', stdout);
    sp_buf_free(&b);
}

static int list_keys(void)
{
    char dir[PATH_MAX];
    if (!trusted_dir(dir, sizeof(dir)))
        return EXIT_USAGE;
    DIR *d = opendir(dir);
    if (!d && errno != ENOENT) {
        cli_error(_("cannot read the folder %s: %s"), dir, strerror(errno));
        return EXIT_IO;
    }
    char *names[TRUST_LIST_MAX];
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL && n < TRUST_LIST_MAX;) {
        size_t len = strlen(e->d_name);
        if (len > 4 && strcmp(e->d_name + len - 4, ".pub") == 0 && (names[n] = strdup(e->d_name)))
            n++;
    }
    if (d)
        closedir(d);
    qsort(names, n, sizeof(*names), by_name);
    if (n == 0)
        printf(_("No trusted keys (%s is empty).\n"), dir);
    for (size_t i = 0; i < n; i++) {
        list_one(dir, names[i]);
        free(names[i]);
    }
    return EXIT_OK;
}

static int remove_key(const char *id)
{
    char dir[PATH_MAX], path[PATH_MAX], hex[SP_KEYID_HEX_SIZE];
    size_t n = strlen(id);
    bool ok = n == SP_KEYID_HEX_SIZE - 1;
    for (size_t i = 0; ok && i < n; i++) {
        ok = (id[i] >= '0' && id[i] <= '9') || (id[i] >= 'A' && id[i] <= 'F') ||
             (id[i] >= 'a' && id[i] <= 'f');
        hex[i] = (char)(id[i] >= 'a' ? id[i] - 'a' + 'A' : id[i]);
    }
    if (!ok)
        return cli_usage_error("trust", "%s",
                               _("--remove takes a key id: 16 hex digits, as trust --list and "
                                 "verify print it"));
    hex[n] = '\0';
    if (!trusted_dir(dir, sizeof(dir)))
        return EXIT_USAGE;
    char file[SP_KEYID_HEX_SIZE + 4];
    snprintf(file, sizeof(file), "%s.pub", hex);
    if (!join_path(path, sizeof(path), dir, file))
        return EXIT_USAGE;
    if (unlink(path) != 0) {
        if (errno == ENOENT)
            cli_error(_("there is no trusted key %s (no file %s)"), hex, path);
        else
            cli_error(_("cannot remove %s: %s"), path, strerror(errno));
        return errno == ENOENT ? EXIT_NEGATIVE : EXIT_IO;
    }
    printf(_("Key %s is no longer trusted (%s removed).\n"), hex, path);
    return EXIT_OK;
}

int cmd_trust(int argc, char **argv)
{
    trust_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("trust");
    if (rc)
        return rc;
    if (o.list)
        rc = list_keys();
    else if (o.remove)
        rc = remove_key(o.remove);
    else
        rc = add_key(&o);
    return cli_finish(rc);
}
