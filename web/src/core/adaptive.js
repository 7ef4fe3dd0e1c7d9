// SPDX-License-Identifier: GPL-3.0-or-later
// Adaptive quizzes (engine/score/adaptive.c, docs/scoring.md section 11): which item of the form
// comes next and when the quiz stops, so that the page replays an adaptive result's choice of
// questions and its stop exactly as `signpost verify` does.
//
// The C rule works in 64-bit integers: weights and keys in thousandths, knowledge credit in
// 1/27720ths, fits in millionths, with C's truncating division. Here every such quantity is a
// BigInt: a product such as knowledge credit x 10^6 can pass 2^53, and BigInt division truncates
// toward zero as C's does. The only inputs taken from the floating-point scoring are those of
// sp_score (score.js mirrors it bit for bit): the primary direction, the near tie, the flat
// verdict and the standard errors of the gaps, rounded to millionths by fixed(), which is
// Math.floor(x * scale + 0.5) here as floor(x * scale + 0.5) in C: one correctly rounded product
// and sum each, then an exact floor.
import { score, confidenceZ, answerValid, LIKERT, CHOICE, KNOWLEDGE } from './score.js';

export const DEFAULT_MIN = 12;
export const DEFAULT_CONFIDENCE = 0.95;
export const MIN_PER_KIND = 2;
// sp_stop: index 0 is "goes on".
export const STOPS = [null, 'settled', 'curtailed', 'budget'];
export const [STOP_NO, STOP_SETTLED, STOP_CURTAILED, STOP_BUDGET] = [0, 1, 2, 3];

const PPM = 1000000n;
const CREDIT_UNIT = 27720n;
const SE_PRIOR = 250000n;
const TAIL = [500n, 401n, 309n, 227n, 159n, 106n, 67n, 40n, 23n, 12n, 6n, 3n, 1n];

// sp_adaptive_bounds_for: the manifest's bounds when the quiz is adaptive, else the defaults of
// `take --adaptive`; max_items never more than the form has, nor min_items more than max_items.
export function boundsFor(manifest, count) {
  let b = { min_items: DEFAULT_MIN, max_items: count, confidence: DEFAULT_CONFIDENCE };
  if (manifest.mode === 'adaptive' && manifest.adaptive) b = { ...manifest.adaptive };
  if (b.max_items === 0 || b.max_items > count) b.max_items = count;
  if (b.min_items > b.max_items) b.min_items = b.max_items;
  return b;
}

function fixed(x, scale) {
  return BigInt(Math.floor(x * scale + 0.5));
}

function abs(x) {
  return x < 0n ? -x : x;
}

function bits(x) {
  let n = 0;
  for (x >>>= 0; x; x = (x & (x - 1)) >>> 0) n++;
  return n;
}

// Question ids are ASCII ([A-Za-z0-9][A-Za-z0-9_.-]*, bank.md), so JavaScript's comparison of
// UTF-16 code units is C's strcmp on the bytes.
function idBefore(a, b) {
  return a < b;
}

// ---- One item, in integers ----

function keyOf(q, d) {
  let k = 0n;
  for (const key of q.keys) if (key.index === d) k += fixed(key.value, 1000);
  return k;
}

function optionW(q, o, d) {
  for (const w of q.options[o].weights) if (w.index === d) return fixed(w.value, 1000);
  return 0n;
}

function optionRange(q, d) {
  let lo = 0n, hi = 0n;
  for (let o = 0; o < q.options.length; o++) {
    const w = optionW(q, o, d);
    if (o === 0 || w < lo) lo = w;
    if (o === 0 || w > hi) hi = w;
  }
  return [lo, hi];
}

function interestRange(q, d) {
  if (q.kind === LIKERT) return 4n * abs(keyOf(q, d));
  if (q.kind !== CHOICE) return 0n;
  const [lo, hi] = optionRange(q, d);
  return 2n * (hi - lo);
}

function interestEarned(q, d, vOrO) {
  if (q.kind === LIKERT) {
    const w = keyOf(q, d);
    return w * (BigInt(vOrO) - 3n) + 2n * abs(w);
  }
  const [lo] = optionRange(q, d);
  return 2n * (optionW(q, vOrO, d) - lo);
}

function creditUnits(q, a) {
  if (a.state !== 'given') return 0n;
  const correct = bits(q.answer), wrong = q.options.length - correct;
  let c = BigInt(bits(a.chosen & q.answer)) * CREDIT_UNIT / BigInt(correct);
  if (wrong > 0) c -= BigInt(bits(a.chosen & ~q.answer)) * CREDIT_UNIT / BigInt(wrong);
  return c > 0n ? c : 0n;
}

