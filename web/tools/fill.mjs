// Fills the verifier page's template with page data, as `signpost verifier` does, for tests
// and for looking at the page before the C command is built:
//
//   node tools/fill.mjs DATA.json TEMPLATE OUT
//
// The data is parsed and written again as JSON in which every "/" is \/ and every "<" is \u003c (so that no
// "</script" or "<!--" can appear in the data script) and U+2028/U+2029 are escaped.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

const MARKER = '/*@SIGNPOST-PAGE-DATA@*/';

export function pageDataText(data) {
  return JSON.stringify(data)
    .replace(/\//g, '\\/')
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function fillTemplate(template, data) {
  const parts = template.split(MARKER);
  if (parts.length !== 2) throw new Error(`the template must hold ${MARKER} exactly once, not ${parts.length - 1} times`);
  return parts[0] + pageDataText(data) + parts[1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dataPath, templatePath, out] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node tools/fill.mjs DATA.json TEMPLATE OUT');
    process.exit(2);
  }
  const page = fillTemplate(readFileSync(templatePath, 'utf8'), JSON.parse(readFileSync(dataPath, 'utf8')));
  writeFileSync(`${out}.tmp`, page);
  renameSync(`${out}.tmp`, out);
}
