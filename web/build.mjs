// Builds the verifier page's template: bundles src/main.js (with @noble/hashes' BLAKE2b) into
// one inline script of page/verifier.html, with the page's style sheet inline too, and a
// Content-Security-Policy that allows that one script (by its SHA-256) and nothing from any
// network. `signpost verifier` fills in the page data (see docs/verifier.md).
//
//   node build.mjs [OUTFILE]      (default: dist/verifier-template.html)
//
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ?? join(here, 'dist', 'verifier-template.html');

// Fills a marker of the template that must occur exactly once; a template edited so that a
// marker is lost or doubled would otherwise make a page that silently lacks its script.
function fill(template, marker, text) {
  const parts = template.split(marker);
  if (parts.length !== 2)
    throw new Error(`page/verifier.html must contain ${marker} exactly once`);
  return parts[0] + text + parts[1];
}

const bundle = await build({
  entryPoints: [join(here, 'src', 'main.js')],
  bundle: true,
  format: 'iife',
  target: ['chrome100', 'firefox100', 'safari15'],
  minify: false,
  legalComments: 'inline',
  charset: 'utf8',
  write: false,
});
// A "</script" inside the script would end it early; esbuild escapes it in strings, and this
// keeps that promise checked.
const script = bundle.outputFiles[0].text;
if (/<\/script/i.test(script)) throw new Error('the bundle contains </script');
const hash = createHash('sha256').update(script, 'utf8').digest('base64');
const csp = [
  "default-src 'none'",
  `script-src 'sha256-${hash}'`,
  "style-src 'unsafe-inline'",
  'img-src data:',
  "form-action 'none'",
  "base-uri 'none'",
].join('; ');

let page = readFileSync(join(here, 'page', 'verifier.html'), 'utf8');
page = fill(page, '<!--@CSP@-->',
  `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
page = fill(page, '/*@STYLE@*/', readFileSync(join(here, 'page', 'style.css'), 'utf8'));
page = fill(page, '/*@SCRIPT@*/', script);
// signpost verifier fills the data in at one marker; a bundle that carried the marker too (a
// string esbuild folded from pieces) would give it two places to choose from.
if (page.split('/*@SIGNPOST-PAGE-DATA@*/').length !== 2)
  throw new Error('the page must hold the data marker exactly once (is it in the script too?)');

// Written whole or not at all: a build stopped half-way must not leave a page that CMake
// would take for finished.
mkdirSync(dirname(out), { recursive: true });
writeFileSync(`${out}.tmp`, page);
renameSync(`${out}.tmp`, out);
