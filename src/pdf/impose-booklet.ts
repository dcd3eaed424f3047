import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS, SAVE_OPTIONS } from './pdf-lib-options.js';

const POINTS_PER_MM = 72 / 25.4;
/** A4 landscape, the sheet an office duplex printer folds into an A5 booklet. */
const SHEET = { width: 297 * POINTS_PER_MM, height: 210 * POINTS_PER_MM };

/**
 * The page numbers (1-based) on each printed side of a saddle-stitched booklet of `pages` pages, left then
 * right: the outer sheet carries the last and the first page, its back the second and the second-to-last, and
 * so on inwards. `pages` must be a multiple of 4.
 */
export function bookletOrder(pages: number): Array<[number, number]> {
  if (pages % 4 !== 0 || pages === 0) throw new Error(`A booklet needs a multiple of 4 pages, not ${pages}.`);
  const sides: Array<[number, number]> = [];
  for (let sheet = 0; sheet < pages / 4; sheet++) {
    sides.push([pages - 2 * sheet, 1 + 2 * sheet]);
    sides.push([2 + 2 * sheet, pages - 1 - 2 * sheet]);
  }
  return sides;
}

/**
 * Imposes the trimmed pages of a print PDF two by two on A4 landscape sheets in booklet order: printed duplex
 * (flip on the short edge), folded and stapled, they make the brochure.
 */
export async function imposeBooklet(printPdf: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(printPdf, LOAD_OPTIONS);
  const booklet = await PDFDocument.create(LOAD_OPTIONS);
  const pages = source.getPages();
  const order = bookletOrder(pages.length);
  const embedded = await booklet.embedPages(
    pages,
    pages.map((page) => {
      const trim = page.getTrimBox();
      return { left: trim.x, bottom: trim.y, right: trim.x + trim.width, top: trim.y + trim.height };
    }),
  );
  for (const [left, right] of order) {
    const side = booklet.addPage([SHEET.width, SHEET.height]);
    const centre = SHEET.width / 2;
    const leftPage = embedded[left - 1]!;
    const rightPage = embedded[right - 1]!;
    side.drawPage(leftPage, { x: centre - leftPage.width, y: (SHEET.height - leftPage.height) / 2 });
    side.drawPage(rightPage, { x: centre, y: (SHEET.height - rightPage.height) / 2 });
  }
  booklet.setTitle(source.getTitle() ?? '');
  booklet.setCreator(source.getCreator() ?? '');
  booklet.setProducer(source.getProducer() ?? '');
  const date = source.getCreationDate();
  if (date) {
    booklet.setCreationDate(date);
    booklet.setModificationDate(date);
  }
  return booklet.save(SAVE_OPTIONS);
}
