/* The item-writing rules of `signpost check` (lint.h). */
#include "signpost/lint.h"

#include <stdlib.h>
#include <string.h>

#include "signpost/load.h"

#include "base/fileio.h"
#include "base/util.h"

/* ---- Characters -------------------------------------------------------------------------- */

/* True for the code points a terminal shows two columns wide (East Asian Wide and Fullwidth):
 * what makes a Chinese option look long. */
static bool is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Ideographs and kana, which are read in pairs rather than as space-separated words. */
static bool is_ideograph(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* The display width of s: two columns for a wide character, one for any other. */
static size_t display_width(const char *s)
{
    size_t width = 0, n = strlen(s);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t len = sp_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (len == 0) {
            cp = 0xFFFD; /* the loaders reject invalid UTF-8; be safe anyway */
            len = 1;
        }
        width += is_wide(cp) ? 2 : 1;
        i += len;
    }
    return width;
}

/* The number of code points in the first n bytes of s: a column as diagnostics count it. */
static uint32_t code_points(const char *s, size_t n)
{
    uint32_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* ---- Where a snippet is in the file ------------------------------------------------------ */

/* The bytes of the bank's file, read once when a finding needs a precise column. */
typedef struct source {
    const char *path;
    const unsigned char *digest; /* of the bytes the bank was loaded from */
    char *buf;
    size_t len;
    bool tried;
} source;

/* Reads the file again for columns, only when it is still the one the bank was loaded from:
 * a regular file (never a pipe or FIFO, which cannot be read twice and could block) whose
 * bytes have the bank's digest. Otherwise findings keep the text's own position. */
static void read_source(source *src)
{
    src->tried = true;
    if (!src->path || sp_input_read(src->path, 0, SP_LIMIT_FILE_SIZE, &src->buf, &src->len) != 0) {
        src->buf = NULL;
        return;
    }
    unsigned char digest[32];
    sp_digest(src->buf, src->len, digest);
    if (memcmp(digest, src->digest, sizeof(digest)) != 0) {
        free(src->buf); /* changed since it was loaded: its lines may not be the bank's */
        src->buf = NULL;
    }
}

/* The position of the first occurrence of snippet at or after from's line, within a few lines
 * (the text that holds it starts at from), plus offset bytes into it; from itself when the file
 * cannot be read again or the snippet is not there as written (an escape sequence, a folded
 * line). */
static sp_pos locate(source *src, sp_pos from, const char *snippet, size_t offset)
{
    if (!src->tried)
        read_source(src);
    if (!src->buf || from.line == 0)
        return from;
    size_t at = 0;
    for (uint32_t line = 1; line < from.line && at < src->len; at++)
        line += src->buf[at] == '\n';
    enum { LOOK_AHEAD = 24 }; /* lines: a text written over several lines */
    size_t end = at;
    for (int lines = 0; end < src->len && lines < LOOK_AHEAD; end++)
        lines += src->buf[end] == '\n';
    size_t n = strlen(snippet);
    for (size_t i = at; i + n <= end; i++) {
        if (memcmp(src->buf + i, snippet, n) != 0)
            continue;
        size_t line_start = i;
        uint32_t line = from.line;
        for (size_t j = at; j < i; j++)
            line += src->buf[j] == '\n';
        while (line_start > 0 && src->buf[line_start - 1] != '\n')
            line_start--;
        return (sp_pos){line, code_points(src->buf + line_start, i + offset - line_start) + 1};
    }
    return from;
}

/* ---- Explanations that name an option by letter ------------------------------------------ */

/* A reference to an option by letter: where it starts in the text, its length, and the
 * letter's offset within it. */
typedef struct letter_ref {
    size_t start, len, letter;
    char option; /* 'a'.. */
} letter_ref;

/* ASCII tests and case folding of our own: the rules must not depend on the user's locale. */
static bool ascii_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static bool ascii_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (*s == '\0' || ((unsigned char)*s | 0x20) != ((unsigned char)*prefix | 0x20))
            return false;
    return true;
}

/* Words after which a lone "a" is a letter rather than the English article: "option a is
 * wrong", but "the option a model picks". After "answer" and "choice", which an article often
 * follows, every letter needs one of them (or punctuation) to count. */
