/* Open Badges 3.0 credentials of results (badge.h). */
#include "signpost/badge.h"

#include <jansson.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "base58.h"
#include "proof.h"

#define CONTEXT_VC    "https://www.w3.org/ns/credentials/v2"
#define CONTEXT_OB    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
#define EVIDENCE_URL  "data:text/plain;charset=utf-8;base64,"
#define EVIDENCE_KIND SP_RESULT_MAGIC

/* ---- What a result claims ------------------------------------------------------------------ */

/* The id of the result description of direction dir (or of the level when dir is NULL). */
static json_t *description_id(const char *dir)
{
    return dir ? json_sprintf("urn:signpost:placement:fit:%s", dir)
               : json_string("urn:signpost:placement:level");
}

static json_t *result_descriptions(const sp_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < sp_result_score_count(r); i++) {
        const char *dir = sp_result_score_at(r, i)->dir;
        json_array_append_new(a, json_pack("{s:o, s:[s], s:s+, s:s}", "id", description_id(dir),
                                           "type", "ResultDescription", "name", "fit: ", dir,
                                           "resultType", "RawScore"));
    }
    json_array_append_new(a,
                          json_pack("{s:o, s:[s], s:s, s:s}", "id", description_id(NULL), "type",
                                    "ResultDescription", "name", "level", "resultType", "Result"));
    return a;
}

/* Each measured direction's fit (as verify --json writes it, %.6f) and the level, as Results
 * with string values. */
static json_t *results(const sp_result *r)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < sp_result_score_count(r); i++) {
        const sp_result_score *s = sp_result_score_at(r, i);
        if (!s->has_fit)
            continue;
        char fit[32];
        snprintf(fit, sizeof(fit), "%.6f", s->fit);
        json_array_append_new(a,
                              json_pack("{s:[s], s:o, s:s}", "type", "Result", "resultDescription",
                                        description_id(s->dir), "value", fit));
    }
    json_array_append_new(a, json_pack("{s:[s], s:o, s:s}", "type", "Result", "resultDescription",
                                       description_id(NULL), "value",
                                       sp_level_name(sp_result_level(r))));
    return a;
}

static json_t *achievement(const sp_result *r, const char *name)
{
    const sp_result_source *q = sp_result_quiz(r);
    const char *dir = sp_result_primary(r) ? sp_result_primary(r) : "none";
    json_t *narrative = json_sprintf(
        "Awarded for finishing signpost's placement quiz %s, version %s (%u questions answered, "
        "%u skipped). The direction is the one with the highest fit; every value below follows "
        "from the recorded answers, which the signed result in the evidence holds and `signpost "
        "verify` replays.",
        q->id, q->version, (unsigned)sp_result_answered(r), (unsigned)sp_result_skipped(r));
    return json_pack("{s:o, s:[s], s:s, s:s, s:o, s:{s:o}, s:o}", "id",
                     json_sprintf("urn:signpost:placement:%s:%s", q->id, dir), "type",
                     "Achievement", "achievementType", "Assessment", "name", name, "description",
                     json_sprintf("The direction of large-model engineering that fits best, as "
                                  "signpost's placement quiz %s measured it.",
                                  q->id),
                     "criteria", "narrative", narrative, "resultDescription",
                     result_descriptions(r));
}

/* The credentialSubject of a result: what sp_badge_make writes, and what sp_badge_verify
 * rebuilds from the evidence and compares. NULL when out of memory. */
static json_t *subject(const sp_result *r, const char *name)
{
    char started[SP_TIME_TEXT_SIZE], finished[SP_TIME_TEXT_SIZE];
    sp_time_format(sp_result_started(r), started);
    sp_time_format(sp_result_finished(r), finished);
    json_t *s = json_pack("{s:[s], s:s, s:s, s:o, s:o}", "type", "AchievementSubject",
                          "activityStartDate", started, "activityEndDate", finished, "achievement",
                          achievement(r, name), "result", results(r));
    if (s && sp_result_name(r))
        json_object_set_new(s, "identifier",
                            json_pack("[{s:s, s:s, s:s, s:b}]", "type", "IdentityObject",
                                      "identityHash", sp_result_name(r), "identityType", "name",
                                      "hashed", 0));
    return s;
}

static json_t *credential_name(const sp_result *r)
{
    return json_sprintf("signpost placement: %s",
                        sp_result_primary(r) ? sp_result_primary(r) : "none");
}

/* ---- Making ---------------------------------------------------------------------------------- */

bool sp_badge_name_ok(const char *name)
{
    size_t n = strlen(name);
    return n <= SP_BADGE_ISSUER_MAX && sp_name_check(name, n, NULL) == SP_NAME_OK;
}

