import type { PDFDocument } from '@cantoo/pdf-lib';
import { contentColourSpaces } from './content-colours.js';
import { pageContents, replaceStream } from './content-streams.js';

/** ActualText whose UTF-16 contains a soft hyphen: alone, or inside a ligature such as f-ff (`feff006600ad0066`). */
const SOFT_HYPHEN_SPAN = /\/ActualText\s*<feff((?:[0-9a-f]{4})*?00ad(?:[0-9a-f]{4})*)>/gi;

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
    for (const content of pageContents(document, page)) {
      const { text } = content;
      // The stream is decoded anyway: note its colour operators for the preflight, which then need not decode it.
      contentColourSpaces(text, colourSpaces);
      const cleaned = text.replace(SOFT_HYPHEN_SPAN, (_, units: string) => {
        const kept = (units.match(/[0-9a-f]{4}/gi) ?? []).filter((unit) => unit.toLowerCase() !== '00ad').join('');
        return kept ? `/ActualText <feff${kept}>` : '/ActualText <>';
      });
      if (cleaned === text) continue;
      replaceStream(document, content, cleaned);
      rewritten++;
    }
  }
  return { rewritten, colourSpaces };
}
