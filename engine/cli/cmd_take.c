/* signpost take: the quiz — interactive in a terminal, or in batch mode from an answer file. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "outcome.h"
#include "signpost/sign.h"
#include "take.h"

enum {
    OPT_MISSING = 256,
    OPT_NO_COLOR,
    OPT_NAME,
    OPT_PASSFILE,
    OPT_NO_KEY,
    OPT_SESSIONS,
    OPT_DISCARD,
    OPT_ADAPTIVE
};

static int parse_options(int argc, char **argv, take_opts *o)
{
    static const struct option longopts[] = {
        {"quiz", required_argument, NULL, 'q'},
        {"answers", required_argument, NULL, 'a'},
        {"seed", required_argument, NULL, 'S'},
        {"lang", required_argument, NULL, 'l'},
        {"out", required_argument, NULL, 'o'},
        {"json", no_argument, NULL, 'j'},
        {"key", required_argument, NULL, 'k'},
        {"no-key", no_argument, NULL, OPT_NO_KEY},
        {"force", no_argument, NULL, 'f'},
        {"sessions", no_argument, NULL, OPT_SESSIONS},
        {"discard", required_argument, NULL, OPT_DISCARD},
        {"yes", no_argument, NULL, 'y'},
        {"resume", no_argument, NULL, 'r'},
        {"missing", required_argument, NULL, OPT_MISSING},
        {"no-color", no_argument, NULL, OPT_NO_COLOR},
        {"name", required_argument, NULL, OPT_NAME},
        {"passphrase-file", required_argument, NULL, OPT_PASSFILE},
        {"adaptive", no_argument, NULL, OPT_ADAPTIVE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, ":q:a:S:l:o:k:rfyh", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': o->quiz = optarg; break;
        case 'a': o->answers = optarg; break;
        case 'l': o->lang = optarg; break;
        case 'o': o->out = optarg; break;
        case 'j': o->json = true; break;
        case 'k': o->key = optarg; break;
        case OPT_NO_KEY: o->no_key = true; break;
        case OPT_ADAPTIVE: o->adaptive = true; break;
        case 'f': o->force = true; break;
        case OPT_SESSIONS: o->sessions = true; break;
        case OPT_DISCARD: o->discard = optarg; break;
        case 'y': o->yes = true; break;
        case 'r': o->resume = true; break;
        case OPT_NAME: o->name = optarg; break;
        case OPT_PASSFILE: o->passfile = optarg; break;
        case OPT_NO_COLOR: cli_no_color = true; break;
        case 'S':
            if (!cli_parse_seed(optarg, &o->seed))
                return cli_usage_error("take",
                                       _("--seed takes a whole number from 0 to 2^53-1, "
                                         "not '%s'"),
                                       optarg);
            o->has_seed = true;
            break;
        case OPT_MISSING:
            if (strcmp(optarg, "skip") == 0)
                o->missing = SP_MISSING_SKIP;
            else if (strcmp(optarg, "error") == 0)
                o->missing = SP_MISSING_ERROR;
            else
                return cli_usage_error("take", _("--missing takes skip or error, not '%s'"),
                                       optarg);
            break;
        case 'h': return -1;
        case ':': return cli_usage_error("take", _("option '%s' needs a value"), argv[optind - 1]);
        default: return cli_unknown_option("take", argv[optind - 1]);
        }
    }
    if (optind < argc)
        return cli_usage_error("take", _("unexpected argument '%s'"), argv[optind]);
    return 0;
}

sp_quiz *take_load_quiz(const char *path, int *status)
{
    if (!path)
        path = cli_default_quiz();
    if (!path) {
        cli_no_default_quiz();
        *status = EXIT_USAGE;
        return NULL;
    }
    sp_diags *diags = sp_diags_new();
    sp_quiz *quiz = NULL;
    /* Filling a cold cache waits until the first question is on screen (prompt.c). */
    sp_quiz_cache_defer(true);
    int rc = diags ? sp_quiz_load(path, diags, &quiz) : SP_ENOMEM;
    if (rc) {
        sp_diags_sort(diags);
        cli_print_diags(diags, false);
        /* A file that cannot be read is said once, by its diagnostic (path and reason). */
        if (rc != SP_EIO || !sp_diags_errors(diags))
            cli_error(_("cannot load the quiz %s: %s"), path, sp_strerror(rc));
        *status = rc == SP_ENOMEM ? EXIT_INTERNAL : rc == SP_EIO ? EXIT_IO : EXIT_NEGATIVE;
    }
    sp_diags_free(diags);
    return quiz;
}

