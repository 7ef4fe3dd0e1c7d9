/* Journals of quizzes in progress (journal.h, docs/sessions.md). */
#include "signpost/journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/atomic.h"
#include "base/fileio.h"
#include "bank/ld.h"
#include "signpost/result.h"
#include "base/util.h"

#define CHECK_KEY "blake2b: "

/* One item as recorded: its question id and its answer in text form ("-" when open). */
typedef struct jitem {
    const char *id;
    const char *answer;
} jitem;

struct sp_journal {
    sp_arena arena;
    sp_journal_info info;
    const char *quiz_id;
    const char *quiz_version;
    unsigned char manifest[32];
    sp_result_source directions;
    sp_result_source *banks;
    size_t nbanks;
    uint64_t seed;
    size_t position;
    size_t jump_origin; /* SIZE_MAX: no jump pending */
    jitem *items;
    size_t nitems;
};

/* ---- Writing ----------------------------------------------------------------------------- */

/* Writes s with '%', controls and DEL as %XX, so that any path fits on one line. */
static void put_escaped(sp_buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '%' || *p < 0x20 || *p == 0x7F)
            sp_buf_printf(b, "%%%02X", *p);
        else
            sp_buf_putc(b, (char)*p);
    }
}

static void put_digest(sp_buf *b, const unsigned char digest[32])
{
    char hex[65];
    sp_hex(digest, 32, hex);
    sp_buf_puts(b, hex);
}

static void put_quiz(sp_buf *b, const sp_quiz *quiz, const sp_journal_info *info)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    const sp_directions *dirs = sp_quiz_directions(quiz);
    sp_buf_printf(b, "%s\nquiz: ", SP_JOURNAL_MAGIC);
    put_escaped(b, info->quiz_path);
    sp_buf_printf(b, "\nquiz-id: %s\nquiz-version: %s\nmanifest: ", m->id, m->version);
    put_digest(b, m->digest);
    sp_buf_printf(b, "\ndirections: %s ", dirs->version);
    put_digest(b, dirs->digest);
    sp_buf_putc(b, '\n');
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++) {
        const sp_bank *bank = sp_quiz_bank(quiz, i);
        sp_buf_printf(b, "bank: %s %s ", bank->id, bank->version);
        put_digest(b, bank->digest);
        sp_buf_putc(b, '\n');
    }
}

/* "key: PATH" with the path escaped, when path is set. */
static void put_path(sp_buf *b, const char *key, const char *path)
{
    if (!path)
        return;
    sp_buf_printf(b, "%s: ", key);
    put_escaped(b, path);
    sp_buf_putc(b, '\n');
}

static void put_session(sp_buf *b, const sp_session *s)
{
    size_t n = sp_session_count(s);
    sp_buf_printf(b, "position: %zu\n", sp_session_position(s));
    if (sp_session_jump_origin(s) != SIZE_MAX)
        sp_buf_printf(b, "return: %zu\n", sp_session_jump_origin(s));
    sp_buf_printf(b, "items: %zu\n", n);
    const sp_response *r = sp_session_responses(s);
    for (size_t i = 0; i < n; i++) {
        char answer[256] = "-";
        if (r[i].a.state != SP_ANSWER_NONE)
            sp_answer_format(r[i].q, &r[i].a, answer, sizeof(answer));
        sp_buf_printf(b, "item: %s %s\n", r[i].q->id, answer);
    }
}

int sp_journal_format(const sp_quiz *quiz, const sp_session *s, const sp_journal_info *info,
                      char **buf, size_t *len)
{
    *buf = NULL;
    if (!info->quiz_path || !*info->quiz_path || !info->lang || !ld_lang_valid(info->lang) ||
        (info->name && !sp_result_name_valid(info->name)) || (info->out && !*info->out) ||
        (info->key && !*info->key))
        return SP_EINVAL;
    sp_buf b = {0};
    put_quiz(&b, quiz, info);
    sp_buf_printf(&b, "seed: %" PRIu64 "\nlang: %s\n", sp_form_seed(sp_session_form(s)),
                  info->lang);
    if (info->name)
        sp_buf_printf(&b, "name: %s\n", info->name);
    put_path(&b, "out", info->out);
    put_path(&b, "key", info->key);
    if (info->adaptive) /* only then: journals of fixed quizzes keep their form */
        sp_buf_puts(&b, "mode: adaptive\n");
    sp_buf_printf(&b, "started: %" PRId64 "\nupdated: %" PRId64 "\n", info->started, info->updated);
    put_session(&b, s);
    if (!b.failed) {
        unsigned char digest[32];
        sp_digest(b.data, b.len, digest);
        sp_buf_puts(&b, CHECK_KEY);
        put_digest(&b, digest);
        sp_buf_putc(&b, '\n');
    }
    if (b.failed) {
        sp_buf_free(&b);
        return SP_ENOMEM;
    }
    *buf = b.data;
    *len = b.len;
    return 0;
}

