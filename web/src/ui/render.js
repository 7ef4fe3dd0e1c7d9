// The page's parts as elements: the header's account of the page (who made it, the keys it
// trusts, the quizzes it holds, what a verdict means) and one <article class="result"> per
// file, which shows a result as `signpost show` does: the verdict first, then the quiz, the
// recommendation, the chart of fits, the level, the drivers, the profiles and what to learn.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { h, selectText } from './dom.js';
import { joinNames, pickMessage, t, textOf } from './i18n.js';
import { verdictSentence } from './verdict.js';
import {
  chartRows, direction, firstSentence, formatFit, missedTopics, recommendation, resultView,
  scoresAttribute, splitTime,
} from './model.js';

const CHECKS = ['structure', 'signer', 'key', 'signature', 'comment-signature', 'domain', 'comment', 'banks', 'replay'];

function when(lang, iso) {
  const { date, time } = splitTime(iso);
  return time ? t(lang, 'when', { date, time }) : date;
}

// A block of text that can be copied with a button: the full key, the trust command.
function copyable(lang, text, onCopy) {
  const code = h('code', { class: 'copy-text' }, text);
  const button = h('button', { type: 'button', class: 'copy' }, t(lang, 'copy'));
  button.addEventListener('click', () => onCopy(text, button, code));
  return h('div', { class: 'copyable' }, code, button);
}

// Semantic versions, newest first ("1.10.0" after "1.9.0"); a pre-release before its
// release; anything unparsable last, in text order.
export function newestFirst(a, b) {
  const parse = (v) => /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?/.exec(String(v));
  const x = parse(a), y = parse(b);
  if (!x || !y) return x ? -1 : y ? 1 : String(a).localeCompare(String(b));
  for (let i = 1; i <= 3; i++) if (Number(x[i]) !== Number(y[i])) return Number(y[i]) - Number(x[i]);
  if (!x[4] !== !y[4]) return x[4] ? 1 : -1;
  return String(y[4] ?? '').localeCompare(String(x[4] ?? ''), 'en', { numeric: true });
}

// ---- The header ---------------------------------------------------------------------------

export function renderAbout(lang, data, onCopy) {
  const made = h('p', { class: 'made' }, t(lang, 'madeBy', { engine: data.engine ?? '?', made: when(lang, data.made) }));
  const keys = data.keys || [];
  const keyList = keys.length
    ? h('ul', { class: 'keys' }, keys.map((k) => h('li', {},
        h('p', { class: 'key-head' }, h('span', { class: 'key-id' }, k.id),
          ' ', h('span', { class: 'key-name' }, k.name === '-P' ? t(lang, 'keyGivenOnCommandLine') : t(lang, 'keyFrom', { name: k.name }))),
        copyable(lang, k.key, onCopy))))
    : h('p', { class: 'none' }, t(lang, 'keysNone'));
  const quizzes = new Map();
  for (const m of data.manifests || []) {
    if (!quizzes.has(m.id)) quizzes.set(m.id, { title: m.title, versions: [] });
    quizzes.get(m.id).versions.push(m.version);
  }
  for (const q of quizzes.values()) q.versions.sort(newestFirst);
  const quizList = quizzes.size
    ? h('ul', { class: 'quizzes' }, [...quizzes].map(([id, q]) => h('li', {},
        h('span', { class: 'quiz-id' }, id), ' ',
        h('span', { class: 'versions' }, q.versions.join(t(lang, 'listComma'))),
        textOf(q.title, lang) ? h('span', { class: 'quiz-title' }, textOf(q.title, lang)) : null)))
    : h('p', { class: 'none' }, t(lang, 'quizzesNone'));
  const legend = h('dl', { class: 'legend' }, ['trusted', 'untrusted', 'unsigned', 'failed'].map((k) => [
    h('dt', { class: `pill pill-${k}` }, t(lang, k)),
    h('dd', {}, t(lang, `legend${k[0].toUpperCase()}${k.slice(1)}`)),
  ]));
  return [
    made,
    h('div', { class: 'about-grid' },
      h('section', { 'aria-labelledby': 'keys-h' }, h('h2', { id: 'keys-h' }, t(lang, 'keysHeading')), keyList),
      h('section', { 'aria-labelledby': 'quizzes-h' }, h('h2', { id: 'quizzes-h' }, t(lang, 'quizzesHeading')), quizList)),
    h('section', { class: 'meaning', 'aria-labelledby': 'meaning-h' },
      h('h2', { id: 'meaning-h' }, t(lang, 'meaningHeading')), h('p', {}, t(lang, 'meaning')), legend),
  ];
}

// ---- One result ---------------------------------------------------------------------------

