// SPDX-License-Identifier: GPL-3.0-or-later
// The few printf conversions signpost's messages use, with the positional form (%2$s) that
// translations need. Numbers are formatted as C does (%g through the exact formatter).
import { formatG } from './format.js';

const SPEC = /%(?:(\d+)\$)?([-0 #+]*)(\d+)?(?:\.(\d+|\*))?(hh|h|ll|l|z|j|t)?([sdiuxXgfc%])/g;

function pad(s, width, flags) {
  if (!width || s.length >= width) return s;
  if (flags.includes('-')) return s + ' '.repeat(width - s.length);
  if (flags.includes('0')) {
    const neg = s.startsWith('-');
    const body = neg ? s.slice(1) : s;
    return (neg ? '-' : '') + '0'.repeat(width - s.length) + body;
  }
  return ' '.repeat(width - s.length) + s;
}

function convert(conv, prec, arg) {
  switch (conv) {
    case 's': {
      const s = String(arg ?? '(null)');
      // A precision cuts a string to that many bytes; callers pass ASCII there (digests).
      return prec !== undefined ? s.slice(0, Number(prec)) : s;
    }
    case 'd': case 'i': case 'u': return String(typeof arg === 'bigint' ? arg : Math.trunc(arg));
    case 'x': return Number(arg).toString(16);
    case 'X': return Number(arg).toString(16).toUpperCase();
    case 'c': return String.fromCharCode(arg);
    case 'g': return formatG(Number(arg), prec !== undefined ? Number(prec) : 6);
    default: return String(arg);
  }
}

// sprintf(fmt, ...args).
export function sprintf(fmt, ...args) {
  let next = 0;
  return fmt.replace(SPEC, (all, pos, flags, width, prec, _len, conv) => {
    if (conv === '%') return '%';
    if (prec === '*') prec = String(args[next++]); // %.*s: the precision is an argument
    const arg = pos ? args[Number(pos) - 1] : args[next++];
    return pad(convert(conv, prec, arg), width ? Number(width) : 0, flags);
  });
}
