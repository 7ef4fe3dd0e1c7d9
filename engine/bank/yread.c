/* Internal: a bounded, position-keeping reader over libyaml's event API. */
#include "bank/yread.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "signpost/load.h"

/* ---- Diagnostics ------------------------------------------------------------------------- */

static void report(yreader *r, sp_severity sev, sp_pos pos, const char *fmt, va_list ap)
    SP_PRINTF(4, 0);

static void report(yreader *r, sp_severity sev, sp_pos pos, const char *fmt, va_list ap)
{
    sp_buf msg = {0};
    sp_buf_vprintf(&msg, fmt, ap);
    const char *s = sp_buf_str(&msg);
    if (!s || sp_diags_add(r->diags, sev, r->file, pos, "%s", s) != 0)
        r->oom = true;
    sp_buf_free(&msg);
}

void yr_error(yreader *r, sp_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, SP_SEV_ERROR, pos, fmt, ap);
    va_end(ap);
}

void yr_warning(yreader *r, sp_pos pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(r, SP_SEV_WARNING, pos, fmt, ap);
    va_end(ap);
}

/* ---- Positions --------------------------------------------------------------------------- */

static void add_line(yreader *r, uint32_t chars, uint32_t bytes)
{
    yline *l = sp_vec_push(&r->lines, sizeof(*l));
    if (!l) {
        r->oom = r->fatal = true;
        return;
    }
    *l = (yline){chars, bytes};
}

/* The number of characters in n bytes of UTF-8: bytes that are not continuation bytes
 * (10xxxxxx). Eight bytes at a time, as this runs over every byte of every file. */
static uint32_t count_chars(const unsigned char *s, size_t n)
{
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* A continuation byte has its top bit set and the next one clear. */
        cont += (size_t)__builtin_popcountll(w & ~(w << 1) & UINT64_C(0x8080808080808080));
    }
    for (; i < n; i++)
        cont += (s[i] & 0xC0) == 0x80;
    return (uint32_t)(n - cont);
}

/* Records the line starts in the next n bytes of input. A byte-order mark counts as bytes
 * but not as a character, as libyaml skips it before counting. */
static void scan(yreader *r, const unsigned char *s, size_t n)
{
    if (r->lines.len == 0)
        add_line(r, 0, r->bom ? 3 : 0);
    if (r->bom && r->scan_bytes < 3) {
        size_t skip = 3 - r->scan_bytes < n ? 3 - r->scan_bytes : n;
        r->scan_bytes += (uint32_t)skip;
        s += skip;
        n -= skip;
    }
    while (n > 0) {
        /* The next line break: LF, or CR (alone or before LF). */
        const unsigned char *lf = memchr(s, '\n', n);
        size_t seg = lf ? (size_t)(lf - s) : n;
        const unsigned char *cr = memchr(s, '\r', seg);
        size_t upto = cr ? (size_t)(cr - s) : seg;
        if (upto > 0) {
            r->scan_chars += count_chars(s, upto);
            r->scan_bytes += (uint32_t)upto;
            r->scan_cr = false;
            s += upto;
            n -= upto;
            continue;
        }
        /* s[0] is a CR or an LF. */
        unsigned char b = s[0];
        r->scan_chars++;
        r->scan_bytes++;
        if (b == '\n' && r->scan_cr) {
            yline *last = &((yline *)r->lines.data)[r->lines.len - 1];
            *last = (yline){r->scan_chars, r->scan_bytes}; /* CR LF: one break */
        } else {
            add_line(r, r->scan_chars, r->scan_bytes);
        }
        r->scan_cr = b == '\r';
        s++;
        n--;
    }
}

/* The index of the last line that starts at or before key (a character index, or a byte
 * offset when by_bytes). Nodes come in file order, so the line found last, or one just after
 * it, is almost always the answer; a binary search covers the rest. */
static size_t line_of(yreader *r, uint64_t key, bool by_bytes)
{
    const yline *l = r->lines.data;
    size_t n = r->lines.len, i = r->last_line < n ? r->last_line : 0;
#define START(k) (by_bytes ? l[k].bytes : l[k].chars)
    if (START(i) <= key) {
        for (int step = 0; step < 8 && i + 1 < n && START(i + 1) <= key; step++)
            i++;
        if (i + 1 == n || START(i + 1) > key)
            return r->last_line = i;
    }
    size_t lo = 0, hi = n;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (START(mid) <= key)
            lo = mid;
        else
            hi = mid;
    }
#undef START
    return r->last_line = lo;
}

/* People count from 1, libyaml from 0 and by its own line breaks: this is the one place that
 * turns a libyaml mark into a position. */
static sp_pos pos_of(yreader *r, yaml_mark_t m)
{
    if (r->lines.len == 0)
        return (sp_pos){(uint32_t)m.line + 1 + r->line_offset, (uint32_t)m.column + 1};
    size_t i = line_of(r, m.index, false);
    uint32_t start = ((const yline *)r->lines.data)[i].chars;
    return (sp_pos){(uint32_t)i + 1 + r->line_offset, (uint32_t)(m.index - start) + 1};
}

