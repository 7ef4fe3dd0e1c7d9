// SPDX-License-Identifier: GPL-3.0-or-later
// Verifying one result file on the page: the nine checks of engine/verify.c, in its order, and
// the verdict and trust class of sp_verify_decide. The page's trusted keys are exactly the
// page data's keys (given, as with -p/-P); it has no own key and no trusted folder.
import { parseSigBlock, keyIdHex, parsePublicKey, publicKeyBase64, ALG_LEGACY } from './minisign.js';
import { parseResult, startsWithTag, RESULT_MAGIC } from './body.js';
import { commentAgrees, commentHasTag } from './comment.js';
import { findQuiz, FIT_NONE, FIT_CONFLICT, FIT_BANKS, FIT_EXACT } from './quizset.js';
import { sameSetup } from './setup.js';
import { replayResult } from './replay.js';
import { ed25519Supported, ed25519Verify, blake2b512 } from './ed25519.js';
import { decide } from './decide.js';
import { outcomeMessage } from './sentence.js';
import { replayView } from './view.js';
import { msg, pmsg, compose } from './messages.js';
import { bytesEqual, text, escapeText } from './chars.js';

export const CHECKS = ['structure', 'signer', 'key', 'signature', 'comment-signature', 'domain', 'comment', 'banks', 'replay'];
const [STRUCTURE, SIGNER, KEY, SIGNATURE, COMMENT_SIGNATURE, DOMAIN, COMMENT, BANKS, REPLAY] = CHECKS.map((_, i) => i);
const MAX_CANDIDATES = 8;
const UNTRUSTED = 'untrusted comment: ';
const enc = new TextEncoder();

function newReport() {
  const broken = msg("not run: the file's structure is broken");
  return {
    checks: CHECKS.map((check) => ({ check, status: 'skipped', detail: broken })),
    isSigned: false, sig: null, keyIdHex: null, result: null, problem: null,
    keySource: 'none', keyOrigin: null, key: null, keyCandidates: 0, quiz: null, fit: null,
    replay: null, replayed: false, bodyTagged: false,
  };
}

function set(rep, id, status, detail) {
  rep.checks[id] = { check: CHECKS[id], status, detail };
}

// ---- Check 1: structure ----

function malformed(rep, problem) {
  if (!problem) { set(rep, STRUCTURE, 'failed', msg('the file cannot be read as a result')); return; }
  rep.problem = { line: problem.line, column: problem.column, message: problem.message };
  if (problem.line) set(rep, STRUCTURE, 'failed', compose('malformed at line %u: %s', problem.line, problem.message));
  else set(rep, STRUCTURE, 'failed', compose('malformed: %s', problem.message));
}

function parseBody(c, shift) {
  const got = parseResult(c.body, shift);
  if (got.result) c.rep.result = got.result;
  return got.problem;
}

function blockLength(bytes) {
  let pos = 0;
  for (let lines = 0; lines < 4; lines++) {
    const nl = pos < bytes.length ? bytes.indexOf(0x0a, pos) : -1;
    if (nl < 0)
      return { problem: { line: lines + 1, column: 1, message: pmsg('the file ends after %d complete line; a signed result starts with a four-line signature block', 'the file ends after %d complete lines; a signed result starts with a four-line signature block', lines, lines) } };
    pos = nl + 1;
  }
  return { len: pos };
}

function structure(c) {
  const { rep, bytes } = c;
  if (startsWithTag(bytes)) {
    c.body = bytes;
    c.rep.bodyTagged = true;
    const problem = parseBody(c, 0);
    if (!rep.result) malformed(rep, problem);
    else set(rep, STRUCTURE, 'warning', msg('not signed: the file is a result body without a signature block'));
    return;
  }
  const prefix = enc.encode(UNTRUSTED);
  if (bytes.length < prefix.length || !bytesEqual(bytes.subarray(0, prefix.length), prefix)) {
    malformed(rep, { line: 1, column: 1, message: msg("not a signpost result: expected a signature block (a line starting with '%s') or the line '%s'", UNTRUSTED, RESULT_MAGIC) });
    return;
  }
  const block = blockLength(bytes);
  if (block.problem) { malformed(rep, block.problem); return; }
  const parsed = parseSigBlock(bytes.subarray(0, block.len));
  if (!parsed.ok) { malformed(rep, parsed.problem); return; }
  rep.isSigned = true;
  rep.sig = parsed.sig;
  rep.keyIdHex = keyIdHex(parsed.sig.keyid);
  c.body = bytes.subarray(block.len);
  rep.bodyTagged = startsWithTag(c.body);
  if (!rep.bodyTagged) {
    set(rep, STRUCTURE, 'passed', msg('a signature block; what follows it is not a result (see the domain tag check)'));
    return;
  }
  const problem = parseBody(c, 4);
  if (!rep.result) malformed(rep, problem);
  else set(rep, STRUCTURE, 'passed', msg('a signature block (lines 1-4), then a result body'));
}

