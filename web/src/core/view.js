// SPDX-License-Identifier: GPL-3.0-or-later
// What the page shows of a replay: the replayed outcome by direction id, each score also as
// the six decimals a result records, and the answers that drove the primary direction.
import { fixed6 } from './format.js';
import { optionOrder } from './form.js';

function scoreOf(s) {
  const fit = s.hasInterest || s.hasAptitude;
  return {
    interest: s.hasInterest ? s.interest : null,
    aptitude: s.hasAptitude ? s.aptitude : null,
    fit: fit ? s.fit : null,
    se: s.hasSe ? s.se : null,
    gap_se: s.hasGapSe ? s.gapSe : null,
  };
}

function text6(v) {
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === null ? null : fixed6(x);
  return out;
}

// An answer as show quotes it: the options chosen by id, and by the letter the taker saw (the
// option shuffle re-derived from the seed, as cmd_show.c does with the form).
function answerView(rep, q, a) {
  if (a.state !== 'given') return { state: a.state, value: null, options: [], letters: [] };
  if (q.kindName === 'likert') return { state: 'given', value: a.value, options: [], letters: [] };
  const shown = optionOrder(q, rep.result.seed, rep.quiz.manifest.shuffleOptions);
  const chosen = q.options.map((_, i) => i).filter((i) => a.chosen & (1 << i));
  // In letter order, as the options were shown.
  const places = chosen.map((o) => shown.indexOf(o)).sort((x, y) => x - y);
  return {
    state: 'given', value: null,
    options: places.map((p) => q.options[shown[p]].id),
    letters: places.map((p) => String.fromCharCode(97 + p)),
  };
}

function driver(rep, r, dr) {
  return {
    index: dr.response, question: r.q.id, bank: r.q.bank.id, kind: r.q.kindName, text: r.q.text,
    effect: dr.effect, effectText: fixed6(dr.effect), answer: answerView(rep, r.q, r.a),
  };
}

export function replayView(rep, replay) {
  const quiz = rep.quiz;
  const dirs = quiz.directions.items;
  const o = replay.outcome;
  const scores = {}, scoresText = {};
  o.scores.forEach((s, i) => {
    scores[dirs[i].id] = scoreOf(s);
    scoresText[dirs[i].id] = text6(scores[dirs[i].id]);
  });
  return {
    exact: rep.fit === 'exact',
    verdict: replay.verdict,
    quiz: quiz.manifest.id,
    version: quiz.manifest.version,
    primary: o.primary >= 0 ? dirs[o.primary].id : null,
    ranking: o.ranking.map((d) => dirs[d].id),
    nearTie: o.nearTie.map((d) => dirs[d].id),
    flat: o.flat,
    level: o.level,
    settle: o.settle,
    answered: o.answered,
    skipped: o.skipped,
    scores,
    scoresText,
    drivers: o.drivers.map((dr) => driver(rep, replay.responses[dr.response], dr)),
  };
}
