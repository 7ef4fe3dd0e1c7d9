// SPDX-License-Identifier: GPL-3.0-or-later
// Check 8 (engine/bank/quizset.c): finding the quiz a result names among those the page holds —
// the exact one (manifest, directions file and every bank by digest, id and version), else
// one put together from the released files by digest, else the closest one with every bank
// (partly replayed), else none; and a file whose digest the result records under another id
// or version (the result misnames what it was taken with). Only the quizzes the page holds and
// the one put together for this result count: the answer depends on the result alone.
import { makeQuiz, loadedQuizzes } from './quiz.js';
import { msg, compose } from './messages.js';

export const FIT_NONE = 'none', FIT_BANKS = 'banks', FIT_EXACT = 'exact', FIT_CONFLICT = 'conflict';

function hasBank(quiz, src) {
  return quiz.banks.some((b) => b.id === src.id && b.version === src.version && b.digest === src.digest);
}

function hasAllBanks(quiz, r) {
  return r.banks.every((src) => hasBank(quiz, src));
}

function sameDirections(quiz, r) {
  const items = quiz.directions.items;
  return r.scores.length === items.length && items.every((d, i) => r.scores[i].dir === d.id);
}

function sameManifest(quiz, r) {
  const m = quiz.manifest, d = quiz.directions;
  return m.digest === r.quiz.digest && m.id === r.quiz.id && m.version === r.quiz.version &&
    d.digest === r.directions.digest && d.version === r.directions.version;
}

function closeness(quiz, r) {
  if (quiz.manifest.id !== r.quiz.id) return 0;
  return quiz.manifest.version === r.quiz.version ? 2 : 1;
}

function bestQuiz(quizzes, r) {
  let fallback = null, best = -1;
  for (const q of quizzes) {
    if (!hasAllBanks(q, r) || !sameDirections(q, r)) continue;
    if (sameManifest(q, r)) return { quiz: q, fit: FIT_EXACT };
    const c = closeness(q, r);
    if (c > best) { best = c; fallback = q; }
  }
  return { quiz: fallback, fit: fallback ? FIT_BANKS : FIT_NONE };
}

function namedAs(src, id, version) {
  return (id === null || src.id === id) && src.version === version;
}

function phrase(kind, id, version) {
  return id !== null ? compose('%s %s %s', kind, id, version) : compose('%s version %s', kind, version);
}

function conflict(claimed, path, real) {
  return compose('the result names the %s, but the file with its digest (%s) is the %s', claimed, path, real);
}

function findConflict(quiz, r) {
  const m = quiz.manifest, rq = r.quiz;
  if (m.digest === rq.digest && !namedAs(rq, m.id, m.version))
    return conflict(phrase(msg('quiz'), rq.id, rq.version), m.path, phrase(msg('quiz'), m.id, m.version));
  const d = quiz.directions, rd = r.directions;
  if (d.digest === rd.digest && !namedAs(rd, null, d.version))
    return conflict(phrase(msg('directions file'), null, rd.version), d.path ?? `directions ${d.version}`,
      phrase(msg('directions file'), null, d.version));
  for (const rb of r.banks)
    for (const bk of quiz.banks)
      if (bk.digest === rb.digest && !namedAs(rb, bk.id, bk.version))
        return conflict(phrase(msg('bank'), rb.id, rb.version), bk.path ?? `${bk.id} ${bk.version}`,
          phrase(msg('bank'), bk.id, bk.version));
  return null;
}

function explainPartial(quiz, r) {
  if (quiz.manifest.digest !== r.quiz.digest)
    return msg('the manifest of quiz %s %s (digest %.12s) is not available here', r.quiz.id, r.quiz.version, r.quiz.digest);
  return msg('the directions file version %s (digest %.12s) of quiz %s %s is not available here',
    r.directions.version, r.directions.digest, r.quiz.id, r.quiz.version);
}

function explainMissing(quizzes, r) {
  for (const src of r.banks)
    if (!quizzes.some((q) => hasBank(q, src)))
      return msg("bank '%s' version %s (digest %.12s) is not available here", src.id, src.version, src.digest);
  return msg("no quiz here has all of the result's banks with the directions it scores");
}

// The released manifest the result names, put together with the files the result records
// (sp_release_load: the manifest by digest, its directions file and banks by the result's
// digests, as many banks as the manifest names).
function fromStore(data, r) {
  if (r.banks.length > 64) return null;
  const m = (data.manifests ?? []).find((x) => x.digest === r.quiz.digest);
  if (!m || (m.banks ?? []).length !== r.banks.length) return null;
  return makeQuiz(data, m, r.banks.map((b) => b.digest), r.directions.digest);
}

// Per page data, a cache that cannot change an answer: the quizzes the page holds as loaded,
// and the quiz put together from the store for each set of digests a result records (null when
// the store has not all of it). Neither depends on the results verified before.
const sets = new WeakMap();

function cacheOf(data) {
  let s = sets.get(data);
  if (!s) {
    s = { quizzes: loadedQuizzes(data), stored: new Map() };
    sets.set(data, s);
  }
  return s;
}

function ownFromStore(set, data, r) {
  const key = [r.quiz.digest, r.directions.digest, ...r.banks.map((b) => b.digest)].join(',');
  if (!set.stored.has(key)) set.stored.set(key, fromStore(data, r));
  return set.stored.get(key);
}

// sp_quizset_find: {fit, quiz, why}. The result is judged against the quizzes loaded and its
// own quiz from the store, never one put together for another result: the first loaded quiz
// that is exact; else its own quiz when exact, else the closest of all these with its banks.
export function findQuiz(data, r) {
  const set = cacheOf(data);
  let quizzes = set.quizzes;
  let m = bestQuiz(quizzes, r);
  if (m.fit !== FIT_EXACT) {
    const own = ownFromStore(set, data, r);
    if (own) {
      quizzes = [...quizzes, own];
      m = bestQuiz(quizzes, r);
    }
  }
  if (m.fit === FIT_EXACT) return { ...m, why: null };
  for (const q of quizzes) {
    const why = findConflict(q, r);
    if (why) return { fit: FIT_CONFLICT, quiz: q, why };
  }
  if (m.fit === FIT_BANKS) return { ...m, why: explainPartial(m.quiz, r) };
  return { ...m, why: explainMissing(quizzes, r) };
}
