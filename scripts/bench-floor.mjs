#!/usr/bin/env node
// The floor of the benchmark: launch the same Chromium with the same flags, print each given HTML file in a
// parallel page with the same PDF options, close. Nothing else: what a build cannot go below.
//   node scripts/bench-floor.mjs BROWSER FILE.html [FILE.html …]
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';

const [executablePath, ...files] = process.argv.slice(2);
const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-floor-'));
const browser = await puppeteer.launch({
  executablePath,
  headless: true,
  userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', '--font-render-hinting=none'],
});
await Promise.all(
  files.map(async (file) => {
    const page = await browser.newPage();
    await page.setContent(await readFile(file, 'utf8'), { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged: true, outline: true });
    await page.close();
  }),
);
await browser.close();
await rm(userDataDir, { recursive: true, force: true });