int sp_journal_save(const char *path, const sp_quiz *quiz, const sp_session *s,
                    const sp_journal_info *info)
{
    sp_journal_info now = *info;
    now.updated = (int64_t)time(NULL);
    char *buf;
    size_t len;
    int rc = sp_journal_format(quiz, s, &now, &buf, &len);
    if (rc)
        return rc;
    rc = sp_write_atomic(path, buf, len, 0600);
    free(buf);
    return rc;
}

/* ---- Reading ----------------------------------------------------------------------------- */

/* A reader over the lines of a journal whose checksum has been verified. */
typedef struct jreader {
    const char *name;
    const char *p;   /* the next line */
    const char *end; /* the checksum line */
    uint32_t line;   /* number of the line last read */
    sp_diags *diags;
    sp_journal *j;
    bool failed;
} jreader;

/* Reports an error at the line last read; only the first error of a journal is reported. */
static void jr_error(jreader *r, const char *fmt, ...) SP_PRINTF(2, 3);
static void jr_error(jreader *r, const char *fmt, ...)
{
    if (!r->failed) {
        char msg[512];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof(msg), fmt, ap);
        va_end(ap);
        sp_diags_add(r->diags, SP_SEV_ERROR, r->name, (sp_pos){r->line, 1}, "%s", msg);
    }
    r->failed = true;
}

/* Reads the next line, which must be "key: value"; returns a NUL-terminated copy of the value
 * in the arena, or NULL after an error. With optional, a line with another key is left for the
 * next call and NULL is returned without error. */
static char *jr_field(jreader *r, const char *key, bool optional)
{
    if (r->failed)
        return NULL;
    size_t klen = strlen(key);
    const char *nl = r->p < r->end ? memchr(r->p, '\n', (size_t)(r->end - r->p)) : NULL;
    bool match = nl && (size_t)(nl - r->p) > klen + 1 && memcmp(r->p, key, klen) == 0 &&
                 r->p[klen] == ':' && r->p[klen + 1] == ' ';
    if (!match) {
        if (!optional) {
            r->line++;
            if (nl)
                jr_error(r, _("expected the line '%s: ...'"), key);
            else
                jr_error(r, _("expected the line '%s: ...', found the end of the journal"), key);
        }
        return NULL;
    }
    r->line++;
    const char *v = r->p + klen + 2;
    r->p = nl + 1;
    char *out = sp_arena_strndup(&r->j->arena, v, (size_t)(nl - v));
    if (!out)
        jr_error(r, "%s", _("out of memory"));
    return out;
}

static bool hex_digit(char c, unsigned *v)
{
    if (c >= '0' && c <= '9')
        *v = (unsigned)(c - '0');
    else if (c >= 'a' && c <= 'f')
        *v = (unsigned)(c - 'a' + 10);
    else
        return false;
    return true;
}

static bool parse_hex(const char *s, unsigned char *out, size_t n)
{
    if (strlen(s) != 2 * n)
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned hi, lo;
        if (!hex_digit(s[2 * i], &hi) || !hex_digit(s[2 * i + 1], &lo))
            return false;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return true;
}

/* Decodes %XX escapes in place; false for a malformed escape. */
static bool unescape(char *s)
{
    char *w = s;
    for (const char *p = s; *p; p++) {
        unsigned hi, lo;
        if (*p != '%') {
            *w++ = *p;
            continue;
        }
        char h = (char)(p[1] >= 'A' && p[1] <= 'F' ? p[1] - 'A' + 'a' : p[1]);
        char l = h ? (char)(p[2] >= 'A' && p[2] <= 'F' ? p[2] - 'A' + 'a' : p[2]) : 0;
        if (!hex_digit(h, &hi) || !hex_digit(l, &lo) || (hi == 0 && lo == 0))
            return false;
        *w++ = (char)(hi << 4 | lo);
        p += 2;
    }
    *w = '\0';
    return true;
}

