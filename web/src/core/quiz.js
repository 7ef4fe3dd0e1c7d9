// SPDX-License-Identifier: GPL-3.0-or-later
// Quizzes put together from the page data: a manifest with its directions file and banks, all
// by digest, in the shape scoring and form drawing need (direction indices resolved, correct
// answers as bit masks).

const KINDS = ['likert', 'choice', 'knowledge'];

function dirIndex(dirs, id) {
  return dirs.items.findIndex((d) => d.id === id);
}

function weights(dirs, list) {
  return (list ?? []).map((w) => ({ dir: w.dir, value: w.value, index: dirIndex(dirs, w.dir) }));
}

function question(dirs, bank, q) {
  let answer = 0;
  for (const i of q.answer ?? []) answer |= 1 << i;
  return {
    id: q.id, kind: KINDS.indexOf(q.kind), kindName: q.kind, level: q.level ?? 0,
    text: q.text ?? {}, explain: q.explain ?? {}, topic: q.topic ?? {},
    keys: weights(dirs, q.keys),
    options: (q.options ?? []).map((o) => ({ id: o.id, text: o.text ?? {}, fixed: !!o.fixed, weights: weights(dirs, o.weights) })),
    answer: answer >>> 0, bank,
  };
}

function bankModel(dirs, b) {
  const bank = { id: b.id, version: b.version, digest: b.digest, direction: b.direction ?? null, title: b.title ?? {} };
  bank.questions = (b.questions ?? []).map((q) => question(dirs, bank, q));
  return bank;
}

// A quiz from manifest m with the directions file and banks (by digest) of data; bankDigests
// gives the banks' digests in manifest order (the manifest's own, or those a result records
// for a released manifest). null when a file is missing.
export function makeQuiz(data, m, bankDigests, directionsDigest) {
  const dd = data.directions.find((d) => d.digest === directionsDigest);
  if (!dd) return null;
  const dirs = { digest: dd.digest, version: dd.version, items: dd.items ?? [] };
  const banks = [];
  for (const digest of bankDigests) {
    const b = data.banks.find((x) => x.digest === digest);
    if (!b) return null;
    banks.push(bankModel(dirs, b));
  }
  const ids = new Map();
  for (const b of banks) for (const q of b.questions) if (!ids.has(q.id)) ids.set(q.id, q);
  return {
    manifest: {
      id: m.id, version: m.version, digest: m.digest, title: m.title ?? {}, languages: m.languages ?? [],
      order: m.order ?? 'interleaved', shuffleOptions: m.shuffle_options !== false,
      scoring: { near_tie_confidence: 0, ...m.scoring },
      // mode: adaptive (docs/scoring.md, section 11) with the manifest's bounds (max_items 0:
      // every item of the form); page data made before adaptive quizzes holds fixed ones only.
      mode: m.mode === 'adaptive' ? 'adaptive' : 'fixed',
      adaptive: m.mode === 'adaptive' && m.adaptive ? { min_items: m.adaptive.min_items, max_items: m.adaptive.max_items, confidence: m.adaptive.confidence } : null,
      draws: (m.banks ?? []).map((b) => [b.draw?.likert ?? -1, b.draw?.choice ?? -1, b.draw?.knowledge ?? -1]),
      // The manifest's file name (the page data's "file"); verify names its path there.
      path: m.path ?? m.file ?? `${m.id} ${m.version}`,
    },
    directions: dirs,
    banks,
    question: (id) => ids.get(id) ?? null,
  };
}

// The quizzes the page holds as loaded (installed or given), in data order.
export function loadedQuizzes(data) {
  const out = [];
  for (const m of data.manifests ?? []) {
    if (m.released) continue;
    const q = makeQuiz(data, m, (m.banks ?? []).map((b) => b.digest), m.directions);
    if (q) out.push(q);
  }
  return out;
}
