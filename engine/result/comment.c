/* The trusted comment of a signed result: built from the body, and compared with it field by
 * field (see signpost/verify.h for the format). */
#include <stdio.h>
#include <string.h>

#include "signpost/verify.h"
#include "base/util.h"

#define MAX_FIELDS 12
/* Values quoted in a message are cut to this many bytes, at a character boundary. */
#define QUOTE_MAX 60

static void put_dir_list(sp_buf *b, const char *key, size_t n,
                         const char *(*at)(const sp_result *, size_t), const sp_result *r)
{
    if (n == 0)
        return;
    sp_buf_printf(b, " %s=", key);
    for (size_t i = 0; i < n; i++)
        sp_buf_printf(b, "%s%s", i ? "," : "", at(r, i));
}

/* The name as the trusted comment gives it: double-quoted, with " and \ escaped by \, so that
 * a name such as 'Ann top=safety' cannot read as fields. Comments made before signpost
 * quoted names (legacy) give it bare, to the end of the line. */
static void put_name(sp_buf *b, const char *name, bool legacy)
{
    if (legacy) {
        sp_buf_printf(b, " name=%s", name);
        return;
    }
    sp_buf_puts(b, " name=\"");
    for (const char *s = name; *s; s++) {
        if (*s == '"' || *s == '\\')
            sp_buf_putc(b, '\\');
        sp_buf_putc(b, *s);
    }
    sp_buf_putc(b, '"');
}

static void build(const sp_result *r, bool legacy, sp_buf *b)
{
    const sp_result_source *quiz = sp_result_quiz(r);
    const char *top = sp_result_primary(r);
    const char *level = sp_level_name(sp_result_level(r));
    char finished[SP_TIME_TEXT_SIZE];
    sp_time_format(sp_result_finished(r), finished);
    sp_buf_printf(b, "%s quiz=%s@%s top=%s", SP_RESULT_MAGIC, quiz->id ? quiz->id : "",
                  quiz->version ? quiz->version : "", top ? top : "none");
    put_dir_list(b, "near-tie", sp_result_near_tie_count(r), sp_result_near_tie_at, r);
    if (sp_result_flat(r) != SP_FLAT_NO)
        sp_buf_printf(b, " flat=%s", sp_flat_name(sp_result_flat(r)));
    sp_buf_printf(b, " level=%s finished=%s", level ? level : "unknown", finished);
    if (sp_result_name(r))
        put_name(b, sp_result_name(r), legacy);
}

/* The comment in the quoted form, or in the legacy one, into out (size bytes). */
static int make_comment(const sp_result *r, bool legacy, char *out, size_t size)
{
    sp_buf b = {0};
    build(r, legacy, &b);
    int rc = 0;
    if (b.failed)
        rc = SP_ENOMEM;
    else if (b.len >= size || b.len > SP_TRUSTED_COMMENT_MAX)
        rc = SP_ELIMIT;
    else
        memcpy(out, b.data, b.len + 1);
    sp_buf_free(&b);
    return rc;
}

int sp_result_comment(const sp_result *r, char *out, size_t size)
{
    return make_comment(r, false, out, size);
}

bool sp_comment_has_tag(const char *comment)
{
    size_t n = strlen(SP_RESULT_MAGIC);
    return strncmp(comment, SP_RESULT_MAGIC, n) == 0 && (comment[n] == ' ' || comment[n] == '\0');
}

/* ---- Comparing ------------------------------------------------------------------------------- */

typedef struct field {
    const char *key; /* NUL-terminated inside the tokenizer's copy */
    const char *value;
} field;

/* The end of the field that starts at start: a quoted name runs to its closing quote (a
 * backslash takes the next byte with it), a bare name (the legacy form) to the end of the
 * line, and any other field to the next space. Bytes after a closing quote up to a space stay
 * in the field, so that they show in a message. */
static char *field_end(char *start)
{
    if (strncmp(start, "name=\"", 6) == 0) {
        char *p = start + 6;
        while (*p && *p != '"')
            p += *p == '\\' && p[1] ? 2 : 1;
        if (*p == '"')
            p++;
        return p + strcspn(p, " ");
    }
    if (strncmp(start, "name=", 5) == 0)
        return start + strlen(start);
    return start + strcspn(start, " ");
}

/* Splits a copy of a comment (after its tag) into key=value fields, each after one space
 * (field_end says where each ends). A word without "=" gets an empty key. Returns the number
 * of fields, at most max. */
