// SPDX-License-Identifier: GPL-3.0-or-later
// Test corpus maker: signs bodies with a minisign secret key (unencrypted, `signpost keygen
// -W`) the way signpost does, and makes tampered and forged variants of results, so that the
// page's core and `signpost verify` can be compared on them (tools/compare-node.mjs).
//
//   node tools/forge.mjs SECKEY OUTDIR RESULT...
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { blake2b } from '@noble/hashes/blake2b';
import { resultComment } from '../src/core/comment.js';
import { parseResult } from '../src/core/body.js';
import { base64Encode, base64Decode } from '../src/core/base64.js';
import { keyIdHex, publicKeyBase64 } from '../src/core/minisign.js';

const enc = new TextEncoder();
const b64url = (b) => Buffer.from(b).toString('base64url');

export function loadSecretKey(file) {
  const line = fs.readFileSync(file, 'utf8').split('\n')[1];
  const rec = base64Decode(enc.encode(line));
  const keyid = rec.slice(54, 62), sk = rec.slice(62, 126);
  const seed = sk.slice(0, 32), pk = sk.slice(32, 64);
  const priv = crypto.createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: b64url(seed), x: b64url(pk) }, format: 'jwk' });
  return { keyid, pk, priv };
}

function sign(key, msg) {
  return new Uint8Array(crypto.sign(null, Buffer.from(msg), key.priv));
}

// The signed file: block + body. opts: comment (string), alg ('ED' or 'Ed'), untrusted.
export function signBody(key, body, opts = {}) {
  const alg = opts.alg ?? 'ED';
  const signed = alg === 'ED' ? blake2b(body, { dkLen: 64 }) : body;
  const sig = sign(key, signed);
  const rec = new Uint8Array(74);
  rec.set(enc.encode(alg), 0);
  rec.set(key.keyid, 2);
  rec.set(sig, 10);
  const tc = enc.encode(opts.comment ?? resultComment(parseResult(body).result));
  const m = new Uint8Array(64 + tc.length);
  m.set(sig, 0);
  m.set(tc, 64);
  const gsig = sign(key, m);
  const head = `untrusted comment: ${opts.untrusted ?? ''}\n${base64Encode(rec)}\ntrusted comment: `;
  return concat(enc.encode(head), tc, enc.encode(`\n${base64Encode(gsig)}\n`), body);
}

