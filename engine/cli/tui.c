/* The interactive quiz: `signpost take` without --answers.
 *
 * On a terminal it reads with readline and draws one screen per question (header with the
 * quiz title and progress, the question wrapped to the window, the labelled options, a hint
 * line); when standard input is not a terminal it reads plain lines and shows the quiz on
 * stderr unless stdout is a terminal. The session (session.h) decides where the taker is; the
 * journal (journal.h) is saved after every change and removed once the result is written. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "outcome.h"
#include "outputs.h"
#include "pager.h"
#include "prompt.h"
#include "screen.h"
#include "signpost/adaptive.h"
#include "signpost/journal.h"
#include "signpost/session.h"
#include "signpost/sign.h"
#include "take.h"
#include "wrap.h"

/* Lines are never laid out wider than this, however wide the window: long lines tire. */
#define MAX_WIDTH 100

static const char *const commands[] = {":back", ":help", ":quit", ":review", ":skip", NULL};

/* STEP_BAD: a line read without a terminal did not fit (refuse); the quiz stops there. */
typedef enum step { STEP_ON, STEP_QUIT, STEP_DONE, STEP_BAD } step;

typedef struct tui {
    take_opts *o;         /* what this run does: the command line, completed from the journal */
    const take_opts *cmd; /* the options as given on the command line */
    sp_quiz *quiz;
    sp_form *form;
    sp_session *s;
    sp_journal_info info;
    char quiz_path[PATH_MAX];
    char journal[PATH_MAX];  /* "" until the quiz proper starts */
    bool journal_failed;     /* a save failed: warned once */
    bool saved;              /* some save succeeded: the journal on disk can be resumed */
    bool save_ok;            /* the last save succeeded: the journal holds every answer */
    sp_journal_lock *lock;   /* holds the session, so that no other process resumes it */
    char lock_warning[1024]; /* why a new session could not be locked: said once it is saved */
    char *own[3];            /* strings this run owns (the name, out and key recorded) */
    FILE *ui;
    bool tty; /* the quiz is shown on a terminal */
    int width;
    const screen_colors *k;
    char note[2048]; /* shown under the options: a hint, a message or the help */
    bool note_is_error;
    bool help;                    /* show the help under the options */
    size_t lines;                 /* lines read so far, for messages about piped input */
    size_t most;                  /* the most items answered or skipped so far */
    size_t idle;                  /* lines read since that last grew */
    void (*screen)(struct tui *); /* draws the current screen again after a resize */
    /* An adaptive quiz (scoring.md, section 11). The session holds the answers by form item;
     * the items asked, their order and the stop are derived from them by the rule each time
     * (adaptive_sync), so that a resumed quiz reaches the same next item. */
    bool adaptive;
    sp_adaptive_bounds bounds;
    size_t *asked;        /* form indices of the items asked, in order: ad_n of them */
    sp_response *ad_resp; /* their responses, in that order */
    size_t ad_n;
    sp_stop ad_stop;  /* why the rule stopped (SP_STOP_NO while it goes on) ... */
    size_t ad_after;  /* ... and after how many items */
    long ad_next;     /* the item the rule asks next, or -1 */
    uint32_t ad_left; /* about how many more the rule will ask */
    size_t ad_view;   /* the asked item shown after :back or :review; SIZE_MAX at the newest */
    bool ad_more;     /* the taker chose to go on after the stop */
    double ad_bar;    /* the progress shown so far: the bar never goes back */
} tui;

/* ---- Output helpers ---------------------------------------------------------------------- */

static void set_note(tui *t, bool error, const char *fmt, ...) SP_PRINTF(3, 4);
static void set_note(tui *t, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->note, sizeof(t->note), fmt, ap);
    va_end(ap);
    t->note_is_error = error;
}

/* A line that does not fit where it was typed. On a terminal the taker is told why (a note)
 * and asked again. Without one, asking again would read the next line, which comes from a
 * program that will not change its mind (`yes 3 | signpost take` used to loop for ever): the
 * line is an error naming the input line, the question and what fits, and the quiz stops,
 * its answers kept for --resume (quit). in_review: the line was typed in the :review list. */
static step refuse(tui *t, bool in_review, const char *hint)
{
    if (prompt_is_tty()) {
        set_note(t, true, "%s", hint);
        return STEP_ON;
    }
    fputc('\n', t->ui);
    if (in_review) {
        cli_error(_("line %zu of the input does not fit the list of answers (:review): %s"),
                  t->lines, hint);
    } else {
        const sp_form_item *it = sp_session_item(t->s);
        cli_error(_("line %zu of the input does not answer question %zu of %zu (%s): %s"), t->lines,
                  sp_session_position(t->s) + 1, sp_session_count(t->s), it ? it->q->id : "?",
                  hint);
    }
    return STEP_BAD;
}

static const char *tr(const tui *t, const sp_text *text)
{
    const char *s = sp_text_get(text, t->info.lang);
    return s ? s : "";
}

/* Starts a new screen: clears the terminal, or separates with a blank line. */
static void new_screen(tui *t)
{
    int w = wrap_terminal_width(fileno(t->ui));
    t->width = w > MAX_WIDTH ? MAX_WIDTH : w;
    if (t->tty)
        fputs("\033[H\033[2J", t->ui);
    else
        fputc('\n', t->ui);
}

static void para(tui *t, const char *text, int indent, const char *on)
{
    wrap_style st = {t->width, indent, NULL, on, on && *on ? t->k->reset : NULL};
    wrap_print(t->ui, text, &st);
}

/* A prompt in bold, with the escapes marked for readline. */
static const char *make_prompt(tui *t, char *buf, size_t size, const char *text)
{
    if (*t->k->bold)
        snprintf(buf, size, "\001%s\002%s\001%s\002", t->k->bold, text, t->k->reset);
    else
        snprintf(buf, size, "%s", text);
    return buf;
}

/* The title and the progress: "Question 3 of 24" and a bar of what is answered. */
/* The progress line of an adaptive quiz: questions so far and a fair estimate of those left;
 * the share of the bar never shrinks. Returns the share to fill, 0..1. */
static double adaptive_progress(tui *t, bool at_end, char *buf, size_t size)
{
    size_t n = t->ad_n;
    if (at_end) {
        snprintf(buf, size, P_("%zu question asked", "%zu questions asked", n), n);
        t->ad_bar = 1;
    } else if (t->ad_view < n) {
        snprintf(buf, size, _("Question %zu of the %zu asked so far"), t->ad_view + 1, n);
    } else if (t->ad_stop != SP_STOP_NO) {
        snprintf(buf, size, _("Question %zu, after the quiz was settled"), n + 1);
    } else {
        snprintf(buf, size,
                 P_("Question %zu \xE2\x80\x94 about %u more",
                    "Question %zu \xE2\x80\x94 about %u more", t->ad_left),
                 n + 1, t->ad_left);
        double share = (double)n / (double)(n + t->ad_left);
        t->ad_bar = share > t->ad_bar ? share : t->ad_bar;
    }
    return t->ad_bar;
}