static bool verb_follows(const char *s)
{
    static const char *const verbs[] = {"is ",    "was ",   "and ",  "or ",  "would ",
                                        "only ",  "also ",  "says ", "are ", "describes ",
                                        "gives ", "fails ", "has ",  "does "};
    for (size_t i = 0; i < SP_ARRAY_LEN(verbs); i++)
        if (ascii_prefix(s, verbs[i]))
            return true;
    return false;
}

/* True when what follows a candidate letter (rest) makes it one: the end of the text,
 * punctuation, Chinese text, or (as said above) a verb. A letter that goes on as a word ("A/B",
 * "a-b", "a's", "about") never counts. */
static bool letter_ends(char letter, const char *rest, bool strict)
{
    unsigned char c = (unsigned char)rest[0];
    if (c == '\0' || (c >= 0x80))
        return true; /* the text ends, or Chinese follows: "选项A的说法", "答案是A。" */
    if (c == '\'' && (rest[1] | 0x20) == 's' && !ascii_alnum((unsigned char)rest[2]))
        return true; /* "option a's text": the article takes no 's */
    if (ascii_alnum(c) || strchr("/-'_", c))
        return false;
    if (c != ' ')
        return strchr(".,;:!?)]", c) != NULL;
    unsigned char next = (unsigned char)rest[1];
    if (next >= 0x80)
        return true; /* "选项 b 是错的" */
    if (!ascii_alnum(next))
        return next == '\0' || strchr("(,.;:", next) != NULL;
    return (strict || letter == 'a') ? verb_follows(rest + 1) : true;
}

/* Matches at s an option letter of q, bare or in brackets ("b", "(b)", "（b）"); sets *option
 * and *at (the letter's offset) and returns the bytes matched, or 0. A fixed option keeps its
 * letter through the shuffle, so naming it is no error. */
static size_t option_letter(const sp_question *q, const char *s, bool strict, char *option,
                            size_t *at)
{
    static const char *const open[] = {"(", "（"}, *const close[] = {")", "）"};
    for (size_t b = 0; b <= SP_ARRAY_LEN(open); b++) {
        size_t i = b < SP_ARRAY_LEN(open) ? strlen(open[b]) : 0;
        if (i && strncmp(s, open[b], i) != 0)
            continue;
        char c = (char)(s[i] | 0x20);
        if (c < 'a' || c >= 'a' + (int)q->noptions || q->options[c - 'a'].fixed)
            continue;
        size_t end = i + 1;
        if (i) { /* bracketed: the closing bracket must follow the letter at once */
            if (strncmp(s + end, close[b], strlen(close[b])) != 0)
                continue;
            end += strlen(close[b]);
        } else if (!letter_ends(c, s + end, strict)) {
            continue;
        }
        *option = c;
        *at = i;
        return end;
    }
    return 0;
}

/* Words that, followed by a letter, name an option; strict ones are often followed by the
 * article instead (see verb_follows). An English word needs a space (or a no-break space)
 * before the letter; a Chinese one may have none ("选项A"). */
static const struct {
    const char *word;
    bool strict;
} lead_words[] = {{"options", false},  {"option", false}, {"选项", false},
                  {"答案是", false},   {"答案", false},   {"the answer is", true},
                  {"answer is", true}, {"answer", true},  {"choice", true}};

/* The bytes of the space between a lead word and its letter at s: a space, a no-break space
 * (U+00A0), or for a Chinese word none; -1 when there is none where one is needed. */
static int lead_space(const char *s, bool chinese)
{
    if (s[0] == ' ')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return chinese ? 0 : -1;
}

/* What may follow a letter to make it name an option in Chinese: "b 项", "B项", "b 选项", but
 * not "a 项目". */
static size_t measure_word(const char *s)
{
    size_t space = s[0] == ' ';
    s += space;
    if (strncmp(s, "选项", strlen("选项")) == 0)
        return space + strlen("选项");
    if (strncmp(s, "项", strlen("项")) == 0 && strncmp(s + strlen("项"), "目", strlen("目")) != 0)
        return space + strlen("项");
    return 0;
}

/* True when s continues a list of option letters that Chinese closes with a count or 都:
 * "、C 两项", "、C、D 都". A list of other things ("A≈B、B≈C") is not one. */