/* Reads up to n bytes of input at offset into out; returns how many. */
static size_t input_at(const yreader *r, size_t offset, unsigned char *out, size_t n)
{
    if (r->buf) {
        size_t k = offset < r->len ? (r->len - offset < n ? r->len - offset : n) : 0;
        memcpy(out, r->buf + offset, k);
        return k;
    }
    ssize_t k = pread(r->fd, out, n, (off_t)offset);
    return k > 0 ? (size_t)k : 0;
}

/* The position of a byte offset, for reader errors, which carry no mark. */
static sp_pos pos_of_offset(yreader *r, size_t offset)
{
    if (r->lines.len == 0)
        return (sp_pos){1 + r->line_offset, 1};
    size_t i = line_of(r, offset, true);
    const yline *l = &((const yline *)r->lines.data)[i];
    sp_pos p = {(uint32_t)i + 1 + r->line_offset, 1};
    unsigned char chunk[4096];
    for (size_t at = l->bytes; at < offset;) {
        size_t want = offset - at < sizeof(chunk) ? offset - at : sizeof(chunk);
        size_t got = input_at(r, at, chunk, want);
        if (got == 0)
            break;
        for (size_t k = 0; k < got; k++)
            p.column += (chunk[k] & 0xC0) != 0x80;
        at += got;
    }
    return p;
}

/* The byte at offset in the input, or -1. */
static int byte_at(const yreader *r, size_t offset)
{
    unsigned char c;
    return input_at(r, offset, &c, 1) == 1 ? c : -1;
}

/* The first byte of the character at a mark (libyaml counts characters, not bytes), for
 * hints about common syntax mistakes. The line is read in chunks: a mark can lie tens of
 * megabytes into one line (a huge key), and a read per byte would take seconds. */
static int char_at(yreader *r, yaml_mark_t m)
{
    if (r->lines.len == 0)
        return -1;
    const yline *l = &((const yline *)r->lines.data)[line_of(r, m.index, false)];
    uint64_t skip = m.index - l->chars; /* characters before the mark on its line */
    unsigned char chunk[4096];
    for (size_t at = l->bytes;;) {
        size_t got = input_at(r, at, chunk, sizeof(chunk));
        if (got == 0)
            return -1;
        for (size_t k = 0; k < got; k++) {
            if ((chunk[k] & 0xC0) == 0x80)
                continue; /* a continuation byte is no character of its own */
            if (skip == 0)
                return chunk[k];
            skip--;
        }
        at += got;
    }
}

/* What libyaml says, listed so that xgettext extracts it and the catalogue can translate it
 * (libyaml 0.2.5: its reader, scanner and parser; the emitter's messages never reach us). The
 * texts are looked up as they come from libyaml; one that is not here is shown as it is. */