static void header(tui *t, bool at_end)
{
    char buf[512];
    size_t n = sp_session_count(t->s);
    size_t done = sp_session_answered(t->s) + sp_session_skipped(t->s);
    fprintf(t->ui, "%s%s%s\n", t->k->bold,
            wrap_shorten(tr(t, &sp_quiz_manifest(t->quiz)->title), t->width, buf, sizeof(buf)),
            t->k->reset);
    double share = n ? (double)done / (double)n : 0;
    if (t->adaptive)
        share = adaptive_progress(t, at_end, buf, sizeof(buf));
    else if (at_end)
        snprintf(buf, sizeof(buf), _("All %zu questions seen"), n);
    else
        snprintf(buf, sizeof(buf), _("Question %zu of %zu"), sp_session_position(t->s) + 1, n);
    fputs(buf, t->ui);
    int barw = t->width - wrap_width(buf) - 2;
    barw = barw > 30 ? 30 : barw;
    if (t->tty && barw >= 6) {
        int fill = (int)(share * barw + 0.5);
        fprintf(t->ui, "  %s", t->k->cyan);
        for (int i = 0; i < barw; i++)
            fputs(i < fill ? (wrap_utf8() ? "\u2588" : "#") : (wrap_utf8() ? "\u2591" : "."),
                  t->ui);
        fputs(t->k->reset, t->ui);
    }
    fputs("\n\n", t->ui);
}

static void print_help(tui *t)
{
    static const struct {
        const char *cmd, *what;
    } cmds[] = {
        {":back", N_("go to the previous question")},
        {":skip", N_("leave this question unanswered")},
        {":review", N_("list your answers and change one")},
        {":quit", N_("stop here; continue later with signpost take --resume")},
    };
    para(t, _("Answer with the number or the letter(s) shown, then press Enter."), 0, NULL);
    for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
        char lead[32];
        snprintf(lead, sizeof(lead), "  %-8s ", cmds[i].cmd);
        wrap_style st = {t->width, 11, lead, NULL, NULL};
        wrap_print(t->ui, _(cmds[i].what), &st);
    }
    para(t,
         _("Tab completes a command. Ctrl-C asks whether to quit; Ctrl-D quits. Knowledge "
           "answers are shown at the end."),
         0, NULL);
}

/* Prints the help when it was asked for, and the note; both stay until the next line is
 * read (clear_note), so that a redraw after a resize shows them again. */
static void show_note(tui *t)
{
    if (t->help)
        print_help(t);
    if (t->note[0])
        para(t, t->note, 0, t->note_is_error ? t->k->yellow : NULL);
}

static void clear_note(tui *t)
{
    t->help = false;
    t->note[0] = '\0';
}

static void footer(tui *t)
{
    show_note(t);
    fprintf(t->ui, "%s%s%s\n", t->k->dim, ":back  :skip  :review  :help  :quit", t->k->reset);
}

/* ---- The question screen ----------------------------------------------------------------- */

static bool several(const sp_question *q)
{
    return q->kind == SP_KIND_KNOWLEDGE && (q->answer & (q->answer - 1));
}

static void options(tui *t, const sp_form_item *it, const sp_answer *a)
{
    const sp_question *q = it->q;
    char lead[64];
    if (q->kind == SP_KIND_LIKERT) {
        for (int v = 1; v <= 5; v++) {
            bool mine = a->state == SP_ANSWER_GIVEN && a->value == v;
            snprintf(lead, sizeof(lead), "  %s%d)%s ", t->k->cyan, v, t->k->reset);
            wrap_style st = {t->width, 5, lead, mine ? t->k->green : NULL,
                             mine ? t->k->reset : NULL};
            wrap_print(t->ui, screen_likert_word(v), &st);
        }
        return;
    }
    for (uint32_t i = 0; i < q->noptions; i++) {
        uint32_t o = it->shown[i];
        bool mine = a->state == SP_ANSWER_GIVEN && (a->chosen & (1u << o));
        snprintf(lead, sizeof(lead), "  %s%c)%s ", t->k->cyan, 'a' + i, t->k->reset);
        wrap_style st = {t->width, 5, lead, mine ? t->k->green : NULL, mine ? t->k->reset : NULL};
        wrap_print(t->ui, tr(t, &q->options[o].text), &st);
    }
}

static void draw_item(tui *t)
{
    const sp_form_item *it = sp_session_item(t->s);
    const sp_answer *a = sp_session_answer_at(t->s, sp_session_position(t->s));
    new_screen(t);
    header(t, false);
    para(t, tr(t, &it->q->text), 0, t->k->bold);
    fputc('\n', t->ui);
    options(t, it, a);
    fputc('\n', t->ui);
    if (a->state != SP_ANSWER_NONE && !t->note[0] && !t->help) {
        char ans[1024], line[1280]; /* the answer in full, wrapped below (0: never cut) */
        screen_answer_text(it, it->q, a, t->info.lang, 0, ans, sizeof(ans));
        snprintf(line, sizeof(line), _("Your answer: %s. Press Enter to keep it."), ans);
        para(t, line, 0, t->k->green);
    }
    footer(t);
}

/* What to type, for the prompt and for hints. */
static const char *expected(const sp_form_item *it, char *buf, size_t size)
{
    const sp_question *q = it->q;
    char last = (char)('a' + q->noptions - 1);
    if (q->kind == SP_KIND_LIKERT)
        snprintf(buf, size, "%s", _("a number from 1 to 5"));
    else if (several(q))
        snprintf(buf, size, _("one or more letters from a to %c, e.g. a c"), last);
    else
        snprintf(buf, size, _("one letter from a to %c"), last);
    return buf;
}

/* The short form of what to type, for the prompt: "1-5", "a-d". */
static const char *range(const sp_form_item *it, char *buf, size_t size)
{
    const sp_question *q = it->q;
    char last = (char)('a' + q->noptions - 1);
    if (q->kind == SP_KIND_LIKERT)
        snprintf(buf, size, "1-5");
    else if (several(q))
        snprintf(buf, size, _("a-%c, one or more"), last);
    else
        snprintf(buf, size, "a-%c", last);
    return buf;
}

/* ---- Reading an answer ------------------------------------------------------------------- */

