// What the page shows of one Outcome, worked out without the DOM: the quiz, directions and
// questions from the page data that the result names, and the outcome to show (the replayed
// one when there is a replay, else the one the file records). Pure functions, tested under
// node (web/test/ui.test.mjs).
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

// The result's settle value that means "more questions would hardly settle it" (SP_SETTLE_MAX).
export const SETTLE_MAX = 1000;

// The width of a fit's bar in percent of the chart, 0 to 100 with one decimal; a fit that is
// not a finite number (not measured) has no bar: null.
export function barPercent(fit) {
  if (typeof fit !== 'number' || !Number.isFinite(fit)) return null;
  const f = fit < 0 ? 0 : fit > 1 ? 1 : fit;
  return Math.round(f * 1000) / 10;
}

// "0.47" as show prints a fit in its chart; "–" for none.
export function formatFit(fit) {
  return typeof fit === 'number' && Number.isFinite(fit) ? fit.toFixed(2) : '–';
}

// {date, time} of a result's time "2026-11-23T18:04:09Z" (shown "2026-11-23 18:04 UTC", as
// show does), or the text itself when it is not one.
export function splitTime(iso) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}):\d{2}Z$/.exec(String(iso ?? ''));
  return m ? { date: m[1], time: m[2] } : { date: String(iso ?? '?'), time: '' };
}

// The first sentence of a text, up to ". ", "。", "！" or "？" (screen.c's first_sentence).
export function firstSentence(text) {
  let n = text.length;
  for (const end of ['. ', '。', '！', '？']) {
    const i = text.indexOf(end);
    if (i >= 0) n = Math.min(n, i + (end === '. ' ? 1 : end.length));
  }
  return text.slice(0, n);
}

// The answers of a body as [questionId, answer] pairs in the order asked, whether the parser
// gives a map (insertion order is the file's) or a list of pairs / {id, answer} objects.
// The core's body gives a list of {id, list, values: [text]} (values: "1"-"5", option ids or
// "skip"; list: whether the file wrote a list of options).
export function answerPairs(body) {
  const a = body?.answers;
  if (!a) return [];
  if (Array.isArray(a))
    return a.map((x) => {
      if (Array.isArray(x)) return [x[0], x[1]];
      if (Array.isArray(x.values)) return [x.id, x.list ? x.values : x.values[0] ?? null];
      return [x.id ?? x.question, x.answer ?? x.value];
    });
  return Object.entries(a);
}

// Scores as {dir: {interest, aptitude, fit, se, gap_se}}, in the order given: the replay gives a
// map, the core's body a list of {dir, …} in the file's order.
export function scoresMap(scores) {
  if (!Array.isArray(scores)) return scores && typeof scores === 'object' ? scores : {};
  const out = {};
  for (const s of scores) if (s && typeof s.dir === 'string') out[s.dir] = s;
  return out;
}

// A result's time as the file writes it ("2026-11-23T18:04:09Z"): the core's body gives the
// text (finishedText) beside the seconds since the epoch (finished).
export function timeText(text, seconds) {
  if (typeof text === 'string' && text) return text;
  if (typeof seconds === 'string') return seconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0)
    return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return null;
}

// A flat verdict as a name: "none", "close-fits" or "same-likert" (true means close fits).
export function flatName(flat) {
  if (flat === true) return 'close-fits';
  if (flat === 'close-fits' || flat === 'same-likert') return flat;
  return 'none';
}

function byDigest(list, digest) {
  return (list || []).find((x) => x && x.digest === digest) || null;
}

// The manifest of the page the result was replayed with or names: by digest first (the exact
// quiz), else by id and version.
export function findManifest(data, quiz) {
  if (!quiz) return null;
  const ms = data?.manifests || [];
  return (quiz.digest && byDigest(ms, quiz.digest))
    || ms.find((m) => m.id === quiz.id && m.version === quiz.version) || null;
}

