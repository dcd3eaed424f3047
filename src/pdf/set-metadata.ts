import { PDFDocument, PDFName, PDFString } from 'pdf-lib';

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
export async function setMetadata(pdf: Uint8Array, metadata: PdfMetadata): Promise<{ bytes: Uint8Array; pages: number }> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  document.setAuthor(metadata.authors.join(', '));
  if (metadata.subject) document.setSubject(metadata.subject);
  if (metadata.keywords?.length) document.setKeywords(metadata.keywords);
  document.setCreator(metadata.creator);
  document.setProducer(`${metadata.creator} (Chromium, pdf-lib)`);
  document.setCreationDate(metadata.date);
  document.setModificationDate(metadata.date);
  document.setLanguage(metadata.lang);
  document.catalog.set(PDFName.of('Lang'), PDFString.of(metadata.lang));
  const bytes = await document.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
  return { bytes, pages: document.getPageCount() };
}