static bool letter_list(const sp_question *q, const char *s)
{
    static const char *const closers[] = {"两项", "三项", "四项", "项", "选项", "都"};
    const char *sep = "、";
    size_t n = 0, at;
    char option;
    while (strncmp(s, sep, strlen(sep)) == 0) {
        size_t len = option_letter(q, s + strlen(sep), false, &option, &at);
        if (!len)
            return false;
        s += strlen(sep) + len;
        n++;
    }
    s += s[0] == ' ';
    for (size_t i = 0; n > 0 && i < SP_ARRAY_LEN(closers); i++)
        if (strncmp(s, closers[i], strlen(closers[i])) == 0)
            return true;
    return false;
}

/* True when s + i starts a sentence: the text's start, or after ". ", "。" or "；". */
static bool sentence_start(const char *s, size_t i)
{
    if (i == 0)
        return true;
    if (i >= 2 && s[i - 1] == ' ' && strchr(".;:", s[i - 2]))
        return true;
    return (i >= 3 && (strncmp(s + i - 3, "。", 3) == 0 || strncmp(s + i - 3, "；", 3) == 0));
}

/* Finds the first reference to an option by letter in text s: "option c", "the answer is b.",
 * "options (a) and", "选项A的", "答案是 b，", "b 项", "A、C 两项", or a sentence that starts
 * with "(c)" or "c)". Returns false when there is none. */
static bool find_letter_ref(const sp_question *q, const char *s, letter_ref *ref)
{
    for (size_t i = 0; s[i]; i++) {
        if (i > 0 && ascii_alnum((unsigned char)s[i - 1]))
            continue; /* "adoption c" is not "option c" */
        char option;
        size_t at, len;
        for (size_t w = 0; w < SP_ARRAY_LEN(lead_words); w++) {
            const char *word = lead_words[w].word;
            size_t n = strlen(word);
            if (!ascii_prefix(s + i, word))
                continue;
            int space = lead_space(s + i + n, (unsigned char)word[0] >= 0x80);
            if (space < 0 ||
                !(len = option_letter(q, s + i + n + space, lead_words[w].strict, &option, &at)))
                continue;
            n += (size_t)space;
            *ref = (letter_ref){i, n + len, n + at, option};
            return true;
        }
        if (!(len = option_letter(q, s + i, false, &option, &at)) &&
            !(len = option_letter(q, s + i, true, &option, &at)))
            continue;
        size_t more = measure_word(s + i + len);
        bool listed = letter_list(q, s + i + len);
        bool opens = sentence_start(s, i) && (s[i] == '(' || s[i + len] == ')');
        if (more || listed || opens) {
            *ref = (letter_ref){i, len + more + (s[i + len] == ')'), at, option};
            return true;
        }
    }
    return false;
}

static int lint_letters(const sp_question *q, source *src, sp_diags *diags)
{
    for (uint32_t e = 0; e < q->explain.count; e++) {
        const sp_text_entry *t = &q->explain.entries[e];
        letter_ref ref;
        if (!find_letter_ref(q, t->str, &ref))
            continue;
        char snippet[64];
        size_t n = ref.len < sizeof(snippet) - 1 ? ref.len : sizeof(snippet) - 1;
        memcpy(snippet, t->str + ref.start, n);
        snippet[n] = '\0';
        sp_pos pos = locate(src, q->explain.pos, snippet, ref.letter);
        if (sp_diags_add(diags, SP_SEV_ERROR, src->path, pos,
                         _("the explanation of '%s' names an option by its letter (\"%s\"), but "
                           "options are shuffled and the taker may see that text under "
                           "another letter; name the option's content instead"),
                         q->id, snippet) != 0)
            return SP_ENOMEM;
    }
    return 0;
}

/* ---- Absolute words in wrong options ----------------------------------------------------- */

/* Words that make a wrong option easy to rule out: test-wise takers learn that an option that
 * says "always" is rarely right. English words are matched whole, a hyphen joining words
 * ("always-on" is another word); 一定 only as the adverb "certainly", not in 不一定 ("not
 * necessarily") nor as "some" (一定程度, 一定比例, 一定的). */
static const char *const absolute_words[] = {
    "always", "never", "guarantees", "guaranteed", "guarantee", "一定", "绝不", "总是", "永远"};