// ---- Checks 2 to 5: signer, key, signatures ----

function signerNamed(rep) {
  const signer = rep.result?.signer ?? null;
  if (signer) rep.key = signer;
  if (!rep.result) set(rep, SIGNER, 'skipped', msg('no result to read it from'));
  else if (!rep.isSigned && signer)
    set(rep, SIGNER, 'failed', msg('the body names key %s as its signer, but it has no signature block: a claim nobody signed (a body cut from a signed result?)', signer.idHex));
  else if (!rep.isSigned) set(rep, SIGNER, 'skipped', msg('not signed'));
  else if (!signer) set(rep, SIGNER, 'skipped', msg('the body names no signer (it was signed before signpost recorded signers)'));
  else if (!bytesEqual(signer.id, rep.sig.keyid))
    set(rep, SIGNER, 'failed', msg('the body names signer %s, but the signature is by key %s', signer.idHex, rep.keyIdHex));
  else set(rep, SIGNER, 'passed', msg('the body names key %s as its signer', signer.idHex));
}

function signerKey(rep, key) {
  const signer = rep.result?.signer ?? null;
  if (!signer || !key || rep.checks[SIGNER].status !== 'passed' || rep.checks[SIGNATURE].status !== 'passed' ||
      bytesEqual(signer.pk, key.pk))
    return;
  set(rep, SIGNER, 'failed', msg('the body names key %s (%s) as its signer, but the signature holds under another key with that id (%s)',
    rep.keyIdHex, signer.base64, rep.keyOrigin ?? '?'));
}

// The page's keys with the block's key id, then the key the body names (when it is another).
function candidates(c) {
  const { rep } = c;
  const found = c.keys.filter((k) => bytesEqual(k.id, rep.sig.keyid));
  const n = found.length;
  const out = found.slice(0, MAX_CANDIDATES).map((k) => ({ source: 'given', key: k, origin: k.name }));
  let count = n;
  const signer = rep.result?.signer ?? null;
  if (signer && bytesEqual(signer.id, rep.sig.keyid) && count < MAX_CANDIDATES &&
      !out.some((k) => bytesEqual(k.key.pk, signer.pk))) {
    out.push({ source: 'body', key: signer, origin: null });
    count++;
  }
  return { list: out, count };
}

// sp_verify: 'ok', 'unsupported', 'bad-body', 'bad-comment'.
async function tryKey(c, key) {
  const sig = c.rep.sig;
  if (sig.alg === ALG_LEGACY) return 'unsupported';
  if (!bytesEqual(sig.keyid, key.id)) return 'key-mismatch';
  if (!(await ed25519Verify(sig.sig, blake2b512(c.body), key.pk))) return 'bad-body';
  const m = new Uint8Array(64 + sig.trusted.length);
  m.set(sig.sig, 0);
  m.set(sig.trusted, 64);
  if (sig.trusted.length > 1024 || !(await ed25519Verify(sig.globalSig, m, key.pk))) return 'bad-comment';
  return 'ok';
}

function keyNotFound(c) {
  const { rep } = c;
  const given = c.keys.length;
  const what = given === 0 ? msg('no key was given to check it with')
    : pmsg('it is not the key given', 'it is not among the %zu keys given', given, given);
  if (rep.result && !rep.result.signer)
    set(rep, KEY, 'failed', compose('key %s is not trusted: %s; the result does not name its signer (it was signed before signpost recorded signers), so it cannot be checked without that key', rep.keyIdHex, what));
  else set(rep, KEY, 'failed', compose('key %s is not trusted: %s', rep.keyIdHex, what));
}

function sayKey(c, k) {
  const { rep } = c;
  rep.keySource = k.source;
  rep.keyOrigin = k.origin;
  if (k.source === 'none') keyNotFound(c);
  else if (k.source === 'given') set(rep, KEY, 'passed', msg('key %s, given as %s', rep.keyIdHex, k.origin));
  else set(rep, KEY, 'warning', msg('key %s is not one you trust: it is the key the result names as its signer, so the signature shows the content is intact, not who signed it%s%s', rep.keyIdHex, '', ''));
  if (k.key) { rep.key = k.key; rep.checkedKey = k.key; }
}

async function checkKey(c) {
  const { rep } = c;
  const { list, count } = candidates(c);
  rep.keyCandidates = count;
  if (list.length === 0) { sayKey(c, { source: 'none', key: null, origin: null }); return null; }
  let pick = 0;
  let status = await tryKey(c, list[0].key);
  for (let i = 1; i < list.length && status !== 'ok' && status !== 'bad-comment' && status !== 'unsupported'; i++) {
    const st = await tryKey(c, list[i].key);
    if (st === 'ok' || st === 'bad-comment') { pick = i; status = st; }
  }
  sayKey(c, list[pick]);
  return status;
}