export function concat(...parts) {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

// The body of a file (after the block when signed).
export function bodyOf(bytes) {
  let pos = 0;
  if (bytes[0] === 0x75) for (let i = 0; i < 4; i++) pos = bytes.indexOf(0x0a, pos) + 1;
  return bytes.slice(pos);
}

// The body with a signer line for key, as `signpost sign` inserts it after engine:.
export function withSigner(body, key) {
  const s = new TextDecoder().decode(body);
  const line = `signer: {id: ${keyIdHex(key.keyid)}, key: ${publicKeyBase64({ id: key.keyid, pk: key.pk })}}\n`;
  const at = s.indexOf('\nquiz:') + 1;
  return enc.encode(s.slice(0, at) + line + s.slice(at));
}

function edit(body, re, to) {
  const s = new TextDecoder().decode(body);
  return enc.encode(s.replace(re, to));
}

// Variants of one result: [name, bytes].
export function variants(key, other, bytes) {
  const body = bodyOf(bytes);
  const sb = withSigner(body, key);
  const out = [];
  const put = (n, b) => out.push([n, b]);
  put('unsigned', body);
  put('unsigned-signer', sb);
  put('signed-signer', signBody(key, sb));
  put('signed-old', signBody(key, body));
  put('other-signer', signBody(other, withSigner(body, other)));
  put('other-old', signBody(other, body));
  const edited = edit(sb, /(fit: )0\.(\d)/, (m, a, d) => `${a}0.${(Number(d) + 1) % 10}`);
  put('edited-fit', signBody(key, edited));
  put('edited-primary', signBody(key, edit(sb, /primary: ([a-z-]+)/, 'primary: safety')));
  put('edited-seed', signBody(key, edit(sb, /seed: (\d+)/, (m, d) => `seed: ${Number(d) + 1}`)));
  put('edited-lang', signBody(key, edit(sb, /lang: en/, 'lang: fr')));
  put('edited-scoring', signBody(key, edit(sb, /near_tie: 0\.05/, 'near_tie: 0.06')));
  put('edited-quizversion', signBody(key, edit(sb, /version: 1\.2\.0, digest: d58/, 'version: 1.1.0, digest: d58')));
  put('edited-answer', signBody(key, edit(sb, /: ([1-4])\n/, (m, d) => `: ${Number(d) + 1}\n`)));
  put('wrong-domain-comment', signBody(key, sb, { comment: 'signpost-result/2 quiz=x' }));
  put('wrong-domain-body', signBody(key, edit(sb, /^signpost-result\/1/, 'signpost-resulx/1'), { comment: 'signpost-result/1 quiz=x@1 top=none level=unknown finished=x' }));
  put('comment-mismatch', signBody(key, sb, { comment: resultComment(parseResult(sb).result).replace(/top=[a-z-]+/, 'top=safety') }));
  put('legacy', signBody(key, sb, { alg: 'Ed' }));
  put('untrusted-comment', signBody(key, sb, { untrusted: 'APPROVED by the dean' }));
  put('named-other', signBody(key, withSigner(body, other)));
  const named = (n) => edit(sb, /\nanswered:/, `\nname: "${n.replace(/["\\]/g, (c) => '\\' + c)}"\nanswered:`);
  put('name-quotes', signBody(key, named('Ann "A" \\ Lee')));
  put('name-chinese', signBody(key, named('李 安')));
  put('name-fields', signBody(key, named('Ann top=safety level=expert')));
  const bare = (n) => resultComment(parseResult(named(n)).result).replace(/name=".*"$/, `name=${n}`);
  put('name-legacy', signBody(key, named('Ann Lee'), { comment: bare('Ann Lee') }));
  put('name-legacy-eq', signBody(key, named('Ann top=x'), { comment: bare('Ann top=x') }));
  put('name-legacy-quote', signBody(key, named('Ann "x'), { comment: bare('Ann "x') }));
  put('name-bidi-signed', signBody(key, named('Ann \u202e'), { comment: 'signpost-result/1 quiz=x' }));
  const crlf = signBody(key, sb);
  put('crlf', enc.encode(new TextDecoder().decode(crlf).replace('\n', '\r\n')));
  return out;
}

// Single-byte changes of a signed file at positions across every region.
export function tampers(bytes, step) {
  const out = [];
  const subs = [0x20, 0x0a, 0x0d, 0x3a, 0x23, 0x41, 0x2f, 0x30, 0x22, 0xaf];
  for (let i = 0; i < bytes.length; i += step) {
    const b = bytes.slice();
    b[i] = subs[i % subs.length] === b[i] ? b[i] ^ 1 : subs[i % subs.length];
    out.push([`byte${i}`, b]);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [seckey, otherkey, outdir, step, ...files] = process.argv.slice(2);
  const key = loadSecretKey(seckey), other = loadSecretKey(otherkey);
  fs.mkdirSync(outdir, { recursive: true });
  for (const f of files) {
    const base = path.basename(f, '.signpost');
    const bytes = new Uint8Array(fs.readFileSync(f));
    for (const [n, b] of variants(key, other, bytes)) fs.writeFileSync(path.join(outdir, `${base}-${n}.signpost`), b);
    if (Number(step) > 0) {
      const signed = signBody(key, withSigner(bodyOf(bytes), key));
      for (const [n, b] of tampers(signed, Number(step))) fs.writeFileSync(path.join(outdir, `${base}-s-${n}.signpost`), b);
      for (const [n, b] of tampers(signBody(other, withSigner(bodyOf(bytes), other)), Number(step) * 3))
        fs.writeFileSync(path.join(outdir, `${base}-o-${n}.signpost`), b);
      for (const [n, b] of tampers(bodyOf(bytes), Number(step) * 3)) fs.writeFileSync(path.join(outdir, `${base}-u-${n}.signpost`), b);
    }
  }
}
