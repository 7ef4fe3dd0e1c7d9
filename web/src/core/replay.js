// SPDX-License-Identifier: GPL-3.0-or-later
// Replay (engine/replay.c): scoring a result's recorded answers again against the quiz's
// banks and comparing every score (as six decimals), the ranking and the advice.
import { score, LIKERT, CHOICE, KNOWLEDGE } from './score.js';
import { fixed6 } from './format.js';
import { msg, compose } from './messages.js';

function matchingBank(quiz, src) {
  return quiz.banks.find((b) => b.id === src.id && b.digest === src.digest) ?? null;
}

function fromResultBanks(r, q) {
  return r.banks.some((src) => q.bank.id === src.id && q.bank.digest === src.digest);
}

// sp_answer_from_ids: {a} or {why}.
export function answerFromIds(q, ids, list) {
  const n = ids.length;
  if (!list && n === 1 && ids[0] === 'skip') return { a: { state: 'skip', value: 0, chosen: 0 } };
  if (q.kind === LIKERT) {
    const s = list || n !== 1 ? '' : ids[0];
    if (/^[1-5]$/.test(s)) return { a: { state: 'given', value: Number(s), chosen: 0 } };
    return { why: msg('expected a whole number from 1 to 5, or skip') };
  }
  const several = q.kind === KNOWLEDGE && (q.answer & (q.answer - 1)) !== 0;
  if (n === 0 || (list && q.kind === CHOICE) || (n > 1 && !several))
    return { why: n === 0 ? msg('expected at least one option id') : msg('this question takes one option; give a single option id') };
  let chosen = 0;
  for (const id of ids) {
    const o = q.options.findIndex((x) => x.id === id);
    if (o < 0) return { why: msg("'%s' is not an option; expected one of: %s", id, q.options.map((x) => x.id).join(', ')) };
    if (chosen & (1 << o)) return { why: msg("option '%s' is given twice", id) };
    chosen |= 1 << o;
  }
  return { a: { state: 'given', value: 0, chosen } };
}

// sp_result_responses: {responses} or {why}.
export function responses(r, quiz) {
  const out = [];
  for (const a of r.answers) {
    const q = quiz.question(a.id);
    if (!q || !fromResultBanks(r, q)) return { why: msg("question '%s' is in none of the result's banks", a.id) };
    const got = answerFromIds(q, a.values, a.list);
    if (got.why) return { why: compose("the answer to '%s' (line %u) does not fit: %s", a.id, a.line, got.why) };
    out.push({ q, a: got.a });
  }
  return { responses: out };
}

function sameScore(hasA, a, hasB, b) {
  if (hasA !== hasB) return false;
  if (!hasA) return true;
  return fixed6(a) === fixed6(b);
}

function describeScore(has, v) {
  return has ? fixed6(v) : msg('nothing');
}

const SCORE_NAMES = ['interest', 'aptitude', 'fit', 'standard error', 'standard error of the gap to the top'];

function compareScores(r, dirs, o) {
  const uncertain = r.scoring.near_tie_confidence > 0;
  for (let i = 0; i < r.scores.length; i++) {
    const rs = r.scores[i];
    if (rs.recordedSe !== uncertain)
      return uncertain ? msg('the score of %s records no uncertainty, which its scoring asks for', dirs.items[i].id)
        : msg('the score of %s records an uncertainty its scoring does not ask for', dirs.items[i].id);
    const s = o.scores[i];
    const fit = s.hasInterest || s.hasAptitude;
    const hr = [rs.interest !== null, rs.aptitude !== null, rs.fit !== null, rs.se !== null, rs.gap_se !== null];
    const hs = [s.hasInterest, s.hasAptitude, fit, s.hasSe, s.hasGapSe];
    const vr = [rs.interest, rs.aptitude, rs.fit, rs.se, rs.gap_se];
    const vs = [s.interest, s.aptitude, s.fit, s.se, s.gapSe];
    for (let k = 0; k < (uncertain ? 5 : 3); k++) {
      if (sameScore(hr[k], vr[k], hs[k], vs[k])) continue;
      return compose('the %s of %s is recorded as %s, but the answers give %s', msg(SCORE_NAMES[k]), dirs.items[i].id,
        describeScore(hr[k], vr[k]), describeScore(hs[k], vs[k]));
    }
  }
  return null;
}

function sameList(dirs, list, rec) {
  return list.length === rec.length && list.every((d, i) => dirs.items[d].id === rec[i]);
}

function compareAdvice(r, dirs, o) {
  const primary = o.primary >= 0 ? dirs.items[o.primary].id : null;
  let what = null;
  if (!sameList(dirs, o.ranking, r.ranking)) what = msg('the ranking');
  else if (primary !== r.primary) what = msg('the recommended direction');
  else if (!sameList(dirs, o.nearTie, r.nearTie)) what = msg('the near tie');
  else if (r.hasSettle !== (r.scoring.near_tie_confidence > 0) || o.settle !== r.settle)
    what = msg('the number of questions that would settle the near tie');
  else if (o.flat !== r.flat) what = msg('the flat-profile verdict');
  else if (o.level !== r.level) what = msg('the level');
  else if (o.answered !== r.answered || o.skipped !== r.skipped) what = msg('the count of answered and skipped items');
  return what ? compose('%s recorded does not follow from the answers', what) : null;
}

function sameDirections(r, dirs) {
  return r.scores.length === dirs.items.length && dirs.items.every((d, i) => r.scores[i].dir === d.id);
}

// sp_result_replay: {verdict: 'ok'|'no-banks'|'bad-answer'|'mismatch', detail, outcome, responses}.
export function replayResult(r, quiz) {
  const dirs = quiz.directions;
  for (const src of r.banks)
    if (!matchingBank(quiz, src))
      return { verdict: 'no-banks', detail: msg("bank '%s' version %s with this digest is not available", src.id, src.version) };
  if (!sameDirections(r, dirs))
    return { verdict: 'no-banks', detail: msg('the result scores other directions than this quiz defines') };
  const got = responses(r, quiz);
  if (got.why) return { verdict: 'bad-answer', detail: got.why };
  const o = score(dirs, r.scoring, got.responses);
  if (!o) return { verdict: 'bad-answer', detail: msg('an answer does not fit its question') };
  const why = compareScores(r, dirs, o) ?? compareAdvice(r, dirs, o);
  return { verdict: why ? 'mismatch' : 'ok', detail: why, outcome: o, responses: got.responses };
}
