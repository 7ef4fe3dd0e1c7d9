/* The screens that show an outcome (screen.h). */
#include "screen.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "signpost/load.h"
#include "wrap.h"

/* Most topics listed under "what to learn next". */
#define MAX_TOPICS 6

const screen_colors *screen_colors_for(bool color)
{
    static const screen_colors on = {"\033[1m",  "\033[2m",  "\033[32m", "\033[33m",
                                     "\033[31m", "\033[36m", "\033[0m"};
    static const screen_colors off = {"", "", "", "", "", "", ""};
    return color ? &on : &off;
}

static const screen_colors *colors(const screen_ctx *c)
{
    return screen_colors_for(c->color);
}

static const char *tr(const screen_ctx *c, const sp_text *t)
{
    const char *s = sp_text_get(t, c->lang);
    return s ? s : "";
}

static const sp_direction *direction(const screen_ctx *c, int d)
{
    return &sp_quiz_directions(c->quiz)->items[d];
}

/* Prints text as st says, with Han and Latin spaced apart: the screens' sentences put names
 * and figures into translated text, and "关于Agent" would run the two together. */
static int print_spaced(const screen_ctx *c, const char *text, const wrap_style *st)
{
    char *spaced = wrap_space_han(text);
    int lines = wrap_print(c->out, spaced ? spaced : text, st);
    free(spaced);
    return lines;
}

/* A paragraph indented by indent columns; returns its lines. */
static int para(const screen_ctx *c, const char *text, int indent)
{
    wrap_style st = {c->width, indent, NULL, NULL, NULL};
    return print_spaced(c, text, &st);
}

/* A paragraph after a lead such as "  • " (trusted text), continued under the text. */
static int item(const screen_ctx *c, const char *lead, const char *text, const char *on)
{
    wrap_style st = {c->width, wrap_width(lead), lead, on, on && *on ? colors(c)->reset : NULL};
    return print_spaced(c, text, &st);
}

/* A heading in bold, wrapped: a quiz's title or a direction's name is read in full. */
static int heading(const screen_ctx *c, const char *text)
{
    const char *bold = colors(c)->bold;
    wrap_style st = {c->width, 0, NULL, bold, *bold ? colors(c)->reset : NULL};
    return print_spaced(c, text, &st);
}

static int blank(const screen_ctx *c)
{
    fputc('\n', c->out);
    return 1;
}

/* The first sentence of text (up to ". ", "。", "！" or "？"), copied into buf. */
static const char *first_sentence(const char *text, char *buf, size_t size)
{
    static const char *const ends[] = {". ", "\xE3\x80\x82", "\xEF\xBC\x81", "\xEF\xBC\x9F"};
    size_t n = strlen(text);
    for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        const char *e = strstr(text, ends[i]);
        size_t len = e ? (size_t)(e - text) + (i == 0 ? 1 : strlen(ends[i])) : n;
        if (len < n)
            n = len;
    }
    snprintf(buf, size, "%.*s", (int)n, text);
    return buf;
}

/* ---- The first screen -------------------------------------------------------------------- */

static const char *level_text(const sp_outcome *o)
{
    switch (o->level) {
    case SP_LEVEL_ENTRY: return _("entry (0 to 6 months into the learning path)");
    case SP_LEVEL_ADVANCED: return _("advanced (6 to 18 months into the learning path)");
    case SP_LEVEL_PROFESSIONAL: return _("professional (18 to 36 months into the learning path)");
    case SP_LEVEL_EXPERT: return _("expert (36 months and more into the learning path)");
    case SP_LEVEL_UNKNOWN: break;
    }
    if (o->answered == 0)
        return _("not measured (no question was answered)");
    return _("not measured (no knowledge question was asked)");
}

/* "A and B", "A, B and C": the names of the top direction and the near-tied ones. */
static void tied_names(const screen_ctx *c, char *buf, size_t size)
{
    const sp_outcome *o = c->outcome;
    size_t n = 1 + o->nnear_tie, used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++) {
        const sp_direction *d = direction(c, i == 0 ? o->primary : o->near_tie[i - 1]);
        const char *sep = i == 0 ? "" : i + 1 == n ? _(" and ") : _(", ");
        int k = snprintf(buf + used, size - used, "%s%s", sep, tr(c, &d->name));
        used += k > 0 ? (size_t)k : 0;
    }
}

