/* Text for the terminal: neutralising, measuring and wrapping by display width (wrap.h). */
#include "wrap.h"

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "base/util.h"

#define REPLACEMENT 0xFFFD

bool wrap_utf8(void)
{
    const char *cs = nl_langinfo(CODESET);
    return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}

/* The columns cp takes, or -1 when it cannot be shown. */
static int cp_width(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 0x20 && cp != 0x7F ? 1 : -1;
    int w = wcwidth((wchar_t)cp);
    if (w < 0 && !wrap_utf8())
        return 1; /* no way to tell: count one column */
    return w;
}

static void put_cp(sp_buf *b, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp == REPLACEMENT && !wrap_utf8()) {
        sp_buf_putc(b, '?');
        return;
    }
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | cp >> 12);
        u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | cp >> 18);
        u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    sp_buf_append(b, u, n);
}

char *wrap_clean(const char *s, bool keep_newlines)
{
    sp_buf b = {0};
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    sp_buf_append(&b, "", 0);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            cp = REPLACEMENT;
            k = 1;
        } else if (cp == '\t' || (cp == '\n' && !keep_newlines)) {
            cp = ' ';
        } else if (cp != '\n' && (sp_is_hostile_codepoint(cp, false) || cp_width(cp) < 0)) {
            cp = REPLACEMENT;
        }
        put_cp(&b, cp);
        i += k;
    }
    if (b.failed) {
        sp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

static bool is_han(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF); /* as web/src/ui/i18n.js HAN */
}

static bool is_ascii_alnum(uint32_t cp)
{
    return cp < 0x80 && ((cp | 0x20) - 'a' < 26 || cp - '0' < 10);
}

char *wrap_space_han(const char *s)
{
    sp_buf b = {0};
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    size_t n = strlen((const char *)p);
    uint32_t prev = 0;
    sp_buf_append(&b, "", 0);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0) { /* not UTF-8: copied as it is, for wrap_clean() to replace */
            cp = REPLACEMENT;
            k = 1;
        }
        if ((is_han(prev) && is_ascii_alnum(cp)) || (is_ascii_alnum(prev) && is_han(cp)))
            sp_buf_putc(&b, ' ');
        sp_buf_append(&b, (const char *)p + i, k);
        prev = cp;
        i += k;
    }
    if (b.failed) {
        sp_buf_free(&b);
        return NULL;
    }
    return b.data;
}

/* Decodes one code point of clean text (always valid UTF-8). */
static size_t next_cp(const char *s, uint32_t *cp)
{
    size_t k = sp_utf8_decode((const unsigned char *)s, strnlen(s, 4), cp);
    if (k == 0) {
        *cp = (unsigned char)*s;
        k = 1;
    }
    return k;
}

static int width_of(const char *s, size_t n)
{
    int w = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += next_cp(s + i, &cp);
        int cw = cp_width(cp);
        w += cw > 0 ? cw : 0;
    }
    return w;
}

int wrap_width(const char *s)
{
    char *c = wrap_clean(s, false);
    int w = c ? width_of(c, strlen(c)) : 0;
    free(c);
    return w;
}

/* ---- Line breaking ----------------------------------------------------------------------- */

/* Characters that must not start a line: closing punctuation, CJK and Latin. */
static bool no_start(uint32_t cp)
{
    static const uint32_t list[] = {
        ',',    '.',    ';',    ':',    '?',    '!',    ')',    ']',    '}',    '%',
        0x2019, 0x201D, 0x2026, 0x3001, 0x3002, 0x3009, 0x300B, 0x300D, 0x300F, 0x3011,
        0xFF01, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0x30FC,
    };
    for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        if (list[i] == cp)
            return true;
    return false;
}

/* Characters that must not end a line: opening punctuation. */
static bool no_end(uint32_t cp)
{
    static const uint32_t list[] = {
        '(',    '[',    '{',    0x2018, 0x201C, 0x3008, 0x300A,
        0x300C, 0x300E, 0x3010, 0xFF08, 0xFF3B, 0xFF5B,
    };
    for (size_t i = 0; i < sizeof(list) / sizeof(list[0]); i++)
        if (list[i] == cp)
            return true;
    return false;
}

/* True when a line may break between a and b, neither of them a space: next to a wide
 * character, unless punctuation forbids it. */
static bool may_break(uint32_t a, uint32_t b)
{
    if (cp_width(b) == 0 || no_start(b) || no_end(a))
        return false;
    return cp_width(a) == 2 || cp_width(b) == 2;
}

