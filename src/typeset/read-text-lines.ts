import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { readEveryPage, type PageReader } from '../pdf/page-readings.js';
import { withPdfjs } from '../pdf/pdfjs.js';
const MM_PER_POINT = 25.4 / 72;
/** Width of a space in the Noto fonts, in ems: pdf.js counts a trailing space into an item's width. */
const SPACE_EM = 0.26;

/** One run of text on one baseline, as drawn: a line of a paragraph, of a table cell or of a column. */
export interface TextLine {
  /** Page number, from 1. */
  page: number;
  /** The text as drawn (a line-end hyphen included), spaces collapsed. */
  text: string;
  /** Edges of the ink in millimetres from the page's top-left corner (the trim, or the CropBox). */
  left: number;
  right: number;
  top: number;
  /** Baseline, in millimetres from the top. */
  baseline: number;
  /** Font size of the line's largest text, in points. */
  size: number;
}

/** A page: its size in millimetres and its lines in the order they were drawn. */
export interface TextPage {
  page: number;
  width: number;
  height: number;
  lines: TextLine[];
}

interface Item {
  str: string;
  x: number;
  baseline: number;
  width: number;
  size: number;
}

/**
 * Reads the text positions of every page of a PDF with pdf.js and joins the pieces drawn on one baseline, side
 * by side, into lines. A gap wider than most of an em starts a new line, so that table cells and columns next to
 * each other stay apart. Coordinates are in millimetres from the top-left corner of what the reader sees.
 */
export async function readTextLines(pdf: Uint8Array | PDFDocumentProxy): Promise<TextPage[]> {
  return pdf instanceof Uint8Array ? withPdfjs(pdf, readTextLines) : readEveryPage(pdf, TEXT_LINES);
}

/** The lines of each page, kept by the page's content (see page-readings.ts). */
export const TEXT_LINES: PageReader<TextPage> = {
  name: 'text lines',
  read: readPageLines,
  toJson: (page) => page,
  fromJson: (json, number) => {
    const page = json as TextPage;
    return { ...page, page: number, lines: page.lines.map((line) => ({ ...line, page: number })) };
  },
};

/** The lines of one page. */
async function readPageLines(page: PDFPageProxy, number: number): Promise<TextPage> {
  const viewport = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const items: Item[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const [a, b, c, d, e, f] = item.transform as number[];
    // Into the viewport: origin at the top-left of the CropBox, y downwards.
    const [x, y] = viewport.convertToViewportPoint(e!, f!) as [number, number];
    const size = Math.hypot(c!, d!) || Math.hypot(a!, b!);
    items.push({ str: item.str, x, baseline: y, width: item.width, size });
  }
  return { page: number, width: viewport.width * MM_PER_POINT, height: viewport.height * MM_PER_POINT, lines: joinLines(items, number) };
}

/** Joins items drawn one after the other on the same baseline into lines (all in points until the end). */
function joinLines(items: Item[], page: number): TextLine[] {
  const lines: Array<{ text: string; left: number; right: number; baseline: number; size: number; top: number }> = [];
  let current: (typeof lines)[number] | undefined;
  for (const item of items) {
    // pdf.js adds a space item over any gap (between words, and between table cells): the position tells.
    if (item.str.trim() === '') continue;
    const trailing = item.str.length - item.str.trimEnd().length;
    const inkRight = item.x + item.width - trailing * SPACE_EM * item.size;
    const sameBaseline = current && Math.abs(item.baseline - current.baseline) <= 0.3 * current.size;
    // A superscript (a note reference) sits higher in a smaller size.
    const superscript = current && item.size < 0.85 * current.size && current.baseline - item.baseline > 0 && current.baseline - item.baseline <= 0.6 * current.size;
    const follows = current && item.x >= current.right - 0.5 * current.size && item.x <= current.right + 0.8 * Math.max(current.size, item.size);
    if (current && (sameBaseline || superscript) && follows) {
      const gap = item.x - current.right;
      if (gap > 0.15 * current.size && !/\s$/.test(current.text) && !/^\s/.test(item.str)) current.text += ' ';
      current.text += item.str;
      current.right = Math.max(current.right, inkRight);
      current.top = Math.min(current.top, item.baseline - 0.75 * item.size);
      if (item.size > current.size && !superscript) {
        current.size = item.size;
        current.baseline = item.baseline;
      }
      continue;
    }
    current = { text: item.str, left: item.x, right: inkRight, baseline: item.baseline, size: item.size, top: item.baseline - 0.75 * item.size };
    lines.push(current);
  }
  return lines.map((line) => ({
    page,
    text: line.text.replace(/\s+/g, ' ').trim(),
    left: line.left * MM_PER_POINT,
    right: line.right * MM_PER_POINT,
    top: line.top * MM_PER_POINT,
    baseline: line.baseline * MM_PER_POINT,
    size: line.size,
  }));
}
