import type { VFile } from 'vfile';
import { isKind } from '../errors.js';
import { postProcess, type FinishedPdf } from '../pdf/post-process.js';
import type { PdfMetadata } from '../pdf/set-metadata.js';
import type { BrowserSession } from '../render/launch-browser.js';
import { describeTarget, isRemote, startSession, type BrowserTarget } from '../render/start-session.js';
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
  /** Identify the screen PDF as PDF/UA: a person reviewed this language for what software cannot check. */
  pdfUa: boolean;
}

/** A language printed: both PDFs, and what was measured on the way. */
export interface Printed {
  print: FinishedPdf;
  screen: FinishedPdf;
  /** What post-processing changed in the structure tree, which it must keep (undefined: nothing). */
  tagsChanged: string | undefined;
  /** The HTML as finally printed. */
  html: string;
  /** Photos with the page they landed on (and the section they push onto another page), for the preflight. */
  images: Array<MeasuredImage & { page: number; pushes?: { section: string; page: number } }>;
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
  /** How many languages are printed at once (each in its own page); all of them when undefined. */
  jobs?: number;
  onProgress?: (lang: string, stage: string) => void;
  /** Called whenever a page is handed to Chromium to print (see PrintOptions): was its HTML printed before? */
  onPrinting?: (layoutKnown: boolean) => void;
  /** Called as soon as a language is printed and post-processed, while the others may still be printing. */
  onPrinted?: (lang: string, printed: Printed) => void;
}

/** How often the browser is started (or connected to) for one build: once, and once more after a crash, hang or lost connection. */
const BROWSER_ATTEMPTS = 2;

/** The browser started early (while the languages were prepared), or why it would not start. */
export type EarlyBrowser = { found: BrowserTarget; session: BrowserSession } | { found: BrowserTarget; error: Error };

/**
 * Prints the jobs in parallel pages of one browser, at most `jobs` at a time, and post-processes each. A job
 * may be a promise (a language still being rendered): it is printed once it is there, and none is printed for
 * a promise of nothing (a language with errors); the browser is not even needed when there is none. When Chromium crashes, is
 * killed or hangs, or the connection to a browser service is lost, the languages not finished are printed
 * again in a new browser (a new connection), once; then they fail with a message that says so. Any other
 * failure is not the content's fault and is thrown.
 */
export async function printAll(jobs: ReadonlyArray<PrintJob | Promise<PrintJob | undefined>>, early: EarlyBrowser, options: PrintAllOptions): Promise<Map<string, Printed>> {
  const done = new Map<string, Printed>();
  let pending = [...jobs];
  let lastCrash: Error | undefined;
  for (let attempt = 1; attempt <= BROWSER_ATTEMPTS && pending.length > 0; attempt++) {
    let session: BrowserSession;
    try {
      if (attempt === 1 && 'error' in early) throw early.error;
      session = attempt === 1 && 'session' in early ? early.session : await startSession(early.found);
    } catch (error) {
      if (!isKind(error, 'browser-start', 'browser-connect')) throw error;
      lastCrash = error;
      // Without a browser, what there is to print decides whether that is a failure.
      pending = await printable(pending);
      continue;
    }
    try {
      const crashed: PrintJob[] = [];
      const printing = [...pending];
      // Each worker takes the next language when it has finished one: at most `jobs` pages print at once.
      const worker = async () => {
        try {
          for (let next = printing.shift(); next; next = printing.shift()) {
            const job = await next;
            if (!job) continue;
            let printed: Printed;
            try {
              printed = await printOne(session, job, options);
            } catch (error) {
              if (session.browser.connected && !(error instanceof PrintError)) throw error;
              crashed.push(job);
              lastCrash = error as Error;
              continue;
            }
            done.set(job.lang, printed);
            options.onPrinted?.(job.lang, printed);
          }
        } catch (error) {
          // Not the content's fault: the other workers stop at their next language, and it is thrown once they have.
          printing.length = 0;
          throw error;
        }
      };
      const workers = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(options.jobs ?? pending.length, pending.length)) }, worker));
      const failed = workers.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      pending = crashed;
      const again = isRemote(early.found) ? 'connection to the browser lost; printing again over a new one' : 'browser stopped; printing again in a new browser';
      if (crashed.length > 0 && attempt < BROWSER_ATTEMPTS) for (const job of crashed) options.onProgress?.(job.lang, again);
    } finally {
      await session.close();
    }
  }
  for (const job of await printable(pending)) reportFailure(job, early.found, lastCrash);
  return done;
}

