// SPDX-License-Identifier: GPL-3.0-or-later
// minisign's signature block and public keys, read as engine/minisign.c reads them: four lines
// each ending in LF (never CR LF), comments of bounded length in UTF-8 without control
// characters, canonical base64, the prehashed 'ED' algorithm (legacy 'Ed' is parsed, never
// accepted). Problems are {line, column, message} with 1-based positions.
import { base64Decode, base64Length, base64Encode } from './base64.js';
import { utf8DecodeAt, isHostile, classify, CP } from './chars.js';
import { msg, compose } from './messages.js';

export const UNTRUSTED_PREFIX = 'untrusted comment: ';
export const TRUSTED_PREFIX = 'trusted comment: ';
export const UNTRUSTED_MAX = 1000;
export const TRUSTED_MAX = 1024;
export const ALG_LEGACY = 'legacy';
export const ALG_PREHASHED = 'prehashed';

const enc = new TextEncoder();

class Problem extends Error {
  constructor(line, column, message) {
    super(message.en);
    this.line = line;
    this.column = column;
    this.msg = message;
  }
}

function countCodepoints(bytes, from, to) {
  let n = 0;
  for (let i = from; i < to; i++) if ((bytes[i] & 0xc0) !== 0x80) n++;
  return n;
}

// The key id as verify prints it: the 8 bytes reversed, 16 uppercase hex digits.
export function keyIdHex(id) {
  let s = '';
  for (let i = id.length - 1; i >= 0; i--) s += id[i].toString(16).toUpperCase().padStart(2, '0');
  return s;
}

// A line reader over bytes.
function reader(bytes) {
  return { bytes, pos: 0, lineno: 0 };
}

function takeLine(r, missing) {
  const no = ++r.lineno;
  const { bytes } = r;
  if (r.pos >= bytes.length) throw new Problem(no, 1, missing);
  const nl = bytes.indexOf(0x0a, r.pos);
  if (nl < 0)
    throw new Problem(no, countCodepoints(bytes, r.pos, bytes.length) + 1,
      msg('the line does not end with a newline'));
  const n = nl - r.pos;
  if (n > 0 && bytes[nl - 1] === 0x0d)
    throw new Problem(no, countCodepoints(bytes, r.pos, nl - 1) + 1,
      msg('the line ends with CR LF (a Windows line ending); expected LF only'));
  const line = { s: bytes.subarray(r.pos, nl), no };
  r.pos = nl + 1;
  return line;
}

function alphabetBadAt(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ||
      c === 0x2b || c === 0x2f || c === 0x3d;
    if (!ok) return i;
  }
  return s.length;
}

// Decodes a base64 line into exactly want bytes; what names the line ({en, zh}).
function decodeLine(l, what, want) {
  const wantChars = base64Length(want);
  if (l.s.length > 2 * wantChars)
    throw new Problem(l.no, 1, compose('%s is %zu characters long; expected %zu characters of base64',
      what, l.s.length, wantChars));
  const bad = alphabetBadAt(l.s);
  if (bad < l.s.length && l.s[bad] >= 0x80)
    throw new Problem(l.no, bad + 1, compose('%s is not valid base64: the byte 0x%02X is not in its alphabet', what, l.s[bad]));
  const out = base64Decode(l.s, 512);
  if (!out) throw new Problem(l.no, 1, compose('%s is not valid base64 (standard alphabet, with padding)', what));
  if (out.length !== want) throw new Problem(l.no, 1, compose('%s decodes to %zu bytes; expected %zu', what, out.length, want));
  return out;
}


export function cpClassPhrase(cp) {
  switch (classify(cp)) {
    case CP.SPACE: return msg('white space');
    case CP.LAYOUT: return msg('a tab or line break');
    case CP.CONTROL: return msg('a control character');
    case CP.BIDI: return msg('a bidirectional control character');
    case CP.INVISIBLE: return msg('an invisible character');
    case CP.SHAPING: return msg('an invisible joining or variation character');
    default: return msg('a character');
  }
}

