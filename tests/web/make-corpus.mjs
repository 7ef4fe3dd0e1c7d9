// Writes the corpus of the verifier page's agreement test (tests/web/README.md): 1,000 signed
// results of the placement and quick quizzes, and several hundred tampered, forged, unsigned,
// foreign and old ones, every one a file that `signpost verify --json` and the page must judge
// alike. Deterministic: the keys come from fixed seeds and every edit from a seeded generator,
// so two runs write the same bytes.
//
//   node make-corpus.mjs --signpost BIN --gen-results BIN --src SRCDIR OUTDIR
//
// OUTDIR/files/       the results (flat, unique names: CATEGORY-N.signpost)
// OUTDIR/keys/        trusted.pub/.key (the page's key), other.* (a key nobody trusts),
//                     twin.* (another key with trusted's key id)
// OUTDIR/corpus.json  {trust: [pub files], quiz: [manifests], files: {NAME: {category, what,
//                     expect}}}: the -p and --quiz both sides get, and for each file what it is
//                     and the trust class (and verdict) it must get, a check of the corpus itself
//
// A forger who holds a key signs with node:crypto (Ed25519 over BLAKE2b-512, minisign's format
// byte for byte, docs/result-format.md section 1); the C signer's output is reproduced byte for
// byte first, so a forged file differs from a real one only where it is meant to.
//
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, sign as edSign } from 'node:crypto';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync }
  from 'node:fs';
import { basename, join, resolve } from 'node:path';

// ---- Arguments ---------------------------------------------------------------------------------

function parseArgs(argv) {
  const a = { out: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (k === '--signpost') a.signpost = resolve(argv[++i]);
    else if (k === '--gen-results') a.genResults = resolve(argv[++i]);
    else if (k === '--src') a.src = resolve(argv[++i]);
    else if (!a.out && !k.startsWith('-')) a.out = resolve(k);
    else throw new Error(`make-corpus: unknown argument ${k}`);
  }
  if (!a.signpost || !a.genResults || !a.src || !a.out)
    throw new Error('usage: make-corpus.mjs --signpost BIN --gen-results BIN --src SRC OUTDIR');
  return a;
}

// ---- A seeded generator (mulberry32): the same edits on every run -----------------------------

function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, below: (n) => Math.floor(next() * n), pick: (arr) => arr[Math.floor(next() * arr.length)] };
}

// ---- Keys: minisign's formats, from fixed seeds ------------------------------------------------

const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

// A key pair from a label: the Ed25519 seed and the 8-byte key id are hashes of the label, so
// the corpus is the same on every run. idBytes overrides the id (a "twin" of another key).
function makeKey(label, idBytes) {
  const seed = createHash('sha256').update(`signpost web corpus ${label}`).digest();
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519, seed]), format: 'der', type: 'pkcs8' });
  const pk = createPublicKey(priv).export({ format: 'der', type: 'spki' }).subarray(-32);
  const id = idBytes ?? createHash('sha256').update(`id ${label}`).digest().subarray(0, 8);
  return {
    label, seed, pk, id, priv,
    idHex: Buffer.from(id).reverse().toString('hex').toUpperCase(),
    b64: Buffer.concat([Buffer.from('Ed'), id, pk]).toString('base64'),
  };
}

function writeKeyFiles(dir, key) {
  writeFileSync(join(dir, `${key.label}.pub`),
    `untrusted comment: minisign public key ${key.idHex}\n${key.b64}\n`);
  // An unencrypted minisign secret key (signpost keygen -W): "Ed", no KDF, "B2", zero salt and
  // limits, then key id, secret key (seed ‖ public key) and a zero checksum, as minisign -W
  // leaves it.
  const rec = Buffer.concat([Buffer.from('Ed'), Buffer.alloc(2), Buffer.from('B2'), Buffer.alloc(48),
    key.id, key.seed, key.pk, Buffer.alloc(32)]);
  if (rec.length !== 158) throw new Error('secret key record is not 158 bytes');
  writeFileSync(join(dir, `${key.label}.key`),
    `untrusted comment: signpost secret key, unencrypted\n${rec.toString('base64')}\n`, { mode: 0o600 });
}

// ---- Signing: minisign's prehashed signature, byte for byte ------------------------------------

function blake2b512(buf) {
  return createHash('blake2b512').update(buf).digest();
}

// The four-line block for body with the trusted comment, by key. alg 'ED' is the prehashed
// signature signpost makes; 'Ed' is minisign's legacy one (over the body itself).
function block(body, comment, key, { alg = 'ED', untrusted = '' } = {}) {
  const msg = alg === 'ED' ? blake2b512(body) : body;
  const sig = edSign(null, msg, key.priv);
  const line2 = Buffer.concat([Buffer.from(alg), key.id, sig]).toString('base64');
  const global = edSign(null, Buffer.concat([sig, Buffer.from(comment, 'utf8')]), key.priv);
  return Buffer.from(`untrusted comment: ${untrusted}\n${line2}\ntrusted comment: ${comment}\n` +
    `${global.toString('base64')}\n`, 'utf8');
}

function signed(body, key, opts = {}) {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return Buffer.concat([block(b, opts.comment ?? commentOf(b.toString('utf8')), key, opts), b]);
}

// ---- Bodies ------------------------------------------------------------------------------------

// Splits a signed file into its four block lines and its body (a string), or null.
function split(buf) {
  let at = 0;
  for (let i = 0; i < 4; i++) {
    at = buf.indexOf(0x0a, at);
    if (at < 0) return null;
    at++;
  }
  return { block: buf.subarray(0, at), body: buf.subarray(at).toString('utf8') };
}