/* What would tell the tied directions apart: the first sentence of each one's summary, in
 * full (a cut sentence would hide what the near tie is about). */
static int apart(const screen_ctx *c, size_t n)
{
    const sp_outcome *o = c->outcome;
    int lines = 0;
    for (size_t i = 0; i < n; i++) {
        const sp_direction *d = direction(c, i == 0 ? o->primary : o->near_tie[i - 1]);
        char name[128], label[160], lead[168], first[1024];
        wrap_shorten(tr(c, &d->short_name), 16, name, sizeof(name));
        /* TRANSLATORS: a direction's short name before the first sentence of its summary. */
        snprintf(label, sizeof(label), _("%s: "), name);
        snprintf(lead, sizeof(lead), "  %s", label);
        first_sentence(tr(c, &d->summary), first, sizeof(first));
        wrap_style st = {c->width, 4, lead, NULL, NULL};
        lines += wrap_print(c->out, first, &st);
    }
    return lines;
}

/* How many items of the quiz were not asked: more than that cannot be asked of anyone. */
static size_t items_left(const screen_ctx *c)
{
    size_t all = 0;
    for (size_t b = 0; b < sp_quiz_bank_count(c->quiz); b++)
        all += sp_quiz_bank(c->quiz, b)->nquestions;
    return all > c->nresp ? all - c->nresp : 0;
}

/* The near tie: the statement (in bold), then what would tell the directions apart, listed
 * when list, else pointed to in the details (the profiles there say it in full). */
static int near_tie(const screen_ctx *c, bool list)
{
    const sp_outcome *o = c->outcome;
    const screen_colors *k = colors(c);
    char buf[1024], names[512];
    size_t n = o->nnear_tie + 1 > 3 ? 3 : o->nnear_tie + 1;
    tied_names(c, names, sizeof(names));
    if (o->settle > 0 && o->settle < SP_SETTLE_MAX && o->settle <= items_left(c))
        snprintf(buf, sizeof(buf),
                 P_("%s are too close to call on these answers: about %u more question would "
                    "settle it.",
                    "%s are too close to call on these answers: about %u more questions would "
                    "settle it.",
                    o->settle),
                 names, o->settle);
    else if (o->settle > 0)
        snprintf(buf, sizeof(buf),
                 _("%s are too close to call on these answers, and more questions would hardly "
                   "settle it."),
                 names);
    else
        snprintf(buf, sizeof(buf), _("%s fit you almost equally: the quiz cannot separate them."),
                 names);
    fputs(k->bold, c->out);
    int lines = para(c, buf, 0);
    fputs(k->reset, c->out);
    if (!list)
        return lines + para(c,
                            _("What would tell them apart is which work you would rather do: "
                              "their profiles in the details say what each one involves."),
                            0);
    lines += para(c, _("What would tell them apart is which of this work you would rather do:"), 0);
    return lines + apart(c, n);
}

static int recommendation(const screen_ctx *c, bool list)
{
    const sp_outcome *o = c->outcome;
    const screen_colors *k = colors(c);
    char buf[1024], names[512];
    if (o->primary < 0)
        return para(c,
                    _("Nothing could be measured: no question was answered. Take the quiz "
                      "again to get a recommendation."),
                    0);
    const sp_direction *top = direction(c, o->primary);
    if (o->flat) {
        int lines = para(c,
                         o->flat == SP_FLAT_SAME_LIKERT
                             ? _("You gave every statement the same rating, so the quiz "
                                 "cannot tell what you prefer; no direction is picked.")
                             : _("No direction stands out: your fits are all close to each "
                                 "other, so no direction is picked."),
                         0);
        snprintf(buf, sizeof(buf),
                 o->flat == SP_FLAT_SAME_LIKERT
                     ? _("The closest is %s. Read its profile below, and take the quiz again "
                         "using the whole scale.")
                     : _("The closest is %s. Read its profile below next to those of the "
                         "directions just under it, and ask which work you would rather do."),
                 tr(c, &top->name));
        return lines + para(c, buf, 0);
    }
    if (o->nnear_tie)
        return near_tie(c, list);
    snprintf(buf, sizeof(buf), "%s%s", _("Your best fit: "), tr(c, &top->name));
    int lines = item(c, "", buf, k->green);
    first_sentence(tr(c, &top->summary), names, sizeof(names));
    return lines + para(c, names, 0);
}

