// SPDX-License-Identifier: GPL-3.0-or-later
// The result body, read as sp_result_parse (engine/result.c) reads it: the tag line, then one
// mapping whose keys are known, each at most once, with values of the right type and range.
// Any problem makes the body unreadable; the first one (by position) is what verify reports.
import { parseYaml, YamlError, isNull, describe } from './yaml.js';
import { utf8DecodeAt, classify, CP } from './chars.js';
import { msg, compose } from './messages.js';
import { parsePublicKey, keyIdHex, publicKeyBase64, cpClassPhrase } from './minisign.js';
import { formatG } from './format.js';
import { confidenceZ } from './score.js';

export const RESULT_MAGIC = 'signpost-result/1';
export const LIMIT_RESULT_SIZE = 16 * 1024 * 1024;
export const LIMIT_ANSWERS = 200000;
export const LIMIT_BANKS = 64;
export const MAX_DIRECTIONS = 16;
export const MAX_OPTIONS = 12;
export const SEED_MAX = (1n << 53n) - 1n;
export const SETTLE_MAX = 1000;
export const LIMIT_NAME = 200;
export const SCORING_NAMES = ['interest_weight', 'near_tie', 'flat', 'level_pass', 'near_tie_confidence'];
export const FLATS = ['none', 'close-fits', 'same-likert'];
export const LEVELS = ['unknown', 'entry', 'advanced', 'professional', 'expert'];

const FIELDS = ['engine', 'signer', 'quiz', 'directions', 'banks', 'scoring', 'seed', 'mode', 'adaptive', 'lang', 'started',
  'finished', 'name', 'answered', 'skipped', 'answers', 'scores', 'ranking', 'primary', 'near_tie',
  'settle', 'flat', 'level'];
// mode and adaptive: a result of an adaptive quiz (docs/scoring.md, section 11), both or neither.
const OPTIONAL = new Set(['name', 'answers', 'settle', 'signer', 'mode', 'adaptive']);
const enc = new TextEncoder();

// Whether bytes start with the tag line.
export function startsWithTag(bytes) {
  const m = RESULT_MAGIC.length;
  if (bytes.length <= m || bytes[m] !== 0x0a) return false;
  for (let i = 0; i < m; i++) if (bytes[i] !== RESULT_MAGIC.charCodeAt(i)) return false;
  return true;
}

// ---- The checks of engine/ld.c ----

// sp_edit_distance: the Levenshtein distance of the bytes of a and b, or limit + 1 when it is
// more than limit (or either is over 64 bytes).
function editDistance(a, b, limit) {
  const x = enc.encode(a), y = enc.encode(b);
  if (x.length > 64 || y.length > 64 || Math.abs(x.length - y.length) > limit) return limit + 1;
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j - 1] + (x[i - 1] !== y[j - 1] ? 1 : 0), prev[j] + 1, cur[j - 1] + 1);
    prev = cur;
  }
  return prev[y.length];
}

// The closest of names to s, when it is close enough to be a likely typo (ld.c's suggest).
function suggest(s, names) {
  const len = enc.encode(s).length;
  const limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
  let best = null, bestD = limit + 1;
  for (const name of names) {
    if (name[0] === ' ') continue;
    const d = editDistance(s, name, limit);
    if (d < bestD) { bestD = d; best = name; }
  }
  return best;
}

class Ctx {
  constructor() {
    this.errors = [];
  }

  error(pos, message) {
    this.errors.push({ pos, message });
  }

  expected(n, expected) {
    if (n.bad) return;
    this.error(n.pos, compose('expected %s, found %s', expected, describe(n)));
  }

  missing(pos, field, what) {
    this.error(pos, compose("%s has no '%s'; it is required", what, field));
  }

  duplicate(key, first) {
    this.error(key.pos, msg("duplicate key '%s' (first given at line %u, column %u)", key.str, first.line, first.column));
  }

  fieldIndex(key, names, what) {
    const i = names.indexOf(key.str);
    if (i >= 0) return i;
    if (key.bad) return -1;
    const near = suggest(key.str, names);
    if (near) this.error(key.pos, compose("unknown key '%s' in %s; did you mean '%s'?", key.str, msg(what), near));
    else
      this.error(key.pos, compose("unknown key '%s' in %s; expected one of: %s", key.str, msg(what),
        names.filter((s) => s[0] !== ' ').join(', ')));
    return -1;
  }