/* Reads option letters ("a c", "a,c", "ac") into the bits of the options they show. */
static bool parse_letters(const sp_form_item *it, const char *s, sp_answer *a, char *hint,
                          size_t size, const char *what)
{
    const sp_question *q = it->q;
    int count = 0;
    for (; *s; s++) {
        if (*s == ' ' || *s == ',')
            continue;
        if (*s < 'a' || *s >= 'a' + (int)q->noptions) {
            snprintf(hint, size, _("Type %s, or :skip."), what);
            return false;
        }
        uint32_t bit = 1u << it->shown[*s - 'a'];
        if (a->chosen & bit) {
            snprintf(hint, size, "%s", _("Give each letter once."));
            return false;
        }
        a->chosen |= bit;
        count++;
    }
    if (count > 1 && !several(q)) {
        snprintf(hint, size, _("This question has one answer: type %s."), what);
        return false;
    }
    return true;
}

/* Turns a typed answer into an answer to the current item; false with a one-line hint. */
static bool parse_answer(const sp_form_item *it, const char *line, sp_answer *a, char *hint,
                         size_t size)
{
    char s[256], what[128];
    expected(it, what, sizeof(what));
    *a = (sp_answer){.state = SP_ANSWER_GIVEN};
    if (!wrap_fold(line, s, sizeof(s))) {
        snprintf(hint, size, _("Type %s, or :skip."), what);
        return false;
    }
    if (it->q->kind == SP_KIND_LIKERT) {
        char *p = s + strspn(s, " ");
        size_t len = strcspn(p, " ");
        if (len == 1 && *p >= '1' && *p <= '5' && !p[1 + strspn(p + 1, " ")]) {
            a->value = (uint8_t)(*p - '0');
            return true;
        }
        snprintf(hint, size, _("Type %s (1 strongly disagree, 5 strongly agree), or :skip."), what);
        return false;
    }
    return parse_letters(it, s, a, hint, size, what);
}

/* ---- Journal ----------------------------------------------------------------------------- */

static void save(tui *t)
{
    if (!t->journal[0])
        return;
    int rc = sp_journal_save(t->journal, t->quiz, t->s, &t->info);
    t->save_ok = rc == 0;
    t->saved = t->saved || rc == 0;
    if (rc == 0 && t->lock_warning[0]) {
        /* Only a journal on disk can be taken over: now the missing lock matters. */
        set_note(t, true, "%s", t->lock_warning);
        t->lock_warning[0] = '\0';
    }
    if (rc && !t->journal_failed) {
        set_note(t, true,
                 _("Warning: your progress cannot be saved in %s (%s); the quiz goes "
                   "on, but cannot be resumed if it is interrupted."),
                 t->journal, rc == SP_EIO ? strerror(errno) : sp_strerror(rc));
        t->journal_failed = true;
    }
}

/* Locks the new session's journal, so that no `take --resume` elsewhere takes it over while
 * this quiz runs. Without a lock the quiz still goes on; the taker is warned at the first save. */
static void lock_journal(tui *t)
{
    sp_journal_holder holder;
    int rc = sp_journal_acquire(t->journal, &t->lock, &holder);
    if (rc)
        snprintf(t->lock_warning, sizeof(t->lock_warning),
                 _("Warning: your quiz cannot be locked (%s); another signpost take --resume "
                   "could take it over while it runs."),
                 rc == SP_EIO ? strerror(errno) : sp_strerror(rc));
}

/* Chooses the journal's path and locks it. The first save comes with the first answer (or a
 * quit): until then there is nothing to lose, and the first question appears without waiting
 * for a file to reach the disk. */
static void start_journal(tui *t)
{
    char dir[PATH_MAX - 128];
    int rc = sp_journal_dir(dir, sizeof(dir), true);
    if (rc == 0)
        rc = sp_journal_new_path(dir, sp_quiz_manifest(t->quiz)->id, t->info.started, t->journal,
                                 sizeof(t->journal));
    if (rc == 0)
        lock_journal(t);
    if (rc) {
        set_note(t, true,
                 _("Warning: there is no folder to save your progress in (%s); the "
                   "quiz goes on, but cannot be resumed if it is interrupted."),
                 rc == SP_EIO ? strerror(errno) : sp_strerror(rc));
        t->journal[0] = '\0';
        t->journal_failed = true;
    }
}

/* ---- Adaptive quizzes -------------------------------------------------------------------- */

/* Derives the items asked from the answers: the rule's picks, one after another, as long as the
 * item picked has an answer (given before, perhaps before an earlier answer changed); the first
 * one without is the next question. Also where and why the rule stopped. Returns 0 or an SP_E*
 * code. */
static int adaptive_sync(tui *t)
{
    const sp_response *all = sp_session_responses(t->s);
    t->ad_n = 0;
    t->ad_stop = SP_STOP_NO;
    t->ad_after = 0;
    for (;;) {
        sp_adaptive_step st;
        int rc =
            sp_adaptive_decide(sp_quiz_directions(t->quiz), &sp_quiz_manifest(t->quiz)->scoring,
                               &t->bounds, t->form, t->ad_resp, t->ad_n, &st);
        if (rc)
            return rc;
        if (t->ad_stop == SP_STOP_NO && st.stop != SP_STOP_NO) {
            t->ad_stop = st.stop;
            t->ad_after = t->ad_n;
        }
        t->ad_next = st.next;
        t->ad_left = st.left;
        if (st.next < 0 || all[st.next].a.state == SP_ANSWER_NONE)
            return 0;
        t->asked[t->ad_n] = (size_t)st.next;
        t->ad_resp[t->ad_n++] = all[st.next];
    }
}

/* Puts the session on the item to show; false when the quiz is at its end screen (the rule
 * stopped and the taker has not chosen to go on, or the form has no more items). */
static bool adaptive_place(tui *t)
{
    size_t item;
    if (t->ad_view < t->ad_n) {
        item = t->asked[t->ad_view];
    } else {
        t->ad_view = SIZE_MAX;
        if ((t->ad_stop != SP_STOP_NO && !t->ad_more) || t->ad_next < 0)
            return false;
        item = (size_t)t->ad_next;
    }
    if (sp_session_position(t->s) != item && sp_session_jump(t->s, item) != 0)
        return false;
    return true;
}

/* After an answer, a skip or Enter at a question: on to the next item asked, or the newest. */
static void adaptive_moved(tui *t)
{
    if (!t->adaptive)
        return;
    t->ad_more = false;
    if (t->ad_view != SIZE_MAX)
        t->ad_view++;
}

static int adaptive_start(tui *t)
{
    size_t count = sp_form_count(t->form);
    t->bounds = sp_adaptive_bounds_for(sp_quiz_manifest(t->quiz), t->form);
    t->asked = calloc(count + 1, sizeof(*t->asked));
    t->ad_resp = calloc(count + 1, sizeof(*t->ad_resp));
    t->ad_view = SIZE_MAX;
    t->info.adaptive = true;
    return t->asked && t->ad_resp ? adaptive_sync(t) : SP_ENOMEM;
}