function signatures(c, status) {
  const { rep } = c;
  if (!rep.checkedKey) {
    set(rep, SIGNATURE, 'skipped', msg('no key to check it with'));
    set(rep, COMMENT_SIGNATURE, 'skipped', msg('no key to check it with'));
    return;
  }
  if (status === 'ok') {
    set(rep, SIGNATURE, 'passed', msg('the signature matches the body'));
    set(rep, COMMENT_SIGNATURE, 'passed', msg('the global signature matches the trusted comment'));
    return;
  }
  if (status === 'bad-comment') {
    set(rep, SIGNATURE, 'passed', msg('the signature matches the body'));
    set(rep, COMMENT_SIGNATURE, 'failed', msg('the global signature does not match the trusted comment: the comment was changed after signing'));
    return;
  }
  if (status === 'unsupported')
    set(rep, SIGNATURE, 'failed', msg("a legacy 'Ed' signature (minisign -l); signpost accepts only prehashed 'ED' signatures"));
  else if (status === 'key-mismatch') set(rep, SIGNATURE, 'failed', msg('the key found has another key id'));
  else if (rep.keyCandidates > 1)
    set(rep, SIGNATURE, 'failed', msg('the signature matches the body under none of the %zu keys with id %s: either it was changed after signing, or another key with that id signed it', rep.keyCandidates, rep.keyIdHex));
  else set(rep, SIGNATURE, 'failed', msg('the signature does not match the body: it was changed after signing'));
  set(rep, COMMENT_SIGNATURE, 'skipped', msg('not checked: the signature over the body failed'));
}

// ---- Checks 6 and 7: domain and comment ----

function domain(rep) {
  if (!rep.bodyTagged)
    set(rep, DOMAIN, 'failed', msg('the signed content does not start with the line %s: the signature is over something else', RESULT_MAGIC));
  else if (rep.isSigned && !commentHasTag(rep.sig.trusted))
    set(rep, DOMAIN, 'failed', msg('the trusted comment does not start with %s: the signature was not made for a signpost result', RESULT_MAGIC));
  else if (rep.isSigned) set(rep, DOMAIN, 'passed', msg('the body and the trusted comment start with %s', RESULT_MAGIC));
  else set(rep, DOMAIN, 'passed', msg('the body starts with %s', RESULT_MAGIC));
}

function comment(rep) {
  if (!rep.isSigned) { set(rep, COMMENT, 'skipped', msg('not signed: no trusted comment')); return; }
  if (!rep.result || rep.checks[DOMAIN].status !== 'passed') { set(rep, COMMENT, 'skipped', msg('no result to compare it with')); return; }
  const got = commentAgrees(rep.result, rep.sig.trusted);
  if (got.ok) set(rep, COMMENT, 'passed', msg('every field of the trusted comment agrees with the body'));
  else set(rep, COMMENT, 'failed', got.why);
}

// ---- Checks 8 and 9: banks and replay ----

function banks(c) {
  const { rep } = c;
  if (!rep.result) { set(rep, BANKS, 'skipped', msg('no result to look them up for')); return; }
  const m = findQuiz(c.data, rep.result);
  const n = rep.result.banks.length;
  rep.quizWhy = m.why;
  if (m.fit === FIT_NONE) { set(rep, BANKS, 'warning', m.why); return; }
  if (m.fit === FIT_CONFLICT) { set(rep, BANKS, 'failed', m.why); return; }
  const man = m.quiz.manifest;
  if (m.fit === FIT_BANKS)
    set(rep, BANKS, 'warning', compose('%s; quiz %s %s (%s) has every bank the result names (%zu), so the answers can be re-scored, but not checked against the form and the scoring parameters of the quiz they were given under', m.why, man.id, man.version, man.path, n));
  else
    set(rep, BANKS, 'passed', pmsg('quiz %s %s (%s): the manifest, the directions file and %zu bank, as the result names them', 'quiz %s %s (%s): the manifest, the directions file and %zu banks, as the result names them', n, man.id, man.version, man.path, n));
  rep.quiz = m.quiz;
  rep.fit = m.fit;
}