// Questions by id, with the bank each is in, of the banks a result names (by digest) or a
// manifest lists; a knowledge question without keys measures its bank's direction.
export function questionIndex(data, digests) {
  const index = new Map();
  for (const d of digests) {
    const bank = byDigest(data?.banks, d);
    if (!bank) continue;
    for (const q of bank.questions || []) index.set(q.id, { q, bank });
  }
  return index;
}

// The directions a question counts towards (its keys, else its bank's direction).
export function measuredDirs(entry) {
  const keys = entry.q.keys || [];
  if (keys.length) return keys.filter((k) => k.value > 0).map((k) => k.dir);
  return entry.bank.direction ? [entry.bank.direction] : [];
}

// The credit of a knowledge answer as sp_knowledge_credit gives it: hits over the correct
// options, less misses over the wrong ones, at least 0. answer is an option id or a list of
// them; "skip" (or anything else) gives 0.
export function knowledgeCredit(q, answer) {
  const ids = (q.options || []).map((o) => o.id);
  const chosen = new Set((Array.isArray(answer) ? answer : [answer]).map((a) => ids.indexOf(a)).filter((i) => i >= 0));
  if (!chosen.size) return 0;
  const right = new Set(q.answer || []);
  const wrongCount = ids.length - right.size;
  let hits = 0, misses = 0;
  for (const i of chosen) right.has(i) ? hits++ : misses++;
  const credit = (right.size ? hits / right.size : 0) - (wrongCount > 0 ? misses / wrongCount : 0);
  return credit > 0 ? credit : 0;
}

// The topics of missed knowledge questions, those measuring the primary direction first,
// without repeats, at most max (screen.c's missed_topics). Returns {asked, topics: [TEXT]}.
export function missedTopics(pairs, index, primary, lang, textOf, max = 6) {
  const topics = [], seen = new Set();
  let asked = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const [id, answer] of pairs) {
      const e = index.get(id);
      if (!e || e.q.kind !== 'knowledge') continue;
      if (pass === 0) asked++;
      const top = measuredDirs(e).includes(primary);
      const text = textOf(e.q.topic, lang);
      if (!text || (pass === 0) !== top || knowledgeCredit(e.q, answer) >= 1) continue;
      if (!seen.has(text) && topics.length < max) {
        seen.add(text);
        topics.push(text);
      }
    }
  }
  return { asked, topics };
}

// The scores as {dir: fit} of a scores map ({dir: {fit, …}}).
function fits(scores) {
  const out = {};
  for (const [dir, s] of Object.entries(scores || {})) out[dir] = s && typeof s.fit === 'number' ? s.fit : null;
  return out;
}

