/* What verify and show verify with, and their reports in words and JSON (see verifier.h). */
#include "verifier.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/fileio.h"
#include "safe.h"
#include "base/util.h"

int verifier_arg(verifier_args *a, int opt, const char *value, const char *cmd)
{
    const char **list = opt == 'p' ? a->pubfiles : opt == 'P' ? a->pubkeys : a->quizzes;
    size_t *n = opt == 'p' ? &a->npubfiles : opt == 'P' ? &a->npubkeys : &a->nquizzes;
    if (*n >= VERIFIER_MAX_ARGS)
        return cli_usage_error(cmd, _("at most %d of each of -p, -P and --quiz"),
                               VERIFIER_MAX_ARGS);
    list[(*n)++] = value;
    return EXIT_OK;
}

/* ---- Setting up ------------------------------------------------------------------------------ */

/* Adds one -p file or -P key to the set. */
static int add_key(verifier *v, const char *what, bool is_file, sp_diags *d)
{
    sp_pubkey key;
    int err = is_file ? sp_pubkey_load(what, d, &key)
                      : sp_pubkey_parse_base64(what, strlen(what), "-P", d, &key);
    if (err == SP_EIO) {
        cli_error(_("cannot read the public key %s: %s"), what, sp_input_strerror(what, errno));
        return EXIT_IO;
    }
    if (err == SP_ENOMEM)
        return EXIT_INTERNAL;
    if (err != 0) {
        cli_print_diags(d, false);
        if (is_file)
            cli_error(_("%s is not a public key file"), what);
        else
            cli_error("%s", _("-P takes a public key in base64 (the second line of a .pub file)"));
        return EXIT_USAGE;
    }
    return sp_keyset_add(v->keys, &key, is_file ? what : "-P") == 0 ? EXIT_OK : EXIT_INTERNAL;
}

static int add_keys(verifier *v, const verifier_args *a)
{
    int rc = EXIT_OK;
    for (size_t i = 0; rc == EXIT_OK && i < a->npubfiles + a->npubkeys; i++) {
        sp_diags *d = sp_diags_new();
        bool file = i < a->npubfiles;
        rc = !d ? EXIT_INTERNAL
                : add_key(v, file ? a->pubfiles[i] : a->pubkeys[i - a->npubfiles], file, d);
        sp_diags_free(d);
    }
    v->keys_given = a->npubfiles + a->npubkeys > 0;
    return rc;
}

/* The trusted folder (unless keys were given) and the own key, when the configuration folder
 * is known. A missing or broken own key is no error: it only makes "yours" unavailable. */
static int add_config_keys(verifier *v)
{
    char own[PATH_MAX];
    if (!cli_config_path("trusted", v->trusted_dir, sizeof(v->trusted_dir))) {
        v->trusted_dir[0] = '\0';
        return EXIT_OK;
    }
    if (!v->keys_given && sp_keyset_set_dir(v->keys, v->trusted_dir) != 0)
        return EXIT_INTERNAL;
    sp_pubkey key;
    if (cli_config_path("signpost.pub", own, sizeof(own)) && sp_pubkey_load(own, NULL, &key) == 0 &&
        sp_keyset_set_own(v->keys, &key, own) != 0)
        return EXIT_INTERNAL;
    return EXIT_OK;
}

static int add_quizzes(verifier *v, const verifier_args *a)
{
    for (size_t i = 0; i < a->nquizzes; i++) {
        sp_diags *d = sp_diags_new();
        int err = d ? sp_quizset_add(v->quizzes, a->quizzes[i], d) : SP_ENOMEM;
        if (err != 0 && err != SP_ENOMEM) {
            sp_diags_sort(d);
            cli_print_diags(d, false);
            /* A file that cannot be read is said once, by its diagnostic (path and reason). */
            if (err != SP_EIO || !sp_diags_errors(d))
                cli_error(_("cannot load the quiz %s: %s"), a->quizzes[i], sp_strerror(err));
        }
        sp_diags_free(d);
        if (err != 0)
            return err == SP_EIO ? EXIT_IO : err == SP_ENOMEM ? EXIT_INTERNAL : EXIT_NEGATIVE;
    }
    const char *def = cli_default_quiz();
    if (!def)
        return EXIT_OK;
    char dir[PATH_MAX], real[PATH_MAX];
    const char *slash = strrchr(def, '/');
    if (!slash)
        snprintf(dir, sizeof(dir), ".");
    else
        snprintf(dir, sizeof(dir), "%.*s", (int)(slash - def), def);
    /* "build/../quizzes" reads better without the detour */
    const char *use = realpath(dir[0] ? dir : "/", real) ? real : dir[0] ? dir : "/";
    return sp_quizset_add_dir(v->quizzes, use) == 0 ? EXIT_OK : EXIT_INTERNAL;
}

