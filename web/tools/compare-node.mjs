// SPDX-License-Identifier: GPL-3.0-or-later
// Compares the page's core (web/src/core) with `signpost verify --json` on result files,
// under node, so that the two implementations can be made to agree without a browser.
//
//   node tools/compare-node.mjs --data DATA.json [--signpost BIN] [-p KEY.pub]... [-P KEY]...
//        [--quiz MANIFEST]... FILE... | --list FILELIST
//
// signpost runs with HOME and XDG_CONFIG_HOME pointing to an empty folder (no own key, no
// trusted folder), as the page has neither. Prints one line per disagreement (verdict, trust,
// replayed primary, six-decimal fits) and a summary; exits 1 when any file disagrees.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { verifyResult } from '../src/core/verify.js';

function parseArgs(argv) {
  const a = { data: null, signpost: 'signpost', keys: [], quizzes: [], files: [], verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i];
    if (x === '--data') a.data = argv[++i];
    else if (x === '--signpost') a.signpost = argv[++i];
    else if (x === '-p' || x === '-P') a.keys.push(x, argv[++i]);
    else if (x === '--quiz') a.quizzes.push('--quiz', argv[++i]);
    else if (x === '--list') a.files.push(...fs.readFileSync(argv[++i], 'utf8').split('\n').filter(Boolean));
    else if (x === '-v') a.verbose = true;
    else a.files.push(x);
  }
  if (!a.data || !a.files.length) {
    console.error('usage: compare-node.mjs --data DATA.json [--signpost BIN] [-p KEY.pub]... FILE...');
    process.exit(2);
  }
  return a;
}

function runC(a, cmd, files) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-home-'));
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), LC_ALL: 'C.UTF-8', LANGUAGE: '' };
  let out;
  try {
    out = execFileSync(a.signpost, [cmd, '--json', ...a.keys, ...a.quizzes, ...files], { env, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    out = e.stdout; // a negative verdict exits non-zero
  }
  fs.rmSync(home, { recursive: true, force: true });
  return JSON.parse(out.toString('utf8'));
}

// C's recorded (and, when replay passed, replayed) scores of files, from show --json.
function recordedScores(a, file) {
  try {
    const s = runC(a, 'show', [file]);
    return s.result ?? null;
  } catch {
    return null;
  }
}

const REPLAY_OK = new Set(['verified', 'partly-replayed', 'untrusted-key', 'unsigned']);

function fits6(scoresText) {
  const out = {};
  for (const [d, v] of Object.entries(scoresText)) out[d] = v.fit;
  return out;
}

function fmt6(x) {
  return x === null || x === undefined ? null : x.toFixed(6);
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  const data = JSON.parse(fs.readFileSync(a.data, 'utf8'));
  const cList = [];
  for (let i = 0; i < a.files.length; i += 200) cList.push(...runC(a, 'verify', a.files.slice(i, i + 200)));
  let bad = 0;
  const kinds = {};
  for (let i = 0; i < a.files.length; i++) {
    const file = a.files[i];
    const c = cList[i];
    const bytes = new Uint8Array(fs.readFileSync(file));
    const o = await verifyResult(bytes, data, path.basename(file));
    const diffs = [];
    if (c.verdict !== o.verdict) diffs.push(`verdict C=${c.verdict} page=${o.verdict}`);
    if (c.trust !== o.trust) diffs.push(`trust C=${c.trust} page=${o.trust}`);
    const cReplay = c.replayed_with;
    if (!!cReplay !== !!o.replayedWith) diffs.push(`replayed C=${!!cReplay} page=${!!o.replayedWith}`);
    else if (cReplay && (cReplay.exact !== o.replayedWith.exact || cReplay.quiz !== o.replayedWith.quiz))
      diffs.push(`replayed_with C=${JSON.stringify(cReplay)} page=${JSON.stringify(o.replayedWith)}`);
    for (let k = 0; k < 9 && c.checks && o.checks.length; k++)
      if (c.checks[k].status !== o.checks[k].status)
        diffs.push(`check ${c.checks[k].check} C=${c.checks[k].status} page=${o.checks[k].status}`);
    if (REPLAY_OK.has(c.verdict) && c.verdict === o.verdict && o.replay) {
      const r = recordedScores(a, file);
      if (r) {
        if ((r.primary ?? null) !== o.replay.primary) diffs.push(`primary C=${r.primary} page=${o.replay.primary}`);
        const mine = fits6(o.replay.scoresText);
        for (const [d, s] of Object.entries(r.scores ?? {}))
          if (fmt6(s.fit) !== mine[d]) diffs.push(`fit ${d} C=${fmt6(s.fit)} page=${mine[d]}`);
        if (r.drivers) {
          const cd = r.drivers.map((x) => `${x.question}=${fmt6(x.effect)}`).join(',');
          const pd = o.replay.drivers.map((x) => `${x.question}=${x.effectText}`).join(',');
          if (cd !== pd) diffs.push(`drivers C=${cd} page=${pd}`);
        }
      }
    }
    kinds[c.verdict] = (kinds[c.verdict] ?? 0) + 1;
    if (diffs.length) {
      bad++;
      console.log(`${file}: ${diffs.join('; ')}`);
      if (a.verbose) console.log(`  C: ${c.message}\n  page: ${o.message.en}`);
    }
  }
  console.log(`${a.files.length} files, ${bad} disagreeing; C verdicts: ${JSON.stringify(kinds)}`);
  process.exit(bad ? 1 : 0);
}

main();
