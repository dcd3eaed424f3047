import { pngDataUrl } from '../compare/encode-png.js';
import { renderPages } from '../compare/render-pages.js';

/** Width of the cover picture in pixels: shown 120 CSS pixels wide on the download page, sharp on a phone. */
const WIDTH = 240;

/**
 * The cover of a screen PDF as a small picture for the download page (a PNG data: URL, so that the page still
 * loads nothing): its first page rendered by PDFium, so it is always the cover as printed, in every language.
 */
export async function coverPicture(pdf: Uint8Array, trimWidthMm: number): Promise<{ src: string; width: number; height: number }> {
  const dpi = (WIDTH * 25.4) / trimWidthMm;
  const [page] = await renderPages(pdf, dpi, { first: 1 });
  if (!page) throw new Error('the screen PDF has no page');
  return { src: pngDataUrl(page), width: page.width, height: page.height };
}
