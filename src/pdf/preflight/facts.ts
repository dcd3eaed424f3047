import { PDFArray, PDFDict, PDFName, PDFRef, PDFStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { readOutline } from '../fix-outline.js';
import { fontsUsed } from '../fonts-used.js';
import { contentColourSpaces } from '../content-colours.js';
import { pageContents } from '../content-streams.js';
import type { PdfFacts, Size } from './report.js';

const MM_PER_POINT = 25.4 / 72;

export interface FactsOptions {
  variant: PdfFacts['variant'];
  /** The file name the PDF is written as. */
  file: string;
  /** Its size in bytes, as saved. */
  bytes: number;
  /** Colour spaces of the page content when already known (saves decoding every content stream again). */
  contentColourSpaces?: ReadonlySet<string>;
}

/** Reads what the preflight judges from a loaded PDF: pages, boxes, fonts, structure, colour spaces, PDF/X marks. */
export function readPdfFacts(document: PDFDocument, options: FactsOptions): PdfFacts {
  const pages = document.getPages();
  const size = (box: { width: number; height: number }): Size => ({ width: round(box.width * MM_PER_POINT), height: round(box.height * MM_PER_POINT) });
  const markInfo = document.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const langObject = document.catalog.get(PDFName.of('Lang'));
  const version = (document as unknown as { getInfoDict(): PDFDict }).getInfoDict().get(PDFName.of('GTS_PDFXVersion'));
  return {
    variant: options.variant,
    file: options.file,
    bytes: options.bytes,
    pages: pages.length,
    pageSize: pages[0] ? size(pages[0].getCropBox()) : { width: 0, height: 0 },
    trimBoxes: pages.map((page) => size(page.getTrimBox())),
    bleedBoxes: pages.map((page) => size(page.getBleedBox())),
    fonts: collectFonts(document),
    tagged: String(markInfo?.get(PDFName.of('Marked')) ?? '') === 'true' && document.catalog.has(PDFName.of('StructTreeRoot')),
    lang: langObject ? String(langObject).replace(/^\(|\)$/g, '') : undefined,
    outlineEntries: readOutline(document).length,
    colourSpaces: collectColourSpaces(document, options.contentColourSpaces),
    outputIntent: (document.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray)?.size() ?? 0) > 0,
    pdfxVersion: version ? String(version).replace(/^\(|\)$/g, '') : undefined,
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Every font used by the pages (and the forms they draw) by name, with whether its program is in the file. */
function collectFonts(document: PDFDocument): Array<{ name: string; embedded: boolean }> {
  const byName = new Map<string, boolean>();
  for (const font of fontsUsed(document)) byName.set(font.name, (byName.get(font.name) ?? true) && font.embedded);
  return [...byName].map(([name, embedded]) => ({ name, embedded })).sort((a, b) => a.name.localeCompare(b.name));
}

/** Colour spaces used: by the page content's colour operators, named in the resources, and of images. */
function collectColourSpaces(document: PDFDocument, known?: ReadonlySet<string>): string[] {
  const spaces = new Set<string>(known);
  for (const page of known ? [] : document.getPages()) {
    for (const content of pageContents(document, page)) contentColourSpaces(content.text, spaces);
  }
  const describe = (value: PDFObject | undefined): string => {
    const resolved = value instanceof PDFRef ? document.context.lookup(value) : value;
    if (resolved instanceof PDFArray) return describe(resolved.get(0));
    return String(resolved ?? '').replace(/^\//, '');
  };
  for (const page of document.getPages()) {
    const resources = page.node.Resources();
    for (const [, value] of resources?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)?.entries() ?? []) spaces.add(describe(value));
    for (const [, ref] of resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? []) {
      const xObject = document.context.lookup(ref);
      if (xObject instanceof PDFStream && String(xObject.dict.get(PDFName.of('Subtype'))) === '/Image') spaces.add(describe(xObject.dict.get(PDFName.of('ColorSpace'))));
    }
  }
  return [...spaces].filter(Boolean).sort();
}
