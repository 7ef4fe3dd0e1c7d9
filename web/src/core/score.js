// SPDX-License-Identifier: GPL-3.0-or-later
// The scoring model (engine/score.c, docs/scoring.md), with the same floating-point
// operations in the same order, so that every double is C's bit for bit: interest, aptitude,
// fit, the ranking and its tie-breaks, the jackknife uncertainty, near ties, the flat
// profile, the level and the drivers.

export const LIKERT = 0, CHOICE = 1, KNOWLEDGE = 2;
export const SETTLE_MAX = 1000;
const MAX_DRIVERS = 5;

const Z_TABLE = [[0.5, 0], [0.6, 0.253347], [0.7, 0.524401], [0.75, 0.674490], [0.8, 0.841621],
  [0.85, 1.036433], [0.9, 1.281552], [0.95, 1.644854], [0.975, 1.959964], [0.99, 2.326348]];

// sp_confidence_z: the z of a confidence, or null when it is not one of the table's.
export function confidenceZ(c) {
  for (const [k, z] of Z_TABLE) if (k === c) return z;
  return null;
}

function popcount(x) {
  let n = 0;
  for (x >>>= 0; x; x &= x - 1) n++;
  return n;
}

// C's round(): half away from zero.
function cround(x) {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

// Scores compared on a grid of 1e-9 (so that 0.1 + 0.2 and 0.3 tie).
function grid(x) {
  return cround(x * 1e9);
}

export function answerValid(q, a) {
  if (a.state !== 'given') return a.state === 'none' || a.state === 'skip';
  if (q.kind === LIKERT) return a.value >= 1 && a.value <= 5;
  const all = q.options.length >= 32 ? 0xffffffff : (2 ** q.options.length) - 1;
  if (a.chosen === 0 || ((a.chosen & ~all) >>> 0) !== 0) return false;
  if (q.kind === KNOWLEDGE && popcount(q.answer) > 1) return true;
  return popcount(a.chosen) === 1;
}

export function knowledgeCredit(q, a) {
  if (a.state !== 'given') return 0;
  const correct = popcount(q.answer);
  const wrong = q.options.length - correct;
  const hits = popcount(a.chosen & q.answer);
  const misses = popcount(a.chosen & ~q.answer);
  const credit = hits / correct - (wrong > 0 ? misses / wrong : 0);
  return credit > 0 ? credit : 0;
}

function optionWeight(q, o, d) {
  for (const w of q.options[o].weights) if (w.index === d) return w.value;
  return 0;
}

function choiceRange(q, d, chosen) {
  let lo = 0, hi = 0, got = 0;
  for (let o = 0; o < q.options.length; o++) {
    const w = optionWeight(q, o, d);
    if (o === 0 || w < lo) lo = w;
    if (o === 0 || w > hi) hi = w;
    if (chosen & (1 << o)) got = w;
  }
  return [lo, hi, got];
}

function likertX(a) {
  return (a.value - 3) / 2.0;
}

function newTally(n) {
  const z = () => new Array(n).fill(0);
  return { sum: z(), low: z(), high: z(), kweight: z(), kcredit: z(), levelCredit: [0, 0, 0, 0, 0],
    likertFirst: 0, likertMixed: false, likertCount: 0 };
}

function tallyLikert(t, q, a, out) {
  const x = likertX(a);
  for (const k of q.keys) {
    const d = k.index;
    if (d < 0 || d >= out.ndirs) continue;
    const w = k.value;
    t.sum[d] += w * x;
    t.low[d] -= Math.abs(w);
    t.high[d] += Math.abs(w);
    out.scores[d].interestItems++;
  }
  if (t.likertCount++ === 0) t.likertFirst = a.value;
  else if (a.value !== t.likertFirst) t.likertMixed = true;
}

function tallyChoice(t, q, a, out) {
  for (let d = 0; d < out.ndirs; d++) {
    const [lo, hi, got] = choiceRange(q, d, a.chosen);
    if (hi <= lo) continue;
    t.sum[d] += got;
    t.low[d] += lo;
    t.high[d] += hi;
    out.scores[d].interestItems++;
  }
}

function tallyKnowledge(t, q, a, out) {
  const credit = knowledgeCredit(q, a);
  for (const k of q.keys) {
    const d = k.index;
    if (d < 0 || d >= out.ndirs) continue;
    t.kweight[d] += k.value;
    t.kcredit[d] += k.value * credit;
    out.scores[d].knowledgeItems++;
  }
  if (q.level >= 1 && q.level <= 4) {
    t.levelCredit[q.level] += credit;
    out.levelItems[q.level]++;
  }
}

function tallyAll(t, r, out) {
  for (const { q, a } of r) {
    if (!answerValid(q, a)) return false;
    if (a.state === 'none') continue;
    if (a.state === 'skip') out.skipped++;
    else out.answered++;
    if (q.kind === KNOWLEDGE) tallyKnowledge(t, q, a, out);
    else if (a.state === 'skip') continue;
    else if (q.kind === LIKERT) tallyLikert(t, q, a, out);
    else tallyChoice(t, q, a, out);
  }
  return true;
}

function clamp01(x) {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function scoreDir(t, p, d) {
  const s = { hasInterest: t.high[d] > t.low[d], hasAptitude: t.kweight[d] > 0, interest: 0, aptitude: 0, fit: 0 };
  if (s.hasInterest) s.interest = clamp01((t.sum[d] - t.low[d]) / (t.high[d] - t.low[d]));
  if (s.hasAptitude) s.aptitude = clamp01(t.kcredit[d] / t.kweight[d]);
  if (s.hasInterest && s.hasAptitude) s.fit = p.interest_weight * s.interest + (1 - p.interest_weight) * s.aptitude;
  else s.fit = s.hasInterest ? s.interest : s.aptitude;
  return s;
}

function ranksBefore(o, a, b) {
  const x = o.scores[a], y = o.scores[b];
  if (grid(x.fit) !== grid(y.fit)) return x.fit > y.fit;
  const xi = x.hasInterest ? grid(x.interest) : -1;
  const yi = y.hasInterest ? grid(y.interest) : -1;
  if (xi !== yi) return xi > yi;
  return a < b;
}

function rank(o) {
  o.ranking = [];
  for (let d = 0; d < o.ndirs; d++) {
    if (!o.scores[d].hasInterest && !o.scores[d].hasAptitude) continue;
    let j = o.ranking.length;
    o.ranking.push(d);
    while (j > 0 && ranksBefore(o, d, o.ranking[j - 1])) {
      o.ranking[j] = o.ranking[j - 1];
      j--;
    }
    o.ranking[j] = d;
  }
  o.primary = o.ranking.length ? o.ranking[0] : -1;
}

// ---- Uncertainty ----

function informative(r) {
  return r.a.state === 'given' || (r.a.state === 'skip' && r.q.kind === KNOWLEDGE);
}

function itemSums(r, ndirs) {
  const scratch = { ndirs, scores: Array.from({ length: ndirs }, () => ({ interestItems: 0, knowledgeItems: 0 })), levelItems: [0, 0, 0, 0, 0] };
  const c = newTally(ndirs);
  if (r.q.kind === KNOWLEDGE) tallyKnowledge(c, r.q, r.a, scratch);
  else if (r.q.kind === LIKERT) tallyLikert(c, r.q, r.a, scratch);
  else tallyChoice(c, r.q, r.a, scratch);
  return c;
}

function leaveOut(t, c, ndirs) {
  const out = newTally(ndirs);
  for (let d = 0; d < ndirs; d++) {
    out.sum[d] = t.sum[d] - c.sum[d];
    out.low[d] = t.low[d] - c.low[d];
    out.high[d] = t.high[d] - c.high[d];
    out.kweight[d] = t.kweight[d] - c.kweight[d];
    out.kcredit[d] = t.kcredit[d] - c.kcredit[d];
  }
  return out;
}

function running() {
  return { n: 0, mean: 0, m2: 0, broken: false };
}

function runAdd(r, x) {
  r.n += 1;
  const delta = x - r.mean;
  r.mean += delta / r.n;
  r.m2 += delta * (x - r.mean);
}

function runSe(r) {
  if (r.broken || r.n < 2) return null;
  const v = (r.n - 1) / r.n * r.m2;
  let se = v > 0 ? Math.sqrt(v) : 0;
  if (se > 1) se = 1;
  return se;
}

function findUncertainty(o, t, p, r) {
  const fit = Array.from({ length: o.ndirs }, running);
  const gap = Array.from({ length: o.ndirs }, running);
  const top = o.primary;
  for (const item of r) {
    if (!informative(item)) continue;
    const rest = leaveOut(t, itemSums(item, o.ndirs), o.ndirs);
    const s = [];
    for (let d = 0; d < o.ndirs; d++) s.push(scoreDir(rest, p, d));
    const topOk = top >= 0 && (s[top].hasInterest || s[top].hasAptitude);
    for (let d = 0; d < o.ndirs; d++) {
      const ok = s[d].hasInterest || s[d].hasAptitude;
      fit[d].broken = fit[d].broken || !ok;
      gap[d].broken = gap[d].broken || !ok || !topOk;
      if (ok) runAdd(fit[d], s[d].fit);
      if (ok && topOk) runAdd(gap[d], s[top].fit - s[d].fit);
    }
  }
  for (let d = 0; d < o.ndirs; d++) {
    const s = o.scores[d];
    if (!s.hasInterest && !s.hasAptitude) continue;
    const se = runSe(fit[d]);
    s.hasSe = se !== null;
    if (s.hasSe) s.se = se;
    const g = d !== top ? runSe(gap[d]) : null;
    s.hasGapSe = g !== null;
    if (s.hasGapSe) s.gapSe = g;
  }
}

function moreItems(gap, se, z, m) {
  if (grid(gap) <= 0) return SETTLE_MAX;
  const ratio = z * se / gap;
  const more = Math.ceil(m * ratio * ratio - m);
  return more >= SETTLE_MAX ? SETTLE_MAX : more < 1 ? 1 : Math.trunc(more);
}

function informativeCount(r) {
  let m = 0;
  for (const x of r) m += informative(x) ? 1 : 0;
  return m;
}

function findTies(o, p, r) {
  if (o.ranking.length < 2) return;
  let z = 0;
  let uncertain = false;
  if (p.near_tie_confidence > 0) {
    const zz = confidenceZ(p.near_tie_confidence);
    uncertain = zz !== null;
    if (uncertain) z = zz;
  }
  const top = o.scores[o.ranking[0]].fit;
  const m = uncertain ? informativeCount(r) : 0;
  o.exactTie = grid(o.scores[o.ranking[1]].fit) === grid(top);
  for (let i = 1; i < o.ranking.length; i++) {
    const s = o.scores[o.ranking[i]];
    const gap = top - s.fit;
    const close = grid(gap) <= grid(p.near_tie);
    const unsettled = uncertain && s.hasGapSe && grid(gap) < grid(z * s.gapSe);
    if (!close && !unsettled) continue;
    o.nearTie.push(o.ranking[i]);
    const more = close ? 0 : moreItems(gap, s.gapSe, z, m);
    if (more > o.settle) o.settle = more;
  }
}

function findFlat(o, t, p) {
  if (t.likertCount >= 3 && !t.likertMixed) {
    o.flat = 'same-likert';
    return;
  }
  if (o.ranking.length < 2) return;
  const top = o.scores[o.ranking[0]].fit;
  const bottom = o.scores[o.ranking[o.ranking.length - 1]].fit;
  if (grid(top - bottom) < grid(p.flat)) o.flat = 'close-fits';
}

const LEVEL_AFTER = ['entry', 'entry', 'advanced', 'professional', 'expert'];

function findLevel(o, t, p) {
  let any = 0;
  o.levelShare = [-1, -1, -1, -1, -1];
  for (let l = 1; l <= 4; l++) {
    any += o.levelItems[l];
    o.levelShare[l] = o.levelItems[l] ? t.levelCredit[l] / o.levelItems[l] : -1;
  }
  if (!any) {
    o.level = 'unknown';
    return;
  }
  let passed = 0;
  for (let l = 1; l <= 4; l++) {
    if (!o.levelItems[l]) continue;
    if (o.levelShare[l] < p.level_pass) break;
    passed = l;
  }
  o.level = LEVEL_AFTER[passed];
}

// ---- Drivers ----

function effectOn(o, t, p, r, d) {
  const s = o.scores[d];
  const q = r.q;
  const fi = s.hasAptitude ? p.interest_weight : 1;
  const fa = s.hasInterest ? 1 - p.interest_weight : 1;
  let effect = 0;
  if (q.kind === KNOWLEDGE) {
    const credit = knowledgeCredit(q, r.a);
    for (const k of q.keys)
      if (k.index === d && t.kweight[d] > 0) effect += fa * k.value * (credit - 0.5) / t.kweight[d];
    return effect;
  }
  if (r.a.state !== 'given' || !s.hasInterest) return 0;
  const range = t.high[d] - t.low[d];
  if (q.kind === LIKERT) {
    for (const k of q.keys) if (k.index === d) effect += fi * k.value * likertX(r.a) / range;
    return effect;
  }
  const [lo, hi, got] = choiceRange(q, d, r.a.chosen);
  return hi > lo ? fi * (got - (lo + hi) / 2) / range : 0;
}

function findDrivers(o, t, p, r) {
  o.drivers = [];
  if (o.primary < 0) return;
  for (let i = 0; i < r.length; i++) {
    if (r[i].a.state === 'none') continue;
    const e = effectOn(o, t, p, r[i], o.primary);
    if (e <= 0) continue;
    let j = o.drivers.length < MAX_DRIVERS ? o.drivers.length : MAX_DRIVERS;
    if (o.drivers.length < MAX_DRIVERS) o.drivers.push(null);
    while (j > 0 && grid(o.drivers[j - 1].effect) < grid(e)) {
      if (j < MAX_DRIVERS) o.drivers[j] = o.drivers[j - 1];
      j--;
    }
    if (j < MAX_DRIVERS) o.drivers[j] = { response: i, effect: e };
  }
}

// sp_score: the outcome of responses [{q, a}] under scoring p for directions dirs, or null
// when an answer does not fit its question.
export function score(dirs, p, r) {
  const ndirs = Math.min(dirs.items.length, 16);
  const out = {
    ndirs, primary: -1, answered: 0, skipped: 0, ranking: [], nearTie: [], settle: 0, exactTie: false,
    flat: 'none', level: 'unknown', levelItems: [0, 0, 0, 0, 0], drivers: [],
    scores: Array.from({ length: ndirs }, () => ({ interestItems: 0, knowledgeItems: 0 })),
  };
  let t = newTally(ndirs);
  if (!tallyAll(t, r, out)) return null;
  if (out.answered === 0) {
    t = newTally(ndirs);
    for (const s of out.scores) s.interestItems = s.knowledgeItems = 0;
    out.levelItems = [0, 0, 0, 0, 0];
  }
  for (let d = 0; d < ndirs; d++) out.scores[d] = { ...out.scores[d], ...scoreDir(t, p, d), hasSe: false, hasGapSe: false, se: 0, gapSe: 0 };
  rank(out);
  if (p.near_tie_confidence > 0) findUncertainty(out, t, p, r);
  findTies(out, p, r);
  findFlat(out, t, p);
  findLevel(out, t, p);
  findDrivers(out, t, p, r);
  return out;
}
