import { PDFHexString, PDFName, PDFString, type PDFDict, type PDFDocument } from '@cantoo/pdf-lib';

/** Document information written into every PDF after printing. */
export interface PdfMetadata {
  title: string;
  authors: string[];
  subject?: string;
  keywords?: string[];
  /** BCP 47 language of the text, such as `mk`. */
  lang: string;
  /** This tool and its version. */
  creator: string;
  /** Creation and modification date; from SOURCE_DATE_EPOCH for reproducible builds. */
  date: Date;
}

/**
 * Sets Title, Author, Subject, Keywords, Creator, Producer, dates, /Lang and DisplayDocTitle: Chromium writes
 * only Title and its own Creator/Producer, with the current time.
 */
export function setMetadata(document: PDFDocument, metadata: PdfMetadata): void {
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.authors.join(', '));
  if (metadata.subject) document.setSubject(metadata.subject);
  // pdf-lib joins keywords with spaces, which makes multi-word keywords unreadable; write them comma-separated.
  if (metadata.keywords?.length) (document as unknown as { getInfoDict(): PDFDict }).getInfoDict().set(PDFName.of('Keywords'), PDFHexString.fromText(metadata.keywords.join(', ')));
  document.setCreator(metadata.creator);
  document.setProducer(`${metadata.creator} (Chromium, pdf-lib)`);
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  document.setLanguage(metadata.lang);
  document.catalog.set(PDFName.of('Lang'), PDFString.of(metadata.lang));
}