/* Reads an unsigned decimal number of at most max. */
static bool parse_uint(const char *s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;
    if (!*s || strlen(s) > 20)
        return false;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
            return false;
        v = v * 10 + (uint64_t)(*s - '0');
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

static void jr_uint(jreader *r, const char *key, uint64_t max, uint64_t *out)
{
    const char *v = jr_field(r, key, false);
    if (v && !parse_uint(v, max, out))
        jr_error(r, _("'%s' needs a whole number, not '%s'"), key, v);
}

/* A version as files give it (formats.md): digits and dots, at most 32 characters. The
 * journal's versions are shown in messages, so nothing else may pass. */
static bool version_valid(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n <= 32 && strspn(s, "0123456789.") == n;
}

/* "VERSION HEX" or "ID VERSION HEX" into src. */
static void jr_source(jreader *r, char *v, bool with_id, sp_result_source *src)
{
    char *f[3] = {NULL, NULL, NULL};
    size_t want = with_id ? 3 : 2, n = 0;
    for (char *save = NULL, *t = strtok_r(v, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (n < 3)
            f[n] = t;
        n++;
    }
    if (n != want || !parse_hex(f[want - 1], src->digest, 32) || !version_valid(f[want - 2]) ||
        (with_id && !ld_ident_valid(f[0], LD_ID_BANK))) {
        jr_error(r, "%s",
                 with_id ? _("expected a bank id, its version and its BLAKE2b-256 "
                             "digest in hex")
                         : _("expected a version and a BLAKE2b-256 digest in hex"));
        return;
    }
    src->id = with_id ? f[0] : NULL;
    src->version = f[want - 2];
}

/* An optional path field; NULL when absent. */
static const char *jr_path(jreader *r, const char *key)
{
    char *path = jr_field(r, key, true);
    if (path && (!*path || !unescape(path)))
        jr_error(r, _("the '%s' path is empty or has a malformed escape"), key);
    return path;
}

static void read_quiz(jreader *r)
{
    sp_journal *j = r->j;
    char *path = jr_field(r, "quiz", false);
    if (path && (!*path || !unescape(path)))
        jr_error(r, "%s", _("the quiz path is empty or has a malformed escape"));
    j->info.quiz_path = path;
    j->quiz_id = jr_field(r, "quiz-id", false);
    if (j->quiz_id && !ld_ident_valid(j->quiz_id, LD_ID_BANK))
        jr_error(r, _("'%s' is not a quiz id"), j->quiz_id);
    j->quiz_version = jr_field(r, "quiz-version", false);
    if (j->quiz_version && !version_valid(j->quiz_version))
        jr_error(r, "%s", _("expected a version such as 1.0.0"));
    char *v = jr_field(r, "manifest", false);
    if (v && !parse_hex(v, j->manifest, 32))
        jr_error(r, "%s", _("expected a BLAKE2b-256 digest in hex"));
    if ((v = jr_field(r, "directions", false)))
        jr_source(r, v, false, &j->directions);
    sp_vec banks = {0};
    while (!r->failed && (v = jr_field(r, "bank", true))) {
        sp_result_source *b = banks.len < SP_LIMIT_BANKS ? sp_vec_push(&banks, sizeof(*b)) : NULL;
        if (!b) {
            jr_error(r, "%s", _("too many banks, or out of memory"));
            break;
        }
        jr_source(r, v, true, b);
    }
    j->banks = banks.data;
    j->nbanks = banks.len;
}

static void read_meta(jreader *r)
{
    sp_journal *j = r->j;
    jr_uint(r, "seed", SP_SEED_MAX, &j->seed);
    j->info.lang = jr_field(r, "lang", false);
    if (j->info.lang && !ld_lang_valid(j->info.lang))
        jr_error(r, _("'%s' is not a language tag"), j->info.lang);
    j->info.name = jr_field(r, "name", true);
    sp_name_issue issue;
    char why[256];
    if (j->info.name && sp_name_check(j->info.name, strlen(j->info.name), &issue) != SP_NAME_OK)
        jr_error(r, _("invalid name: %s; %s"), sp_name_explain(&issue, why, sizeof(why)),
                 sp_name_rule());
    /* Journals written before these were recorded have neither line. */
    j->info.out = jr_path(r, "out");
    j->info.key = jr_path(r, "key");
    const char *mode = jr_field(r, "mode", true);
    if (mode && strcmp(mode, "adaptive") != 0)
        jr_error(r, _("'%s' is not a mode; expected adaptive"), mode);
    j->info.adaptive = mode != NULL;
    uint64_t t = 0;
    jr_uint(r, "started", INT64_MAX, &t);
    j->info.started = (int64_t)t;
    jr_uint(r, "updated", INT64_MAX, &t);
    j->info.updated = (int64_t)t;
}

/* The position, a pending jump's return position and the number of items, into *n. */
static void read_position(jreader *r, uint64_t *n)
{
    sp_journal *j = r->j;
    uint64_t pos = 0, ret = 0;
    jr_uint(r, "position", SP_LIMIT_QUESTIONS, &pos);
    /* Where a jump from the review returns to; only while one is pending. */
    const char *v = jr_field(r, "return", true);
    if (v && !parse_uint(v, SP_LIMIT_QUESTIONS, &ret))
        jr_error(r, _("'%s' needs a whole number, not '%s'"), "return", v);
    jr_uint(r, "items", SP_LIMIT_QUESTIONS, n);
    if (r->failed)
        return;
    if (pos > *n)
        jr_error(r, "%s", _("the position is past the last item"));
    else if (v && (ret > *n || ret == pos))
        jr_error(r, "%s",
                 _("the 'return' position is past the last item, or is the current position"));
    j->position = (size_t)pos;
    j->jump_origin = v ? (size_t)ret : SIZE_MAX;
}

static void read_items(jreader *r)
{
    sp_journal *j = r->j;
    uint64_t n = 0;
    read_position(r, &n);
    if (r->failed)
        return;
    j->items = sp_arena_alloc(&j->arena, (n ? n : 1) * sizeof(*j->items));
    if (!j->items)
        jr_error(r, "%s", _("out of memory"));
    for (size_t i = 0; i < n && !r->failed; i++) {
        char *v = jr_field(r, "item", false);
        char *sp = v ? strchr(v, ' ') : NULL;
        if (!v)
            break;
        if (sp)
            *sp = '\0';
        if (!sp || !ld_ident_valid(v, LD_ID_QUESTION) || !sp[1]) {
            jr_error(r, "%s", _("expected a question id and an answer"));
            break;
        }
        j->items[j->nitems++] = (jitem){v, sp + 1};
    }
    if (!r->failed && r->p != r->end) {
        r->line++;
        jr_error(r, "%s", _("unexpected line after the last item"));
    }
}

/* Verifies the checksum line; returns the length of what it covers, or 0 after an error. */
static size_t verify_checksum(const char *name, const char *buf, size_t len, sp_diags *diags)
{
    static const size_t magic_len = sizeof(SP_JOURNAL_MAGIC); /* with its newline */
    static const size_t line_len = sizeof(CHECK_KEY) - 1 + 64 + 1;
    const char *why = NULL;
    unsigned char want[32], got[32];
    size_t body = len >= line_len ? len - line_len : 0;
    if (len < magic_len || memcmp(buf, SP_JOURNAL_MAGIC "\n", magic_len) != 0)
        why = _("it does not start with the line signpost-journal/1");
    else if (len < magic_len + line_len || buf[len - 1] != '\n' || buf[body - 1] != '\n' ||
             memcmp(buf + body, CHECK_KEY, sizeof(CHECK_KEY) - 1) != 0)
        why = _("it does not end with its checksum line (it was cut short or altered)");
    if (!why) {
        char hex[65];
        memcpy(hex, buf + body + sizeof(CHECK_KEY) - 1, 64);
        hex[64] = '\0';
        sp_digest(buf, body, got);
        if (!parse_hex(hex, want, 32) || sodium_memcmp(want, got, 32) != 0)
            why = _("its checksum does not match its content (it was altered or damaged)");
    }
    if (why) {
        sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){0, 0},
                     _("not a usable journal: %s; it was not trusted"), why);
        return 0;
    }
    return body;
}

