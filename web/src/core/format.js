// SPDX-License-Identifier: GPL-3.0-or-later
// Exact decimal formatting of doubles, as glibc's printf does it: the exact binary value is
// rounded to the requested digits, ties to even. Number.prototype.toFixed rounds some exact
// binary ties the other way, and a replayed score compared with the recorded one by its six
// decimals must print as C prints it, bit for bit.

const F64 = new Float64Array(1);
const U64 = new BigUint64Array(F64.buffer);

// The finite double x as sign, and an exact fraction num / 2^shift (shift >= 0) or num * 2^-shift.
function decompose(x) {
  F64[0] = x;
  const bits = U64[0];
  const negative = (bits >> 63n) === 1n;
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & 0xfffffffffffffn;
  let e2;
  if (exp === 0) {
    e2 = -1074;
  } else {
    mant |= 1n << 52n;
    e2 = exp - 1075;
  }
  return { negative, mant, e2 };
}

// The exact value of |x| scaled by 10^digits, as an integer rounded half to even.
function scaledRounded(mant, e2, digits) {
  let num = mant * 10n ** BigInt(digits);
  if (e2 >= 0) return num << BigInt(e2);
  const den = 1n << BigInt(-e2);
  const q = num / den;
  const r = num - q * den;
  const twice = r * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

// printf("%.{digits}f", x), for finite x.
export function formatFixed(x, digits) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
  const { negative, mant, e2 } = decompose(x);
  const v = scaledRounded(mant, e2, digits).toString().padStart(digits + 1, '0');
  const intPart = v.slice(0, v.length - digits);
  const frac = v.slice(v.length - digits);
  return (negative ? '-' : '') + intPart + (digits > 0 ? '.' + frac : '');
}

// printf("%.6f", x): how a result records a score.
export function fixed6(x) {
  return formatFixed(x, 6);
}

// The decimal exponent of |x| once rounded to p significant digits (x != 0).
function roundedExponent(mant, e2, p) {
  // Find X with 10^X <= |x| < 10^(X+1) using exact comparisons, then check the rounding carry.
  let X = Math.floor(Math.log10(Number(mant)) + e2 * Math.log10(2));
  const cmp = (k) => {
    // compare mant*2^e2 with 10^k: returns -1, 0, 1
    let a = mant, b = 1n;
    if (e2 >= 0) a <<= BigInt(e2); else b <<= BigInt(-e2);
    if (k >= 0) b *= 10n ** BigInt(k); else a *= 10n ** BigInt(-k);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  while (cmp(X) < 0) X--;
  while (cmp(X + 1) >= 0) X++;
  // Rounded to p digits, the value may reach 10^(X+1).
  const shift = p - 1 - X;
  const r = shift >= 0 ? scaledRounded(mant, e2, shift) : roundedDiv(mant, e2, -shift);
  if (r >= 10n ** BigInt(p)) X++;
  return X;
}

// |x| / 10^k rounded half to even, as an integer (k > 0).
function roundedDiv(mant, e2, k) {
  let num = mant, den = 10n ** BigInt(k);
  if (e2 >= 0) num <<= BigInt(e2); else den <<= BigInt(-e2);
  const q = num / den;
  const r = num - q * den;
  const twice = r * 2n;
  if (twice > den || (twice === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

function stripZeros(s) {
  if (!s.includes('.')) return s;
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

// printf("%.{p}g", x).
export function formatG(x, p) {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x < 0 ? '-inf' : 'inf';
  if (p === 0) p = 1;
  if (x === 0) return (Object.is(x, -0) ? '-' : '') + '0';
  const { negative, mant, e2 } = decompose(x);
  const X = roundedExponent(mant, e2, p);
  const sign = negative ? '-' : '';
  if (X < p && X >= -4) return sign + stripZeros(formatFixed(Math.abs(x), p - 1 - X));
  const shift = p - 1 - X;
  const r = shift >= 0 ? scaledRounded(mant, e2, shift) : roundedDiv(mant, e2, -shift);
  const digits = r.toString();
  let m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  m = stripZeros(m);
  const ex = Math.abs(X) < 10 ? '0' + Math.abs(X) : String(Math.abs(X));
  return sign + m + 'e' + (X < 0 ? '-' : '+') + ex;
}