function field(body, key) {
  const m = body.match(new RegExp(`^${key}: (.*)$`, 'm'));
  return m ? m[1] : null;
}

// The trusted comment signpost makes from a body (docs/result-format.md, section 2).
function commentOf(body) {
  const quiz = body.match(/^quiz: \{id: ([^,]*), version: ([^,]*),/m);
  const primary = field(body, 'primary');
  const nearTie = (field(body, 'near_tie') ?? '[]').replace(/^\[|\]$/g, '').split(', ').filter(Boolean);
  const flat = field(body, 'flat');
  const name = field(body, 'name');
  let c = `signpost-result/1 quiz=${quiz?.[1]}@${quiz?.[2]} top=${primary === 'null' ? 'none' : primary}`;
  if (nearTie.length) c += ` near-tie=${nearTie.join(',')}`;
  if (flat && flat !== 'none') c += ` flat=${flat}`;
  c += ` level=${field(body, 'level')} finished=${field(body, 'finished')}`;
  if (name) c += ` name=${name}`;
  return c;
}

function signerLine(key) {
  return `signer: {id: ${key.idHex}, key: ${key.b64}}`;
}

// The body with the signer line inserted after engine:, as sign and take --key do.
function withSigner(body, key) {
  return body.replace(/^(engine: .*\n)/m, `$1${signerLine(key)}\n`);
}

function withoutSigner(body) {
  return body.replace(/^signer: .*\n/m, '');
}

// Sets a one-line field (adds name: after finished: when it is missing).
function setField(body, key, value) {
  if (field(body, key) !== null) return body.replace(new RegExp(`^${key}: .*$`, 'm'), `${key}: ${value}`);
  if (key === 'name') return body.replace(/^(finished: .*\n)/m, `$1name: ${value}\n`);
  throw new Error(`no field ${key}`);
}

// The lines [first, end) of key's entry in the body's lines: the key's line and the indented
// lines under it.
function region(lines, key) {
  const first = lines.findIndex((l) => l.startsWith(`${key}:`));
  if (first < 0) return null;
  let end = first + 1;
  while (end < lines.length && lines[end].startsWith('  ')) end++;
  return [first, end];
}

// ---- One-byte edits ----------------------------------------------------------------------------

const REPLACEMENTS = [' ', '"', ':', '\0', '\xff', 'Z', '#', '-', '\t', '{', '[', '&', '*', '1'];

// A byte of s (a latin1 string of bytes) other than s[p], chosen by r: a neighbouring digit or
// letter most often (the edits a forger would try), else a byte YAML or the parser care about.
function otherByte(r, c) {
  for (;;) {
    let n;
    if (r.next() < 0.5 && /[0-9a-zA-Z]/.test(c)) {
      const code = c.charCodeAt(0) + (r.next() < 0.5 ? 1 : -1);
      n = String.fromCharCode(code);
    } else {
      n = r.pick(REPLACEMENTS);
    }
    if (n !== c) return n;
  }
}

// buf with one byte changed in the line range [from, to) of its lines (0-based), at a position
// after skip bytes of the first line when possible.
function editByte(buf, r, from, to, skip = 0) {
  const s = buf.toString('latin1');
  const starts = [0];
  for (let i = 0; i < s.length; i++) if (s[i] === '\n') starts.push(i + 1);
  const lo = starts[from] + Math.min(skip, starts[from + 1] - starts[from] - 2);
  const hi = starts[to] - 1; // not the last line's newline
  const p = lo + r.below(Math.max(1, hi - lo));
  const n = s.slice(0, p) + otherByte(r, s[p]) + s.slice(p + 1);
  return Buffer.from(n, 'latin1');
}

// ---- The corpus --------------------------------------------------------------------------------

const BODY_FIELDS = ['engine', 'signer', 'quiz', 'directions', 'banks', 'scoring', 'seed', 'lang',
  'started', 'finished', 'name', 'answered', 'skipped', 'answers', 'scores', 'ranking', 'primary',
  'near_tie', 'settle', 'flat', 'level'];

class Corpus {
  constructor(dir) {
    this.dir = dir;
    this.files = {};
    this.counts = {};
  }

  // Adds a file. expect: a trust class, optionally 'trust/verdict', or '!trusted' (any class
  // but trusted: for an edit the signature must catch, or that may land in a harmless byte).
  add(category, what, bytes, expect) {
    const n = (this.counts[category] = (this.counts[category] ?? 0) + 1);
    const name = `${category}-${String(n).padStart(4, '0')}.signpost`;
    writeFileSync(join(this.dir, 'files', name), bytes);
    this.files[name] = { category, what, expect };
    return name;
  }
}

function run(cmd, args, env) {
  return execFileSync(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

// The good results: gen_results' signed results of the two quizzes, re-signed with the signer
// line (what take --key writes today), some in Chinese or with a name; one in ten kept as
// gen_results wrote it, without the line (a result signed before signpost recorded signers).
function goodResults(c, a, env, trusted, tmp) {
  const plans = [['placement', 600, 11], ['quick', 400, 12]];
  const names = ['Ann Lee', '李明', 'O\\"Brien \\\\ co', 'Zoë Ångström', 'Ann Lee top=safety level=expert',
    '王小红 (team 2)', 'x', 'Ruiz-Ortega, María'];
  const bases = { placement: [], quick: [] };
  for (const [quiz, n, seed] of plans) {
    const out = join(tmp, quiz);
    mkdirSync(out, { recursive: true });
    run(a.genResults, [join(a.src, 'quizzes', `${quiz}.yaml`), join(c.dir, 'keys', 'trusted.key'),
      String(n), out, String(seed)], env);
    const made = readdirSync(out).sort();
    made.forEach((f, i) => {
      const buf = readFileSync(join(out, f));
      const { block: blk, body } = split(buf);
      // The C signer's block, reproduced: checks this forger's signing and comment.
      if (!signed(body, trusted).equals(buf))
        throw new Error(`make-corpus: node does not reproduce gen_results' signature of ${f}`);
      let b = body;
      if (i % 5 === 1) b = setField(b, 'lang', 'zh');
      if (i % 7 === 2) b = setField(b, 'name', `"${names[((i / 7) | 0) % names.length]}"`);
      if (i % 10 === 9 && b === body) {
        c.add(`good-${quiz}`, 'signed by the trusted key, no signer line (before signers were recorded)',
          Buffer.concat([blk, Buffer.from(body)]), 'trusted/verified');
        bases[quiz].push(body);
        return;
      }
      b = withSigner(b, trusted);
      c.add(`good-${quiz}`, 'signed by the trusted key', signed(b, trusted), 'trusted/verified');
      bases[quiz].push(b);
    });
  }
  return bases;
}

// The signature block's four lines, one byte at a time.
function blockEdits(c, r, bases, trusted) {
  const spec = [
    [0, 6, 'the untrusted comment line'],
    [1, 12, 'the signature line (algorithm, key id, signature)'],
    [2, 10, 'the trusted comment line'],
    [3, 8, 'the global signature line'],
  ];
  for (const [line, n, what] of spec) {
    for (let i = 0; i < n; i++) {
      const base = signed(r.pick(bases), trusted);
      // line 2 at bytes 0-3 is the algorithm, 3-14 the key id, then the signature
      const skip = line === 1 ? [0, 3, 14, 40][i % 4] : line === 2 ? 17 : 0;
      c.add('tampered-block', `one byte of ${what}`, editByte(base, r, line, line + 1, skip),
        line === 0 ? undefined : 'failed');
    }
  }
  // Text in the untrusted comment changes nothing; an untrusted comment that another key's
  // owner wrote is no signature.
  // (a bidirectional control character there is refused outright, as anywhere in the file).
  for (const text of ['APPROVED by the dean', 'signature from minisign secret key', '\u202eevil']) {
    const b = r.pick(bases);
    c.add('untrusted-comment', `untrusted comment "${text}"`, signed(b, trusted, { untrusted: text }),
      text.startsWith('\u202e') ? 'failed/malformed' : 'trusted/verified');
  }
}

// Every field of the body: one byte changed, in a signed file (the signature catches it), in an
// unsigned one (the parser or the replay must), and re-signed by the trusted key's holder with
// the trusted comment made again (only the replay can).
function bodyEdits(c, r, bases, trusted) {
  for (const key of BODY_FIELDS) {
    const fit = bases.filter((b) => region(b.split('\n'), key));
    if (!fit.length) throw new Error(`no base has ${key}`);
    for (let i = 0; i < 4; i++) {
      const body = r.pick(fit);
      const full = signed(body, trusted);
      const lines = full.toString('utf8').split('\n');
      const [from, to] = region(lines.slice(4), key);
      c.add('tampered-body', `one byte of ${key}, signed file`, editByte(full, r, from + 4, to + 4, key.length + 2),
        'failed');
    }
    for (let i = 0; i < 3; i++) {
      let body = r.pick(fit);
      if (key !== 'signer') body = withoutSigner(body);
      const [from, to] = region(body.split('\n'), key);
      const edited = editByte(Buffer.from(body), r, from, to, key.length + 2);
      c.add('unsigned-edited', `one byte of ${key}, unsigned`, edited, '!trusted');
    }
    for (let i = 0; i < 3; i++) {
      const body = r.pick(fit);
      const [from, to] = region(body.split('\n'), key);
      const edited = editByte(Buffer.from(body), r, from, to, key.length + 2).toString('latin1');
      const asText = Buffer.from(edited, 'latin1');
      // The comment made again from the edited body. No expectation: the key's holder may sign
      // what they like, and some bytes change nothing replay can see (the engine line, a
      // time, a tab for a space), or leave only the banks (a manifest digest): intact.
      c.add('resigned-byte', `one byte of ${key}, re-signed with the trusted key`,
        signed(asText, trusted, { comment: commentOf(asText.toString('utf8')).replace(/[\r\n]/g, ' ') }));
    }
  }
}

// Edits a key holder would make on purpose, re-signed with the trusted key and a matching
// comment: only the replay stands between them and a verified result.
function forgeries(c, r, bases, trusted) {
  const edits = [
    ['a fit raised by 0.01', (b) => {
      const d = field(b, 'primary');
      return b.replace(new RegExp(`^(  ${d}: \\{[^}]*fit: )([0-9.]+)`, 'm'),
        (m, p, v) => p + Math.min(1, Number(v) + 0.01).toFixed(6));
    }],
    ['an interest changed', (b) => b.replace(/^(  [a-z]+: \{interest: )([0-9.]+)/m,
      (m, p, v) => p + (1 - Number(v)).toFixed(6))],
    ['primary swapped with the runner-up', (b) => {
      const rk = field(b, 'ranking').replace(/^\[|\]$/g, '').split(', ');
      if (rk.length < 2) return null;
      [rk[0], rk[1]] = [rk[1], rk[0]];
      return setField(setField(b, 'ranking', `[${rk.join(', ')}]`), 'primary', rk[0]);
    }],
    ['primary alone changed', (b) => {
      const rk = field(b, 'ranking').replace(/^\[|\]$/g, '').split(', ');
      return rk.length < 2 ? null : setField(b, 'primary', rk[rk.length - 1]);
    }],
    ['an answer changed', (b) => b.replace(/^(  [a-z]+\.like\.[a-z0-9-]+: )([1-5])$/m,
      (m, p, v) => p + (v === '5' ? '1' : String(Number(v) + 1)))],
    ['a likert answer skipped', (b) => b.replace(/^(  [a-z]+\.like\.[a-z0-9-]+: )([1-5])$/m, '$1skip')],
    ['interest_weight changed', (b) => b.replace(/interest_weight: [0-9.]+/, 'interest_weight: 0.7')],
    ['near_tie margin changed', (b) => b.replace(/(scoring: \{[^}]*near_tie: )[0-9.]+/, '$10.2')],
    ['near_tie_confidence dropped', (b) => b.replace(/, near_tie_confidence: [0-9.]+/, '')],
    ['seed changed', (b) => setField(b, 'seed', String(Number(field(b, 'seed')) + 1))],
    ['lang changed to fr', (b) => setField(b, 'lang', 'fr')],
    ['lang changed to zh', (b) => setField(b, 'lang', field(b, 'lang') === 'zh' ? 'en' : 'zh'), 'trusted/verified'],
    ['level raised', (b) => setField(b, 'level', field(b, 'level') === 'expert' ? 'entry' : 'expert')],
    ['flat claimed', (b) => setField(b, 'flat', field(b, 'flat') === 'none' ? 'close-fits' : 'none')],
    ['near tie claimed', (b) => {
      const rk = field(b, 'ranking').replace(/^\[|\]$/g, '').split(', ');
      return rk.length < 3 ? null : setField(b, 'near_tie', `[${rk[2]}]`);
    }],
    ['settle changed', (b) => (field(b, 'settle') === null ? null : setField(b, 'settle', String(Number(field(b, 'settle')) + 3)))],
    ['answered count changed', (b) => setField(b, 'answered', String(Number(field(b, 'answered')) + 1))],
    ['quiz version changed', (b) => b.replace(/^(quiz: \{id: [a-z]+, version: )1\.2\.0/m, '$11.3.0')],
    ['quiz id changed', (b) => b.replace(/^quiz: \{id: placement,/m, 'quiz: {id: quick,').replace(/^quiz: \{id: quick, version: 1\.0/m, 'quiz: {id: placement, version: 1.0')],
    ['a bank digest changed', (b) => b.replace(/^(  - \{id: [a-z]+, version: [0-9.]+, digest: )([0-9a-f])/m,
      (m, p, h) => p + (h === '0' ? '1' : '0')), 'trusted/no-banks'],
    ['a bank version changed', (b) => b.replace(/^(  - \{id: [a-z]+, version: )1\.2\.0/m, '$11.2.1')],
    ['directions version changed', (b) => b.replace(/^(directions: \{version: )([0-9.]+)/m, '$19.9.9')],
    ['a score gets se removed', (b) => b.replace(/, se: [0-9.]+, gap_se: ([0-9.]+|null)\}/, '}')],
    ['a fit set to null', (b) => b.replace(/^(  [a-z]+: \{[^}]*fit: )[0-9.]+/m, '$1null')],
    ['a question dropped from answers', (b) => b.replace(/^  [a-z]+\.like\.[a-z0-9-]+: [1-5]\n/m, '')],
    ['two answers swapped in order', (b) => b.replace(/^(  [a-z.0-9-]+: .*)\n(  [a-z.0-9-]+: .*)\n(?=  )/m, '$2\n$1\n')],
  ];
  for (const [what, edit, expect = 'failed'] of edits) {
    let made = 0;
    for (let tries = 0; made < 3 && tries < 40; tries++) {
      const b = r.pick(bases);
      const e = edit(b);
      if (!e || e === b) continue;
      c.add('forged', `${what}, re-signed with the trusted key`, signed(e, trusted), expect);
      made++;
    }
    if (!made) throw new Error(`make-corpus: the forgery '${what}' applies to no base`);
  }
}

// Lines deleted, doubled and reordered, CR LF endings, truncations and files that are not results.
function structure(c, r, bases, trusted, goodBase) {
  for (let i = 0; i < 14; i++) {
    const full = signed(r.pick(bases), trusted).toString('utf8').split('\n');
    const n = i < 5 ? i : 4 + r.below(full.length - 5);
    full.splice(n, 1);
    c.add('lines', `line ${n + 1} deleted`, Buffer.from(full.join('\n')), 'failed');
  }
  for (let i = 0; i < 10; i++) {
    const full = signed(r.pick(bases), trusted).toString('utf8').split('\n');
    const n = i < 4 ? i : 4 + r.below(full.length - 5);
    full.splice(n, 0, full[n]);
    c.add('lines', `line ${n + 1} duplicated`, Buffer.from(full.join('\n')), 'failed');
  }
  const crlf = (s) => s.replace(/\n/g, '\r\n');
  const b0 = signed(r.pick(bases), trusted).toString('utf8');
  c.add('crlf', 'CR LF throughout', Buffer.from(crlf(b0)), 'failed');
  const parts = signed(r.pick(bases), trusted).toString('utf8').split('\n');
  c.add('crlf', 'CR LF on the signature block only', Buffer.from(crlf(parts.slice(0, 4).join('\n')) + '\r\n' + parts.slice(4).join('\n')), 'failed');
  for (const ln of [1, 3, 6, 12]) {
    const p = signed(r.pick(bases), trusted).toString('utf8').split('\n');
    p[ln] += '\r';
    c.add('crlf', `CR LF on line ${ln + 1}`, Buffer.from(p.join('\n')), 'failed');
  }
  const ub = r.pick(bases);
  c.add('crlf', 'CR LF throughout, unsigned', Buffer.from(crlf(withoutSigner(ub))), '!trusted');
  for (let i = 0; i < 14; i++) {
    const full = signed(r.pick(bases), trusted);
    const cut = i === 0 ? full.length - 1 : i === 1 ? 0 : i < 6 ? r.below(400) : 400 + r.below(full.length - 401);
    c.add('truncated', `cut to ${cut} bytes`, full.subarray(0, cut), 'failed');
  }
  c.add('truncated', 'the block only', split(signed(r.pick(bases), trusted)).block, 'failed');
  c.add('truncated', 'one byte appended', Buffer.concat([signed(r.pick(bases), trusted), Buffer.from('\n')]), 'failed');
  c.add('not-a-result', 'random bytes', Buffer.from(Array.from({ length: 700 }, () => r.below(256))), 'failed');
  c.add('not-a-result', 'a public key file', Buffer.from(`untrusted comment: minisign public key ${trusted.idHex}\n${trusted.b64}\n`), 'failed');
  c.add('not-a-result', 'a YAML bank header', Buffer.from('signpost: bank/1\nid: x\nversion: 1.0.0\n'), 'failed');
  c.add('not-a-result', 'UTF-8 BOM before the tag', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(withoutSigner(goodBase))]), 'failed');
  c.add('not-a-result', 'invalid UTF-8 in the answers', Buffer.from(withoutSigner(goodBase).replace(/^answers:\n  ([a-z]+)/m, 'answers:\n  \xc3$1'), 'latin1'), 'failed');
}

// Keys other than the trusted one: an unknown signer (intact, not trusted), the same without the
// signer line (cannot be checked), a twin key with the trusted key's id, signer lines that lie,
// the legacy signature, and the wrong domain.
function foreignKeys(c, r, bases, trusted, other, twin) {
  for (let i = 0; i < 20; i++) {
    const b = withSigner(withoutSigner(r.pick(bases)), other);
    c.add('unknown-signer', 'signed by a key the page does not trust, signer line', signed(b, other), 'untrusted/untrusted-key');
  }
  for (let i = 0; i < 6; i++) {
    c.add('unknown-signer', 'signed by an unknown key, no signer line', signed(withoutSigner(r.pick(bases)), other), 'failed/unknown-key');
  }
  for (let i = 0; i < 5; i++) {
    const b = withSigner(withoutSigner(r.pick(bases)), other);
    c.add('unknown-signer', 'an unknown signer\'s result, one byte of the body changed', editByte(signed(b, other), r, 12, 30), 'failed');
  }
  for (let i = 0; i < 4; i++) {
    const b = withSigner(withoutSigner(r.pick(bases)), other);
    const e = setField(b, 'level', field(b, 'level') === 'expert' ? 'entry' : 'expert');
    c.add('unknown-signer', 'an unknown signer re-signs an edited level', signed(e, other), 'failed');
  }
  for (let i = 0; i < 5; i++) {
    const b = withSigner(withoutSigner(r.pick(bases)), twin);
    c.add('twin-key', 'a key with the trusted key\'s id signs, naming itself', signed(b, twin), 'untrusted/untrusted-key');
  }
  for (let i = 0; i < 4; i++) {
    c.add('twin-key', 'a key with the trusted key\'s id signs, no signer line', signed(withoutSigner(r.pick(bases)), twin), 'failed');
  }
  for (let i = 0; i < 3; i++) {
    // The id matches the body's, so only the signature can tell: no key it names holds.
    c.add('twin-key', 'a twin key signs a body naming the trusted key', signed(withSigner(withoutSigner(r.pick(bases)), trusted), twin), 'failed/altered');
  }
  for (let i = 0; i < 4; i++) {
    c.add('signer-lie', 'signed by the trusted key, body names the unknown key', signed(withSigner(withoutSigner(r.pick(bases)), other), trusted), 'failed/signer-mismatch');
    c.add('signer-lie', 'signed by the unknown key, body names the trusted key', signed(withSigner(withoutSigner(r.pick(bases)), trusted), other), 'failed/signer-mismatch');
    c.add('signer-lie', 'signed by the trusted key, body names the twin (same id, other key)', signed(withSigner(withoutSigner(r.pick(bases)), twin), trusted), 'failed/signer-mismatch');
  }
  const lie = withoutSigner(r.pick(bases)).replace(/^(engine: .*\n)/m, `$1signer: {id: 0000000000000000, key: ${trusted.b64}}\n`);
  c.add('signer-lie', 'signer line with a wrong id for the trusted key', signed(lie, trusted), 'failed');
  c.add('signer-lie', 'signer line twice', signed(withSigner(r.pick(bases), trusted), trusted), 'failed');
  for (let i = 0; i < 3; i++) {
    c.add('legacy', 'minisign legacy Ed signature (not prehashed)', signed(r.pick(bases), trusted, { alg: 'Ed' }), 'failed/unsupported');
  }
  const domains = [
    ['the body tag signpost-result/2', (b) => b.replace(/^signpost-result\/1/, 'signpost-result/2'), null],
    ['the body tag signpost-bank/1', (b) => b.replace(/^signpost-result\/1/, 'signpost-bank/1'), null],
    ['a body without the tag', (b) => b.replace(/^signpost-result\/1\n/, ''), null],
    ['the comment tag signpost-report/1', (b) => b, (cm) => cm.replace(/^signpost-result\/1/, 'signpost-report/1')],
    ['a comment without the tag', (b) => b, (cm) => cm.replace(/^signpost-result\/1 /, '')],
    ['the comment of minisign -S', (b) => b, () => 'timestamp:1795000000\tfile:r.signpost\thashed'],
    ['a plain text file signed', () => 'hello, world\n', () => 'timestamp:1795000000\tfile:hello.txt\thashed'],
  ];
  for (const [what, body, comment] of domains) {
    for (const key of [trusted, other]) {
      const b = body(r.pick(bases));
      const cm = comment ? comment(commentOf(b)) : commentOf(b);
      c.add('wrong-domain', `${what}, re-signed by ${key.label}`, signed(b, key, { comment: cm }), 'failed');
    }
  }
}

// Unsigned results, good and with a signer line nobody signed.
function unsignedResults(c, r, bases) {
  for (let i = 0; i < 20; i++) c.add('unsigned', 'the body alone', Buffer.from(withoutSigner(r.pick(bases))), 'unsigned/unsigned');
  for (let i = 0; i < 4; i++) {
    const b = r.pick(bases.filter((x) => x.includes('\nsigner: ')));
    c.add('unsigned', 'the body alone, signer line kept', Buffer.from(b), 'failed/signer-mismatch');
  }
}

// Results of quizzes other than the shipped ones: the tiny test quiz (given to both sides with
// --quiz), a copy of it whose manifest changed (only the banks are here: partly replayed), a copy
// whose bank changed (not even the banks: nothing replayed), and the committed results of
// earlier releases (the store of released files), signed before signers were recorded.
function otherQuizzes(c, a, env, trusted, tmp) {
  const tiny = join(a.src, 'tests', 'data', 'tiny');
  const answers = join(tmp, 'answers.yaml');
  writeFileSync(answers, 't.like.net: 5\nt.like.users: 2\nt.scene.night: a\nt.know.allreduce: a\nt.know.rag: [a, c]\n');
  const take = (quiz, seed, extra = []) => {
    const out = join(tmp, `take-${basename(quiz, '.yaml')}-${seed}-${extra.length}.signpost`);
    rmSync(out, { force: true });
    run(a.signpost, ['take', '--quiz', quiz, '--answers', answers, '--seed', String(seed), '--out', out, ...extra], env);
    // take records the time of day: fixed here (and signed again) so that the corpus is the
    // same on every run.
    const buf = readFileSync(out);
    const parts = extra.length ? split(buf) : null;
    const body = (parts ? parts.body : buf.toString('utf8'))
      .replace(/^started: .*$/m, 'started: 2026-11-23T18:58:30Z').replace(/^finished: .*$/m, 'finished: 2026-11-23T19:02:11Z');
    return parts ? signed(body, trusted) : Buffer.from(body);
  };
  const key = ['--key', join(c.dir, 'keys', 'trusted.key')];
  for (let s = 1; s <= 6; s++) c.add('tiny', 'the tiny quiz (given with --quiz)', take(join(tiny, 'quiz.yaml'), s, key), 'trusted/verified');
  c.add('tiny', 'the tiny quiz, unsigned', take(join(tiny, 'quiz.yaml'), 9), 'unsigned/unsigned');
  const partly = join(tmp, 'tiny-manifest');
  cpSync(tiny, partly, { recursive: true });
  const m = join(partly, 'quiz.yaml');
  writeFileSync(m, readFileSync(m, 'utf8').replace(/^version: 1\.0\.0$/m, 'version: 1.0.1') + '# a later manifest\n');
  for (let s = 1; s <= 4; s++) c.add('quiz-elsewhere', 'a tiny quiz whose manifest the page lacks (banks here)', take(m, s, key), 'trusted/partly-replayed');
  c.add('quiz-elsewhere', 'the same, unsigned', take(m, 7), 'unsigned/unsigned');
  const nobank = join(tmp, 'tiny-bank');
  cpSync(tiny, nobank, { recursive: true });
  const bank = join(nobank, 'banks', 't.yaml');
  writeFileSync(bank, readFileSync(bank, 'utf8').replace(/^version: .*$/m, 'version: 1.0.9') + '# a later bank\n');
  for (let s = 1; s <= 4; s++) c.add('quiz-elsewhere', 'a tiny quiz whose bank the page lacks', take(join(nobank, 'quiz.yaml'), s, key), 'trusted/no-banks');
  c.add('quiz-elsewhere', 'the same, unsigned', take(join(nobank, 'quiz.yaml'), 8), 'unsigned/unsigned');
  for (const f of readdirSync(join(a.src, 'tests', 'data', 'released')).sort()) {
    if (!f.endsWith('.signpost')) continue;
    c.add('released', `tests/data/released/${f} (signed by tests/sign/data/good/plain.pub, no signer line)`,
      readFileSync(join(a.src, 'tests', 'data', 'released', f)), 'trusted/verified');
  }
}

// ---- Adaptive results (docs/scoring.md, section 11) ----------------------------------------------

// The adaptive quizzes both sides get with --quiz: placement and quick made adaptive.
const ADAPTIVE_QUIZZES = ['tests/web/quizzes/adaptive-placement.yaml', 'tests/web/quizzes/adaptive-quick.yaml'];

function adaptiveField(body, key) {
  const m = body.match(new RegExp(`^adaptive: \\{.*\\b${key}: ([^,}]*)`, 'm'));
  return m ? m[1] : null;
}

function setAdaptive(body, key, value) {
  return body.replace(new RegExp(`^(adaptive: \\{.*\\b${key}: )[^,}]*`, 'm'), `$1${value}`);
}

// The answers' lines [first, end) of a body's lines.
function answerLines(lines) {
  return region(lines, 'answers');
}

// gen_results --adaptive: placement and quick taken with take --adaptive (the defaults: at
// least 12 items, at most the form), and the two adaptive manifests (their own bounds), one
// taker in four going on for two items after the stop; re-signed with the signer line, some in
// Chinese. Returns the bodies.
function adaptiveGood(c, a, env, trusted, tmp) {
  const plans = [['placement', join(a.src, 'quizzes', 'placement.yaml'), 90, 21],
    ['quick', join(a.src, 'quizzes', 'quick.yaml'), 70, 22],
    ['adaptive-placement', join(a.src, ADAPTIVE_QUIZZES[0]), 90, 23],
    ['adaptive-quick', join(a.src, ADAPTIVE_QUIZZES[1]), 70, 24]];
  const bases = [];
  for (const [label, manifest, n, seed] of plans) {
    const out = join(tmp, `adaptive-${label}`);
    mkdirSync(out, { recursive: true });
    run(a.genResults, ['--adaptive', manifest, join(c.dir, 'keys', 'trusted.key'), String(n), out, String(seed)], env);
    readdirSync(out).sort().forEach((f, i) => {
      let b = split(readFileSync(join(out, f))).body;
      if (!/^mode: adaptive$/m.test(b)) throw new Error(`make-corpus: ${f} of gen_results --adaptive is not adaptive`);
      if (i % 5 === 1) b = setField(b, 'lang', 'zh');
      b = withSigner(b, trusted);
      c.add(`adaptive-good-${label}`, `an adaptive result of ${label}, signed by the trusted key`, signed(b, trusted), 'trusted/verified');
      bases.push(b);
    });
  }
  return bases;
}

// Edits of adaptive results re-signed by the trusted key's holder: the items asked, their order,
// the stop, where it came, the bounds; the selection replay must catch each.
function adaptiveForgeries(c, r, bases, fixedBases, trusted) {
  const stops = ['settled', 'curtailed', 'budget'];
  const edits = [
    ['a likert answer changed', (b) => b.replace(/^(  [a-z]+\.like\.[a-z0-9-]+: )([1-5])$/m,
      (m, p, v) => p + (v === '5' ? '1' : String(Number(v) + 1)))],
    ['a choice answer changed', (b) => {
      const m = b.match(/^  ([a-z]+\.scene\.[a-z0-9-]+): ([a-z0-9]+)$/m);
      return m ? b.replace(m[0], `  ${m[1]}: ${m[2] === 'a' ? 'b' : 'a'}`) : null;
    }, '!trusted'],
    ['a knowledge answer skipped', (b) => b.replace(/^(  [a-z]+\.know\.[a-z0-9-]+: )(?!skip)(.+)$/m, '$1skip')],
    ['two answers swapped in order', (b) => {
      const lines = b.split('\n');
      const [from, to] = answerLines(lines);
      if (to - from < 3) return null;
      const k = from + 1 + r.below(to - from - 2);
      [lines[k], lines[k + 1]] = [lines[k + 1], lines[k]];
      return lines.join('\n');
    }],
    ['the first two answers swapped', (b) => b.replace(/^(answers:\n)(  .*\n)(  .*\n)/m, '$1$3$2')],
    ['the last answer dropped', (b) => {
      const lines = b.split('\n');
      const [, to] = answerLines(lines);
      lines.splice(to - 1, 1);
      return lines.join('\n');
    }],
    ['the stop edited', (b) => setAdaptive(b, 'stop', stops[(stops.indexOf(adaptiveField(b, 'stop')) + 1) % 3])],
    ['after raised by one', (b) => setAdaptive(b, 'after', String(Number(adaptiveField(b, 'after')) + 1))],
    ['after lowered by one', (b) => setAdaptive(b, 'after', String(Number(adaptiveField(b, 'after')) - 1))],
    ['min_items raised', (b) => setAdaptive(b, 'min_items', String(Number(adaptiveField(b, 'min_items')) + 2))],
    ['max_items lowered', (b) => setAdaptive(b, 'max_items', String(Number(adaptiveField(b, 'max_items')) - 1))],
    ['confidence changed', (b) => setAdaptive(b, 'confidence', adaptiveField(b, 'confidence') === '0.95' ? '0.9' : '0.95')],
    ['mode and adaptive removed', (b) => b.replace(/^mode: .*\nadaptive: .*\n/m, '')],
    ['the manifest digest changed (only the banks are here)', (b) => b.replace(/^(quiz: \{id: [a-z-]+, version: [0-9.]+, digest: )([0-9a-f])/m,
      (m, p, h) => p + (h === '0' ? '1' : '0')), 'trusted/partly-replayed'],
  ];
  for (const [what, edit, expect = 'failed'] of edits) {
    let made = 0;
    for (let tries = 0; made < 8 && tries < 80; tries++) {
      const b = r.pick(bases);
      const e = edit(b);
      if (!e || e === b) continue;
      c.add('adaptive-forged', `${what}, re-signed with the trusted key`, signed(e, trusted), expect);
      made++;
    }
    if (!made) throw new Error(`make-corpus: the adaptive forgery '${what}' applies to no base`);
  }
  // A fixed result claimed adaptive: its whole form in the form's order is not what the rule asks.
  for (let i = 0; i < 6; i++) {
    const b = r.pick(fixedBases).replace(/^(seed: .*\n)/m,
      '$1mode: adaptive\nadaptive: {min_items: 12, max_items: 48, confidence: 0.95, stop: budget, after: 48}\n');
    c.add('adaptive-forged', 'a fixed result claimed adaptive, re-signed with the trusted key', signed(b, trusted), 'failed');
  }
  // One byte of the adaptive lines: in a signed file, unsigned, and re-signed.
  for (let i = 0; i < 24; i++) {
    const body = r.pick(bases);
    const key = i % 2 ? 'adaptive' : 'mode';
    const [from, to] = region(body.split('\n'), key);
    const edited = editByte(Buffer.from(body), r, from, to, key.length + 2);
    if (i % 3 === 0) {
      const full = signed(body, trusted);
      c.add('adaptive-tampered', `one byte of ${key}, signed file`, editByte(full, r, from + 4, to + 4, key.length + 2), 'failed');
    } else if (i % 3 === 1) {
      c.add('adaptive-tampered', `one byte of ${key}, unsigned`, Buffer.from(withoutSigner(edited.toString('latin1')), 'latin1'), '!trusted');
    } else {
      c.add('adaptive-tampered', `one byte of ${key}, re-signed with the trusted key`,
        signed(edited, trusted, { comment: commentOf(edited.toString('utf8')).replace(/[\r\n]/g, ' ') }));
    }
  }
  for (let i = 0; i < 6; i++) c.add('adaptive-unsigned', 'an adaptive body alone', Buffer.from(withoutSigner(r.pick(bases))), 'unsigned/unsigned');
}

// Two files about the size limit: a body just over 16 MiB (refused by the parser) and a file
// past what verify reads at all (too large).
function bigFiles(c, bases, trusted) {
  const body = withoutSigner(bases[0]);
  const pad = (n) => body.replace(/^(answers:\n)/m, `$1${'  x.like.pad: 3\n'.repeat(Math.ceil(n / 16))}`);
  c.add('big', 'a signed body just over 16 MiB', signed(pad(16 * 1024 * 1024 + 64), trusted), 'failed');
  c.add('big', 'a file larger than any result', Buffer.alloc(16 * 1024 * 1024 + 9000, 0x41), 'failed/too-large');
}

function main() {
  const a = parseArgs(process.argv.slice(2));
  rmSync(a.out, { recursive: true, force: true });
  const c = new Corpus(a.out);
  for (const d of ['files', 'keys', '.tmp/home']) mkdirSync(join(a.out, d), { recursive: true });
  const tmp = join(a.out, '.tmp');
  const env = { PATH: process.env.PATH, HOME: join(tmp, 'home'), XDG_CONFIG_HOME: join(tmp, 'home', 'config'),
    XDG_DATA_HOME: join(tmp, 'home', 'data'), XDG_STATE_HOME: join(tmp, 'home', 'state'), LC_ALL: 'C.UTF-8', NO_COLOR: '1' };
  const trusted = makeKey('trusted');
  const other = makeKey('other');
  const twin = makeKey('twin', trusted.id);
  for (const k of [trusted, other, twin]) writeKeyFiles(join(a.out, 'keys'), k);
  const plainPub = join(a.src, 'tests', 'sign', 'data', 'good', 'plain.pub');
  copyFileSync(plainPub, join(a.out, 'keys', 'released.pub'));

  const r = rng(20261207);
  const byQuiz = goodResults(c, a, env, trusted, tmp);
  const bases = [...byQuiz.placement.filter((b, i) => i % 3 === 0), ...byQuiz.quick.filter((b, i) => i % 3 === 0)];
  blockEdits(c, r, bases, trusted);
  bodyEdits(c, r, bases, trusted);
  forgeries(c, r, bases, trusted);
  structure(c, r, bases, trusted, byQuiz.placement[0]);
  foreignKeys(c, r, bases, trusted, other, twin);
  unsignedResults(c, r, bases);
  otherQuizzes(c, a, env, trusted, tmp);
  const adaptive = adaptiveGood(c, a, env, trusted, tmp);
  adaptiveForgeries(c, rng(20261219), adaptive, byQuiz.placement, trusted);
  bigFiles(c, bases, trusted);
  rmSync(tmp, { recursive: true, force: true });

  const corpus = {
    trust: [join(a.out, 'keys', 'trusted.pub'), join(a.out, 'keys', 'released.pub')],
    quiz: [join(a.src, 'tests', 'data', 'tiny', 'quiz.yaml'), ...ADAPTIVE_QUIZZES.map((q) => join(a.src, q))],
    files: c.files,
  };
  writeFileSync(join(a.out, 'corpus.json'), JSON.stringify(corpus, null, 1) + '\n');
  const cats = {};
  for (const f of Object.values(c.files)) cats[f.category] = (cats[f.category] ?? 0) + 1;
  console.log(`make-corpus: ${Object.keys(c.files).length} files in ${join(a.out, 'files')}`);
  for (const [k, v] of Object.entries(cats)) console.log(`  ${k.padEnd(16)} ${v}`);
}

main();
