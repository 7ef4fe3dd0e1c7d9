// A result in the page's URL fragment: verify.html#r=BASE64URL (RFC 4648 section 5, no
// padding). The fragment is never sent to a server, so a link can carry a result to someone
// with the page without any upload. Pure functions: no DOM here.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

// The most bytes a file may have to be read at all: a body of at most 16 MiB and a signature
// block of a few KiB, as `signpost verify` reads (engine/cli/verifier.c). Larger is "too-large".
export const MAX_RESULT_BYTES = 16 * 1024 * 1024 + 8192;

// Longest link offered by "copy link": browsers keep URLs of about 2 MB; far less is wise.
export const MAX_LINK_CHARS = 1024 * 1024;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

export function base64urlEncode(bytes) {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  if (bytes.length - i === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (bytes.length - i === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

// Decodes base64url without padding. Returns {bytes} or {error: {en, zh}} naming the first
// character that is wrong and where, so that a link cut short or mangled says so.
export function base64urlDecode(text) {
  const len = text.length;
  if (len % 4 === 1)
    return { error: { en: `${len} characters cannot be base64url (the link may have been cut short)`,
                      zh: `${len} 个字符不可能是 base64url 编码（链接可能被截断了）` } };
  const bytes = new Uint8Array(Math.floor((len * 3) / 4));
  let acc = 0, bits = 0, j = 0;
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? VALUE[c] : -1;
    if (v < 0) {
      const ch = JSON.stringify(text[i]);
      return { error: { en: `character ${ch} at position ${i + 1} is not base64url (A–Z, a–z, 0–9, - and _)`,
                        zh: `第 ${i + 1} 个字符 ${ch} 不属于 base64url（A–Z、a–z、0–9、- 和 _）` } };
    }
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 255;
    }
    acc &= 0xff;
  }
  return { bytes: bytes.subarray(0, j) };
}

// The result of a location.hash: null when the fragment carries none (no "r=" part), else
// {bytes} or {error}. The fragment is "#r=…", possibly among other "&"-separated parts.
export function parseFragment(hash) {
  if (typeof hash !== 'string') return null;
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const part = body.split('&').find((p) => p.startsWith('r='));
  if (part === undefined) return null;
  const text = part.slice(2);
  if (text === '') return { error: { en: 'it is empty', zh: '它是空的' } };
  // Each base64url character stands for 6 bits: a link longer than a result can be is
  // refused before decoding, as a file is before reading.
  if (text.length > Math.ceil((MAX_RESULT_BYTES * 4) / 3))
    return { tooLarge: true, size: Math.floor((text.length * 3) / 4) };
  return base64urlDecode(text);
}

// The link to this page with the result in its fragment: href without its fragment, "#r=" and
// the bytes. null when the link would be too long to be of use.
export function buildLink(href, bytes) {
  const base = String(href).split('#')[0];
  const text = base64urlEncode(bytes);
  if (text.length > MAX_LINK_CHARS) return null;
  return `${base}#r=${text}`;
}