bool sp_badge_url_ok(const char *url)
{
    if (strlen(url) > SP_BADGE_ISSUER_MAX ||
        (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0))
        return false;
    for (const char *u = url; *u; u++)
        if ((unsigned char)*u <= 0x20 || *u == 0x7f || *u == '"' || *u == '<' || *u == '>')
            return false;
    return true;
}

static bool issuer_ok(const sp_badge_opts *o)
{
    return (!o->issuer_name || sp_badge_name_ok(o->issuer_name)) &&
           (!o->issuer_url || sp_badge_url_ok(o->issuer_url));
}

static json_t *issuer(const sp_pubkey *pub, const sp_badge_opts *o)
{
    char did[SP_DIDKEY_SIZE];
    sp_didkey_format(pub->pk, did);
    json_t *p = json_pack("{s:s, s:[s], s:s}", "id", did, "type", "Profile", "name",
                          o->issuer_name ? o->issuer_name : "signpost");
    if (p && o->issuer_url)
        json_object_set_new(p, "url", json_string(o->issuer_url));
    return p;
}

static json_t *evidence(const char *signed_result, size_t len)
{
    size_t pre = strlen(EVIDENCE_URL);
    size_t size = pre + sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *url = malloc(size);
    if (!url)
        return NULL;
    memcpy(url, EVIDENCE_URL, pre);
    sodium_bin2base64(url + pre, size - pre, (const unsigned char *)signed_result, len,
                      sodium_base64_VARIANT_ORIGINAL);
    json_t *e = json_pack(
        "[{s:s, s:[s], s:s, s:s, s:s}]", "id", url, "type", "Evidence", "name",
        "signed signpost result", "description",
        "The signed result this badge was issued for: a .signpost file (signpost-result/1, "
        "signed with minisign's format by the issuer's key), in base64. `signpost verify` "
        "checks its signature and replays its answers.",
        "genre", EVIDENCE_KIND);
    free(url);
    return e;
}

/* A version 4 UUID from random bytes, as urn:uuid:... */
static json_t *random_urn(void)
{
    unsigned char b[16];
    randombytes_buf(b, sizeof(b));
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
    char hex[33];
    sp_hex(b, sizeof(b), hex);
    return json_sprintf("urn:uuid:%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
                        hex + 20);
}

static json_t *credential(const char *signed_result, size_t len, const sp_result *r,
                          const sp_pubkey *pub, const sp_badge_opts *o, const char *now)
{
    json_t *name = credential_name(r);
    if (!name)
        return NULL;
    json_t *c = json_pack(
        "{s:[s,s], s:o, s:[s,s], s:O, s:o, s:s, s:o, s:o}", "@context", CONTEXT_VC, CONTEXT_OB,
        "id", random_urn(), "type", "VerifiableCredential", "OpenBadgeCredential", "name", name,
        "issuer", issuer(pub, o), "validFrom", now, "credentialSubject",
        subject(r, json_string_value(name)), "evidence", evidence(signed_result, len));
    json_decref(name);
    return c;
}

int sp_badge_make(const char *signed_result, size_t len, const sp_result *r, const sp_seckey *key,
                  const sp_badge_opts *opts, char **out, size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    sp_pubkey pub;
    if (!issuer_ok(opts) || sp_seckey_pubkey(key, &pub) != 0)
        return SP_EINVAL;
    char now[SP_TIME_TEXT_SIZE];
    sp_time_format(opts->now, now);
    json_t *c = credential(signed_result, len, r, &pub, opts, now);
    if (!c)
        return SP_ENOMEM;
    int rc = sp_proof_add(c, key, now);
    char *text = rc == 0 ? json_dumps(c, JSON_INDENT(2)) : NULL;
    json_decref(c);
    if (rc == 0 && !text)
        rc = SP_ENOMEM;
    if (rc != 0)
        return rc;
    size_t n = strlen(text);
    char *res = realloc(text, n + 2);
    if (!res) {
        free(text);
        return SP_ENOMEM;
    }
    memcpy(res + n, "\n", 2);
    *out = res;
    *outlen = n + 1;
    return 0;
}

/* ---- Verifying ------------------------------------------------------------------------------- */

bool sp_badge_looks_like(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '{')
            return true;
        if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\n' && buf[i] != '\r')
            return false;
    }
    return false;
}

static int problem(sp_badge_report *rep, sp_badge_problem p, const char *fmt, ...) SP_PRINTF(3, 4);
static int problem(sp_badge_report *rep, sp_badge_problem p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->why, sizeof(rep->why), fmt, ap);
    va_end(ap);
    rep->problem = p;
    return 0;
}