/* The directions still too close to call, as "A, B": the top one and its near ties. */
static void too_close(tui *t, const sp_outcome *o, char *buf, size_t size)
{
    const sp_directions *dirs = sp_quiz_directions(t->quiz);
    size_t w = (size_t)snprintf(buf, size, "%s", tr(t, &dirs->items[o->primary].name));
    for (uint32_t i = 0; i < o->nnear_tie && w < size; i++)
        w += (size_t)snprintf(buf + w, size - w, ", %s", tr(t, &dirs->items[o->near_tie[i]].name));
}

/* Why the adaptive quiz stopped, and what is still too close to call. */
static void adaptive_end_text(tui *t)
{
    char buf[1024], names[512];
    size_t n = t->ad_after;
    cli_adaptive_stop_text(t->ad_stop, n, &t->bounds, buf, sizeof(buf));
    para(t, buf, 0, NULL);
    sp_outcome o;
    if (sp_score(sp_quiz_directions(t->quiz), &sp_quiz_manifest(t->quiz)->scoring, t->ad_resp,
                 t->ad_n, &o) == 0 &&
        o.primary >= 0 && o.nnear_tie > 0) {
        too_close(t, &o, names, sizeof(names));
        snprintf(buf, sizeof(buf), _("Still too close to call on these answers: %s."), names);
        para(t, buf, 0, t->k->yellow);
    }
    fputc('\n', t->ui);
    para(t,
         t->ad_next >= 0 ? _("Press Enter to see your result, type :more to answer more "
                             "questions, or :review or :back to change an answer.")
                         : _("Press Enter to see your result, or type :review or :back to "
                             "change an answer."),
         0, NULL);
}

/* ---- Commands ---------------------------------------------------------------------------- */

/* prompt_read, counting the lines read for the messages of refuse. */
static prompt_status read_line(tui *t, const char *prompt, char **line)
{
    prompt_status st = prompt_read(prompt, line);
    t->lines += st == PROMPT_LINE;
    return st;
}

/* Without a terminal, true (after saying so) when the input has gone on for many lines that
 * each fit but answer nothing new — `yes :help`, or :back and an answer again and again — so
 * that nothing repeats for ever. The bound leaves room to change every answer from :review
 * several times over (three lines each). */
static bool stalled(tui *t)
{
    size_t done = sp_session_answered(t->s) + sp_session_skipped(t->s);
    size_t limit = 10 * sp_session_count(t->s) + 100;
    if (prompt_is_tty() || done > t->most) {
        t->most = done;
        t->idle = 0;
        return false;
    }
    if (++t->idle <= limit)
        return false;
    fputc('\n', t->ui);
    cli_error(_("line %zu of the input: %zu lines in a row without a new answer; the input seems "
                "to repeat itself"),
              t->lines, t->idle);
    return true;
}

static bool confirm_quit(tui *t)
{
    if (!prompt_is_tty())
        return true;
    char buf[256], *line;
    make_prompt(t, buf, sizeof(buf),
                _("Quit now? Your answers are kept and you can resume later. [y/N] "));
    fputc('\n', t->ui);
    prompt_status st = prompt_read(buf, &line);
    if (st != PROMPT_LINE)
        return true; /* a second Ctrl-C, or Ctrl-D */
    char s[16] = "";
    bool yes = wrap_fold(line, s, sizeof(s)) && (strcmp(s, "y") == 0 || strcmp(s, "yes") == 0);
    yes = yes || strcmp(line, "\xE6\x98\xAF") == 0; /* 是 */
    free(line);
    return yes;
}

static step review(tui *t);

/* Runs a command typed as ":name" (any unique prefix). */
static step command(tui *t, const char *cmd)
{
    size_t n = strlen(cmd), found = 0;
    const char *which = NULL;
    for (const char *const *c = commands; *c; c++) {
        if (strncmp(*c, cmd, n) == 0) {
            which = *c;
            found++;
        }
    }
    if (strcmp(cmd, "?") == 0) {
        which = ":help";
        found = 1;
    }
    if (found != 1)
        return refuse(t, false, _("Not a command. Commands: :back :skip :review :help :quit"));
    if (strcmp(which, ":quit") == 0)
        return STEP_QUIT;
    if (strcmp(which, ":help") == 0) {
        t->help = true;
    } else if (strcmp(which, ":review") == 0) {
        return review(t);
    } else if (strcmp(which, ":back") == 0 && t->adaptive) {
        size_t at = t->ad_view < t->ad_n ? t->ad_view : t->ad_n;
        if (at == 0)
            return refuse(t, false, _("This is the first question."));
        t->ad_view = at - 1;
    } else if (strcmp(which, ":back") == 0) {
        if (sp_session_back(t->s) != 0)
            return refuse(t, false, _("This is the first question."));
        save(t);
    } else if (sp_session_item(t->s) && sp_session_skip(t->s) == 0) {
        adaptive_moved(t);
        save(t);
    }
    return STEP_ON;
}

/* ---- Review ------------------------------------------------------------------------------ */

/* The short form of an answer for the review: "4", "b", "a c", or the word for a skip. */
static void short_answer(const sp_form_item *it, const sp_answer *a, char *buf, size_t size)
{
    size_t w = 0;
    buf[0] = '\0';
    if (a->state == SP_ANSWER_SKIP) {
        snprintf(buf, size, "%s", _("skip"));
    } else if (it->q->kind == SP_KIND_LIKERT) {
        snprintf(buf, size, "%u", a->value);
    } else {
        for (uint32_t i = 0; i < it->q->noptions && w + 3 < size; i++)
            if (a->chosen & (1u << it->shown[i]))
                w += (size_t)snprintf(buf + w, size - w, "%s%c", w ? " " : "", 'a' + i);
    }
}

/* One line per item answered or skipped: its number, the answer, the question. */
static void review_list(tui *t)
{
    fprintf(t->ui, "%s%s%s\n\n", t->k->bold, _("Your answers so far"), t->k->reset);
    size_t listed = 0, count = t->adaptive ? t->ad_n : sp_session_count(t->s);
    int col = 4;
    for (size_t k = 0; k < count; k++) {
        char ans[64];
        size_t i = t->adaptive ? t->asked[k] : k;
        short_answer(sp_form_item_at(t->form, i), sp_session_answer_at(t->s, i), ans, sizeof(ans));
        col = wrap_width(ans) > col ? wrap_width(ans) : col;
    }
    for (size_t k = 0; k < count; k++) {
        size_t i = t->adaptive ? t->asked[k] : k;
        const sp_answer *a = sp_session_answer_at(t->s, i);
        if (a->state == SP_ANSWER_NONE)
            continue;
        const sp_form_item *it = sp_form_item_at(t->form, i);
        char ans[64], q[512];
        short_answer(it, a, ans, sizeof(ans));
        fprintf(t->ui, "%3zu. %s", k + 1, a->state == SP_ANSWER_SKIP ? t->k->dim : t->k->green);
        wrap_pad(t->ui, ans, col);
        fprintf(t->ui, "%s  %s\n", t->k->reset,
                wrap_shorten(tr(t, &it->q->text), t->width - 7 - col, q, sizeof(q)));
        listed++;
    }
    if (!listed)
        fprintf(t->ui, "%s\n", _("Nothing answered yet."));
    fputc('\n', t->ui);
    show_note(t);
}

