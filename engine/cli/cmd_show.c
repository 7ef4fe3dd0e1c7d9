/* signpost show: a result as a reader sees it — what verify says of it, then the ranking,
 * the recommendation, the level and what drove it; or as JSON, or as an SVG share card. */
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

#include "cli.h"
#include "outcome.h"
#include "pager.h"
#include "safe.h"
#include "screen.h"
#include "show.h"
#include "wrap.h"
#include "base/util.h"

enum { OPT_JSON = 256, OPT_SVG, OPT_NO_PAGER };

/* Cells of the bar chart for a fit of 1. */
#define BAR_CELLS 24
/* Columns for a direction's name in the chart. */
#define NAME_COLS 36

typedef struct show_opts {
    verifier_args args;
    bool json;
    bool svg;
    bool no_pager;
    const char *lang; /* --lang, or NULL */
    const char *file;
} show_opts;

static int parse_options(int argc, char **argv, show_opts *o)
{
    static const struct option longopts[] = {
        {"public", required_argument, NULL, 'p'},
        {"public-key", required_argument, NULL, 'P'},
        {"quiz", required_argument, NULL, 'q'},
        {"lang", required_argument, NULL, 'l'},
        {"json", no_argument, NULL, OPT_JSON},
        {"svg", no_argument, NULL, OPT_SVG},
        {"no-pager", no_argument, NULL, OPT_NO_PAGER},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c, rc;
    while ((c = getopt_long(argc, argv, ":p:P:q:l:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'p':
        case 'P':
        case 'q':
            if ((rc = verifier_arg(&o->args, c, optarg, "show")) != EXIT_OK)
                return rc;
            break;
        case 'l': o->lang = optarg; break;
        case OPT_JSON: o->json = true; break;
        case OPT_SVG: o->svg = true; break;
        case OPT_NO_PAGER: o->no_pager = true; break;
        case 'h': return -1;
        case ':': return cli_usage_error("show", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("show", argv[optind - 1]);
        }
    }
    if (o->json && o->svg)
        return cli_usage_error("show", _("--json and --svg do not go together"));
    if (optind >= argc)
        return cli_usage_error("show", _("name the result file to show"));
    if (optind + 1 < argc)
        return cli_usage_error("show", _("show takes one file, not '%s' too"), argv[optind + 1]);
    o->file = argv[optind];
    return 0;
}

/* ---- The view -------------------------------------------------------------------------------- */

const char *show_dir_name(const show_view *s, const char *id, bool want_short)
{
    int d = s->dirs ? sp_directions_find(s->dirs, id) : -1;
    if (d < 0)
        return id;
    const sp_direction *dir = &s->dirs->items[d];
    const char *name = sp_text_get(want_short ? &dir->short_name : &dir->name, s->lang);
    return name ? name : id;
}

const sp_result_score *show_score(const show_view *s, const char *id)
{
    for (size_t i = 0; i < sp_result_score_count(s->r); i++)
        if (strcmp(sp_result_score_at(s->r, i)->dir, id) == 0)
            return sp_result_score_at(s->r, i);
    return NULL;
}

/* Translated, as the rest of the card's foot is. */
const char *show_verdict_words(const sp_verify_report *rep)
{
    /* TRANSLATORS: the verdict on a result, in a few words, on its share card. */
    static const char *const words[] = {N_("verified"),
                                        N_("signature verified; scores not replayed"),
                                        N_("signature verified; scores only partly replayed"),
                                        N_("intact; signer not trusted here"),
                                        N_("not signed"),
                                        N_("malformed"),
                                        N_("signed by a key not trusted here"),
                                        N_("unsupported signature"),
                                        N_("altered after signing"),
                                        N_("trusted comment altered"),
                                        N_("not a signed result"),
                                        N_("trusted comment disagrees with the result"),
                                        N_("misnames the quiz it was taken with"),
                                        N_("scores do not follow from the answers"),
                                        N_("names another signer than the one who signed")};
    _Static_assert(SP_ARRAY_LEN(words) == SP_VERDICT_COUNT, "words for every verdict");
    if (rep->verdict == SP_VERDICT_VERIFIED && rep->trust == SP_TRUST_YOURS)
        /* TRANSLATORS: on the share card, for a result the viewer signed with their own key. */
        return _("verified (your own key)");
    if (rep->verdict == SP_VERDICT_NO_BANKS && !rep->accepted)
        return _("scores could not be replayed");
    if (rep->verdict == SP_VERDICT_PARTLY_REPLAYED && !rep->accepted)
        return _("scores could not be replayed in full");
    return (unsigned)rep->verdict < SP_ARRAY_LEN(words) ? _(words[rep->verdict]) : "?";
}

/* The time as results record it (iso), or for reading: "2026-11-23 18:04 UTC". */
static void format_time(int64_t t, bool iso, char out[40])
{
    time_t tt = (time_t)t;
    struct tm tm;
    snprintf(out, 40, "?");
    if (gmtime_r(&tt, &tm) && iso)
        strftime(out, 40, "%Y-%m-%dT%H:%M:%SZ", &tm);
    else if (gmtime_r(&tt, &tm))
        strftime(out, 40, "%Y-%m-%d %H:%M UTC", &tm);
}

/* ---- Text ------------------------------------------------------------------------------------ */

static void put(const char *s)
{
    safe_fputs(s, stdout);
}

/* Prints one line made safe (safe.h), whatever its arguments hold, and a newline. */
static void put_line(const char *fmt, ...) SP_PRINTF(1, 2);
static void put_line(const char *fmt, ...)
{
    va_list ap;
    sp_buf b = {0};
    va_start(ap, fmt);
    sp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    put(sp_buf_str(&b) ? sp_buf_str(&b) : _("out of memory"));
    putchar('\n');
    sp_buf_free(&b);
}

/* Prints a paragraph wrapped to the view's width (wrap.h neutralises it), whatever its
 * arguments hold. */
static void put_para(const show_view *s, const char *fmt, ...) SP_PRINTF(2, 3);
static void put_para(const show_view *s, const char *fmt, ...)
{
    va_list ap;
    sp_buf b = {0};
    va_start(ap, fmt);
    sp_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    wrap_style st = {s->width, 0, NULL, NULL, NULL};
    wrap_print(stdout, sp_buf_str(&b) ? sp_buf_str(&b) : _("out of memory"), &st);
    sp_buf_free(&b);
}

/* An adaptive result says why its quiz stopped, as take's end screen did, and whether the
 * taker went on answering. */
static void print_adaptive(const show_view *s)
{
    const sp_result_adaptive *ad = sp_result_adaptive_info(s->r);
    if (!ad)
        return;
    char buf[512];
    cli_adaptive_stop_text(ad->stop, ad->after, &ad->bounds, buf, sizeof(buf));
    put_para(s, "%s", buf);
    uint32_t more = ad->asked > ad->after ? ad->asked - ad->after : 0;
    if (more)
        put_para(s,
                 P_("%u more question was answered after that.",
                    "%u more questions were answered after that.", more),
                 more);
}

static void print_heading(const show_view *s)
{
    const sp_result_source *q = sp_result_quiz(s->r);
    const char *name = sp_result_name(s->r);
    char when[40];
    format_time(sp_result_finished(s->r), false, when);
    putchar('\n');
    if (name)
        /* TRANSLATORS: the quiz id and version, the taker's name, when the quiz was finished
         * ("2026-11-23 18:04 UTC") and the language it was taken in ("en", "zh"). */
        put_para(s, _("Quiz %s %s, taken by %s, finished %s, language %s"), q->id, q->version, name,
                 when, sp_result_lang(s->r));
    else
        /* TRANSLATORS: the quiz id and version, when the quiz was finished ("2026-11-23 18:04
         * UTC") and the language it was taken in ("en", "zh"). */
        put_para(s, _("Quiz %s %s, finished %s, language %s"), q->id, q->version, when,
                 sp_result_lang(s->r));
    print_adaptive(s);
    putchar('\n');
}

/* A bar of fit * BAR_CELLS cells, in eighths when the locale can show them. */
static void print_bar(double fit)
{
    static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    int units = (int)(fit * BAR_CELLS * 8 + 0.5);
    int cells = 0;
    bool utf8 = safe_utf8();
    for (; units >= 8; units -= 8, cells++)
        fputs(utf8 ? "█" : "#", stdout);
    if (units > 0 && utf8) {
        fputs(eighths[units], stdout);
        cells++;
    }
    for (; cells < BAR_CELLS; cells++)
        fputc(' ', stdout);
}

static void print_advice(const show_view *s)
{
    const sp_result *r = s->r;
    const char *top = sp_result_primary(r);
    if (!top) {
        puts(_("No direction was measured: no item that counts towards one was answered."));
        return;
    }
    /* TRANSLATORS: %s is the name of the direction that fits best. */
    put_line(_("Recommended: %s"), show_dir_name(s, top, false));
    size_t nt = sp_result_near_tie_count(r);
    double confidence = sp_result_scoring(r)->near_tie_confidence;
    if (nt > 0 && confidence > 0) {
        /* TRANSLATORS: followed by the directions (one, or several) that the recommended one
         * does not lead at the confidence %.0f%% given the uncertainty of the fits. */
        printf(P_("  Near tie: not separated from it at %.0f%% confidence (weigh both "
                  "together):\n",
                  "  Near tie: not separated from it at %.0f%% confidence (weigh them "
                  "together):\n",
                  nt),
               100 * confidence);
        for (size_t i = 0; i < nt; i++) {
            printf("    ");
            put(show_dir_name(s, sp_result_near_tie_at(r, i), false));
            printf("\n");
        }
        if (sp_result_settle(r) > 0 && sp_result_settle(r) < SP_SETTLE_MAX)
            printf(P_("  About %u more question would settle it.\n",
                      "  About %u more questions would settle it.\n", sp_result_settle(r)),
                   sp_result_settle(r));
        else if (sp_result_settle(r) > 0)
            fputs(_("  More questions would hardly settle it.\n"), stdout);
    } else if (nt > 0) {
        /* TRANSLATORS: followed by the directions (one, or several) whose fit is within %.2f
         * of the recommended one's. */
        printf(P_("  Near tie, within %.2f of it (the two fit about equally well; weigh both "
                  "together):\n",
                  "  Near tie, within %.2f of it (they fit about equally well; weigh them "
                  "together):\n",
                  nt),
               sp_result_scoring(r)->near_tie);
        for (size_t i = 0; i < nt; i++) {
            printf("    ");
            put(show_dir_name(s, sp_result_near_tie_at(r, i), false));
            printf("\n");
        }
    }
    if (sp_result_flat(r) == SP_FLAT_CLOSE_FITS)
        printf(_("  Flat profile: all fits lie within %.2f of each other, so no direction stands "
                 "out;\n  read the ranking as a weak hint.\n"),
               sp_result_scoring(r)->flat);
    else if (sp_result_flat(r) == SP_FLAT_SAME_LIKERT)
        fputs(_("  Flat profile: every statement got the same answer, so interest cannot tell "
                "the\n  directions apart; read the ranking as a weak hint.\n"),
              stdout);
}

static void print_chart(const show_view *s)
{
    const sp_result *r = s->r;
    printf("\n");
    for (size_t i = 0; i < sp_result_ranking_count(r); i++) {
        const char *id = sp_result_ranking_at(r, i);
        const sp_result_score *sc = show_score(s, id);
        double fit = sc && sc->has_fit ? sc->fit : 0;
        printf("  %zu. ", i + 1);
        safe_pad(show_dir_name(s, id, false), NAME_COLS, stdout);
        printf(" ");
        print_bar(fit);
        printf(" %.3f\n", fit);
    }
    bool first = true;
    for (size_t i = 0; i < sp_result_score_count(r); i++) {
        const sp_result_score *sc = sp_result_score_at(r, i);
        if (sc->has_fit)
            continue;
        /* TRANSLATORS: followed by the names of the directions, separated by ", ". */
        printf("%s", first ? _("  Not measured (no item answered for it): ") : _(", "));
        put(show_dir_name(s, sc->dir, false));
        first = false;
    }
    if (!first)
        printf("\n");
}

/* The level in words for the reader, or NULL when none was measured. */
static const char *level_word(sp_level level)
{
    switch (level) {
    /* TRANSLATORS: the levels of a result, shown in "Level: %s (...)". */
    case SP_LEVEL_ENTRY: return _("entry");
    case SP_LEVEL_ADVANCED: return _("advanced");
    case SP_LEVEL_PROFESSIONAL: return _("professional");
    case SP_LEVEL_EXPERT: return _("expert");
    default: return NULL;
    }
}

static void print_level(const show_view *s)
{
    const char *level = level_word(sp_result_level(s->r));
    putchar('\n');
    if (level)
        /* TRANSLATORS: %s is a level: entry, advanced, professional or expert. */
        printf(_("Level: %s (an indication from the knowledge items, not a grade)\n"), level);
    else
        fputs(_("Level: none (no knowledge item was asked)\n"), stdout);
    printf(_("Answered %u, skipped %u.\n"), sp_result_answered(s->r), sp_result_skipped(s->r));
}

/* With the quiz it was taken with, a result is shown on the same screens as at the end of
 * the quiz: one wording of the advice everywhere. The outcome is the replayed one when replay
 * agreed, else the one the file records (the verification line above says what it is worth). */
static bool show_screens(const show_view *s)
{
    const sp_quiz *quiz = s->rep->quiz;
    sp_response *resp = NULL;
    sp_form *form = NULL;
    char why[256];
    if (!quiz || sp_result_responses(s->r, quiz, &resp, why, sizeof(why)) != 0)
        return false;
    /* The form of the recorded seed gives the option letters the taker saw (verify checks that
     * the answers are that form's); without it (out of memory) the letters are the bank's. */
    if (sp_form_draw(quiz, sp_result_seed(s->r), &form) != 0)
        form = NULL;
    sp_outcome o;
    if (s->rep->replayed && s->rep->replay.verdict == SP_REPLAY_OK)
        o = s->rep->replay.outcome;
    else
        sp_result_outcome(s->r, sp_quiz_directions(quiz), &o);
    screen_ctx c = {.out = stdout,
                    .width = s->width,
                    .color = s->color,
                    .lang = s->lang,
                    .quiz = quiz,
                    .form = form,
                    .resp = resp,
                    .nresp = sp_result_answer_count(s->r),
                    .outcome = &o};
    screen_summary(&c);
    screen_details(&c);
    sp_form_free(form);
    free(resp);
    return true;
}

/* Without the quiz only ids and the recorded numbers can be shown: says which quiz would show
 * more, and how to give it. */
static void print_quiz_hint(const show_view *s)
{
    const sp_result_source *q = sp_result_quiz(s->r);
    /* TRANSLATORS: %s %s are the quiz id and version, the last %s the result file. */
    put_para(s,
             _("The quiz this result was taken with, %s %s, was not found, so directions are "
               "shown by their ids. To see the whole result, give the quiz's manifest: "
               "signpost show --quiz MANIFEST %s"),
             q->id, q->version, s->path);
}

static void show_text(const show_view *s)
{
    print_heading(s);
    if (show_screens(s))
        return;
    if (!s->rep->quiz) {
        print_quiz_hint(s);
        putchar('\n');
    }
    print_advice(s);
    print_chart(s);
    print_level(s);
    /* No answers here: a replay that agreed had the quiz, and then show_screens quotes them
     * with the letters the taker saw. */
}

/* ---- JSON ------------------------------------------------------------------------------------ */

static void json_score(const char *key, bool has, double v)
{
    if (has)
        printf("\"%s\": %.6f", key, v);
    else
        printf("\"%s\": null", key);
}

static void json_list(size_t n, const char *(*at)(const sp_result *, size_t), const sp_result *r)
{
    printf("[");
    for (size_t i = 0; i < n; i++) {
        printf("%s", i ? ", " : "");
        cli_json_string(stdout, at(r, i));
    }
    printf("]");
}

static void json_scores(const sp_result *r)
{
    printf("    \"scores\": {");
    for (size_t i = 0; i < sp_result_score_count(r); i++) {
        const sp_result_score *sc = sp_result_score_at(r, i);
        printf("%s\n      ", i ? "," : "");
        cli_json_string(stdout, sc->dir);
        printf(": {");
        json_score("interest", sc->has_interest, sc->interest);
        printf(", ");
        json_score("aptitude", sc->has_aptitude, sc->aptitude);
        printf(", ");
        json_score("fit", sc->has_fit, sc->fit);
        printf(", ");
        json_score("se", sc->has_se, sc->se);
        printf(", ");
        json_score("gap_se", sc->has_gap_se, sc->gap_se);
        printf("}");
    }
    printf("\n    },\n");
}

static void json_drivers(const show_view *s)
{
    const sp_verify_report *rep = s->rep;
    printf("    \"drivers\": ");
    if (!rep->replayed || rep->replay.verdict != SP_REPLAY_OK) {
        printf("null\n");
        return;
    }
    printf("[");
    const sp_outcome *o = &rep->replay.outcome;
    for (uint32_t i = 0; i < o->ndrivers; i++) {
        const sp_result_answer *a = sp_result_answer_at(s->r, o->drivers[i].response);
        printf("%s{\"question\": ", i ? ", " : "");
        cli_json_string(stdout, a ? a->id : "");
        printf(", \"effect\": %.6f}", o->drivers[i].effect);
    }
    printf("]\n");
}

/* "mode", "adaptive" and "asked" (the items in the order asked) of an adaptive result; fixed,
 * null and null otherwise. */
static void json_adaptive(const sp_result *r)
{
    const sp_result_adaptive *ad = sp_result_adaptive_info(r);
    fputs(",\n    ", stdout);
    cli_json_mode(ad, "    ");
    if (!ad) {
        printf(",\n    \"asked\": null");
        return;
    }
    printf(",\n    \"asked\": [");
    for (size_t i = 0; i < sp_result_answer_count(r); i++) {
        printf(i ? ", " : "");
        cli_json_string(stdout, sp_result_answer_at(r, i)->id);
    }
    printf("]");
}

static void json_result(const show_view *s)
{
    const sp_result *r = s->r;
    char started[40], finished[40];
    format_time(sp_result_started(r), true, started);
    format_time(sp_result_finished(r), true, finished);
    printf("{\n    \"quiz\": ");
    cli_json_string(stdout, sp_result_quiz(r)->id);
    printf(",\n    \"quiz_version\": ");
    cli_json_string(stdout, sp_result_quiz(r)->version);
    printf(",\n    \"lang\": ");
    cli_json_string(stdout, sp_result_lang(r));
    printf(",\n    \"name\": ");
    if (sp_result_name(r))
        cli_json_string(stdout, sp_result_name(r));
    else
        printf("null");
    printf(",\n    \"seed\": %llu,\n    \"started\": \"%s\",\n    \"finished\": \"%s\",\n",
           (unsigned long long)sp_result_seed(r), started, finished);
    json_scores(r);
    printf("    \"ranking\": ");
    json_list(sp_result_ranking_count(r), sp_result_ranking_at, r);
    printf(",\n    \"primary\": ");
    if (sp_result_primary(r))
        cli_json_string(stdout, sp_result_primary(r));
    else
        printf("null");
    printf(",\n    \"near_tie\": ");
    json_list(sp_result_near_tie_count(r), sp_result_near_tie_at, r);
    if (sp_result_has_settle(r))
        printf(",\n    \"settle\": %u", sp_result_settle(r));
    else
        printf(",\n    \"settle\": null");
    printf(",\n    \"flat\": %s,\n    \"flat_reason\": ", sp_result_flat(r) ? "true" : "false");
    if (sp_result_flat(r))
        cli_json_string(stdout, sp_flat_name(sp_result_flat(r)));
    else
        printf("null");
    const char *level = sp_level_name(sp_result_level(r));
    printf(",\n    \"level\": ");
    if (level)
        cli_json_string(stdout, level);
    else
        printf("null");
    json_adaptive(r);
    printf(",\n    \"answered\": %u,\n    \"skipped\": %u,\n", sp_result_answered(r),
           sp_result_skipped(r));
    json_drivers(s);
    printf("  }");
}

static void show_json(const verifier *v, const char *path, const sp_verify_report *rep,
                      const show_view *s)
{
    printf("{\n  \"file\": ");
    cli_json_string(stdout, path);
    printf(",\n  \"verification\": ");
    verifier_print_json(v, path, rep, 2, stdout);
    printf(",\n  \"result\": ");
    if (s)
        json_result(s);
    else
        printf("null");
    printf("\n}\n");
}

/* ---- The command ----------------------------------------------------------------------------- */

/* The verdict's sentence, its first word in colour. On a terminal it is wrapped to width, to
 * be read in full; with width 0 (not a terminal) it stays one line, as verify prints it, for
 * `head -n 1` and grep. */
static void print_verification(const verifier *v, const sp_verify_report *rep, int width,
                               bool color)
{
    char *s = verifier_sentence(v, rep);
    if (!s)
        return;
    if (width <= 0) {
        printf("%s\n", s);
        free(s);
        return;
    }
    size_t word = strcspn(s, " ");
    sp_buf lead = {0};
    sp_buf_printf(&lead, "%s%.*s%s ", color ? verifier_hue(rep) : "", (int)word, s,
                  color ? "\033[0m" : "");
    wrap_style st = {width, 2, sp_buf_str(&lead), NULL, NULL};
    if (sp_buf_str(&lead))
        wrap_print(stdout, s[word] ? s + word + 1 : "", &st);
    sp_buf_free(&lead);
    free(s);
}

/* The languages of quiz, "en, zh", into b. */
static void list_languages(const sp_manifest *m, sp_buf *b)
{
    for (uint32_t i = 0; i < m->nlanguages; i++)
        sp_buf_printf(b, "%s%s", i ? ", " : "", m->languages[i]);
}

/* The language of the screen, in *out: one language per screen, --lang or else the interface
 * language, so that a Chinese result read under an English locale is not half English. The
 * quiz's texts are shown in it when the quiz has it; else in the quiz's English (or first
 * language), with a note, and the interface follows. Returns EXIT_OK or EXIT_USAGE. */
static int pick_lang(const show_opts *o, const sp_quiz *quiz, const char **out)
{
    const char *want = o->lang ? o->lang : cli_language();
    *out = want;
    if (!quiz) {
        if (strcmp(want, "en") == 0 || strcmp(want, "zh") == 0)
            return EXIT_OK;
        return cli_usage_error("show", _("--lang: without the result's quiz, en or zh, not '%s'"),
                               want);
    }
    const sp_manifest *m = sp_quiz_manifest(quiz);
    for (uint32_t i = 0; i < m->nlanguages; i++)
        if (strcmp(m->languages[i], want) == 0)
            return EXIT_OK;
    sp_buf have = {0};
    list_languages(m, &have);
    int rc = EXIT_OK;
    if (o->lang) {
        rc = cli_usage_error("show", _("the quiz %s has no language '%s'; it has %s"), m->id, want,
                             sp_buf_str(&have) ? sp_buf_str(&have) : "?");
    } else {
        *out = cli_pick_lang(NULL, m);
        cli_error(_("the quiz %s has no texts in %s; it is shown in %s"), m->id, want, *out);
    }
    sp_buf_free(&have);
    return rc;
}

static int show_file(verifier *v, const show_opts *o)
{
    sp_verify_report rep;
    int rc = verifier_check(v, o->file, &rep, NULL);
    if (rc != EXIT_OK)
        return rc;
    show_view view = {.path = o->file, .v = v, .rep = &rep, .r = rep.result};
    if (rep.result) {
        view.dirs = rep.quiz ? sp_quiz_directions(rep.quiz) : NULL;
        if ((rc = pick_lang(o, rep.quiz, &view.lang)) != EXIT_OK) {
            sp_verify_report_clear(&rep);
            return rc;
        }
        if (!o->json) /* JSON is for programs: English */
            cli_use_language(view.lang);
    }
    if (o->json) {
        show_json(v, o->file, &rep, rep.result ? &view : NULL);
    } else if (o->svg && rep.result) {
        card_svg(&view, stdout);
    } else {
        /* Measured before paging: through the pager, stdout is a pipe. */
        view.width = wrap_terminal_width(STDOUT_FILENO);
        view.color = cli_use_color(stdout);
        bool tty = isatty(STDOUT_FILENO);
        pager pg = {0};
        bool paged = !o->no_pager && pager_start(&pg);
        print_verification(v, &rep, tty ? view.width : 0, view.color);
        if (rep.result)
            show_text(&view);
        if (paged)
            pager_stop(&pg);
    }
    if (o->svg && !rep.result)
        cli_error(_("%s cannot be read as a result; no card was made"), o->file);
    /* show is a viewer: the verdict is on its first line (and in the JSON), and a result it
     * could show is a success, so that `show --svg R > card.svg && ...` goes on. verify is what
     * gives the verdict as an exit status. A file that is not a result is an error. */
    rc = rep.result ? EXIT_OK : EXIT_NEGATIVE;
    sp_verify_report_clear(&rep);
    return rc;
}

int cmd_show(int argc, char **argv)
{
    show_opts o = {0};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("show");
    if (rc)
        return rc;
    if (o.json)
        cli_use_language("en"); /* the verification's words in the JSON are for programs */
    verifier v;
    rc = verifier_init(&v, &o.args);
    if (rc == EXIT_OK)
        rc = show_file(&v, &o);
    verifier_free(&v);
    return cli_finish(rc);
}
