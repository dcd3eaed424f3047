import { PDFName, PDFRawStream, PDFRef, type PDFDict, type PDFDocument } from '@cantoo/pdf-lib';
import { textOf } from './structure-tree.js';

/** What goes into the XMP beyond the document information. */
export interface XmpOptions {
  /** Identify the file as PDF/UA-1 (`pdfuaid:part` 1): only for a file a person has reviewed and whose machine checks pass. */
  pdfUa: boolean;
}

/**
 * Writes the XMP metadata stream of the catalog from the document information dictionary (Title, Author,
 * Subject, Keywords, Creator, Producer, dates) and /Lang, so that the two always agree: PDF/UA requires XMP
 * with dc:title (Matterhorn 06-001, 06-003), and the PDF/UA identifier lives there (06-002). Run it after the
 * document information is final; it replaces an earlier XMP stream. The stream is left uncompressed, as
 * metadata is meant to be found by tools that do not parse PDF.
 */
export function addXmpMetadata(document: PDFDocument, options: XmpOptions): void {
  const info = (document as unknown as { getInfoDict(): PDFDict }).getInfoDict();
  const field = (key: string) => textOf(info.get(PDFName.of(key)))?.trim() || undefined;
  const lang = textOf(document.catalog.get(PDFName.of('Lang')));
  const title = field('Title');
  const author = field('Author');
  const subject = field('Subject');
  const keywords = field('Keywords');
  const created = document.getCreationDate();
  const modified = document.getModificationDate() ?? created;
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escape(text)}</rdf:li>${lang ? `<rdf:li xml:lang="${escape(lang)}">${escape(text)}</rdf:li>` : ''}</rdf:Alt>`;
  const properties = [
    '<dc:format>application/pdf</dc:format>',
    title && `<dc:title>${alt(title)}</dc:title>`,
    author && `<dc:creator><rdf:Seq><rdf:li>${escape(author)}</rdf:li></rdf:Seq></dc:creator>`,
    subject && `<dc:description>${alt(subject)}</dc:description>`,
    keywords && `<dc:subject><rdf:Bag>${keywords.split(/\s*,\s*/).filter(Boolean).map((keyword) => `<rdf:li>${escape(keyword)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`,
    lang && `<dc:language><rdf:Bag><rdf:li>${escape(lang)}</rdf:li></rdf:Bag></dc:language>`,
    keywords && `<pdf:Keywords>${escape(keywords)}</pdf:Keywords>`,
    field('Producer') && `<pdf:Producer>${escape(field('Producer')!)}</pdf:Producer>`,
    field('Creator') && `<xmp:CreatorTool>${escape(field('Creator')!)}</xmp:CreatorTool>`,
    created && `<xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>`,
    modified && `<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate>`,
    modified && `<xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>`,
    options.pdfUa && '<pdfuaid:part>1</pdfuaid:part>',
  ].filter(Boolean);
  const xmp = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"${options.pdfUa ? ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"' : ''}>`,
    ...properties.map((property) => `  ${property}`),
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
  const bytes = Buffer.from(xmp, 'utf8');
  const stream = PDFRawStream.of(document.context.obj({ Type: 'Metadata', Subtype: 'XML', Length: bytes.length }), bytes);
  const existing = document.catalog.get(PDFName.of('Metadata'));
  if (existing instanceof PDFRef) document.context.assign(existing, stream);
  else document.catalog.set(PDFName.of('Metadata'), document.context.register(stream));
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An XMP date in UTC: `2021-05-31T00:00:00Z`. */
function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