/* Reads the answer file and fills the responses of the form; prints problems. */
static int batch_responses(const take_opts *o, const sp_form *form, sp_response *resp)
{
    sp_diags *diags = sp_diags_new();
    sp_answers *ans = NULL;
    int rc = diags ? sp_answers_load(o->answers, diags, &ans) : SP_ENOMEM;
    if (rc == 0)
        rc = sp_answers_apply(ans, form, o->missing, diags, resp);
    sp_diags_sort(diags);
    cli_print_diags(diags, true);
    sp_answers_free(ans);
    sp_diags_free(diags);
    return rc;
}

/* The adaptive quiz over an answer file that may answer every item: the rule asks what it
 * picks (scoring.md, section 11); an item it asks that the file does not answer is an error, or
 * a skip with --missing=skip. resp gets the items asked in order, ad how the quiz ran. */
static int batch_adaptive(const take_opts *o, const sp_quiz *quiz, const sp_form *form,
                          sp_response *resp, sp_result_adaptive *ad)
{
    size_t count = sp_form_count(form), n = 0, after = 0;
    sp_diags *diags = sp_diags_new();
    sp_answers *ans = NULL;
    sp_answer *full = calloc(count + 1, sizeof(*full));
    size_t *order = calloc(count + 1, sizeof(*order));
    int rc = diags && full && order ? sp_answers_load(o->answers, diags, &ans) : SP_ENOMEM;
    if (rc == 0)
        rc = sp_answers_apply(ans, form, SP_MISSING_SKIP, diags, resp);
    for (size_t i = 0; rc == 0 && i < count; i++)
        full[i] = resp[i].a;
    ad->bounds = sp_adaptive_bounds_for(sp_quiz_manifest(quiz), form);
    if (rc == 0)
        rc = sp_adaptive_run(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring,
                             &ad->bounds, form, full, 0, order, &n, &ad->stop, &after);
    for (size_t i = 0; rc == 0 && i < n; i++) {
        const sp_question *q = sp_form_item_at(form, order[i])->q;
        resp[i] = (sp_response){q, full[order[i]]};
        if (o->missing == SP_MISSING_ERROR && !sp_answers_has(ans, q->id)) {
            sp_diags_add(diags, SP_SEV_ERROR, o->answers, (sp_pos){0, 0},
                         _("no answer for question '%s' (question %zu the adaptive quiz asks); "
                           "answer it, write skip, or use --missing=skip"),
                         q->id, i + 1);
            rc = SP_EINPUT;
        }
    }
    ad->after = (uint32_t)after;
    ad->asked = (uint32_t)n;
    sp_diags_sort(diags);
    cli_print_diags(diags, true);
    sp_answers_free(ans);
    sp_diags_free(diags);
    free(full);
    free(order);
    return rc;
}

