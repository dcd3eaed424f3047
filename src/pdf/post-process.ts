import type { PDFDocument } from '@cantoo/pdf-lib';
import type { PageGeometry } from '../templates/page-css.js';
import type { PageSource } from '../render/page-pool.js';
import { renumberElementIds } from './element-ids.js';
import { structureChanges, structureFingerprint } from './accessibility/fingerprint.js';
import { addXmpMetadata } from './add-xmp-metadata.js';
import { cleanSoftHyphens } from './clean-soft-hyphens.js';
import { fixTags } from './fix-tags.js';
import { downsampleImages, type PlacedPixels } from './downsample-images.js';
import { fixOutlineTitles } from './fix-outline.js';
import { SAVE_OPTIONS } from './pdf-lib-options.js';
import { readPdfFacts } from './preflight/facts.js';
import type { PdfFacts } from './preflight/report.js';
import { setMetadata, type PdfMetadata } from './set-metadata.js';
import { cropToTrim, setPrintBoxes } from './set-page-boxes.js';

/** What the post-processing of one printed language needs. */
export interface PostProcessInput {
  metadata: PdfMetadata;
  /** Every heading of the document in order, to repair the bookmarks Chromium wrote. */
  headings: readonly string[];
  /** The print geometry (bleed and slug around the trim). */
  geometry: PageGeometry;
  /** Blank pages added before the back cover for the print PDF, removed for the screen PDF. */
  padding: number;
  /** Photos as placed, to bring the screen PDF's down to screen resolution. */
  images: PlacedPixels[];
  /** File names, for the preflight. */
  names: { print: string; screen: string };
  /** Identify the screen PDF as PDF/UA (brochure.yaml `accessibilityReviewed`: a person reviewed what software cannot). */
  pdfUa: boolean;
}

/** A finished PDF: its bytes, its pages as saved, and the facts the preflight judges. */
export interface FinishedPdf {
  bytes: Uint8Array;
  pages: number;
  facts: PdfFacts;
}

/**
 * The one post-processing chain, on a print loaded once: the elements' IDs numbered from 1, document
 * information and /Lang, bookmark titles, soft hyphens out of the copied text, TrimBox and BleedBox with crop
 * marks, saved as the print PDF; then the
 * same document cropped to the trim, without the padding pages, photos at screen resolution, saved as the
 * screen PDF. Both keep Chromium's structure tree, outline and named destinations (pages are removed, never
 * copied into a new document). Facts for the preflight are read from each as saved.
 */
export async function postProcess(
  pdf: PDFDocument,
  input: PostProcessInput,
  browser: PageSource,
): Promise<{ print: FinishedPdf; screen: FinishedPdf; tagsChanged: string | undefined }> {
  renumberElementIds(pdf);
  setMetadata(pdf, input.metadata);
  fixOutlineTitles(pdf, input.headings);
  const { colourSpaces } = cleanSoftHyphens(pdf);
  setPrintBoxes(pdf, input.geometry);
  // The tags Chromium wrote, made what PDF/UA asks for, after everything that draws or rewrites content.
  fixTags(pdf);
  addXmpMetadata(pdf, { pdfUa: false });
  const tags = structureFingerprint(pdf);
  // The print PDF goes to a print shop, where a hundred kilobytes more do not matter: saved without object
  // streams, which pdf-lib compresses slowly (a third of the save's time); the screen PDF, e-mailed and
  // downloaded, keeps them.
  const printBytes = await pdf.save({ ...SAVE_OPTIONS, useObjectStreams: false });
  const print = finished(pdf, printBytes, 'print', input.names.print, colourSpaces);

  cropToTrim(pdf, input.geometry);
  const backCover = pdf.getPageCount() - 1;
  for (let index = backCover - 1; index >= backCover - input.padding; index--) pdf.removePage(index);
  await downsampleImages(pdf, browser, input.images);
  // Cropping and taking pages out must leave the structure tree as it was: checked, not assumed.
  const tagsChanged = structureChanges(tags, structureFingerprint(pdf));
  if (input.pdfUa) addXmpMetadata(pdf, { pdfUa: true });
  const screenBytes = await pdf.save(SAVE_OPTIONS);
  return { print, screen: finished(pdf, screenBytes, 'screen', input.names.screen, colourSpaces), tagsChanged };
}

function finished(pdf: PDFDocument, bytes: Uint8Array, variant: 'print' | 'screen', file: string, colourSpaces: ReadonlySet<string>): FinishedPdf {
  const facts = readPdfFacts(pdf, { variant, file, bytes: bytes.length, contentColourSpaces: colourSpaces });
  return { bytes, pages: facts.pages, facts };
}