static json_t *parse(const char *buf, size_t len, sp_badge_report *rep)
{
    json_error_t err;
    if (len > SP_BADGE_MAX_SIZE) {
        problem(rep, SP_BADGE_JSON, _("larger than any badge (%zu bytes; at most %zu)"), len,
                (size_t)SP_BADGE_MAX_SIZE);
        return NULL;
    }
    json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL, &err);
    if (!doc) {
        rep->pos = (sp_pos){err.line > 0 ? (uint32_t)err.line : 1,
                            err.column > 0 ? (uint32_t)err.column : 1};
        problem(rep, SP_BADGE_JSON, _("not valid JSON: %s"), err.text);
    }
    return doc;
}

/* The members a credential made by signpost has, and no others. */
static const char *const MEMBERS[] = {
    "@context",          "id",       "type", "name", "issuer", "validFrom",
    "credentialSubject", "evidence", "proof"};

static bool is_member(const char *key)
{
    for (size_t i = 0; i < SP_ARRAY_LEN(MEMBERS); i++)
        if (strcmp(key, MEMBERS[i]) == 0)
            return true;
    return false;
}

static bool is_pair(const json_t *a, const char *x, const char *y)
{
    return json_is_array(a) && json_array_size(a) == 2 && json_string_value(json_array_get(a, 0)) &&
           json_string_value(json_array_get(a, 1)) &&
           strcmp(json_string_value(json_array_get(a, 0)), x) == 0 &&
           strcmp(json_string_value(json_array_get(a, 1)), y) == 0;
}

static bool is_time(const json_t *v)
{
    const char *s = json_string_value(v);
    int64_t t;
    size_t at;
    char why[8];
    return s && sp_time_parse(s, strlen(s), &t, &at, why, sizeof(why)) == SP_TIME_OK;
}

static bool check_shape(const json_t *doc, sp_badge_report *rep)
{
    const char *key;
    json_t *v;
    if (!json_is_object(doc))
        return problem(rep, SP_BADGE_SHAPE, "%s", _("the JSON is not an object"));
    for (size_t i = 0; i < SP_ARRAY_LEN(MEMBERS); i++)
        if (!json_object_get(doc, MEMBERS[i]))
            return problem(rep, SP_BADGE_SHAPE, _("the credential has no \"%s\""), MEMBERS[i]);
    json_object_foreach((json_t *)doc, key, v) if (!is_member(key)) return problem(
        rep, SP_BADGE_SHAPE,
        _("the credential has a member \"%.80s\" that signpost's badges do "
          "not have"),
        key);
    if (!is_pair(json_object_get(doc, "@context"), CONTEXT_VC, CONTEXT_OB))
        return problem(rep, SP_BADGE_SHAPE, _("the @context is not [\"%s\", \"%s\"]"), CONTEXT_VC,
                       CONTEXT_OB);
    if (!is_pair(json_object_get(doc, "type"), "VerifiableCredential", "OpenBadgeCredential"))
        return problem(rep, SP_BADGE_SHAPE, "%s",
                       _("the type is not [\"VerifiableCredential\", \"OpenBadgeCredential\"]"));
    if (!json_is_object(json_object_get(doc, "issuer")) ||
        !json_string_value(json_object_get(json_object_get(doc, "issuer"), "id")))
        return problem(rep, SP_BADGE_SHAPE, "%s", _("the issuer is not a profile with an id"));
    if (!is_time(json_object_get(doc, "validFrom")))
        return problem(rep, SP_BADGE_SHAPE, "%s",
                       _("validFrom is not a time of the form YYYY-MM-DDTHH:MM:SSZ"));
    return true;
}

static bool check_proof(const json_t *doc, sp_badge_report *rep, unsigned char pk[32])
{
    char why[300];
    int rc = sp_proof_check(doc, pk, why, sizeof(why));
    if (rc == SP_ENOMEM)
        return false;
    if (rc != 0)
        return problem(rep, rc == SP_ESIG ? SP_BADGE_SIGNATURE : SP_BADGE_PROOF, "%s", why);
    char did[SP_DIDKEY_SIZE];
    sp_didkey_format(pk, did);
    const char *id = json_string_value(json_object_get(json_object_get(doc, "issuer"), "id"));
    if (strcmp(id, did) != 0)
        return problem(rep, SP_BADGE_PROOF,
                       _("the issuer %.100s is not the key that made the proof, %s"), id, did);
    snprintf(rep->issuer, sizeof(rep->issuer), "%s", did);
    return true;
}