int verifier_init(verifier *v, const verifier_args *a)
{
    memset(v, 0, sizeof(*v));
    v->keys = sp_keyset_new();
    v->quizzes = sp_quizset_new();
    if (!v->keys || !v->quizzes) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    if (a->replay_only)
        sp_quizset_replay_only(v->quizzes);
    v->opts = (sp_verify_opts){v->keys, v->quizzes, a->strict};
    int rc = add_keys(v, a);
    if (rc == EXIT_OK)
        rc = add_config_keys(v);
    if (rc == EXIT_OK)
        rc = add_quizzes(v, a);
    if (rc == EXIT_INTERNAL)
        cli_error("%s", _("out of memory"));
    return rc;
}

void verifier_free(verifier *v)
{
    sp_keyset_free(v->keys);
    sp_quizset_free(v->quizzes);
    v->keys = NULL;
    v->quizzes = NULL;
}

int verifier_check(verifier *v, const char *path, sp_verify_report *rep, bool *too_large)
{
    memset(rep, 0, sizeof(*rep));
    if (too_large)
        *too_large = false;
    char *buf = NULL;
    size_t len = 0;
    /* A signature block is at most a few KiB; anything longer than that and the largest body
     * is refused by the parser with a message, so reading stops a little after the limit. */
    int err = sp_input_read(path, 0, SP_LIMIT_RESULT_SIZE + 8192, &buf, &len);
    if (err == SP_EIO || err == SP_ELIMIT) {
        cli_error(_("cannot read %s: %s"), path,
                  err == SP_EIO ? sp_input_strerror(path, errno)
                                /* TRANSLATORS: why a file cannot be read: it is far too large. */
                                : _("larger than any result"));
        if (too_large)
            *too_large = err == SP_ELIMIT;
        return EXIT_IO; /* what cannot be read whole cannot be checked: status 3 */
    }
    if (err == 0)
        err = sp_verify_file(path, buf, len, &v->opts, rep);
    free(buf);
    if (err != 0) {
        cli_error("%s", _("out of memory"));
        return EXIT_INTERNAL;
    }
    return EXIT_OK;
}

/* ---- Words ----------------------------------------------------------------------------------- */

static const char *detail(const sp_verify_report *rep, sp_check_id id)
{
    return rep->checks[id].detail;
}

/* "trusted key ID (given as FILE)" and the like, into key (a noun phrase that the sentences
 * below take as their signer). Returns key, or "?" when out of memory. */
static const char *key_phrase(const sp_verify_report *rep, sp_buf *key)
{
    if (rep->key_source == SP_KEY_GIVEN && strcmp(rep->key_origin, "-P") == 0)
        /* TRANSLATORS: this and the next three name the signer's key in the verdicts of
           verify ("signed by %s"); -P is a command-line option. */
        sp_buf_printf(key, _("trusted key %s (given with -P)"), rep->keyid);
    else if (rep->key_source == SP_KEY_GIVEN)
        /* TRANSLATORS: the second %s is the public key file given with -p. */
        sp_buf_printf(key, _("trusted key %s (given as %s)"), rep->keyid, rep->key_origin);
    else if (rep->key_source == SP_KEY_TRUSTED_DIR)
        /* TRANSLATORS: the second %s is the key's file in the trusted keys folder. */
        sp_buf_printf(key, _("trusted key %s (%s)"), rep->keyid, rep->key_origin);
    else if (rep->key_source == SP_KEY_OWN)
        /* TRANSLATORS: "signed by you (your key ID, FILE)": the verifier's own key; the second
           %s is the file of the user's own public key. */
        sp_buf_printf(key, _("you (your key %s, %s)"), rep->keyid, rep->key_origin);
    else
        sp_buf_printf(key, _("key %s"), rep->keyid);
    return sp_buf_str(key) ? sp_buf_str(key) : "?";
}

