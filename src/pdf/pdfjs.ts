import type { PDFDocumentProxy } from 'pdfjs-dist/types/src/display/api.js';

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let queue: Promise<unknown> = Promise.resolve();
/** pdf.js's worker module (it ships no types of its own). */
const WORKER: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
let loading: Promise<Pdfjs> | undefined;

/**
 * pdf.js, loaded on first use: it is large (about a second to load), and only the accessibility check needs
 * it. Calling this early, while Chromium prints, hides most of that. Its worker runs in this thread: the
 * worker module is loaded here too and handed to pdf.js, which then does not look for it on disk.
 */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const natives = keepNatives();
    try {
      const [pdfjs, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import(WORKER) as Promise<unknown>]);
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
      return pdfjs;
    } finally {
      natives.restore();
    }
  })();
  return loading;
}

/**
 * pdf.js's legacy build (the one for Node 20) brings core-js, which replaces built-ins Node 20 has but does not
 * follow the newest drafts in: JSON.parse, JSON.stringify (for JSON.rawJSON), Array.prototype.push and
 * Function.prototype.toString, with JavaScript versions of them. For the whole process: every push of the
 * Markdown parsers and pdf-lib, every DevTools message to Chromium went through them (measured: a tenth of a
 * build's CPU). pdf.js uses none of what they add, so Node's own are put back once it is loaded.
 * It also adds Uint8Array.fromBase64 and toBase64, which Node 20 lacks: puppeteer then decodes every PDF that
 * Chromium sends through core-js's JavaScript base64 instead of Buffer (measured: half a second of CPU in a test
 * run). pdf.js uses them only for signatures and XFA forms, which no check reads: they are taken away again.
 */
function keepNatives(): { restore(): void } {
  const kept: Array<[object, PropertyKey, PropertyDescriptor | undefined]> = [];
  const owners = [[JSON, 'parse'], [JSON, 'stringify'], [Array.prototype, 'push'], [Function.prototype, 'toString'], [Uint8Array, 'fromBase64'], [Uint8Array.prototype, 'toBase64']] as const;
  for (const [owner, key] of owners) kept.push([owner, key, Object.getOwnPropertyDescriptor(owner, key)]);
  return {
    restore() {
      for (const [owner, key, descriptor] of kept) {
        if (descriptor) Object.defineProperty(owner, key, descriptor);
        else Reflect.deleteProperty(owner, key);
      }
    },
  };
}

/** Opens PDF bytes with pdf.js: no fonts installed into anything, no eval, no messages on the console. */
export async function openWithPdfjs(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  const pdfjs = await loadPdfjs();
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  return pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false }).promise;
}

/**
 * Runs pdf.js work one document at a time. pdf.js works in this thread; reading the documents of a build one
 * after the other costs less than interleaving them (measured: 1.2 s of CPU for four brochures against 1.9 s),
 * and the languages' checks otherwise all start at once.
 */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Opens the PDF once for everything that reads it with pdf.js (the typographic preflight, the accessibility
 * check): the document is parsed and its fonts loaded once, then closed.
 */
export function withPdfjs<T>(bytes: Uint8Array, work: (pdf: PDFDocumentProxy) => Promise<T>): Promise<T> {
  return oneAtATime(async () => {
    const decompression = hideDecompressionStream();
    try {
      const pdf = await openWithPdfjs(bytes);
      try {
        return await work(pdf);
      } finally {
        await pdf.destroy();
      }
    } finally {
      decompression.restore();
    }
  });
}

/**
 * pdf.js inflates every content stream and font through a `DecompressionStream` when there is one: in Node, a
 * Web Stream over zlib, several turns of the event loop per stream, each read anew for every reading of a page.
 * Without one it uses its own inflate, which costs less here (measured: reading the four brochures' pages
 * 0.96 -> 0.80 s and 1.08 -> 0.83 s of CPU warm, 1.28 -> 1.02 s cold). So it is hidden while pdf.js reads a
 * document (no other code of the build uses it) and put back after.
 */
function hideDecompressionStream(): { restore(): void } {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'DecompressionStream');
  if (descriptor) Reflect.deleteProperty(globalThis, 'DecompressionStream');
  return {
    restore() {
      if (descriptor) Object.defineProperty(globalThis, 'DecompressionStream', descriptor);
    },
  };
}