int sp_journal_parse(const char *name, const char *buf, size_t len, sp_diags *diags,
                     sp_journal **out)
{
    *out = NULL;
    if (len > SP_LIMIT_JOURNAL_SIZE) {
        sp_diags_add(diags, SP_SEV_ERROR, name, (sp_pos){0, 0},
                     _("the journal is larger than %u bytes"), SP_LIMIT_JOURNAL_SIZE);
        return SP_ELIMIT;
    }
    size_t body = verify_checksum(name, buf, len, diags);
    if (!body)
        return SP_EINPUT;
    sp_journal *j = calloc(1, sizeof(*j));
    if (!j)
        return SP_ENOMEM;
    size_t first = sizeof(SP_JOURNAL_MAGIC); /* past the magic line */
    jreader r = {name, buf + first, buf + body, 1, diags, j, false};
    read_quiz(&r);
    read_meta(&r);
    read_items(&r);
    if (r.failed) {
        sp_journal_free(j);
        return SP_EINPUT;
    }
    *out = j;
    return 0;
}

int sp_journal_load(const char *path, sp_diags *diags, sp_journal **out)
{
    *out = NULL;
    char *buf;
    size_t len;
    /* Never waiting on a FIFO, never opening a device, never following a link: a journal is a
     * regular file signpost wrote in its own folder. */
    int rc = sp_input_read(path, SP_INPUT_NOFOLLOW, SP_LIMIT_JOURNAL_SIZE, &buf, &len);
    if (rc == SP_EIO) {
        int saved = errno;
        sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0}, _("cannot read the journal: %s"),
                     sp_input_strerror(path, saved));
        errno = saved;
    } else if (rc == SP_ELIMIT) {
        sp_diags_add(diags, SP_SEV_ERROR, path, (sp_pos){0, 0},
                     _("the journal is larger than %u bytes"), SP_LIMIT_JOURNAL_SIZE);
    }
    if (rc)
        return rc;
    rc = sp_journal_parse(path, buf, len, diags, out);
    free(buf);
    return rc;
}

void sp_journal_free(sp_journal *j)
{
    if (!j)
        return;
    free(j->banks);
    sp_arena_free(&j->arena);
    free(j);
}

