// SPDX-License-Identifier: GPL-3.0-or-later
// Against the exact quiz, the recorded setup is the quiz's (engine/verify.c same_setup): the
// language is one it offers, the scoring parameters are its own (compared as %.15g, as the
// body writes them), and the answered questions are the form it draws for the seed.
import { formatG } from './format.js';
import { drawForm } from './form.js';
import { SCORING_NAMES } from './body.js';
import { msg } from './messages.js';

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

function sameForm(r, quiz) {
  const form = drawForm(quiz, r.seed);
  const seed = String(r.seed);
  if (!form) return msg('no form can be drawn for seed %llu', seed);
  if (form.length !== r.answers.length)
    return msg('the result answers %zu questions, but the quiz draws %zu for seed %llu', r.answers.length, form.length, seed);
  for (let i = 0; i < form.length; i++)
    if (form[i].q.id !== r.answers[i].id)
      return msg("question %zu of the form for seed %llu is '%s', but the result has '%s' there", i + 1, seed, form[i].q.id, r.answers[i].id);
  return null;
}

// null when the setup is the quiz's, else the sentence saying what differs.
export function sameSetup(r, quiz) {
  return offeredLanguage(r, quiz) ?? sameScoring(r, quiz) ?? sameForm(r, quiz);
}
