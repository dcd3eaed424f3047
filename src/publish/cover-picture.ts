import { pngDataUrl } from '../compare/encode-png.js';
import { renderPages } from '../compare/render-pages.js';

/** A cover picture: a PNG data: URL and its size in pixels. */
export interface CoverPicture {
  src: string;
  width: number;
  height: number;
}

/** Width of the cover picture in pixels: shown 120 CSS pixels wide on the download page, sharp on a phone. */
const WIDTH = 240;

/**
 * The cover of a screen PDF as a small picture for the download page (a PNG data: URL, so that the page still
 * loads nothing): its first page rendered by PDFium, so it is always the cover as printed, in every language.
 */
export async function coverPicture(pdf: Uint8Array, trimWidthMm: number): Promise<CoverPicture> {
  const dpi = (WIDTH * 25.4) / trimWidthMm;
  const [page] = await renderPages(pdf, dpi, { first: 1 });
  if (!page) throw new Error('the screen PDF has no page');
  return { src: pngDataUrl(page), width: page.width, height: page.height };
}

const made = new Map<string, Promise<CoverPicture | null>>();

/**
 * The cover picture of the screen PDF whose SHA-256 is `sha256`, made once per process: `npm run dev` writes
 * the download page after every rebuild, and only the languages that changed have a new cover. A PDF PDFium
 * cannot read has none (null).
 */
export function coverPictureOf(sha256: string, pdf: () => Promise<Uint8Array | undefined>, trimWidthMm: number): Promise<CoverPicture | null> {
  const key = `${sha256} ${trimWidthMm}`;
  if (!made.has(key)) {
    // The oldest go first: a long preview session makes a new cover at every edit.
    if (made.size >= 64) made.delete(made.keys().next().value!);
    made.set(key, pdf().then((bytes) => (bytes ? coverPicture(bytes, trimWidthMm) : null)).catch(() => null));
  }
  return made.get(key)!;
}