const sp_journal_info *sp_journal_get_info(const sp_journal *j)
{
    return &j->info;
}
const char *sp_journal_quiz_id(const sp_journal *j)
{
    return j->quiz_id;
}
const char *sp_journal_quiz_version(const sp_journal *j)
{
    return j->quiz_version;
}
uint64_t sp_journal_seed(const sp_journal *j)
{
    return j->seed;
}
size_t sp_journal_count(const sp_journal *j)
{
    return j->nitems;
}
size_t sp_journal_position(const sp_journal *j)
{
    return j->position;
}

size_t sp_journal_answered(const sp_journal *j)
{
    size_t n = 0;
    for (size_t i = 0; i < j->nitems; i++)
        n += strcmp(j->items[i].answer, "-") != 0 && strcmp(j->items[i].answer, "skip") != 0;
    return n;
}

size_t sp_journal_skipped(const sp_journal *j)
{
    size_t n = 0;
    for (size_t i = 0; i < j->nitems; i++)
        n += strcmp(j->items[i].answer, "skip") == 0;
    return n;
}

/* ---- Resuming ---------------------------------------------------------------------------- */

/* The first file of quiz that differs from what the journal records, in words; "" when none. */
static void first_difference(const sp_journal *j, const sp_quiz *quiz, char *buf, size_t size)
{
    const sp_directions *dirs = sp_quiz_directions(quiz);
    buf[0] = '\0';
    if (memcmp(j->directions.digest, dirs->digest, 32) != 0) {
        snprintf(buf, size, _("the directions file has changed (version %s then, %s now)"),
                 j->directions.version, dirs->version);
        return;
    }
    size_t n = sp_quiz_bank_count(quiz);
    for (size_t i = 0; i < j->nbanks; i++) {
        const sp_bank *now = NULL;
        for (size_t k = 0; k < n && !now; k++)
            if (strcmp(sp_quiz_bank(quiz, k)->id, j->banks[i].id) == 0)
                now = sp_quiz_bank(quiz, k);
        if (!now)
            snprintf(buf, size, _("the bank '%s' is no longer part of it"), j->banks[i].id);
        else if (memcmp(now->digest, j->banks[i].digest, 32) != 0)
            snprintf(buf, size, _("the bank '%s' has changed (version %s then, %s now)"), now->id,
                     j->banks[i].version, now->version);
        if (buf[0])
            return;
    }
    if (n != j->nbanks)
        snprintf(buf, size, "%s", _("its list of banks has changed"));
    else if (memcmp(j->manifest, sp_quiz_manifest(quiz)->digest, 32) != 0)
        snprintf(buf, size, "%s", _("the quiz manifest has changed"));
}

int sp_journal_check_quiz(const sp_journal *j, const sp_quiz *quiz, char *why, size_t whysize)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    char diff[256];
    first_difference(j, quiz, diff, sizeof(diff));
    if (strcmp(m->id, j->quiz_id) != 0) {
        snprintf(why, whysize, _("this session is of the quiz '%s' (version %s), not of '%s'"),
                 j->quiz_id, j->quiz_version, m->id);
        return SP_EINPUT;
    }
    if (!diff[0])
        return 0;
    snprintf(why, whysize,
             _("the quiz '%s' has changed since this session was started (version %s then, "
               "%s now): %s; the session cannot be resumed with it"),
             m->id, j->quiz_version, m->version, diff);
    return SP_EINPUT;
}

/* Turns the recorded text of an answer back into an answer to q. */
static int parse_answer(const sp_question *q, const char *text, sp_answer *a, char *why,
                        size_t whysize)
{
    *a = (sp_answer){0};
    if (strcmp(text, "-") == 0)
        return 0;
    char copy[256];
    const char *ids[SP_MAX_OPTIONS];
    size_t n = 0;
    size_t len = strlen(text);
    bool list = len >= 2 && text[0] == '[' && text[len - 1] == ']';
    if (len >= sizeof(copy))
        return SP_EINPUT;
    memcpy(copy, list ? text + 1 : text, len + 1);
    if (list)
        copy[len - 2] = '\0';
    for (char *save = NULL, *t = strtok_r(copy, ", ", &save); t; t = strtok_r(NULL, ", ", &save)) {
        if (n == SP_MAX_OPTIONS)
            return SP_EINPUT;
        ids[n++] = t;
    }
    return sp_answer_from_ids(q, ids, n, list, a, why, whysize);
}

/* True when text is an answer as sp_journal_format writes it: counting answers and skips
 * from the text (sp_journal_answered) then agrees with the session resumed from it. */
static bool canonical(const sp_question *q, const sp_answer *a, const char *text)
{
    char again[256];
    if (a->state == SP_ANSWER_NONE)
        return strcmp(text, "-") == 0;
    int n = sp_answer_format(q, a, again, sizeof(again));
    return n > 0 && (size_t)n < sizeof(again) && strcmp(again, text) == 0;
}

