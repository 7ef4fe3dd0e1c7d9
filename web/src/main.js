// The verifier page's entry: reads the page data, wires the file picker, dropping and the
// #r= fragment to the verifier, and keeps the page in the chosen language. The verdicts come
// from verifyResult (web/src/core, through ui/verify-import.js); this file only shows them.
// DOM contract: docs/verifier.md (body[data-state], article.result[data-*], #files,
// #lang-en / #lang-zh).
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { verifyResult } from './ui/verify-import.js';
import { copyText, h, selectText } from './ui/dom.js';
import { buildLink, MAX_RESULT_BYTES, parseFragment } from './ui/fragment.js';
import { LANGS, pickLanguage, t } from './ui/i18n.js';
import { failedOutcome, fragmentOutcome, readPageData } from './ui/page.js';
import { renderAbout, renderResult } from './ui/render.js';

const $ = (id) => document.getElementById(id);

const page = {
  lang: pickLanguage(navigator.languages?.length ? navigator.languages : [navigator.language]),
  data: null,
  problem: null,       // {key, vars}: the notice at the top (template, bad data, no Ed25519)
  items: [],           // {id, name, bytes, outcome, fromLink}, in the order given
  queued: 0,           // files (and fragments) given whose article is not on the page yet
  serial: 0,
  statusSoon: null,    // the pending status update: {frame, timer}
};

// body[data-state]: "busy" from the moment a file is given until every file given so far has
// its article, then "done" (the DOM contract). Written only when it changes.
function setState(state) {
  if (document.body.dataset.state !== state) document.body.dataset.state = state;
}

// The page data, or a problem: the unfilled template, or data that is not the page's JSON.
function readData() {
  return readPageData($('signpost-data')?.textContent ?? '');
}

// Whether WebCrypto verifies Ed25519 here (Chromium 113+, Firefox 129+, Safari 17+); a page
// opened over plain http from another host has no crypto.subtle at all.
async function ed25519Supported() {
  if (!globalThis.crypto?.subtle) return false;
  // The base point's encoding: a valid public key.
  const key = new Uint8Array(32).fill(0x66);
  key[0] = 0x58;
  try {
    await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch (e) {
    return e?.name !== 'NotSupportedError';
  }
}

// ---- Showing --------------------------------------------------------------------------------

// Copies text; says so on the button for a moment. Returns whether it was copied; when not,
// selects code (when given) for copying by hand.
async function onCopy(text, button, code) {
  if (await copyText(text)) {
    const label = button.textContent;
    button.textContent = t(page.lang, 'copied');
    setTimeout(() => { button.textContent = label; }, 1500);
    return true;
  }
  if (code) selectText(code);
  button.title = t(page.lang, 'copyFailed');
  return false;
}

async function onCopyLink(item, button, out) {
  const link = buildLink(location.href, item.bytes);
  out.replaceChildren();
  if (!link) {
    out.textContent = t(page.lang, 'linkTooLong');
    return;
  }
  if (await copyText(link)) {
    out.textContent = t(page.lang, 'linkCopied');
    return;
  }
  const field = h('input', { type: 'text', readonly: true, class: 'link-field', value: link, 'aria-label': t(page.lang, 'copyLink') });
  out.append(field, h('span', {}, t(page.lang, 'copyFailed')));
  selectText(field);
}

function renderItem(item) {
  return renderResult(page.lang, page.data || {}, item, { onCopy, onCopyLink, canLink: /^https?:$/.test(location.protocol) });
}

function renderStatus() {
  const status = $('status');
  let text = '';
  if (page.queued) text = t(page.lang, 'busy', { n: page.queued });
  else if (page.items.length) text = t(page.lang, 'doneCount', { n: page.items.length });
  if (status.textContent !== text) status.textContent = text;
  const hide = page.items.length === 0 || page.queued > 0;
  if ($('clear').hidden !== hide) $('clear').hidden = hide;
}

// The status line at most once per animation frame, however many files finish in it (with a
// timer as well: a hidden tab gets no frames, and the line must still be right when it shows).
function statusSoon() {
  if (page.statusSoon) return;
  const now = () => {
    if (!page.statusSoon) return;
    cancelAnimationFrame(page.statusSoon.frame);
    clearTimeout(page.statusSoon.timer);
    page.statusSoon = null;
    renderStatus();
  };
  page.statusSoon = { frame: requestAnimationFrame(now), timer: setTimeout(now, 250) };
}

// Everything in the page's language: the fixed words, the header, every article. Only when
// the language changes or the results are cleared; a new file's article is appended alone.
function renderAll() {
  const lang = page.lang;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'pageTitle');
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(lang, el.dataset.i18n);
  for (const l of LANGS) $(`lang-${l}`).setAttribute('aria-pressed', String(l === lang));
  $('langs').setAttribute('aria-label', t(lang, 'language'));
  const notice = $('notice');
  notice.hidden = !page.problem;
  notice.textContent = page.problem ? t(lang, page.problem.key, page.problem.vars) : '';
  $('about').replaceChildren(...(page.data ? renderAbout(lang, page.data, onCopy) : []));
  $('results').replaceChildren(...page.items.map(renderItem));
  renderStatus();
}