static void draw_review(tui *t)
{
    new_screen(t);
    review_list(t);
}

/* The list through the pager (pager.h) when it is longer than the window: 41 answers would
 * otherwise scroll away, leaving only the last ones in view. Not when the window is resized
 * (draw_review then), as readline waits for the number. */
static void draw_review_paged(tui *t)
{
    pager pg;
    new_screen(t);
    bool paged = t->ui == stdout && pager_start(&pg);
    review_list(t);
    if (paged)
        pager_stop(&pg);
}

/* Lists the items answered or skipped, then jumps to the one the taker names. */
static step review(tui *t)
{
    char buf[256];
    make_prompt(t, buf, sizeof(buf), _("Number of the question to change (Enter to go back): "));
    for (;;) {
        t->screen = draw_review;
        draw_review_paged(t);
        char *line;
        prompt_status st = read_line(t, buf, &line);
        clear_note(t);
        if (st == PROMPT_LINE && stalled(t)) {
            free(line);
            return STEP_BAD;
        }
        if (st == PROMPT_EOF)
            return STEP_QUIT;
        if (st == PROMPT_INTERRUPT)
            return confirm_quit(t) ? STEP_QUIT : STEP_ON;
        char s[32];
        bool ok = wrap_fold(line, s, sizeof(s));
        free(line);
        char *p = s + strspn(s, " "), *end = p;
        if (ok && !*p)
            return STEP_ON;
        long i = ok ? strtol(p, &end, 10) : 0;
        end += strspn(end, " ");
        if (t->adaptive && *end == '\0' && i >= 1 && (size_t)i <= t->ad_n) {
            t->ad_view = (size_t)i - 1;
            return STEP_ON;
        }
        const sp_answer *a = i >= 1 ? sp_session_answer_at(t->s, (size_t)i - 1) : NULL;
        if (*end == '\0' && a && a->state != SP_ANSWER_NONE &&
            sp_session_jump(t->s, (size_t)i - 1) == 0) {
            save(t);
            return STEP_ON;
        }
        step bad = refuse(t, true, _("Type the number of a question in the list, or press Enter."));
        if (bad != STEP_ON)
            return bad;
    }
}

/* ---- The quiz loop ----------------------------------------------------------------------- */

/* Drops the spaces around a typed line, in place; returns its start. */
static char *trim(char *line)
{
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';
    return line + strspn(line, " \t");
}

/* Handles one line typed at a question. */
static step answer_line(tui *t, char *line)
{
    const char *p = trim(line);
    if (*p == ':' || *p == '?')
        return command(t, p);
    const sp_form_item *it = sp_session_item(t->s);
    char hint[512], what[128];
    if (!*p) {
        if (sp_session_next(t->s) == 0) {
            adaptive_moved(t);
            save(t);
            return STEP_ON;
        }
        snprintf(hint, sizeof(hint), _("Type %s, or :skip."), expected(it, what, sizeof(what)));
        return refuse(t, false, hint);
    }
    sp_answer a;
    if (!parse_answer(it, p, &a, hint, sizeof(hint)))
        return refuse(t, false, hint);
    if (sp_session_answer(t->s, &a) == 0) {
        adaptive_moved(t);
        save(t);
    }
    return STEP_ON;
}

static step ask(tui *t)
{
    char what[128], text[256], buf[320], *line;
    const sp_form_item *it = sp_session_item(t->s);
    t->screen = draw_item;
    draw_item(t);
    snprintf(text, sizeof(text), _("Your answer (%s): "), range(it, what, sizeof(what)));
    prompt_status st = read_line(t, make_prompt(t, buf, sizeof(buf), text), &line);
    clear_note(t);
    if (st == PROMPT_LINE && stalled(t)) {
        free(line);
        return STEP_BAD;
    }
    if (st == PROMPT_EOF)
        return STEP_QUIT;
    if (st == PROMPT_INTERRUPT)
        return confirm_quit(t) ? STEP_QUIT : STEP_ON;
    step next = answer_line(t, line);
    free(line);
    return next;
}

static void draw_end(tui *t)
{
    char buf[512];
    new_screen(t);
    header(t, true);
    if (t->adaptive) {
        adaptive_end_text(t);
        fputc('\n', t->ui);
        show_note(t);
        return;
    }
    snprintf(buf, sizeof(buf), _("That was the last question: %zu answered, %zu skipped."),
             sp_session_answered(t->s), sp_session_skipped(t->s));
    para(t, buf, 0, NULL);
    para(t, _("Press Enter to see your result, or type :review or :back to change an answer."), 0,
         NULL);
    fputc('\n', t->ui);
    show_note(t);
}

/* At the end: on a terminal, a last chance to review; otherwise straight to the result. */
static step at_end(tui *t)
{
    if (!prompt_is_tty())
        return STEP_DONE;
    char buf[64], *line;
    t->screen = draw_end;
    draw_end(t);
    prompt_status st = read_line(t, make_prompt(t, buf, sizeof(buf), "> "), &line);
    clear_note(t);
    if (st == PROMPT_EOF)
        return STEP_QUIT;
    if (st == PROMPT_INTERRUPT)
        return confirm_quit(t) ? STEP_QUIT : STEP_ON;
    const char *p = trim(line);
    if (t->adaptive && t->ad_next >= 0 && strlen(p) >= 2 && strncmp(":more", p, strlen(p)) == 0) {
        t->ad_more = true;
        free(line);
        return STEP_ON;
    }
    step next = *p == ':' || *p == '?' ? command(t, p) : *p ? STEP_ON : STEP_DONE;
    if (*p && *p != ':' && *p != '?')
        set_note(t, true, "%s", _("Press Enter to see your result, or type :review or :back."));
    free(line);
    return next;
}

static void redraw(void *arg)
{
    tui *t = arg;
    if (t->screen)
        t->screen(t);
}

