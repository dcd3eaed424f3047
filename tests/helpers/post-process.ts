import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS, SAVE_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { setMetadata } from '../../src/pdf/set-metadata.js';
import { fixTags } from '../../src/pdf/fix-tags.js';
import { addXmpMetadata } from '../../src/pdf/add-xmp-metadata.js';

/**
 * The accessibility part of the build's post-processing, in the build's order, for a PDF printed by a test:
 * document information and /Lang, the tag fixes, the XMP (with the PDF/UA identifier when `pdfUa`).
 */
export async function postProcess(bytes: Uint8Array, options: { lang: string; title: string; pdfUa?: boolean }): Promise<Uint8Array> {
  const document = await PDFDocument.load(bytes, LOAD_OPTIONS);
  setMetadata(document, { title: options.title, authors: ['Test'], lang: options.lang, creator: 'brochure-pipeline tests', date: new Date(Date.UTC(2021, 4, 31)) });
  fixTags(document);
  addXmpMetadata(document, { pdfUa: options.pdfUa ?? false });
  return document.save(SAVE_OPTIONS);
}

/** The numbers of the checkpoints that failed. */
export const failed = (report: { checkpoints: Array<{ number: string; passed: boolean }> }) => report.checkpoints.filter((checkpoint) => !checkpoint.passed).map((checkpoint) => checkpoint.number);
