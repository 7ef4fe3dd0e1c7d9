// The articles the page renders for real outcomes of web/src/core (not a stub): every fixture
// result, in English and Chinese, rendered with a minimal DOM (test/fake-dom.mjs) and read as
// text. node --test test/render.test.mjs
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { installFakeDom } from './fake-dom.mjs';
import { verifyResult } from '../src/core/verify.js';
import { renderAbout, renderResult } from '../src/ui/render.js';
import { STRINGS } from '../src/ui/i18n.js';

installFakeDom();
const here = dirname(fileURLToPath(import.meta.url));
const data = JSON.parse(readFileSync(join(here, 'fixtures', 'page-data.json'), 'utf8'));
const dir = join(here, 'fixtures', 'results');
const actions = { onCopy() {}, onCopyLink() {} };
const BAD = /\[object|\bundefined\b|\bnull\b|\bNaN\b/;

async function outcomeOf(name) {
  return verifyResult(new Uint8Array(readFileSync(join(dir, name))), data, name);
}

function render(lang, name, outcome) {
  return renderResult(lang, data, { id: 'r1', name, bytes: new Uint8Array(1), outcome }, actions);
}

// The text of the elements with a class, in order.
function texts(article, cls) {
  return article.findAll((e) => (e.getAttribute('class') || '').split(' ').includes(cls)).map((e) => e.innerText.trim());
}

let outcomes;
async function all() {
  outcomes ??= await Promise.all(readdirSync(dir).sort().map(async (n) => [n, await outcomeOf(n)]));
  return outcomes;
}

test('no article of a real outcome shows undefined, null, NaN or [object …], in either language', async () => {
  const list = await all();
  assert.ok(list.length >= 100);
  const bad = [];
  for (const [name, o] of list) {
    for (const lang of ['en', 'zh']) {
      const a = render(lang, 'result.signpost', o); // not the file's name: y-null-score
      const m = a.innerText.match(new RegExp(`.{0,40}(${BAD.source}).{0,20}`));
      if (m) bad.push(`${name} (${lang}): ${m[0].replace(/\s+/g, ' ')}`);
      const attr = a.allAttributes().find((v) => BAD.test(v));
      if (attr) bad.push(`${name} (${lang}) attribute: ${attr.slice(0, 80)}`);
    }
  }
  assert.deepEqual(bad.slice(0, 8), []);
});

test('a driver is shown as show shows it: the letter the taker saw, the option text, the effect', async () => {
  const o = await outcomeOf('t1-r0000000-signed-signer.signpost');
  const drivers = o.replay.drivers;
  const choice = drivers.find((d) => d.kind === 'choice' && d.answer.letters[0] !== d.answer.options[0]);
  assert.ok(choice, 'a fixture driver whose shown letter differs from its option id');
  const q = data.banks.flatMap((b) => b.questions).find((x) => x.id === choice.question);
  const opt = q.options.find((x) => x.id === choice.answer.options[0]);
  for (const lang of ['en', 'zh']) {
    const a = render(lang, 'r', o);
    const answers = texts(a, 'answer');
    assert.equal(answers.length, drivers.length);
    const i = drivers.indexOf(choice);
    assert.ok(answers[i].includes(`${choice.answer.letters[0]}) ${opt.text[lang]}`), `${lang}: ${answers[i]}`);
    assert.ok(answers[i].includes(Number(choice.effect).toFixed(3)), `${lang}: the effect in ${answers[i]}`);
    const likert = drivers.findIndex((d) => d.kind === 'likert');
    assert.match(answers[likert], lang === 'en' ? /\b1 \(strongly disagree\)/ : /1（非常不同意）/);
    const questions = texts(a, 'question');
    assert.equal(questions[i], choice.text[lang]);
  }
});

test('what a result records is read from the real body: time, fits, near tie, settle', async () => {
  const o = await outcomeOf('t1-r0000000-signed-signer.signpost');
  const a = render('en', 'r', o);
  assert.match(texts(a, 'taken')[0], /finished 2026-11-18 11:16 UTC, language en/);
  const values = texts(a, 'bar-value');
  assert.deepEqual(values.slice(0, 2), ['0.65', '0.41']);
  // The near tie of the replay (infra, data) with the settle count (41 more questions).
  assert.match(texts(a, 'lead')[0], /too close to call/);
  assert.equal(texts(a, 'is-tie').length, 2);
});

test('a result that is not replayed shows the fits it records, not a blank chart', async () => {
  const o = await outcomeOf('t1-r0000000-signed-signer.signpost');
  const plain = { ...o, replay: null };
  const a = render('en', 'r', plain);
  const values = texts(a, 'bar-value');
  assert.deepEqual(values.slice(0, 2), ['0.65', '0.41']);
  assert.ok(!values.includes('not measured'));
});

test('an outcome of a browser that cannot check Ed25519 is shown as an error, not a verdict', async () => {
  const o = {
    trust: 'error', verdict: 'unsupported-browser', error: true, message: { en: 'this browser cannot check Ed25519 signatures here', zh: '这个浏览器无法检查 Ed25519 签名' },
    keyId: null, publicKey: null, keyName: null, checks: [], untrustedComment: '', body: null, replay: null,
  };
  for (const lang of ['en', 'zh']) {
    const a = render(lang, 'r', o);
    assert.equal(a.dataset.verdict, 'error');
    const pill = texts(a, 'pill')[0];
    assert.ok(!['Verified', 'FAILED', 'Not signed', '已验证', '验证失败', '未签名'].includes(pill), pill);
    assert.match(pill, lang === 'en' ? /not checked/i : /未检查|无法检查/);
    assert.ok((a.getAttribute('class') || '').includes('trust-error'));
  }
});

// The elements with a class inside the first element with another class.
function within(article, outer, cls) {
  const box = article.findAll((e) => (e.getAttribute('class') || '').split(' ').includes(outer))[0];
  return box ? texts(box, cls) : [];
}

test('a failed result shows what the file records, with its own near tie and best fit, and the re-derived numbers apart', async () => {
  // One answer changed after signing: the page re-derives algorithms 0.663 and settle 37; the
  // file records 0.654795 and settle 41.
  const o = await outcomeOf('t1-r0000000-edited-answer.signpost');
  assert.equal(o.trust, 'failed');
  assert.ok(o.replay, 'the page did re-derive the scores');
  const recorded = Object.fromEntries(o.body.scores.map((s) => [s.dir, s.fit.toFixed(2)]));
  for (const lang of ['en', 'zh']) {
    const a = render(lang, 'r', o);
    const claims = a.findAll((e) => (e.getAttribute('class') || '') === 'claims')[0];
    assert.ok(claims, 'the claims fold');
    const summary = claims.findAll((e) => e.tagName === 'SUMMARY')[0].innerText;
    assert.match(summary, lang === 'en' ? /What the file records/ : /文件记录的内容/);
    // The first chart is the recorded one: every value the file's, the marks the file's.
    const chart = claims.findAll((e) => (e.getAttribute('class') || '') === 'chart')[0];
    const rows = chart.findAll((e) => (e.getAttribute('class') || '').split(' ').includes('bar-row'));
    assert.deepEqual(rows.map((r) => texts(r, 'bar-value')[0]), o.body.ranking.map((d) => recorded[d]));
    assert.deepEqual(rows.filter((r) => r.getAttribute('class').includes('is-tie')).map((r) => r.dataset.dir), o.body.nearTie);
    assert.equal(rows.filter((r) => r.getAttribute('class').includes('is-best'))[0].dataset.dir, o.body.primary);
    const lead = texts(claims, 'lead')[0];
    assert.match(lead, /41/, `the recorded settle count: ${lead}`);
    assert.doesNotMatch(lead, /37/);
    // The re-derived numbers, labelled as such, in their own section.
    const again = within(a, 'rederived', 'bar-value');
    assert.equal(again[0], o.replay.scores.algorithms.fit.toFixed(2));
    assert.match(within(a, 'rederived', 'lead')[0], /37/);
  }
});

// Words of the command line that a page reader (who has no signpost) must not be told.
const CLI_WORDS = /(^|\s)-[pP]\b|--quiz|with -P|signpost sign|you gave|you trust|one you trust|你给出|你不信任|用 -P/;

test('the verdict sentence is the page’s own: no command-line option, no "you gave", the full key once', async () => {
  const bad = [];
  for (const [name, o] of await all()) {
    for (const lang of ['en', 'zh']) {
      const a = render(lang, 'result.signpost', o);
      const sentence = texts(a, 'message')[0] ?? '';
      if (CLI_WORDS.test(sentence)) bad.push(`${name} (${lang}): ${sentence}`);
      if (o.publicKey && a.innerText.split(o.publicKey).length - 1 > 1) bad.push(`${name} (${lang}): the full key ${a.innerText.split(o.publicKey).length - 1} times`);
      if (/signpost trust/.test(a.innerText.replace(/If you use signpost.*|如果你使用 signpost.*/g, ''))) bad.push(`${name} (${lang}): signpost trust outside "if you use signpost"`);
      // verify's sentence stays on the article for tools.
      if (a.dataset.message !== o.message.en) bad.push(`${name}: data-message`);
      if (a.dataset.reason !== o.verdict) bad.push(`${name}: data-reason`);
    }
  }
  assert.deepEqual(bad.slice(0, 6), []);
});

test('the page’s sentences per verdict, in English and Chinese', async () => {
  const say = async (file, lang) => texts(render(lang, 'r', await outcomeOf(file)), 'message')[0];
  assert.match(await say('t1-r0000000-other-signer.signpost', 'en'), /not one of this page’s keys/);
  assert.match(await say('t1-r0000000-other-signer.signpost', 'zh'), /不在本页信任之列/);
  assert.match(await say('t1-r0000000-unsigned.signpost', 'en'), /^Not signed: this result has no signature, so anyone could have written it\.$/);
  assert.match(await say('t1-r0000000-signed-signer.signpost', 'en'), /one of this page’s keys; quiz quick 1\.2\.0, best fit/);
  // A score the answers do not give: the direction by its localised name, the field in Chinese.
  const zh = await say('t1-r0000000-edited-answer.signpost', 'zh');
  assert.match(zh, /^分数与按回答算出的不一致：.*的兴趣记录为 0\.818493，但按回答算出的是 0\.828767。$/);
  assert.doesNotMatch(zh, /algorithms|interest/);
  // Quiz not on the page.
  const o = await outcomeOf('t1-r0000000-signed-signer.signpost');
  const noBanks = { ...o, verdict: 'no-banks', replay: null };
  assert.match(texts(render('en', 'r', noBanks), 'message')[0], /This page does not hold quiz quick 1\.2\.0, so the scores were not re-derived\./);
  assert.match(texts(render('zh', 'r', noBanks), 'message')[0], /本页没有测评 quick 1\.2\.0，所以没有重新计算分数。/);
});

test('a check detail names the quiz by the file name the page data gives, not by its id again', async () => {
  const plain = { ...data, manifests: data.manifests.map(({ path, ...m }) => ({ ...m, file: `${m.id}.yaml` })) };
  const o = await verifyResult(new Uint8Array(readFileSync(join(dir, 't1-r0000000-signed-signer.signpost'))), plain, 'r');
  const banks = o.checks.find((c) => c.check === 'banks').detail;
  assert.match(banks.en, /^quiz quick 1\.2\.0 \(quick\.yaml\): /);
  assert.match(banks.zh, /^测评 quick 1\.2\.0（quick\.yaml）：/);
});

test('smaller: versions newest first, no useless file: link, the template suggests a key, the Chinese untrusted pill', async () => {
  const about = renderAbout('en', { ...data, manifests: ['1.2.0', '1.0.0', '1.10.0', '1.1.0', '1.2.0-rc.1'].map((v) => ({ id: 'quick', version: v })) }, () => {});
  const versions = about.flatMap((e) => e.findAll((x) => (x.getAttribute('class') || '') === 'versions')).map((x) => x.innerText);
  assert.deepEqual(versions, ['1.10.0, 1.2.0, 1.2.0-rc.1, 1.1.0, 1.0.0']);
  const o = await outcomeOf('t1-r0000000-other-signer.signpost');
  const item = { id: 'r1', name: 'r', bytes: new Uint8Array(1), outcome: o };
  const local = renderResult('en', data, item, { ...actions, canLink: false });
  assert.equal(local.findAll((e) => (e.getAttribute('class') || '') === 'link').length, 0, 'no link button on a file: page');
  assert.match(texts(local, 'link-out')[0], /served over https/);
  const served = renderResult('en', data, item, { ...actions, canLink: true });
  assert.equal(served.findAll((e) => (e.getAttribute('class') || '') === 'link').length, 1);
  assert.equal(texts(renderResult('zh', data, item, actions), 'pill')[0], '签名完好，签名者不在本页信任之列');
  assert.match(STRINGS.en.template, /signpost verifier -p KEY\.pub -o verify\.html/);
  assert.match(STRINGS.zh.template, /signpost verifier -p 密钥\.pub -o verify\.html/);
});
