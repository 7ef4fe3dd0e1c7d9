/* Quiz sets: the quizzes results are replayed against, each loaded once (verify.h). */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fileio.h"
#include "signpost/release.h"
#include "signpost/verify.h"
#include "base/util.h"

/* A quiz looked for in the stores: the digest of the digests a result records (quiz_key), and
 * the index in stored of the quiz put together from them, or NONE_STORED. */
typedef struct stored_key {
    unsigned char key[32];
    size_t index;
} stored_key;

#define NONE_STORED SIZE_MAX

/* The quizzes put together from the stores are kept apart from those of the folders: each is
 * the quiz of the results that record its digests, and of no other result (sp_quizset_find). */
struct sp_quizset {
    sp_vec quizzes;     /* sp_quiz *, in the order loaded: explicit ones first, then the folders' */
    sp_vec dirs;        /* char *: folders added */
    size_t dirs_loaded; /* how many of dirs have been loaded */
    sp_vec folders;     /* char *: the quiz folders whose stores are searched, each once */
    sp_vec stored;      /* sp_quiz *: the quizzes put together from the stores */
    sp_vec looked_up;   /* stored_key: what the stores gave for each quiz looked for */
    sp_diags *diags;    /* problems with the folders' quizzes and the stores' files */
    bool replay_only;   /* sp_quizset_replay_only: load with sp_quiz_load_replay */
};

void sp_quizset_replay_only(sp_quizset *qs)
{
    qs->replay_only = true;
}

/* Loads the quiz at path as the set's users need it. */
static int load_quiz(const sp_quizset *qs, const char *path, sp_diags *diags, sp_quiz **out)
{
    return qs->replay_only ? sp_quiz_load_replay(path, diags, out) : sp_quiz_load(path, diags, out);
}

sp_quizset *sp_quizset_new(void)
{
    sp_quizset *qs = calloc(1, sizeof(*qs));
    if (qs && !(qs->diags = sp_diags_new())) {
        free(qs);
        qs = NULL;
    }
    return qs;
}

void sp_quizset_free(sp_quizset *qs)
{
    if (!qs)
        return;
    sp_quiz **q = qs->quizzes.data;
    for (size_t i = 0; i < qs->quizzes.len; i++)
        sp_quiz_free(q[i]);
    sp_vec_free(&qs->quizzes);
    char **d = qs->dirs.data;
    for (size_t i = 0; i < qs->dirs.len; i++)
        free(d[i]);
    sp_vec_free(&qs->dirs);
    char **f = qs->folders.data;
    for (size_t i = 0; i < qs->folders.len; i++)
        free(f[i]);
    sp_vec_free(&qs->folders);
    sp_quiz **st = qs->stored.data;
    for (size_t i = 0; i < qs->stored.len; i++)
        sp_quiz_free(st[i]);
    sp_vec_free(&qs->stored);
    sp_vec_free(&qs->looked_up);
    sp_diags_free(qs->diags);
    free(qs);
}

size_t sp_quizset_count(const sp_quizset *qs)
{
    return qs->quizzes.len + qs->stored.len;
}

const sp_diags *sp_quizset_diags(const sp_quizset *qs)
{
    return qs->diags;
}

const sp_quiz *sp_quizset_at(const sp_quizset *qs, size_t i)
{
    sp_quiz *const *q = qs->quizzes.data, *const *st = qs->stored.data;
    if (i < qs->quizzes.len)
        return q[i];
    i -= qs->quizzes.len;
    return i < qs->stored.len ? st[i] : NULL;
}

size_t sp_quizset_folder_count(const sp_quizset *qs)
{
    return qs->folders.len;
}

const char *sp_quizset_folder(const sp_quizset *qs, size_t i)
{
    char *const *f = qs->folders.data;
    return i < qs->folders.len ? f[i] : NULL;
}

/* Adds folder (n bytes of it) to the folders whose stores are searched, unless it is there. A
 * new folder may hold a quiz looked for before, so every quiz is looked for again (the quizzes
 * put together before stay, for the matches that point to them). */