static step run(tui *t)
{
    prompt_on_resize(redraw, t);
    step st = STEP_ON;
    while (st == STEP_ON) {
        if (!t->adaptive) {
            st = sp_session_item(t->s) ? ask(t) : at_end(t);
            continue;
        }
        int rc = adaptive_sync(t);
        if (rc) {
            cli_error("%s", sp_strerror(rc));
            st = STEP_QUIT;
            break;
        }
        st = adaptive_place(t) ? ask(t) : at_end(t);
    }
    prompt_on_resize(NULL, NULL);
    return st;
}

/* ---- Starting ---------------------------------------------------------------------------- */

static void draw_intro(tui *t)
{
    const sp_manifest *m = sp_quiz_manifest(t->quiz);
    char buf[1024];
    new_screen(t);
    para(t, tr(t, &m->title), 0, t->k->bold);
    fputc('\n', t->ui);
    if (sp_text_get(&m->description, t->info.lang)) {
        para(t, tr(t, &m->description), 0, NULL);
        fputc('\n', t->ui);
    }
    size_t n = sp_session_count(t->s);
    snprintf(buf, sizeof(buf), P_("%zu question", "%zu questions", n), n);
    if (t->adaptive)
        snprintf(buf, sizeof(buf),
                 P_("At most %u question: the quiz stops as soon as your answers settle your top "
                    "direction (you may go on answering)",
                    "At most %u questions: the quiz stops as soon as your answers settle your top "
                    "direction (you may go on answering)",
                    t->bounds.max_items),
                 t->bounds.max_items);
    size_t used = strlen(buf);
    if (t->adaptive)
        snprintf(buf + used, sizeof(buf) - used, ". ");
    else if (m->minutes)
        snprintf(buf + used, sizeof(buf) - used,
                 P_(", about %d minute. ", ", about %d minutes. ", (unsigned long)m->minutes),
                 m->minutes);
    else
        snprintf(buf + used, sizeof(buf) - used, ". ");
    used = strlen(buf);
    snprintf(buf + used, sizeof(buf) - used, "%s",
             _("Answer each with the number or letter shown; type :help for the commands. "
               "Your answers are saved as you go: if you stop, run signpost take --resume to "
               "continue."));
    para(t, buf, 0, NULL);
    fputc('\n', t->ui);
    size_t waiting = take_unfinished();
    if (waiting) {
        snprintf(buf, sizeof(buf),
                 P_("You have %zu unfinished quiz. To continue it instead, type :quit and run "
                    "signpost take --resume.",
                    "You have %zu unfinished quizzes. To continue one instead, type :quit and "
                    "run signpost take --resume.",
                    waiting),
                 waiting);
        para(t, buf, 0, t->k->yellow);
        fputc('\n', t->ui);
    }
}

/* On a terminal, shows the quiz before the first question; false when the taker quits. */
static bool intro(tui *t)
{
    if (!prompt_is_tty())
        return true;
    t->screen = draw_intro;
    draw_intro(t);
    char buf[256], *line;
    make_prompt(t, buf, sizeof(buf), _("Press Enter to begin. "));
    prompt_status st = prompt_read(buf, &line);
    bool go = st == PROMPT_LINE && strncmp(line + strspn(line, " "), ":q", 2) != 0;
    free(line);
    t->screen = NULL;
    return go;
}

/* Loads the quiz and picks the language; returns an exit code. */
static int open_quiz(tui *t, const char *path, const char *lang)
{
    int status = EXIT_OK;
    if (!path)
        path = cli_default_quiz();
    if (!(t->quiz = take_load_quiz(path, &status)))
        return status;
    if (!realpath(path, t->quiz_path))
        snprintf(t->quiz_path, sizeof(t->quiz_path), "%s", path);
    t->info.quiz_path = t->quiz_path;
    t->info.lang = cli_pick_lang(lang, sp_quiz_manifest(t->quiz));
    if (!t->info.lang)
        return cli_unknown_lang("take", lang, sp_quiz_manifest(t->quiz));
    cli_use_language(t->info.lang);
    return EXIT_OK;
}

/* Keeps s for the rest of the run (freed at its end); NULL stays NULL. False when out of
 * memory, after saying so. */
static bool keep(tui *t, int slot, char *s, const char **where)
{
    t->own[slot] = s;
    *where = s;
    if (!s)
        cli_error("%s", _("out of memory"));
    return s != NULL;
}

enum { OWN_NAME, OWN_OUT, OWN_KEY };

static int start_new(tui *t)
{
    const take_opts *o = t->o;
    int rc = open_quiz(t, o->quiz, o->lang);
    if (rc)
        return rc;
    uint64_t seed = o->has_seed ? o->seed : sp_seed_random();
    t->info.name = o->name;
    t->info.started = (int64_t)time(NULL);
    /* Recorded absolute, so that a resume from another folder writes and signs as asked. */
    if ((o->out && !keep(t, OWN_OUT, take_absolute(o->out), &t->info.out)) ||
        (o->key && !keep(t, OWN_KEY, take_absolute(o->key), &t->info.key)))
        return EXIT_INTERNAL;
    if ((rc = take_check_out(o, t->quiz)) != EXIT_OK) /* before the first question */
        return rc;
    if ((rc = sp_form_draw(t->quiz, seed, &t->form)) == 0)
        rc = sp_session_new(t->form, &t->s);
    t->adaptive = o->adaptive || sp_quiz_manifest(t->quiz)->mode == SP_MODE_ADAPTIVE;
    if (rc == 0 && t->adaptive)
        rc = adaptive_start(t);
    if (rc) {
        cli_error("%s", sp_strerror(rc));
        return cli_exit_for(rc);
    }
    return EXIT_OK;
}

/* ---- Resuming ---------------------------------------------------------------------------- */

/* True when path is shown as it is (wrap_clean changes nothing), so that messages may name
 * it: no control characters, no bidirectional controls, valid UTF-8. */
static bool plain_path(const char *path)
{
    char *clean = wrap_clean(path, false);
    bool plain = clean && strcmp(clean, path) == 0;
    free(clean);
    return plain;
}

/* Completes the options of this run from what the start of the session asked for: --name,
 * --out and --key are kept unless given again (or --no-key), and the key is opened now, its
 * passphrase asked in the session's language, before the first question, as at the start. */
