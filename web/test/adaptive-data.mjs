// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by core.test.mjs and tools/adaptive-c.mjs: the page data of the adaptive tests (the
// fixture's placement and quick, with the adaptive manifests of tests/web/quizzes and
// tests/data/adaptive added as signpost verifier writes them), and answers to a whole form
// generated from a seed, so that the fixture of C's choices (fixtures/adaptive-c.json) need not
// hold the answers.
import fs from 'node:fs';
import path from 'node:path';
import { blake2b } from '@noble/hashes/blake2b';
import { LIKERT, CHOICE } from '../src/core/score.js';

const here = path.dirname(new URL(import.meta.url).pathname);
export const SRC = path.resolve(here, '../..');

// The adaptive manifests: [file (from the source tree), the fixture manifest they draw like,
// bounds as the manifest gives them (max_items 0: every item of the form)].
export const ADAPTIVE_MANIFESTS = [
  ['tests/web/quizzes/adaptive-placement.yaml', 'placement', { min_items: 14, max_items: 36, confidence: 0.95 }],
  ['tests/web/quizzes/adaptive-quick.yaml', 'quick', { min_items: 8, max_items: 0, confidence: 0.9 }],
  ['tests/data/adaptive/quiz.yaml', 'placement', { min_items: 14, max_items: 36, confidence: 0.95 }],
];

function hex(bytes) {
  return Buffer.from(bytes).toString('hex');
}

// fixtures/page-data.json with the adaptive manifests: each a copy of the fixed manifest it
// draws like (same banks, draw, order, scoring), under its own id and digest.
export function adaptiveData() {
  const data = JSON.parse(fs.readFileSync(path.join(here, 'fixtures', 'page-data.json'), 'utf8'));
  for (const [file, like, bounds] of ADAPTIVE_MANIFESTS) {
    const bytes = fs.readFileSync(path.join(SRC, file));
    const text = bytes.toString('utf8');
    const base = data.manifests.find((m) => m.id === like);
    data.manifests.push({
      ...base, digest: hex(blake2b(bytes, { dkLen: 32 })), id: /^id: (.*)$/m.exec(text)[1],
      version: /^version: (.*)$/m.exec(text)[1], path: file, mode: 'adaptive', adaptive: bounds,
    });
  }
  return data;
}

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Answers to every item of form ([{q}]) by a taker made from seed: a liking for each direction
// (some takers with one clear favourite, some torn between two, some with mixed likings, some
// with none at all), an ability that
// decides how often a knowledge item is right, and a few skips. {id: '3' | 'b' | ['a', 'c'] |
// 'skip'}.
export function answersFor(form, ndirs, seed) {
  const r = rng(seed * 7919 + 17);
  const like = Array.from({ length: ndirs }, () => r() * 2 - 1);
  const style = seed % 4; // 3: a taker who cannot choose, whom only the budget stops
  const torn = style === 3;
  const fav = Math.floor(r() * ndirs);
  if (style === 0) like[fav] = 1;
  if (style === 1) like[fav] = like[(fav + 1) % ndirs] = 0.9;
  const ability = torn ? 0.5 : r();
  if (torn) like.fill(0);
  const out = {};
  for (const { q } of form) {
    if (r() < 0.04) { out[q.id] = 'skip'; continue; }
    if (q.kind === LIKERT) {
      let x = 0;
      for (const k of q.keys) if (k.index >= 0) x += k.value * like[k.index];
      const v = torn ? 3 : Math.round(3 + 2 * Math.tanh(1.5 * x) + (r() - 0.5) * 1.6);
      out[q.id] = String(Math.min(5, Math.max(1, v)));
    } else if (q.kind === CHOICE) {
      let best = 0, bestV = -Infinity;
      q.options.forEach((o, i) => {
        let v = (r() - 0.5) * 0.8;
        for (const w of o.weights) if (w.index >= 0) v += w.value * like[w.index];
        if (v > bestV) { best = i; bestV = v; }
      });
      out[q.id] = q.options[best].id;
    } else {
      const right = [];
      q.options.forEach((o, i) => { if (q.answer & (1 << i)) right.push(o.id); });
      const several = right.length > 1;
      if (r() < ability) out[q.id] = several ? right : right[0];
      else if (several) out[q.id] = q.options.filter(() => r() < 0.5).map((o) => o.id).slice(0, 3).concat([]);
      else out[q.id] = q.options[Math.floor(r() * q.options.length)].id;
      if (Array.isArray(out[q.id]) && out[q.id].length === 0) out[q.id] = [q.options[0].id];
    }
  }
  return out;
}

// The answers as an answer file (docs/batch.md).
export function answersYaml(answers) {
  return Object.entries(answers).map(([id, v]) => `${id}: ${Array.isArray(v) ? `[${v.join(', ')}]` : v}\n`).join('');
}
