// A stand-in for the verifier page, to test compare.mjs itself (tests/web/README.md): it keeps
// the page's DOM contract (#files, #r=, article.result with its data attributes, body
// data-state, #lang-en/#lang-zh) but verifies nothing: it answers each file, found by the
// SHA-256 of its bytes, with the answer it was given. A "lying" stub gives a wrong answer for
// some files, a "leaky" one also reaches for the network: the harness must catch both.
//
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.

// answers: {sha256 hex: {verdict, reason, primary, scores}}; mode: honest | lying | leaky.
export function stubPage(answers, mode = 'honest') {
  const table = JSON.stringify(answers).replace(/</g, '\\u003c');
  const leak = mode === 'leaky'
    ? "fetch('https://example.invalid/leak').catch(() => {}); new Image().src = 'http://example.invalid/pixel.png';"
    : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>stub verifier</title></head>
<body data-state="loading">
<button id="lang-en">English</button><button id="lang-zh">中文</button>
<input type="file" id="files" multiple>
<main id="out"></main>
<script>
const answers = ${table};
const mode = ${JSON.stringify(mode)};
let lang = 'en';
let pending = 0;
let count = 0;
const words = { en: 'Result', zh: '结果' };
async function sha256(bytes) {
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return [...h].map((b) => b.toString(16).padStart(2, '0')).join('');
}
async function one(name, bytes) {
  const a = answers[await sha256(bytes)] || { verdict: 'failed', reason: 'unknown-to-stub', primary: '', scores: '' };
  const n = count++;
  const lie = mode !== 'honest' && n % 97 === 5;
  const el = document.createElement('article');
  el.className = 'result';
  el.dataset.file = name;
  el.dataset.verdict = lie ? (a.verdict === 'trusted' ? 'untrusted' : 'trusted') : a.verdict;
  el.dataset.reason = a.reason;
  el.dataset.primary = a.primary;
  el.dataset.scores = a.scores;
  el.dataset.n = String(n);
  el.textContent = words[lang] + ' ' + name;
  document.getElementById('out').append(el);
}
async function run(items) {
  pending++;
  document.body.dataset.state = 'busy';
  for (const [name, bytes] of items) await one(name, bytes);
  if (--pending === 0) document.body.dataset.state = 'done';
}
document.getElementById('files').addEventListener('change', async (e) => {
  const files = [...e.target.files];
  const items = [];
  for (const f of files) items.push([f.name, new Uint8Array(await f.arrayBuffer())]);
  run(items);
});
for (const l of ['en', 'zh']) document.getElementById('lang-' + l).addEventListener('click', () => {
  lang = l;
  document.documentElement.lang = l;
  for (const el of document.querySelectorAll('article.result')) el.textContent = words[l] + ' ' + el.dataset.file;
});
${leak}
const frag = location.hash.match(/^#r=([A-Za-z0-9_-]*)$/);
document.body.dataset.state = 'ready';
if (frag) {
  const s = atob(frag[1].replace(/-/g, '+').replace(/_/g, '/'));
  run([['fragment', Uint8Array.from(s, (c) => c.charCodeAt(0))]]);
}
</script></body></html>
`;
}