// The trust classes the page shows; "error" is no verdict: the browser could not check the
// file (no Ed25519 in WebCrypto, or not a secure context), so nothing is said about it.
const TRUSTS = ['trusted', 'untrusted', 'unsigned', 'failed', 'error'];

export function trustClass(outcome) {
  return TRUSTS.includes(outcome.trust) ? outcome.trust : 'failed';
}

function verdictWord(lang, outcome) {
  if (outcome.trust === 'trusted' && outcome.verdict !== 'verified') return t(lang, 'trustedIntact');
  return t(lang, trustClass(outcome) === 'error' ? 'notChecked' : trustClass(outcome));
}

// The signer's key of an untrusted result, shown once in full, to compare with the one its
// signer published; the `signpost trust` command is only offered to whoever uses signpost, by
// a button that copies it (the key is not written out a second time).
function untrustedKeyBox(lang, outcome, onCopy) {
  if (outcome.trust !== 'untrusted' || !outcome.publicKey) return null;
  const command = `signpost trust ${outcome.publicKey}`;
  const copyCommand = h('button', { type: 'button', class: 'copy copy-command' }, t(lang, 'copyTrust'));
  const line = h('p', { class: 'small' }, t(lang, 'trustSignpost'), ' ', copyCommand);
  // Written out only when the browser refuses to copy it, to be copied by hand.
  copyCommand.addEventListener('click', async () => {
    if (await onCopy(command, copyCommand, null)) return;
    const code = h('code', { class: 'copy-text' }, command);
    line.append(' ', code);
    selectText(code);
  });
  return h('div', { class: 'keybox' },
    h('p', { class: 'keybox-head' }, t(lang, 'signerKey', { id: outcome.keyId ?? '?' })),
    copyable(lang, outcome.publicKey, onCopy),
    h('p', {}, t(lang, 'trustHow')),
    line,
    h('p', { class: 'small' }, t(lang, 'trustPage')));
}

function checksList(lang, outcome) {
  const checks = outcome.checks || [];
  if (!checks.length) return null;
  return h('details', { class: 'checks' },
    h('summary', {}, t(lang, 'checksHeading')),
    h('ol', {}, checks.map((c) => h('li', { class: `check check-${c.status}` },
      h('span', { class: 'check-name' }, CHECKS.includes(c.check) ? t(lang, `check_${c.check}`) : c.check),
      h('span', { class: `status status-${c.status}` }, t(lang, `status_${c.status}`)),
      h('span', { class: 'check-detail' }, pickMessage(c.detail, lang))))));
}

function dirName(lang, view, id, short = false) {
  const d = direction(view, id);
  return (d && textOf(short ? d.short_name : d.name, lang)) || id;
}

function recommendationBlock(lang, view) {
  const r = recommendation(view);
  const names = r.names.map((id) => dirName(lang, view, id));
  const out = h('div', { class: 'advice' });
  if (r.key === 'bestFit') {
    out.append(h('p', { class: 'best' }, t(lang, 'bestFit', { name: names[0] })));
    const d = direction(view, view.primary);
    if (d) out.append(h('p', {}, firstSentence(textOf(d.summary, lang))));
    return out;
  }
  if (r.key === 'flatSame' || r.key === 'flatClose') {
    out.append(h('p', { class: 'lead' }, t(lang, r.key, r.vars)));
    out.append(h('p', {}, t(lang, 'closest', { name: names[0] })));
    return out;
  }
  if (r.key === 'nothingMeasured') return out.appendChild(h('p', {}, t(lang, r.key))) && out;
  out.append(h('p', { class: 'lead' }, t(lang, r.key, { ...r.vars, names: joinNames(lang, names) }), lang === 'zh' ? '' : ' ', t(lang, 'tieApart')));
  out.append(h('ul', { class: 'apart' }, r.names.slice(0, 3).map((id) => {
    const d = direction(view, id);
    return h('li', {}, h('strong', {}, dirName(lang, view, id, true), t(lang, 'colon')), d ? firstSentence(textOf(d.summary, lang)) : '');
  })));
  return out;
}

