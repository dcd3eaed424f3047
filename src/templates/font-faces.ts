import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

/** A font family bundled from @fontsource, with the weights and styles the stylesheet uses. */
export interface BundledFamily {
  family: string;
  /** The @fontsource package, such as `@fontsource/noto-sans`. */
  package: string;
  faces: Array<{ weight: number; style: 'normal' | 'italic' }>;
}

/**
 * The fonts of the brochure. Noto covers Latin Extended and Cyrillic (with Macedonian local forms), so every
 * partner language prints in the same typeface; nothing is taken from the system or the web.
 */
export const BUNDLED_FAMILIES: BundledFamily[] = [
  {
    family: 'Noto Sans',
    package: '@fontsource/noto-sans',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 400, style: 'italic' },
      { weight: 600, style: 'normal' },
      { weight: 700, style: 'normal' },
    ],
  },
  {
    family: 'Noto Serif',
    package: '@fontsource/noto-serif',
    faces: [
      { weight: 400, style: 'normal' },
      { weight: 400, style: 'italic' },
      { weight: 700, style: 'normal' },
    ],
  },
];

/** Unicode subsets embedded: what English, Macedonian, Albanian and Bosnian need, with room for more. */
export const SUBSETS = ['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'];

const require = createRequire(import.meta.url);

/** One font file with the characters it covers. */
export interface FontFile {
  family: string;
  weight: number;
  style: string;
  subset: string;
  file: string;
  unicodeRange: string;
}

/** Lists the woff2 files of the bundled families, read from @fontsource's own CSS. */
export async function listFontFiles(families: BundledFamily[] = BUNDLED_FAMILIES): Promise<FontFile[]> {
  const files: FontFile[] = [];
  for (const family of families) {
    const folder = path.dirname(require.resolve(`${family.package}/package.json`));
    for (const face of family.faces) {
      const css = await readFile(path.join(folder, `${face.weight}${face.style === 'italic' ? '-italic' : ''}.css`), 'utf8');
      for (const block of css.split('@font-face').slice(1)) {
        const file = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block)?.[1];
        const unicodeRange = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
        const subset = file ? SUBSETS.find((name) => file.includes(`-${name}-${face.weight}-`)) : undefined;
        if (!file || !unicodeRange || !subset) continue;
        files.push({ family: family.family, weight: face.weight, style: face.style, subset, file: path.join(folder, 'files', file), unicodeRange });
      }
    }
  }
  return files;
}

/** One @font-face rule, with the code points its file covers (its unicode-range). */
export interface FontFace {
  css: string;
  ranges: Array<[number, number]>;
}

/** @font-face rules with the fonts inlined as data: URLs, so the page needs no request to get them. */
export async function fontFaces(files?: FontFile[]): Promise<FontFace[]> {
  const list = files ?? (await listFontFiles());
  return Promise.all(
    list.map(async (font) => {
      const data = (await readFile(font.file)).toString('base64');
      return {
        css: `@font-face{font-family:'${font.family}';font-style:${font.style};font-weight:${font.weight};font-display:block;src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${font.unicodeRange};}`,
        ranges: unicodeRanges(font.unicodeRange),
      };
    }),
  );
}

/**
 * The rules of the faces that cover a character of `text` (a page's HTML, its styles included), nothing else.
 * Chromium loads a face only for the characters of its unicode-range that a page uses, so the others change
 * nothing printed; left out, they no longer make every page a megabyte of font data (an English page has no
 * use for the Cyrillic files) that the browser receives, parses and keeps, and the web page is that much smaller.
 */
export function fontCssFor(faces: FontFace[], text: string): string {
  const points = codePoints(text);
  return faces.filter((face) => points.some((point) => face.ranges.some(([from, to]) => point >= from && point <= to))).map((face) => face.css).join('\n');
}

/** The code points a text has, each once, in order of their values. (A page's HTML is a megabyte: no array of its characters.) */
function codePoints(text: string): number[] {
  const seen = new Uint8Array(0x110000);
  for (let index = 0; index < text.length; index++) {
    const point = text.codePointAt(index)!;
    seen[point] = 1;
    if (point > 0xffff) index++;
  }
  const points: number[] = [];
  for (let point = 0; point < seen.length; point++) if (seen[point]) points.push(point);
  return points;
}

/** A CSS unicode-range (`U+0000-00FF, U+0131, U+4??`) as ranges of code points. */
function unicodeRanges(value: string): Array<[number, number]> {
  return value.split(',').map((part) => {
    const [from, to = from] = part.trim().replace(/^U\+/i, '').split('-') as [string, string?];
    return [parseInt(from.replace(/\?/g, '0'), 16), parseInt(to.replace(/\?/g, 'F'), 16)];
  });
}
