import { PDFDict, PDFHexString, PDFName, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import { readMarkedText } from './read-marked-text.js';
import { kidsOf, textOf, typeOf, walkElements } from './structure-tree.js';

/**
 * Gives every link annotation that a Link element holds a /Contents with the link's text, which is what
 * PDF/UA asks of links (Matterhorn 28-012) and what a screen reader announces for the link area; Chromium
 * writes none. A link without text (an image link) gets its web address. Returns how many were set; a
 * /Contents already there is left alone.
 */
export function addLinkContents(document: PDFDocument): number {
  const pages = new Map(document.getPages().map((page) => [page.ref.toString(), page]));
  const texts = new Map<string, Map<number, string>>();
  const textOfPage = (page: PDFPage) => {
    const key = page.ref.toString();
    if (!texts.has(key)) texts.set(key, readMarkedText(document, page));
    return texts.get(key)!;
  };
  let set = 0;
  walkElements(document, ({ dict }) => {
    if (typeOf(dict) !== 'Link') return;
    const annotations = kidsOf(document, dict).filter((kid) => kid.kind === 'object');
    if (annotations.length === 0) return;
    const text = collectText(document, dict, (pageRef, mcid) => {
      const page = pages.get(pageRef);
      return page ? (textOfPage(page).get(mcid) ?? '') : '';
    });
    for (const kid of annotations) {
      const annotation = document.context.lookup(kid.object);
      if (!(annotation instanceof PDFDict) || String(annotation.get(PDFName.of('Subtype'))) !== '/Link' || annotation.has(PDFName.of('Contents'))) continue;
      const contents = text || addressOf(annotation);
      if (!contents) continue;
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(contents));
      set++;
    }
  });
  return set;
}

/** The text of an element's marked content, its descendants' included, with white space collapsed. */
function collectText(document: PDFDocument, element: PDFDict, textAt: (page: string, mcid: number) => string): string {
  const alternative = textOf(element.get(PDFName.of('ActualText'))) ?? textOf(element.get(PDFName.of('Alt')));
  if (alternative !== undefined) return alternative;
  const parts: string[] = [];
  for (const kid of kidsOf(document, element)) {
    if (kid.kind === 'mcid' && kid.page) parts.push(textAt(kid.page.toString(), kid.mcid));
    else if (kid.kind === 'element') parts.push(collectText(document, kid.dict, textAt));
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function addressOf(annotation: PDFDict): string | undefined {
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  return textOf(action?.get(PDFName.of('URI')))?.replace(/^mailto:/, '');
}