function chart(lang, view) {
  const rows = chartRows(view);
  return h('figure', { class: 'chart' },
    h('figcaption', {}, h('h3', {}, t(lang, 'chartHeading')), h('span', { class: 'small' }, t(lang, 'chartCaption'))),
    h('ol', { class: 'bars' }, rows.map((row) => {
      const cls = ['bar-row', row.best ? 'is-best' : '', row.tie ? 'is-tie' : '', row.percent == null ? 'is-none' : ''].join(' ').trim();
      const badge = row.best ? t(lang, 'badgeBest') : row.tie ? t(lang, 'badgeTie') : '';
      return h('li', { class: cls, dataset: { dir: row.id } },
        h('span', { class: 'bar-label', title: dirName(lang, view, row.id) }, dirName(lang, view, row.id, true)),
        h('span', { class: 'bar-track', 'aria-hidden': 'true' },
          row.percent == null ? null : h('span', { class: 'bar-fill', style: { width: `${row.percent}%` } })),
        h('span', { class: 'bar-value' }, row.percent == null ? t(lang, 'notMeasured') : formatFit(row.fit)),
        h('span', { class: 'badge' }, badge));
    })));
}

function levelBlock(lang, view) {
  const text = view.level ? t(lang, `level_${view.level}`)
    : view.answered === 0 ? t(lang, 'levelNoneAnswered') : t(lang, 'levelNoneAsked');
  return h('section', { class: 'level' },
    h('h3', {}, t(lang, 'levelHeading')),
    h('p', {}, h('strong', {}, text), view.level ? ` ${t(lang, 'levelNote')}` : ''),
    h('p', { class: 'small' }, t(lang, 'counts', { answered: view.answered, skipped: view.skipped })));
}

// A driver's answer as show prints it (screen_answer_text): a likert value with its word, or
// the chosen options in the order shown, each with the letter the taker saw and its text.
// answer is the core's {state, value, options: [option id], letters: [letter]}.
export function answerText(lang, q, answer) {
  if (!answer || answer.state !== 'given') return answer?.state === 'skip' ? t(lang, 'skippedAnswer') : '–';
  if ((q?.kind ?? '') === 'likert' || answer.value != null)
    return t(lang, 'likertAnswer', { value: answer.value, word: t(lang, `likert_${answer.value}`) });
  const options = q?.options || [];
  return (answer.options || []).map((id, i) => {
    const text = textOf(options.find((o) => o.id === id)?.text, lang) || id;
    const letter = answer.letters?.[i];
    return letter ? `${letter}) ${text}` : text;
  }).join(t(lang, 'listSemicolon'));
}