static int add_folder(sp_quizset *qs, const char *folder, size_t n)
{
    char **f = qs->folders.data;
    for (size_t i = 0; i < qs->folders.len; i++)
        if (strlen(f[i]) == n && memcmp(f[i], folder, n) == 0)
            return 0;
    char *copy = strndup(folder, n);
    char **slot = copy ? sp_vec_push(&qs->folders, sizeof(*slot)) : NULL;
    if (!slot) {
        free(copy);
        return SP_ENOMEM;
    }
    *slot = copy;
    qs->looked_up.len = 0;
    return 0;
}

/* The folder of the manifest at path, as add_folder takes it. */
static int add_folder_of(sp_quizset *qs, const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return add_folder(qs, ".", 1);
    return add_folder(qs, path, slash == path ? 1 : (size_t)(slash - path));
}

static int push_quiz(sp_quizset *qs, sp_quiz *quiz)
{
    sp_quiz **slot = sp_vec_push(&qs->quizzes, sizeof(*slot));
    if (!slot) {
        sp_quiz_free(quiz);
        return SP_ENOMEM;
    }
    *slot = quiz;
    return 0;
}

int sp_quizset_add(sp_quizset *qs, const char *path, sp_diags *diags)
{
    sp_quiz *quiz = NULL;
    int rc = load_quiz(qs, path, diags, &quiz);
    if (rc != 0)
        return rc;
    if (add_folder_of(qs, path) != 0) {
        sp_quiz_free(quiz);
        return SP_ENOMEM;
    }
    return push_quiz(qs, quiz);
}

int sp_quizset_add_dir(sp_quizset *qs, const char *dir)
{
    char *copy = strdup(dir);
    char **slot = copy ? sp_vec_push(&qs->dirs, sizeof(*slot)) : NULL;
    if (!slot) {
        free(copy);
        return SP_ENOMEM;
    }
    *slot = copy;
    return add_folder(qs, dir, strlen(dir));
}

/* ---- Loading a folder ------------------------------------------------------------------------ */

/* Whether line (n bytes) is "signpost: quiz/1", the value plain or quoted, with an optional
 * comment after it. */
static bool is_quiz_tag_line(const char *s, size_t n)
{
    static const char key[] = "signpost:";
    if (n < sizeof(key) - 1 || memcmp(s, key, sizeof(key) - 1) != 0)
        return false;
    size_t i = sizeof(key) - 1;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    char quote = i < n && (s[i] == '"' || s[i] == '\'') ? s[i] : 0;
    if (quote)
        i++;
    if (n - i < 6 || memcmp(s + i, "quiz/1", 6) != 0)
        return false;
    i += 6;
    if (quote && (i >= n || s[i++] != quote))
        return false;
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i == n || s[i] == '#';
}

/* Whether the file starts, after blank lines, comments and directives, with the quiz format
 * tag. Only the first 4 KiB are read: the tag is the first key of a signpost file. */
static bool has_quiz_tag(const char *path)
{
    char buf[4096];
    int fd = sp_input_open(path, 0); /* a FIFO named *.yaml must not hang verify */
    if (fd < 0)
        return false;
    ssize_t got = read(fd, buf, sizeof(buf));
    close(fd);
    if (got <= 0)
        return false;
    size_t len = (size_t)got, pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t n = (nl ? (size_t)(nl - buf) : len) - pos;
        const char *s = buf + pos;
        if (n > 0 && s[n - 1] == '\r')
            n--;
        size_t lead = 0;
        while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
            lead++;
        bool skip = lead == n || s[lead] == '#' || s[0] == '%' || (n >= 3 && !memcmp(s, "---", 3));
        if (!skip)
            return is_quiz_tag_line(s, n);
        if (!nl)
            break;
        pos += n + 1 + (s[n] == '\r');
    }
    return false;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names in dir, sorted: a malloc'd array of malloc'd strings. */
