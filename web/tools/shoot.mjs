// Screenshots of a filled verifier page with result files picked, in English and Chinese, for
// looking at the page (not a test):
//
//   node tools/shoot.mjs PAGE.html OUTPREFIX [--dark] [--width N] [--hash '#r=…'] FILE...
//
// writes OUTPREFIX-en.png and OUTPREFIX-zh.png. Needs Debian's chromium at /usr/bin/chromium.
// Copyright (C) 2026 the signpost developers. GPL-3.0-or-later.
import puppeteer from 'puppeteer-core';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = { dark: false, width: 1100, hash: '' };
const files = [];
for (let i = 2; i < args.length; i++) {
  if (args[i] === '--dark') opt.dark = true;
  else if (args[i] === '--width') opt.width = Number(args[++i]);
  else if (args[i] === '--hash') opt.hash = args[++i];
  else files.push(resolve(args[i]));
}
const [page_, prefix] = args;
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--lang=en-US'],
});
try {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
  page.on('console', (m) => console.error('console:', m.text()));
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.setViewport({ width: opt.width, height: 900, deviceScaleFactor: 1 });
  if (opt.dark) await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
  await page.goto(`file://${resolve(page_)}${opt.hash}`);
  await page.waitForFunction(() => ['ready', 'done', 'template', 'error'].includes(document.body.dataset.state));
  if (files.length) {
    const input = await page.$('#files');
    await input.uploadFile(...files);
  }
  if (files.length || opt.hash)
    await page.waitForFunction((n) => document.body.dataset.state === 'done'
      && document.querySelectorAll('article.result').length >= n, {}, files.length + (opt.hash ? 1 : 0));
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  for (const lang of ['en', 'zh']) {
    await page.click(`#lang-${lang}`);
    // Open every details (the language switch renders the articles again), so that the
    // screenshot shows the checks too.
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await page.screenshot({ path: `${prefix}-${lang}.png`, fullPage: true });
    // And in tiles of 1400 pixels, which can be looked at one by one: scrolled to, as a reader
    // would, since an article off screen is not laid out (content-visibility: auto).
    await page.setViewport({ width: opt.width, height: 1400, deviceScaleFactor: 1 });
    let height = await page.evaluate(() => document.documentElement.scrollHeight);
    for (let y = 0, n = 0; y < height; y += 1400, n++) {
      await page.evaluate((top) => window.scrollTo(0, top), y);
      await frame();
      await page.screenshot({ path: `${prefix}-${lang}-${n}.png` });
      height = await page.evaluate(() => document.documentElement.scrollHeight);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewport({ width: opt.width, height: 900, deviceScaleFactor: 1 });
  }
  const summary = await page.evaluate(() => [...document.querySelectorAll('article.result')].map((a) =>
    ({ ...a.dataset })));
  console.log(JSON.stringify({ state: await page.evaluate(() => document.body.dataset.state), summary, requests }, null, 1));
} finally {
  await browser.close();
}
