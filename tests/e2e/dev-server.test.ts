import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { startDevServer, type DevServer } from '../../src/cli/dev-server.js';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import { makeProject } from '../helpers/project.js';
import { waitFor } from '../helpers/cli.js';
import { sharedBrowser } from '../helpers/browser.js';

describe('npm run dev', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let server: DevServer;
  let session: BrowserSession;
  let page: Page;
  const errors: unknown[] = [];
  const section = () => path.join(project.root, 'brochure', 'en', '02-details.md');

  beforeAll(async () => {
    project = await makeProject('basic');
    server = await startDevServer({ root: project.root, onError: (error) => errors.push(error) });
    await server.idle();
    session = await sharedBrowser();
    page = await session.pages.newPage();
    await page.goto(`${server.url}en/web`, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await project.cleanup();
  });

  it('serves each language on 127.0.0.1: the printed pages, the web page and the PDF', async () => {
    // The start page names each language as its readers do.
    const start = await (await fetch(server.url)).text();
    expect(start).toContain('<a href="/en/" lang="en">English</a>');
    expect(start).toContain('<a href="/mk/" lang="mk">Македонски</a>');
    const pages = await (await fetch(`${server.url}en/`)).text();
    expect(pages).toMatch(/<iframe title="Pages" src="brochure\.pdf\?build=\d+#view=FitH">/);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await page.$eval('h1#details-details', (heading) => heading.textContent)).toBe('Details');
    const pdf = await fetch(`${server.url}en/brochure.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('keeps the Content-Security-Policy of the web page, plus only what live reload needs', async () => {
    const response = await fetch(`${server.url}en/web`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; script-src 'nonce-[A-Za-z0-9+/=]{24}'( 'sha256-[A-Za-z0-9+/=]{44}')+; connect-src 'self'$/);
    expect(await response.text()).not.toContain('http-equiv="Content-Security-Policy"');
    // Whatever the page tries to load from elsewhere is refused by the policy, wide open or not.
    await page.setViewport({ width: 3200, height: 1200 });
    const violations = await page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          document.addEventListener('securitypolicyviolation', (event) => {
            seen.push(event.effectiveDirective);
            if (seen.length === 3) resolve(seen.sort());
          });
          new Image().src = 'https://example.org/tracker.png';
          void fetch('https://example.org/x').catch(() => undefined);
          const style = document.createElement('link');
          style.rel = 'stylesheet';
          style.href = 'https://example.org/x.css';
          document.head.append(style);
        }),
    );
    expect(violations).toEqual(['connect-src', 'img-src', 'style-src-elem']);
    await page.setViewport({ width: 800, height: 600 });
  });

  it('shows an SVG with a wide media query and an escaped url() without any request leaving', async () => {
    const figure = path.join(project.root, 'assets', 'wide.svg');
    await writeFile(figure, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><style>@media (min-width:3000px){rect{fill:u\\72l(https://example.org/leak.png)}}</style><rect width="10" height="10" style="fill:u\\72l(https://example.org/leak2.png)"/></svg>');
    const requests: string[] = [];
    const listener = (request: { url(): string }) => void requests.push(request.url());
    page.on('request', listener);
    const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 });
    await writeFile(section(), `${await readFile(section(), 'utf8')}\n![Wide](../../assets/wide.svg)\n`);
    await reloaded;
    await page.setViewport({ width: 3200, height: 1200 });
    await page.reload({ waitUntil: 'load' });
    expect(await page.$$eval('svg.inline-svg', (svgs) => svgs.length)).toBeGreaterThan(0);
    page.off('request', listener);
    await page.setViewport({ width: 800, height: 600 });
    expect(requests.filter((url) => !url.startsWith(server.url) && !url.startsWith('data:'))).toEqual([]);
  });

  it('reloads the open page itself after an edit, showing the new text', async () => {
    const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 });
    await writeFile(section(), (await readFile(section(), 'utf8')).replace('| Reuse | Use again |', '| Reuse | Use it again, as it is |'));
    await reloaded;
    expect(await page.$eval('table', (table) => table.textContent)).toContain('Use it again, as it is');
  });

  it('shows an error over the page with its position, and takes it away when fixed', async () => {
    const good = await readFile(section(), 'utf8');
    await writeFile(section(), `${good}\n![Missing](../../assets/nowhere.svg)\n`);
    await page.waitForFunction(() => document.getElementById('__brochure-overlay')?.style.display === 'block', { timeout: 60_000 });
    const text = await page.$eval('#__brochure-overlay', (overlay) => overlay.textContent ?? '');
    expect(text).toMatch(/brochure\/en\/02-details\.md:\d+:1 {2}Cannot find image `\.\.\/\.\.\/assets\/nowhere\.svg`/);

    const reloaded = page.waitForNavigation({ waitUntil: 'load', timeout: 60_000 });
    await writeFile(section(), good);
    await reloaded;
    expect(await page.$eval('#__brochure-overlay', (overlay) => (overlay as HTMLElement).style.display)).not.toBe('block');
  });

  it('tells the terminal too when a build stops with an exception, such as a broken template', async () => {
    const template = path.join(project.root, 'templates', 'partials', 'section.hbs');
    const good = await readFile(template, 'utf8');
    await writeFile(template, `${good}{{#if}}\n`);
    await waitFor(() => errors.length > 0, 'the dev server to report the broken template');
    expect(String((errors[0] as Error).message)).toMatch(/^Cannot compile template `templates\/partials\/section\.hbs`/);
    await page.waitForFunction(() => document.getElementById('__brochure-overlay')?.textContent?.includes('section.hbs'), { timeout: 60_000 });
    await writeFile(template, good);
    await server.idle();
  });
});
