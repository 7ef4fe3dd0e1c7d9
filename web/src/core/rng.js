// SPDX-License-Identifier: GPL-3.0-or-later
// xoshiro256** seeded through splitmix64, and seeds derived with BLAKE2b (engine/rng.c), in
// 64-bit BigInt arithmetic so that every draw is C's.
import { blake2b } from '@noble/hashes/blake2b';

const M64 = (1n << 64n) - 1n;
const enc = new TextEncoder();

function splitmix64(state) {
  state.x = (state.x + 0x9e3779b97f4a7c15n) & M64;
  let z = state.x;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

export class Rng {
  constructor(seed) {
    const st = { x: BigInt.asUintN(64, BigInt(seed)) };
    this.s = [0, 1, 2, 3].map(() => splitmix64(st));
  }

  // sp_rng_derive: a generator for (seed, tag, label), each string NUL-terminated in the hash.
  static derive(seed, tag, label) {
    const s = BigInt.asUintN(64, BigInt(seed));
    const t = enc.encode(tag), l = enc.encode(label);
    const input = new Uint8Array(8 + t.length + 1 + l.length + 1);
    for (let i = 0; i < 8; i++) input[i] = Number((s >> BigInt(8 * i)) & 0xffn);
    input.set(t, 8);
    input.set(l, 8 + t.length + 1);
    const out = blake2b(input, { dkLen: 8 });
    let v = 0n;
    for (let i = 0; i < 8; i++) v |= BigInt(out[i]) << BigInt(8 * i);
    return new Rng(v);
  }

  next() {
    const s = this.s;
    const rotl = (x, k) => ((x << BigInt(k)) | (x >> BigInt(64 - k))) & M64;
    const result = (rotl((s[1] * 5n) & M64, 7) * 9n) & M64;
    const t = (s[1] << 17n) & M64;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }

  // A number below bound, without modulo bias (rejecting the top sliver).
  below(bound) {
    const b = BigInt(bound);
    const limit = M64 - (M64 % b);
    let x;
    do x = this.next(); while (x >= limit);
    return Number(x % b);
  }

  // Fisher-Yates as sp_rng_shuffle does it.
  shuffle(a) {
    for (let i = a.length; i > 1; i--) {
      const j = this.below(i);
      if (j === i - 1) continue;
      const t = a[i - 1];
      a[i - 1] = a[j];
      a[j] = t;
    }
    return a;
  }
}
