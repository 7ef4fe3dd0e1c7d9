// SPDX-License-Identifier: GPL-3.0-or-later
// The one sentence verify prints after "FILE: " (engine/cli/verifier.c), for the page: its
// keys count as given with -p/-P; it has no trusted folder and no own key. Everything quoted
// from the file is escaped.
import { msg, pmsg, compose } from './messages.js';
import { escapeText } from './chars.js';

function detail(rep, name) {
  return rep.checks.find((c) => c.check === name).detail;
}

function keyPhrase(rep) {
  if (rep.keySource === 'given' && rep.keyOrigin === '-P') return msg('trusted key %s (given with -P)', rep.keyIdHex);
  if (rep.keySource === 'given') return msg('trusted key %s (given as %s)', rep.keyIdHex, rep.keyOrigin);
  return msg('key %s', rep.keyIdHex);
}

function verifiedWords(rep, d) {
  const r = rep.result;
  const dir = r.primary ?? msg('none');
  const n = r.answers.length;
  if (d.verdict === 'verified')
    return { ...pmsgC('verified — signed by %s; quiz %s %s, top direction %s; the scores follow from the %zu answer',
      'verified — signed by %s; quiz %s %s, top direction %s; the scores follow from the %zu answers', n,
      keyPhrase(rep), r.quiz.id, r.quiz.version, dir, n) };
  if (d.verdict === 'partly-replayed')
    return compose('intact — signed by %s; quiz %s %s, top direction %s; the scores were only partly re-derived: %s, so the answers were re-scored with the scoring parameters the result records, and neither those nor the questions asked could be checked (give that quiz with --quiz to replay it in full)',
      keyPhrase(rep), r.quiz.id, r.quiz.version, dir, rep.quizWhy);
  return compose('intact — signed by %s; quiz %s %s, top direction %s; the signature is good, but the scores were not re-derived: %s (give the quiz with --quiz to replay them)',
    keyPhrase(rep), r.quiz.id, r.quiz.version, dir, detail(rep, 'banks'));
}

// pmsg with arguments that may be messages.
function pmsgC(one, many, n, ...args) {
  const en = pmsg(one, many, n, ...args.map((a) => (a && typeof a === 'object' ? a.en : a))).en;
  const zh = pmsg(one, many, n, ...args.map((a) => (a && typeof a === 'object' ? a.zh : a))).zh;
  return { en, zh };
}

function failureWords(rep, d, keys) {
  switch (d.verdict) {
    case 'signer-mismatch': return compose('FAILED — the result misnames its signer: %s', detail(rep, 'signer'));
    case 'malformed': {
      const m = rep.problem ? rep.problem.message : detail(rep, 'structure');
      return rep.problem && rep.problem.line ? compose('FAILED — the file is malformed at line %u: %s', rep.problem.line, m)
        : compose('FAILED — the file is malformed: %s', m);
    }
    case 'unknown-key':
      if (keys.length > 0)
        return pmsg('FAILED — signed by key %s, not by the key you gave; it is not trusted',
          'FAILED — signed by key %s, not by any of the keys you gave; it is not trusted', keys.length, rep.keyIdHex);
      return compose('%s%s', msg('FAILED — signed by key %s, which you do not trust', rep.keyIdHex),
        msg("; if you have the signer's public key file, check with -p KEYFILE"));
    case 'unsupported':
      return msg("FAILED — signed by key %s in minisign's legacy mode (minisign -l), which signpost does not accept", rep.keyIdHex);
    case 'altered':
      if (rep.keyCandidates > 1)
        return msg('FAILED — the signature holds under none of the %zu keys with id %s: either the content was altered after signing, or another key with that id signed it', rep.keyCandidates, rep.keyIdHex);
      return msg('FAILED — altered after signing: the content no longer matches the signature of key %s', rep.keyIdHex);
    case 'comment-altered':
      return msg('FAILED — the trusted comment was altered after signing: it no longer matches its signature (key %s)', rep.keyIdHex);
    case 'not-a-result': return compose('FAILED — not a signed result: %s', detail(rep, 'domain'));
    case 'comment-mismatch': return compose('FAILED — the trusted comment disagrees with the result: %s', detail(rep, 'comment'));
    case 'quiz-mismatch': return compose('FAILED — the result misnames what it was taken with: %s', rep.quizWhy);
    default: return compose('FAILED — the scores do not follow from the answers: %s', detail(rep, 'replay'));
  }
}

function untrustedWords(rep, key, keys) {
  const r = rep.result;
  const b64 = key ? key.base64 : '?';
  const m = compose('intact, signer not trusted — signed by key %s (public key %s), which is not one you trust; the content is unchanged since that key signed it; quiz %s %s, top direction %s; compare the key with the one its signer published, then trust it with: signpost trust %s',
    rep.keyIdHex, b64, r.quiz.id, r.quiz.version, r.primary ?? msg('none'), b64);
  if (keys.length > 0) return compose('%s%s', m, msg(' (it is not a key you gave with -p or -P)'));
  return m;
}

function escaped(m) {
  return { en: escapeText(m.en), zh: escapeText(m.zh) };
}

// The sentence for a report and its decision.
export function outcomeMessage(rep, d, key, keys) {
  if (d.accepted) return escaped(verifiedWords(rep, d));
  if (d.trust === 'untrusted') return escaped(untrustedWords(rep, key, keys));
  if (d.trust === 'unsigned')
    return msg("not signed — this result has no signature, so anyone could have written it; whoever holds a signing key can sign it with 'signpost sign'");
  return escaped(failureWords(rep, d, keys));
}
