import { PDFArray, PDFName, PDFRawStream, decodePDFRawStream, type PDFDocument } from 'pdf-lib';

/** ActualText whose UTF-16 contains a soft hyphen: alone, or inside a ligature such as f-ff (`feff006600ad0066`). */
const SOFT_HYPHEN_SPAN = /\/ActualText\s*<feff((?:[0-9a-f]{4})*?00ad(?:[0-9a-f]{4})*)>/gi;

/**
 * Chromium marks every soft hyphen with `/ActualText <feff00ad>` (or puts it into a ligature's ActualText, as
 * in "dif\u00adferent"), so that text copied or searched in the PDF is full of invisible U+00AD characters.
 * Taking the soft hyphens out of the ActualText makes copying and search see plain words again; where a line
 * really breaks, the word is simply split across the lines. Returns the number of content streams rewritten.
 */
export function cleanSoftHyphens(document: PDFDocument): number {
  let rewritten = 0;
  for (const page of document.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      const stream = ref ? document.context.lookup(ref) : undefined;
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      if (!SOFT_HYPHEN_SPAN.test(text)) continue;
      SOFT_HYPHEN_SPAN.lastIndex = 0;
      const cleaned = Buffer.from(
        text.replace(SOFT_HYPHEN_SPAN, (_, units: string) => {
          const kept = (units.match(/[0-9a-f]{4}/gi) ?? []).filter((unit) => unit.toLowerCase() !== '00ad').join('');
          return kept ? `/ActualText <feff${kept}>` : '/ActualText <>';
        }),
        'latin1',
      );
      const replacement = document.context.flateStream(cleaned);
      // Keep the stream's own dictionary entries (there are none Chromium needs beyond Length and Filter).
      document.context.assign(ref as import('pdf-lib').PDFRef, replacement);
      rewritten++;
    }
  }
  return rewritten;
}