static void verified_words(const sp_verify_report *rep, sp_buf *b)
{
    const sp_result *r = rep->result;
    const char *top = sp_result_primary(r);
    sp_buf key = {0};
    const char *signer = key_phrase(rep, &key);
    /* TRANSLATORS: the direction shown when the result recommends none. */
    const char *dir = top ? top : _("none");
    size_t n = sp_result_answer_count(r);
    if (rep->verdict == SP_VERDICT_VERIFIED)
        sp_buf_printf(b,
                      /* TRANSLATORS: the verdict of verify on one file; keep a space after
                         the first word, which is coloured. %1$s is the signer's key ("trusted
                         key ID (...)"), %2$s and %3$s the quiz's id and version, %4$s the top
                         direction's id. */
                      P_("verified — signed by %s; quiz %s %s, top direction %s; the scores "
                         "follow from the %zu answer",
                         "verified — signed by %s; quiz %s %s, top direction %s; the scores "
                         "follow from the %zu answers",
                         n),
                      signer, sp_result_quiz(r)->id, sp_result_quiz(r)->version, dir, n);
    else if (rep->verdict == SP_VERDICT_PARTLY_REPLAYED)
        sp_buf_printf(b,
                      /* TRANSLATORS: the verdict when the signature holds but the result was
                         only partly replayed; keep a space after the first word ("intact"),
                         which is coloured. %1$s to %4$s as in the verdict above; %5$s says
                         what is missing. */
                      _("intact — signed by %s; quiz %s %s, top direction %s; the scores were "
                        "only partly re-derived: %s, so the answers were re-scored with the "
                        "scoring parameters the result records, and neither those nor the "
                        "questions asked could be checked (give that quiz with --quiz to replay "
                        "it in full)"),
                      signer, sp_result_quiz(r)->id, sp_result_quiz(r)->version, dir,
                      rep->quiz_why);
    else
        sp_buf_printf(b,
                      /* TRANSLATORS: as the one above; %5$s says why the scores were not
                         replayed. */
                      _("intact — signed by %s; quiz %s %s, top direction %s; the signature "
                        "is good, but the scores were not re-derived: %s (give the quiz with "
                        "--quiz to replay them)"),
                      signer, sp_result_quiz(r)->id, sp_result_quiz(r)->version, dir,
                      detail(rep, SP_CHECK_BANKS));
    sp_buf_free(&key);
}

static void unknown_key_words(const verifier *v, const sp_verify_report *rep, sp_buf *b)
{
    size_t given = sp_keyset_given_count(v->keys);
    if (given > 0) {
        sp_buf_printf(b,
                      /* TRANSLATORS: keep a space after the first word ("FAILED"), which is
                         coloured; the same for every verdict that starts with it. */
                      P_("FAILED — signed by key %s, not by the key you gave; it is not trusted",
                         "FAILED — signed by key %s, not by any of the keys you gave; it is not "
                         "trusted",
                         given),
                      rep->keyid);
        return;
    }
    sp_key_lookup k;
    if (sp_keyset_find(v->keys, rep->sig.keyid, &k) == 0 && k.note)
        /* TRANSLATORS: the second %s says more about the key, such as where a file of it was
           found. */
        sp_buf_printf(b, _("FAILED — signed by key %s, which you do not trust (%s)"), rep->keyid,
                      k.note);
    else
        sp_buf_printf(b, _("FAILED — signed by key %s, which you do not trust"), rep->keyid);
    if (v->trusted_dir[0])
        sp_buf_printf(b,
                      /* TRANSLATORS: a clause added to "FAILED — signed by key ..., which you
                         do not trust"; %s/%s.pub is the path to save the key file at; KEYFILE
                         is a placeholder. */
                      _("; if it is your instructor's key, save their public key file as "
                        "%s/%s.pub, or check with -p KEYFILE"),
                      v->trusted_dir, rep->keyid);
    else
        /* TRANSLATORS: a clause added to "FAILED — signed by key ..., which you do not trust";
           KEYFILE is a placeholder. */
        sp_buf_puts(b, _("; if you have the signer's public key file, check with -p KEYFILE"));
}

static void malformed_words(const sp_verify_report *rep, sp_buf *b)
{
    const sp_diag *d = NULL;
    for (size_t i = 0; !d && i < sp_diags_count(rep->diags); i++)
        if (sp_diags_at(rep->diags, i)->severity == SP_SEV_ERROR)
            d = sp_diags_at(rep->diags, i);
    const char *msg = d ? d->message : detail(rep, SP_CHECK_STRUCTURE);
    if (rep->problem.line)
        sp_buf_printf(b, _("FAILED — the file is malformed at line %u: %s"), rep->problem.line,
                      msg);
    else
        sp_buf_printf(b, _("FAILED — the file is malformed: %s"), msg);
}