/* Ends a line at byte end (trailing spaces dropped) with the next one starting at resume
 * (spaces and one newline skipped); returns the line's length. */
static size_t end_line(const char *s, size_t end, size_t resume, const char **rest)
{
    const char *r = s + resume;
    while (*r == ' ')
        r++;
    if (*r == '\n')
        r++;
    while (end > 0 && s[end - 1] == ' ')
        end--;
    *rest = r;
    return end;
}

/* ---- Commands: never split ------------------------------------------------------------- */

/* The length of the word at s: printable ASCII up to a space, a non-ASCII character or the end. */
static size_t ascii_word(const char *s)
{
    size_t n = 0;
    while (s[n] > ' ' && s[n] < 0x7F)
        n++;
    return n;
}

/* True when the word of n bytes at s reads as part of a command rather than prose: an option
 * ("--resume") or an argument with something else than lowercase letters ("r.signpost", "%s"
 * filled in, "COMMAND"). A plain lowercase word ("to", "with") ends the command. */
static bool command_word(const char *s, size_t n)
{
    if (n == 0)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'a' || s[i] > 'z')
            return true;
    return false;
}

/* The closing quote for an opening one at s (its length in *open), or NULL. */
static const char *closing_quote(const char *s, size_t *open)
{
    static const char *const pairs[][2] = {
        {"'", "'"}, {"\"", "\""}, {"\u201C", "\u201D"}, {"\u2018", "\u2019"}, {"\u300C", "\u300D"}};
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        *open = strlen(pairs[i][0]);
        if (strncmp(s, pairs[i][0], *open) == 0)
            return pairs[i][1];
    }
    return NULL;
}

/* The bytes of the command that starts at s, 0 when none does: a span in backquotes, a quoted
 * "signpost ...", or an unquoted run of "signpost", its subcommand and the words after it that
 * command_word() accepts. Such a run is laid out as one word, so that what the reader is told
 * to type is never split across lines (the terminal would show it whole, the reader would copy
 * half of it). */
static size_t command_at(const char *s)
{
    static const char prog[] = "signpost ";
    size_t open;
    if (*s == '`') {
        const char *end = strchr(s + 1, '`');
        return end && !memchr(s, '\n', (size_t)(end - s)) ? (size_t)(end - s) + 1 : 0;
    }
    const char *close = closing_quote(s, &open);
    if (close && strncmp(s + open, prog, sizeof(prog) - 1) == 0) {
        const char *end = strstr(s + open, close);
        if (end && !memchr(s, '\n', (size_t)(end - s)))
            return (size_t)(end - s) + strlen(close);
    }
    if (strncmp(s, prog, sizeof(prog) - 1) != 0 || s[sizeof(prog) - 1] < 'a' ||
        s[sizeof(prog) - 1] > 'z')
        return 0;
    size_t n = sizeof(prog) - 1;
    n += ascii_word(s + n); /* the subcommand */
    while (s[n] == ' ' && command_word(s + n + 1, ascii_word(s + n + 1)))
        n += 1 + ascii_word(s + n + 1);
    return n;
}

/* True when a command may start at s + i, after prev: at the start, after a space or an
 * opening quote, or next to a wide character. */
static bool command_may_start(size_t i, uint32_t prev)
{
    return i == 0 || prev == ' ' || cp_width(prev) == 2 || no_end(prev);
}

/* Finds the first line of clean text s in width columns: returns its length in bytes and sets
 * *rest to the start of the next line, or to the terminating NUL. */
static size_t next_line(const char *s, int width, const char **rest)
{
    int col = 0;
    size_t i = 0, brk = 0; /* brk: the last place to break, 0 for none yet */
    uint32_t prev = 0;
    while (s[i] && s[i] != '\n') {
        uint32_t cp;
        size_t k = next_cp(s + i, &cp);
        int w = cp_width(cp);
        w = w > 0 ? w : 0;
        if (cp == ' ' || (i > 0 && prev != ' ' && may_break(prev, cp)))
            brk = i;
        size_t cmd = cp != ' ' && command_may_start(i, prev) ? command_at(s + i) : 0;
        if (cmd) { /* one word, unless longer than a whole line: then cut as any word */
            int cw = width_of(s + i, cmd);
            if (col + cw > width && col > 0 && brk)
                return end_line(s, brk, brk, rest);
            if (cw <= width) {
                col += cw;
                i += cmd;
                size_t last = i - 1; /* the command's last character, maybe a quote */
                while (last > 0 && ((unsigned char)s[last] & 0xC0) == 0x80)
                    last--;
                next_cp(s + last, &prev);
                continue;
            }
        }
        if (cp != ' ' && col + w > width && col > 0)
            return end_line(s, brk ? brk : i, brk ? brk : i, rest); /* no break: cut here */
        col += w;
        i += k;
        prev = cp;
    }
    return end_line(s, i, i, rest);
}