static size_t split_fields(char *s, field *f, size_t max)
{
    size_t n = 0;
    char *p = s + strlen(SP_RESULT_MAGIC);
    bool more = *p == ' ';
    while (more && n < max) {
        char *start = p + 1;
        char *end = field_end(start);
        char *eq = memchr(start, '=', (size_t)(end - start));
        more = *end == ' ';
        *end = '\0';
        if (eq) {
            *eq = '\0';
            f[n++] = (field){start, eq + 1};
        } else {
            f[n++] = (field){"", start};
        }
        p = end;
    }
    return n;
}

static const field *find_field(const field *f, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(f[i].key, key) == 0)
            return &f[i];
    return NULL;
}

/* Copies s into out (QUOTE_MAX + 4 bytes), cut at a character boundary with "…". */
static const char *quote(const char *s, char *out)
{
    size_t n = strlen(s);
    if (n <= QUOTE_MAX) {
        memcpy(out, s, n + 1);
        return out;
    }
    size_t cut = QUOTE_MAX;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
        cut--;
    memcpy(out, s, cut);
    memcpy(out + cut, "\xE2\x80\xA6", 4);
    return out;
}

/* Writes the first difference between the fields of the body (want) and of the comment (got). */
static void describe(const field *want, size_t nw, const field *got, size_t ng, char *why,
                     size_t whysize)
{
    char a[QUOTE_MAX + 4], b[QUOTE_MAX + 4];
    for (size_t i = 0; i < nw; i++) {
        const field *g = find_field(got, ng, want[i].key);
        if (!g) {
            snprintf(why, whysize, _("the trusted comment has no %s= field; the body says %s"),
                     want[i].key, quote(want[i].value, a));
            return;
        }
        if (strcmp(g->value, want[i].value) != 0) {
            snprintf(why, whysize, _("the trusted comment says %s=%s, but the body says %s"),
                     want[i].key, quote(g->value, a), quote(want[i].value, b));
            return;
        }
    }
    for (size_t i = 0; i < ng; i++) {
        if (!*got[i].key && !*got[i].value)
            continue; /* two spaces in a row: reported below as spacing */
        if (!find_field(want, nw, got[i].key)) {
            if (*got[i].key)
                snprintf(why, whysize,
                         _("the trusted comment says %s=%s, which the body does "
                           "not say"),
                         got[i].key, quote(got[i].value, a));
            else
                snprintf(why, whysize,
                         _("the trusted comment has the word '%s', which is not "
                           "a field"),
                         quote(got[i].value, a));
            return;
        }
    }
    snprintf(why, whysize, "%s",
             _("the trusted comment has the body's fields, but not in the order and spacing "
               "signpost writes"));
}

/* A comment signed before signpost quoted names gives the name bare. It still stands for its
 * result when the name holds neither '=' nor '"': then its bare form cannot read as further
 * fields, nor as a quoted name. True when comment is that legacy form of r's comment; false
 * otherwise, or with a sentence in why when the form matches but the name is not safe bare. */
static bool legacy_agrees(const sp_result *r, const char *comment, char *why, size_t whysize,
                          bool *explained)
{
    char legacy[SP_TRUSTED_COMMENT_MAX + 1];
    const char *name = sp_result_name(r);
    *explained = false;
    if (!name || make_comment(r, true, legacy, sizeof(legacy)) != 0 || strcmp(legacy, comment))
        return false;
    if (!strpbrk(name, "=\""))
        return true;
    snprintf(why, whysize, "%s",
             _("the trusted comment gives the name without quotes, as signpost did before it "
               "quoted names; that form is accepted only for names without '=' or '\"', and "
               "this name, which has one, could be read as other fields"));
    *explained = true;
    return false;
}

bool sp_result_comment_agrees(const sp_result *r, const char *comment, char *why, size_t whysize)
{
    char want[SP_TRUSTED_COMMENT_MAX + 1];
    char got[SP_TRUSTED_COMMENT_MAX + 1];
    if (make_comment(r, false, want, sizeof(want)) != 0) {
        snprintf(why, whysize, "%s", _("the body's fields do not fit in a trusted comment"));
        return false;
    }
    if (strcmp(want, comment) == 0)
        return true;
    bool explained;
    if (legacy_agrees(r, comment, why, whysize, &explained))
        return true;
    if (explained)
        return false;
    if (!sp_comment_has_tag(comment)) {
        snprintf(why, whysize, _("the trusted comment does not start with %s"), SP_RESULT_MAGIC);
        return false;
    }
    snprintf(got, sizeof(got), "%s", comment);
    field fw[MAX_FIELDS], fg[MAX_FIELDS];
    size_t nw = split_fields(want, fw, MAX_FIELDS);
    size_t ng = split_fields(got, fg, MAX_FIELDS);
    describe(fw, nw, fg, ng, why, whysize);
    return false;
}