function chosenOption(a) {
  let o = 0;
  while (o < 31 && !(a.chosen & (1 << o))) o++;
  return o;
}

function newSums(ndirs) {
  const z = () => new Array(ndirs).fill(0n);
  return { isum: z(), irange: z(), kcred: z(), kw: z() };
}

function addResponse(s, ndirs, r) {
  const { q, a } = r;
  for (let d = 0; d < ndirs; d++) {
    if (q.kind === KNOWLEDGE) {
      const k = keyOf(q, d);
      if (k > 0n) {
        s.kw[d] += k * CREDIT_UNIT;
        s.kcred[d] += k * creditUnits(q, a);
      }
      continue;
    }
    const range = a.state === 'given' ? interestRange(q, d) : 0n;
    if (range <= 0n) continue;
    const v = q.kind === LIKERT ? a.value : chosenOption(a);
    s.irange[d] += range;
    s.isum[d] += interestEarned(q, d, v);
  }
}

// ---- Fits in millionths ----

// Direction d's fit from the sums, or null when nothing measures d.
function fitOf(c, d) {
  const s = c.s;
  const hi = s.irange[d] > 0n, ha = s.kw[d] > 0n;
  if (!hi && !ha) return null;
  const inn = hi ? s.isum[d] * PPM / s.irange[d] : 0n;
  const ap = ha ? s.kcred[d] * PPM / s.kw[d] : 0n;
  if (hi && ha) return (c.a * inn + (PPM - c.a) * ap) / PPM;
  return hi ? inn : ap;
}

function contestWeight(g, se) {
  if (g <= 0n) return 500n;
  if (se <= 0n) return 0n;
  const t = g * 100n / se;
  const i = Number(t / 25n), f = t % 25n;
  if (i >= 12) return 0n;
  return TAIL[i] - (TAIL[i] - TAIL[i + 1]) * f / 25n;
}

// ---- Selection ----

function interestShare(c, d) {
  return c.s.kw[d] > 0n ? c.a : PPM;
}

function knowledgeShare(c, d) {
  return c.s.irange[d] > 0n ? PPM - c.a : PPM;
}

function contribution(c, q, d, k) {
  if (q.kind === KNOWLEDGE) {
    const key = keyOf(q, d);
    if (key <= 0n) return 0n;
    const cr = k ? CREDIT_UNIT : 0n;
    return knowledgeShare(c, d) * key * cr / (c.s.kw[d] + key * CREDIT_UNIT);
  }
  const range = interestRange(q, d);
  if (range <= 0n) return 0n;
  const v = q.kind === LIKERT ? (k ? 5 : 1) : k;
  return interestShare(c, d) * interestEarned(q, d, v) / (c.s.irange[d] + range);
}

function answerCount(q) {
  return q.kind === CHOICE ? q.options.length : 2;
}

function leverage(c, q, x, y) {
  let lo = 0n, hi = 0n;
  for (let k = 0; k < answerCount(q); k++) {
    const g = contribution(c, q, x, k) - (y >= 0 ? contribution(c, q, y, k) : 0n);
    if (k === 0 || g < lo) lo = g;
    if (k === 0 || g > hi) hi = g;
  }
  return hi - lo;
}

function gapSe(c, d) {
  const s = c.o.scores[d];
  return s.hasGapSe ? fixed(s.gapSe, 1e6) : SE_PRIOR;
}

// Each direction's contest weight against the leader in w; returns their sum.
function contestWeights(c, w) {
  let total = 0n;
  const lead = c.o.primary;
  const top = lead >= 0 ? fitOf(c, lead) : null;
  if (top === null) return 0n;
  for (let d = 0; d < c.ndirs; d++) {
    w[d] = 0n;
    const fit = d === lead ? null : fitOf(c, d);
    if (fit === null) continue;
    w[d] = contestWeight(top - fit, gapSe(c, d));
    total += w[d];
  }
  return total;
}

function itemValue(c, q, w, open) {
  let v = 0n;
  const lead = c.o.primary;
  for (let d = 0; d < c.ndirs; d++) {
    if (lead < 0) v += leverage(c, q, d, -1);
    else if (d !== lead) v += (open ? w[d] : 1n) * leverage(c, q, lead, d);
  }
  return v;
}

