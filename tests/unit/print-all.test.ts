import path from 'node:path';
import { VFile } from 'vfile';
import { expect, it } from 'vitest';
import { BrochureError } from '../../src/errors.js';
import { printAll, type PrintJob } from '../../src/build/print-all.js';
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
    printHtml: '<!doctype html><title>t</title><p>text</p>',
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
