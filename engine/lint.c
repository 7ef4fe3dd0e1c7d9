/* The item-writing rules of `signpost check` (lint.h). */
#include "signpost/lint.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "signpost/load.h"

#include "util.h"

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
    char *buf;
    size_t len;
    bool tried;
} source;

/* The position of the first occurrence of snippet at or after from's line, within a few lines
 * (the text that holds it starts at from), plus offset bytes into it; from itself when the file
 * cannot be read or the snippet is not there as written (an escape sequence, a folded line). */
static sp_pos locate(source *src, sp_pos from, const char *snippet, size_t offset)
{
    if (!src->tried) {
        src->tried = true;
        if (src->path && sp_read_file(src->path, SP_LIMIT_FILE_SIZE, &src->buf, &src->len) != 0)
            src->buf = NULL;
    }
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

/* True when the byte after a letter ends it as a word: "option a," but not "option about". */
static bool ends_word(const char *s)
{
    unsigned char c = (unsigned char)*s;
    return c == '\0' || (c < 0x80 && !isalnum(c));
}

/* Matches, at s, an option letter (optionally in brackets) that q has; sets *option and
 * returns the bytes matched up to and including the letter, or 0. */
static size_t option_letter(const sp_question *q, const char *s, char *option, size_t *letter)
{
    size_t i = 0;
    if (s[i] == '(')
        i++;
    char c = (char)tolower((unsigned char)s[i]);
    if (c < 'a' || c >= 'a' + (int)q->noptions || !ends_word(s + i + 1))
        return 0;
    if (q->options[c - 'a'].fixed)
        return 0; /* a fixed option keeps its letter through the shuffle */
    *option = c;
    *letter = i;
    return i + 1 + (s[0] == '(' && s[i + 1] == ')'); /* "(b)" whole */
}

/* Words that, followed by a letter, name an option. "answer" and "choice" also precede an
 * article ("the answer a model gives"), so after them only a bracketed letter or one followed
 * by punctuation counts. */
static const struct {
    const char *word;
    bool strict;
} lead_words[] = {{"options ", false}, {"option ", false}, {"选项 ", false}, {"选项", false},
                  {"答案是 ", false},  {"答案是", false},  {"答案 ", false}, {"答案", false},
                  {"answer ", true},   {"choice ", true}};

/* True when the letter matched at s (len bytes) is bracketed or followed by punctuation. */
static bool clearly_a_letter(const char *s, size_t len)
{
    return s[0] == '(' || s[len] == '\0' || strchr(".,;:", s[len]) != NULL;
}

/* Finds the first reference to an option by letter in text s: "option c", "options (a) and",
 * "选项 a", "a 项". Returns false when there is none. */
static bool find_letter_ref(const sp_question *q, const char *s, letter_ref *ref)
{
    for (size_t i = 0; s[i]; i++) {
        if (i > 0 && isalnum((unsigned char)s[i - 1]))
            continue; /* "adoption c" is not "option c" */
        for (size_t w = 0; w < SP_ARRAY_LEN(lead_words); w++) {
            size_t n = strlen(lead_words[w].word);
            if (strncasecmp(s + i, lead_words[w].word, n) != 0)
                continue;
            size_t letter, len = option_letter(q, s + i + n, &ref->option, &letter);
            if (len && (!lead_words[w].strict || clearly_a_letter(s + i + n, len))) {
                *ref = (letter_ref){i, n + len, n + letter, ref->option};
                return true;
            }
        }
        /* "a 项" / "a项": a letter as a word, then the measure word for an option. */
        size_t letter;
        char option;
        size_t len = option_letter(q, s + i, &option, &letter);
        if (len) {
            const char *after = s + i + len + (s[i + len] == ' ');
            if (strncmp(after, "项", strlen("项")) == 0) {
                *ref = (letter_ref){i, (size_t)(after - (s + i)) + strlen("项"), letter, option};
                return true;
            }
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
 * says "always" is rarely right. Matched as whole words in English. */
static const char *const absolute_words[] = {
    "always", "never", "guarantees", "guaranteed", "guarantee", "一定", "绝不", "总是", "永远"};

static const char *find_absolute(const char *s)
{
    for (size_t w = 0; w < SP_ARRAY_LEN(absolute_words); w++) {
        const char *word = absolute_words[w];
        size_t n = strlen(word);
        bool ascii = (unsigned char)word[0] < 0x80;
        for (const char *p = s; (p = ascii ? strcasestr(p, word) : strstr(p, word)) != NULL;
             p += n) {
            if (!ascii || ((p == s || !isalnum((unsigned char)p[-1])) && ends_word(p + n)))
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
static bool keyed_is_widest(const sp_question *q, const char *lang)
{
    if (q->answer == 0 || (q->answer & (q->answer - 1)) != 0)
        return false;
    size_t keyed = 0, widest_other = 0;
    for (uint32_t i = 0; i < q->noptions; i++) {
        if (!sp_text_has(&q->options[i].text, lang))
            return false;
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
    const sp_question *first = NULL;
    sp_buf ids = {0};
    enum { LISTED = 12 };
    for (size_t i = 0; i < b->nquestions; i++) {
        const sp_question *q = &b->questions[i];
        if (!single_answer(q))
            continue;
        singles++;
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
             (double)widest > SP_LINT_LONGEST_SHARE * (double)singles)
        /* TRANSLATORS: the first %s is a language tag such as zh; the last lists question ids. */
        rc = sp_diags_add(diags, SP_SEV_WARNING, b->path, first->pos,
                          _("in '%s', the right answer is the strictly longest option in %zu of "
                            "the %zu single-answer questions, more than a third, so length gives "
                            "answers away: %s"),
                          lang, widest, singles, ids.data);
    sp_buf_free(&ids);
    return rc;
}

int sp_lint_bank(const sp_bank *b, bool shuffled, sp_diags *diags)
{
    source src = {.path = b->path};
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
        bool letter = i < n && cp < 0x80 && isalnum((int)cp);
        if (letter && wlen < sizeof(word))
            word[wlen++] = (char)tolower((int)cp);
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
                          "words of their texts are shared, so a taker answers the same thing "
                          "twice; rewrite one or drop it"),
                        y->q->id, x->q->id, x->bank->path, x->q->pos.line, 100.0 * similarity);
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
    if (rc != 0)
        goto done;
    sort(pairs.data, pairs.len, sizeof(pair), cmp_pair);
    const stem *s = stems.data;
    const pair *c = pairs.data;
    const pair *reported = NULL;
    for (size_t i = 0; i < pairs.len && rc == 0; i++) {
        if (i && cmp_pair(&c[i], &c[i - 1]) == 0)
            continue; /* found through another shared token */
        if (reported && reported->qa == c[i].qa && reported->qb == c[i].qb)
            continue; /* one warning per pair of questions, whatever the languages */
        const stem *x = &s[c[i].a], *y = &s[c[i].b];
        double sim = jaccard(x->tokens, x->n, y->tokens, y->n);
        if (sim < SP_LINT_DUPLICATE_SIMILARITY)
            continue;
        reported = &c[i];
        rc = report_duplicate(x, y, sim, diags);
    }
    if (rc == 0 && stopped)
        rc = sp_diags_add(diags, SP_SEV_NOTE, n ? banks[0]->path : NULL, (sp_pos){0, 0},
                          _("the search for near-duplicate questions stopped after %u pairs; "
                            "stems this alike are too many to compare"),
                          SP_LINT_MAX_COMPARISONS);
done:
    sp_vec_free(&stems);
    sp_vec_free(&pool);
    sp_vec_free(&postings);
    sp_vec_free(&pairs);
    return rc;
}
