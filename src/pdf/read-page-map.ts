import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef } from '@cantoo/pdf-lib';

/**
 * Reads the page (1-based) of every named destination Chromium wrote: the elements that internal links point
 * at, such as the headings the table of contents links to.
 */
export function readPageMap(document: PDFDocument): Map<string, number> {
  const pageIndex = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const map = new Map<string, number>();
  const dests = document.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict);
  if (!dests) return map;
  for (const [name, value] of dests.entries()) {
    const destination = value instanceof PDFRef ? document.context.lookup(value) : value;
    const target = destination instanceof PDFArray ? destination.get(0) : undefined;
    const page = target instanceof PDFRef ? pageIndex.get(target.toString()) : undefined;
    if (page !== undefined) map.set(decodeName(name.asString()), page);
  }
  return map;
}

/** `/about-x#2Dy` -> `about-x-y`: PDF names escape bytes as #XX. */
function decodeName(raw: string): string {
  const bytes = Buffer.from(raw.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  return bytes.toString('utf8');
}
