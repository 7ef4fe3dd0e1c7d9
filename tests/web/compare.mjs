// The verifier page against `signpost verify --json`, file by file (tests/web/README.md): runs
// verify on every file of a corpus (make-corpus.mjs), opens the page in headless Chromium, picks
// every file through #files, and compares for each file the page's data-verdict, data-reason,
// data-primary and data-scores with verify's trust, verdict, replayed.primary and
// replayed.fits. Also: the page requests nothing but its own file (no network of any kind),
// switches to Chinese and back, and verifies results given in the #r= fragment.
//
//   node compare.mjs --signpost BIN --corpus DIR [--page verify.html] [--out DIR]
//                    [--per-page N] [--batch N] [--fragments N] [--show N] [--screenshots DIR]
//                    [--stub honest|lying|leaky]
//
// Without --page, the page is made with `signpost verifier` from the corpus' keys and quizzes.
// --stub tests this harness: the page is stub-page.mjs, which answers with verify's own answers
// (lying about some, or reaching for the network); an honest stub must pass, the others fail.
// Exit status 0 when everything agrees, 1 when anything disagrees (the first --show
// disagreements are listed with both answers; all of them go to OUT/report.json), 2 when the
// test could not run.
//
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { stubPage } from './stub-page.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

function parseArgs(argv) {
  const a = { perPage: 500, batch: 0, fragments: 6, show: 25, page: null, out: null, screenshots: null };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--signpost') a.signpost = resolve(v());
    else if (k === '--corpus') a.corpus = resolve(v());
    else if (k === '--page') a.page = resolve(v());
    else if (k === '--out') a.out = resolve(v());
    else if (k === '--batch') a.batch = Number(v());
    else if (k === '--per-page') a.perPage = Number(v());
    else if (k === '--fragments') a.fragments = Number(v());
    else if (k === '--show') a.show = Number(v());
    else if (k === '--screenshots') a.screenshots = resolve(v());
    else if (k === '--web') a.web = resolve(v());
    else if (k === '--stub') a.stub = v();
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.signpost || !a.corpus) throw new Error('usage: compare.mjs --signpost BIN --corpus DIR [--page FILE]');
  return a;
}

// ---- The C side --------------------------------------------------------------------------------

// An environment with no own key and no trusted folder, like the page's: HOME and the XDG
// folders point into an empty folder, and no SIGNPOST_QUIZ.
function emptyEnv(root) {
  const env = { PATH: process.env.PATH, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', NO_COLOR: '1' };
  // Where signpost verifier finds the page's template, when the build says so.
  if (process.env.SIGNPOST_VERIFIER_TEMPLATE) env.SIGNPOST_VERIFIER_TEMPLATE = process.env.SIGNPOST_VERIFIER_TEMPLATE;
  for (const [k, d] of [['HOME', 'home'], ['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'],
    ['XDG_STATE_HOME', 'state']]) {
    env[k] = join(root, d);
    mkdirSync(env[k], { recursive: true });
  }
  return env;
}

function keyArgs(corpus) {
  return [...corpus.trust.flatMap((p) => ['-p', p]), ...corpus.quiz.flatMap((q) => ['--quiz', q])];
}

// verify --json on every file, all in one run in corpus order (a verdict must not depend on the
// other files of a run: the page takes them in the opposite order); returns name -> JSON object.
const VERIFY_PER_RUN = 4000;

function runVerify(a, corpus, env) {
  const names = Object.keys(corpus.files);
  const out = new Map();
  for (let i = 0; i < names.length; i += VERIFY_PER_RUN) {
    const part = names.slice(i, i + VERIFY_PER_RUN).map((n) => join(a.corpus, 'files', n));
    const p = spawnSync(a.signpost, ['verify', '--json', ...keyArgs(corpus), ...part],
      { env, maxBuffer: 1 << 30, encoding: 'utf8' });
    if (p.error) throw p.error;
    if (![0, 1, 3, 6, 7].includes(p.status))
      throw new Error(`signpost verify exited ${p.status}: ${p.stderr.slice(0, 2000)}`);
    let list;
    try {
      list = JSON.parse(p.stdout);
    } catch (e) {
      throw new Error(`signpost verify --json printed no JSON (${e.message}): ${p.stdout.slice(0, 500)}`);
    }
    for (const o of list) out.set(basename(o.file), o);
  }
  return out;
}

// A fit as text with six decimals, as the page writes it.
function fitText(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v.toFixed(6);
  if (typeof v === 'object' && 'fit' in v) return fitText(v.fit);
  return String(v);
}

// Scores as one comparable text: {dir: "0.123456" | null}, keys sorted; "" for none.
function canonScores(obj) {
  if (obj === null || obj === undefined || obj === '') return '';
  const keys = Object.keys(obj).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, fitText(obj[k])])));
}