// ---- Requirements: a sensible form ----

function newReqs(ndirs) {
  return { interest: new Array(ndirs).fill(false), knowledge: new Array(ndirs).fill(false),
    level: [false, false, false, false, false], kind: [0, 0, 0] };
}

function noteAsked(r, x, ndirs) {
  const { q } = x;
  r.kind[q.kind]++;
  if (q.kind === KNOWLEDGE && q.level <= 4) r.level[q.level] = true;
  for (let d = 0; d < ndirs; d++) {
    if (q.kind === KNOWLEDGE) r.knowledge[d] = r.knowledge[d] || keyOf(q, d) > 0n;
    else if (x.a.state === 'given') r.interest[d] = r.interest[d] || interestRange(q, d) > 0n;
  }
}

function needsMet(r, q, ndirs) {
  let n = r.kind[q.kind] < MIN_PER_KIND ? 1 : 0;
  if (q.kind === KNOWLEDGE && q.level <= 4 && !r.level[q.level]) n++;
  for (let d = 0; d < ndirs; d++) {
    if (q.kind === KNOWLEDGE) n += !r.knowledge[d] && keyOf(q, d) > 0n ? 1 : 0;
    else n += !r.interest[d] && interestRange(q, d) > 0n ? 1 : 0;
  }
  return n;
}

// ---- Stopping ----

// The most the budget left could add to d's interest and knowledge denominators.
function mostAdded(c, d, budget) {
  const out = [];
  for (let pass = 0; pass < 2; pass++) {
    const xs = [];
    for (let i = 0; i < c.form.length; i++) {
      if (c.asked[i]) continue;
      const q = c.form[i].q;
      const x = pass === 0 ? interestRange(q, d) : q.kind === KNOWLEDGE ? keyOf(q, d) * CREDIT_UNIT : 0n;
      if (x > 0n) xs.push(x);
    }
    xs.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    let sum = 0n;
    for (let i = 0; i < xs.length && i < budget; i++) sum += xs[i];
    out.push(sum);
  }
  return out;
}

// C's (a + b - 1) / b, truncating as C does.
function ceilDiv(a, b) {
  return (a + b - 1n) / b;
}

function fitBound(c, d, budget, lowest) {
  const s = c.s;
  const [ri, rk] = mostAdded(c, d, budget);
  const hi = s.irange[d] > 0n, ha = s.kw[d] > 0n;
  if ((!hi && ri > 0n) || (!ha && rk > 0n) || (!hi && !ha)) return lowest ? 0n : PPM;
  let inn = 0n, ap = 0n;
  if (hi)
    inn = lowest ? s.isum[d] * PPM / (s.irange[d] + ri) : ceilDiv((s.isum[d] + ri) * PPM, s.irange[d] + ri);
  if (ha)
    ap = lowest ? s.kcred[d] * PPM / (s.kw[d] + rk) : ceilDiv((s.kcred[d] + rk) * PPM, s.kw[d] + rk);
  if (hi && ha)
    return lowest ? (c.a * inn + (PPM - c.a) * ap) / PPM : ceilDiv(c.a * inn + (PPM - c.a) * ap, PPM);
  return hi ? inn : ap;
}

function curtailed(c, budget) {
  const lead = c.o.primary;
  if (lead < 0) return false;
  const floorLead = fitBound(c, lead, budget, true);
  for (let d = 0; d < c.ndirs; d++)
    if (d !== lead && fitBound(c, d, budget, false) >= floorLead) return false;
  return true;
}

// isqrt64: the integer square root of x >= 0 (the largest r with r * r <= x), bit by bit as C
// computes it, so that the boundary is exact and the same on both sides.
export function isqrt(x) {
  let r = 0n, bit = 1n << 62n;
  while (bit > x) bit >>= 2n;
  for (; bit; bit >>= 2n) {
    if (x >= r + bit) {
      x -= r + bit;
      r = (r >> 1n) + bit;
    } else {
      r >>= 1n;
    }
  }
  return r;
}

// The z a lead must reach after n items, in thousandths: z * sqrt(max_items / n), an
// O'Brien-Fleming-like boundary, stricter early against optional stopping; z itself at the budget.
function boundary(c, z) {
  const n = BigInt(c.n), max = BigInt(c.b.max_items);
  if (n <= 0n || n >= max) return z;
  return z * isqrt(max * PPM / n) / 1000n;
}