static int list_yaml(const char *dir, char ***out, size_t *count)
{
    *out = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return 0; /* a missing folder has no quizzes */
    sp_vec names = {0};
    int rc = 0;
    struct dirent *ent;
    while (rc == 0 && (ent = readdir(d)) != NULL) {
        size_t n = strlen(ent->d_name);
        if (n <= 5 || strcmp(ent->d_name + n - 5, ".yaml") != 0)
            continue;
        char *copy = strdup(ent->d_name);
        char **slot = copy ? sp_vec_push(&names, sizeof(*slot)) : NULL;
        if (!slot) {
            free(copy);
            rc = SP_ENOMEM;
        } else {
            *slot = copy;
        }
    }
    closedir(d);
    if (names.len)
        qsort(names.data, names.len, sizeof(char *), compare_names);
    *out = names.data;
    *count = names.len;
    return rc;
}

/* Loads the quizzes of one folder; those that fail to load leave their diagnostics. */
static int load_dir(sp_quizset *qs, const char *dir)
{
    char **names;
    size_t n;
    int rc = list_yaml(dir, &names, &n);
    for (size_t i = 0; i < n; i++) {
        sp_buf path = {0};
        sp_buf_printf(&path, "%s/%s", dir, names[i]);
        if (path.failed)
            rc = SP_ENOMEM;
        else if (rc == 0 && has_quiz_tag(path.data)) {
            sp_quiz *quiz = NULL;
            int lrc = load_quiz(qs, path.data, qs->diags, &quiz);
            if (lrc == 0)
                lrc = push_quiz(qs, quiz);
            if (lrc == SP_ENOMEM)
                rc = lrc;
        }
        sp_buf_free(&path);
        free(names[i]);
    }
    free(names);
    return rc;
}