static const char *const libyaml_texts[] __attribute__((unused)) = {
    N_("block sequence entries are not allowed in this context"),
    N_("control characters are not allowed"),
    N_("could not find expected ':'"),
    N_("could not find expected directive name"),
    N_("did not find URI escaped octet"),
    N_("did not find expected '!'"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("did not find expected <document start>"),
    N_("did not find expected <stream-start>"),
    N_("did not find expected alphabetic or numeric character"),
    N_("did not find expected comment or line break"),
    N_("did not find expected digit or '.' character"),
    N_("did not find expected hexdecimal number"),
    N_("did not find expected key"),
    N_("did not find expected node content"),
    N_("did not find expected tag URI"),
    N_("did not find expected version number"),
    N_("did not find expected whitespace"),
    N_("did not find expected whitespace or line break"),
    N_("did not find the expected '>'"),
    N_("duplicate %TAG directive"),
    N_("found a tab character that violates indentation"),
    N_("found a tab character where an indentation space is expected"),
    N_("found an incorrect leading UTF-8 octet"),
    N_("found an incorrect trailing UTF-8 octet"),
    N_("found an indentation indicator equal to 0"),
    N_("found character that cannot start any token"),
    N_("found duplicate %TAG directive"),
    N_("found duplicate %YAML directive"),
    N_("found duplicate anchor; first occurrence"),
    N_("found extremely long version number"),
    N_("found incompatible YAML document"),
    N_("found invalid Unicode character escape code"),
    N_("found undefined alias"),
    N_("found undefined tag handle"),
    N_("found unexpected ':'"),
    N_("found unexpected document indicator"),
    N_("found unexpected end of stream"),
    N_("found unexpected non-alphabetical character"),
    N_("found unknown directive name"),
    N_("found unknown escape character"),
    N_("incomplete UTF-16 character"),
    N_("incomplete UTF-16 surrogate pair"),
    N_("incomplete UTF-8 octet sequence"),
    N_("input error"),
    N_("input is too long"),
    N_("invalid Unicode character"),
    N_("invalid leading UTF-8 octet"),
    N_("invalid length of a UTF-8 sequence"),
    N_("invalid trailing UTF-8 octet"),
    N_("mapping keys are not allowed in this context"),
    N_("mapping values are not allowed in this context"),
    N_("second occurrence"),
    N_("unexpected low surrogate area"),
    N_("while parsing a %TAG directive"),
    N_("while parsing a block collection"),
    N_("while parsing a block mapping"),
    N_("while parsing a block node"),
    N_("while parsing a flow mapping"),
    N_("while parsing a flow node"),
    N_("while parsing a flow sequence"),
    N_("while parsing a node"),
    N_("while parsing a quoted scalar"),
    N_("while parsing a tag"),
    N_("while parsing a tag directive"),
    N_("while scanning a %TAG directive"),
    N_("while scanning a %YAML directive"),
    N_("while scanning a block scalar"),
    N_("while scanning a directive"),
    N_("while scanning a plain scalar"),
    N_("while scanning a quoted scalar"),
    N_("while scanning a simple key"),
    N_("while scanning a tag"),
    N_("while scanning a tag directive"),
    N_("while scanning an alias"),
    N_("while scanning an anchor"),
    N_("while scanning for the next token"),
};

/* A problem or context text of libyaml, in the interface's language. */
static const char *yaml_says(const char *text)
{
    return text ? _(text) : "?";
}

/* How a line starts, for the indentation hint: the column of its first character (0-based),
 * and for a sequence item ("- "), the column of the item's content, or -1 when it starts on
 * the next line. A line of spaces or a comment only is blank: it sets no indentation. */
typedef struct line_start {
    int col, inner;
    bool dash, blank;
} line_start;

/* At most this many leading spaces are looked at; a line indented further counts as blank. */
#define INDENT_MAX 240
/* At most this many lines above the problem are looked at: far more than a bank's nesting. */
#define INDENT_LINES_MAX 5000

static line_start line_start_of(const yreader *r, size_t line)
{
    line_start ls = {0, -1, false, true};
    unsigned char buf[INDENT_MAX + 8];
    size_t n = input_at(r, ((const yline *)r->lines.data)[line].bytes, buf, sizeof(buf)), i = 0;
    while (i < n && buf[i] == ' ')
        i++;
    if (i == n || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '#')
        return ls;
    ls = (line_start){(int)i, -1, false, false};
    if (buf[i] == '-' && i + 1 < n && buf[i + 1] == ' ') {
        ls.dash = true;
        for (i += 1; i < n && buf[i] == ' ';)
            i++;
        if (i < n && buf[i] != '\n' && buf[i] != '\r' && buf[i] != '#')
            ls.inner = (int)i;
    }
    return ls;
}

/* Whether the line before the one at index at (blank lines aside) opens a block that this
 * line, indented further, starts: "key:" or "- " with nothing after it. */
static bool opens_block_above(const yreader *r, size_t at, line_start me)
{
    size_t i = at;
    line_start ls = {0, -1, false, true};
    while (i-- > 0 && (ls = line_start_of(r, i)).blank)
        ;
    if (ls.blank || me.col <= ls.col)
        return false;
    if (ls.dash && ls.inner < 0)
        return true;
    const yline *l = r->lines.data;
    size_t end = l[i + 1].bytes, from = end - l[i].bytes > 64 ? end - 64 : l[i].bytes;
    unsigned char buf[64];
    size_t n = input_at(r, from, buf, end - from);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r' || buf[n - 1] == ' '))
        n--;
    return n > 0 && buf[n - 1] == ':';
}

/* A column that a line above sets for the lines below it: where its items start (dash) or
 * where its keys start. */
typedef struct indent_ref {
    int col;
    size_t line;
    bool found;
} indent_ref;

static void consider(indent_ref *best, int col, size_t line, int want)
{
    int d = abs(col - want);
    if (!best->found || d < abs(best->col - want))
        *best = (indent_ref){col, line, true};
}

/* Whether the line at index at is indented as no block above it allows, and if so the closest
 * column a line above sets (of an item for an item, else of a key) in *ref. The lines above
 * that can hold this one are those indented less than every line between: the blocks it can
 * belong to. A line indented as one of them is no indentation mistake. */
static bool misindented(const yreader *r, size_t at, line_start me, indent_ref *ref)
{
    if (opens_block_above(r, at, me))
        return false;
    indent_ref item = {0}, key = {0};
    int bound = INDENT_MAX + 1;
    /* Bounded, so that a hostile file of a million lines costs no more than a bank. */
    for (size_t i = at; i-- > 0 && bound > 0 && at - i <= INDENT_LINES_MAX;) {
        line_start ls = line_start_of(r, i);
        if (ls.blank || ls.col > bound)
            continue;
        bound = ls.col;
        if (ls.col == me.col || ls.inner == me.col)
            return false;
        if (ls.dash) {
            consider(&item, ls.col, i, me.col);
            if (ls.inner >= 0)
                consider(&key, ls.inner, i, me.col);
        } else {
            consider(&key, ls.col, i, me.col);
        }
    }
    *ref = me.dash && item.found ? item : key;
    return ref->found;
}

/* The hint for a line indented unlike the lines it can belong to, written into buf; "" when
 * the problem's line is indented as one of them. */
static const char *indent_hint(yreader *r, char *buf, size_t size)
{
    static const char *const block_problems[] = {
        "did not find expected '-' indicator", "did not find expected key",
        "mapping values are not allowed", "block sequence entries are not allowed"};
    const char *problem = r->parser.problem ? r->parser.problem : "";
    bool block = false;
    for (size_t i = 0; i < sizeof(block_problems) / sizeof(*block_problems); i++)
        block = block || strstr(problem, block_problems[i]);
    if (!block || r->lines.len == 0)
        return "";
    size_t at = line_of(r, r->parser.problem_mark.index, false);
    line_start me = line_start_of(r, at);
    indent_ref ref;
    if (me.blank || !misindented(r, at, me, &ref))
        return "";
    unsigned line = (unsigned)ref.line + 1 + r->line_offset, col = (unsigned)ref.col + 1;
    bool deeper = me.col > ref.col && strstr(problem, "mapping values");
    int n = deeper    ? snprintf(buf, size,
                                 _(" (the indentation differs from the key above (line %u, column "
                                      "%u): indent the keys of a mapping alike; or, if this line "
                                      "continues the value above, put that value in double quotes)"),
                                 line, col)
            : me.dash ? snprintf(buf, size,
                                 _(" (the indentation differs from the item above (line %u, column "
                                   "%u): indent the items of a list alike, with spaces)"),
                                 line, col)
                      : snprintf(buf, size,
                                 _(" (the indentation differs from the key above (line %u, column "
                                   "%u): indent the keys of a mapping alike, with spaces)"),
                                 line, col);
    return n > 0 && (size_t)n < size ? buf : "";
}

/* A hint about the mistake that most often causes the problem libyaml found, written into
 * buf when it needs numbers; "" when there is none. */
static const char *syntax_hint(yreader *r, char *buf, size_t size)
{
    const yaml_parser_t *p = &r->parser;
    int c = char_at(r, p->problem_mark);
    if (c == '\t' || (p->problem && strstr(p->problem, "tab")))
        return _(" (YAML cannot be indented with tabs; use spaces)");
    const char *indent = indent_hint(r, buf, size);
    if (*indent)
        return indent;
    if (p->problem && strstr(p->problem, "could not find expected ':'"))
        return p->context_mark.line == p->problem_mark.line
                   ? _(" (a key can be at most 1024 characters long)")
                   : _(" (is the ':' after the key missing?)");
    if (p->problem && strstr(p->problem, "mapping values are not allowed"))
        return _(" (is there a ': ' inside an unquoted value? put the value in double quotes)");
    if (c == '`' || c == '@')
        return _(" (a value cannot start with ` or @ unless it is quoted)");
    return "";
}

/* Reports invalid UTF-8 at the first byte of the broken character: libyaml gives the offset
 * and value of a bad continuation byte, which is valid ASCII more often than not. */
static void report_bad_utf8(yreader *r)
{
    const yaml_parser_t *p = &r->parser;
    size_t at = p->problem_offset;
    if (strstr(p->problem, "trailing")) {
        do
            at--;
        while (at > 0 && (byte_at(r, at) & 0xC0) == 0x80);
    }
    int c = byte_at(r, at), next = byte_at(r, at + 1);
    if (at == 0 && ((c == 0xFF && next == 0xFE) || (c == 0xFE && next == 0xFF)))
        yr_error(r, pos_of_offset(r, 0),
                 _("the file is UTF-16 (it starts with a UTF-16 byte-order mark); expected "
                   "UTF-8: save it as UTF-8"));
    else
        yr_error(r, pos_of_offset(r, at),
                 _("invalid UTF-8 (byte 0x%02x); expected a UTF-8 text file"), (unsigned)c & 0xFFu);
}

static void report_parser_error(yreader *r)
{
    yaml_parser_t *p = &r->parser;
    r->fatal = true;
    switch (p->error) {
    case YAML_MEMORY_ERROR: r->oom = true; break;
    case YAML_READER_ERROR:
        if (r->too_big)
            yr_error(r, (sp_pos){0, 0}, _("the file is larger than the limit of %u MiB"),
                     SP_LIMIT_FILE_SIZE / (1024 * 1024));
        else if (r->read_errno)
            yr_error(r, (sp_pos){0, 0}, _("cannot read the file: %s"), strerror(r->read_errno));
        else if (strstr(p->problem ? p->problem : "", "UTF-8"))
            report_bad_utf8(r);
        else
            yr_error(r, pos_of_offset(r, p->problem_offset),
                     _("unreadable character: %s (value 0x%x); expected printable UTF-8 text"),
                     yaml_says(p->problem), (unsigned)p->problem_value);
        break;
    default:;
        char hint[256];
        /* A quote left open runs on over the following lines until the next quote, and the
         * parser stumbles only after it: point at the quote that opened it. */
        if (r->quoted_multiline && p->problem_mark.index >= r->quoted_end.index &&
            p->problem_mark.line <= r->quoted_end.line + 1)
            yr_error(r, pos_of(r, r->quoted_start),
                     _("YAML syntax error: %s at line %u, just after the quoted value that "
                       "starts here (is its closing quote missing?)"),
                     yaml_says(p->problem), pos_of(r, p->problem_mark).line);
        /* A key without its ':' is noticed only where the next line starts; the key is
         * where the author must look. */
        else if (p->problem && p->context && strstr(p->problem, "could not find expected ':'"))
            yr_error(r, pos_of(r, p->context_mark), _("YAML syntax error: %s %s%s"),
                     yaml_says(p->problem), yaml_says(p->context),
                     syntax_hint(r, hint, sizeof(hint)));
        else if (p->context)
            yr_error(r, pos_of(r, p->problem_mark), _("YAML syntax error: %s %s at line %u%s"),
                     yaml_says(p->problem), yaml_says(p->context), pos_of(r, p->context_mark).line,
                     syntax_hint(r, hint, sizeof(hint)));
        else
            yr_error(r, pos_of(r, p->problem_mark), _("YAML syntax error: %s%s"),
                     yaml_says(p->problem), syntax_hint(r, hint, sizeof(hint)));
        break;
    }
}

/* ---- Events ------------------------------------------------------------------------------ */

/* Reports a character no scalar may hold (sp_is_hostile_codepoint), naming its class. */
static void bad_character(yreader *r, sp_pos pos, uint32_t cp, bool key)
{
    switch (sp_cp_classify(cp)) {
    case SP_CP_BIDI:
        yr_error(r, pos,
                 key ? _("bidirectional control character U+%04X in key; text may contain tabs and "
                         "line breaks but no control, bidirectional or invisible characters")
                     : _("bidirectional control character U+%04X in value; text may contain tabs "
                         "and line breaks but no control, bidirectional or invisible characters"),
                 (unsigned)cp);
        break;
    case SP_CP_INVISIBLE:
        yr_error(r, pos,
                 key ? _("invisible character U+%04X in key; text may contain tabs and line breaks "
                         "but no control, bidirectional or invisible characters")
                     : _("invisible character U+%04X in value; text may contain tabs and line "
                         "breaks but no control, bidirectional or invisible characters"),
                 (unsigned)cp);
        break;
    default:
        yr_error(r, pos,
                 key ? _("control character U+%04X in key; text may contain tabs and line breaks "
                         "but no control, bidirectional or invisible characters")
                     : _("control character U+%04X in value; text may contain tabs and line "
                         "breaks but no control, bidirectional or invisible characters"),
                 (unsigned)cp);
        break;
    }
}

/* Checks a scalar's bytes: the size limit, for keys as for values, and characters that must
 * not reach a terminal. */
static bool scalar_ok(yreader *r, const yaml_event_t *e, bool key)
{
    sp_pos pos = pos_of(r, e->start_mark);
    size_t n = e->data.scalar.length;
    if (n > SP_LIMIT_SCALAR) {
        yr_error(r, pos,
                 key ? _("key of %zu bytes is longer than the limit of %u bytes")
                     : _("value of %zu bytes is longer than the limit of %u bytes"),
                 n, SP_LIMIT_SCALAR);
        return false;
    }
    const unsigned char *s = e->data.scalar.value;
    for (size_t i = 0; i < n;) {
        if (s[i] >= 0x20 && s[i] < 0x7F) {
            i++; /* printable ASCII, the common case */
            continue;
        }
        uint32_t cp = 0;
        size_t k = sp_utf8_decode(s + i, n - i, &cp);
        if (k == 0) {
            yr_error(r, pos, _("invalid UTF-8 in value; expected UTF-8 text"));
            return false;
        }
        if (sp_is_hostile_codepoint(cp, true)) {
            bad_character(r, pos, cp, key);
            return false;
        }
        i += k;
    }
    return true;
}

/* Rejects anchors and explicit tags on a node's start event. Returns false when one was
 * found (reported). */
static bool node_props_ok(yreader *r, const yaml_event_t *e)
{
    const yaml_char_t *anchor = NULL, *tag = NULL;
    bool implicit = true;
    if (e->type == YAML_SCALAR_EVENT) {
        anchor = e->data.scalar.anchor;
        tag = e->data.scalar.tag;
        implicit = e->data.scalar.plain_implicit || e->data.scalar.quoted_implicit;
    } else if (e->type == YAML_SEQUENCE_START_EVENT) {
        anchor = e->data.sequence_start.anchor;
        tag = e->data.sequence_start.tag;
        implicit = e->data.sequence_start.implicit;
    } else if (e->type == YAML_MAPPING_START_EVENT) {
        anchor = e->data.mapping_start.anchor;
        tag = e->data.mapping_start.tag;
        implicit = e->data.mapping_start.implicit;
    }
    bool ok = true;
    if (anchor) {
        yr_error(r, pos_of(r, e->start_mark),
                 _("anchor '&%s' is not allowed; signpost files use no anchors or aliases"),
                 (const char *)anchor);
        ok = false;
    }
    if (tag && !implicit) {
        /* Show a standard tag as it is written (!!str), not as libyaml resolves it. */
        const char *t = (const char *)tag, *std = "tag:yaml.org,2002:";
        bool short_form = strncmp(t, std, strlen(std)) == 0;
        yr_error(r, pos_of(r, e->start_mark), _("tag '%s%s' is not allowed; remove it"),
                 short_form ? "!!" : "", short_form ? t + strlen(std) : t);
        ok = false;
    }
    return ok;
}

/* Makes sure r->event holds the next event, checking depth. False when reading cannot go on. */
static bool peek(yreader *r)
{
    if (r->have_event)
        return true;
    if (r->fatal)
        return false;
    if (!yaml_parser_parse(&r->parser, &r->event)) {
        report_parser_error(r);
        return false;
    }
    r->have_event = true;
    yaml_event_type_t t = r->event.type;
    if (t == YAML_SCALAR_EVENT) {
        yaml_scalar_style_t style = r->event.data.scalar.style;
        r->quoted_start = r->event.start_mark;
        r->quoted_end = r->event.end_mark;
        r->quoted_multiline = (style == YAML_DOUBLE_QUOTED_SCALAR_STYLE ||
                               style == YAML_SINGLE_QUOTED_SCALAR_STYLE) &&
                              r->event.end_mark.line > r->event.start_mark.line;
    } else if (t == YAML_SEQUENCE_START_EVENT || t == YAML_MAPPING_START_EVENT) {
        if (++r->depth > SP_LIMIT_DEPTH) {
            yr_error(r, pos_of(r, r->event.start_mark),
                     _("nesting is deeper than the limit of %d levels"), SP_LIMIT_DEPTH);
            r->fatal = true;
            return false;
        }
    } else if (t == YAML_SEQUENCE_END_EVENT || t == YAML_MAPPING_END_EVENT) {
        r->depth--;
    }
    return true;
}

static void consume(yreader *r)
{
    if (r->have_event) {
        yaml_event_delete(&r->event);
        r->have_event = false;
    }
}

static int init_common(yreader *r, const char *file, sp_diags *diags)
{
    memset(r, 0, sizeof(*r));
    r->fd = -1;
    if (!yaml_parser_initialize(&r->parser))
        return SP_ENOMEM;
    r->file = file;
    r->diags = diags;
    crypto_generichash_init(&r->hash, NULL, 0, 32);
    return 0;
}

/* Only UTF-8: a UTF-16 file is then an encoding error, not silently decoded. A UTF-8
 * byte-order mark is accepted (formats.md), but libyaml skips it only when it detects the
 * encoding itself; with the encoding forced, it reads the mark as a character that indents
 * the first line, and the second line then ends the root mapping. */
static void set_encoding(yreader *r, const unsigned char *head, size_t n)
{
    r->bom = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF;
    if (!r->bom)
        yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
}

int yr_init(yreader *r, const char *file, const char *buf, size_t len, sp_diags *diags)
{
    int rc = init_common(r, file, diags);
    if (rc)
        return rc;
    r->buf = buf;
    r->len = len;
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)buf, len);
    set_encoding(r, (const unsigned char *)buf, len);
    scan(r, (const unsigned char *)buf, len);
    return r->oom ? SP_ENOMEM : 0;
}

