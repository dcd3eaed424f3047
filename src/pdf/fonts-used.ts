import { PDFArray, PDFDict, PDFName, PDFStream, type PDFDocument, type PDFObject, type PDFPage } from '@cantoo/pdf-lib';

/** A font that pages draw with, directly or in a form XObject they draw. */
export interface UsedFont {
  dict: PDFDict;
  /** /BaseFont (or /Name), without the slash; subset prefixes (`ABCDEF+`) kept. */
  name: string;
  /** Whether its program is in the file (Type 3 fonts are their own program). */
  embedded: boolean;
}

/** The fonts of `pages` (every page by default) and of the forms they draw, each font once. */
export function fontsUsed(document: PDFDocument, pages: PDFPage[] = document.getPages()): UsedFont[] {
  const found = new Map<PDFDict, UsedFont>();
  const seen = new Set<PDFObject>();
  const visit = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    for (const [, ref] of resources.lookupMaybe(PDFName.of('Font'), PDFDict)?.entries() ?? []) {
      const font = document.context.lookup(ref);
      if (!(font instanceof PDFDict) || found.has(font)) continue;
      const name = String(font.get(PDFName.of('BaseFont')) ?? font.get(PDFName.of('Name')) ?? '(unnamed)').replace(/^\//, '');
      found.set(font, { dict: font, name, embedded: fontEmbedded(document, font) });
    }
    for (const [, ref] of resources.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? []) {
      const xObject = document.context.lookup(ref);
      if (xObject instanceof PDFStream) visit(xObject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict));
    }
  };
  for (const page of pages) visit(page.node.Resources());
  return [...found.values()];
}

/** Whether a font's program is in the file: its descriptor (a Type 0 font's descendant's) has a FontFile. */
function fontEmbedded(document: PDFDocument, font: PDFDict): boolean {
  const subtype = String(font.get(PDFName.of('Subtype')));
  if (subtype === '/Type3') return true;
  let holder = font;
  if (subtype === '/Type0') {
    const descendant = document.context.lookup(font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.get(0));
    if (!(descendant instanceof PDFDict)) return false;
    holder = descendant;
  }
  const descriptor = holder.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  return ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
}