static int restore(const sp_journal *j, const sp_form *form, sp_session **session, char *why,
                   size_t whysize)
{
    size_t n = sp_form_count(form);
    sp_answer *answers = calloc(n ? n : 1, sizeof(*answers));
    if (!answers)
        return SP_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        const sp_question *q = sp_form_item_at(form, i)->q;
        char detail[256] = "";
        if (strcmp(q->id, j->items[i].id) != 0) {
            snprintf(why, whysize, _("item %zu is '%s' in the journal but '%s' in the quiz"), i + 1,
                     j->items[i].id, q->id);
            rc = SP_EINPUT;
        } else if (parse_answer(q, j->items[i].answer, &answers[i], detail, sizeof(detail))) {
            snprintf(why, whysize, _("the answer to '%s' cannot be read back: %s"), q->id, detail);
            rc = SP_EINPUT;
        } else if (!canonical(q, &answers[i], j->items[i].answer)) {
            snprintf(why, whysize,
                     _("the answer to '%s' cannot be read back: it is not written as signpost "
                       "writes answers"),
                     q->id);
            rc = SP_EINPUT;
        }
    }
    if (rc == 0 && (rc = sp_session_restore(form, answers, j->position, session)) == SP_EINVAL) {
        snprintf(why, whysize, "%s", _("the recorded answers do not fit the quiz"));
        rc = SP_EINPUT;
    }
    if (rc == 0 && j->jump_origin != SIZE_MAX &&
        sp_session_restore_jump(*session, j->jump_origin) != 0) {
        snprintf(why, whysize, "%s", _("the recorded answers do not fit the quiz"));
        sp_session_free(*session);
        *session = NULL;
        rc = SP_EINPUT;
    }
    free(answers);
    return rc;
}

int sp_journal_resume(const sp_journal *j, const sp_quiz *quiz, sp_form **form,
                      sp_session **session, char *why, size_t whysize)
{
    *form = NULL;
    *session = NULL;
    int rc = sp_form_draw(quiz, j->seed, form);
    if (rc)
        return rc;
    if (sp_form_count(*form) != j->nitems) {
        snprintf(why, whysize, _("the journal has %zu items, but the quiz draws %zu"), j->nitems,
                 sp_form_count(*form));
        rc = SP_EINPUT;
    } else {
        rc = restore(j, *form, session, why, whysize);
    }
    if (rc) {
        sp_form_free(*form);
        *form = NULL;
    }
    return rc;
}

/* ---- Where journals live ----------------------------------------------------------------- */

/* Makes every missing folder of path, each mode 0700. */
static int make_folders(char *path)
{
    for (char *p = path + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char saved = *p;
        *p = '\0';
        int rc = mkdir(path, 0700);
        *p = saved;
        if (rc != 0 && errno != EEXIST)
            return SP_EIO;
        if (saved == '\0')
            return 0;
    }
}

int sp_journal_dir(char *buf, size_t size, bool create)
{
    const char *own = getenv("SIGNPOST_STATE_DIR");
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (own && *own)
        n = snprintf(buf, size, "%s", own);
    else if (state && state[0] == '/')
        n = snprintf(buf, size, "%s/signpost", state);
    else if (home && home[0] == '/')
        n = snprintf(buf, size, "%s/.local/state/signpost", home);
    else
        return SP_ENOTFOUND;
    if (n < 0 || (size_t)n >= size)
        return SP_ELIMIT;
    if (!create)
        return 0;
    int rc = make_folders(buf);
    struct stat st;
    if (rc == 0 && (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode))) {
        errno = ENOTDIR;
        rc = SP_EIO;
    }
    return rc;
}

int sp_journal_new_path(const char *dir, const char *quiz_id, int64_t started, char *buf,
                        size_t size)
{
    time_t t = (time_t)started;
    struct tm tm;
    char when[32] = "00000000-000000";
    if (localtime_r(&t, &tm))
        strftime(when, sizeof(when), "%Y%m%d-%H%M%S", &tm);
    int n = snprintf(buf, size, "%s/%s-%s-%08" PRIx32 ".journal", dir, quiz_id, when,
                     randombytes_random());
    return n < 0 || (size_t)n >= size ? SP_ELIMIT : 0;
}

/* ---- One process per session ------------------------------------------------------------ */

#define LOCK_MAGIC "signpost-lock/1"
#define LOCK_MAX   512 /* bytes of a lock file read: its four lines fit */
#define LOCK_TRIES 10  /* attempts, LOCK_NAP apart, while a failed lock may be a passing test */
#define LOCK_NAP   20  /* milliseconds */

struct sp_journal_lock {
    int fd;     /* open on the lock file, which it holds locked */
    char *path; /* the lock file */
};