/* libyaml's input callback: reads the next chunk, bounds the total and hashes it. */
static int read_fd(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    yreader *r = data;
    ssize_t n;
    do {
        n = read(r->fd, buffer, size);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        r->read_errno = errno;
        return 0;
    }
    if ((size_t)n > SP_LIMIT_FILE_SIZE - r->consumed) {
        r->too_big = true;
        return 0;
    }
    r->consumed += (size_t)n;
    crypto_generichash_update(&r->hash, buffer, (unsigned long long)n);
    scan(r, buffer, (size_t)n);
    *size_read = (size_t)n;
    return 1;
}

int yr_init_fd(yreader *r, const char *file, int fd, sp_diags *diags)
{
    int rc = init_common(r, file, diags);
    if (rc)
        return rc;
    r->fd = fd;
    yaml_parser_set_input(&r->parser, read_fd, r);
    unsigned char head[3];
    ssize_t n = pread(fd, head, sizeof(head), 0);
    set_encoding(r, head, n > 0 ? (size_t)n : 0);
    return 0;
}

void yr_digest(yreader *r, unsigned char out[32])
{
    if (r->buf)
        sp_digest(r->buf, r->len, out);
    else
        crypto_generichash_final(&r->hash, out, 32);
}

void yr_fini(yreader *r)
{
    consume(r);
    yaml_parser_delete(&r->parser);
    sp_vec_free(&r->scratch);
    sp_vec_free(&r->lines);
}