// The view of one Outcome: everything the article shows, from the replay when there is one,
// else from the recorded body. null when there is no body to show. A failed result is shown
// as the file records it (as `signpost show` does), never with the numbers this page
// re-derived: those are not what the file claims. from: 'recorded' takes the body even when
// there is a replay, 'replay' the replay (null when there is none); the default is the
// replay of a result that did not fail, else the body. The numbers, the near-tie marks and
// the best fit always come from the same source.
export function resultView(outcome, data, from) {
  const body = outcome?.body;
  if (!body) return null;
  const source = from ?? (outcome.trust === 'failed' ? 'recorded' : 'replay');
  if (source === 'replay' && from && !outcome.replay) return null;
  const replay = source === 'replay' ? outcome.replay || null : null;
  const src = replay || body;
  const quiz = body.quiz || { id: replay?.quiz, version: replay?.version };
  const manifest = findManifest(data, replay ? { ...quiz, id: replay.quiz ?? quiz.id, version: replay.version ?? quiz.version } : quiz);
  // The directions file: the manifest's, else the one the result names, when the page has it.
  const dirsDigest = manifest?.directions || body.directions?.digest;
  const dirsFile = byDigest(data?.directions, dirsDigest);
  const bankDigests = manifest ? manifest.banks.map((b) => b.digest) : (body.banks || []).map((b) => b.digest);
  const index = questionIndex(data, bankDigests);
  let total = 0;
  for (const d of bankDigests) total += byDigest(data?.banks, d)?.questions?.length || 0;
  const pairs = answerPairs(body);
  const scoring = manifest?.scoring || body.scoring || {};
  const scores = scoresMap(replay ? replay.scores : body.scores);
  // A settle count the body records only when it has one (hasSettle); the replay always has one.
  const settle = replay ? replay.settle : body.hasSettle === false ? null : body.settle;
  return {
    quiz: { id: quiz.id ?? '?', version: quiz.version ?? '?' },
    title: manifest?.title || null,
    name: body.name ?? null,
    finished: timeText(body.finishedText, body.finished),
    lang: body.lang ?? '',
    answered: body.answered ?? 0,
    skipped: body.skipped ?? 0,
    replayed: !!replay,
    // Whether this page re-derived the numbers (a replay exists), whatever this view shows.
    rederived: !!outcome.replay,
    exact: replay ? replay.exact !== false : false,
    primary: src.primary ?? null,
    ranking: src.ranking || [],
    nearTie: src.nearTie || src.near_tie || [],
    settle: typeof settle === 'number' && Number.isFinite(settle) ? settle : null,
    flat: flatName(src.flat),
    level: src.level && src.level !== 'unknown' ? src.level : null,
    scores,
    fits: fits(scores),
    // The directions in the file's order, so that the unmeasured ones are listed as show does.
    dirOrder: Object.keys(scores),
    directions: dirsFile ? dirsFile.items : [],
    drivers: replay?.drivers || [],
    index,
    pairs,
    itemsLeft: Math.max(0, total - pairs.length),
    scoring,
  };
}

// The direction item of id, or null.
export function direction(view, id) {
  return view.directions.find((d) => d.id === id) || null;
}

// The recommendation as show words it (screen.c's recommendation): which message, and its
// values. Returns {key, vars, names: [ids], apart: bool}.
export function recommendation(view) {
  if (!view.primary) return { key: 'nothingMeasured', names: [] };
  if (view.flat !== 'none')
    return { key: view.flat === 'same-likert' ? 'flatSame' : 'flatClose', closest: view.primary,
             names: [view.primary], vars: { flat: Number(view.scoring.flat ?? 0).toFixed(2) } };
  if (view.nearTie.length) {
    const names = [view.primary, ...view.nearTie];
    const s = view.settle;
    if (s > 0 && s < SETTLE_MAX && s <= view.itemsLeft)
      return { key: 'tieSettle', names, vars: { n: s }, apart: true };
    if (s > 0) return { key: 'tieHardly', names, apart: true };
    return { key: 'tieEqual', names, vars: { margin: Number(view.scoring.near_tie ?? 0).toFixed(2) }, apart: true };
  }
  return { key: 'bestFit', names: [view.primary] };
}

// The rows of the chart: the ranking, best first, then the directions nothing measured.
// Each row {id, fit, percent, best, tie}.
export function chartRows(view) {
  const rows = view.ranking.map((id, i) => ({
    id, fit: view.fits[id] ?? null, percent: barPercent(view.fits[id]),
    best: i === 0 && view.flat === 'none', tie: i > 0 && view.flat === 'none' && view.nearTie.includes(id),
  }));
  for (const id of view.dirOrder)
    if (!view.ranking.includes(id)) rows.push({ id, fit: null, percent: null, best: false, tie: false });
  return rows;
}

// The data-scores attribute (docs/verifier.md): JSON of {dir: fit as %.6f text or null} of the
// replay, "" when nothing was replayed.
export function scoresAttribute(outcome) {
  const r = outcome?.replay;
  if (!r) return '';
  const out = {};
  const text = r.scoresText || {};
  for (const dir of Object.keys(r.scores || text)) {
    const t = text[dir]?.fit;
    const v = r.scores?.[dir]?.fit;
    out[dir] = typeof t === 'string' ? t : typeof v === 'number' ? v.toFixed(6) : null;
  }
  return JSON.stringify(out);
}
