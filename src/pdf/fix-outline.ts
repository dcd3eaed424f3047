import { PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from '@cantoo/pdf-lib';

/** Titles of the bookmarks, depth-first, as a reader sees them. */
export function readOutline(document: PDFDocument): string[] {
  const titles: string[] = [];
  walk(document, (item) => {
    const title = item.lookup(PDFName.of('Title'));
    if (title instanceof PDFString || title instanceof PDFHexString) titles.push(title.decodeText());
  });
  return titles;
}

/**
 * Chromium writes bookmark titles from the laid-out text, and gets some wrong: it drops the space at a line
 * break inside a wrapped heading ("economy:what"), and repeats the title of some headings whose text mixes
 * fonts ("Kružni tokKružni tok"). Bookmarks come in document order, like `headings` (the document's h1–h6),
 * so when the counts agree and every bookmark still contains its heading's letters, each gets its heading's
 * text; otherwise only titles equal to a heading but for white space are repaired. Returns how many changed.
 */
export function fixOutlineTitles(document: PDFDocument, headings: readonly string[]): number {
  const items: Array<{ item: PDFDict; title: string }> = [];
  walk(document, (item) => {
    const title = item.lookup(PDFName.of('Title'));
    if (title instanceof PDFString || title instanceof PDFHexString) items.push({ item, title: title.decodeText() });
  });
  const clean = headings.map((heading) => heading.replace(/\s+/g, ' ').trim());
  const inOrder = items.length === clean.length && items.every(({ title }, index) => letters(title).includes(letters(clean[index]!)));
  const byLetters = new Map(clean.map((heading) => [letters(heading), heading]));
  let repaired = 0;
  items.forEach(({ item, title }, index) => {
    const heading = inOrder ? clean[index] : byLetters.get(letters(title));
    if (heading && heading !== title) {
      item.set(PDFName.of('Title'), PDFHexString.fromText(heading));
      repaired++;
    }
  });
  return repaired;
}

function letters(text: string): string {
  return text.replace(/\s+/g, '');
}

function walk(document: PDFDocument, visit: (item: PDFDict) => void): void {
  const outlines = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const seen = new Set<PDFDict>();
  const descend = (first: PDFDict | undefined) => {
    for (let item = first; item && !seen.has(item); item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      seen.add(item);
      visit(item);
      descend(item.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  descend(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}