/* ---- Building nodes ---------------------------------------------------------------------- */

static bool build(yreader *r, sp_arena *a, ynode *out, bool key);

static bool build_scalar(yreader *r, sp_arena *a, ynode *out, bool key)
{
    const yaml_event_t *e = &r->event;
    out->type = YN_SCALAR;
    out->pos = pos_of(r, e->start_mark);
    out->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    bool ok = node_props_ok(r, e);
    ok = scalar_ok(r, e, key) && ok;
    const char *s = ok ? (const char *)e->data.scalar.value : "";
    size_t n = ok ? e->data.scalar.length : 0;
    out->bad = !ok;
    out->n = (uint32_t)n;
    out->u.str = sp_arena_strndup(a, s, n);
    consume(r);
    if (!out->u.str)
        r->oom = r->fatal = true;
    return !r->fatal;
}

/* Builds the children of the collection whose start event was just consumed, up to its end
 * event. Children are collected on the scratch stack, then copied into the arena. */
static bool build_children(yreader *r, sp_arena *a, ynode *out, yaml_event_type_t end,
                           size_t per_item)
{
    size_t base = r->scratch.len;
    size_t count = 0;
    for (;;) {
        if (!peek(r))
            return false;
        if (r->event.type == end) {
            consume(r);
            break;
        }
        if (count / per_item >= SP_LIMIT_ENTRIES) {
            /* Stop here: going on to the end of the collection would let a file of millions
             * of entries cost the time of reading them all. */
            yr_error(r, pos_of(r, r->event.start_mark),
                     _("more than %d entries here; that is over the limit"), SP_LIMIT_ENTRIES);
            r->fatal = true;
            return false;
        }
        ynode child = {0};
        /* In a mapping, children alternate: key, value. */
        if (!build(r, a, &child, per_item == 2 && count % 2 == 0))
            return false;
        ynode *slot = sp_vec_push(&r->scratch, sizeof(ynode));
        if (!slot) {
            r->oom = r->fatal = true;
            return false;
        }
        *slot = child;
        count++;
    }
    size_t kept = r->scratch.len - base;
    out->n = (uint32_t)(kept / per_item);
    /* An empty collection has no children and must not touch the (maybe NULL) stack. */
    out->u.kids =
        kept ? sp_arena_memdup(a, (ynode *)r->scratch.data + base, kept, sizeof(ynode)) : NULL;
    r->scratch.len = base;
    if (kept && !out->u.kids) {
        r->oom = r->fatal = true;
        return false;
    }
    return true;
}