static void failure_words(const verifier *v, const sp_verify_report *rep, sp_buf *b)
{
    sp_buf key = {0};
    switch (rep->verdict) {
    case SP_VERDICT_NO_BANKS:
        sp_buf_printf(b,
                      /* TRANSLATORS: %1$s says why the bank is missing; %2$s is the signer's
                         key ("trusted key ID (...)"). */
                      _("FAILED — the bank it was taken with is not available here: %s; the "
                        "signature by %s is good, but --strict asks for the scores to be "
                        "re-checked"),
                      detail(rep, SP_CHECK_BANKS), key_phrase(rep, &key));
        break;
    case SP_VERDICT_PARTLY_REPLAYED:
        sp_buf_printf(b,
                      /* TRANSLATORS: %1$s says what of the quiz is missing; %2$s is the
                         signer's key ("trusted key ID (...)"). */
                      _("FAILED — not replayed in full: %s; the signature by %s is good, but "
                        "--strict asks for a replay against the exact quiz the result names"),
                      rep->quiz_why, key_phrase(rep, &key));
        break;
    case SP_VERDICT_SIGNER_MISMATCH:
        sp_buf_printf(b, _("FAILED — the result misnames its signer: %s"),
                      detail(rep, SP_CHECK_SIGNER));
        break;
    case SP_VERDICT_MALFORMED: malformed_words(rep, b); break;
    case SP_VERDICT_UNKNOWN_KEY: unknown_key_words(v, rep, b); break;
    case SP_VERDICT_UNSUPPORTED:
        sp_buf_printf(b,
                      _("FAILED — signed by key %s in minisign's legacy mode (minisign -l), "
                        "which signpost does not accept"),
                      rep->keyid);
        break;
    case SP_VERDICT_ALTERED:
        if (rep->key_candidates > 1)
            sp_buf_printf(b,
                          /* TRANSLATORS: %1$zu keys share the key id %2$s. */
                          _("FAILED — the signature holds under none of the %zu keys with id %s: "
                            "either the content was altered after signing, or another key with "
                            "that id signed it"),
                          rep->key_candidates, rep->keyid);
        else
            sp_buf_printf(b,
                          _("FAILED — altered after signing: the content no longer matches the "
                            "signature of key %s"),
                          rep->keyid);
        break;
    case SP_VERDICT_COMMENT_ALTERED:
        sp_buf_printf(b,
                      _("FAILED — the trusted comment was altered after signing: it no longer "
                        "matches its signature (key %s)"),
                      rep->keyid);
        break;
    case SP_VERDICT_NOT_A_RESULT:
        sp_buf_printf(b, _("FAILED — not a signed result: %s"), detail(rep, SP_CHECK_DOMAIN));
        break;
    case SP_VERDICT_COMMENT_MISMATCH:
        sp_buf_printf(b, _("FAILED — the trusted comment disagrees with the result: %s"),
                      detail(rep, SP_CHECK_COMMENT));
        break;
    case SP_VERDICT_QUIZ_MISMATCH:
        sp_buf_printf(b, _("FAILED — the result misnames what it was taken with: %s"),
                      rep->quiz_why);
        break;
    default:
        sp_buf_printf(b, _("FAILED — the scores do not follow from the answers: %s"),
                      detail(rep, SP_CHECK_REPLAY));
        break;
    }
    sp_buf_free(&key);
}

/* Intact, but signed by a key that is only named by the result itself: the key in full, and
 * how to trust it once it has been compared with the key the signer published. */
