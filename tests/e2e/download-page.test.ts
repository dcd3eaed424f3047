import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, projectPaths } from '../../src/config/load-config.js';
import { makeRelease } from '../../src/publish/release.js';
import type { Page } from 'puppeteer-core';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import { serveFolder } from '../helpers/static-server.js';
import { sharedBrowser } from '../helpers/browser.js';
import { sharedBuild, type SharedBuild } from '../helpers/shared-builds.js';

const require = createRequire(import.meta.url);

describe('the download page, served from a static web server', () => {
  let out: string;
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    ({ out } = await sharedBuild('realBuild'));
    server = await serveFolder(out);
    session = await sharedBrowser();
    page = await session.pages.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('lists every language by its own name with its files, sizes, pages and SHA-256 from the manifest', async () => {
    const names = await page.$$eval('.language h2', (headings) => headings.map((heading) => heading.textContent));
    expect(names).toEqual(['English', 'Македонски', 'Shqip', 'Bosanski']);
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
    const text = await page.$eval('main', (main) => main.textContent ?? '');
    for (const file of manifest.files.filter((entry) => !entry.path.endsWith('preflight.json'))) expect(text).toContain(file.sha256);
    expect(text).toContain('20 pages');
  });

  it('answers every link with 200 and the right content type', async () => {
    const links = await page.$$eval('a[href]', (anchors) => anchors.map((anchor) => ({ href: (anchor as HTMLAnchorElement).href, type: anchor.getAttribute('type') })));
    expect(links.length).toBe(12);
    for (const link of links) {
      const response = await fetch(link.href);
      expect(response.status, link.href).toBe(200);
      expect(response.headers.get('content-type'), link.href).toContain(link.type!);
    }
  });

  it('switches the page language with the buttons, plural forms included', async () => {
    await page.click('nav.switch button[data-lang="bs"]');
    expect(await page.$eval('html', (html) => html.lang)).toBe('bs');
    expect(await page.$eval('h1', (heading) => heading.textContent)).toBe('Preuzmite brošuru');
    expect(await page.$eval('.files .meta', (meta) => meta.textContent)).toContain('20 stranica');
    await page.click('nav.switch button[data-lang="mk"]');
    expect(await page.$eval('h1', (heading) => heading.textContent)).toBe('Преземете ја брошурата');
    expect(await page.$eval('nav.switch button[data-lang="mk"]', (button) => button.getAttribute('aria-pressed'))).toBe('true');
  });

  it('web versions: links to the PDFs answer, and the language links land on the same section', async () => {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(`${server.url}en/index.html#benefits`, { waitUntil: 'load' });
    const files = await page.$$eval('.web-files a', (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(files.map((href) => href.split('/').slice(-2).join('/'))).toEqual(['en/circular-economy-en.pdf', 'en/circular-economy-en-print.pdf']);
    for (const href of files) expect((await fetch(href)).headers.get('content-type')).toBe('application/pdf');
    await page.evaluate(() => window.dispatchEvent(new Event('scroll')));
    const target = await page.$eval('a[data-switch][hreflang="mk"]', (anchor) => (anchor as HTMLAnchorElement).href);
    expect(target).toMatch(/\/mk\/index\.html#benefits$/);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('a[data-switch][hreflang="mk"]')]);
    expect(page.url()).toMatch(/\/mk\/index\.html#benefits$/);
    expect(await page.$eval('html', (html) => html.lang)).toBe('mk');
    const top = await page.$eval('#benefits', (section) => section.getBoundingClientRect().top);
    expect(Math.abs(top)).toBeLessThan(120);
  });

  it('has no serious or critical accessibility violation (axe-core), at phone and desktop widths', async () => {
    for (const address of [server.url, ...['en', 'mk', 'sq', 'bs'].map((lang) => `${server.url}${lang}/index.html`)]) await expectAccessibleAtWidths(page, address, address);
  });
});

let axeSource: Promise<string> | undefined;

/**
 * Loads `address` once and checks it at 375 px, then at 1280 px (laid out again at the new width, as on a turned
 * phone; loading it and axe's 500 KB again for each width cost half the time): no serious or critical axe-core
 * violation, and nothing wider than the screen. `prepare` runs on the loaded page first.
 */
async function expectAccessibleAtWidths(page: Page, address: string, label: string, prepare?: () => Promise<unknown>): Promise<void> {
  await page.setViewport({ width: 375, height: 900 });
  await page.setBypassCSP(true);
  await page.goto(address, { waitUntil: 'load' });
  await prepare?.();
  await page.addScriptTag({ content: await (axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8')) });
  for (const width of [375, 1280]) {
    await page.setViewport({ width, height: 900 });
    // Only violations are asked for (resultTypes): axe then spends no time detailing the rules that pass.
    const violations = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (options: object) => Promise<{ violations: Array<{ id: string; impact: string }> }> } }).axe.run({ resultTypes: ['violations'] });
      return result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
    });
    expect(violations, `${label} at ${width} px`).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label} at ${width} px`).toBeLessThanOrEqual(width);
  }
}

describe('the download page after npm run release, on a copy of the shared build', () => {
  let shared: SharedBuild;
  let folder: string;
  let server: Awaited<ReturnType<typeof serveFolder>>;
  let session: BrowserSession;
  let page: Page;

  beforeAll(async () => {
    shared = await sharedBuild('realBuild');
    folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-download-'));
    await cp(shared.out, path.join(folder, 'dist'), { recursive: true, dereference: true });
    const paths = projectPaths(shared.root);
    const { config } = await loadConfig(paths);
    await makeRelease(path.join(folder, 'dist'), config!.slug, { page: { paths, config: config! } });
    server = await serveFolder(path.join(folder, 'dist'));
    session = await sharedBrowser();
    page = await session.pages.newPage();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('links every zip, which answer as zips, with their SHA-256 folded under a details element', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    const zips = await page.$$eval('a[type="application/zip"]', (anchors) => anchors.map((anchor) => (anchor as HTMLAnchorElement).href));
    expect(zips.map((href) => href.split('/').slice(-2).join('/'))).toEqual(['release/circular-economy-all-languages.zip', ...['en', 'mk', 'sq', 'bs'].map((lang) => `release/circular-economy-${lang}.zip`)]);
    for (const href of zips) {
      const response = await fetch(href);
      expect(response.headers.get('content-type')).toBe('application/zip');
      const sums = await readFile(path.join(folder, 'dist', 'release', 'SHA256SUMS'), 'utf8');
      const sum = sums.split('\n').find((line) => line.endsWith(href.split('/').at(-1)!))!.split(' ')[0]!;
      expect(await page.evaluate((wanted) => Array.from(document.querySelectorAll('details .sum')).some((element) => element.textContent === wanted && !element.checkVisibility()), sum)).toBe(true);
    }
  });

  it('shows each cover as the build printed it, the partners and the funder, and the edition in each language\'s words', async () => {
    await page.goto(server.url, { waitUntil: 'load' });
    const covers = await page.$$eval('.language img.cover', (images) => images.map((image) => ({ wide: Math.abs((image as HTMLImageElement).naturalWidth - 240) <= 1, src: (image as HTMLImageElement).src.slice(0, 22), alt: image.getAttribute('alt') })));
    expect(covers).toEqual(Array.from({ length: 4 }, () => ({ wide: true, src: 'data:image/png;base64,', alt: '' })));
    const partners = await page.$eval('.partners', (section) => section.textContent ?? '');
    expect(partners).toContain('PSM Foundation (North Macedonia)');
    expect(partners).toContain('co-financed by the Western Balkans Fund');
    expect(await page.$eval('footer', (footer) => footer.textContent?.trim())).toBe('Edition 1.0, 2021');
    await page.click('nav.switch button[data-lang="mk"]');
    expect(await page.$eval('footer', (footer) => footer.textContent?.trim())).toBe('Прво издание, 2021');
    expect(await page.$eval('.partners li', (item) => item.textContent)).toBe('ПСМ Фондација (Северна Македонија)');
  });

  it('has no serious or critical accessibility violation (axe-core) at 375 and 1280 px, the checksums opened too', async () => {
    await expectAccessibleAtWidths(page, server.url, 'download page', () => page.$$eval('details', (elements) => elements.forEach((element) => ((element as HTMLDetailsElement).open = true))));
  });

  it('packs into a language\'s own zip a web page that links only to what that zip holds', async () => {
    const zip = path.join(folder, 'dist', 'release', 'circular-economy-mk.zip');
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', zip], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    const html = execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("mk/index.html").decode())', zip], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
    const links = [...html.matchAll(/href="([^"#][^"]*)"/g)].map((match) => match[1]!).filter((href) => !/^(https?|mailto):/.test(href));
    expect(links.length).toBeGreaterThan(1);
    for (const href of links) expect(listing, href).toContain(path.posix.join('mk', href));
  });
});