/* A mapping key that is not a scalar cannot name a field: it is reported and replaced. */
static void check_map_keys(yreader *r, ynode *map)
{
    for (uint32_t i = 0; i < map->n; i++) {
        ynode *k = YN_KEY(map, i);
        if (k->type != YN_SCALAR) {
            yr_error(r, k->pos, _("a key must be a plain name, not a list or mapping"));
            *k = (ynode){.type = YN_SCALAR, .bad = true, .pos = k->pos, .u.str = ""};
        }
    }
}

static bool build(yreader *r, sp_arena *a, ynode *out, bool key)
{
    if (!peek(r))
        return false;
    const yaml_event_t *e = &r->event;
    out->pos = pos_of(r, e->start_mark);
    switch (e->type) {
    case YAML_SCALAR_EVENT: return build_scalar(r, a, out, key);
    case YAML_ALIAS_EVENT:
        yr_error(r, out->pos,
                 _("alias '*%s' is not allowed; signpost files use no anchors or aliases"),
                 (const char *)e->data.alias.anchor);
        consume(r);
        *out = (ynode){.type = YN_SCALAR, .bad = true, .pos = out->pos, .u.str = ""};
        return true;
    case YAML_SEQUENCE_START_EVENT:
        out->type = YN_SEQ;
        out->bad = !node_props_ok(r, e);
        consume(r);
        return build_children(r, a, out, YAML_SEQUENCE_END_EVENT, 1);
    case YAML_MAPPING_START_EVENT:
        out->type = YN_MAP;
        out->bad = !node_props_ok(r, e);
        consume(r);
        if (!build_children(r, a, out, YAML_MAPPING_END_EVENT, 2))
            return false;
        check_map_keys(r, out);
        return true;
    default:
        /* The parser only gives node events here. */
        yr_error(r, out->pos, _("unexpected YAML structure"));
        r->fatal = true;
        return false;
    }
}

