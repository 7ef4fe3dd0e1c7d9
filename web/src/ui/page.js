// The page's own pieces that need no DOM, kept apart from main.js (which runs on load) so
// that they can be tested under node (web/test/ui.test.mjs): reading the page data, and the
// outcome of a file the page could not give to the verifier at all.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { t } from './i18n.js';

// Written in two parts so that the page's script never holds the marker that
// `signpost verifier` replaces (the template must hold it exactly once).
export const MARKER = ['/*@SIGNPOST', 'PAGE', 'DATA@*/'].join('-');

// The page data of the data script's text, or a problem: the unfilled template (the script
// holds the marker and nothing else), or data that is not the page's JSON. A marker inside
// the data (a quiz's text) never makes a page the template: `signpost verifier` writes "/"
// as "\/", and only the marker alone is the template.
export function readPageData(text) {
  if (text.trim() === MARKER) return { problem: { key: 'template' } };
  try {
    const data = JSON.parse(text);
    if (!data || data.format !== 'signpost-verifier/1')
      return { problem: { key: 'badData', vars: { why: `format ${JSON.stringify(data?.format)}, not signpost-verifier/1` } } };
    return { data };
  } catch (e) {
    return { problem: { key: 'badData', vars: { why: e.message } } };
  }
}

// A value of vars in lang: a {en, zh} message gives its own language's text.
function varsIn(lang, vars) {
  const out = {};
  for (const [k, v] of Object.entries(vars || {}))
    out[k] = v && typeof v === 'object' ? v[lang] ?? v.en ?? '' : v;
  return out;
}

// The outcome of a file (or link) that never reached the verifier: too large, unreadable, a
// #r= part that is not base64url, or a check that threw. vars may hold {en, zh} messages.
export function failedOutcome(verdict, key, vars) {
  return {
    trust: 'failed', verdict, message: { en: t('en', key, varsIn('en', vars)), zh: t('zh', key, varsIn('zh', vars)) },
    keyId: null, publicKey: null, keyName: null, checks: [], untrustedComment: '', body: null, replay: null,
  };
}

function sizeMiB(n) {
  return (n / (1024 * 1024)).toFixed(1);
}

// The outcome of a #r= part that cannot be verified (parseFragment's {tooLarge, size} or
// {error: {en, zh}}), each language with its own reason; null when it holds bytes to verify.
export function fragmentOutcome(got) {
  if (got.tooLarge) return failedOutcome('too-large', 'tooLarge', { file: '#r=', size: sizeMiB(got.size) });
  if (got.error) return failedOutcome('malformed', 'badFragment', { why: got.error });
  return null;
}