/** The jobs there are to print, once every one is known. */
async function printable(jobs: ReadonlyArray<PrintJob | Promise<PrintJob | undefined>>): Promise<PrintJob[]> {
  return (await Promise.all(jobs)).filter((job): job is PrintJob => job !== undefined);
}

/** A language that could not be printed twice: what happened, and what to do. */
function reportFailure(job: PrintJob, target: BrowserTarget, lastCrash: Error | undefined): void {
  const why = lastCrash?.message.split('\n')[0] ?? 'it crashed or was killed';
  if (isRemote(target)) {
    reportError(job.document, `Cannot print the ${job.lang} brochure: the connection to ${describeTarget(target)} was lost or refused (${why}), twice`, {
      ruleId: 'print',
      hint: `Check that the browser service is running and can be reached from here, or unset ${target.source === '--browser-ws' ? '--browser-ws' : `$${target.source}`} to print with a local Chromium.`,
    });
    return;
  }
  reportError(job.document, `Cannot print the ${job.lang} brochure: Chromium stopped or did not start (${why}), twice`, {
    ruleId: 'print',
    hint: 'Close other programs if memory is short and build again; if it keeps failing, check the browser with `chromium --version` or set BROCHURE_BROWSER to another Chrome.',
  });
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
  const stable = await printUntilStable(session.pages, job.printHtml, {
    ...handlers,
    layouts: options.layouts,
    textArea: options.textArea,
    onPrinting: options.onPrinting,
    onPrint: (count, moved) => count > 1 && options.onProgress?.(job.lang, `print again (the contents moved: ${moved})`),
  });
  for (const id of stable.missingTargets) {
    reportError(job.document, `Cannot find the page of heading \`#${id}\` for the table of contents`, { ruleId: 'contents', hint: 'Each section needs a `# Title` heading.' });
  }
  const print = performance.now() - started;
  options.onProgress?.(job.lang, 'post-process');
  started = performance.now();
  const images = stable.images.map((image) => ({ ...image, page: stable.layout.pages[image.id] ?? 0, pushes: pushesOver(image, stable.layout, options.textArea.height) }));
  const pdfs = await postProcess(stable.pdf, { metadata: job.metadata, headings: job.headings, geometry: options.geometry, padding: stable.padding, images, names: job.names, pdfUa: job.pdfUa }, session.pages);
  return { ...pdfs, html: stable.html, images, prints: stable.prints, timings: { print, postProcess: performance.now() - started } };
}

/**
 * Whether a photo pushes its section onto another page: the section takes more pages than its text alone would
 * fill, laid out in one column of the page's height. Then the section's title and last page, for the preflight.
 */
function pushesOver(image: MeasuredImage, layout: { pages: Record<string, number>; count: number }, pageHeight: number): { section: string; page: number } | undefined {
  const section = image.section;
  const start = section ? layout.pages[section.heading] : undefined;
  if (!section || start === undefined || image.figureHeight === undefined) return undefined;
  const end = (section.next ? layout.pages[section.next] ?? layout.count : layout.count) - 1;
  const without = Math.max(1, Math.ceil((section.height - image.figureHeight) / pageHeight));
  return end - start + 1 > without ? { section: section.title, page: end } : undefined;
}