int sp_journal_lock_path(const char *journal, char *buf, size_t size)
{
    static const char ext[] = ".journal";
    const char *slash = strrchr(journal, '/');
    size_t dirlen = slash ? (size_t)(slash - journal) + 1 : 0;
    size_t n = strlen(journal + dirlen);
    if (n >= sizeof(ext) && strcmp(journal + dirlen + n - (sizeof(ext) - 1), ext) == 0)
        n -= sizeof(ext) - 1;
    if (dirlen > INT_MAX || n > INT_MAX)
        return SP_ELIMIT;
    int w = snprintf(buf, size, "%.*s.%.*s.lock", (int)dirlen, journal, (int)n, journal + dirlen);
    return w < 0 || (size_t)w >= size ? SP_ELIMIT : 0;
}

/* A host name as the lock file may give it: shown in messages, so nothing else passes. */
static bool host_valid(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && n < sizeof(((sp_journal_holder *)0)->host) &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_") == n;
}

static void this_host(char host[256])
{
    if (gethostname(host, 255) != 0)
        host[0] = '\0';
    host[255] = '\0';
    if (!host_valid(host))
        host[0] = '\0';
}

/* Reads who holds the lock from the lock file open at fd; fields it does not give stay 0/"". */
static void read_holder(int fd, sp_journal_holder *h)
{
    char buf[LOCK_MAX + 1], *save = NULL;
    *h = (sp_journal_holder){0};
    ssize_t n = pread(fd, buf, LOCK_MAX, 0);
    if (n <= 0)
        return;
    buf[n] = '\0';
    char *line = strtok_r(buf, "\n", &save);
    if (!line || strcmp(line, LOCK_MAGIC) != 0)
        return;
    while ((line = strtok_r(NULL, "\n", &save))) {
        uint64_t v;
        if (strncmp(line, "pid: ", 5) == 0 && parse_uint(line + 5, INT32_MAX, &v))
            h->pid = (int64_t)v;
        else if (strncmp(line, "since: ", 7) == 0 && parse_uint(line + 7, INT64_MAX, &v))
            h->since = (int64_t)v;
        else if (strncmp(line, "host: ", 6) == 0 && host_valid(line + 6))
            snprintf(h->host, sizeof(h->host), "%s", line + 6);
    }
}

/* Writes this process into the lock file it holds. The lock itself is what counts: when this
 * fails (a full disk), messages about the session just cannot say who holds it. */
static void write_holder(int fd)
{
    char host[256], buf[LOCK_MAX];
    this_host(host);
    int n = snprintf(buf, sizeof(buf), LOCK_MAGIC "\npid: %ld\nhost: %s\nsince: %" PRId64 "\n",
                     (long)getpid(), host, (int64_t)time(NULL));
    bool ok = n > 0 && (size_t)n < sizeof(buf) && ftruncate(fd, 0) == 0 &&
              pwrite(fd, buf, (size_t)n, 0) == n;
    if (!ok && ftruncate(fd, 0) != 0)
        return; /* a half-written holder is read as an unknown one */
}

/* True when the holder the lock file names is certainly running: a live process on this host,
 * or any process on another (which cannot be asked). Otherwise a lock that failed may be a
 * holder that has not yet written its name, or sp_journal_in_use() testing it for an instant. */
static bool holder_running(const sp_journal_holder *h)
{
    char host[256];
    this_host(host);
    if (h->pid <= 0 || !h->host[0])
        return false;
    if (strcmp(host, h->host) != 0)
        return true;
    return kill((pid_t)h->pid, 0) == 0 || errno == EPERM;
}

/* Opens the lock file at path (creating it with create), refusing anything but a regular
 * file without waiting: SP_EINPUT then. Returns 0 and *fd, or SP_EIO (errno set). */
static int open_lock(const char *path, bool create, int *fd)
{
    int flags = O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;
    struct stat st;
    *fd = open(path, create ? flags | O_RDWR | O_CREAT : flags | O_RDONLY, 0600);
    if (*fd < 0) {
        int saved = errno;
        bool odd = lstat(path, &st) == 0 && !S_ISREG(st.st_mode);
        errno = saved;
        return odd ? SP_EINPUT : SP_EIO;
    }
    if (fstat(*fd, &st) == 0 && S_ISREG(st.st_mode))
        return 0;
    close(*fd);
    *fd = -1;
    return SP_EINPUT;
}

/* True when fd is still the file at path: a holder that ends removes its lock file, and a
 * lock taken on a removed file would lock nothing that the next process sees. */
static bool still_at(int fd, const char *path)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(path, &b) == 0 && a.st_dev == b.st_dev &&
           a.st_ino == b.st_ino;
}