static int resume_options(tui *t, const sp_journal_info *ji, const char *journal_path)
{
    take_opts *o = t->o;
    const take_opts *cmd = t->cmd;
    bool ok = true;
    if (!cmd->name && ji->name)
        ok = keep(t, OWN_NAME, strdup(ji->name), &t->info.name);
    if (ok && cmd->out)
        ok = keep(t, OWN_OUT, take_absolute(cmd->out), &t->info.out);
    else if (ok && ji->out && (ok = keep(t, OWN_OUT, strdup(ji->out), &t->info.out)))
        o->out = t->info.out;
    if (ok && cmd->key)
        ok = keep(t, OWN_KEY, take_absolute(cmd->key), &t->info.key);
    else if (ok && ji->key && !cmd->no_key &&
             (ok = keep(t, OWN_KEY, strdup(ji->key), &t->info.key)))
        o->key = t->info.key;
    if (!ok)
        return EXIT_INTERNAL;
    if (o->passfile && !o->key)
        return cli_usage_error("take", "%s",
                               _("--passphrase-file is for the key given with --key; this quiz "
                                 "is not signed"));
    /* The journal is an input of this run too: a result written over it would be removed with
     * it at the end. Then the other inputs, and the recorded --out, which may have appeared
     * since the quiz was left: refused now, before the passphrase and the first question. */
    const out_input journal = {journal_path, _("the journal of this quiz")};
    int rc = o->out ? outputs_not_an_input("take", o->out, &journal, 1) : EXIT_OK;
    if (rc == EXIT_OK)
        rc = take_check_out(o, t->quiz);
    return rc == EXIT_OK ? take_open_key(o) : rc;
}

static int start_resume(tui *t)
{
    take_pick pick;
    int rc = take_pick_session(&pick);
    if (rc)
        return rc;
    const sp_journal *j = pick.journal;
    const sp_journal_info *ji = sp_journal_get_info(j);
    if (!t->o->quiz && !plain_path(ji->quiz_path)) {
        char *shown = wrap_clean(ji->quiz_path, false);
        cli_error(_("the quiz of this session has control characters in its path (%s); give it "
                    "with --quiz"),
                  shown ? shown : "?");
        free(shown);
        rc = EXIT_NEGATIVE;
        goto done;
    }
    rc = open_quiz(t, t->o->quiz ? t->o->quiz : ji->quiz_path, t->o->lang ? t->o->lang : ji->lang);
    if (rc)
        goto done;
    char why[1024];
    int err = sp_journal_check_quiz(j, t->quiz, why, sizeof(why));
    if (err == 0)
        err = sp_journal_resume(j, t->quiz, &t->form, &t->s, why, sizeof(why));
    if (err) {
        cli_error("%s: %s", pick.path, err == SP_EINPUT ? why : sp_strerror(err));
        rc = err == SP_EINPUT ? EXIT_NEGATIVE : cli_exit_for(err);
        goto done;
    }
    t->info.started = ji->started;
    t->info.name = t->o->name;
    /* Adaptive as it was started: --adaptive on resume changes nothing. */
    t->adaptive = ji->adaptive || sp_quiz_manifest(t->quiz)->mode == SP_MODE_ADAPTIVE;
    if (t->adaptive && (err = adaptive_start(t)) != 0) {
        cli_error("%s", sp_strerror(err));
        rc = cli_exit_for(err);
        goto done;
    }
    if ((rc = resume_options(t, ji, pick.path)) != EXIT_OK)
        goto done;
    snprintf(t->journal, sizeof(t->journal), "%s", pick.path);
    t->lock = pick.lock; /* held until the end of the run */
    pick.lock = NULL;
    t->saved = t->save_ok = true; /* the journal on disk holds the session resumed */
    size_t done = sp_session_answered(t->s) + sp_session_skipped(t->s);
    if (t->adaptive)
        set_note(
            t, false,
            P_("Welcome back: %zu answered so far.", "Welcome back: %zu answered so far.", done),
            done);
    else
        set_note(t, false, _("Welcome back: %zu of %zu answered so far."), done,
                 sp_session_count(t->s));
done:
    take_pick_free(&pick);
    return rc;
}

/* ---- The end ----------------------------------------------------------------------------- */

/* Writes the result file; returns 0 or an SP_E* code after saying what went wrong. */
static int write_result(tui *t, const sp_outcome *out, char *path, size_t size)
{
    const sp_response *resp = t->adaptive ? t->ad_resp : sp_session_responses(t->s);
    sp_result_adaptive ad = {t->bounds, t->ad_stop, (uint32_t)t->ad_after, (uint32_t)t->ad_n};
    sp_result_meta meta = {t->info.lang, t->info.name, t->info.started, (int64_t)time(NULL),
                           t->adaptive ? &ad : NULL};
    int rc;
    if (t->o->out) {
        snprintf(path, size, "%s", t->o->out);
        rc = take_write_result(t->o, t->quiz, t->form, resp, out, &meta, path);
    } else {
        rc = take_write_result_new(t->o, t->quiz, t->form, resp, out, &meta, path, size);
    }
    return rc;
}

/* Waits for a key between result screens on a terminal; false to stop. */
static bool more(tui *t, const char *what)
{
    if (!prompt_is_tty() || !isatty(STDOUT_FILENO)) {
        fputc('\n', stdout);
        return true;
    }
    char text[256];
    snprintf(text, sizeof(text), _("Enter: %s \xC2\xB7 q: finish "), what);
    fprintf(stdout, "\n%s%s%s", t->k->bold, text, t->k->reset);
    fflush(stdout);
    int c = prompt_key("");
    bool go = c >= 0 && c != 'q' && c != 'Q' && c != 27;
    if (go)
        fputc('\n', stdout);
    return go;
}

/* Says whether the result was signed, and with which key: the taker should never have to
 * guess (a quiz resumed without its key used to end unsigned without a word). */
static void say_signed(tui *t, const screen_colors *k)
{
    sp_pubkey pub;
    char id[SP_KEYID_HEX_SIZE], line[256];
    if (t->o->seckey && sp_seckey_pubkey(t->o->seckey, &pub) == 0) {
        sp_keyid_format(pub.id, id);
        snprintf(line, sizeof(line), _("Signed with the key %s."), id);
    } else {
        snprintf(line, sizeof(line), "%s",
                 t->cmd->no_key ? _("Not signed: --no-key was given.")
                                : _("Not signed: no key was given (--key)."));
    }
    fprintf(stdout, "%s%s%s\n", t->o->seckey ? k->green : "", line, t->o->seckey ? k->reset : "");
}

/* The lines of the window on stdout, or 0 when it is not a terminal (nothing scrolls away). */
static int terminal_rows(void)
{
    struct winsize ws;
    if (!isatty(STDOUT_FILENO))
        return 0;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0)
        return ws.ws_row;
    return 24;
}

