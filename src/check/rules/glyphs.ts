import type { VFile } from 'vfile';
import { reportError } from '../../report/messages.js';
import type { Rule } from '../context.js';

/** Characters the build replaces or that are not drawn: white space, joiners, the non-breaking hyphen. */
const HANDLED = /[\s\u00ad\u200b-\u200d\u2060\u2011\ufeff]/u;

/** Characters named per file; a file of thousands of them (another script altogether) gets one more message. */
const MAX_REPORTED = 20;

function check(file: VFile, text: string, coverage: Set<number>, lineOffset = 0): void {
  const seen = new Set<string>();
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    for (let column = 0; column < line.length; ) {
      const codePoint = line.codePointAt(column)!;
      const char = String.fromCodePoint(codePoint);
      if (!HANDLED.test(char) && !coverage.has(codePoint) && !seen.has(char)) {
        seen.add(char);
        if (seen.size > MAX_REPORTED) {
          column += char.length;
          continue;
        }
        const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
        reportError(file, `Unexpected character \`${char}\` (U+${hex}), the brochure's fonts cannot print it`, {
          ruleId: 'glyph',
          place: { line: index + 1 + lineOffset, column: column + 1 },
          hint: 'Replace it with a character the fonts have (for example a plain hyphen or quotation mark), or it prints in a fallback font or as a box.',
        });
      }
      column += char.length;
    }
  });
  if (seen.size > MAX_REPORTED) {
    reportError(file, `Unexpected ${seen.size - MAX_REPORTED} more characters that the brochure's fonts cannot print`, {
      ruleId: 'glyph',
      hint: 'The text is probably in a script the fonts do not cover, or not text at all.',
    });
  }
}

/** Glyph coverage: every character a language prints is in the bundled fonts (read from their cmaps). */
export const glyphs: Rule = ({ language, coverage }) => {
  for (const { file } of language.parsed.values()) check(file, String(file.value), coverage);
  check(language.strings, String(language.strings.value), coverage);
  for (const figure of language.figures) check(figure, svgText(String(figure.value)), coverage);
};

/** The text of an SVG figure (labels, title, description) with its markup as spaces, so that positions stay right. */
function svgText(svg: string): string {
  return svg.replace(/<[^>]*>/g, (tag) => tag.replace(/[^\n]/g, ' ')).replace(/&[a-z]+;|&#\d+;/g, (entity) => ' '.repeat(entity.length));
}