static bool english_word_at(const char *s, size_t at, size_t n)
{
    bool starts = at == 0 || !(ascii_alnum((unsigned char)s[at - 1]) || s[at - 1] == '-');
    unsigned char after = (unsigned char)s[at + n];
    return starts && !(ascii_alnum(after) || after == '-');
}

static bool yiding_is_certainly(const char *s, size_t at)
{
    static const char *const some[] = {"程度", "比例", "的", "数量", "范围", "规模"};
    if (at >= strlen("不") && strncmp(s + at - strlen("不"), "不", strlen("不")) == 0)
        return false;
    const char *rest = s + at + strlen("一定");
    for (size_t i = 0; i < SP_ARRAY_LEN(some); i++)
        if (strncmp(rest, some[i], strlen(some[i])) == 0)
            return false;
    return true;
}

static const char *find_absolute(const char *s)
{
    for (size_t w = 0; w < SP_ARRAY_LEN(absolute_words); w++) {
        const char *word = absolute_words[w];
        size_t n = strlen(word);
        bool english = (unsigned char)word[0] < 0x80;
        for (size_t at = 0; s[at]; at++) {
            if (english ? !ascii_prefix(s + at, word) || !english_word_at(s, at, n)
                        : strncmp(s + at, word, n) != 0)
                continue;
            if (strcmp(word, "一定") != 0 || yiding_is_certainly(s, at))
                return word;
        }
    }
    return NULL;
}

static int lint_absolute(const sp_question *q, const char *path, sp_diags *diags)
{
    for (uint32_t i = 0; i < q->noptions; i++) {
        if (q->answer & (1u << i))
            continue;
        const sp_option *o = &q->options[i];
        for (uint32_t e = 0; e < o->text.count; e++) {
            const char *word = find_absolute(o->text.entries[e].str);
            if (word && sp_diags_add(diags, SP_SEV_NOTE, path, o->text.pos,
                                     _("wrong option '%s' of '%s' says \"%s\"; an absolute "
                                       "word makes a wrong option easy to rule out"),
                                     o->id, q->id, word) != 0)
                return SP_ENOMEM;
            if (word)
                break;
        }
    }
    return 0;
}

/* ---- A scenario with nothing for its own direction --------------------------------------- */

/* True when direction carries option o's largest weight (a tie counts): the option is work of
 * that direction, not merely touching it. */
static bool option_is_for(const sp_option *o, const char *direction)
{
    double own = 0, top = 0;
    for (uint32_t w = 0; w < o->nweights; w++) {
        if (o->weights[w].value > top)
            top = o->weights[w].value;
        if (strcmp(o->weights[w].dir, direction) == 0)
            own = o->weights[w].value;
    }
    return own > 0 && own >= top;
}

static int lint_own_direction(const sp_question *q, const char *direction, const char *path,
                              sp_diags *diags)
{
    bool weighted = false;
    for (uint32_t i = 0; i < q->noptions; i++) {
        if (option_is_for(&q->options[i], direction))
            return 0;
        weighted = weighted || q->options[i].nweights > 0;
    }
    if (!weighted)
        return 0; /* the loader has said that it moves no direction at all */
    return sp_diags_add(diags, SP_SEV_WARNING, path, q->pos,
                        _("no option of scenario '%s' is mainly for '%s', the direction of its "
                          "own bank: a taker drawn to that work has nothing to pick"),
                        q->id, direction);
}

/* ---- The right answer as the widest option ----------------------------------------------- */

/* True when q has exactly one right option and, in lang, it is strictly wider than every
 * other option; false also when some option lacks lang. */
/* Whether every option of q has a text in lang: only then can lengths be compared. */
static bool all_options_in(const sp_question *q, const char *lang)
{
    for (uint32_t i = 0; i < q->noptions; i++)
        if (!sp_text_has(&q->options[i].text, lang))
            return false;
    return true;
}

/* True when, in lang, q's one right option is strictly wider than every other option. */
static bool keyed_is_widest(const sp_question *q, const char *lang)
{
    size_t keyed = 0, widest_other = 0;
    for (uint32_t i = 0; i < q->noptions; i++) {
        size_t w = display_width(sp_text_get(&q->options[i].text, lang));
        if (q->answer & (1u << i))
            keyed = w;
        else if (w > widest_other)
            widest_other = w;
    }
    return keyed > widest_other;
}

