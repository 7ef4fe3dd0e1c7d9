/* signpost sign: sign an unsigned result in place. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/atomic.h"
#include "cli.h"
#include "base/fileio.h"
#include "outputs.h"
#include "safe.h"
#include "signing.h"
#include "signpost/verify.h"
#include "base/util.h"
#include "verifier.h"

typedef struct sign_opts {
    const char *file;
    const char *sec;
    const char *passfile;
    verifier_args replay; /* --quiz: more quizzes to replay the result with before signing */
} sign_opts;

static int parse_options(int argc, char **argv, sign_opts *o)
{
    enum { OPT_PASSFILE = 256 };
    static const struct option longopts[] = {
        {"secret", required_argument, NULL, 's'},
        {"passphrase-file", required_argument, NULL, OPT_PASSFILE},
        {"quiz", required_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    while ((c = getopt_long(argc, argv, ":s:q:h", longopts, NULL)) != -1) {
        switch (c) {
        case 's': o->sec = optarg; break;
        case 'q':
            if ((rc = verifier_arg(&o->replay, c, optarg, "sign")) != EXIT_OK)
                return rc;
            break;
        case OPT_PASSFILE: o->passfile = optarg; break;
        case 'h': return -1;
        case ':': return cli_usage_error("sign", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("sign", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("sign", "%s", _("name the result file to sign"));
    if (optind + 1 < argc)
        return cli_usage_error("sign", _("sign takes one result file, not '%s' too"),
                               argv[optind + 1]);
    o->file = argv[optind];
    return 0;
}

/* Refuses a file that is already signed or that is not a result; prints why. */
static int check_unsigned(const char *path, const char *buf, size_t len)
{
    size_t m = strlen(SP_RESULT_MAGIC);
    if (len > m && memcmp(buf, SP_RESULT_MAGIC, m) == 0 && buf[m] == '\n')
        return EXIT_OK;
    sp_sigblock sig;
    size_t block;
    if (sp_signed_split(buf, len, path, NULL, &block) == 0 &&
        sp_sigblock_parse(buf, block, path, NULL, &sig) == 0) {
        char id[SP_KEYID_HEX_SIZE];
        sp_keyid_format(sig.keyid, id);
        cli_error(_("%s is already signed (by key %s); refusing to sign it again"), path, id);
    } else if (len >= 19 && memcmp(buf, "untrusted comment: ", 19) == 0) {
        cli_error(_("%s starts with a signature block: it is already signed (or a damaged signed "
                    "result); refusing to sign it"),
                  path);
    } else {
        cli_error(_("%s is not an unsigned signpost result: its first line is not '%s'"), path,
                  SP_RESULT_MAGIC);
    }
    return EXIT_NEGATIVE;
}

/* ---- Replaying before vouching ----------------------------------------------------------------
 */

/* Says, on stderr, why a result is not signed or is signed without a full replay. */
static int replay_verdict(const char *path, const sp_verify_report *rep)
{
    const sp_check *banks = &rep->checks[SP_CHECK_BANKS], *replay = &rep->checks[SP_CHECK_REPLAY];
    if (banks->status == SP_CHECK_FAILED || replay->status == SP_CHECK_FAILED) {
        /* TRANSLATORS: %1$s is the result file; %2$s says what is wrong with it. */
        cli_error(_("refusing to sign %s: it does not replay: %s"), path,
                  banks->status == SP_CHECK_FAILED ? banks->detail : replay->detail);
        return EXIT_NEGATIVE;
    }
    if (replay->status != SP_CHECK_PASSED)
        /* TRANSLATORS: %1$s is the result file; %2$s says what of its quiz is missing. */
        cli_error(_("warning: %s was not replayed in full before signing: %s; verify will call "
                    "it intact, not verified, until the quiz it names is given with --quiz"),
                  path, rep->quiz_why[0] ? rep->quiz_why : banks->detail);
    return EXIT_OK;
}

/* A signature vouches for the result: before signing, the result is replayed as verify would
 * replay it, so that a result whose scores do not follow from its answers, or that misnames
 * its quiz, is never signed. One that cannot be replayed in full is signed with a warning. */
static int replay_before_signing(const sign_opts *o, const char *buf, size_t len)
{
    verifier v;
    int rc = verifier_init(&v, &o->replay); /* says itself what went wrong */
    sp_verify_report rep;
    if (rc == EXIT_OK && sp_verify_file(o->file, buf, len, &v.opts, &rep) != 0) {
        cli_error("%s", _("out of memory"));
        rc = EXIT_INTERNAL;
    } else if (rc == EXIT_OK) {
        rc = replay_verdict(o->file, &rep);
        sp_verify_report_clear(&rep);
    }
    verifier_free(&v);
    return rc;
}

/* The mode to give the signed file: the old file's permissions, since it replaces that file
 * (without set-id or sticky bits, which a result never needs); the umask's when it is gone. */
static mode_t file_mode(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (st.st_mode & 0777) : sp_mode_umask(0666);
}

static int write_signed(const char *path, const char *data, size_t len)
{
    int err = sp_write_atomic(path, data, len, file_mode(path));
    if (err == 0)
        return EXIT_OK;
    cli_error(_("cannot write %s: %s"), path, err == SP_EIO ? strerror(errno) : sp_strerror(err));
    return cli_exit_for(err);
}

/* Reads the result to sign; prints what went wrong. */
static int read_result(const char *path, char **buf, size_t *len)
{
    int err = sp_input_read(path, 0, SP_LIMIT_RESULT_SIZE, buf, len);
    if (err == SP_EIO) {
        cli_error(_("cannot read %s: %s"), path, sp_input_strerror(path, errno));
        return EXIT_IO;
    }
    if (err == SP_ELIMIT) {
        cli_error(_("%s is larger than %u MiB; it is not a result"), path,
                  SP_LIMIT_RESULT_SIZE / (1024 * 1024));
        return EXIT_NEGATIVE;
    }
    if (err != 0) {
        cli_error(_("cannot read %s: %s"), path, sp_strerror(err));
        return cli_exit_for(err);
    }
    return EXIT_OK;
}

static void print_done(const char *path, const sp_seckey *key, const char *comment)
{
    sp_pubkey pk;
    char id[SP_KEYID_HEX_SIZE] = "?";
    if (sp_seckey_pubkey(key, &pk) == 0)
        sp_keyid_format(pk.id, id);
    char *shown = safe_dup(path), *tc = safe_dup(comment); /* both can hold anything */
    printf(_("Signed %s with key %s.\n"), shown ? shown : "?", id);
    /* TRANSLATORS: %s is the trusted comment itself, which stays as it is (English). */
    printf(_("Trusted comment: %s\n"), tc ? tc : "?");
    free(shown);
    free(tc);
}

static int sign_file(const sign_opts *o, const char *secpath)
{
    char *buf = NULL, *signed_file = NULL;
    size_t len = 0, slen = 0;
    sp_seckey *key = NULL;
    char comment[SP_TRUSTED_COMMENT_MAX + 1];
    /* The result is replaced in place, by design; the other inputs must not be it. */
    const out_input inputs[] = {{secpath, _("the secret key")},
                                {o->passfile, _("the passphrase file")}};
    int rc = outputs_check("sign", o->file, inputs, SP_ARRAY_LEN(inputs));
    if (rc == EXIT_OK)
        rc = read_result(o->file, &buf, &len);
    if (rc == EXIT_OK)
        rc = check_unsigned(o->file, buf, len);
    if (rc == EXIT_OK)
        rc = signing_comment(o->file, buf, len, comment);
    if (rc == EXIT_OK)
        rc = replay_before_signing(o, buf, len);
    if (rc == EXIT_OK)
        rc = signing_open_key(secpath, "-s", o->passfile, &key);
    if (rc == EXIT_OK)
        rc = signing_sign(key, o->file, comment, buf, len, &signed_file, &slen);
    if (rc == EXIT_OK)
        rc = write_signed(o->file, signed_file, slen);
    if (rc == EXIT_OK)
        print_done(o->file, key, comment);
    sp_seckey_free(key);
    free(signed_file);
    free(buf);
    return rc;
}

int cmd_sign(int argc, char **argv)
{
    sign_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("sign");
    if (rc)
        return rc;
    char secpath[PATH_MAX];
    if (!o.sec) {
        if (!signing_default_key(secpath, sizeof(secpath)))
            return EXIT_USAGE;
        o.sec = secpath;
    }
    return cli_finish(sign_file(&o, o.sec));
}
