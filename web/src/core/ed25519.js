// SPDX-License-Identifier: GPL-3.0-or-later
// Ed25519 verification through WebCrypto, with the checks libsodium 1.0.18 makes first (a
// canonical S, R and the key not of small order, a canonical key), so that a signature that
// libsodium refuses is refused here too whatever the browser's library accepts.
import { blake2b } from '@noble/hashes/blake2b';

const L = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10];

function hexBytes(h) {
  return h.match(/../g).map((x) => parseInt(x, 16));
}

const FF = (first, last) => [first, ...Array(30).fill(0xff), last];
const SMALL_ORDER = [
  Array(32).fill(0),
  [1, ...Array(31).fill(0)],
  hexBytes('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'),
  hexBytes('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a'),
  FF(0xec, 0x7f),
  FF(0xed, 0x7f),
  FF(0xee, 0x7f),
];

// ge25519_has_small_order: the encoding (sign bit of the last byte ignored) is in the list.
function hasSmallOrder(s) {
  return SMALL_ORDER.some((b) => {
    for (let j = 0; j < 31; j++) if (s[j] !== b[j]) return false;
    return (s[31] & 0x7f) === b[31];
  });
}

// sc25519_is_canonical: S < L (little-endian).
function scalarCanonical(s) {
  for (let i = 31; i >= 0; i--) {
    if (s[i] < L[i]) return true;
    if (s[i] > L[i]) return false;
  }
  return false;
}

// ge25519_is_canonical: the encoding of y is below p.
function pointCanonical(s) {
  if ((s[31] & 0x7f) !== 0x7f) return true;
  for (let i = 30; i > 0; i--) if (s[i] !== 0xff) return true;
  return s[0] < 0xed;
}

const support = new WeakMap();

// Whether WebCrypto has Ed25519 here (checked once per crypto object, by importing a key).
export async function ed25519Supported() {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return false;
  if (support.has(subtle)) return support.get(subtle);
  let ok;
  try {
    // RFC 8032's first test key.
    await subtle.importKey('raw', hexBytesU8('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'),
      { name: 'Ed25519' }, false, ['verify']);
    ok = true;
  } catch {
    ok = false;
  }
  support.set(subtle, ok);
  return ok;
}

function hexBytesU8(h) {
  return Uint8Array.from(hexBytes(h));
}

const keyCache = new Map();

async function importKey(pk) {
  const id = Array.from(pk).join(',');
  let k = keyCache.get(id);
  if (!k) {
    k = await globalThis.crypto.subtle.importKey('raw', pk, { name: 'Ed25519' }, false, ['verify']);
    keyCache.set(id, k);
  }
  return k;
}

// crypto_sign_verify_detached(sig, message, pk) == 0.
export async function ed25519Verify(sig, message, pk) {
  if (!scalarCanonical(sig.subarray(32)) || hasSmallOrder(sig.subarray(0, 32))) return false;
  if (!pointCanonical(pk) || hasSmallOrder(pk)) return false;
  try {
    const key = await importKey(pk);
    return await globalThis.crypto.subtle.verify({ name: 'Ed25519' }, key, sig, message);
  } catch {
    return false; // a key WebCrypto cannot import is not a point: libsodium refuses it too
  }
}

export function blake2b512(bytes) {
  return blake2b(bytes, { dkLen: 64 });
}

export function blake2b256(bytes) {
  return blake2b(bytes, { dkLen: 32 });
}