static bool single_answer(const sp_question *q)
{
    return q->kind == SP_KIND_KNOWLEDGE && q->answer != 0 && (q->answer & (q->answer - 1)) == 0;
}

/* The languages of the bank's option texts (neutral texts have none), in first-seen order. */
static size_t option_languages(const sp_bank *b, const char **langs, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < b->nquestions; i++) {
        const sp_question *q = &b->questions[i];
        for (uint32_t o = 0; single_answer(q) && o < q->noptions; o++)
            for (uint32_t e = 0; e < q->options[o].text.count; e++) {
                const char *lang = q->options[o].text.entries[e].lang;
                bool seen = lang == NULL;
                for (size_t k = 0; k < n && !seen; k++)
                    seen = strcmp(langs[k], lang) == 0;
                if (!seen && n < max)
                    langs[n++] = lang;
            }
    }
    return n;
}

static int lint_widest(const sp_bank *b, const char *lang, sp_diags *diags)
{
    size_t singles = 0, widest = 0;
    double chance = 0;
    const sp_question *first = NULL;
    sp_buf ids = {0};
    enum { LISTED = 12 };
    for (size_t i = 0; i < b->nquestions; i++) {
        const sp_question *q = &b->questions[i];
        if (!single_answer(q) || !all_options_in(q, lang))
            continue;
        singles++;
        chance += 1.0 / q->noptions; /* lengths drawn at random: each option as likely widest */
        if (!keyed_is_widest(q, lang))
            continue;
        if (widest < LISTED)
            sp_buf_printf(&ids, "%s%s", widest ? ", " : "", q->id);
        first = first ? first : q;
        widest++;
    }
    int rc = 0;
    if (widest > LISTED)
        sp_buf_printf(&ids, _(" and %zu more"), widest - LISTED);
    if (ids.failed)
        rc = SP_ENOMEM;
    else if (widest >= SP_LINT_LONGEST_FEWEST &&
             (double)widest > SP_LINT_LONGEST_SHARE * (double)singles &&
             (double)widest > SP_LINT_LONGEST_OVER_CHANCE * chance)
        /* TRANSLATORS: the first %s is a language tag such as zh; %.1f how many chance would
         * give; the last %s lists question ids. */
        rc = sp_diags_add(diags, SP_SEV_WARNING, b->path, first->pos,
                          _("in '%s', the right answer is the strictly longest option in %zu of "
                            "the %zu single-answer questions, more than a third and well over the "
                            "%.1f that chance would give, so length gives answers away: %s"),
                          lang, widest, singles, chance, ids.data);
    sp_buf_free(&ids);
    return rc;
}

int sp_lint_bank(const sp_bank *b, bool shuffled, sp_diags *diags)
{
    source src = {.path = b->path, .digest = b->digest};
    int rc = 0;
    for (size_t i = 0; i < b->nquestions && rc == 0; i++) {
        const sp_question *q = &b->questions[i];
        if (q->kind == SP_KIND_KNOWLEDGE && shuffled)
            rc = lint_letters(q, &src, diags);
        if (q->kind == SP_KIND_KNOWLEDGE && rc == 0)
            rc = lint_absolute(q, b->path, diags);
        if (q->kind == SP_KIND_CHOICE && b->direction && rc == 0)
            rc = lint_own_direction(q, b->direction, b->path, diags);
    }
    const char *langs[SP_LIMIT_LANGUAGES];
    size_t nlangs = option_languages(b, langs, SP_ARRAY_LEN(langs));
    for (size_t l = 0; l < nlangs && rc == 0; l++)
        rc = lint_widest(b, langs[l], diags);
    free(src.buf);
    return rc;
}

/* ---- Near-duplicate stems ---------------------------------------------------------------- */

/* A stem in one language as a sorted set of token hashes. Tokens are words of three letters or
 * more, lower-cased, outside a short stop list, and pairs of adjacent ideographs; the hash
 * carries the language, so that sets of different languages share no token. */
