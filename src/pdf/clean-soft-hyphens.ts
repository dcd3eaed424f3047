import { deflateSync, inflateSync } from 'node:zlib';
import { PDFArray, PDFName, PDFRawStream, decodePDFRawStream, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { contentColourSpaces } from './content-colours.js';

/** A content stream's bytes, inflated with Node's zlib when it is plain Flate (Chromium's always are). */
function decode(stream: PDFRawStream): Buffer {
  const filter = String(stream.dict.get(PDFName.of('Filter')));
  if (filter === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'))) return inflateSync(stream.contents);
  return Buffer.from(decodePDFRawStream(stream).decode());
}

/** ActualText whose UTF-16 contains a soft hyphen: alone, or inside a ligature such as f-ff (`feff006600ad0066`). */const SOFT_HYPHEN_SPAN = /\/ActualText\s*<feff((?:[0-9a-f]{4})*?00ad(?:[0-9a-f]{4})*)>/gi;

/**
 * Chromium marks every soft hyphen with `/ActualText <feff00ad>` (or puts it into a ligature's ActualText, as
 * in "dif\u00adferent"), so that text copied or searched in the PDF is full of invisible U+00AD characters.
 * Taking the soft hyphens out of the ActualText makes copying and search see plain words again; where a line
 * really breaks, the word is simply split across the lines. Returns the number of content streams rewritten and
 * the colour spaces the content uses (read on the way, for the preflight).
 */
export function cleanSoftHyphens(document: PDFDocument): { rewritten: number; colourSpaces: Set<string> } {
  let rewritten = 0;
  const colourSpaces = new Set<string>();
  for (const page of document.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = ref ? document.context.lookup(ref) : undefined;
      if (!(stream instanceof PDFRawStream)) continue;
      const text = decode(stream).toString('latin1');
      // The stream is decoded anyway: note its colour operators for the preflight, which then need not decode it.
      contentColourSpaces(text, colourSpaces);
      if (!SOFT_HYPHEN_SPAN.test(text)) continue;
      SOFT_HYPHEN_SPAN.lastIndex = 0;
      const cleaned = Buffer.from(
        text.replace(SOFT_HYPHEN_SPAN, (_, units: string) => {
          const kept = (units.match(/[0-9a-f]{4}/gi) ?? []).filter((unit) => unit.toLowerCase() !== '00ad').join('');
          return kept ? `/ActualText <feff${kept}>` : '/ActualText <>';
        }),
        'latin1',
      );
      // Node's own zlib: pdf-lib's JavaScript deflate is several times slower on every page of a book.
      const compressed = deflateSync(cleaned);
      document.context.assign(ref as PDFRef, PDFRawStream.of(document.context.obj({ Filter: 'FlateDecode', Length: compressed.length }), compressed));
      rewritten++;
    }
  }
  return { rewritten, colourSpaces };
}
