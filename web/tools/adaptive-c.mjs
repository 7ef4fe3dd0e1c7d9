// SPDX-License-Identifier: GPL-3.0-or-later
// Writes test/fixtures/adaptive-c.json: the items C's adaptive rule asks, and why and when it
// stops, for answers to the whole form generated from a seed (test/adaptive-data.mjs), on
// placement and quick taken with `take --adaptive` and on the adaptive manifests of
// tests/web/quizzes. core.test.mjs runs the page's rule (src/core/adaptive.js) on the same
// answers and must pick the same items in the same order.
//
//   node tools/adaptive-c.mjs --signpost BIN [N]      (N seeds per quiz, default 60)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { makeQuiz } from '../src/core/quiz.js';
import { drawForm } from '../src/core/form.js';
import { adaptiveData, answersFor, answersYaml, SRC } from '../test/adaptive-data.mjs';

export const QUIZZES = [
  // [page data manifest id, manifest file, take --adaptive]
  ['placement', 'quizzes/placement.yaml', true],
  ['quick', 'quizzes/quick.yaml', true],
  ['web-adaptive-placement', 'tests/web/quizzes/adaptive-placement.yaml', false],
  ['web-adaptive-quick', 'tests/web/quizzes/adaptive-quick.yaml', false],
];

export function quizOf(data, id) {
  const m = data.manifests.find((x) => x.id === id && !x.released);
  return makeQuiz(data, m, m.banks.map((b) => b.digest), m.directions);
}

function main() {
  const args = process.argv.slice(2);
  const bin = args[args.indexOf('--signpost') + 1];
  const n = Number(args.find((x, i) => /^[0-9]+$/.test(x) && args[i - 1] !== '--signpost') ?? 60);
  const data = adaptiveData();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-adaptive-'));
  const env = { ...process.env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'c'), LC_ALL: 'C.UTF-8' };
  const out = [];
  for (const [id, file, flag] of QUIZZES) {
    const quiz = quizOf(data, id);
    for (let seed = 1; seed <= n; seed++) {
      const form = drawForm(quiz, seed);
      const ans = path.join(tmp, 'answers.yaml');
      fs.writeFileSync(ans, answersYaml(answersFor(form, quiz.directions.items.length, seed)));
      const argv = ['take', '--quiz', path.join(SRC, file), '--answers', ans, '--seed', String(seed), '--json', '--missing=skip'];
      if (flag) argv.push('--adaptive');
      const j = JSON.parse(execFileSync(bin, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8'));
      out.push({ quiz: id, seed, asked: j.asked, stop: j.adaptive.stop, after: j.adaptive.after,
        bounds: { min_items: j.adaptive.min_items, max_items: j.adaptive.max_items, confidence: j.adaptive.confidence } });
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write('[\n' + out.map((x) => JSON.stringify(x)).join(',\n') + '\n]\n');
}

// Run as a program, not when core.test.mjs imports quizOf.
if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