typedef struct stem {
    const sp_bank *bank;
    const sp_question *q;
    uint32_t question; /* the question's number over all banks: stems of one question share it */
    size_t at;         /* where its tokens start in the pool (which moves as it grows) */
    const uint32_t *tokens; /* sorted, distinct; set once the pool is complete */
    uint32_t n;
} stem;

static uint32_t fnv1a(uint32_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static bool is_stop_word(const char *w, size_t n)
{
    static const char *const stop[] = {"the",  "and",  "for",  "with",  "that", "this",  "from",
                                       "you",  "your", "are",  "was",   "its",  "which", "what",
                                       "when", "how",  "does", "would", "not",  "one",   "two",
                                       "into", "than", "then", "our",   "has",  "have",  "will"};
    for (size_t i = 0; i < SP_ARRAY_LEN(stop); i++)
        if (strlen(stop[i]) == n && strncmp(stop[i], w, n) == 0)
            return true;
    return false;
}

/* qsort, for arrays that may be empty: an empty sp_vec has no data, and qsort must not be
 * given a null pointer even for no elements. */
static void sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Adds one token hash to v. */
static bool push_token(sp_vec *v, uint32_t h)
{
    uint32_t *slot = sp_vec_push(v, sizeof(uint32_t));
    if (slot)
        *slot = h;
    return slot != NULL;
}

/* Tokenises s (in language lang) into v. */
static bool tokenise(const char *lang, const char *s, sp_vec *v)
{
    uint32_t salt = fnv1a(2166136261u, lang ? lang : "", lang ? strlen(lang) : 0);
    size_t n = strlen(s);
    char word[64];
    size_t wlen = 0;
    uint32_t prev_ideo = 0;
    for (size_t i = 0; i <= n;) {
        uint32_t cp = 0;
        size_t len = i < n ? sp_utf8_decode((const unsigned char *)s + i, n - i, &cp) : 1;
        len = len ? len : 1;
        bool letter = i < n && cp < 0x80 && ascii_alnum((unsigned char)cp);
        if (letter && wlen < sizeof(word))
            word[wlen++] = (char)(cp >= 'A' && cp <= 'Z' ? cp | 0x20 : cp);
        if (!letter && wlen) {
            if (wlen >= 3 && !is_stop_word(word, wlen) && !push_token(v, fnv1a(salt, word, wlen)))
                return false;
            wlen = 0;
        }
        if (i < n && is_ideograph(cp)) {
            if (prev_ideo) {
                uint32_t pair[2] = {prev_ideo, cp};
                if (!push_token(v, fnv1a(salt, (const char *)pair, sizeof(pair))))
                    return false;
            }
            prev_ideo = cp;
        } else {
            prev_ideo = 0;
        }
        i += len;
    }
    return true;
}

/* Builds the stems of every question of every bank, one per language of its text. */
static int build_stems(const sp_bank *const *banks, size_t nbanks, sp_vec *stems, sp_vec *pool)
{
    sp_vec tokens = {0};
    uint32_t question = 0;
    for (size_t b = 0; b < nbanks; b++)
        for (size_t i = 0; i < banks[b]->nquestions; i++, question++) {
            const sp_question *q = &banks[b]->questions[i];
            for (uint32_t e = 0; e < q->text.count; e++) {
                tokens.len = 0;
                if (!tokenise(q->text.entries[e].lang, q->text.entries[e].str, &tokens))
                    goto oom;
                uint32_t *t = tokens.data;
                sort(t, tokens.len, sizeof(*t), cmp_u32);
                size_t k = 0;
                for (size_t j = 0; j < tokens.len; j++)
                    if (k == 0 || t[k - 1] != t[j])
                        t[k++] = t[j];
                enum { FEWEST = 4 }; /* a stem of a few words is too short to judge */
                if (k < FEWEST)
                    continue;
                size_t at = pool->len;
                for (size_t j = 0; j < k; j++)
                    if (!push_token(pool, t[j]))
                        goto oom;
                stem *s = sp_vec_push(stems, sizeof(*s));
                if (!s)
                    goto oom;
                *s = (stem){banks[b], q, question, at, NULL, (uint32_t)k};
            }
        }
    sp_vec_free(&tokens);
    for (size_t i = 0; i < stems->len; i++) {
        stem *s = (stem *)stems->data + i;
        s->tokens = (const uint32_t *)pool->data + s->at;
    }
    return 0;
oom:
    sp_vec_free(&tokens);
    return SP_ENOMEM;
}

/* |a ∩ b| / |a ∪ b| of two sorted sets. */
static double jaccard(const uint32_t *a, uint32_t na, const uint32_t *b, uint32_t nb)
{
    uint32_t i = 0, j = 0, common = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            common++, i++, j++;
        else if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return (double)common / (double)(na + nb - common);
}

/* One token of a stem's prefix, for finding candidate pairs: stems that share none of their
 * rarest tokens cannot reach the similarity (prefix filtering). */
typedef struct posting {
    uint32_t token;
    uint32_t stem;
} posting;

static int cmp_posting(const void *a, const void *b)
{
    const posting *x = a, *y = b;
    if (x->token != y->token)
        return (x->token > y->token) - (x->token < y->token);
    return (x->stem > y->stem) - (x->stem < y->stem);
}

/* Two stems to compare: their questions' numbers first, so that the stems of one pair of
 * questions (one per language) sort together. */
typedef struct pair {
    uint32_t qa, qb, a, b; /* qa < qb; a and b are stem indexes */
} pair;

static int cmp_u32_field(uint32_t x, uint32_t y)
{
    return (x > y) - (x < y);
}

static int cmp_pair(const void *x, const void *y)
{
    const pair *p = x, *q = y;
    int c = cmp_u32_field(p->qa, q->qa);
    c = c ? c : cmp_u32_field(p->qb, q->qb);
    c = c ? c : cmp_u32_field(p->a, q->a);
    return c ? c : cmp_u32_field(p->b, q->b);
}

/* A token with the number of stems that hold it, for ordering a stem rarest first. */
typedef struct freq {
    uint32_t token, count;
} freq;

static uint32_t count_of(const freq *f, size_t n, uint32_t token)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (f[mid].token < token)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n ? f[lo].count : 0;
}