function replay(c) {
  const { rep } = c;
  if (!rep.quiz || rep.fit === FIT_CONFLICT) { set(rep, REPLAY, 'skipped', msg('no quiz to replay with')); return; }
  const exact = rep.fit === FIT_EXACT;
  if (exact) {
    const why = sameSetup(rep.result, rep.quiz);
    if (why) { set(rep, REPLAY, 'failed', why); return; }
  }
  rep.replay = replayResult(rep.result, rep.quiz);
  rep.replayed = true;
  const n = rep.result.answers.length;
  const v = rep.replay.verdict;
  if (v === 'ok' && exact)
    set(rep, REPLAY, 'passed', pmsg("the scores, ranking and advice follow from the %zu answer, asked as the quiz draws them for the seed, under the quiz's scoring parameters", "the scores, ranking and advice follow from the %zu answers, asked as the quiz draws them for the seed, under the quiz's scoring parameters", n, n));
  else if (v === 'ok')
    set(rep, REPLAY, 'warning', pmsg('partly: the %zu answer re-scores to what is recorded, but only with the scoring parameters the result records; neither those nor the questions asked could be checked', 'partly: the %zu answers re-score to what is recorded, but only with the scoring parameters the result records; neither those nor the questions asked could be checked', n, n));
  else if (v === 'no-banks') set(rep, REPLAY, 'skipped', rep.replay.detail);
  else set(rep, REPLAY, 'failed', rep.replay.detail);
}

async function runChecks(c) {
  structure(c);
  const { rep } = c;
  if (!rep.isSigned && !rep.result) return;
  if (rep.isSigned) {
    signerNamed(rep);
    const status = await checkKey(c);
    signatures(c, status);
    signerKey(rep, rep.checkedKey);
  } else {
    const why = msg('not signed');
    signerNamed(rep);
    set(rep, KEY, 'skipped', why);
    set(rep, SIGNATURE, 'skipped', why);
    set(rep, COMMENT_SIGNATURE, 'skipped', why);
  }
  domain(rep);
  comment(rep);
  banks(c);
  replay(c);
}

// The page's keys, parsed once per page data.
const keyCache = new WeakMap();

function pageKeys(data) {
  let keys = keyCache.get(data);
  if (!keys) {
    keys = [];
    for (const k of data.keys ?? []) {
      const pk = parsePublicKey(k.key);
      if (pk) keys.push({ ...pk, idHex: keyIdHex(pk.id), base64: publicKeyBase64(pk), name: k.name ?? '-P' });
    }
    keyCache.set(data, keys);
  }
  return keys;
}

function checksOut(rep) {
  return rep.checks.map((x) => ({ check: x.check, status: x.status, detail: x.detail }));
}

// The body as plain JSON data (the seed a Number: it is below 2^53; the signer by id and key).
function bodyView(r) {
  if (!r) return null;
  const { signer, ...rest } = r;
  const scores = rest.scores.map(({ keyPos, ...s }) => s);
  const answers = rest.answers.map(({ pos, ...a }) => a);
  return {
    ...rest, scores, answers, seed: Number(r.seed),
    signer: signer ? { id: signer.idHex, key: signer.base64 } : null,
  };
}

function unsupportedOutcome(name) {
  const m = msg('this browser cannot check Ed25519 signatures here (WebCrypto has no Ed25519: an old browser, or a page served over plain http, which is not a secure context); open the page from a file or over https in a current browser, or verify with: signpost verify %s', escapeText(name ?? 'FILE'));
  return {
    trust: 'error', verdict: 'unsupported-browser', error: true, message: m, keyId: null, publicKey: null,
    keyName: null, checks: [], untrustedComment: '', body: null, replay: null, problem: null,
  };
}

// Verifies one file: bytes (Uint8Array) against the page data. Returns the Outcome of the
// kind docs/verifier.md describes ("For tools: what the page marks").
export async function verifyResult(bytes, data, name) {
  if (!(await ed25519Supported()) && !startsWithTag(bytes)) return unsupportedOutcome(name);
  const rep = newReport();
  const c = { bytes, data, rep, keys: pageKeys(data), body: null };
  await runChecks(c);
  const d = decide(rep);
  const key = rep.checkedKey ?? rep.key ?? null;
  return {
    trust: d.trust,
    verdict: d.verdict,
    accepted: d.accepted,
    message: outcomeMessage(rep, d, key, c.keys),
    keyId: rep.keyIdHex ?? (key ? key.idHex : null),
    publicKey: key ? key.base64 : null,
    keyName: rep.keySource === 'given' ? rep.keyOrigin : null,
    keySource: rep.keySource,
    checks: checksOut(rep),
    untrustedComment: rep.sig ? text(rep.sig.untrusted) : '',
    trustedComment: rep.sig ? text(rep.sig.trusted) : null,
    problem: rep.problem ? { line: rep.problem.line, column: rep.problem.column } : null,
    body: bodyView(rep.result),
    replay: rep.replayed && rep.replay && rep.replay.outcome ? replayView(rep, rep.replay) : null,
    replayedWith: rep.quiz && rep.fit !== FIT_CONFLICT ? { quiz: rep.quiz.manifest.id, version: rep.quiz.manifest.version, exact: rep.fit === FIT_EXACT } : null,
  };
}