/* One bar of the chart: label, bar, value. */
static void bar(const screen_ctx *c, int d, int labelw, int barw, bool strong)
{
    const sp_outcome *o = c->outcome;
    const sp_dir_score *s = &o->scores[d];
    const screen_colors *k = colors(c);
    fputs("  ", c->out);
    wrap_pad(c->out, tr(c, &direction(c, d)->short_name), labelw);
    fputc(' ', c->out);
    if (!s->has_interest && !s->has_aptitude) {
        fprintf(c->out, "%s%s%s\n", k->dim, _("not measured"), k->reset);
        return;
    }
    double fit = s->fit < 0 ? 0 : s->fit > 1 ? 1 : s->fit;
    int fill = (int)lround(fit * barw);
    const char *full = wrap_utf8() ? "\u2588" : "#";
    const char *empty = wrap_utf8() ? "\u2591" : ".";
    fputs(strong ? k->green : k->cyan, c->out);
    for (int i = 0; i < barw; i++) {
        if (i == fill)
            fputs(k->dim, c->out);
        fputs(i < fill ? full : empty, c->out);
    }
    fprintf(c->out, "%s %.2f\n", k->reset, s->fit);
}

static int chart(const screen_ctx *c)
{
    const sp_outcome *o = c->outcome;
    int labelw = 4;
    for (uint32_t d = 0; d < o->ndirs; d++) {
        int w = wrap_width(tr(c, &direction(c, d)->short_name));
        labelw = w > labelw ? w : labelw;
    }
    int cap = c->width < 60 ? 12 : 16;
    labelw = labelw > cap ? cap : labelw;
    int barw = c->width - 2 - labelw - 1 - 5;
    barw = barw > 40 ? 40 : barw < 5 ? 5 : barw;
    /* How many answers the fits rest on, beside the heading: a line more for a near tie. */
    char head[256], count[128];
    snprintf(count, sizeof(count), _("%u of %zu questions answered, %u skipped"), o->answered,
             c->nresp, o->skipped);
    snprintf(head, sizeof(head), "%s %s %s", _("Fit by direction"), wrap_utf8() ? "\xC2\xB7" : "-",
             count);
    int lines = heading(c, head);
    for (uint32_t i = 0; i < o->nranked; i++)
        bar(c, o->ranking[i], labelw, barw, i <= o->nnear_tie && !o->flat);
    lines += (int)o->nranked;
    for (uint32_t d = 0; d < o->ndirs; d++) {
        if (!o->scores[d].has_interest && !o->scores[d].has_aptitude) {
            bar(c, (int)d, labelw, barw, false);
            lines++;
        }
    }
    return lines;
}

/* The first screen, with the near tie's list or a pointer to the details instead. */
static int summary(const screen_ctx *c, bool list)
{
    const sp_outcome *o = c->outcome;
    char buf[512];
    snprintf(buf, sizeof(buf), "%s \xC2\xB7 %s", _("Your result"),
             tr(c, &sp_quiz_manifest(c->quiz)->title));
    if (!wrap_utf8())
        snprintf(buf, sizeof(buf), "%s - %s", _("Your result"),
                 tr(c, &sp_quiz_manifest(c->quiz)->title));
    int lines = heading(c, buf) + blank(c);
    lines += recommendation(c, list) + blank(c);
    lines += chart(c) + blank(c);
    snprintf(buf, sizeof(buf), "%s%s", _("Level: "), level_text(o));
    return lines + para(c, buf, 0);
}

