// The verdict sentence the page shows under a result's pill, in the page's words: the page's
// readers have no signpost, so it never names a command-line option or a command, and it says
// "this page's keys" where verify says "the keys you gave". Written from the Outcome's
// verdict, trust, key and quiz (web/src/core decides them; nothing here changes a verdict).
// The core's own sentence (verify's, Outcome.message) stays on the article for tools
// (data-message, docs/verifier.md).
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { pickMessage, t, textOf } from './i18n.js';
import { direction, resultView } from './model.js';

// The detail of a check, in lang ("" when the check is not there).
function detail(lang, outcome, name) {
  const c = (outcome.checks || []).find((x) => x.check === name);
  return c ? pickMessage(c.detail, lang) : '';
}

// The localised name of a direction, as the recommendation names it (the chart shows the
// short_name the data give), else its id.
export function dirName(lang, view, id) {
  const d = view ? direction(view, id) : null;
  return (d && textOf(d.name, lang)) || id;
}

const FIELDS = ['interest', 'aptitude', 'fit', 'se', 'gap_se'];

// The first score the file records that the re-derived scores do not give, as
// {dir, field, recorded, derived} with six decimals; null when the scores agree (the mismatch
// is elsewhere: the form, the ranking, the level…).
export function scoreMismatch(outcome) {
  const text = outcome.replay?.scoresText;
  if (!text || !outcome.body) return null;
  for (const s of outcome.body.scores || []) {
    for (const field of FIELDS) {
      const rec = typeof s[field] === 'number' ? s[field].toFixed(6) : null;
      const got = text[s.dir]?.[field] ?? null;
      if (rec !== null && got !== null && rec !== got) return { dir: s.dir, field, recorded: rec, derived: got };
    }
  }
  return null;
}

function replayWhy(lang, outcome, view) {
  const m = scoreMismatch(outcome);
  if (!m) return detail(lang, outcome, 'replay');
  return t(lang, 'whyScore', { field: t(lang, `field_${m.field}`), name: dirName(lang, view, m.dir), recorded: m.recorded, derived: m.derived });
}

// The sentence of a failed verdict.
function failedSentence(lang, outcome, view, vars) {
  switch (outcome.verdict) {
    case 'signer-mismatch': return t(lang, 'sayMisnamedSigner', { why: detail(lang, outcome, 'signer') });
    case 'malformed': return t(lang, 'sayMalformed', { why: detail(lang, outcome, 'structure') });
    case 'unknown-key': return t(lang, 'sayUnknownKey', vars);
    case 'unsupported': return t(lang, 'sayLegacy', vars);
    case 'altered': return t(lang, 'sayAltered', vars);
    case 'comment-altered': return t(lang, 'sayCommentAltered', vars);
    case 'not-a-result': return t(lang, 'sayNotAResult', { why: detail(lang, outcome, 'domain') });
    case 'comment-mismatch': return t(lang, 'sayCommentMismatch', { why: detail(lang, outcome, 'comment') });
    case 'quiz-mismatch': return t(lang, 'sayQuizMismatch', { why: detail(lang, outcome, 'banks') });
    case 'replay-mismatch': return t(lang, 'sayReplayMismatch', { why: replayWhy(lang, outcome, view) });
    default: return pickMessage(outcome.message, lang);
  }
}

// The page's sentence for an Outcome, in lang. data: the page data (for direction names).
export function verdictSentence(lang, outcome, data) {
  // Outcomes the page made itself (too large, unreadable, a bad link) carry the page's words.
  if (!(outcome.checks || []).length) return pickMessage(outcome.message, lang);
  const view = resultView(outcome, data);
  const quiz = view ? `${view.quiz.id} ${view.quiz.version}` : '?';
  const vars = {
    id: outcome.keyId ?? '?', quiz,
    top: view?.primary ? dirName(lang, view, view.primary) : t(lang, 'noDirection'),
    n: view?.pairs.length ?? 0,
  };
  if (outcome.trust === 'failed') return failedSentence(lang, outcome, view, vars);
  if (outcome.trust === 'unsigned') return t(lang, 'sayUnsigned');
  if (outcome.trust === 'untrusted') return t(lang, 'sayUntrusted', vars);
  if (outcome.trust === 'error') return t(lang, 'sayNotChecked');
  if (outcome.verdict === 'partly-replayed') return t(lang, 'sayPartly', vars);
  if (outcome.verdict === 'no-banks') return t(lang, 'sayNoBanks', vars);
  return t(lang, 'sayVerified', vars);
}
