import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from '../pdf/pdf-lib-options.js';
import { readPageMap } from '../pdf/read-page-map.js';
import { fillLayout, predictLayout, type PageLayout, type TextArea } from '../render/page-layout.js';
import type { PageSource } from '../render/page-pool.js';
import { printDocument, type MeasuredImage, type PrintOptions } from '../render/print-document.js';
import { contentsTargets, fillContents } from '../templates/fill-contents.js';
import { fillPadding, paddingFor } from '../templates/fill-padding.js';
import { PageMapCache } from './page-map-cache.js';

/** A document printed until its contents' page numbers and padding match where its headings landed. */
export interface StablePrint {
  /** The final print, loaded (not yet post-processed). */
  pdf: PDFDocument;
  /** The HTML as printed last: contents filled in, padding pages added. */
  html: string;
  /** Where the headings and photos landed (the pages before padding). */
  layout: PageLayout;
  /** Pages added before the back cover to make a multiple of 4 (taken out again for the screen PDF). */
  padding: number;
  /** Photos as placed, measured in the print layout. */
  images: MeasuredImage[];
  /** Contents entries whose heading was not found on any page. */
  missingTargets: string[];
  /** How many prints it took: 1 when the layout was known or predicted right. */
  prints: number;
}

/** How often a layout that moved is filled in and printed again before giving up. */
const MAX_PRINTS = 4;

/** The HTML with the contents' page numbers filled in and the padding pages added, from a layout. */
function finalHtml(html: string, layout: PageLayout): string {
  return fillPadding(fillContents(html, new Map(Object.entries(layout.pages))), paddingFor(layout.count));
}

/** Where the elements that links point at landed in a print (named destinations), and its page count. */
function layoutOf(pdf: PDFDocument, imageIds: string[]): PageLayout {
  const wanted = new Set(imageIds);
  const pages: Record<string, number> = {};
  for (const [id, page] of readPageMap(pdf)) if (!id.includes('-fn') || wanted.has(id)) pages[id] = page;
  return { pages, count: pdf.getPageCount() };
}

/** The layout of a print without its padding pages: what the contents were filled in from. */
function withoutPadding(printed: PageLayout, padding: number): PageLayout {
  const count = printed.count - padding;
  return { pages: Object.fromEntries(Object.entries(printed.pages).map(([id, page]) => [id, page > count ? page - padding : page])), count };
}

/**
 * What a print filled in from `expected` (its padding added before the back cover) did not do as expected, or
 * undefined when it landed as expected: the page of every element the print has a destination for
 * (`#id, page 4 → 5`), then the page count (`12 → 13 pages`).
 */
function whatMoved(expected: PageLayout, printed: PageLayout): string | undefined {
  const padding = paddingFor(expected.count);
  for (const [id, page] of Object.entries(printed.pages)) {
    const at = expected.pages[id];
    const wanted = at === undefined ? undefined : at >= expected.count ? at + padding : at;
    if (wanted !== page) return `#${id}, page ${wanted ?? '?'} → ${page}`;
  }
  return printed.count === expected.count + padding ? undefined : `${expected.count + padding} → ${printed.count} pages`;
}

/**
 * Prints the print HTML of one language so that the table of contents gives the pages the sections really
 * start on and the page count is a multiple of 4, in one print when possible: the page numbers are filled in
 * before printing from the layout of an earlier build of the same HTML, or else from a prediction made in the
 * loaded page (page-layout.ts). The print is always checked against what was filled in; when it differs, it
 * is filled in again from where the headings really landed and printed again, so that a wrong page number can
 * never reach the PDF.
 */
export async function printUntilStable(
  browser: PageSource,
  printHtml: string,
  options: Omit<PrintOptions, 'onPrinting'> & {
    layouts?: PageMapCache;
    textArea: TextArea;
    /** Told before each print; from the second on, what moved: `#id, page 4 → 5` or `12 → 13 pages`. */
    onPrint?: (count: number, moved?: string) => void;
    /** As PrintOptions', told whether this HTML was printed before (its layout known). */
    onPrinting?: (layoutKnown: boolean) => void;
  },
): Promise<StablePrint> {
  const key = PageMapCache.key(printHtml);
  const known = await options.layouts?.get(key);
  let prints = 0;
  const print = async (html: string, beforePrint?: PrintOptions['beforePrint'], moved?: string) => {
    prints++;
    options.onPrint?.(prints, moved);
    const printed = await printDocument(browser, html, { ...options, beforePrint, onPrinting: () => options.onPrinting?.(known !== undefined) });
    const pdf = await PDFDocument.load(printed.pdf, LOAD_OPTIONS);
    return { pdf, images: printed.images, layout: layoutOf(pdf, printed.images.map((image) => image.id)) };
  };
  let expected: PageLayout | undefined = known;
  let printed = await print(printHtml, async (page) => {
    expected ??= await predictLayout(page, options.textArea);
    await fillLayout(page, expected, paddingFor(expected.count));
  });
  for (let moved = whatMoved(expected!, printed.layout); moved !== undefined; moved = whatMoved(expected!, printed.layout)) {
    if (prints >= MAX_PRINTS) throw new Error(`the table of contents does not settle: its page numbers move the headings they point at, ${prints} prints in a row`);
    // Filled in from where the headings really landed (the padding pages come last, so nothing before them moved).
    expected = withoutPadding(printed.layout, paddingFor(expected!.count));
    printed = await print(finalHtml(printHtml, expected), undefined, moved);
  }
  const layout = withoutPadding(printed.layout, paddingFor(expected!.count));
  if (!known || prints > 1) await options.layouts?.set(key, layout);
  return {
    ...printed,
    html: finalHtml(printHtml, layout),
    layout,
    padding: paddingFor(layout.count),
    missingTargets: contentsTargets(printHtml).filter((target) => layout.pages[target] === undefined),
    prints,
  };
}

export type { PageLayout };