int screen_summary(const screen_ctx *c)
{
    if (c->rows <= 0 || !c->outcome->nnear_tie || c->outcome->flat || c->outcome->primary < 0)
        return summary(c, true);
    /* Laid out first aside: the near tie's list stays when the whole screen fits in rows. */
    char *text = NULL;
    size_t len = 0;
    screen_ctx aside = *c;
    aside.out = open_memstream(&text, &len);
    int lines = aside.out ? summary(&aside, true) : c->rows + 1;
    if (aside.out)
        fclose(aside.out);
    if (text && lines <= c->rows)
        fputs(text, c->out);
    else
        lines = summary(c, false);
    free(text);
    return lines;
}

/* ---- Answers in words -------------------------------------------------------------------- */

const char *screen_likert_word(int v)
{
    switch (v) {
    case 1: return _("strongly disagree");
    case 2: return _("disagree");
    case 3: return _("neither agree nor disagree");
    case 4: return _("agree");
    case 5: return _("strongly agree");
    }
    return "";
}

/* The option shown at position i: it->shown[i], or the bank's i-th without a form item. */
static uint32_t option_at(const sp_form_item *it, uint32_t i)
{
    return it ? it->shown[i] : i;
}

char screen_letter(const sp_form_item *it, const sp_question *q, uint32_t o)
{
    (void)q;
    if (it)
        for (uint32_t i = 0; i < SP_MAX_OPTIONS; i++)
            if (it->shown[i] == o)
                return (char)('a' + i);
    return (char)('a' + o);
}

char *screen_answer_text(const sp_form_item *it, const sp_question *q, const sp_answer *a,
                         const char *lang, int cols, char *buf, size_t size)
{
    char raw[1024];
    if (a->state != SP_ANSWER_GIVEN) {
        snprintf(raw, sizeof(raw), "%s", a->state == SP_ANSWER_SKIP ? _("skipped") : "-");
    } else if (q->kind == SP_KIND_LIKERT) {
        snprintf(raw, sizeof(raw), _("%u (%s)"), a->value, screen_likert_word(a->value));
    } else {
        /* In letter order, as the options were shown: "a) ...; c) ...". */
        size_t used = 0;
        raw[0] = '\0';
        for (uint32_t i = 0; i < q->noptions && used < sizeof(raw); i++) {
            uint32_t o = option_at(it, i);
            if (!(a->chosen & (1u << o)))
                continue;
            const char *t = sp_text_get(&q->options[o].text, lang);
            int k = snprintf(raw + used, sizeof(raw) - used, "%s%c) %s", used ? "; " : "",
                             (char)('a' + i), t ? t : "");
            used += k > 0 ? (size_t)k : 0;
        }
    }
    if (cols <= 0) {
        snprintf(buf, size, "%s", raw);
        return buf;
    }
    return wrap_shorten(raw, cols, buf, size);
}

/* ---- Details ----------------------------------------------------------------------------- */

static const sp_form_item *form_item(const screen_ctx *c, const sp_question *q)
{
    if (!c->form)
        return NULL;
    long i = sp_form_find(c->form, q->id);
    return i < 0 ? NULL : sp_form_item_at(c->form, (size_t)i);
}

static void drivers(const screen_ctx *c)
{
    const sp_outcome *o = c->outcome;
    const screen_colors *k = colors(c);
    char buf[1280], ans[1024];
    if (o->primary < 0 || o->ndrivers == 0)
        return;
    const char *name = tr(c, &direction(c, o->primary)->short_name);
    if (o->flat || o->nnear_tie)
        snprintf(buf, sizeof(buf), _("The answers that moved %s most"), name);
    else
        snprintf(buf, sizeof(buf), _("Why %s: the answers that counted most"), name);
    heading(c, buf);
    /* Each reason in full, under a bullet with a hanging indent: cut to one line, a question
     * says nothing at 60 columns. */
    const char *dot = wrap_utf8() ? "  \u2022 " : "  * ";
    for (uint32_t i = 0; i < o->ndrivers; i++) {
        const sp_response *r = &c->resp[o->drivers[i].response];
        item(c, dot, tr(c, &r->q->text), NULL);
        screen_answer_text(form_item(c, r->q), r->q, &r->a, c->lang, 0, ans, sizeof(ans));
        snprintf(buf, sizeof(buf), "%s%s", _("you answered: "), ans);
        wrap_style st = {c->width, 4, NULL, k->dim, *k->dim ? k->reset : NULL};
        wrap_print(c->out, buf, &st);
    }
    blank(c);
}