ynode *yr_value(yreader *r, sp_arena *a)
{
    ynode *n = sp_arena_alloc(a, sizeof(ynode));
    if (!n) {
        r->oom = r->fatal = true;
        return NULL;
    }
    return build(r, a, n, false) ? n : NULL;
}

bool yr_skip(yreader *r)
{
    int depth = 0;
    do {
        if (!peek(r))
            return false;
        switch (r->event.type) {
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: depth++; break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: depth--; break;
        default: break;
        }
        consume(r);
    } while (depth > 0);
    return true;
}

/* ---- Document structure ------------------------------------------------------------------ */

bool yr_begin(yreader *r, sp_pos *root)
{
    if (!peek(r) || r->event.type != YAML_STREAM_START_EVENT)
        return false;
    consume(r);
    if (!peek(r))
        return false;
    if (r->event.type == YAML_STREAM_END_EVENT) {
        yr_error(r, (sp_pos){1, 1},
                 _("the file is empty; expected a mapping that starts with 'signpost:'"));
        return false;
    }
    consume(r); /* document start */
    if (!peek(r))
        return false;
    *root = pos_of(r, r->event.start_mark);
    if (r->event.type != YAML_MAPPING_START_EVENT) {
        bool empty = r->event.type == YAML_SCALAR_EVENT && r->event.data.scalar.length == 0;
        yr_error(r, *root,
                 empty ? _("the file is empty; expected a mapping that starts with 'signpost:'")
                       : _("the file is not a YAML mapping; expected 'signpost:' and the other "
                           "fields of the format"));
        return false;
    }
    bool ok = node_props_ok(r, &r->event);
    consume(r);
    return ok || !r->fatal;
}