/* The signed result in the evidence, decoded into *out (malloc'd; *outlen bytes). */
static bool find_evidence(const json_t *doc, sp_badge_report *rep, char **out, size_t *outlen)
{
    const json_t *ev = json_object_get(doc, "evidence");
    size_t pre = strlen(EVIDENCE_URL);
    const char *url = NULL;
    for (size_t i = 0; !url && i < json_array_size(ev); i++) {
        const char *id = json_string_value(json_object_get(json_array_get(ev, i), "id"));
        if (id && strncmp(id, EVIDENCE_URL, pre) == 0)
            url = id + pre;
    }
    if (!json_is_array(ev) || json_array_size(ev) != 1 || !url)
        return problem(rep, SP_BADGE_EVIDENCE,
                       _("the evidence is not one entry whose id is a "
                         "data: URL beginning %s"),
                       EVIDENCE_URL);
    size_t n = strlen(url), cap = n / 4 * 3 + 3;
    *out = malloc(cap);
    if (!*out)
        return false; /* nothing said: sp_badge_verify reports SP_ENOMEM */
    const char *end;
    if (*out &&
        sodium_base642bin((unsigned char *)*out, cap, url, n, NULL, outlen, &end,
                          sodium_base64_VARIANT_ORIGINAL) == 0 &&
        end == url + n)
        return true;
    free(*out);
    *out = NULL;
    return problem(rep, SP_BADGE_EVIDENCE, "%s",
                   _("the evidence's data: URL is not canonical base64"));
}

/* The same key signed the badge and the result; the credential claims what the result says. */
static bool check_claims(const json_t *doc, sp_badge_report *rep, const unsigned char pk[32])
{
    const sp_verify_report *res = &rep->result;
    if (!res->is_signed || !res->has_key || memcmp(res->key.pk, pk, 32) != 0)
        return problem(rep, SP_BADGE_CLAIMS, "%s",
                       _("the result in the evidence was not signed by the badge's issuer"));
    json_t *name = credential_name(res->result);
    json_t *want = name ? subject(res->result, json_string_value(name)) : NULL;
    bool same = want && json_equal(name, json_object_get(doc, "name")) &&
                json_equal(want, json_object_get(doc, "credentialSubject"));
    json_decref(name);
    json_decref(want);
    if (!same)
        return problem(rep, SP_BADGE_CLAIMS, "%s",
                       _("the credential's name or subject is not what the result in its "
                         "evidence says"));
    return true;
}

/* Verifies the result in the evidence; false when the badge fails because of it. */
static int check_result(const char *name, const char *res, size_t len, const sp_verify_opts *opts,
                        sp_badge_report *rep)
{
    char label[300];
    snprintf(label, sizeof(label), "%s (evidence)", name);
    if (sp_verify_file(label, res, len, opts, &rep->result) != 0)
        return SP_ENOMEM;
    rep->has_result = true;
    if (rep->result.trust == SP_TRUST_FAILED)
        problem(rep, SP_BADGE_RESULT, _("the result in the evidence fails verification (%s)"),
                sp_verdict_name(rep->result.verdict));
    else if (rep->result.trust == SP_TRUST_UNSIGNED)
        problem(rep, SP_BADGE_EVIDENCE, "%s", _("the result in the evidence is not signed"));
    return 0;
}

int sp_badge_verify(const char *name, const char *buf, size_t len, const sp_verify_opts *opts,
                    sp_badge_report *out)
{
    memset(out, 0, sizeof(*out));
    out->trust = SP_TRUST_FAILED;
    unsigned char pk[32];
    char *res = NULL;
    size_t reslen = 0;
    int rc = 0;
    json_t *doc = parse(buf, len, out);
    if (!doc || !check_shape(doc, out) || !check_proof(doc, out, pk) ||
        !find_evidence(doc, out, &res, &reslen))
        goto cleanup;
    if ((rc = check_result(name, res, reslen, opts, out)) != 0 || out->problem != SP_BADGE_OK)
        goto cleanup;
    if (!check_claims(doc, out, pk))
        goto cleanup;
    out->trust = out->result.trust;
    out->accepted = out->result.accepted;
cleanup:
    if (rc == 0 && out->problem == SP_BADGE_OK && out->trust == SP_TRUST_FAILED)
        rc = SP_ENOMEM; /* a check stopped without saying why: it ran out of memory */
    free(res);
    json_decref(doc);
    return rc;
}

void sp_badge_report_clear(sp_badge_report *rep)
{
    if (rep->has_result)
        sp_verify_report_clear(&rep->result);
    rep->has_result = false;
}

const char *sp_badge_problem_name(sp_badge_problem p)
{
    static const char *const names[] = {"ok",        "json",     "shape",  "proof",
                                        "signature", "evidence", "result", "claims"};
    return (unsigned)p < SP_ARRAY_LEN(names) ? names[p] : "?";
}
