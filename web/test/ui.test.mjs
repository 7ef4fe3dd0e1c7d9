// Tests of the verifier page's pure UI helpers (no browser): node --test test/ui.test.mjs
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { base64urlDecode, base64urlEncode, buildLink, MAX_RESULT_BYTES, parseFragment } from '../src/ui/fragment.js';
import { joinNames, pickLanguage, STRINGS, t, textOf } from '../src/ui/i18n.js';
import {
  barPercent, chartRows, firstSentence, formatFit, knowledgeCredit, missedTopics, recommendation,
  resultView, scoresAttribute, splitTime,
} from '../src/ui/model.js';
import { fillTemplate, pageDataText } from '../tools/fill.mjs';
import { failedOutcome, fragmentOutcome, MARKER, readPageData } from '../src/ui/page.js';

const here = dirname(fileURLToPath(import.meta.url));
const tiny = JSON.parse(readFileSync(join(here, 'fixtures', 'tiny-page-data.json'), 'utf8'));
const bytes = (s) => new TextEncoder().encode(s);

// ---- i18n ----

const placeholders = (v) => [...JSON.stringify(v).matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).sort();

test('every string is in both languages, with the same placeholders', () => {
  const en = Object.keys(STRINGS.en).sort(), zh = Object.keys(STRINGS.zh).sort();
  assert.deepEqual(zh, en, 'the Chinese and English tables have the same keys');
  for (const k of en) {
    assert.ok(STRINGS.zh[k] !== '' && STRINGS.en[k] !== '', `${k} is not empty`);
    assert.deepEqual([...new Set(placeholders(STRINGS.zh[k]))], [...new Set(placeholders(STRINGS.en[k]))], `${k}: same placeholders`);
    if (typeof STRINGS.en[k] === 'object') assert.ok(STRINGS.en[k].one && STRINGS.en[k].other && STRINGS.zh[k].other, `${k}: plural forms`);
  }
});

test('Chinese strings use full-width punctuation, not ASCII commas, colons or parentheses, after Chinese text', () => {
  for (const [k, v] of Object.entries(STRINGS.zh)) {
    for (const s of typeof v === 'object' ? Object.values(v) : [v]) {
      // A comma, colon, semicolon or parenthesis right after a Han character is half-width by mistake.
      assert.doesNotMatch(s, /[\u4e00-\u9fff][,;:()?!]/u, `${k}: ${s}`);
      assert.doesNotMatch(s, /\.\.\./, `${k}: an ASCII ellipsis`);
    }
  }
});