  // found[i] = the value of names[i], or null; false when map is not a mapping.
  fields(map, names, what, found) {
    names.forEach((_, i) => (found[i] = null));
    if (map.type !== 'map') {
      this.expected(map, compose('%s (a mapping of keys and values)', msg(what)));
      return false;
    }
    const firstKey = [];
    for (let i = 0; i < map.n; i++) {
      const key = map.kids[2 * i];
      const f = this.fieldIndex(key, names, what);
      if (f < 0) continue;
      if (found[f]) { this.duplicate(key, firstKey[f]); continue; }
      found[f] = map.kids[2 * i + 1];
      firstKey[f] = key.pos;
    }
    return true;
  }
}

const ID_RULES = {
  direction: { re: /^[a-z][a-z0-9-]*$/, max: 32, pattern: '[a-z][a-z0-9-]*' },
  bank: { re: /^[a-z][a-z0-9_.-]*$/, max: 64, pattern: '[a-z][a-z0-9_.-]*' },
  question: { re: /^[A-Za-z0-9][A-Za-z0-9_.-]*$/, max: 64, pattern: '[A-Za-z0-9][A-Za-z0-9_.-]*' },
  option: { re: /^[a-z0-9][a-z0-9_-]*$/, max: 16, pattern: '[a-z0-9][a-z0-9_-]*' },
};

export function identValid(s, cls) {
  const r = ID_RULES[cls];
  return s.length > 0 && s.length <= r.max && r.re.test(s);
}

function ident(c, n, cls) {
  if (n.bad) return null;
  if (n.type !== 'scalar' || isNull(n)) { c.expected(n, msg('an identifier')); return null; }
  if (!identValid(n.str, cls)) {
    const r = ID_RULES[cls];
    c.error(n.pos, msg("'%s' is not a valid identifier; expected %s, at most %zu characters", n.str, r.pattern, r.max));
    return null;
  }
  return n.str;
}

function version(c, n) {
  if (n.bad) return null;
  const ok = n.type === 'scalar' && /^[0-9]{1,9}\.[0-9]{1,9}\.[0-9]{1,9}$/.test(n.str);
  if (!ok) { c.expected(n, msg('a version MAJOR.MINOR.PATCH such as 1.0.0')); return null; }
  return n.str;
}

function numberSyntax(s, integer) {
  return integer ? /^[-+]?[0-9]+$/.test(s) : /^[-+]?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$/.test(s);
}

function badNumber(c, n, integer, min, max) {
  const expected = integer ? msg('a whole number from %ld to %ld', min, max) : msg('a number from %g to %g', min, max);
  if (n.type === 'scalar' && !n.plain && numberSyntax(n.str, false))
    c.error(n.pos, compose('expected %s, found the quoted string "%s"; write numbers without quotes', expected, n.str));
  else c.expected(n, expected);
}

// A plain integer in [min, max] (BigInt bounds), as a BigInt; strtol's range is that of a long.
function int(c, n, min, max) {
  if (n.bad) return null;
  let ok = n.type === 'scalar' && n.plain && numberSyntax(n.str, true);
  let v = 0n;
  if (ok) {
    v = BigInt(n.str);
    ok = v >= -(1n << 63n) && v < 1n << 63n && v >= BigInt(min) && v <= BigInt(max);
  }
  if (!ok) { badNumber(c, n, true, min, max); return null; }
  return v;
}

// A plain decimal number in [min, max]: strtod is correctly rounded, as Number() is.
function number(c, n, min, max) {
  if (n.bad) return null;
  let ok = n.type === 'scalar' && n.plain && numberSyntax(n.str, false);
  let v = 0;
  if (ok) {
    v = Number(n.str);
    ok = Number.isFinite(v) && v >= min && v <= max;
  }
  if (!ok) { badNumber(c, n, false, min, max); return null; }
  return v;
}

function string(c, n, expected) {
  if (n.bad) return null;
  if (n.type !== 'scalar' || isNull(n) || n.n === 0) { c.expected(n, expected); return null; }
  return n.str;
}

function oneOf(c, n, words) {
  if (n.bad) return -1;
  if (n.type === 'scalar') {
    const i = words.indexOf(n.str);
    if (i >= 0) return i;
  }
  const near = n.type === 'scalar' ? suggest(n.str, words) : null;
  c.expected(n, compose('%s%s%s', msg('one of '), words.join(', '), near ? msg(" (did you mean '%s'?)", near) : ''));
  return -1;
}

