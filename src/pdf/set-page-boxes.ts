import { PDFName, PDFOperator, PDFOperatorNames, endMarkedContent, rgb, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import type { PageGeometry } from '../templates/page-css.js';

const POINTS_PER_MM = 72 / 25.4;
/** Crop marks: length and line width in points; they start at the bleed edge, never inside the bleed. */
const MARK_LENGTH = 5 * POINTS_PER_MM;
const MARK_WIDTH = 0.25;

/** A box in PDF points: left, bottom, width, height. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The trim box of a page printed with `geometry`. Chromium rounds the page size to whole CSS pixels (up to
 * 1 pt), while the layout is placed from the top-left corner in exact millimetres, so the box is computed from
 * the real MediaBox's top-left corner, not from its centre.
 */
export function trimBox(page: PDFPage, geometry: PageGeometry): Box {
  const media = page.getMediaBox();
  const offset = (geometry.bleed + geometry.slug) * POINTS_PER_MM;
  const width = geometry.trimWidth * POINTS_PER_MM;
  const height = geometry.trimHeight * POINTS_PER_MM;
  return { x: media.x + offset, y: media.y + media.height - offset - height, width, height };
}

/** Sets TrimBox and BleedBox on every page and draws crop marks in the slug, outside the bleed. */
export function setPrintBoxes(document: PDFDocument, geometry: PageGeometry): void {
  const bleed = geometry.bleed * POINTS_PER_MM;
  for (const page of document.getPages()) {
    const trim = trimBox(page, geometry);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
    page.setBleedBox(trim.x - bleed, trim.y - bleed, trim.width + 2 * bleed, trim.height + 2 * bleed);
    const left = trim.x;
    const right = trim.x + trim.width;
    const bottom = trim.y;
    const top = trim.y + trim.height;
    const line = (x1: number, y1: number, x2: number, y2: number) =>
      page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: MARK_WIDTH, color: rgb(0, 0, 0) });
    // Crop marks are printer's marks, not content: an artifact of type Page for a tagged PDF's readers.
    page.pushOperators(PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('Artifact'), '<< /Type /Page >>']));
    for (const [x, sideX] of [
      [left, -1],
      [right, 1],
    ] as const) {
      for (const [y, sideY] of [
        [bottom, -1],
        [top, 1],
      ] as const) {
        // Horizontal mark on the line of the trim's top or bottom edge, outside the bleed.
        line(x + sideX * bleed, y, x + sideX * (bleed + MARK_LENGTH), y);
        // Vertical mark on the line of the trim's left or right edge.
        line(x, y + sideY * bleed, x, y + sideY * (bleed + MARK_LENGTH));
      }
    }
    page.pushOperators(endMarkedContent());
  }
}

/** Makes the visible page exactly the trim: the screen PDF shows neither bleed nor crop marks. */
export function cropToTrim(document: PDFDocument, geometry: PageGeometry): void {
  for (const page of document.getPages()) {
    const trim = trimBox(page, geometry);
    page.setMediaBox(trim.x, trim.y, trim.width, trim.height);
    page.setCropBox(trim.x, trim.y, trim.width, trim.height);
    page.setBleedBox(trim.x, trim.y, trim.width, trim.height);
    page.setTrimBox(trim.x, trim.y, trim.width, trim.height);
  }
}
