import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from '../pdf/pdf-lib-options.js';
import { readPageMap } from '../pdf/read-page-map.js';
import type { PageSource } from '../render/launch-browser.js';
import { printDocument, type MeasuredImage, type PrintOptions } from '../render/print-document.js';
import { contentsTargets, fillContents } from '../templates/fill-contents.js';
import { fillPadding, paddingFor } from '../templates/fill-padding.js';
import { PageMapCache, type PageLayout } from './page-map-cache.js';

/** A document printed until its contents' page numbers and padding match where its headings landed. */
export interface StablePrint {
  /** The final print, loaded (not yet post-processed). */
  pdf: PDFDocument;
  /** The HTML printed last: contents filled in, padding pages added. */
  html: string;
  layout: PageLayout;
  /** Pages added before the back cover to make a multiple of 4 (taken out again for the screen PDF). */
  padding: number;
  /** Photos as placed, measured in the print layout. */
  images: MeasuredImage[];
  /** Contents entries whose heading was not found on any page. */
  missingTargets: string[];
  /** How many prints it took (1 or 2, 3 when a known layout turned out wrong). */
  prints: number;
}

/** How often the contents are filled in and printed before giving up on a layout that keeps moving. */
const MAX_FILLS = 3;

/** The HTML with the contents' page numbers filled in and the padding pages added, from a layout. */
function finalHtml(html: string, layout: PageLayout): string {
  return fillPadding(fillContents(html, new Map(Object.entries(layout.pages))), paddingFor(layout.count));
}

/** The layout of a print: the page of each heading the contents link to, of each photo, and the page count. */
function layoutOf(pdf: PDFDocument, imageIds: string[]): PageLayout {
  const wanted = new Set(imageIds);
  const pages: Record<string, number> = {};
  for (const [id, page] of readPageMap(pdf)) if (!id.includes('-fn') || wanted.has(id)) pages[id] = page;
  return { pages, count: pdf.getPageCount() };
}

/** Whether a final print (contents filled, padding added) lands where the layout its contents came from says. */
function sameLayout(known: PageLayout, printed: PageLayout): boolean {
  if (printed.count !== known.count + paddingFor(known.count)) return false;
  return Object.entries(known.pages).every(([id, page]) => printed.pages[id] === page);
}

/**
 * Prints the print HTML of one language so that the table of contents gives the pages the sections really
 * start on and the page count is a multiple of 4. A first print finds the layout; a second prints the HTML
 * filled from it. With a layout known from an earlier build of the very same HTML, the filled HTML is printed
 * first and checked against that layout: when it differs, it is printed again from scratch. The page-number
 * slots have a fixed width and the padding pages come last, so filling them does not move anything.
 */
export async function printUntilStable(
  browser: PageSource,
  printHtml: string,
  options: PrintOptions & { layouts?: PageMapCache; onPrint?: (count: number) => void },
): Promise<StablePrint> {
  const key = PageMapCache.key(printHtml);
  const known = await options.layouts?.get(key);
  let prints = 0;
  const print = async (html: string) => {
    prints++;
    options.onPrint?.(prints);
    const printed = await printDocument(browser, html, options);
    const pdf = await PDFDocument.load(printed.pdf, LOAD_OPTIONS);
    return { html, pdf, images: printed.images, layout: layoutOf(pdf, printed.images.map((image) => image.id)) };
  };
  if (known) {
    const guess = await print(finalHtml(printHtml, known));
    if (sameLayout(known, guess.layout)) return { ...guess, layout: known, padding: paddingFor(known.count), missingTargets: [], prints };
  }
  const first = await print(printHtml);
  await options.layouts?.set(key, first.layout);
  const missingTargets = contentsTargets(printHtml).filter((target) => first.layout.pages[target] === undefined);
  // Filling in the numbers should move nothing; the print is checked, and a layout that moved anyway is
  // filled in again from where the headings landed, so that a wrong page number cannot reach the PDF.
  let layout = first.layout;
  for (let attempt = 0; attempt < MAX_FILLS; attempt++) {
    const html = finalHtml(printHtml, layout);
    if (html === printHtml) return { ...first, padding: 0, missingTargets, prints };
    const final = await print(html);
    if (sameLayout(layout, final.layout)) return { ...final, layout, padding: paddingFor(layout.count), missingTargets, prints };
    layout = { pages: final.layout.pages, count: final.layout.count - paddingFor(layout.count) };
  }
  throw new Error(`the table of contents does not settle: its page numbers move the headings they point at, ${MAX_FILLS} times`);
}