// Set by --stub only: a signpost without "replayed" in its JSON can still test the harness.
let replayedOptional = false;

// Files whose verify --json object has no "replayed" (compared as if it were null).
const noReplayed = [];

function cAnswer(o) {
  if (!('replayed' in o) && !replayedOptional && !noReplayed.includes(o.file)) noReplayed.push(o.file);
  const r = o.replayed ?? null;
  return {
    verdict: o.trust,
    reason: o.verdict,
    primary: r ? (r.primary ?? '') : '',
    scores: r ? canonScores(r.fits) : '',
  };
}

// ---- The page side -----------------------------------------------------------------------------

function makePage(a, corpus, env, dir) {
  const page = join(dir, 'verify.html');
  const p = spawnSync(a.signpost, ['verifier', ...keyArgs(corpus), '-o', page, '--force'],
    { env, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`signpost verifier exited ${p.status}: ${p.stderr}`);
  return page;
}

async function launch(a) {
  const require = createRequire(join(a.web ?? join(here, '..', '..', 'web'), 'package.json'));
  const puppeteer = require('puppeteer-core');
  const profile = mkdtempSync(join(tmpdir(), 'signpost-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--headless=new', '--lang=en-US', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-default-apps', '--disable-extensions'],
    env: { ...process.env, LANGUAGE: 'en_US', LANG: 'en_US.UTF-8' },
    protocolTimeout: 300000,
  });
  return { browser, profile };
}

// A page with every request but its own file refused and recorded, and its errors recorded.
async function guardedPage(browser, url, log) {
  const page = await browser.newPage();
  const own = url.split('#')[0];
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url().split('#')[0];
    if (u === own || u.startsWith('data:')) {
      req.continue();
    } else {
      log.network.push(u.slice(0, 200));
      req.abort('accessdenied');
    }
  });
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketCreated', (e) => log.network.push(`websocket ${e.url}`));
  page.on('pageerror', (e) => log.errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') log.errors.push(`console error: ${m.text().slice(0, 300)}`);
  });
  return page;
}

async function waitReady(page) {
  await page.waitForFunction(() => ['ready', 'done'].includes(document.body?.dataset.state),
    { timeout: 30000, polling: 100 });
}

function readArticles(page) {
  return page.$$eval('article.result', (as) => as.map((x) => ({
    file: x.dataset.file, verdict: x.dataset.verdict ?? null, reason: x.dataset.reason ?? null,
    primary: x.dataset.primary ?? null, scores: x.dataset.scores ?? null,
  })));
}

function pageAnswer(x) {
  let scores = x.scores;
  if (scores !== '' && scores !== null) {
    try {
      scores = canonScores(JSON.parse(scores));
    } catch {
      scores = `unparsable: ${scores}`;
    }
  }
  return { verdict: x.verdict, reason: x.reason, primary: x.primary, scores };
}

// Records when body[data-state] says "done" before every file picked so far has its article
// (the contract: "done" when every file picked so far has its article).
function watchDone(page, expect) {
  return page.evaluate((n) => {
    window.__spExpect = n;
    window.__spEarly ??= [];
    if (window.__spWatch) return;
    window.__spWatch = new MutationObserver(() => {
      const have = document.querySelectorAll('article.result').length;
      if (document.body.dataset.state === 'done' && have < window.__spExpect)
        window.__spEarly.push(`${have} of ${window.__spExpect}`);
    });
    window.__spWatch.observe(document.body, { attributes: true, attributeFilter: ['data-state'] });
  }, expect);
}

// Picks the files through #files, batch by batch, and waits until each has its article.
async function pickAll(page, paths, batch, log) {
  const input = await page.$('#files');
  if (!input) throw new Error('the page has no #files input');
  const size = batch > 0 ? batch : paths.length;
  for (let i = 0; i < paths.length; i += size) {
    const part = paths.slice(i, i + size);
    if (log) await watchDone(page, (await page.$$('article.result')).length + part.length);
    await input.uploadFile(...part);
    const names = part.map((p) => basename(p));
    await page.waitForFunction((want) => {
      if (document.body.dataset.state !== 'done') return false;
      const have = new Set([...document.querySelectorAll('article.result')].map((x) => x.dataset.file));
      return want.every((n) => have.has(n));
    }, { timeout: 240000, polling: 250 }, names);
  }
  const early = log ? await page.evaluate(() => window.__spEarly ?? []) : [];
  if (early.length)
    log.state.push(`body[data-state] was "done" with only ${early.slice(0, 3).join(', ')} articles ` +
      `(${early.length} times) while picked files were still being checked`);
  const got = new Map();
  for (const x of await readArticles(page)) got.set(x.file, x);
  return got;
}

