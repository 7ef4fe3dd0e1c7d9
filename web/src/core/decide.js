// SPDX-License-Identifier: GPL-3.0-or-later
// The verdict and trust class from the checks (sp_verify_decide, engine/verify.c), in its
// order: a failed check (the first), no signature, a signer nobody trusts, an incomplete
// replay, verified. The page never runs with --strict and has no own key.

const VERDICT_OF_FAILURE = {
  signer: 'signer-mismatch', key: 'unknown-key', 'comment-signature': 'comment-altered',
  domain: 'not-a-result', comment: 'comment-mismatch', banks: 'quiz-mismatch', replay: 'replay-mismatch',
};

function verdictForFailure(rep, check) {
  const legacy = rep.isSigned && rep.sig.alg === 'legacy';
  if (check === 'structure') {
    // A signed body that no longer parses was most likely altered: said when the signature
    // confirms it.
    const sig = rep.checks.find((c) => c.check === 'signature');
    if (rep.isSigned && sig.status === 'failed' && !legacy) return 'altered';
    return !rep.isSigned && rep.result ? 'unsigned' : 'malformed';
  }
  if (check === 'signature') return legacy ? 'unsupported' : 'altered';
  return VERDICT_OF_FAILURE[check];
}

function incompleteReplay(rep) {
  const status = (name) => rep.checks.find((c) => c.check === name).status;
  if (status('replay') === 'warning') return 'partly-replayed';
  if (status('banks') === 'warning') return 'no-banks';
  return 'verified';
}

// {verdict, trust, accepted}.
export function decide(rep, strict = false) {
  const failed = rep.checks.find((c) => c.status === 'failed');
  if (failed) return { verdict: verdictForFailure(rep, failed.check), trust: 'failed', accepted: false };
  if (!rep.isSigned) return { verdict: 'unsigned', trust: 'unsigned', accepted: false };
  if (rep.keySource === 'body') return { verdict: 'untrusted-key', trust: 'untrusted', accepted: false };
  const verdict = incompleteReplay(rep);
  if (verdict !== 'verified' && strict) return { verdict, trust: 'failed', accepted: false };
  return { verdict, trust: rep.keySource === 'own' ? 'yours' : 'trusted', accepted: true };
}