// ---- Checking -------------------------------------------------------------------------------

async function check(name, bytes, fromLink = false) {
  let outcome;
  try {
    outcome = await verifyResult(bytes, page.data, name);
  } catch (e) {
    outcome = failedOutcome('unreadable', 'crashed', { why: e?.message ?? String(e) });
  }
  return { id: `r${++page.serial}`, name, bytes, outcome, fromLink };
}

// Counts a job (a file or the fragment) as given, at once: the state is "busy" from now until
// its article is on the page, even while the jobs before it are still being checked.
function enqueue(job) {
  page.queued++;
  setState('busy');
  statusSoon();
  queue = queue.then(() => run(job));
}

// Runs one job and appends its article; the page around it is left as it is (re-rendering it
// for every file made a drop of n files take time in n squared).
async function run(job) {
  let item;
  try {
    item = await job();
  } catch (e) {
    item = { id: `r${++page.serial}`, name: '?', bytes: null, outcome: failedOutcome('unreadable', 'crashed', { why: e?.message ?? String(e) }) };
  }
  page.items.push(item);
  $('results').append(renderItem(item));
  page.queued--;
  if (!page.queued) setState('done');
  statusSoon();
}

function sizeMiB(n) {
  return (n / (1024 * 1024)).toFixed(1);
}

async function checkFile(file) {
  if (file.size > MAX_RESULT_BYTES)
    return { id: `r${++page.serial}`, name: file.name, bytes: null,
             outcome: failedOutcome('too-large', 'tooLarge', { file: file.name, size: sizeMiB(file.size) }) };
  let bytes;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return { id: `r${++page.serial}`, name: file.name, bytes: null,
             outcome: failedOutcome('unreadable', 'unreadable', { file: file.name, why: e?.message ?? String(e) }) };
  }
  return check(file.name, bytes);
}

// Files are checked one after another, in the order given, so that the articles keep it.
let queue = Promise.resolve();
function addFiles(files) {
  if (!page.data) return;
  for (const file of files) enqueue(() => checkFile(file));
}

function checkFragment() {
  const got = parseFragment(location.hash);
  if (!got || !page.data) return;
  const name = '#r';
  enqueue(async () => {
    const failed = fragmentOutcome(got);
    if (failed) return { id: `r${++page.serial}`, name, bytes: null, fromLink: true, outcome: failed };
    return check(name, got.bytes, true);
  });
}

// ---- Wiring ---------------------------------------------------------------------------------

function wireDrop() {
  const veil = $('veil');
  let depth = 0;
  const hasFiles = (e) => [...(e.dataTransfer?.types || [])].includes('Files');
  document.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth++;
    veil.hidden = !page.data;
  });
  document.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) veil.hidden = true;
  });
  document.addEventListener('drop', (e) => {
    e.preventDefault(); // never let the browser navigate to a dropped file
    depth = 0;
    veil.hidden = true;
    if (e.dataTransfer?.files?.length) addFiles([...e.dataTransfer.files]);
  });
}

function wire() {
  for (const l of LANGS)
    $(`lang-${l}`).addEventListener('click', () => {
      page.lang = l;
      renderAll();
    });
  const input = $('files');
  input.addEventListener('change', () => {
    addFiles([...input.files]);
    input.value = ''; // the same file picked again is checked again
  });
  $('clear').addEventListener('click', () => {
    page.items = [];
    renderAll();
  });
  wireDrop();
  window.addEventListener('hashchange', checkFragment);
}

async function start() {
  const { data, problem } = readData();
  page.data = data || null;
  page.problem = problem || null;
  $('files').disabled = !page.data;
  wire();
  renderAll();
  if (!page.data) {
    setState(problem.key === 'template' ? 'template' : 'error');
    return;
  }
  setState('ready');
  if (!(await ed25519Supported())) {
    page.problem = { key: 'noEd25519' };
    renderAll();
  }
  checkFragment();
}

start();