static void labelled(const screen_ctx *c, const char *label, const sp_text *t)
{
    const char *s = tr(c, t);
    if (!*s)
        return;
    fprintf(c->out, "  %s%s%s\n", colors(c)->bold, label, colors(c)->reset);
    para(c, s, 4);
}

/* One of the three first steps: "1. Build: text", continued under the text. */
static void step(const screen_ctx *c, int n, const char *label, const sp_text *t)
{
    char lead[128], text[4096];
    snprintf(lead, sizeof(lead), "    %d. ", n);
    snprintf(text, sizeof(text), "%s%s", label, tr(c, t));
    item(c, lead, text, NULL);
}

static void profile(const screen_ctx *c, int d)
{
    const sp_direction *dir = direction(c, d);
    char buf[512];
    snprintf(buf, sizeof(buf), _("About %s"), tr(c, &dir->name));
    heading(c, buf);
    para(c, tr(c, &dir->summary), 2);
    labelled(c, _("Who it suits"), &dir->suits);
    if (dir->skills.count) {
        fprintf(c->out, "  %s%s%s\n", colors(c)->bold, _("Skills to build first"),
                colors(c)->reset);
        for (uint32_t i = 0; i < dir->skills.count && i < 3; i++) {
            char lead[16];
            snprintf(lead, sizeof(lead), "    %u. ", i + 1);
            item(c, lead, tr(c, &dir->skills.items[i]), NULL);
        }
    }
    if (sp_text_get(&dir->step_project, c->lang)) {
        fprintf(c->out, "  %s%s%s\n", colors(c)->bold, _("Three first steps"), colors(c)->reset);
        step(c, 1, _("Project: "), &dir->step_project);
        step(c, 2, _("Tool: "), &dir->step_tool);
        step(c, 3, _("Reading: "), &dir->step_read);
    }
    blank(c);
}

/* True when knowledge item q measures direction d. */
static bool measures(const sp_question *q, int d)
{
    for (uint32_t k = 0; k < q->nkeys; k++)
        if (q->keys[k].dir_index == d)
            return true;
    return false;
}

/* Collects the topics of missed knowledge items, those measuring the top direction first,
 * without repeats. */
static size_t missed_topics(const screen_ctx *c, const char **out, size_t max, size_t *asked)
{
    size_t n = 0;
    *asked = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < c->nresp; i++) {
            const sp_question *q = c->resp[i].q;
            if (q->kind != SP_KIND_KNOWLEDGE)
                continue;
            *asked += pass == 0;
            bool top = measures(q, c->outcome->primary);
            const char *t = sp_text_get(&q->topic, c->lang);
            if (!t || (pass == 0) != top || sp_knowledge_credit(q, &c->resp[i].a) >= 1)
                continue;
            bool seen = false;
            for (size_t k = 0; k < n && !seen; k++)
                seen = strcmp(out[k], t) == 0;
            if (!seen && n < max)
                out[n++] = t;
        }
    }
    return n;
}

static void learn_next(const screen_ctx *c)
{
    const char *topics[MAX_TOPICS];
    size_t asked;
    size_t n = missed_topics(c, topics, MAX_TOPICS, &asked);
    if (!asked || c->outcome->answered == 0)
        return; /* nothing answered says nothing of what to learn */
    heading(c, _("What to learn next"));
    if (n == 0) {
        para(c,
             _("You missed no knowledge question that names a topic: go on with the skills "
               "above."),
             2);
        return;
    }
    const char *dot = wrap_utf8() ? "  \u2022 " : "  * ";
    for (size_t i = 0; i < n; i++)
        item(c, dot, topics[i], NULL);
}