static int cmp_rarity(const void *a, const void *b)
{
    const freq *x = a, *y = b;
    if (x->count != y->count)
        return (x->count > y->count) - (x->count < y->count);
    return (x->token > y->token) - (x->token < y->token);
}

/* The prefix of each stem, rarest tokens first, as postings sorted by token. */
static int prefix_postings(const sp_vec *stems, const sp_vec *pool, sp_vec *postings)
{
    size_t ntok = pool->len ? pool->len : 1;
    uint32_t *all = malloc(ntok * sizeof(*all));
    freq *f = malloc(ntok * sizeof(*f)), *order = malloc(ntok * sizeof(*order));
    int rc = SP_ENOMEM;
    if (!all || !f || !order)
        goto done;
    if (pool->len)
        memcpy(all, pool->data, pool->len * sizeof(*all));
    sort(all, pool->len, sizeof(*all), cmp_u32);
    size_t nf = 0;
    for (size_t i = 0; i < pool->len; i++) {
        if (nf && f[nf - 1].token == all[i])
            f[nf - 1].count++;
        else
            f[nf++] = (freq){all[i], 1};
    }
    for (size_t i = 0; i < stems->len; i++) {
        const stem *s = (const stem *)stems->data + i;
        for (uint32_t j = 0; j < s->n; j++)
            order[j] = (freq){s->tokens[j], count_of(f, nf, s->tokens[j])};
        sort(order, s->n, sizeof(*order), cmp_rarity);
        /* A pair at the threshold shares at least one of these (prefix filtering). */
        uint32_t keep = s->n - (uint32_t)(SP_LINT_DUPLICATE_SIMILARITY * s->n) + 1;
        for (uint32_t j = 0; j < keep && j < s->n; j++) {
            posting *p = sp_vec_push(postings, sizeof(*p));
            if (!p)
                goto done;
            *p = (posting){order[j].token, (uint32_t)i};
        }
    }
    sort(postings->data, postings->len, sizeof(posting), cmp_posting);
    rc = 0;
done:
    free(all);
    free(f);
    free(order);
    return rc;
}

/* Candidate pairs: stems of different questions that share a prefix token. Stops at
 * SP_LINT_MAX_COMPARISONS and sets *stopped. */
