import path from 'node:path';
import { VFile } from 'vfile';
import { expect, it } from 'vitest';
import { BrochureError } from '../../src/errors.js';
import { printAll, type PrintJob } from '../../src/build/print-all.js';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import type { BrowserTarget } from '../../src/render/start-session.js';
import { sharedBrowser } from '../helpers/browser.js';
import { pageGeometry } from '../../src/templates/page-css.js';
import type { ResolvedBrochureConfig } from '../../src/config/schema.js';

// printAll takes languages still being rendered as promises (produce.ts prints each as soon as it is rendered).
// Without a browser, what there is to print decides what is said.

const missing = { executablePath: path.join('/nonexistent', 'chromium'), source: 'environment' as const };
const options = {
  geometry: pageGeometry({ trim: 'A5', bleed: 3, marks: true, margins: { top: 15, bottom: 15, inner: 15, outer: 15 } } as unknown as ResolvedBrochureConfig, 'print'),
  timeout: 10_000,
  textArea: { width: 400, height: 600 },
};

function job(lang: string): PrintJob {
  return {
    lang,
    document: new VFile({ path: `brochure/${lang}/index.md` }),
    printHtml: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>t</title><style>@page { size: 148mm 210mm; margin: 15mm } .blank-page { break-before: page; height: 1px }</style></head><body><h1 id="intro">Title</h1><p>text</p><!-- padding-pages --></body></html>`,
    metadata: { title: 't', authors: [], subject: '', keywords: [], lang, creator: 'test', date: new Date(0) },
    headings: [],
    names: { print: 'print.pdf', screen: 'screen.pdf' },
    pdfUa: false,
  };
}

it('says nothing when a browser that would not start had nothing to print: every language had errors', async () => {
  const early = { found: missing, error: new BrochureError('browser-start', 'Cannot start the browser') };
  const printed = await printAll([Promise.resolve(undefined), Promise.resolve(undefined)], early, options);
  expect(printed.size).toBe(0);
});

it('reports each language still being rendered when the browser does not start, and none that had errors', async () => {
  const early = { found: missing, error: new BrochureError('browser-start', 'Cannot start the browser') };
  const later = job('mk');
  let release!: (value: PrintJob) => void;
  const rendering = new Promise<PrintJob>((resolve) => (release = resolve));
  setTimeout(() => release(later), 50);
  const printed = await printAll([Promise.resolve(undefined), rendering], early, options);
  expect(printed.size).toBe(0);
  expect(later.document.messages.map((message) => message.reason)).toEqual([expect.stringMatching(/^Cannot print the mk brochure: Chromium stopped or did not start \(Cannot start the browser `\/nonexistent\/chromium`.*\), twice$/)]);
});

/** A browser session whose every new page fails with `error`, counting the pages asked for and when it was closed. */
function failingSession(error: () => Error, connected: boolean) {
  const seen = { pages: 0, pagesWhenClosed: -1 };
  const session = {
    browser: { connected },
    pages: {
      newPage: async () => {
        seen.pages++;
        throw error();
      },
    },
    close: async () => {
      seen.pagesWhenClosed = seen.pages;
    },
  } as unknown as BrowserSession;
  return { session, seen };
}

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

it('prints a language again in a new browser after a crash, also one that was still being rendered, then says it failed twice', async () => {
  const { session, seen } = failingSession(() => new Error('Target closed'), false);
  const mk = job('mk');
  const printed: string[] = [];
  const done = await printAll([later(mk, 30), Promise.resolve(undefined)], { found: missing, session }, { ...options, onPrinted: (lang) => printed.push(lang) });
  expect(done.size).toBe(0);
  expect(printed).toEqual([]);
  expect(seen.pages).toBe(1);
  expect(mk.document.messages.map((message) => message.reason)).toEqual([expect.stringMatching(/^Cannot print the mk brochure: Chromium stopped or did not start \(Cannot start the browser .*\), twice$/)]);
});

it('throws a failure that is not a crash once the other pages have stopped, and starts no other language', async () => {
  const { session, seen } = failingSession(() => new Error('a bug in the tool'), true);
  const jobs = [Promise.resolve(job('en')), later(job('mk'), 100), Promise.resolve(job('sq'))];
  await expect(printAll(jobs, { found: missing, session }, { ...options, jobs: 2 })).rejects.toThrow('a bug in the tool');
  // en failed at once; mk, taken by the second page before that, was still tried; sq was not started.
  expect(seen.pages).toBe(2);
  expect(seen.pagesWhenClosed).toBe(2);
});

it('prints a language as soon as it is rendered, while the next is still being rendered, and tells of each once', async () => {
  const session = await sharedBrowser();
  const found = { endpoint: 'ws://shared', source: 'BROCHURE_BROWSER_WS' } as unknown as BrowserTarget;
  let renderMk!: (value: PrintJob) => void;
  const mk = new Promise<PrintJob>((resolve) => (renderMk = resolve));
  const printed: string[] = [];
  // mk is rendered only once en is printed: a printAll that waited for every language would never end.
  const done = await printAll([Promise.resolve(job('en')), mk], { found, session }, {
    ...options,
    jobs: 2,
    onPrinted: (lang) => {
      printed.push(lang);
      if (lang === 'en') renderMk(job('mk'));
    },
  });
  expect(printed).toEqual(['en', 'mk']);
  expect([...done.keys()]).toEqual(['en', 'mk']);
  expect(done.get('mk')!.screen.pages).toBe(1);
  expect(done.get('mk')!.print.pages).toBe(4);
}, 30_000);
