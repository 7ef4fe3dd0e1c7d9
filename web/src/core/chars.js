// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-8 decoding and character classes exactly as engine/util.c has them, and the escaping of
// anything quoted from a file before it is shown.

// Decodes one character at s[i..n): [codepoint, length], or [0, 0] when the bytes are not
// valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are invalid).
export function utf8DecodeAt(s, i, n = s.length) {
  if (i >= n) return [0, 0];
  const c = s[i];
  if (c < 0x80) return [c, 1];
  let len, min, v;
  if ((c & 0xe0) === 0xc0) { len = 2; min = 0x80; v = c & 0x1f; }
  else if ((c & 0xf0) === 0xe0) { len = 3; min = 0x800; v = c & 0x0f; }
  else if ((c & 0xf8) === 0xf0) { len = 4; min = 0x10000; v = c & 0x07; }
  else return [0, 0];
  if (n - i < len) return [0, 0];
  for (let k = 1; k < len; k++) {
    if ((s[i + k] & 0xc0) !== 0x80) return [0, 0];
    v = (v << 6) | (s[i + k] & 0x3f);
  }
  if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return [0, 0];
  return [v, len];
}

export const CP = { TEXT: 0, SPACE: 1, LAYOUT: 2, CONTROL: 3, BIDI: 4, INVISIBLE: 5, SHAPING: 6 };

const RANGES = [
  [0x00a0, 0x00a0, CP.SPACE], [0x00ad, 0x00ad, CP.SHAPING], [0x034f, 0x034f, CP.SHAPING],
  [0x061c, 0x061c, CP.BIDI], [0x115f, 0x1160, CP.SHAPING], [0x1680, 0x1680, CP.SPACE],
  [0x180b, 0x180d, CP.SHAPING], [0x180e, 0x180e, CP.INVISIBLE], [0x180f, 0x180f, CP.SHAPING],
  [0x2000, 0x200a, CP.SPACE], [0x200b, 0x200b, CP.INVISIBLE], [0x200c, 0x200d, CP.SHAPING],
  [0x200e, 0x200f, CP.BIDI], [0x2028, 0x2029, CP.INVISIBLE], [0x202a, 0x202e, CP.BIDI],
  [0x202f, 0x202f, CP.SPACE], [0x205f, 0x205f, CP.SPACE], [0x2060, 0x2065, CP.INVISIBLE],
  [0x2066, 0x2069, CP.BIDI], [0x206a, 0x206f, CP.INVISIBLE], [0x3000, 0x3000, CP.SPACE],
  [0x3164, 0x3164, CP.SHAPING], [0xfdd0, 0xfdef, CP.INVISIBLE], [0xfe00, 0xfe0f, CP.SHAPING],
  [0xfeff, 0xfeff, CP.INVISIBLE], [0xffa0, 0xffa0, CP.SHAPING], [0xfff9, 0xfffb, CP.INVISIBLE],
  [0x1bca0, 0x1bca3, CP.INVISIBLE], [0x1d173, 0x1d17a, CP.INVISIBLE],
  [0xe0000, 0xe007f, CP.INVISIBLE], [0xe0100, 0xe01ef, CP.SHAPING],
];

export function classify(cp) {
  if (cp === 0x09 || cp === 0x0a) return CP.LAYOUT;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f)) return CP.CONTROL;
  if (cp === 0x20) return CP.SPACE;
  if (cp < 0xa0) return CP.TEXT;
  if ((cp & 0xfffe) === 0xfffe) return CP.INVISIBLE;
  for (const [lo, hi, cls] of RANGES) if (cp >= lo && cp <= hi) return cls;
  return CP.TEXT;
}

export function isHostile(cp, allowLayout) {
  const c = classify(cp);
  if (c === CP.LAYOUT) return !allowLayout;
  return c === CP.CONTROL || c === CP.BIDI || c === CP.INVISIBLE;
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: false });

export function utf8(s) {
  return enc.encode(s);
}

// Bytes to a string; invalid sequences become U+FFFD (only for showing).
export function text(bytes) {
  return dec.decode(bytes);
}

function hex(n, w) {
  return n.toString(16).toUpperCase().padStart(w, '0');
}

// A string with control, bidirectional and invisible characters (tab and newline too) escaped
// as \x1B or \u202E, as the command line's safe_dup does, so that nothing quoted from a file
// can reorder or hide what is shown.
export function escapeText(s) {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    if (!isHostile(cp, false)) out += ch;
    else out += cp < 0x80 ? '\\x' + hex(cp, 2) : '\\u' + hex(cp, 4);
  }
  return out;
}

// Bytes shown safely: valid UTF-8 decoded with hostile characters escaped, and every invalid
// byte as \xNN.
export function escapeBytes(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const [cp, k] = utf8DecodeAt(bytes, i);
    if (k === 0) {
      out += '\\x' + hex(bytes[i], 2);
      i++;
      continue;
    }
    out += escapeText(String.fromCodePoint(cp));
    i += k;
  }
  return out;
}

// Equality of two byte arrays.
export function bytesEqual(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function toHex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}
