// SPDX-License-Identifier: GPL-3.0-or-later
// Against the exact quiz, the recorded setup is the quiz's (engine/verify.c same_setup): the
// language is one it offers, the scoring parameters are its own (compared as %.15g, as the
// body writes them), and the answered questions are the form it draws for the seed: all of it,
// in order, or for an adaptive result the items the adaptive rule asks (adaptive.js).
import { formatG } from './format.js';
import { drawForm } from './form.js';
import { SCORING_NAMES } from './body.js';
import { msg, compose } from './messages.js';
import { responses } from './replay.js';
import { boundsFor, decide, STOPS, STOP_NO } from './adaptive.js';

function offeredLanguage(r, quiz) {
  const langs = quiz.manifest.languages;
  if (langs.length === 0 || langs.includes(r.lang)) return null;
  return msg("the result was taken in '%s', a language the quiz does not offer", r.lang);
}

function sameScoring(r, quiz) {
  for (const name of SCORING_NAMES) {
    const x = formatG(r.scoring[name] ?? 0, 15);
    const y = formatG(quiz.manifest.scoring[name] ?? 0, 15);
    if (x !== y) return msg('the scoring parameter %s is recorded as %s, but the quiz has %s', name, x, y);
  }
  return null;
}

// The adaptive bounds recorded are those the quiz gives this form (same_bounds).
function sameBounds(ad, quiz, form) {
  const want = boundsFor(quiz.manifest, form.length);
  const x = formatG(ad.confidence, 15), y = formatG(want.confidence, 15);
  if (ad.min_items === want.min_items && ad.max_items === want.max_items && x === y) return null;
  return msg('the adaptive bounds are recorded as min_items %u, max_items %u, confidence %s, but the quiz gives min_items %u, max_items %u, confidence %s',
    ad.min_items, ad.max_items, x, want.min_items, want.max_items, y);
}

// Replays the adaptive rule over the recorded answers (replay_selection): at every step the item
// asked is the one the rule picks after the answers before it, and the rule first stops where
// and why the result says.
function replaySelection(r, quiz, form, resp) {
  const ad = r.adaptive;
  const n = resp.length;
  let stop = STOP_NO, after = 0;
  for (let k = 0; k <= n; k++) {
    const st = decide(quiz.directions, r.scoring, ad, form, resp.slice(0, k));
    if (!st)
      return msg("question %zu, '%s', is not an item of the form for seed %llu that was not asked before", k, r.answers[k - 1].id, String(r.seed));
    if (stop === STOP_NO && st.stop !== STOP_NO) {
      stop = st.stop;
      after = k;
    }
    if (k === n) break;
    const got = r.answers[k].id;
    const want = st.next >= 0 ? form[st.next].q.id : null;
    if (want !== got)
      return compose("question %zu of the adaptive quiz is '%s', but after the answers before it the rule asks '%s'", k + 1, got, want ?? msg('nothing more'));
  }
  if (stop === STOP_NO) return msg('the adaptive rule does not stop within the %zu questions asked', n);
  if (STOPS[stop] !== ad.stop || after !== ad.after)
    return msg('the result says the adaptive quiz stopped (%s) after %u questions, but the rule stops (%s) after %zu', ad.stop, ad.after, STOPS[stop], after);
  return null;
}

function sameAdaptiveForm(r, quiz, form) {
  const why = sameBounds(r.adaptive, quiz, form);
  if (why) return why;
  const got = responses(r, quiz);
  return got.why ?? replaySelection(r, quiz, form, got.responses);
}

function sameFixedForm(r, form) {
  const seed = String(r.seed);
  if (form.length !== r.answers.length)
    return msg('the result answers %zu questions, but the quiz draws %zu for seed %llu', r.answers.length, form.length, seed);
  for (let i = 0; i < form.length; i++)
    if (form[i].q.id !== r.answers[i].id)
      return msg("question %zu of the form for seed %llu is '%s', but the result has '%s' there", i + 1, seed, form[i].q.id, r.answers[i].id);
  return null;
}

// The questions asked are the quiz's for the recorded seed: the whole form in its order, or, for
// an adaptive quiz, the items the adaptive rule picks from it (same_form).
function sameForm(r, quiz) {
  const form = drawForm(quiz, r.seed);
  if (!form) return msg('no form can be drawn for seed %llu', String(r.seed));
  if (r.adaptive) return sameAdaptiveForm(r, quiz, form);
  if (quiz.manifest.mode === 'adaptive') return msg('the quiz is adaptive, but the result records a fixed form, asked in full');
  return sameFixedForm(r, form);
}

// null when the setup is the quiz's, else the sentence saying what differs.
export function sameSetup(r, quiz) {
  return offeredLanguage(r, quiz) ?? sameScoring(r, quiz) ?? sameForm(r, quiz);
}