static void untrusted_words(const verifier *v, const sp_verify_report *rep, sp_buf *b)
{
    const sp_result *r = rep->result;
    const char *top = sp_result_primary(r);
    char b64[SP_PUBKEY_BASE64_SIZE] = "?";
    if (rep->has_key)
        sp_pubkey_base64(&rep->key, b64);
    sp_buf_printf(b,
                  /* TRANSLATORS: the verdict when the signature holds under the key the result
                     names, which the verifier does not trust; keep a space after the first
                     word ("intact,"), which is coloured. %1$s is the key id, %2$s the public
                     key in base64, %3$s and %4$s the quiz's id and version, %5$s the top
                     direction, %6$s the public key again, in a command line. */
                  _("intact, signer not trusted — signed by key %s (public key %s), which is "
                    "not one you trust; the content is unchanged since that key signed it; quiz "
                    "%s %s, top direction %s; compare the key with the one its signer "
                    "published, then trust it with: signpost trust %s"),
                  rep->keyid, b64, sp_result_quiz(r)->id, sp_result_quiz(r)->version,
                  top ? top : _("none"), b64);
    sp_key_lookup k;
    if (sp_keyset_given_count(v->keys) > 0)
        /* TRANSLATORS: added to the verdict above when keys were given with -p or -P. */
        sp_buf_puts(b, _(" (it is not a key you gave with -p or -P)"));
    else if (sp_keyset_find(v->keys, rep->sig.keyid, &k) == 0 && k.note)
        sp_buf_printf(b, " (%s)", k.note);
}

char *verifier_sentence(const verifier *v, const sp_verify_report *rep)
{
    sp_buf b = {0};
    if (rep->accepted)
        verified_words(rep, &b);
    else if (rep->trust == SP_TRUST_UNTRUSTED)
        untrusted_words(v, rep, &b);
    else if (rep->trust == SP_TRUST_UNSIGNED)
        /* TRANSLATORS: the verdict on a result without a signature; keep a space after the
           first word ("not"). */
        sp_buf_puts(&b, _("not signed — this result has no signature, so anyone could have "
                          "written it; whoever holds a signing key can sign it with 'signpost "
                          "sign'"));
    else
        failure_words(v, rep, &b);
    char *out = b.failed ? NULL : safe_dup(b.data);
    sp_buf_free(&b);
    return out;
}

const char *verifier_hue(const sp_verify_report *rep)
{
    /* green for verified, yellow for accepted without a full replay and for an intact result
     * whose signer is not trusted, no colour for an unsigned one, red only for a failure */
    if (rep->accepted)
        return rep->verdict == SP_VERDICT_VERIFIED ? "\033[32m" : "\033[33m";
    if (rep->trust == SP_TRUST_UNTRUSTED)
        return "\033[33m";
    return rep->trust == SP_TRUST_UNSIGNED ? "\033[1m" : "\033[1;31m";
}

void verifier_print_line(const verifier *v, const char *path, const sp_verify_report *rep,
                         FILE *out)
{
    char *s = verifier_sentence(v, rep);
    if (!s)
        return;
    bool color = cli_use_color(out);
    size_t word = strcspn(s, " ");
    safe_fputs(path, out);
    const char *hue = verifier_hue(rep);
    fprintf(out, ": %s%.*s%s%s\n", color ? hue : "", (int)word, s, color ? "\033[0m" : "",
            s + word);
    free(s);
}

/* ---- The untrusted comment ------------------------------------------------------------------- */

bool verifier_has_untrusted_comment(const sp_verify_report *rep)
{
    return rep->is_signed && rep->sig.untrusted_comment[0] != '\0';
}

void verifier_untrusted_note(const sp_verify_report *rep, FILE *out)
{
    if (!verifier_has_untrusted_comment(rep)) {
        /* TRANSLATORS: in verify -v, about the first line of the file. */
        fputs(_("untrusted comment: empty (no signature covers that line)"), out);
        fputc('\n', out);
        return;
    }
    sp_buf b = {0};
    /* TRANSLATORS: %s is the text of the file's untrusted comment line, which anyone could have
       edited. */
    sp_buf_printf(&b,
                  _("untrusted comment: \"%s\" — not covered by any signature: anyone could "
                    "have written it, so it says nothing about the result"),
                  rep->sig.untrusted_comment);
    safe_fputs(sp_buf_str(&b) ? sp_buf_str(&b) : "", out);
    fputc('\n', out);
    sp_buf_free(&b);
}

/* ---- Details --------------------------------------------------------------------------------- */

/* The name of a check in the list of verify -v. */
static const char *check_label(sp_check_id id)
{
    static const char *const labels[] = {
        /* TRANSLATORS: the names of the checks in the list of verify -v, each followed by its
           status; keep them within 18 columns (a Chinese character takes two). */
        N_("structure"),
        N_("named signer"),
        N_("signer's key"),
        N_("signature"),
        N_("comment signature"),
        N_("domain tag"),
        N_("trusted comment"),
        N_("banks"),
        N_("replay")};
    return _(labels[id]);
}