static int take_batch(const take_opts *o)
{
    int status = EXIT_OK;
    sp_quiz *quiz = take_load_quiz(o->quiz, &status);
    if (!quiz)
        return status;
    const char *lang = cli_pick_lang(o->lang, sp_quiz_manifest(quiz));
    sp_form *form = NULL;
    sp_response *resp = NULL;
    sp_outcome outcome;
    int rc = 0;
    if (!lang) {
        status = cli_unknown_lang("take", o->lang, sp_quiz_manifest(quiz));
        goto done;
    }
    if ((status = take_check_out(o, quiz)) != EXIT_OK) /* before reading the answers */
        goto done;
    uint64_t seed = o->has_seed ? o->seed : sp_seed_random();
    int64_t now = (int64_t)time(NULL);
    if ((rc = sp_form_draw(quiz, seed, &form)) != 0 ||
        !(resp = calloc(sp_form_count(form) + 1, sizeof(*resp))))
        goto fail;
    bool adaptive = o->adaptive || sp_quiz_manifest(quiz)->mode == SP_MODE_ADAPTIVE;
    sp_result_adaptive ad = {0};
    rc = adaptive ? batch_adaptive(o, quiz, form, resp, &ad) : batch_responses(o, form, resp);
    if (rc != 0)
        goto fail;
    if ((rc = sp_score(sp_quiz_directions(quiz), &sp_quiz_manifest(quiz)->scoring, resp,
                       adaptive ? ad.asked : sp_form_count(form), &outcome)) != 0)
        goto fail;
    sp_result_meta meta = {lang, o->name, now, now, adaptive ? &ad : NULL};
    if (o->out && (rc = take_write_result(o, quiz, form, resp, &outcome, &meta, o->out)) != 0)
        goto fail;
    if (o->json)
        cli_outcome_json(quiz, seed, lang, &outcome, resp, adaptive ? &ad : NULL, o->out);
    else
        cli_outcome_brief(quiz, lang, &outcome);
    goto done;
fail:
    if (rc == SP_ENOMEM)
        cli_error("%s", _("out of memory"));
    status = rc ? cli_exit_for(rc) : EXIT_INTERNAL;
done:
    free(resp);
    sp_form_free(form);
    sp_quiz_free(quiz);
    return cli_finish(status);
}

/* --sessions and --discard manage the unfinished quizzes and take no quiz: they go with no
 * option of a quiz but --lang (the interface's language), and --yes goes only with --discard. */
static int sessions_usage(const take_opts *o)
{
    bool quiz_opts = o->quiz || o->answers || o->has_seed || o->out || o->key || o->no_key ||
                     o->resume || o->name || o->passfile || o->json || o->force;
    if (o->yes && !o->discard)
        return cli_usage_error("take", "%s", _("--yes goes with --discard"));
    if (o->sessions && o->discard)
        return cli_usage_error("take", "%s", _("--sessions and --discard do not go together"));
    if ((o->sessions || o->discard) && quiz_opts)
        return cli_usage_error("take",
                               _("%s takes no quiz: it goes with no other option than "
                                 "--lang"),
                               o->sessions ? "--sessions" : "--discard");
    return EXIT_OK;
}

int cmd_take(int argc, char **argv)
{
    take_opts o = {.missing = SP_MISSING_ERROR};
    opterr = 0;
    optind = 1;
    int rc = parse_options(argc, argv, &o);
    if (rc < 0)
        return cli_help_exit("take");
    if (rc)
        return rc;
    /* The JSON of batch mode is for programs: its messages stay English. --lang sets the
     * interface language as well as the quiz's (the interactive quiz sets it again once the
     * language is known from the quiz or the journal). */
    if (o.answers && o.json)
        cli_use_language("en");
    else if (o.lang)
        cli_use_language(o.lang);
    if (o.name && (rc = cli_check_name("take", o.name)) != EXIT_OK)
        return rc;
    if ((rc = sessions_usage(&o)) != EXIT_OK)
        return rc;
    if (o.sessions)
        return take_sessions();
    if (o.discard)
        return take_discard(o.discard, o.yes);
    if (o.answers && o.resume)
        return cli_usage_error("take", _("--resume and --answers do not go together"));
    if (o.answers && o.key && !o.out)
        return cli_usage_error("take", _("--key signs the result file: give --out too"));
    if (o.key && o.no_key)
        return cli_usage_error("take", "%s", _("--key and --no-key contradict each other"));
    /* A resumed quiz may sign with the key it was started with: that is known, and its
     * passphrase asked, once the journal is read and held (take_interactive). */
    if (o.passfile && !o.key && !o.resume)
        return cli_usage_error("take", _("--passphrase-file is for the key given with --key"));
    /* Before a question is asked; a resumed quiz checks once its journal is known. */
    if (!o.resume && (rc = take_check_out(&o, NULL)) != EXIT_OK)
        return rc;
    if (!o.resume && (rc = take_open_key(&o)) != EXIT_OK)
        return rc;
    rc = o.answers ? take_batch(&o) : take_interactive(&o);
    sp_seckey_free(o.seckey);
    return rc;
}