// Text no article should show: a value the renderer did not know how to print.
async function checkText(page, log, lang) {
  const bad = await page.$$eval('article.result', (as) => as.flatMap((x) => {
    // Every text node, whether rendered or not: innerText is "" for an article the page does
    // not lay out yet (content-visibility: auto), and leaves out closed <details>. The file's
    // own name may hold such a word (y-null-score.signpost): left out.
    const walk = document.createTreeWalker(x, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walk.nextNode()) parts.push(walk.currentNode.data);
    const text = parts.join(' ').split(x.dataset.file ?? '\u0000').join(' ');
    const m = text.match(/.{0,50}(\[object|\bundefined\b|\bnull\b|\bNaN\b).{0,20}/);
    return m ? [`${x.dataset.file}: ${m[0].replace(/\s+/g, ' ')}`] : [];
  }));
  if (bad.length) log.text.push(`${bad.length} articles in ${lang} show unprintable values, e.g. ${bad.slice(0, 2).join(' || ')}`);
}

// The language switch: Chinese changes <html lang> and the articles' text, English brings both
// back, and no verdict changes with the language.
async function checkLanguages(page, log) {
  const state = () => page.evaluate(() => ({
    lang: document.documentElement.lang,
    text: document.querySelector('article.result')?.textContent ?? '',
    all: [...document.querySelectorAll('article.result')].map((x) => `${x.dataset.verdict}/${x.dataset.reason}/${x.dataset.primary}`).join('|'),
  }));
  const en = await state();
  if (!/^en\b/.test(en.lang)) log.language.push(`the page starts in <html lang="${en.lang}">, not en, under a browser in English`);
  for (const [button, want] of [['#lang-zh', /^zh\b/], ['#lang-en', /^en\b/]]) {
    if (!(await page.$(button))) {
      log.language.push(`no ${button} button`);
      return;
    }
    await page.click(button);
    try {
      await page.waitForFunction((re) => new RegExp(re).test(document.documentElement.lang),
        { timeout: 10000 }, want.source);
    } catch {
      log.language.push(`after ${button}, <html lang="${(await state()).lang}">`);
    }
    const now = await state();
    if (button === '#lang-zh') {
      await checkText(page, log, 'zh');
      if (now.text === en.text) log.language.push('the first article reads the same in Chinese as in English');
      if (!/[\u4e00-\u9fff]/.test(now.text)) log.language.push(`no Chinese in the first article after #lang-zh: ${now.text.slice(0, 200)}`);
    } else if (now.text !== en.text) {
      log.language.push('the first article does not read as before after switching back to English');
    }
    if (now.all !== en.all) log.language.push(`the verdicts changed with the language (${button})`);
  }
}

const b64url = (buf) => buf.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// A few files given in the URL fragment, each on a fresh page: one article, with the answer the
// same file gets when picked.
async function checkFragments(browser, url, a, corpus, cByName, log) {
  const want = ['good-placement', 'good-quick', 'unknown-signer', 'unsigned', 'forged', 'tampered-body',
    'quiz-elsewhere', 'released', 'signer-lie', 'tiny'];
  const names = [];
  for (const cat of want) {
    const n = Object.keys(corpus.files).find((f) => corpus.files[f].category === cat && !names.includes(f));
    if (n) names.push(n);
    if (names.length >= a.fragments) break;
  }
  for (const name of names) {
    const frag = `${url}#r=${b64url(readFileSync(join(a.corpus, 'files', name)))}`;
    const page = await guardedPage(browser, frag, log);
    try {
      await page.goto(frag, { waitUntil: 'load' });
      await page.waitForFunction(() => document.body.dataset.state === 'done' &&
        document.querySelectorAll('article.result').length >= 1, { timeout: 30000, polling: 100 });
      const arts = await readArticles(page);
      const got = pageAnswer(arts[0]);
      const c = cAnswer(cByName.get(name));
      if (arts.length !== 1) log.fragment.push(`${name}: ${arts.length} articles for one #r= result`);
      if (JSON.stringify(got) !== JSON.stringify(c))
        log.fragment.push(`${name} in #r=: page ${JSON.stringify(got)}, verify ${JSON.stringify(c)}`);
    } catch (e) {
      log.fragment.push(`${name} in #r=: ${e.message.split('\n')[0]}`);
    } finally {
      await page.close();
    }
  }
  return names.length;
}

// A screenshot of the whole page. An article off screen is not laid out (content-visibility:
// auto) and a capture beyond the viewport does not lay it out, so the viewport is made as tall
// as the page (again, until the page's height settles) before the capture.
async function fullShot(page, path) {
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  let height = 0;
  for (let i = 0; i < 5; i++) {
    const now = await page.evaluate(() => document.documentElement.scrollHeight);
    if (now === height) break;
    height = now;
    await page.setViewport({ width: 1100, height });
    await frame();
  }
  await page.screenshot({ path, fullPage: true });
  await page.setViewport({ width: 1100, height: 1600 });
}

// Screenshots of a few results in English and Chinese, for a person to look at.
// One of each: verified with a near tie, untrusted, failed replay, partly replayed, not replayed.
async function screenshots(browser, url, a, corpus, cByName, log) {
  mkdirSync(a.screenshots, { recursive: true });
  const names = Object.keys(corpus.files);
  const first = (test) => names.find((f) => { const o = cByName.get(f); return o && test(o, f); });
  const nearTie = (f) => /^near_tie: \[[^\]]/m.test(readFileSync(join(a.corpus, 'files', f), 'utf8'));
  const pick = [
    first((o, f) => o.verdict === 'verified' && corpus.files[f].category === 'good-placement' && nearTie(f)),
    first((o) => o.verdict === 'untrusted-key'),
    first((o) => o.verdict === 'replay-mismatch'),
    first((o) => o.verdict === 'partly-replayed'),
    first((o) => o.verdict === 'no-banks'),
  ].filter(Boolean);
  const page = await guardedPage(browser, url, log);
  await page.setViewport({ width: 1100, height: 1600 });
  await page.goto(url, { waitUntil: 'load' });
  await waitReady(page);
  await pickAll(page, pick.map((n) => join(a.corpus, 'files', n)), 0, null);
  await fullShot(page, join(a.screenshots, 'verifier-en.png'));
  if (await page.$('#lang-zh')) {
    await page.click('#lang-zh');
    await fullShot(page, join(a.screenshots, 'verifier-zh.png'));
  }
  await page.close();
}

// ---- Comparison and report ---------------------------------------------------------------------

function expectation(exp, c) {
  if (!exp) return true;
  if (exp === '!trusted') return c.trust !== 'trusted';
  const [trust, verdict] = exp.split('/');
  return c.trust === trust && (!verdict || c.verdict === verdict);
}

function compare(corpus, cByName, pByName) {
  const out = { disagree: [], expect: [], missing: [] };
  for (const [name, meta] of Object.entries(corpus.files)) {
    const co = cByName.get(name);
    if (!co) {
      out.missing.push(`${name}: verify printed nothing for it`);
      continue;
    }
    if (!expectation(meta.expect, co))
      out.expect.push(`${name} (${meta.what}): the corpus expects ${meta.expect}, verify says ${co.trust}/${co.verdict}: ${co.message}`);
    const c = cAnswer(co);
    const x = pByName.get(name);
    const p = x ? pageAnswer(x) : null;
    const fields = p ? ['verdict', 'reason', 'primary', 'scores'].filter((k) => p[k] !== c[k]) : ['article'];
    if (fields.length)
      out.disagree.push({ file: name, category: meta.category, what: meta.what, fields, page: p, verify: c,
        message: co.message });
  }
  const extra = [...pByName.keys()].filter((n) => !(n in corpus.files));
  if (extra.length) out.missing.push(`articles for files not picked: ${extra.slice(0, 5).join(', ')}`);
  return out;
}

function counts(corpus, cByName) {
  const byVerdict = {};
  const byCategory = {};
  for (const [name, meta] of Object.entries(corpus.files)) {
    const o = cByName.get(name);
    const k = o ? `${o.trust}/${o.verdict}` : 'none';
    byVerdict[k] = (byVerdict[k] ?? 0) + 1;
    byCategory[meta.category] ??= {};
    byCategory[meta.category][k] = (byCategory[meta.category][k] ?? 0) + 1;
  }
  return { byVerdict, byCategory };
}

function printReport(r, a) {
  const line = (s) => process.stdout.write(`${s}\n`);
  line(`web: ${r.files} files; verify in ${r.times.verify} s, page in ${r.times.page} s, all in ${r.times.total} s`);
  line('verdicts (verify --json: trust/verdict):');
  for (const [k, v] of Object.entries(r.counts.byVerdict).sort((x, y) => y[1] - x[1])) line(`  ${String(v).padStart(5)}  ${k}`);
  line('by category:');
  for (const [cat, m] of Object.entries(r.counts.byCategory))
    line(`  ${cat.padEnd(17)} ${Object.entries(m).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  line(`disagreements: ${r.disagree.length}`);
  for (const d of r.disagree.slice(0, a.show)) {
    line(`  ${d.file} [${d.what}] differs in ${d.fields.join(', ')}`);
    line(`    page:   ${JSON.stringify(d.page)}`);
    line(`    verify: ${JSON.stringify(d.verify)}`);
    line(`            ${d.message}`);
  }
  if (r.disagree.length > a.show) line(`  ... and ${r.disagree.length - a.show} more (report.json)`);
  const section = (title, list) => {
    line(`${title}: ${list.length ? '' : 'none'}`);
    for (const s of list.slice(0, a.show)) line(`  ${s}`);
    if (list.length > a.show) line(`  ... and ${list.length - a.show} more`);
  };
  section('network requests', r.network);
  section('page errors', r.errors);
  section('languages', r.language);
  section('data-state', r.state);
  section('article text', r.text);
  section(`#r= fragment (${r.fragmentsTried} files)`, r.fragment);
  section('corpus expectations not met by verify', r.expect);
  section('missing', r.missing);
  section('verify --json objects without "replayed"', r.noReplayed);
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const corpus = JSON.parse(readFileSync(join(a.corpus, 'corpus.json'), 'utf8'));
  const work = a.out ?? mkdtempSync(join(tmpdir(), 'signpost-web-'));
  mkdirSync(work, { recursive: true });
  const env = emptyEnv(join(work, 'empty'));
  const cByName = runVerify(a, corpus, env);
  const tVerify = seconds();
  let pagePath = a.page;
  if (a.stub) {
    replayedOptional = true;
    const answers = {};
    for (const [name, o] of cByName) {
      const h = createHash('sha256').update(readFileSync(join(a.corpus, 'files', name))).digest('hex');
      answers[h] = cAnswer(o);
    }
    pagePath = join(work, 'stub.html');
    writeFileSync(pagePath, stubPage(answers, a.stub));
  }
  pagePath ??= makePage(a, corpus, env, work);
  const url = pathToFileURL(pagePath).href;
  const log = { network: [], errors: [], language: [], fragment: [], state: [], text: [] };
  const { browser, profile } = await launch(a);
  const pByName = new Map();
  let fragmentsTried = 0;
  const tPage = Date.now();
  try {
    // A fresh page for every --per-page files: the comparison does not hang on how well one
    // page copes with a thousand articles. The files go in the reverse of verify's order, so
    // that a verdict that depends on the files checked before it shows as a disagreement.
    const names = Object.keys(corpus.files).reverse();
    const per = a.perPage > 0 ? a.perPage : names.length;
    for (let i = 0; i < names.length; i += per) {
      const page = await guardedPage(browser, url, log);
      await page.goto(url, { waitUntil: 'load' });
      await waitReady(page);
      const got = await pickAll(page, names.slice(i, i + per).map((n) => join(a.corpus, 'files', n)), a.batch, log);
      for (const [k, v] of got) pByName.set(k, v);
      await checkText(page, log, 'en');
      if (i === 0) await checkLanguages(page, log);
      await page.close();
    }
    fragmentsTried = await checkFragments(browser, url, a, corpus, cByName, log);
    if (a.screenshots) await screenshots(browser, url, a, corpus, cByName, log);
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
  const cmp = compare(corpus, cByName, pByName);
  const report = {
    files: Object.keys(corpus.files).length,
    times: { verify: tVerify, page: ((Date.now() - tPage) / 1000).toFixed(1), total: seconds() },
    counts: counts(corpus, cByName), fragmentsTried, ...log, ...cmp, noReplayed,
  };
  writeFileSync(join(work, 'report.json'), JSON.stringify(report, null, 1) + '\n');
  printReport(report, a);
  const bad = cmp.disagree.length + cmp.expect.length + cmp.missing.length + log.network.length +
    log.errors.length + log.language.length + log.fragment.length + log.state.length + log.text.length + noReplayed.length;
  process.stdout.write(bad ? `FAIL: the page and signpost verify do not agree (${work}/report.json)\n`
    : `PASS: ${report.files} files, 0 disagreements\n`);
  if (!a.out && !bad) rmSync(work, { recursive: true, force: true });
  process.exitCode = bad ? 1 : 0;
}

main().catch((e) => {
  process.stderr.write(`compare.mjs: ${e.stack ?? e}\n`);
  process.exitCode = 2;
});