/* The width of trusted text that may hold SGR sequences (ESC [ ... m), which take none. */
static int lead_width(const char *s)
{
    int w = 0;
    while (*s) {
        if (*s == '\033' && s[1] == '[') {
            s += 2;
            while (*s && *s != 'm')
                s++;
            s += *s == 'm';
            continue;
        }
        uint32_t cp;
        s += next_cp(s, &cp);
        int cw = cp_width(cp);
        w += cw > 0 ? cw : 0;
    }
    return w;
}

static int lay_out(FILE *out, const char *text, const wrap_style *st, int max)
{
    char *c = wrap_clean(text, true);
    if (!c)
        return 0;
    int lines = 0;
    int first_cols = st->lead ? lead_width(st->lead) : st->indent;
    const char *s = c;
    do {
        int avail = (lines ? st->width - st->indent : st->width - first_cols);
        const char *rest;
        size_t n = next_line(s, avail > 0 ? avail : 1, &rest);
        const char *line = s;
        char last[4096];
        if (max > 0 && lines + 1 == max && *rest) {
            /* The last line allowed: what is left, shortened with an ellipsis. */
            line = wrap_shorten(s, avail > 1 ? avail : 1, last, sizeof(last));
            n = strlen(last);
            rest = "";
        }
        if (out) {
            if (lines == 0 && st->lead)
                fputs(st->lead, out);
            else
                fprintf(out, "%*s", st->indent, "");
            fprintf(out, "%s%.*s%s\n", st->on ? st->on : "", (int)n, line, st->off ? st->off : "");
        }
        lines++;
        s = rest;
    } while (*s);
    free(c);
    return lines;
}

int wrap_print(FILE *out, const char *text, const wrap_style *st)
{
    return lay_out(out, text, st, 0);
}

int wrap_print_max(FILE *out, const char *text, const wrap_style *st, int max)
{
    return lay_out(out, text, st, max);
}

int wrap_count(const char *text, const wrap_style *st)
{
    return lay_out(NULL, text, st, 0);
}

char *wrap_shorten(const char *text, int cols, char *buf, size_t size)
{
    char *c = wrap_clean(text, false);
    const char *ell = wrap_utf8() ? "\u2026" : "...";
    int ellw = wrap_utf8() ? 1 : 3;
    buf[0] = '\0';
    if (!c || size == 0)
        goto done;
    size_t len = strlen(c), i = 0, fit = 0;
    int col = 0;
    bool cut = width_of(c, len) > cols;
    int room = cut ? cols - ellw : cols;
    while (i < len) {
        uint32_t cp;
        size_t k = next_cp(c + i, &cp);
        int w = cp_width(cp);
        if (col + (w > 0 ? w : 0) > room)
            break;
        col += w > 0 ? w : 0;
        i += k;
        fit = i;
    }
    while (cut && fit > 0 && c[fit - 1] == ' ')
        fit--;
    snprintf(buf, size, "%.*s%s", (int)fit, c, cut && room >= 0 ? ell : "");
done:
    free(c);
    return buf;
}

void wrap_pad(FILE *out, const char *text, int cols)
{
    char buf[1024];
    wrap_shorten(text, cols, buf, sizeof(buf));
    int w = width_of(buf, strlen(buf));
    fprintf(out, "%s%*s", buf, cols > w ? cols - w : 0, "");
}

int wrap_terminal_width(int fd)
{
    struct winsize ws;
    int w = 0;
    if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        w = ws.ws_col;
    const char *env = getenv("COLUMNS");
    if (w == 0 && env)
        w = atoi(env);
    if (w <= 0)
        w = 80;
    return w < 20 ? 20 : w;
}

bool wrap_fold(const char *in, char *out, size_t size)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)in;
    size_t n = strlen(in);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = sp_utf8_decode(p + i, n - i, &cp);
        if (k == 0)
            return false;
        i += k;
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            cp -= 0xFEE0; /* full-width forms */
        else if (cp == 0x3000)
            cp = ' '; /* ideographic space */
        else if (cp == 0x3001)
            cp = ','; /* 、 */
        if (cp >= 0x80 || cp < 0x20 || w + 1 >= size)
            return false;
        out[w++] = (char)(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp);
    }
    out[w] = '\0';
    return true;
}
