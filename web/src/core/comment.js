// SPDX-License-Identifier: GPL-3.0-or-later
// The trusted comment signpost makes from a body, and the comparison of a signed comment with
// it, field by field (engine/comment.c), including the older form with an unquoted name.
import { RESULT_MAGIC } from './body.js';
import { msg } from './messages.js';

const enc = new TextEncoder();
const dec = new TextDecoder();
const MAX = 1024;
const MAX_FIELDS = 12;
const QUOTE_MAX = 60;

function build(r, legacy) {
  let s = `${RESULT_MAGIC} quiz=${r.quiz.id ?? ''}@${r.quiz.version ?? ''} top=${r.primary ?? 'none'}`;
  if (r.nearTie.length) s += ' near-tie=' + r.nearTie.join(',');
  if (r.flat !== 'none') s += ' flat=' + r.flat;
  s += ` level=${r.level} finished=${r.finishedText}`;
  if (r.name !== null) s += legacy ? ' name=' + r.name : ' name="' + r.name.replace(/["\\]/g, (c) => '\\' + c) + '"';
  return s;
}

// The comment as bytes, or null when it does not fit in a trusted comment.
function make(r, legacy) {
  const b = enc.encode(build(r, legacy));
  return b.length > MAX ? null : b;
}

// The comment signpost writes for r (a string), or null when too long.
export function resultComment(r) {
  const b = make(r, false);
  return b ? dec.decode(b) : null;
}

export function commentHasTag(c) {
  const t = enc.encode(RESULT_MAGIC);
  if (c.length < t.length) return false;
  for (let i = 0; i < t.length; i++) if (c[i] !== t[i]) return false;
  return c.length === t.length || c[t.length] === 0x20;
}

// ---- Comparing, on bytes as C compares strings ----

function indexOf(b, byte, from, to) {
  for (let i = from; i < to; i++) if (b[i] === byte) return i;
  return -1;
}

function startsAt(b, at, s) {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
}

// The end of the field starting at start (comment.c's field_end).
function fieldEnd(b, start) {
  const n = b.length;
  if (startsAt(b, start, 'name="')) {
    let p = start + 6;
    while (p < n && b[p] !== 0x22) p += b[p] === 0x5c && p + 1 < n ? 2 : 1;
    if (p < n && b[p] === 0x22) p++;
    while (p < n && b[p] !== 0x20) p++;
    return Math.min(p, n);
  }
  if (startsAt(b, start, 'name=')) return n;
  let p = start;
  while (p < n && b[p] !== 0x20) p++;
  return p;
}

// The fields of a comment after its tag, each {key, value} as byte arrays.
function splitFields(b) {
  const f = [];
  let p = RESULT_MAGIC.length;
  let more = b[p] === 0x20;
  while (more && f.length < MAX_FIELDS) {
    const start = p + 1;
    const end = fieldEnd(b, start);
    const eq = indexOf(b, 0x3d, start, end);
    more = end < b.length && b[end] === 0x20;
    if (eq >= 0) f.push({ key: b.subarray(start, eq), value: b.subarray(eq + 1, end) });
    else f.push({ key: new Uint8Array(0), value: b.subarray(start, end) });
    p = end;
  }
  return f;
}

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function find(fields, key) {
  return fields.find((x) => same(x.key, key)) ?? null;
}

// Cut to QUOTE_MAX bytes at a character boundary, with an ellipsis.
function quote(v) {
  if (v.length <= QUOTE_MAX) return dec.decode(v);
  let cut = QUOTE_MAX;
  while (cut > 0 && (v[cut] & 0xc0) === 0x80) cut--;
  return dec.decode(v.subarray(0, cut)) + '\u2026';
}

function describeDiff(want, got) {
  for (const w of want) {
    const g = find(got, w.key);
    if (!g) return msg('the trusted comment has no %s= field; the body says %s', dec.decode(w.key), quote(w.value));
    if (!same(g.value, w.value))
      return msg('the trusted comment says %s=%s, but the body says %s', dec.decode(w.key), quote(g.value), quote(w.value));
  }
  for (const g of got) {
    if (!g.key.length && !g.value.length) continue;
    if (!find(want, g.key)) {
      if (g.key.length) return msg('the trusted comment says %s=%s, which the body does not say', dec.decode(g.key), quote(g.value));
      return msg("the trusted comment has the word '%s', which is not a field", quote(g.value));
    }
  }
  return msg('the trusted comment has the body\'s fields, but not in the order and spacing signpost writes');
}

// Whether the signed comment (bytes) stands for r: {ok: true} or {ok: false, why}.
export function commentAgrees(r, comment) {
  const want = make(r, false);
  if (!want) return { ok: false, why: msg("the body's fields do not fit in a trusted comment") };
  // C compares NUL-terminated strings: a comment with a NUL byte ends there (it cannot have
  // one: the block's reader refuses control characters).
  if (same(want, comment)) return { ok: true };
  if (r.name !== null) {
    const legacy = make(r, true);
    if (legacy && same(legacy, comment)) {
      if (!/[="]/.test(r.name)) return { ok: true };
      return { ok: false, why: msg("the trusted comment gives the name without quotes, as signpost did before it quoted names; that form is accepted only for names without '=' or '\"', and this name, which has one, could be read as other fields") };
    }
  }
  if (!commentHasTag(comment)) return { ok: false, why: msg('the trusted comment does not start with %s', RESULT_MAGIC) };
  return { ok: false, why: describeDiff(splitFields(want), splitFields(comment)) };
}
