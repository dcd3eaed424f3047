import crypto from 'node:crypto';
import path from 'node:path';
import { pngDataUrl } from '../compare/encode-png.js';
import { keepNewest, readCacheFile, touchCacheFile, writeCacheFile } from '../cache-files.js';
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

/** How many cover pictures are kept on disk (a few MB): every edit of a language makes a new one. */
const KEPT_COVERS = 48;

const made = new Map<string, Promise<CoverPicture | null>>();

/** Where cover pictures are kept between builds, and the version of the tool that made them (part of their key). */
export interface CoverCache {
  folder: string;
  tool: string;
}

/**
 * The cover picture of the screen PDF whose SHA-256 is `sha256`, made once per process (`npm run dev` writes
 * the download page after every rebuild, and only the languages that changed have a new cover) and, with
 * `cache`, once per PDF: a build of one language makes its cover, not the others'. A PDF PDFium cannot read has
 * none (null).
 */
export function coverPictureOf(sha256: string, pdf: () => Promise<Uint8Array | undefined>, trimWidthMm: number, cache?: CoverCache): Promise<CoverPicture | null> {
  const key = `${sha256} ${trimWidthMm}`;
  // Per cache too: a picture made for one project's build is kept in that project's cache, not only in memory.
  const memo = `${key} ${cache?.folder ?? ''} ${cache?.tool ?? ''}`;
  if (!made.has(memo)) {
    // The oldest go first: a long preview session makes a new cover at every edit.
    if (made.size >= 64) made.delete(made.keys().next().value!);
    made.set(memo, (async () => {
      const file = cache && path.join(cache.folder, `${crypto.createHash('sha256').update(`${cache.tool} ${key}`).digest('hex')}.json`);
      const kept = file ? await readCacheFile(file) : undefined;
      if (isCoverPicture(kept)) {
        await touchCacheFile(file!);
        return kept;
      }
      const bytes = await pdf();
      if (!bytes) return null;
      const picture = await coverPicture(bytes, trimWidthMm);
      if (file) {
        await writeCacheFile(file, JSON.stringify(picture));
        await keepNewest(cache.folder, KEPT_COVERS);
      }
      return picture;
    })().catch(() => null));
  }
  return made.get(memo)!;
}

function isCoverPicture(value: unknown): value is CoverPicture {
  const picture = value as Partial<CoverPicture> | undefined;
  return typeof picture?.src === 'string' && picture.src.startsWith('data:image/png;base64,') && Number.isInteger(picture.width) && Number.isInteger(picture.height);
}