// A comment line: its prefix, then at most max bytes of UTF-8 without control characters
// (a tab is allowed). Returns the comment's bytes.
function parseComment(l, prefix, what, max) {
  const p = enc.encode(prefix);
  const s = l.s;
  if (s.length < p.length || !p.every((b, i) => s[i] === b))
    throw new Problem(l.no, 1, compose("expected the %s, a line starting with '%s'", what, prefix));
  const c = s.subarray(p.length);
  const col = p.length + 1;
  if (c.length > max)
    throw new Problem(l.no, col, compose('the %s is %zu bytes long; at most %zu are allowed', what, c.length, max));
  for (let i = 0; i < c.length;) {
    const [cp, k] = utf8DecodeAt(c, i);
    if (k === 0)
      throw new Problem(l.no, col + countCodepoints(c, 0, i), compose('the %s is not valid UTF-8', what));
    if (isHostile(cp, true) || cp === 0x0a) {
      throw new Problem(l.no, col + countCodepoints(c, 0, i),
        compose('the %s contains %s, U+%04X', what, cpClassPhrase(cp), cp));
    }
    i += k;
  }
  return c;
}

function expectEnd(r, extra) {
  if (r.pos === r.bytes.length) return;
  throw new Problem(r.lineno + 1, 1, extra);
}

function algText(a, b) {
  if (a > 0x20 && a < 0x7f && b > 0x20 && b < 0x7f) return `'${String.fromCharCode(a, b)}'`;
  return '0x' + [a, b].map((x) => x.toString(16).toUpperCase().padStart(2, '0')).join('');
}

function parseSigLine(l) {
  const rec = decodeLine(l, msg('the signature'), 74);
  let alg;
  if (rec[0] === 0x45 && rec[1] === 0x44) alg = ALG_PREHASHED;
  else if (rec[0] === 0x45 && rec[1] === 0x64) alg = ALG_LEGACY;
  else
    throw new Problem(l.no, 1, msg("the signature has the algorithm %s; expected 'ED' (Ed25519 over BLAKE2b-512)",
      algText(rec[0], rec[1])));
  return { alg, keyid: rec.slice(2, 10), sig: rec.slice(10, 74) };
}

// Parses the four-line block (bytes: exactly its lines). Returns {ok: true, sig} or
// {ok: false, problem: {line, column, message}}.
export function parseSigBlock(bytes) {
  const r = reader(bytes);
  try {
    let l = takeLine(r, msg("expected a comment line starting with 'untrusted comment: ', found the end of the file"));
    const untrusted = parseComment(l, UNTRUSTED_PREFIX, msg('untrusted comment'), UNTRUSTED_MAX);
    l = takeLine(r, msg('expected the signature (base64), found the end of the file'));
    const sl = parseSigLine(l);
    l = takeLine(r, msg("expected a line starting with 'trusted comment: ', found the end of the file"));
    const trusted = parseComment(l, TRUSTED_PREFIX, msg('trusted comment'), TRUSTED_MAX);
    l = takeLine(r, msg('expected the global signature (base64), found the end of the file'));
    const globalSig = decodeLine(l, msg('the global signature'), 64);
    expectEnd(r, msg('unexpected data after the signature block; it has four lines'));
    return { ok: true, sig: { ...sl, untrusted, trusted, globalSig } };
  } catch (e) {
    if (!(e instanceof Problem)) throw e;
    return { ok: false, problem: { line: e.line, column: e.column, message: e.msg } };
  }
}

// A public key from minisign's base64 (the second line of a .pub file): {id, pk} or null.
export function parsePublicKey(b64) {
  const bytes = typeof b64 === 'string' ? enc.encode(b64) : b64;
  if (bytes.length > 2 * base64Length(42)) return null;
  for (const b of bytes) if (b >= 0x80) return null;
  const rec = base64Decode(bytes, 512);
  if (!rec || rec.length !== 42 || rec[0] !== 0x45 || rec[1] !== 0x64) return null;
  return { id: rec.slice(2, 10), pk: rec.slice(10, 42) };
}

// The base64 of a key, as a .pub file's second line.
export function publicKeyBase64(key) {
  const rec = new Uint8Array(42);
  rec[0] = 0x45;
  rec[1] = 0x64;
  rec.set(key.id, 2);
  rec.set(key.pk, 10);
  return base64Encode(rec);
}

export { Problem, countCodepoints };
