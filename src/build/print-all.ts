import type { VFile } from 'vfile';
import { isKind } from '../errors.js';
import { postProcess, type FinishedPdf } from '../pdf/post-process.js';
import type { PdfMetadata } from '../pdf/set-metadata.js';
import type { FoundBrowser } from '../render/find-browser.js';
import { launchBrowser, type BrowserSession } from '../render/launch-browser.js';
import { PrintError, type MeasuredImage, type PrintOptions } from '../render/print-document.js';
import type { PageGeometry } from '../templates/page-css.js';
import type { TextArea } from '../render/page-layout.js';
import { reportError } from '../report/messages.js';
import type { PageMapCache } from './page-map-cache.js';
import { printUntilStable } from './print-until-stable.js';

/** One language to print. */
export interface PrintJob {
  lang: string;
  /** index.md: problems while printing are reported here. */
  document: VFile;
  printHtml: string;
  metadata: PdfMetadata;
  headings: readonly string[];
  names: { print: string; screen: string };
}

/** A language printed: both PDFs, and what was measured on the way. */
export interface Printed {
  print: FinishedPdf;
  screen: FinishedPdf;
  /** The HTML as finally printed. */
  html: string;
  /** Photos with the page they landed on, for the preflight. */
  images: Array<MeasuredImage & { page: number }>;
  timings: { print: number; postProcess: number };
  /** How many prints it took. */
  prints: number;
}

export interface PrintAllOptions {
  geometry: PageGeometry;
  /** Milliseconds one print may take before the browser is considered hung. */
  timeout: number;
  /** The text area of a page in CSS pixels: photos are measured at its width, page breaks predicted with it. */
  textArea: TextArea;
  layouts?: PageMapCache;
  onProgress?: (lang: string, stage: string) => void;
}

/** How often the browser is started for one build: once, and once more after a crash or hang. */
const BROWSER_ATTEMPTS = 2;

/** The browser started early (while the languages were prepared), or why it would not start. */
export type EarlyBrowser = { found: FoundBrowser; session: BrowserSession } | { found: FoundBrowser; error: Error };

/**
 * Prints every job in parallel pages of one browser and post-processes each. When Chromium crashes, is
 * killed or hangs, the languages it had not finished are printed again in a new browser, once; then they fail
 * with a message that says so. Any other failure is not the content's fault and is thrown.
 */
export async function printAll(jobs: PrintJob[], early: EarlyBrowser, options: PrintAllOptions): Promise<Map<string, Printed>> {
  const done = new Map<string, Printed>();
  let pending = jobs;
  let lastCrash: Error | undefined;
  for (let attempt = 1; attempt <= BROWSER_ATTEMPTS && pending.length > 0; attempt++) {
    let session: BrowserSession;
    try {
      if (attempt === 1 && 'error' in early) throw early.error;
      session = attempt === 1 && 'session' in early ? early.session : await launchBrowser(early.found);
    } catch (error) {
      if (!isKind(error, 'browser-start')) throw error;
      lastCrash = error;
      continue;
    }
    try {
      const crashed: PrintJob[] = [];
      await Promise.all(
        pending.map(async (job) => {
          try {
            done.set(job.lang, await printOne(session, job, options));
          } catch (error) {
            if (!session.browser.connected || error instanceof PrintError) {
              crashed.push(job);
              lastCrash = error as Error;
            } else throw error;
          }
        }),
      );
      pending = crashed;
      if (pending.length > 0 && attempt < BROWSER_ATTEMPTS) for (const job of pending) options.onProgress?.(job.lang, 'browser stopped; printing again in a new browser');
    } finally {
      await session.close();
    }
  }
  for (const job of pending) {
    reportError(job.document, `Cannot print the ${job.lang} brochure: Chromium stopped or did not start (${lastCrash?.message.split('\n')[0] ?? 'it crashed or was killed'}), twice`, {
      ruleId: 'print',
      hint: 'Close other programs if memory is short and build again; if it keeps failing, check the browser with `chromium --version` or set BROCHURE_BROWSER to another Chrome.',
    });
  }
  return done;
}

/** Prints one language until its layout is stable and makes both PDFs from that print. */
async function printOne(session: BrowserSession, job: PrintJob, options: PrintAllOptions): Promise<Printed> {
  const handlers: PrintOptions = {
    timeout: options.timeout,
    columnWidth: options.textArea.width,
    onBlockedRequest: (url) =>
      reportError(job.document, `Unexpected request to \`${url.slice(0, 120)}\` while printing; it was blocked`, {
        ruleId: 'blocked-request',
        hint: 'Everything the brochure shows must come from the project: put the file into assets/ and link it relatively.',
      }),
    onPageProblem: (text) => reportError(job.document, `Unexpected error in the page while printing: ${text}`, { ruleId: 'page-error' }),
  };
  options.onProgress?.(job.lang, 'print');
  let started = performance.now();
  const stable = await printUntilStable(session.browser, job.printHtml, {
    ...handlers,
    layouts: options.layouts,
    textArea: options.textArea,
    onPrint: (count) => count > 1 && options.onProgress?.(job.lang, 'print again (the contents moved)'),
  });
  for (const id of stable.missingTargets) {
    reportError(job.document, `Cannot find the page of heading \`#${id}\` for the table of contents`, { ruleId: 'contents', hint: 'Each section needs a `# Title` heading.' });
  }
  const print = performance.now() - started;
  options.onProgress?.(job.lang, 'post-process');
  started = performance.now();
  const images = stable.images.map((image) => ({ ...image, page: stable.layout.pages[image.id] ?? 0 }));
  const pdfs = await postProcess(stable.pdf, { metadata: job.metadata, headings: job.headings, geometry: options.geometry, padding: stable.padding, images, names: job.names }, session.browser);
  return { ...pdfs, html: stable.html, images, prints: stable.prints, timings: { print, postProcess: performance.now() - started } };
}
