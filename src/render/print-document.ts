import type { HTTPRequest, Page } from 'puppeteer-core';
import { inPage, type PageSource } from './page-pool.js';

/** Options for printing one document. */
export interface PrintOptions {
  /** Milliseconds the whole print may take; 120 s by default. */
  timeout?: number;
  /** Called for every request the page tried to make to anything but data: (all are blocked). */
  onBlockedRequest?: (url: string) => void;
  /** Called for page errors and console errors. */
  onPageProblem?: (text: string) => void;
  /** Width of the text column in CSS pixels, so that photos are measured at the width they print at. */
  columnWidth?: number;
  /** Runs in the loaded page with print styles in effect, just before the PDF is made (to fill in the contents). */
  beforePrint?: (page: Page) => Promise<void>;
  /** Called once the page has been handed to the browser: work that can wait until then runs while it lays the page out and prints. */
  onPrinting?: () => void;
  /** Write a tagged PDF (structure tree from the accessibility tree) with bookmarks; true by default. False only for tests of the accessibility check. */
  tagged?: boolean;
}

/** A photo as laid out for print: its id, its file, and its resolution at the placed size. */
export interface MeasuredImage {
  id: string;
  name: string;
  ppi: number;
  /** Pixel size of the file. */
  width: number;
  height: number;
  /** Height of its figure (photo and caption) laid out in the text column, in CSS pixels. */
  figureHeight?: number;
  /** The section it is in, laid out in one column: its heading's id and text, the next section's heading, its height. */
  section?: { heading: string; title: string; next: string | null; height: number };
}

/** A printed document, and what was measured on the way. */
export interface PrintedDocument {
  pdf: Uint8Array;
  images: MeasuredImage[];
}

/** A document did not finish printing in time, or the browser failed while printing it. */
export class PrintError extends Error {
  override name = 'PrintError';
}

/**
 * Prints self-contained HTML to PDF in a page of `browser` (launched, or a context in a browser service). The page may load nothing: every request
 * other than a data: URL is blocked and reported, so a build never reads the network or the disk.
 */
export function printDocument(browser: PageSource, html: string, options: PrintOptions = {}): Promise<PrintedDocument> {
  // A page that printed a document whole is given back for the next one (see PagePool).
  return inPage(browser, (page) => printIn(page, html, options));
}

/** Prints the HTML in `page`, hermetically, within the time allowed. */
async function printIn(page: Page, html: string, options: PrintOptions): Promise<PrintedDocument> {
  const timeout = options.timeout ?? 120_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith('data:') || url === 'about:blank') {
        void request.continue();
        return;
      }
      options.onBlockedRequest?.(url);
      void request.abort('blockedbyclient');
    });
    page.on('pageerror', (error) => options.onPageProblem?.(String((error as Error).message ?? error)));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // The page's Content-Security-Policy blocks loads before they become requests; report them as such.
      const blocked = /^(?:Loading the \w+ '([^']+)' violates|Not allowed to load local resource: (\S+))/.exec(text);
      if (blocked) options.onBlockedRequest?.(blocked[1] ?? blocked[2]!);
      else if (!/net::ERR_BLOCKED_BY_CLIENT/.test(text)) options.onPageProblem?.(text);
    });
    const work = (async () => {
      if (options.columnWidth && html.includes('data-image=')) await page.setViewport({ width: Math.round(options.columnWidth), height: 1000 });
      const loading = page.setContent(html, { waitUntil: 'load', timeout });
      options.onPrinting?.();
      await loading;
      // Text must not be laid out in a fallback font: wait until every web font the page uses is ready.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      // Photos are measured in the print styles with the viewport as wide as the text column: pixels of the
      // file per inch of the width they are placed at. Without photos, the extra layout is skipped.
      const hasPhotos = html.includes('data-image=');
      if (hasPhotos || options.beforePrint) {
        await page.emulateMediaType('print');
        // The print styles set text the screen layout did not show (or not so): a layout with them asks for faces
        // of their own, loaded only then. Measured before they are in, the photos' sections and the predicted
        // pages would be set in fallback fonts (seen: a contents' page number predicted wrong, printed twice).
        await page.evaluate(() => {
          void document.body.offsetHeight;
          return document.fonts.ready.then(() => undefined);
        });
      }
      const images = !hasPhotos ? [] : await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLImageElement>('img[data-image]')).map((image) => ({
          id: image.id,
          name: image.dataset.image ?? image.id,
          ppi: Math.round(image.naturalWidth / (image.getBoundingClientRect().width / 96)),
          width: image.naturalWidth,
          height: image.naturalHeight,
          // What a photo adds to its section, to tell whether it pushes the section onto another page.
          figureHeight: (image.closest('figure') ?? image).getBoundingClientRect().height + 23,
          section: ((section) => section && {
            heading: section.querySelector('h1')?.id ?? section.id,
            title: section.querySelector('h1')?.textContent?.trim() ?? section.id,
            next: section.nextElementSibling?.querySelector('h1')?.id ?? null,
            height: section.getBoundingClientRect().height,
          })(image.closest('section.section')) ?? undefined,
        })),
      );
      await options.beforePrint?.(page);
      // Chromium makes the bookmarks from the same accessibility tree as the tags: asking for them tags the PDF
      // anyway, so an untagged print has no bookmarks either.
      const tagged = options.tagged ?? true;
      const pdf = await page.pdf({ printBackground: true, preferCSSPageSize: true, tagged, outline: tagged, timeout });
      return { pdf, images };
    })();
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PrintError(`printing took longer than ${timeout >= 1000 ? `${Math.round(timeout / 1000)} s` : `${timeout} ms`} and was stopped`)), timeout);
    });
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