static void nap(void)
{
    struct timespec ts = {0, LOCK_NAP * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        continue;
}

/* One attempt at the lock: 0 with *fd holding it; SP_EBUSY (holder filled in) when another
 * process holds it; 1 when the attempt met a lock file being removed and should be made again;
 * other SP_E* codes. */
static int try_lock(const char *path, int *fd, sp_journal_holder *holder)
{
    int rc = open_lock(path, true, fd);
    if (rc)
        return rc;
    if (flock(*fd, LOCK_EX | LOCK_NB) == 0) {
        if (still_at(*fd, path))
            return 0;
        rc = 1;
    } else if (errno == EWOULDBLOCK || errno == EINTR) {
        read_holder(*fd, holder);
        rc = SP_EBUSY;
    } else {
        rc = SP_EIO;
    }
    int saved = errno;
    close(*fd);
    *fd = -1;
    errno = saved;
    return rc;
}

int sp_journal_acquire(const char *journal, sp_journal_lock **out, sp_journal_holder *holder)
{
    char path[PATH_MAX];
    int fd = -1, rc;
    *out = NULL;
    *holder = (sp_journal_holder){0};
    if (sp_journal_lock_path(journal, path, sizeof(path)) != 0)
        return SP_ELIMIT;
    for (int i = 0;; i++) {
        rc = try_lock(path, &fd, holder);
        bool again = rc == 1 || (rc == SP_EBUSY && !holder_running(holder));
        if (!again || i + 1 == LOCK_TRIES)
            break;
        nap();
    }
    if (rc == 1) {
        errno = EAGAIN;
        rc = SP_EIO;
    }
    if (rc)
        return rc;
    sp_journal_lock *lock = malloc(sizeof(*lock));
    char *copy = strdup(path);
    if (!lock || !copy) {
        free(lock);
        free(copy);
        close(fd);
        return SP_ENOMEM;
    }
    write_holder(fd);
    *lock = (sp_journal_lock){fd, copy};
    *out = lock;
    return 0;
}

void sp_journal_release(sp_journal_lock *lock, bool remove)
{
    if (!lock)
        return;
    if (remove)
        unlink(lock->path);
    close(lock->fd);
    free(lock->path);
    free(lock);
}

bool sp_journal_in_use(const char *journal, sp_journal_holder *holder)
{
    char path[PATH_MAX];
    int fd;
    bool busy = false;
    *holder = (sp_journal_holder){0};
    if (sp_journal_lock_path(journal, path, sizeof(path)) != 0 || open_lock(path, false, &fd) != 0)
        return false;
    /* A shared lock, so that two tests at once do not see each other. */
    if (flock(fd, LOCK_SH | LOCK_NB) != 0 && errno == EWOULDBLOCK) {
        busy = true;
        read_holder(fd, holder);
    }
    close(fd); /* drops the shared lock, if taken */
    return busy;
}

/* ---- Listing ----------------------------------------------------------------------------- */

static bool is_journal_name(const char *name)
{
    size_t n = strlen(name);
    static const char ext[] = ".journal";
    return name[0] != '.' && n > sizeof(ext) - 1 && strcmp(name + n - (sizeof(ext) - 1), ext) == 0;
}

static int by_recency(const void *a, const void *b)
{
    const sp_journal_entry *x = a, *y = b;
    int64_t tx = x->journal->info.updated, ty = y->journal->info.updated;
    if (tx != ty)
        return tx < ty ? 1 : -1;
    return strcmp(x->path, y->path);
}

/* Loads dir/name and appends it to v when it is a usable journal. */
static int add_entry(sp_vec *v, const char *dir, const char *name, sp_diags *diags)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path)
        return SP_ENOMEM;
    snprintf(path, len, "%s/%s", dir, name);
    sp_journal *j = NULL;
    int rc = sp_journal_load(path, diags, &j);
    sp_journal_entry *e = rc == 0 ? sp_vec_push(v, sizeof(*e)) : NULL;
    if (!e) {
        free(path);
        sp_journal_free(j);
        return rc == 0 || rc == SP_ENOMEM ? SP_ENOMEM : 0;
    }
    *e = (sp_journal_entry){.path = path, .journal = j};
    e->in_use = sp_journal_in_use(path, &e->holder);
    return 0;
}

int sp_journal_list(const char *dir, sp_diags *diags, sp_journal_entry **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return errno == ENOENT ? 0 : SP_EIO;
    sp_vec v = {0};
    int rc = 0;
    struct dirent *de;
    while (rc == 0 && (de = readdir(d)))
        if (is_journal_name(de->d_name))
            rc = add_entry(&v, dir, de->d_name, diags);
    closedir(d);
    if (rc) {
        sp_journal_entries_free(v.data, v.len);
        return rc;
    }
    if (v.len)
        qsort(v.data, v.len, sizeof(sp_journal_entry), by_recency);
    *out = v.data;
    *n = v.len;
    return 0;
}

void sp_journal_entries_free(sp_journal_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].path);
        sp_journal_free(e[i].journal);
    }
    free(e);
}