// The leader is settled: no near tie, no flat profile, and a lead over every runner-up beyond the
// margin and at least boundary(z) standard errors of the gap.
function settled(c) {
  const lead = c.o.primary;
  const zd = confidenceZ(c.b.confidence);
  const top = lead >= 0 ? fitOf(c, lead) : null;
  if (lead < 0 || c.o.nearTie.length > 0 || c.o.flat !== 'none' || zd === null || top === null) return false;
  const z = boundary(c, fixed(zd, 1000)), margin = fixed(c.p.near_tie, 1e6);
  for (let d = 0; d < c.ndirs; d++) {
    const fit = d === lead ? null : fitOf(c, d);
    if (fit === null) continue;
    const s = c.o.scores[d];
    const g = top - fit;
    if (g <= margin || !s.hasGapSe || g * 1000n < z * fixed(s.gapSe, 1e6)) return false;
  }
  return true;
}

// ---- Deciding ----

function better(x, y, form) {
  if (x.need !== y.need) return x.need > y.need;
  if (x.value !== y.value) return x.value > y.value;
  return idBefore(form[x.index].q.id, form[y.index].q.id);
}

function pick(c, r) {
  const w = new Array(c.ndirs).fill(0n);
  const contest = contestWeights(c, w) > 0n;
  let best = { index: -1, need: 0, value: 0n };
  let open = false;
  for (let i = 0; i < c.form.length; i++) {
    if (c.asked[i]) continue;
    const q = c.form[i].q;
    const x = { index: i, need: needsMet(r, q, c.ndirs), value: itemValue(c, q, w, contest) };
    open = open || x.need > 0;
    if (best.index < 0 || better(x, best, c.form)) best = x;
  }
  return { next: best.index, open };
}

// fill_ctx: false when an item asked is not one of the form's not asked before, or its answer
// is not a possible one.
function fillCtx(c, asked) {
  for (const x of asked) {
    const at = c.form.findIndex((f) => f.q.id === x.q.id);
    if (at < 0 || c.asked[at] || x.a.state === 'none' || !answerValid(x.q, x.a)) return false;
    c.asked[at] = true;
    addResponse(c.s, c.ndirs, x);
  }
  c.o = score(c.dirs, c.p, asked);
  return c.o !== null;
}

// sp_adaptive_decide: after the items asked ([{q, a}], in the order asked), {stop, next} (next:
// the form index of the item to ask next, -1 when none is left), or null where C says
// SP_EINVAL. dirs, p, b: the quiz's directions, scoring and bounds; form: drawForm's.
export function decide(dirs, p, b, form, asked) {
  const n = asked.length;
  const ndirs = dirs.items.length;
  const c = { dirs, p, b, form, ndirs, a: fixed(p.interest_weight, 1e6), s: newSums(ndirs), o: null,
    asked: new Array(form.length).fill(false), n };
  if (n > form.length || !fillCtx(c, asked)) return null;
  const r = newReqs(ndirs);
  for (const x of asked) noteAsked(r, x, ndirs);
  const { next, open } = pick(c, r);
  let stop = STOP_NO;
  const budget = b.max_items > n ? b.max_items - n : 0;
  // Curtailment fixes the leader, not the near tie: a result without one must also pass the
  // settled boundary, else the items left (which could still bring the gap within the near tie)
  // are asked.
  const mayStop = n >= b.min_items && !open;
  const honest = c.o.nearTie.length > 0 || settled(c);
  if (mayStop && budget > 0 && honest && curtailed(c, budget)) stop = STOP_CURTAILED;
  else if (mayStop && settled(c)) stop = STOP_SETTLED;
  else if (budget === 0 || next < 0) stop = STOP_BUDGET;
  return { stop, next };
}

// sp_adaptive_run: a whole adaptive quiz over answers[i] (of form item i; state 'none' counts as
// a skip), asking on up to goOn items after the stop. {order, stop, after} or null.
export function run(dirs, p, b, form, answers, goOn = 0) {
  const asked = [], order = [];
  let stop = STOP_NO, after = 0;
  for (;;) {
    const st = decide(dirs, p, b, form, asked);
    if (!st) return null;
    if (stop === STOP_NO && st.stop !== STOP_NO) {
      stop = st.stop;
      after = asked.length;
    }
    if ((stop !== STOP_NO && asked.length >= goOn) || st.next < 0) break;
    order.push(st.next);
    const a = answers[st.next];
    asked.push({ q: form[st.next].q, a: a.state === 'none' ? { ...a, state: 'skip' } : a });
  }
  return { order, stop, after };
}
