// SPDX-License-Identifier: GPL-3.0-or-later
// Drawing the form of a quiz for a seed (engine/form.c): the items of each bank by kind, in
// the manifest's order, and each item's option order.
import { Rng } from './rng.js';

const KIND_NAMES = ['likert', 'choice', 'knowledge'];
const DRAW_ALL = -1;

// A partial Fisher-Yates over bank's items of kind k, in file order.
function drawKind(bank, k, want, seed) {
  const pool = bank.questions.filter((q) => q.kind === k);
  const have = pool.length;
  const take = want === DRAW_ALL || want > have ? have : want;
  const rng = Rng.derive(seed, KIND_NAMES[k], bank.id);
  for (let i = 0; i < take; i++) {
    const j = i + rng.below(have - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.slice(0, take);
}

function interleaved(draws, seed) {
  const items = [];
  const nb = draws.length;
  for (let k = 0; k < 3; k++) {
    const turn = [...Array(nb).keys()];
    const most = Math.max(0, ...draws.map((d) => d[k].length));
    Rng.derive(seed, 'turns', KIND_NAMES[k]).shuffle(turn);
    for (let round = 0; round < most; round++)
      for (let t = 0; t < nb; t++) if (round < draws[turn[t]][k].length) items.push(draws[turn[t]][k][round]);
  }
  return items;
}

function grouped(draws) {
  const items = [];
  for (const d of draws) for (let k = 0; k < 3; k++) items.push(...d[k]);
  return items;
}

function random(draws, seed) {
  const items = grouped(draws);
  const rng = Rng.derive(seed, 'order', 'random');
  for (let i = items.length; i > 1; i--) {
    const j = rng.below(i);
    const t = items[i - 1];
    items[i - 1] = items[j];
    items[j] = t;
  }
  return items;
}

// The order options are shown in: shown[i] is the option at place i; fixed ones stay.
export function optionOrder(q, seed, shuffle) {
  const shown = q.options.map((_, i) => i);
  const movable = shown.filter((i) => !q.options[i].fixed);
  if (!shuffle || movable.length < 2) return shown;
  Rng.derive(seed, 'options', q.id).shuffle(movable);
  let next = 0;
  for (let i = 0; i < q.options.length; i++) if (!q.options[i].fixed) shown[i] = movable[next++];
  return shown;
}

// The form: [{q, shown}] in the order asked; null when the seed is out of range.
export function drawForm(quiz, seed) {
  const s = BigInt(seed);
  if (s < 0n || s > (1n << 53n) - 1n) return null;
  const m = quiz.manifest;
  const draws = quiz.banks.map((b, i) => [0, 1, 2].map((k) => drawKind(b, k, (m.draws[i] ?? [-1, -1, -1])[k], s)));
  const items = m.order === 'grouped' ? grouped(draws) : m.order === 'random' ? random(draws, s) : interleaved(draws, s);
  return items.map((q) => ({ q, shown: optionOrder(q, s, m.shuffleOptions) }));
}