int sp_quizset_load_all(sp_quizset *qs)
{
    while (qs->dirs_loaded < qs->dirs.len) {
        char **dirs = qs->dirs.data;
        int rc = load_dir(qs, dirs[qs->dirs_loaded++]);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* ---- Matching -------------------------------------------------------------------------------- */

static bool has_bank(const sp_quiz *quiz, const sp_result_source *src)
{
    for (size_t i = 0; i < sp_quiz_bank_count(quiz); i++) {
        const sp_bank *b = sp_quiz_bank(quiz, i);
        if (strcmp(b->id, src->id) == 0 && strcmp(b->version, src->version) == 0 &&
            memcmp(b->digest, src->digest, 32) == 0)
            return true;
    }
    return false;
}

static bool has_all_banks(const sp_quiz *quiz, const sp_result *r)
{
    for (size_t i = 0; i < sp_result_bank_count(r); i++)
        if (!has_bank(quiz, sp_result_bank(r, i)))
            return false;
    return true;
}

/* The result scores the quiz's directions, in the quiz's order (the order breaks ties). */
static bool same_directions(const sp_quiz *quiz, const sp_result *r)
{
    const sp_directions *dirs = sp_quiz_directions(quiz);
    if (sp_result_score_count(r) != dirs->count)
        return false;
    for (size_t i = 0; i < dirs->count; i++)
        if (strcmp(sp_result_score_at(r, i)->dir, dirs->items[i].id) != 0)
            return false;
    return true;
}

/* The quiz's manifest and directions file are the ones the result names. */
static bool same_manifest(const sp_quiz *quiz, const sp_result *r)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    const sp_directions *d = sp_quiz_directions(quiz);
    const sp_result_source *rq = sp_result_quiz(r), *rd = sp_result_directions(r);
    return memcmp(m->digest, rq->digest, 32) == 0 && strcmp(m->id, rq->id) == 0 &&
           strcmp(m->version, rq->version) == 0 && memcmp(d->digest, rd->digest, 32) == 0 &&
           strcmp(d->version, rd->version) == 0;
}

/* How close a quiz that has the result's banks comes to the one the result names: the same id
 * and version, the same id, or neither. */
static int closeness(const sp_quiz *quiz, const sp_result *r)
{
    const sp_manifest *m = sp_quiz_manifest(quiz);
    const sp_result_source *rq = sp_result_quiz(r);
    if (strcmp(m->id, rq->id) != 0)
        return 0;
    return strcmp(m->version, rq->version) == 0 ? 2 : 1;
}

/* The i-th quiz a result is judged against: the quizzes loaded (explicit ones, then the
 * folders'), then own, the quiz put together from the stores for that result (NULL: none);
 * NULL past the end. Never a quiz put together for another result: what those are depends on
 * the other files verified, and a verdict must not. */
static const sp_quiz *candidate(const sp_quizset *qs, const sp_quiz *own, size_t i)
{
    sp_quiz *const *q = qs->quizzes.data;
    if (i < qs->quizzes.len)
        return q[i];
    return i == qs->quizzes.len ? own : NULL;
}

/* The best candidate for r, or NULL: the exact one, else the closest with its banks (the first
 * among equals). */
static const sp_quiz *best_quiz(const sp_quizset *qs, const sp_quiz *own, const sp_result *r,
                                sp_quiz_fit *fit)
{
    const sp_quiz *fallback = NULL, *q;
    int best = -1;
    for (size_t i = 0; (q = candidate(qs, own, i)) != NULL; i++) {
        if (!has_all_banks(q, r) || !same_directions(q, r))
            continue;
        if (same_manifest(q, r)) {
            *fit = SP_QUIZ_EXACT;
            return q;
        }
        int c = closeness(q, r);
        if (c > best) {
            best = c;
            fallback = q;
        }
    }
    *fit = fallback ? SP_QUIZ_BANKS : SP_QUIZ_NONE;
    return fallback;
}

/* ---- Files that disagree with the result ----------------------------------------------------- */

/* Whether a file with id and version (id NULL: a directions file, which has none) is what the
 * result's source says it is. */
static bool named_as(const sp_result_source *src, const char *id, const char *version)
{
    return (!id || strcmp(src->id, id) == 0) && strcmp(src->version, version) == 0;
}

/* The sentence for a file here whose digest the result records under another name: claimed
 * and real are "KIND ID VERSION" phrases. */
static void say_conflict(char *why, size_t size, const char *claimed, const char *path,
                         const char *real)
{
    /* TRANSLATORS: %1$s is what the result calls a file ("quiz quick 1.0.0"), %2$s the file
       here that has the digest the result records, %3$s what that file really is. */
    snprintf(why, size, _("the result names the %s, but the file with its digest (%s) is the %s"),
             claimed, path, real);
}

/* "KIND ID VERSION" (id NULL: "KIND version VERSION") into buf. */
static const char *phrase(char *buf, size_t size, const char *kind, const char *id,
                          const char *version)
{
    if (id)
        snprintf(buf, size, "%s %s %s", kind, id, version);
    else
        /* TRANSLATORS: %1$s is "directions file", %2$s its version. */
        snprintf(buf, size, _("%s version %s"), kind, version);
    return buf;
}

/* Looks in quiz for a file whose digest the result records under another id or version. */
static bool find_conflict(const sp_quiz *quiz, const sp_result *r, char *why, size_t size)
{
    char a[160], b[160];
    const sp_manifest *m = sp_quiz_manifest(quiz);
    const sp_result_source *rq = sp_result_quiz(r);
    if (memcmp(m->digest, rq->digest, 32) == 0 && !named_as(rq, m->id, m->version)) {
        say_conflict(why, size, phrase(a, sizeof(a), _("quiz"), rq->id, rq->version), m->path,
                     phrase(b, sizeof(b), _("quiz"), m->id, m->version));
        return true;
    }
    const sp_directions *d = sp_quiz_directions(quiz);
    const sp_result_source *rd = sp_result_directions(r);
    if (memcmp(d->digest, rd->digest, 32) == 0 && !named_as(rd, NULL, d->version)) {
        say_conflict(why, size, phrase(a, sizeof(a), _("directions file"), NULL, rd->version),
                     d->path, phrase(b, sizeof(b), _("directions file"), NULL, d->version));
        return true;
    }
    for (size_t i = 0; i < sp_result_bank_count(r); i++) {
        const sp_result_source *rb = sp_result_bank(r, i);
        for (size_t k = 0; k < sp_quiz_bank_count(quiz); k++) {
            const sp_bank *bk = sp_quiz_bank(quiz, k);
            if (memcmp(bk->digest, rb->digest, 32) == 0 && !named_as(rb, bk->id, bk->version)) {
                say_conflict(why, size, phrase(a, sizeof(a), _("bank"), rb->id, rb->version),
                             bk->path, phrase(b, sizeof(b), _("bank"), bk->id, bk->version));
                return true;
            }
        }
    }
    return false;
}

static const sp_quiz *any_conflict(const sp_quizset *qs, const sp_quiz *own, const sp_result *r,
                                   char *why, size_t size)
{
    const sp_quiz *q;
    for (size_t i = 0; (q = candidate(qs, own, i)) != NULL; i++)
        if (find_conflict(q, r, why, size))
            return q;
    return NULL;
}

/* Says what a quiz with the result's banks lacks: its manifest, or its directions file. */
static void explain_partial(const sp_quiz *quiz, const sp_result *r, char *why, size_t size)
{
    const sp_result_source *rq = sp_result_quiz(r), *rd = sp_result_directions(r);
    char hex[65];
    if (memcmp(sp_quiz_manifest(quiz)->digest, rq->digest, 32) != 0) {
        sp_hex(rq->digest, 32, hex);
        snprintf(why, size, _("the manifest of quiz %s %s (digest %.12s) is not available here"),
                 rq->id, rq->version, hex);
    } else {
        sp_hex(rd->digest, 32, hex);
        snprintf(why, size,
                 _("the directions file version %s (digest %.12s) of quiz %s %s is not "
                   "available here"),
                 rd->version, hex, rq->id, rq->version);
    }
}

/* Says what is missing: a bank no quiz has, or else that no quiz has them all. */
static void explain_missing(const sp_quizset *qs, const sp_quiz *own, const sp_result *r, char *why,
                            size_t size)
{
    for (size_t b = 0; b < sp_result_bank_count(r); b++) {
        const sp_result_source *src = sp_result_bank(r, b);
        bool anywhere = false;
        const sp_quiz *q;
        for (size_t i = 0; !anywhere && (q = candidate(qs, own, i)) != NULL; i++)
            anywhere = has_bank(q, src);
        if (!anywhere) {
            char hex[65];
            sp_hex(src->digest, 32, hex);
            snprintf(why, size, _("bank '%s' version %s (digest %.12s) is not available here"),
                     src->id, src->version, hex);
            return;
        }
    }
    snprintf(why, size, "%s",
             _("no quiz here has all of the result's banks with the directions it scores"));
}

/* ---- The stores of released files ----------------------------------------------------------- */

/* A digest of every digest the result records: the quiz it names, as far as the stores go. */
static void quiz_key(const sp_result *r, unsigned char key[32])
{
    unsigned char all[(2 + SP_LIMIT_BANKS) * 32];
    size_t n = sp_result_bank_count(r) <= SP_LIMIT_BANKS ? sp_result_bank_count(r) : 0;
    memcpy(all, sp_result_quiz(r)->digest, 32);
    memcpy(all + 32, sp_result_directions(r)->digest, 32);
    for (size_t i = 0; i < n; i++)
        memcpy(all + 64 + 32 * i, sp_result_bank(r, i)->digest, 32);
    sp_digest(all, 64 + 32 * n, key);
}

/* What the stores gave for the quiz of r when it was looked for: sets *found (and *quiz, NULL
 * when they had not all of it), or clears *found when it has not been looked for. */
static void looked_up_before(const sp_quizset *qs, const unsigned char key[32], bool *found,
                             const sp_quiz **quiz)
{
    const stored_key *k = qs->looked_up.data;
    sp_quiz *const *st = qs->stored.data;
    *found = false;
    *quiz = NULL;
    for (size_t i = 0; i < qs->looked_up.len && !*found; i++) {
        if (memcmp(k[i].key, key, 32) != 0)
            continue;
        *found = true;
        *quiz = k[i].index == NONE_STORED ? NULL : st[k[i].index];
    }
}

/* Keeps what the stores gave for key: quiz (owned by the set from now on, even on failure), or
 * NULL. Returns 0 or SP_ENOMEM. */
static int remember(sp_quizset *qs, const unsigned char key[32], sp_quiz *quiz)
{
    stored_key *k = sp_vec_push(&qs->looked_up, sizeof(*k));
    sp_quiz **slot = quiz && k ? sp_vec_push(&qs->stored, sizeof(*slot)) : NULL;
    if (!k || (quiz && !slot)) {
        if (k)
            qs->looked_up.len--;
        sp_quiz_free(quiz);
        return SP_ENOMEM;
    }
    memcpy(k->key, key, 32);
    k->index = quiz ? qs->stored.len - 1 : NONE_STORED;
    if (slot)
        *slot = quiz;
    return 0;
}

/* Puts the quiz of r's digests together, file by file, from the first quiz folder that has all
 * of it with its store (sp_release_load): *quiz, or NULL. Depends on r's digests and the folders
 * alone, so each quiz is looked for once and kept for every result that records its digests. */
static int from_stores(sp_quizset *qs, const sp_result *r, const sp_quiz **quiz)
{
    size_t nbanks = sp_result_bank_count(r);
    *quiz = NULL;
    if (nbanks > SP_LIMIT_BANKS)
        return 0;
    unsigned char key[32];
    quiz_key(r, key);
    bool found;
    looked_up_before(qs, key, &found, quiz);
    if (found)
        return 0;
    const unsigned char *banks[SP_LIMIT_BANKS];
    for (size_t i = 0; i < nbanks; i++)
        banks[i] = sp_result_bank(r, i)->digest;
    sp_quiz_digests want = {sp_result_quiz(r)->digest, sp_result_directions(r)->digest, banks,
                            nbanks};
    char **folders = qs->folders.data;
    sp_quiz *made = NULL;
    for (size_t i = 0; i < qs->folders.len && !made; i++) {
        int rc = sp_release_load(folders[i], &want, qs->diags, &made);
        if (rc == SP_ENOMEM)
            return rc;
        if (rc != 0)
            made = NULL;
    }
    int rc = remember(qs, key, made);
    if (rc == 0)
        *quiz = made;
    return rc;
}

/* ---- Finding ----------------------------------------------------------------------------------
 */

/* Finds the quiz of r as sp_quizset_find says: the first exact quiz among the explicit and the
 * folders' quizzes, loading the folders one at a time until it is found (the quizzes loaded are
 * always the first of all of them, in the same order, so the first exact one loaded is the first
 * of all); else, every folder loaded, the candidates with the quiz put together for r. */
static int find_loading(sp_quizset *qs, const sp_result *r, const sp_quiz **own, sp_quiz_match *out)
{
    *own = NULL;
    out->quiz = best_quiz(qs, NULL, r, &out->fit);
    while (out->fit != SP_QUIZ_EXACT && qs->dirs_loaded < qs->dirs.len) {
        char **dirs = qs->dirs.data;
        int rc = load_dir(qs, dirs[qs->dirs_loaded++]);
        if (rc != 0)
            return rc;
        out->quiz = best_quiz(qs, NULL, r, &out->fit);
    }
    if (out->fit == SP_QUIZ_EXACT)
        return 0;
    int rc = from_stores(qs, r, own);
    if (rc == 0 && *own)
        out->quiz = best_quiz(qs, *own, r, &out->fit);
    return rc;
}

int sp_quizset_find(sp_quizset *qs, const sp_result *r, sp_quiz_match *out)
{
    memset(out, 0, sizeof(*out));
    const sp_quiz *own = NULL;
    int rc = find_loading(qs, r, &own, out);
    if (rc != 0)
        return rc;
    if (out->fit == SP_QUIZ_EXACT)
        return 0;
    const sp_quiz *conflict = any_conflict(qs, own, r, out->why, sizeof(out->why));
    if (conflict) {
        out->fit = SP_QUIZ_CONFLICT;
        out->quiz = conflict;
    } else if (out->fit == SP_QUIZ_BANKS) {
        explain_partial(out->quiz, r, out->why, sizeof(out->why));
    } else {
        explain_missing(qs, own, r, out->why, sizeof(out->why));
    }
    return 0;
}