void screen_details(const screen_ctx *c)
{
    const sp_outcome *o = c->outcome;
    drivers(c);
    if (o->primary >= 0)
        profile(c, o->primary);
    for (uint32_t i = 0; i < o->nnear_tie && i < 2; i++)
        profile(c, o->near_tie[i]);
    learn_next(c);
}

/* ---- Knowledge review -------------------------------------------------------------------- */

/* Prints the options of mask (bits of q->options) under a label, one a line. */
static void options_under(const screen_ctx *c, const sp_form_item *it, const sp_question *q,
                          uint32_t mask, const char *label, int labelw)
{
    char lead[256];
    bool first = true;
    /* In a narrow window the options go under the label rather than beside it. */
    bool narrow = c->width < 60;
    if (narrow && mask) {
        fprintf(c->out, "    %s\n", label);
        labelw = 2;
    }
    for (uint32_t i = 0; i < q->noptions; i++) { /* in letter order */
        uint32_t o = option_at(it, i);
        if (!(mask & (1u << o)))
            continue;
        const char *shown = first && !narrow ? label : "";
        snprintf(lead, sizeof(lead), "    %s%*s%c) ", shown, labelw - wrap_width(shown), "",
                 (char)('a' + i));
        wrap_style st = {c->width, 4 + labelw + 3, lead, NULL, NULL};
        wrap_print(c->out, sp_text_get(&q->options[o].text, c->lang), &st);
        first = false;
    }
    if (first)
        fprintf(c->out, "    %s%*s%s\n", label, labelw - wrap_width(label), "", _("skipped"));
}

static void review_one(const screen_ctx *c, size_t number, const sp_response *r)
{
    const screen_colors *k = colors(c);
    const sp_question *q = r->q;
    const sp_form_item *it = form_item(c, q);
    double credit = sp_knowledge_credit(q, &r->a);
    const char *verdict = r->a.state != SP_ANSWER_GIVEN ? _("skipped")
                          : credit >= 1                 ? _("right")
                          : credit > 0                  ? _("partly right")
                                                        : _("wrong");
    const char *col = r->a.state != SP_ANSWER_GIVEN ? k->dim
                      : credit >= 1                 ? k->green
                      : credit > 0                  ? k->yellow
                                                    : k->red;
    char lead[128];
    snprintf(lead, sizeof(lead), "%2zu. %s[%s]%s ", number, col, verdict, k->reset);
    wrap_style st = {c->width, 4, lead, NULL, NULL};
    wrap_print(c->out, tr(c, &q->text), &st);
    const char *yours = _("Your answer:"), *right = _("Correct:");
    int labelw = wrap_width(yours) > wrap_width(right) ? wrap_width(yours) : wrap_width(right);
    labelw += 1;
    options_under(c, it, q, r->a.state == SP_ANSWER_GIVEN ? r->a.chosen : 0, yours, labelw);
    options_under(c, it, q, q->answer, right, labelw);
    if (sp_text_get(&q->explain, c->lang)) {
        wrap_style ex = {c->width, 4, NULL, k->dim, *k->dim ? k->reset : NULL};
        wrap_print(c->out, tr(c, &q->explain), &ex);
    }
    if (credit < 1 && sp_text_get(&q->topic, c->lang)) {
        char buf[512];
        snprintf(buf, sizeof(buf), "%s%s", _("To study: "), tr(c, &q->topic));
        para(c, buf, 4);
    }
    blank(c);
}

bool screen_review(const screen_ctx *c)
{
    size_t asked = 0, right = 0;
    for (size_t i = 0; i < c->nresp; i++) {
        if (c->resp[i].q->kind != SP_KIND_KNOWLEDGE)
            continue;
        asked++;
        right += sp_knowledge_credit(c->resp[i].q, &c->resp[i].a) >= 1;
    }
    if (!asked)
        return false;
    char buf[256];
    snprintf(buf, sizeof(buf), _("Knowledge questions: %zu of %zu right"), right, asked);
    heading(c, buf);
    blank(c);
    size_t number = 0;
    for (size_t i = 0; i < c->nresp; i++)
        if (c->resp[i].q->kind == SP_KIND_KNOWLEDGE)
            review_one(c, ++number, &c->resp[i]);
    return true;
}
