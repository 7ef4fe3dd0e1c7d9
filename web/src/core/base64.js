// SPDX-License-Identifier: GPL-3.0-or-later
// Base64 as signpost reads it (libsodium's sodium_base642bin, standard alphabet, padded, no
// characters ignored): every character in the alphabet, the unused low bits of the last
// character zero, exactly the padding the length needs, and nothing after it. Anything else
// is refused, so that one encoding stands for one byte string.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const VALUE = new Int16Array(256).fill(-1);
for (let i = 0; i < 64; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

// Decodes bytes (a Uint8Array of ASCII) into a Uint8Array, or returns null when libsodium would
// refuse them. max bounds the output as libsodium's bin_maxlen does.
export function base64Decode(bytes, max = 512) {
  const out = [];
  let acc = 0, accLen = 0, pos = 0;
  for (; pos < bytes.length; pos++) {
    const d = VALUE[bytes[pos]];
    if (d < 0) break;
    acc = ((acc << 6) | d) & 0xffffff;
    accLen += 6;
    if (accLen >= 8) {
      accLen -= 8;
      if (out.length >= max) return null;
      out.push((acc >> accLen) & 0xff);
    }
  }
  if (accLen > 4 || (acc & ((1 << accLen) - 1)) !== 0) return null;
  // libsodium skips accLen / 2 padding characters, then wants the end of the input.
  let padding = accLen / 2;
  while (padding > 0) {
    if (pos >= bytes.length || bytes[pos] !== 0x3d) return null;
    pos++;
    padding--;
  }
  if (pos !== bytes.length) return null;
  return Uint8Array.from(out);
}

// The standard padded encoding of bytes.
export function base64Encode(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    s += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    s += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return s;
}

// The number of characters of the padded encoding of n bytes.
export function base64Length(n) {
  return Math.ceil(n / 3) * 4;
}