int yr_key(yreader *r, sp_arena *a, ynode *key)
{
    for (;;) {
        if (!peek(r))
            return -1;
        if (r->event.type == YAML_MAPPING_END_EVENT) {
            consume(r);
            return 0;
        }
        if (!build(r, a, key, true))
            return -1;
        if (key->type == YN_SCALAR)
            return 1;
        yr_error(r, key->pos, _("a key must be a plain name, not a list or mapping"));
        if (!yr_skip(r))
            return -1;
    }
}

static bool begin_collection(yreader *r, yaml_event_type_t type, sp_pos *pos)
{
    if (!peek(r) || r->event.type != type)
        return false;
    *pos = pos_of(r, r->event.start_mark);
    node_props_ok(r, &r->event);
    consume(r);
    return true;
}

bool yr_seq_begin(yreader *r, sp_pos *pos)
{
    return begin_collection(r, YAML_SEQUENCE_START_EVENT, pos);
}

bool yr_map_begin(yreader *r, sp_pos *pos)
{
    return begin_collection(r, YAML_MAPPING_START_EVENT, pos);
}

bool yr_peek(yreader *r)
{
    return peek(r);
}

int yr_seq_item(yreader *r, sp_arena *a, ynode **item)
{
    if (!peek(r))
        return -1;
    if (r->event.type == YAML_SEQUENCE_END_EVENT) {
        consume(r);
        return 0;
    }
    *item = yr_value(r, a);
    return *item ? 1 : -1;
}

bool yr_end(yreader *r)
{
    if (!peek(r))
        return false;
    consume(r); /* document end */
    if (!peek(r))
        return false;
    if (r->event.type != YAML_STREAM_END_EVENT) {
        yr_error(r, pos_of(r, r->event.start_mark),
                 _("a second YAML document starts here; a signpost file holds exactly one"));
        return false;
    }
    consume(r);
    return true;
}

/* ---- Scalars ----------------------------------------------------------------------------- */

bool yn_is_null(const ynode *n)
{
    if (n->type != YN_SCALAR || !n->plain)
        return false;
    const char *s = n->u.str;
    return n->n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
           strcmp(s, "NULL") == 0;
}

/* The largest prefix of s of at most max bytes that ends on a character boundary. */
static size_t utf8_cut(const char *s, size_t max)
{
    size_t i = max;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

const char *yn_describe(const ynode *n, char *buf, size_t size)
{
    if (n->type == YN_SEQ)
        snprintf(buf, size, "%s", _("a list"));
    else if (n->type == YN_MAP)
        snprintf(buf, size, "%s", _("a mapping"));
    else if (yn_is_null(n) || n->n == 0)
        snprintf(buf, size, "%s", _("an empty value"));
    else if (n->n > 40)
        snprintf(buf, size, _("the text '%.*s...'"), (int)utf8_cut(n->u.str, 37), n->u.str);
    else
        snprintf(buf, size, _("'%s'"), n->u.str);
    return buf;
}