export function langValid(s) {
  return /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(s);
}

// ---- Times ----

function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.trunc((y >= 0 ? y : y - 399) / 400);
  const yoe = y - era * 400;
  const doy = Math.trunc((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.trunc(yoe / 4) - Math.trunc(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y, m) {
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return m === 2 && leap ? 29 : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

const p2 = (v) => String(v).padStart(2, '0');

// sp_time_parse: {ok, t} or {shape} or {at, why}.
export function timeParse(s) {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$/.test(s)) return { shape: true };
  const f = [0, 5, 8, 11, 14, 17].map((o, i) => Number(s.slice(o, o + (i === 0 ? 4 : 2))));
  const [y, mo, d, h, mi, sec] = f;
  if (y < 1970) return { at: 0, why: msg('the year %04d is before 1970; expected a year from 1970 to 9999', y) };
  if (mo < 1 || mo > 12) return { at: 5, why: msg('there is no month %02d; expected 01 to 12', mo) };
  if (d < 1 || d > daysInMonth(y, mo))
    return { at: 8, why: msg('there is no day %02d in %04d-%02d; expected 01 to %02d', d, y, mo, daysInMonth(y, mo)) };
  if (h > 23) return { at: 11, why: msg('there is no hour %02d; expected 00 to 23', h) };
  if (mi > 59) return { at: 14, why: msg('there is no minute %02d; expected 00 to 59', mi) };
  if (sec > 59) return { at: 17, why: msg('there is no second %02d; expected 00 to 59 (leap seconds are not recorded)', sec) };
  return { ok: true, t: daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec };
}

function time(c, n) {
  if (n.bad) return null;
  const p = n.type === 'scalar' ? timeParse(n.str) : { shape: true };
  if (p.shape) { c.expected(n, msg('a UTC time such as 2026-11-23T18:04:05Z')); return null; }
  if (!p.ok) {
    c.error({ line: n.pos.line, column: n.pos.column + (n.plain ? 0 : 1) + p.at },
      compose("impossible time '%s': %s", n.str, p.why));
    return null;
  }
  return p.t;
}

// ---- Names ----

// sp_name_check: null when the name is valid, else the sentence saying why.
export function nameProblem(name) {
  const b = enc.encode(name);
  if (b.length === 0) return msg('the name is empty');
  if (b.length > LIMIT_NAME) return msg('the name is %zu bytes long, over the limit of %d', b.length, LIMIT_NAME);
  let index = 0;
  for (let i = 0; i < b.length;) {
    const [cp, k] = utf8DecodeAt(b, i);
    index++;
    if (k === 0) return msg('byte 0x%02X at byte %zu is not valid UTF-8', b[i], i + 1);
    const cls = classify(cp);
    const edge = i === 0 || i + k === b.length;
    if (cls === CP.SPACE && edge)
      return i === 0 ? msg('U+%04X (white space) at its start is not allowed', cp)
        : msg('U+%04X (white space) at its end is not allowed', cp);
    if (cls !== CP.TEXT && cls !== CP.SPACE)
      return compose('U+%04X (%s) at character %zu is not allowed', cp, cpClassPhrase(cp), index);
    i += k;
  }
  return null;
}

function parseName(c, n) {
  if (n.bad) return null;
  if (n.type !== 'scalar' || isNull(n)) { c.expected(n, msg('a name')); return null; }
  const why = nameProblem(n.str);
  if (why) {
    c.error(n.pos, compose('invalid name: %s; %s', why, msg('a name is printable text on one line, at most 200 bytes, with no control, bidirectional or invisible characters and no white space at either end')));
    return null;
  }
  return string(c, n, msg('a name'));
}

// ---- The parts of a result ----

function digest(c, n) {
  const ok = n.type === 'scalar' && n.n === 64 && /^[0-9a-f]{64}$/.test(n.str);
  if (!ok) { c.expected(n, msg('a digest of 64 lowercase hex digits')); return null; }
  return n.str;
}

function source(c, n, withId) {
  const f = [];
  const out = { id: null, version: null, digest: null };
  if (!c.fields(n, ['id', 'version', 'digest'], 'source', f)) return out;
  if (withId && !f[0]) c.missing(n.pos, 'id', msg('the entry'));
  if (!f[1]) c.missing(n.pos, 'version', msg('the entry'));
  if (!f[2]) c.missing(n.pos, 'digest', msg('the entry'));
  if (f[0]) out.id = ident(c, f[0], 'bank');
  if (f[1]) out.version = version(c, f[1]);
  if (f[2]) out.digest = digest(c, f[2]);
  return out;
}

function banks(c, n) {
  if (n.type !== 'seq' || n.n === 0 || n.n > LIMIT_BANKS) { c.expected(n, msg('a list of 1 to 64 banks')); return []; }
  return n.kids.map((k) => source(c, k, true));
}

function scoring(c, n) {
  const s = { interest_weight: 0, near_tie: 0, flat: 0, level_pass: 0, near_tie_confidence: 0 };
  const f = [];
  if (!c.fields(n, SCORING_NAMES, 'scoring', f)) return s;
  for (let i = 0; i < 5; i++) {
    if (!f[i] && i < 4) c.missing(n.pos, SCORING_NAMES[i], msg('scoring'));
    else if (f[i]) {
      const v = number(c, f[i], 0, 1);
      if (v !== null) s[SCORING_NAMES[i]] = v;
    }
  }
  if (f[4] && confidenceZ(s.near_tie_confidence) === null)
    c.expected(f[4], msg('a confidence of 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975 or 0.99'));
  return s;
}

function scoreValue(c, n) {
  if (isNull(n)) return null;
  return number(c, n, 0, 1);
}

const SCORE_FIELDS = ['interest', 'aptitude', 'fit', 'se', 'gap_se'];

function scores(c, n) {
  const out = [];
  if (n.type !== 'map' || n.n === 0 || n.n > MAX_DIRECTIONS) {
    c.expected(n, msg('a mapping of 1 to 16 directions to scores'));
    return out;
  }
  for (let i = 0; i < n.n; i++) {
    const k = n.kids[2 * i], v = n.kids[2 * i + 1];
    const f = [];
    const dir = ident(c, k, 'direction');
    if (dir === null || !c.fields(v, SCORE_FIELDS, 'score', f)) continue;
    out.forEach((s) => { if (s.dir === dir) c.duplicate(k, s.keyPos); });
    const s = { dir, keyPos: k.pos, recordedSe: !!(f[3] && f[4]) };
    if (!f[3] !== !f[4]) c.missing(v.pos, f[3] ? 'gap_se' : 'se', msg('the score'));
    for (let j = 0; j < 5; j++) {
      if (!f[j] && j < 3) c.missing(v.pos, SCORE_FIELDS[j], msg('the score'));
      else if (f[j]) s[SCORE_FIELDS[j]] = scoreValue(c, f[j]);
      if (s[SCORE_FIELDS[j]] === undefined) s[SCORE_FIELDS[j]] = null;
    }
    out.push(s);
  }
  return out;
}

function dirList(c, n) {
  if (n.type !== 'seq' || n.n > MAX_DIRECTIONS) { c.expected(n, msg('a list of direction ids')); return []; }
  const out = [];
  for (const k of n.kids) {
    const id = ident(c, k, 'direction');
    if (id !== null) out.push(id);
  }
  return out;
}

function answers(c, n) {
  const out = [];
  if (n.type !== 'map') { c.expected(n, msg('a mapping of question ids to answers')); return out; }
  const seen = new Map();
  for (let i = 0; i < n.n; i++) {
    const k = n.kids[2 * i], v = n.kids[2 * i + 1];
    if (out.length >= LIMIT_ANSWERS) {
      c.error(k.pos, msg('more than %d answers; that is over the limit', LIMIT_ANSWERS));
      return out;
    }
    const id = ident(c, k, 'question');
    if (id === null) continue;
    const list = v.type === 'seq';
    const items = list ? v.kids : [v];
    let ok = items.length <= MAX_OPTIONS;
    const values = [];
    for (let j = 0; ok && j < items.length; j++) {
      const s = items[j];
      ok = s.type === 'scalar' && !isNull(s);
      if (ok) values.push(s.str);
      else c.expected(s, msg('an answer: a number 1-5, an option id or skip'));
    }
    out.push({ id, list, values: ok ? values : [], line: v.pos.line, pos: v.pos });
    if (seen.has(id)) c.error(k.pos, msg("question '%s' is answered twice", id));
    else seen.set(id, true);
  }
  return out;
}

export const STOP_NAMES = ['settled', 'curtailed', 'budget'];
// Marks a word for tools/gen-zh.mjs that Ctx translates later (C's N_()).
const N_ = (s) => s;
const ADAPTIVE_FIELDS = ['min_items', 'max_items', 'confidence', 'stop', 'after'];

// adaptive: {min_items, max_items, confidence, stop, after}, every field required (parse_adaptive
// of engine/result/result.c). The confidence is checked against the quiz's in the replay.
function parseAdaptive(c, n) {
  const f = [];
  const ad = { min_items: 0, max_items: 0, confidence: 0, stop: null, after: 0 };
  if (!c.fields(n, ADAPTIVE_FIELDS, N_('adaptive'), f)) return ad;
  for (let i = 0; i < ADAPTIVE_FIELDS.length; i++)
    if (!f[i]) { c.missing(n.pos, ADAPTIVE_FIELDS[i], msg('the adaptive record')); return ad; }
  let v = int(c, f[0], 1, LIMIT_ANSWERS);
  if (v !== null) ad.min_items = Number(v);
  v = int(c, f[1], 1, LIMIT_ANSWERS);
  if (v !== null) ad.max_items = Number(v);
  const x = number(c, f[2], 0, 1);
  if (x !== null) ad.confidence = x;
  const e = oneOf(c, f[3], STOP_NAMES);
  if (e >= 0) ad.stop = STOP_NAMES[e];
  v = int(c, f[4], 0, LIMIT_ANSWERS);
  if (v !== null) ad.after = Number(v);
  return ad;
}

// mode: adaptive with its adaptive: record, or neither (a fixed form): parse_mode.
function parseMode(c, rootPos, mode, adaptive, r) {
  if (!mode && !adaptive) return;
  if (!mode || !adaptive) { c.missing(rootPos, mode ? 'adaptive' : 'mode', msg('an adaptive result')); return; }
  if (oneOf(c, mode, ['adaptive']) < 0) return;
  r.adaptive = parseAdaptive(c, adaptive);
}

function parseSigner(c, n) {
  const f = [];
  if (!c.fields(n, ['id', 'key'], 'signer', f)) return null;
  if (!f[0] || !f[1]) { c.missing(n.pos, f[0] ? 'key' : 'id', msg('the signer')); return null; }
  const id = string(c, f[0], msg('a key id of 16 hex digits'));
  if (id === null) return null;
  const key = string(c, f[1], msg('a public key in base64'));
  if (key === null) return null;
  const pk = parsePublicKey(key);
  if (!pk) { c.expected(f[1], msg('a minisign public key in base64 (56 characters, starting RW)')); return null; }
  const hex = keyIdHex(pk.id);
  if (hex !== id) { c.error(f[0].pos, msg("the signer's id %s is not the id of its key, %s", id, hex)); return null; }
  return { id: pk.id, pk: pk.pk, idHex: hex, base64: publicKeyBase64(pk) };
}

// The root: each known key once; values by key.
function root(c, rootNode) {
  const found = {};
  const first = {};
  if (rootNode.n > LIMIT_ENTRIES_ROOT) {
    c.error(rootNode.kids[2 * LIMIT_ENTRIES_ROOT].pos, msg('more than %d entries here; that is over the limit', LIMIT_ENTRIES_ROOT));
    return null;
  }
  for (let i = 0; i < rootNode.n; i++) {
    const key = rootNode.kids[2 * i];
    const f = c.fieldIndex(key, FIELDS, 'a result');
    if (f < 0) continue;
    const name = FIELDS[f];
    if (first[name]) { c.duplicate(key, first[name]); continue; }
    first[name] = key.pos;
    found[name] = rootNode.kids[2 * i + 1];
  }
  return found;
}

const LIMIT_ENTRIES_ROOT = 1000;

function scalars(c, f, r) {
  if (f.engine) r.engine = string(c, f.engine, msg('the engine that wrote the result'));
  if (f.seed) { const v = int(c, f.seed, 0, SEED_MAX); if (v !== null) r.seed = v; }
  if (f.lang) {
    r.lang = string(c, f.lang, msg('a language tag'));
    if (r.lang !== null && !langValid(r.lang)) c.expected(f.lang, msg('a language tag such as en or zh'));
  }
  const start = f.started ? time(c, f.started) : null;
  const end = f.finished ? time(c, f.finished) : null;
  if (start !== null) { r.started = start; r.startedText = f.started.str; }
  if (end !== null) { r.finished = end; r.finishedText = f.finished.str; }
  if (start !== null && end !== null && end < start)
    c.error(f.finished.pos, msg('finished %s is before started %s (line %u); expected a time at or after the start',
      f.finished.str, f.started.str, f.started.pos.line));
  if (f.name) r.name = parseName(c, f.name);
  if (f.answered) { const v = int(c, f.answered, 0, LIMIT_ANSWERS); if (v !== null) r.answered = Number(v); }
  if (f.skipped) { const v = int(c, f.skipped, 0, LIMIT_ANSWERS); if (v !== null) r.skipped = Number(v); }
  if (f.primary && !isNull(f.primary)) r.primary = ident(c, f.primary, 'direction');
  if (f.settle) { const v = int(c, f.settle, 0, SETTLE_MAX); if (v !== null) { r.hasSettle = true; r.settle = Number(v); } }
  if (f.flat) { const e = oneOf(c, f.flat, FLATS); if (e >= 0) r.flat = FLATS[e]; }
  if (f.level) { const e = oneOf(c, f.level, LEVELS); if (e >= 0) r.level = LEVELS[e]; }
}

function emptyResult() {
  return {
    engine: null, signer: null, quiz: { id: null, version: null, digest: null },
    directions: { version: null, digest: null }, banks: [],
    scoring: { interest_weight: 0, near_tie: 0, flat: 0, level_pass: 0, near_tie_confidence: 0 },
    seed: 0n, lang: null, started: 0, finished: 0, startedText: null, finishedText: null, name: null,
    answered: 0, skipped: 0, answers: [], scores: [], ranking: [], primary: null, nearTie: [],
    hasSettle: false, settle: 0, flat: 'none', level: 'unknown', adaptive: null,
  };
}

function readBody(c, rootNode, rootPos) {
  const r = emptyResult();
  const f = root(c, rootNode);
  if (!f) return r;
  for (const name of FIELDS) if (!f[name] && !OPTIONAL.has(name)) c.missing(rootPos, name, msg('the result'));
  scalars(c, f, r);
  if (f.signer) r.signer = parseSigner(c, f.signer);
  if (f.quiz) r.quiz = source(c, f.quiz, true);
  if (f.directions) r.directions = source(c, f.directions, false);
  if (f.banks) r.banks = banks(c, f.banks);
  if (f.scoring) r.scoring = scoring(c, f.scoring);
  parseMode(c, rootPos, f.mode, f.adaptive, r);
  if (f.answers) r.answers = answers(c, f.answers);
  if (f.scores) r.scores = scores(c, f.scores);
  if (f.ranking) r.ranking = dirList(c, f.ranking);
  if (f.near_tie) r.nearTie = dirList(c, f.near_tie);
  return r;
}

function firstError(errors) {
  let best = null;
  for (const e of errors)
    if (!best || e.pos.line < best.pos.line || (e.pos.line === best.pos.line && e.pos.column < best.pos.column)) best = e;
  return best;
}

// Parses a body (bytes, starting with the tag line). shift: lines before it (the signature
// block's four). Returns {result} or {problem: {line, column, message}}.
export function parseResult(bytes, shift = 0) {
  if (bytes.length > LIMIT_RESULT_SIZE)
    return { problem: { line: 0, column: 0, message: msg('the result is larger than the limit of %u MiB', 16) } };
  if (!startsWithTag(bytes))
    return { problem: { line: 1 + shift, column: 1, message: msg("not a signpost result: the first line must be '%s'", RESULT_MAGIC) } };
  const c = new Ctx();
  let tree;
  try {
    tree = parseYaml(bytes.subarray(RESULT_MAGIC.length + 1), 1 + shift);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    return { problem: { line: e.pos.line, column: e.pos.column, message: e.msg } };
  }
  c.errors.push(...tree.errors);
  const rootNode = tree.root;
  let r = null;
  if (!rootNode) c.error({ line: 1 + shift, column: 1 }, msg("the file is empty; expected a mapping that starts with 'signpost:'"));
  else if (rootNode.type !== 'map') {
    const empty = rootNode.type === 'scalar' && rootNode.str.length === 0;
    c.error(rootNode.pos, empty ? msg("the file is empty; expected a mapping that starts with 'signpost:'")
      : msg("the file is not a YAML mapping; expected 'signpost:' and the other fields of the format"));
  } else r = readBody(c, rootNode, rootNode.pos);
  const e = firstError(c.errors);
  if (e) return { problem: { line: e.pos.line, column: e.pos.column, message: e.message } };
  return { result: r };
}

export { formatG };