static int candidates(const sp_vec *stems, const sp_vec *postings, sp_vec *pairs, bool *stopped)
{
    const posting *p = postings->data;
    const stem *s = stems->data;
    for (size_t i = 0; i < postings->len;) {
        size_t j = i;
        while (j < postings->len && p[j].token == p[i].token)
            j++;
        for (size_t a = i; a < j; a++)
            for (size_t b = a + 1; b < j; b++) {
                const stem *x = &s[p[a].stem], *y = &s[p[b].stem];
                if (x->question == y->question)
                    continue;
                if (pairs->len >= SP_LINT_MAX_COMPARISONS) {
                    *stopped = true;
                    return 0;
                }
                pair *c = sp_vec_push(pairs, sizeof(*c));
                if (!c)
                    return SP_ENOMEM;
                *c = (pair){x->question, y->question, p[a].stem, p[b].stem};
            }
        i = j;
    }
    return 0;
}

static int report_duplicate(const stem *x, const stem *y, double similarity, sp_diags *diags)
{
    /* The later question is the one to change: name it, and where the first one is. */
    return sp_diags_add(diags, SP_SEV_WARNING, y->bank->path, y->q->pos,
                        _("question '%s' is nearly the same as '%s' (%s:%u): %.0f%% of the "
                          "words of their texts are shared; if they ask the same thing, a taker "
                          "answers it twice: rewrite one or drop it"),
                        y->q->id, x->q->id, x->bank->path, x->q->pos.line, 100.0 * similarity);
}

/* Reports each question once, with the first question it nearly repeats: a cluster of k alike
 * questions gives k - 1 warnings, not k(k - 1)/2. pairs are sorted, so the first pair met for a
 * question names its earliest twin. */
static int report_duplicates(const sp_vec *stems, const sp_vec *pairs, size_t questions,
                             sp_diags *diags)
{
    const stem *s = stems->data;
    const pair *c = pairs->data;
    bool *reported = calloc(questions ? questions : 1, sizeof(bool));
    if (!reported)
        return SP_ENOMEM;
    int rc = 0;
    for (size_t i = 0; i < pairs->len && rc == 0; i++) {
        if (reported[c[i].qb])
            continue; /* said already, through another language or an earlier twin */
        const stem *x = &s[c[i].a], *y = &s[c[i].b];
        double sim = jaccard(x->tokens, x->n, y->tokens, y->n);
        if (sim < SP_LINT_DUPLICATE_SIMILARITY)
            continue;
        reported[c[i].qb] = true;
        rc = report_duplicate(x, y, sim, diags);
    }
    free(reported);
    return rc;
}

int sp_lint_duplicates(const sp_bank *const *banks, size_t n, sp_diags *diags)
{
    size_t questions = 0;
    for (size_t i = 0; i < n; i++)
        questions += banks[i]->nquestions;
    if (questions > SP_LINT_MAX_DUPLICATE_SEARCH)
        return sp_diags_add(diags, SP_SEV_NOTE, n ? banks[0]->path : NULL, (sp_pos){0, 0},
                            _("near-duplicate questions were not looked for: %zu questions are "
                              "more than the %u a reviewed quiz holds"),
                            questions, SP_LINT_MAX_DUPLICATE_SEARCH);
    sp_vec stems = {0}, pool = {0}, postings = {0}, pairs = {0};
    bool stopped = false;
    int rc = build_stems(banks, n, &stems, &pool);
    if (rc == 0)
        rc = prefix_postings(&stems, &pool, &postings);
    if (rc == 0)
        rc = candidates(&stems, &postings, &pairs, &stopped);
    /* Said before the warnings, so that the per-file limit on diagnostics cannot drop it. */
    if (rc == 0 && stopped)
        rc = sp_diags_add(diags, SP_SEV_NOTE, n ? banks[0]->path : NULL, (sp_pos){0, 0},
                          _("the search for near-duplicate questions stopped after %u pairs; "
                            "stems this alike are too many to compare"),
                          SP_LINT_MAX_COMPARISONS);
    if (rc == 0) {
        sort(pairs.data, pairs.len, sizeof(pair), cmp_pair);
        rc = report_duplicates(&stems, &pairs, questions, diags);
    }
    sp_vec_free(&stems);
    sp_vec_free(&pool);
    sp_vec_free(&postings);
    sp_vec_free(&pairs);
    return rc;
}
