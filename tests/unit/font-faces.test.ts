import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontCssFor, fontFaces, listFontFiles } from '../../src/templates/font-faces.js';
import { fontCoverage } from '../../src/templates/font-coverage.js';

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

describe('the fonts\' coverage kept in the cache', () => {
  it('reads a damaged cache file as none: the coverage is read from the fonts and written again', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'font-coverage-'));
    try {
      const file = path.join(folder, 'font-coverage.json');
      await writeFile(file, '{"key": ');
      // One font file of its own, so that no coverage of this process stands in for the file's.
      const [one] = (await listFontFiles()).filter((font) => font.subset === 'latin' && font.weight === 400 && font.style === 'normal');
      const coverage = await fontCoverage(file, [one!]);
      expect(coverage.has('A'.codePointAt(0)!)).toBe(true);
      expect((JSON.parse(await readFile(file, 'utf8')) as { codePoints: number[] }).codePoints).toHaveLength(coverage.size);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