static const char *status_word(sp_check_status s)
{
    static const char *const words[] = {
        /* TRANSLATORS: the status of a check in the list of verify -v; keep them within 8
           columns (a Chinese character takes two). */
        N_("skipped"), N_("ok"), N_("warning"), N_("FAILED")};
    return _(words[s]);
}

/* Prints s, then spaces up to cols display columns (a Chinese character takes two). */
static void put_padded(const char *s, int cols, FILE *out)
{
    fputs(s, out);
    for (int w = safe_width(s); w < cols; w++)
        fputc(' ', out);
}

static void print_diag_list(const sp_diags *d, FILE *out)
{
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        sp_buf b = {0};
        sp_buf_puts(&b, g->file);
        if (g->line)
            sp_buf_printf(&b, ":%u:%u", g->line, g->column);
        sp_buf_puts(&b, ": ");
        sp_buf_printf(&b, _("%s: "), cli_severity_label(g->severity)); /* "警告：" */
        sp_buf_puts(&b, g->message);
        fputs("    ", out);
        safe_fputs(sp_buf_str(&b) ? sp_buf_str(&b) : "", out);
        fputc('\n', out);
        sp_buf_free(&b);
    }
}

void verifier_print_details(const verifier *v, const sp_verify_report *rep, FILE *out)
{
    for (int id = 0; id < SP_CHECK_COUNT; id++) {
        fputs("    ", out);
        put_padded(check_label((sp_check_id)id), 18, out);
        fputc(' ', out);
        put_padded(status_word(rep->checks[id].status), 8, out);
        fputc(' ', out);
        safe_fputs(rep->checks[id].detail, out);
        fputc('\n', out);
    }
    if (rep->is_signed) {
        fputs("    ", out);
        /* TRANSLATORS: a label in verify -v, followed by the trusted comment itself. */
        fputs(_("trusted comment: "), out);
        safe_fputs(rep->sig.trusted_comment, out);
        fputc('\n', out);
        fputs("    ", out);
        verifier_untrusted_note(rep, out);
    }
    print_diag_list(rep->diags, out);
    if (rep->checks[SP_CHECK_BANKS].status == SP_CHECK_WARNING)
        print_diag_list(sp_quizset_diags(v->quizzes), out);
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static void json_or_null(FILE *out, const char *s)
{
    if (s)
        cli_json_string(out, s);
    else
        fputs("null", out);
}

static void json_checks(const sp_verify_report *rep, const char *pad, FILE *out)
{
    fprintf(out, "%s  \"checks\": [", pad);
    for (int id = 0; id < SP_CHECK_COUNT; id++) {
        fprintf(out,
                "%s\n%s    {\"check\": \"%s\", \"status\": \"%s\", \"detail\": ", id ? "," : "",
                pad, sp_check_name((sp_check_id)id), sp_check_status_name(rep->checks[id].status));
        cli_json_string(out, rep->checks[id].detail);
        fputc('}', out);
    }
    fprintf(out, "\n%s  ],\n", pad);
}

static void json_diags(const sp_diags *d, const char *pad, FILE *out)
{
    fprintf(out, "%s  \"diagnostics\": [", pad);
    for (size_t i = 0; i < sp_diags_count(d); i++) {
        const sp_diag *g = sp_diags_at(d, i);
        fprintf(out, "%s\n%s    {\"line\": %u, \"column\": %u, \"severity\": \"%s\", \"message\": ",
                i ? "," : "", pad, g->line, g->column, sp_severity_name(g->severity));
        cli_json_string(out, g->message);
        fputc('}', out);
    }
    if (sp_diags_count(d))
        fprintf(out, "\n%s  ]\n", pad);
    else
        fputs("]\n", out);
}

static void json_quiz(const sp_verify_report *rep, const char *pad, FILE *out)
{
    fprintf(out, "%s  \"replayed_with\": ", pad);
    if (!rep->quiz) {
        fputs("null,\n", out);
        return;
    }
    const sp_manifest *m = sp_quiz_manifest(rep->quiz);
    fputs("{\"quiz\": ", out);
    cli_json_string(out, m->id);
    fputs(", \"version\": ", out);
    cli_json_string(out, m->version);
    fputs(", \"file\": ", out);
    cli_json_string(out, m->path);
    fprintf(out, ", \"exact\": %s},\n", rep->quiz_fit == SP_QUIZ_EXACT ? "true" : "false");
}

/* What the replay re-derived from the answers (not what the result records), so that another
 * verifier can be compared with this one file by file: the quiz replayed with, the primary
 * direction and each direction's fit (%.6f, in the quiz's order; null when not measured). */
static void json_replayed(const sp_verify_report *rep, const char *pad, FILE *out)
{
    const sp_outcome *o = sp_verify_rescored(rep);
    fprintf(out, "%s  \"replayed\": ", pad);
    if (!o) {
        fputs("null,\n", out);
        return;
    }
    const sp_manifest *m = sp_quiz_manifest(rep->quiz);
    const sp_directions *dirs = sp_quiz_directions(rep->quiz);
    fprintf(out, "{\"exact\": %s, \"quiz\": ", rep->quiz_fit == SP_QUIZ_EXACT ? "true" : "false");
    cli_json_string(out, m->id);
    fputs(", \"version\": ", out);
    cli_json_string(out, m->version);
    fputs(", \"primary\": ", out);
    json_or_null(out, o->primary >= 0 ? dirs->items[o->primary].id : NULL);
    fputs(", \"fits\": {", out);
    for (uint32_t i = 0; i < dirs->count && i < o->ndirs; i++) {
        const sp_dir_score *s = &o->scores[i];
        fputs(i ? ", " : "", out);
        cli_json_string(out, dirs->items[i].id);
        if (s->has_interest || s->has_aptitude)
            fprintf(out, ": %.6f", s->fit);
        else
            fputs(": null", out);
    }
    fputs("}},\n", out);
}

void verifier_print_json(const verifier *v, const char *path, const sp_verify_report *rep,
                         int indent, FILE *out)
{
    char pad[32];
    snprintf(pad, sizeof(pad), "%*s", indent < 30 ? indent : 30, "");
    char *sentence = verifier_sentence(v, rep);
    fputs("{\n", out);
    fprintf(out, "%s  \"file\": ", pad);
    cli_json_string(out, path);
    fprintf(out,
            ",\n%s  \"verified\": %s,\n%s  \"accepted\": %s,\n%s  \"verdict\": \"%s\",\n%s  "
            "\"trust\": \"%s\",\n%s  \"message\": ",
            pad, rep->verdict == SP_VERDICT_VERIFIED && rep->accepted ? "true" : "false", pad,
            rep->accepted ? "true" : "false", pad, sp_verdict_name(rep->verdict), pad,
            sp_trust_name(rep->trust), pad);
    json_or_null(out, sentence);
    fprintf(out, ",\n%s  \"signed\": %s,\n%s  \"key_id\": ", pad, rep->is_signed ? "true" : "false",
            pad);
    json_or_null(out, rep->is_signed ? rep->keyid : NULL);
    fprintf(
        out, ",\n%s  \"key_source\": \"%s\",\n%s  \"key_trusted\": %s,\n%s  \"key_file\": ", pad,
        sp_key_source_name(rep->key_source), pad,
        rep->key_source == SP_KEY_GIVEN || rep->key_source == SP_KEY_TRUSTED_DIR ? "true" : "false",
        pad);
    json_or_null(out, rep->key_origin);
    char b64[SP_PUBKEY_BASE64_SIZE];
    if (rep->has_key)
        sp_pubkey_base64(&rep->key, b64);
    fprintf(out, ",\n%s  \"public_key\": ", pad);
    json_or_null(out, rep->has_key ? b64 : NULL);
    fprintf(out, ",\n%s  \"trusted_comment\": ", pad);
    json_or_null(out, rep->is_signed ? rep->sig.trusted_comment : NULL);
    fprintf(out, ",\n%s  \"untrusted_comment\": ", pad);
    json_or_null(out, rep->is_signed ? rep->sig.untrusted_comment : NULL);
    fprintf(out, ",\n");
    if (rep->problem.line)
        fprintf(out, "%s  \"problem\": {\"line\": %u, \"column\": %u},\n", pad, rep->problem.line,
                rep->problem.column);
    else
        fprintf(out, "%s  \"problem\": null,\n", pad);
    json_quiz(rep, pad, out);
    json_replayed(rep, pad, out);
    json_checks(rep, pad, out);
    json_diags(rep->diags, pad, out);
    fprintf(out, "%s}", pad);
    free(sentence);
}
