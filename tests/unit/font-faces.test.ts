import { describe, expect, it } from 'vitest';
import { fontCssFor, fontFaces, listFontFiles } from '../../src/templates/font-faces.js';

/** The subsets (latin, cyrillic…) whose @font-face rules `css` has, by the first range of their unicode-range. */
function subsetsIn(css: string): string[] {
  const first: Record<string, string> = { 'U+0000': 'latin', 'U+0100': 'latin-ext', 'U+0301': 'cyrillic', 'U+0460': 'cyrillic-ext' };
  return [...new Set([...css.matchAll(/unicode-range:(U\+[0-9A-F]{4})/g)].map((match) => first[match[1]!] ?? match[1]!))].sort();
}

describe('the fonts a page gets', () => {
  it('are the faces of the characters it has, in every weight and style, and no others', async () => {
    const faces = await fontFaces();
    const files = await listFontFiles();
    expect(faces).toHaveLength(files.length);
    expect(subsetsIn(fontCssFor(faces, '<p>Circular economy for SMEs: “repair” — 3 €</p>'))).toEqual(['latin']);
    expect(subsetsIn(fontCssFor(faces, '<p>Кружна економија · Shqip</p>'))).toEqual(['cyrillic', 'latin']);
    expect(subsetsIn(fontCssFor(faces, '<p>Cirkularna ekonomija: ponovna upotreba, popravak, č ć š ž đ</p>'))).toEqual(['latin', 'latin-ext']);
    // Each subset in all seven faces (regular, italic, semibold, bold; serif regular, italic, bold).
    expect(fontCssFor(faces, 'ж').match(/@font-face/g)).toHaveLength(7);
    expect(fontCssFor(faces, '')).toBe('');
  });
});
