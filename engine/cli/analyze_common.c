/* signpost analyze: the words shared by every output format (analyze_out.h). */
#include <string.h>

#include "analyze_out.h"
#include "cli.h"

static const char *const reason_names[REASON_COUNT] = {
    "verified",         "no-banks",
    "self-signed",      "unsigned",
    "malformed",        "unknown-key",
    "unsupported",      "altered",
    "comment-altered",  "not-a-result",
    "comment-mismatch", "replay-mismatch",
    "unreadable",       "same-version-other-quiz",
    "too-many-quizzes"};

static const char *const reason_words[REASON_COUNT] = {"verified",
                                                       "quiz not available here",
                                                       "self-signed",
                                                       "not signed",
                                                       "malformed",
                                                       "signed by a key you do not trust",
                                                       "minisign legacy signature",
                                                       "altered after signing",
                                                       "trusted comment altered",
                                                       "not a signpost result",
                                                       "trusted comment disagrees",
                                                       "scores do not follow from the answers",
                                                       "unreadable",
                                                       "another quiz under the same id and version",
                                                       "too many quiz versions"};

const char *analyze_reason_name(int reason)
{
    return reason >= 0 && reason < REASON_COUNT ? reason_names[reason] : "unknown";
}

const char *analyze_reason_words(int reason)
{
    return reason >= 0 && reason < REASON_COUNT ? reason_words[reason] : "unknown";
}

uint64_t analyze_left_total(const analyze_run *run)
{
    uint64_t n = 0;
    for (int r = 0; r < REASON_COUNT; r++)
        n += run->left[r].count;
    return n;
}

uint64_t analyze_unverified_total(const analyze_run *run)
{
    uint64_t n = 0;
    for (int r = 0; r < REASON_COUNT; r++)
        n += run->unverified[r];
    return n;
}

const char *analyze_dir_id(const sp_analysis *a, int d)
{
    const sp_directions *dirs = sp_quiz_directions(sp_analysis_quiz(a));
    return d >= 0 && (uint32_t)d < dirs->count ? dirs->items[d].id : "none";
}

static const char *scale_word(const sp_item_stats *st)
{
    return st->q->kind == SP_KIND_KNOWLEDGE ? "knowledge" : "interest";
}

static void negative_sentence(const sp_analysis *a, const sp_item_stats *st, sp_buf *b)
{
    const char *own = analyze_dir_id(a, st->own_dir);
    const sp_item_dir *d = &st->dirs[st->own_dir];
    if (st->q->kind == SP_KIND_KNOWLEDGE)
        sp_buf_printf(b,
                      "negative discrimination: DI %.1f over %llu results; those who get it "
                      "right score lower on the rest of the %s knowledge items (check the key)",
                      st->discrimination.value, (unsigned long long)d->n, own);
    else
        sp_buf_printf(b,
                      "goes against its own scale: r %.2f with the rest of the %s interest over "
                      "%llu results, against the sign of its weight (check the wording or the "
                      "weight)",
                      d->r.value, own, (unsigned long long)d->n);
}

static bool reverse_keyed(const sp_item_stats *st)
{
    for (uint32_t k = 0; st->q->kind == SP_KIND_LIKERT && k < st->q->nkeys; k++)
        if (st->q->keys[k].dir_index == st->own_dir && st->q->keys[k].value < 0)
            return true;
    return false;
}

static void other_scale_sentence(const sp_analysis *a, const sp_item_stats *st, sp_buf *b)
{
    const char *other = analyze_dir_id(a, st->other_dir);
    if (st->other_option >= 0) {
        int o = st->other_option;
        int t = -1;
        double most = 0;
        for (uint32_t d = 0; d < SP_MAX_DIRECTIONS; d++) {
            const sp_option *opt = &st->q->options[o];
            for (uint32_t k = 0; k < opt->nweights; k++)
                if (opt->weights[k].dir_index == (int)d && opt->weights[k].value > most) {
                    most = opt->weights[k].value;
                    t = (int)d;
                }
        }
        sp_buf_printf(b,
                      "option %s, weighted for %s, goes with the %s interest scale (r %.2f) "
                      "more than with the %s one (r %.2f)",
                      st->q->options[o].id, analyze_dir_id(a, t), other,
                      st->option_r[o][st->other_dir].value, analyze_dir_id(a, t),
                      t >= 0 ? st->option_r[o][t].value : 0.0);
        return;
    }
    sp_buf_printf(b, "follows the %s %s scale (r %.2f) more than its own %s scale (r %.2f)%s",
                  other, scale_word(st), st->dirs[st->other_dir].r.value,
                  analyze_dir_id(a, st->own_dir), st->dirs[st->own_dir].r.value,
                  reverse_keyed(st) ? "; it is reverse-keyed, so a lower r is closer" : "");
}

static void unchosen_sentence(const sp_item_stats *st, sp_buf *b)
{
    int n = 0;
    sp_buf_puts(b, "never chosen in ");
    sp_buf_printf(b, "%llu answers: option", (unsigned long long)st->answered);
    for (uint32_t o = 0; o < st->q->noptions && o < SP_MAX_OPTIONS; o++)
        if (st->chosen[o] == 0)
            sp_buf_printf(b, "%s %s", n++ ? "," : "", st->q->options[o].id);
    sp_buf_puts(b, " (an option nobody takes does no work)");
}

void analyze_flag_sentence(const sp_analysis *a, const sp_item_stats *st, uint32_t flag, sp_buf *b)
{
    const sp_analyze_opts *o = sp_analysis_opts(a);
    switch (flag) {
    case SP_FLAG_NEGATIVE:
        negative_sentence(a, st, b);
        break;
    case SP_FLAG_INEFFICIENT:
        sp_buf_printf(b,
                      "discriminative efficiency %.1f%% (below %.0f%%): it separates takers far "
                      "less than the spread of its answers would allow",
                      st->efficiency.value, o->min_efficiency);
        break;
    case SP_FLAG_OTHER_SCALE:
        other_scale_sentence(a, st, b);
        break;
    case SP_FLAG_UNCHOSEN:
        unchosen_sentence(st, b);
        break;
    case SP_FLAG_EASY:
        sp_buf_printf(b, "facility %.1f%% (%.0f%% or more): almost everyone gets it right",
                      st->facility.value, o->easy);
        break;
    case SP_FLAG_HARD:
        sp_buf_printf(b, "facility %.1f%% (%.0f%% or less): almost no one gets it right",
                      st->facility.value, o->hard);
        break;
    case SP_FLAG_BELOW_GUESS:
        sp_buf_printf(b,
                      "facility %.1f%% is below the random guess score %.1f%%: guessing would "
                      "do better (check the key)",
                      st->facility.value, st->random_guess);
        break;
    default:
        break;
    }
}
