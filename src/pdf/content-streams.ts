import { constants, deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';

/** A content stream of a page or of a form it draws, decoded as latin1 text. */
export interface ContentStream {
  ref: PDFRef;
  stream: PDFRawStream;
  text: string;
}

/**
 * A stream's bytes, inflated with Node's zlib when it is plain Flate (Chromium's and Ghostscript's are). pdf-lib
 * drops the last byte of a stream whose /Length is an indirect object when that byte is a line feed (seen on
 * Ghostscript's output), which cuts zlib's checksum; the content itself is complete, so it is read regardless.
 */
export function decodeStream(stream: PDFRawStream): Buffer {
  const filter = String(stream.dict.get(PDFName.of('Filter')));
  if (filter === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH });
  return Buffer.from(decodePDFRawStream(stream).decode());
}

/**
 * The decoded text of the streams read or written here, by stream: post-processing reads a page's content in
 * several steps (soft hyphens, artifacts, the structure's fingerprint before and after cropping, the facts of
 * each PDF), and each stream would otherwise be inflated again every time. A stream is never changed in place
 * (replaceStream puts a new one in), so its text stays what it was.
 */
const texts = new WeakMap<PDFRawStream, string>();

/** A stream's content as latin1 text (one byte a character, as content streams are written). */
function textOf(stream: PDFRawStream): string {
  let text = texts.get(stream);
  if (text === undefined) {
    text = decodeStream(stream).toString('latin1');
    texts.set(stream, text);
  }
  return text;
}

/** The page's content streams, in order. */
export function pageContents(document: PDFDocument, page: PDFPage): ContentStream[] {
  const contents = page.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  const streams: ContentStream[] = [];
  for (const ref of refs) {
    if (!(ref instanceof PDFRef)) continue;
    const stream = document.context.lookup(ref);
    if (stream instanceof PDFRawStream) streams.push({ ref, stream, text: textOf(stream) });
  }
  return streams;
}

/** The form XObjects named in a resource dictionary, by name (`/Fm1`), with their own resources. */
export function formsOf(document: PDFDocument, resources: PDFDict | undefined): Map<string, ContentStream & { resources: PDFDict | undefined }> {
  const forms = new Map<string, ContentStream & { resources: PDFDict | undefined }>();
  const xObjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  for (const [name, ref] of xObjects?.entries() ?? []) {
    if (!(ref instanceof PDFRef)) continue;
    const stream = document.context.lookup(ref);
    if (!(stream instanceof PDFRawStream) || String(stream.dict.get(PDFName.of('Subtype'))) !== '/Form') continue;
    forms.set(String(name), { ref, stream, text: textOf(stream), resources: stream.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) });
  }
  return forms;
}

/** Replaces a stream's content with `text`, Flate-compressed, keeping the rest of its dictionary (a form's BBox). */
export function replaceStream(document: PDFDocument, content: ContentStream, text: string): void {
  const compressed = deflateSync(Buffer.from(text, 'latin1'));
  const dict = content.stream.dict.clone(document.context);
  dict.delete(PDFName.of('DecodeParms'));
  dict.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  dict.set(PDFName.of('Length'), document.context.obj(compressed.length));
  const stream = PDFRawStream.of(dict, compressed);
  texts.set(stream, text);
  document.context.assign(content.ref, stream);
}