// A driver's effect on the primary's fit, signed, three decimals (the exact %.6f in the title).
function effectText(d) {
  const v = Number(d.effect);
  if (!Number.isFinite(v)) return null;
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(3)}`;
}

function driversBlock(lang, view) {
  if (!view.primary || !view.drivers.length) return null;
  const name = dirName(lang, view, view.primary, true);
  const items = view.drivers.map((d) => {
    const entry = view.index.get(d.question);
    const q = entry?.q ?? { kind: d.kind, options: [] };
    const effect = effectText(d);
    return h('li', {},
      h('p', { class: 'question' }, textOf(d.text, lang) || textOf(q.text, lang) || d.question),
      h('p', { class: 'answer' }, t(lang, 'answered', { answer: answerText(lang, q, d.answer) }),
        effect ? [' ', h('span', { class: 'effect', title: d.effectText ?? '' }, t(lang, 'effect', { effect, name }))] : null));
  });
  return h('section', { class: 'drivers' },
    h('h3', {}, t(lang, view.flat !== 'none' || view.nearTie.length ? 'driversMoved' : 'driversWhy', { name })),
    h('ul', {}, items));
}

function profile(lang, view, id, open) {
  const d = direction(view, id);
  if (!d) return null;
  const skills = (d.skills || []).slice(0, 3).map((s) => textOf(s, lang)).filter(Boolean);
  const steps = [['stepProject', d.step_project], ['stepTool', d.step_tool], ['stepRead', d.step_read]]
    .filter(([, text]) => textOf(text, lang));
  // The primary's profile is open; those of the near-tied directions are a click away.
  return h('details', { class: 'profile', open: open },
    h('summary', {}, h('h3', {}, t(lang, 'about', { name: textOf(d.name, lang) || id }))),
    h('p', {}, textOf(d.summary, lang)),
    textOf(d.suits, lang) ? [h('h4', {}, t(lang, 'suits')), h('p', {}, textOf(d.suits, lang))] : null,
    skills.length ? [h('h4', {}, t(lang, 'skills')), h('ol', {}, skills.map((s) => h('li', {}, s)))] : null,
    steps.length ? [h('h4', {}, t(lang, 'steps')), h('ol', { class: 'steps' }, steps.map(([label, text]) =>
      h('li', {}, h('strong', {}, t(lang, label)), textOf(text, lang))))] : null);
}

function learnNext(lang, view) {
  const { asked, topics } = missedTopics(view.pairs, view.index, view.primary, lang, textOf);
  if (!asked || view.answered === 0) return null;
  return h('section', { class: 'learn' },
    h('h3', {}, t(lang, 'learnNext')),
    topics.length ? h('ul', {}, topics.map((x) => h('li', {}, x))) : h('p', {}, t(lang, 'learnNone')));
}

// What a result records or the replay gives, shown as show shows it. With the quiz (a replay)
// everything; without, the recorded numbers only, as show does without the quiz.
function resultBody(lang, outcome, data) {
  const view = resultView(outcome, data);
  if (!view) return null;
  const heading = view.name != null
    ? t(lang, 'headingNamed', { id: view.quiz.id, version: view.quiz.version, name: view.name, when: when(lang, view.finished), lang: view.lang })
    : t(lang, 'headingAnon', { id: view.quiz.id, version: view.quiz.version, when: when(lang, view.finished), lang: view.lang });
  const parts = [];
  if (outcome.trust !== 'failed' && !view.replayed)
    parts.push(h('p', { class: 'note note-plain' }, t(lang, 'notReplayed', view.quiz)));
  else if (view.replayed && !view.exact)
    parts.push(h('p', { class: 'note note-plain' }, t(lang, 'partlyReplayed', view.quiz)));
  parts.push(recommendationBlock(lang, view), chart(lang, view), levelBlock(lang, view));
  if (view.replayed) {
    parts.push(driversBlock(lang, view));
    if (view.primary) {
      parts.push(profile(lang, view, view.primary, true));
      for (const id of view.nearTie.slice(0, 2)) parts.push(profile(lang, view, id, false));
    }
    parts.push(learnNext(lang, view));
  }
  const head = [h('p', { class: 'taken' }, heading), view.title ? h('p', { class: 'quiz-title' }, textOf(view.title, lang)) : null];
  if (outcome.trust === 'failed')
    return h('details', { class: 'claims' }, h('summary', {}, t(lang, 'failedRecorded')), head, parts, rederivedBlock(lang, outcome, data));
  return h('div', { class: 'claims' }, head, parts);
}

// Beside what a failed file records: what its answers give when this page scores them again,
// labelled as such, with the marks of that scoring (never mixed with the recorded numbers).
function rederivedBlock(lang, outcome, data) {
  const view = resultView(outcome, data, 'replay');
  if (!view) return null;
  return h('section', { class: 'rederived' },
    h('h3', {}, t(lang, 'rederivedHeading')),
    h('p', { class: 'small' }, t(lang, 'rederivedNote')),
    recommendationBlock(lang, view), chart(lang, view));
}

// The article of one file. item = {name, bytes, outcome, fromLink}; actions = {onCopy,
// onCopyLink(item, button, out)}.
export function renderResult(lang, data, item, actions) {
  const o = item.outcome;
  const trust = trustClass(o);
  const article = h('article', {
    class: `result trust-${trust}`,
    'aria-labelledby': `${item.id}-h`,
    dataset: {
      file: item.name,
      verdict: o.trust,
      reason: o.verdict,
      primary: o.replay?.primary ?? '',
      scores: scoresAttribute(o),
      // verify's own sentence, for tools (the page shows its own words).
      message: pickMessage(o.message, 'en'),
    },
  });
  const title = item.fromLink ? t(lang, 'fromLink') : item.name;
  article.append(
    h('header', { class: 'verdict' },
      h('h2', { id: `${item.id}-h` },
        h('span', { class: `pill pill-${trust}` }, verdictWord(lang, o)), ' ',
        h('span', { class: 'file' }, title)),
      h('p', { class: 'message' }, verdictSentence(lang, o, data))),
  );
  article.append(...[
    untrustedKeyBox(lang, o, actions.onCopy),
    o.untrustedComment ? h('p', { class: 'small comment' }, t(lang, 'untrustedComment', { comment: o.untrustedComment })) : null,
    checksList(lang, o),
    resultBody(lang, o, data),
  ].filter(Boolean));
  if (trust === 'error')
    article.append(h('p', { class: 'note note-error' }, t(lang, 'notCheckedWhy')));
  // A file: page has no address another person could open: no link is offered there.
  if (trust !== 'failed' && trust !== 'error' && item.bytes && !actions.canLink)
    article.append(h('footer', {}, h('p', { class: 'small link-out' }, t(lang, 'linkLocal'))));
  else if (trust !== 'failed' && trust !== 'error' && item.bytes) {
    const out = h('p', { class: 'small link-out', 'aria-live': 'polite' });
    const button = h('button', { type: 'button', class: 'link' }, t(lang, 'copyLink'));
    button.addEventListener('click', () => actions.onCopyLink(item, button, out));
    article.append(h('footer', {}, button, out));
  }
  return article;
}