test('every key the code names exists in the tables', () => {
  const src = ['main.js', 'ui/render.js'].map((f) => readFileSync(join(here, '..', 'src', f), 'utf8')).join('\n');
  const html = readFileSync(join(here, '..', 'page', 'verifier.html'), 'utf8');
  const named = new Set([...src.matchAll(/\bt\((?:lang|page\.lang|'en'|'zh'), '([A-Za-z_-]+)'/g)].map((m) => m[1]));
  for (const m of html.matchAll(/data-i18n="([^"]+)"/g)) named.add(m[1]);
  for (const m of src.matchAll(/key: '([A-Za-z]+)'/g)) named.add(m[1]);
  assert.ok(named.size > 20);
  for (const k of named) assert.ok(k in STRINGS.en, `key ${k}`);
  // Keys made up at run time: levels, checks, statuses, likert words, verdict legend.
  for (const k of ['entry', 'advanced', 'professional', 'expert']) assert.ok(`level_${k}` in STRINGS.en);
  for (const k of ['structure', 'signer', 'key', 'signature', 'comment-signature', 'domain', 'comment', 'banks', 'replay'])
    assert.ok(`check_${k}` in STRINGS.en, k);
  for (const k of ['passed', 'failed', 'warning', 'skipped']) assert.ok(`status_${k}` in STRINGS.en);
  for (let i = 1; i <= 5; i++) assert.ok(`likert_${i}` in STRINGS.en);
  for (const k of ['Trusted', 'Untrusted', 'Unsigned', 'Failed']) assert.ok(`legend${k}` in STRINGS.en);
});

test('the language follows the browser: zh* gives zh, anything else en', () => {
  assert.equal(pickLanguage(['zh-CN', 'en']), 'zh');
  assert.equal(pickLanguage(['zh-Hant-TW']), 'zh');
  assert.equal(pickLanguage(['ZH']), 'zh');
  assert.equal(pickLanguage(['fr-FR', 'zh-CN']), 'zh');
  assert.equal(pickLanguage(['en-GB', 'zh-CN']), 'en');
  assert.equal(pickLanguage(['de']), 'en');
  assert.equal(pickLanguage([]), 'en');
  assert.equal(pickLanguage(undefined), 'en');
});

test('t fills placeholders and picks the plural form', () => {
  assert.equal(t('en', 'busy', { n: 1 }), 'Checking 1 file…');
  assert.equal(t('en', 'busy', { n: 3 }), 'Checking 3 files…');
  assert.equal(t('zh', 'busy', { n: 1 }), '正在检查 1 个文件……');
  assert.equal(t('en', 'tieSettle', { n: 1, names: 'A and B' }),
    'A and B are too close to call on these answers: about 1 more question would settle it.');
  assert.equal(t('en', 'no-such-key'), 'no-such-key');
});

test('textOf picks the language, then the neutral text, then English', () => {
  assert.equal(textOf({ en: 'a', zh: '甲' }, 'zh'), '甲');
  assert.equal(textOf({ en: 'a' }, 'zh'), 'a');
  assert.equal(textOf({ '': 'n' }, 'zh'), 'n');
  assert.equal(textOf({ fr: 'f' }, 'en'), 'f');
  assert.equal(textOf({}, 'en'), '');
  assert.equal(textOf(null, 'en'), '');
  assert.equal(joinNames('en', ['A', 'B', 'C']), 'A, B and C');
  assert.equal(joinNames('zh', ['甲', '乙', '丙']), '甲、乙和丙');
  assert.equal(joinNames('zh', ['应用与 Agent', '推理部署', 'AI Infra']), '应用与 Agent、推理部署和 AI Infra');
  assert.equal(joinNames('en', ['A']), 'A');
});

// ---- The fragment ----

test('base64url round-trips every length and byte', () => {
  for (let n = 0; n < 70; n++) {
    const b = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
    const s = base64urlEncode(b);
    assert.doesNotMatch(s, /[+/=]/);
    assert.deepEqual(base64urlDecode(s).bytes, b);
    assert.equal(s, Buffer.from(b).toString('base64url'));
  }
});

test('parseFragment finds #r=, refuses bad text with its position, and says when there is none', () => {
  assert.equal(parseFragment(''), null);
  assert.equal(parseFragment('#'), null);
  assert.equal(parseFragment('#x=1'), null);
  const text = 'signpost-result/1\nname: "李"\n';
  assert.equal(new TextDecoder().decode(parseFragment(`#r=${Buffer.from(text).toString('base64url')}`).bytes), text);
  assert.equal(new TextDecoder().decode(parseFragment(`#x=1&r=${Buffer.from('ab').toString('base64url')}`).bytes), 'ab');
  assert.match(parseFragment('#r=').error.en, /empty/);
  assert.match(parseFragment('#r=ab+d').error.en, /"\+" at position 3/);
  assert.match(parseFragment('#r=ab%2').error.zh, /第 3 个字符/);
  assert.match(parseFragment('#r=abcde').error.en, /5 characters/);
  assert.equal(parseFragment('#r=YWJj==').error !== undefined, true, 'padding is not base64url as the page writes it');
  const huge = parseFragment(`#r=${'A'.repeat(Math.ceil((MAX_RESULT_BYTES * 4) / 3) + 4)}`);
  assert.equal(huge.tooLarge, true);
});

test('buildLink puts the result after the page address, replacing any fragment', () => {
  const link = buildLink('file:///srv/verify.html#r=old', bytes('abc'));
  assert.equal(link, 'file:///srv/verify.html#r=YWJj');
  assert.deepEqual(parseFragment(new URL(link).hash).bytes, bytes('abc'));
  assert.equal(buildLink('https://x/v.html', new Uint8Array(1024 * 1024)), null, 'too long for a link');
});

// ---- The chart and the view ----

test('bar widths: fit 0..1 in percent with one decimal, clamped; none for an unmeasured fit', () => {
  assert.equal(barPercent(0), 0);
  assert.equal(barPercent(1), 100);
  assert.equal(barPercent(0.471698), 47.2);
  assert.equal(barPercent(0.0004), 0);
  assert.equal(barPercent(1.2), 100);
  assert.equal(barPercent(-0.1), 0);
  assert.equal(barPercent(null), null);
  assert.equal(barPercent(NaN), null);
  assert.equal(barPercent('0.5'), null);
  assert.equal(formatFit(0.471698), '0.47');
  assert.equal(formatFit(null), '–');
});

test('times read as show prints them; first sentences as screen.c cuts them', () => {
  assert.deepEqual(splitTime('2026-11-23T18:04:09Z'), { date: '2026-11-23', time: '18:04' });
  assert.deepEqual(splitTime('garbage'), { date: 'garbage', time: '' });
  assert.equal(firstSentence('Keep it busy. Then run.'), 'Keep it busy.');
  assert.equal(firstSentence('让集群忙起来。然后跑。'), '让集群忙起来。');
  assert.equal(firstSentence('No end'), 'No end');
});

const tinyBody = {
  quiz: { id: 'tiny', version: '1.0.0', digest: 'c75b576fd29f54d02cf1fb28bb5c3f7b8a861bab3fa1f7f48e429256dda1eaf2' },
  directions: { version: '1.0.0', digest: 'fdf922a664e8065de07fdbb9cbc9a66d9eb4a18fa0076d4e1f014fd33b4322a5' },
  banks: [{ id: 't', version: '1.0.0', digest: '2bf6a2adf634343edc9169d29db58b4a7fb92478644d63fdee0c17ab3cfd2319' }],
  name: 'Ann', lang: 'en', finished: '2026-11-23T18:58:30Z', answered: 5, skipped: 0,
  answers: { 't.like.users': 2, 't.like.net': 5, 't.scene.night': 'a', 't.know.rag': ['a', 'b'], 't.know.allreduce': 'a' },
  scores: { infra: { fit: 1 }, agents: { fit: 0.2 } },
  ranking: ['infra', 'agents'], primary: 'infra', near_tie: [], flat: 'none', level: 'advanced',
};

test('the view of a replayed result takes the replay; the chart ranks and marks the best', () => {
  const replay = { exact: true, quiz: 'tiny', version: '1.0.0', primary: 'agents', ranking: ['agents', 'infra'],
                   nearTie: ['infra'], flat: 'none', level: 'entry', settle: 3,
                   scores: { infra: { fit: 0.5 }, agents: { fit: 0.52 } },
                   scoresText: { infra: { fit: '0.500000' }, agents: { fit: '0.520000' } }, drivers: [] };
  const view = resultView({ trust: 'trusted', body: tinyBody, replay }, tiny);
  assert.equal(view.primary, 'agents');
  assert.equal(view.replayed, true);
  assert.equal(view.directions.length, 2);
  assert.equal(view.itemsLeft, 0);
  assert.deepEqual(chartRows(view).map((r) => [r.id, r.percent, r.best, r.tie]), [['agents', 52, true, false], ['infra', 50, false, true]]);
  // settle 3 but no question left to ask: "more questions would hardly settle it" is not said
  // either; with nothing left the settle sentence cannot hold, as in screen.c.
  assert.equal(recommendation(view).key, 'tieHardly');
  assert.equal(scoresAttribute({ replay }), '{"infra":"0.500000","agents":"0.520000"}');
});

test('the view without a replay shows the recorded numbers, and says which quiz is missing', () => {
  const view = resultView({ trust: 'untrusted', body: { ...tinyBody, quiz: { id: 'tiny', version: '9.0.0', digest: 'x' } }, replay: null }, tiny);
  assert.equal(view.replayed, false);
  assert.deepEqual(view.quiz, { id: 'tiny', version: '9.0.0' });
  assert.equal(view.primary, 'infra');
  assert.equal(recommendation(view).key, 'bestFit');
  assert.equal(scoresAttribute({ replay: null }), '');
  assert.equal(resultView({ trust: 'failed', body: null }, tiny), null);
});

test('recommendation follows screen.c: flat, near tie with settle, equal fit, nothing measured', () => {
  const base = { primary: 'a', nearTie: [], flat: 'none', settle: null, itemsLeft: 10, scoring: { flat: 0.25, near_tie: 0.05 } };
  assert.equal(recommendation({ ...base, primary: null }).key, 'nothingMeasured');
  assert.equal(recommendation({ ...base, flat: 'same-likert' }).key, 'flatSame');
  assert.deepEqual(recommendation({ ...base, flat: 'close-fits' }).vars, { flat: '0.25' });
  assert.deepEqual(recommendation({ ...base, nearTie: ['b'], settle: 4 }), { key: 'tieSettle', names: ['a', 'b'], vars: { n: 4 }, apart: true });
  assert.equal(recommendation({ ...base, nearTie: ['b'], settle: 1000 }).key, 'tieHardly');
  assert.equal(recommendation({ ...base, nearTie: ['b'], settle: 0 }).key, 'tieEqual');
  assert.equal(recommendation({ ...base, nearTie: ['b'], settle: null }).key, 'tieEqual');
});

test('knowledge credit and missed topics as sp_knowledge_credit and missed_topics give them', () => {
  const view = resultView({ trust: 'trusted', body: tinyBody, replay: { ...tinyBody, nearTie: [], drivers: [] } }, tiny);
  const rag = view.index.get('t.know.rag').q;
  assert.equal(knowledgeCredit(rag, ['a', 'c']), 1);
  assert.equal(knowledgeCredit(rag, ['a', 'b']), 0);  // 1/2 - 1/1
  assert.equal(knowledgeCredit(rag, 'a'), 0.5);
  assert.equal(knowledgeCredit(rag, 'skip'), 0);
  const got = missedTopics(view.pairs, view.index, 'infra', 'zh', textOf);
  assert.deepEqual(got, { asked: 2, topics: ['RAG'] });
  const none = missedTopics([['t.know.rag', ['a', 'c']]], view.index, 'agents', 'en', textOf);
  assert.deepEqual(none, { asked: 1, topics: [] });
});

// ---- Filling the template ----

test('fill escapes < and U+2028 in the data, and wants the marker exactly once', () => {
  const text = pageDataText({ s: '</script><!-- \u2028\u2029' });
  assert.doesNotMatch(text, /</);
  assert.doesNotMatch(text, /[\u2028\u2029]/);
  assert.deepEqual(JSON.parse(text), { s: '</script><!-- \u2028\u2029' });
  const m = '/*@SIGNPOST-PAGE-DATA@*/';
  assert.equal(fillTemplate(`a${m}b`, { x: 1 }), 'a{"x":1}b');
  assert.throws(() => fillTemplate('ab', {}), /exactly once/);
  assert.throws(() => fillTemplate(`${m}${m}`, {}), /exactly once/);
});

test('the page source and the script never hold the data marker, so the template holds it once', () => {
  const html = readFileSync(join(here, '..', 'page', 'verifier.html'), 'utf8');
  assert.equal(html.split('/*@SIGNPOST-PAGE-DATA@*/').length, 2);
  for (const f of ['main.js', 'ui/render.js', 'ui/i18n.js', 'ui/model.js', 'ui/fragment.js', 'ui/dom.js', 'ui/page.js'])
    assert.doesNotMatch(readFileSync(join(here, '..', 'src', f), 'utf8'), /SIGNPOST-PAGE-DATA/, f);
});

test('no file data reaches innerHTML or document.write', () => {
  for (const f of ['main.js', 'ui/render.js', 'ui/dom.js'])
    assert.doesNotMatch(readFileSync(join(here, '..', 'src', f), 'utf8'), /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, f);
});

test('Chinese text sets a space between Han and a Latin name put into it, and no other', () => {
  assert.equal(t('zh', 'tieHardly', { names: '数据工程和应用开发与 Agent' }), '按这些回答，数据工程和应用开发与 Agent 难分高下，而且再多答题也很难分出来。');
  assert.equal(t('zh', 'effect', { name: 'Agents', effect: '+0.100' }), 'Agents 匹配度 +0.100');
  assert.equal(t('zh', 'effect', { name: '推理部署', effect: '+0.100' }), '推理部署匹配度 +0.100');
  assert.equal(t('zh', 'closest', { name: 'Infra' }), '最接近的是 Infra；排名只能当作微弱的参考。');
  assert.equal(t('en', 'closest', { name: 'Infra' }), 'The closest is Infra; read the ranking as a weak hint.');
});

test('only the marker alone is the template: a marker inside the data (a quiz title) is data', () => {
  assert.deepEqual(readPageData(`  ${MARKER}\n`), { problem: { key: 'template' } });
  const data = { format: 'signpost-verifier/1', manifests: [{ title: { en: `x ${MARKER} y` } }] };
  // As the data script holds it: JSON, whatever way "/" is written.
  for (const text of [JSON.stringify(data), JSON.stringify(data).replace(/\//g, '\\/')])
    assert.deepEqual(readPageData(text), { data });
  assert.equal(readPageData('{"format":"other"}').problem.key, 'badData');
});

test('a bad #r= link gives its reason in each language, not English on the Chinese page', () => {
  const got = parseFragment('#r=ab$c');
  const o = fragmentOutcome(got);
  assert.equal(o.verdict, 'malformed');
  assert.equal(o.message.en, t('en', 'badFragment', { why: got.error.en }));
  assert.equal(o.message.zh, t('zh', 'badFragment', { why: got.error.zh }));
  assert.match(o.message.zh, /第 3 个字符/);
  // Plain values stay as they are.
  assert.match(failedOutcome('too-large', 'tooLarge', { file: 'a', size: '17.0' }).message.zh, /a 有 17\.0 MiB/);
  assert.equal(fragmentOutcome({ bytes: new Uint8Array(1) }), null);
});