static void show_result(tui *t, const sp_outcome *out, const char *path)
{
    bool color = cli_use_color(stdout);
    int w = wrap_terminal_width(STDOUT_FILENO), rows = terminal_rows();
    /* The path on a line of its own when it would not fit beside the label. */
    bool apart =
        wrap_width(_("Result saved: ")) + wrap_width(path) > (w > MAX_WIDTH ? MAX_WIDTH : w);
    /* Under the first screen: a blank line, where the result is saved (one or two lines),
     * whether it is signed, a blank line and the prompt. */
    rows = rows > 0 ? rows - (apart ? 6 : 5) : 0;
    screen_ctx c = {.out = stdout,
                    .width = w > MAX_WIDTH ? MAX_WIDTH : w,
                    .rows = rows > 0 ? rows : 0,
                    .color = color,
                    .lang = t->info.lang,
                    .quiz = t->quiz,
                    .form = t->form,
                    .resp = t->adaptive ? t->ad_resp : sp_session_responses(t->s),
                    .nresp = t->adaptive ? t->ad_n : sp_session_count(t->s),
                    .outcome = out};
    const screen_colors *k = screen_colors_for(color);
    if (t->tty && isatty(STDOUT_FILENO))
        fputs("\033[H\033[2J", stdout);
    screen_summary(&c);
    char *shown = wrap_clean(path, false);
    fprintf(stdout, "\n%s%s%s%s%s\n", k->bold, _("Result saved: "), apart ? "\n  " : "",
            shown ? shown : "?", k->reset);
    free(shown);
    say_signed(t, k);
    if (!more(t, _("details")))
        return;
    pager pg; /* the details and the review are long: paged (c was measured before) */
    bool paged = pager_start(&pg);
    screen_details(&c);
    if (paged)
        pager_stop(&pg);
    if (!more(t, _("knowledge review")))
        return;
    paged = pager_start(&pg);
    screen_review(&c);
    if (paged)
        pager_stop(&pg);
}

static int finish(tui *t)
{
    sp_outcome out;
    char path[PATH_MAX];
    const sp_response *resp = t->adaptive ? t->ad_resp : sp_session_responses(t->s);
    size_t n = t->adaptive ? t->ad_n : sp_session_count(t->s);
    int rc = t->adaptive && t->ad_stop == SP_STOP_NO ? SP_EINVAL : 0;
    if (rc == 0)
        rc = sp_score(sp_quiz_directions(t->quiz), &sp_quiz_manifest(t->quiz)->scoring, resp, n,
                      &out);
    if (rc) {
        cli_error("%s", sp_strerror(rc));
        return EXIT_INTERNAL;
    }
    if ((rc = write_result(t, &out, path, sizeof(path))) != 0) {
        if (t->save_ok && rc == SP_EEXIST)
            cli_error("%s", _("your answers are kept: run signpost take --resume with --out and "
                              "another file, or with --force to replace it"));
        else if (t->save_ok)
            cli_error("%s", _("your answers are kept: run signpost take --resume to try again"));
        else if (t->saved)
            cli_error("%s", _("your latest answers could not be saved; run signpost take "
                              "--resume to go on from the last one saved"));
        return cli_exit_for(rc);
    }
    if (t->journal[0])
        unlink(t->journal);
    sp_journal_release(t->lock, true); /* after the journal: never a journal without its lock */
    t->lock = NULL;
    sp_result_adaptive ad = {t->bounds, t->ad_stop, (uint32_t)t->ad_after, (uint32_t)t->ad_n};
    if (t->o->json)
        cli_outcome_json(t->quiz, sp_form_seed(t->form), t->info.lang, &out, resp,
                         t->adaptive ? &ad : NULL, path);
    else
        show_result(t, &out, path);
    return EXIT_OK;
}

static int quit(tui *t)
{
    char buf[512];
    size_t n = sp_session_count(t->s), at = sp_session_position(t->s) + 1;
    fputc('\n', t->ui);
    t->width = wrap_terminal_width(fileno(t->ui));
    /* A quiz quit before its first answer (or skip) has nothing to resume: no journal. */
    if (t->saved || sp_session_answered(t->s) + sp_session_skipped(t->s) > 0)
        save(t);
    sp_journal_release(t->lock, true); /* the lock file goes too */
    t->lock = NULL;
    if (!t->saved) {
        para(t, _("Stopped. Nothing was saved."), 0, NULL);
        return EXIT_UNFINISHED;
    }
    size_t done = sp_session_answered(t->s) + sp_session_skipped(t->s);
    if (t->save_ok && t->adaptive)
        /* An adaptive quiz has no fixed length: the form's count would overstate what is
         * left. */
        snprintf(buf, sizeof(buf),
                 P_("Stopped after %zu question. Your answers are saved; to continue, run:",
                    "Stopped after %zu questions. Your answers are saved; to continue, run:", done),
                 done);
    else if (t->save_ok)
        snprintf(buf, sizeof(buf),
                 _("Stopped at question %zu of %zu. Your answers are saved; "
                   "to continue, run:"),
                 at > n ? n : at, n);
    else
        snprintf(buf, sizeof(buf), "%s",
                 _("Stopped. Your latest answers could not be saved; to "
                   "continue from the last one saved, run:"));
    para(t, buf, 0, NULL);
    /* --force is not recorded in the journal (it must be meant each time): a session that was
     * told to replace its --out is told how to say it again. */
    const char *again =
        t->o->force && t->o->out ? "signpost take --resume --force" : "signpost take --resume";
    fprintf(t->ui, "  %s%s%s\n", t->k->bold, again, t->k->reset);
    return EXIT_UNFINISHED;
}

int take_interactive(const take_opts *o)
{
    if (o->resume && o->has_seed)
        return cli_usage_error("take", "%s",
                               _("--resume goes on with the seed of the quiz it resumes; "
                                 "--seed does not go with it"));
    take_opts run_opts = *o;
    tui t = {.o = &run_opts, .cmd = o};
    prompt_begin(commands);
    t.ui = prompt_ui();
    t.tty = prompt_ui_is_tty() && getenv("TERM") && strcmp(getenv("TERM"), "dumb") != 0;
    t.k = screen_colors_for(cli_use_color(t.ui));
    if (o->lang)
        cli_use_language(o->lang); /* before the first message, when the language is given */
    int rc = o->resume ? start_resume(&t) : start_new(&t);
    if (rc)
        goto done;
    if (!o->resume && !intro(&t)) {
        rc = quit(&t);
        goto done;
    }
    if (!t.journal[0] && !t.journal_failed)
        start_journal(&t);
    step st = run(&t);
    if (st == STEP_DONE)
        rc = finish(&t);
    else if ((rc = quit(&t)) == EXIT_UNFINISHED && st == STEP_BAD)
        rc = EXIT_NEGATIVE; /* the input was wrong, not merely short */
done:
    prompt_end();
    sp_journal_release(t.lock, true);
    if (run_opts.seckey != o->seckey)
        sp_seckey_free(run_opts.seckey); /* opened for the key of a resumed quiz */
    for (size_t i = 0; i < sizeof(t.own) / sizeof(t.own[0]); i++)
        free(t.own[i]);
    free(t.asked);
    free(t.ad_resp);
    sp_session_free(t.s);
    sp_form_free(t.form);
    sp_quiz_free(t.quiz);
    return cli_finish(rc);
}
