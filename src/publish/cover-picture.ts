import crypto from 'node:crypto';
import path from 'node:path';
import { PDFArray, PDFName, type PDFDocument } from '@cantoo/pdf-lib';
import { pageFingerprints } from '../pdf/page-readings.js';
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

/**
 * How many cover picture files are kept on disk (up to 150 KB each): every edit of a language's cover makes a new
 * picture, kept under two keys, so this keeps the 48 newest.
 */
const KEPT_COVERS = 96;

const made = new Map<string, Promise<CoverPicture | null>>();

/** Where cover pictures are kept between builds, and the version of the tool that made them (part of their key). */
export interface CoverCache {
  folder: string;
  tool: string;
}

/**
 * What a cover picture is made from besides the PDF's bytes: the fingerprint of the screen PDF's first page
 * (page-readings.ts: everything the page draws with), so that a PDF made again with another date, or with
 * another page changed, keeps its picture. Undefined when the page has annotations (which PDFium draws too and
 * the fingerprint leaves out) or the document has optional content (which can hide what the page draws): such
 * a cover is known by the whole PDF only.
 */
export function firstPageKey(document: PDFDocument): string | undefined {
  try {
    const page = document.getPages()[0];
    const annotations = page?.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!page || (annotations && annotations.size() > 0) || document.catalog.has(PDFName.of('OCProperties'))) return undefined;
    return pageFingerprints(document, 1)[0];
  } catch {
    // A page pdf-lib cannot follow through: the cover is known by the whole PDF.
    return undefined;
  }
}

/** A screen PDF whose cover is wanted: its SHA-256, its first page's key when known (firstPageKey), and its bytes. */
export interface CoverSource {
  sha256: string;
  firstPage?: string;
  bytes: () => Promise<Uint8Array | undefined>;
}

/**
 * The cover picture of a screen PDF, made once per process (`npm run dev` writes the download page after every
 * rebuild, and only the languages that changed have a new cover) and, with `cache`, once per first page (or per
 * PDF, when its first page's key is not known): a build of one language makes its cover, not the others', and a
 * rebuild none. A PDF PDFium cannot read has none (null).
 */
export function coverPictureOf(pdf: CoverSource, trimWidthMm: number, cache?: CoverCache): Promise<CoverPicture | null> {
  const keys = [...(pdf.firstPage ? [`page ${pdf.firstPage}`] : []), `pdf ${pdf.sha256}`].map((key) => `${key} ${trimWidthMm}`);
  // Per cache too: a picture made for one project's build is kept in that project's cache, not only in memory.
  const memo = `${keys[0]} ${cache?.folder ?? ''} ${cache?.tool ?? ''}`;
  if (!made.has(memo)) {
    // The oldest go first: a long preview session makes a new cover at every edit.
    if (made.size >= 64) made.delete(made.keys().next().value!);
    made.set(memo, (async () => {
      const files = cache ? keys.map((key) => path.join(cache.folder, `${crypto.createHash('sha256').update(`${cache.tool} ${key}`).digest('hex')}.json`)) : [];
      for (const file of files) {
        const kept = await readCacheFile(file);
        if (!isCoverPicture(kept)) continue;
        await touchCacheFile(file);
        return kept;
      }
      const bytes = await pdf.bytes();
      if (!bytes) return null;
      const picture = await coverPicture(bytes, trimWidthMm);
      // Under both keys: a later build may know this PDF by its bytes only (a language kept from the output).
      for (const file of files) await writeCacheFile(file, JSON.stringify(picture));
      if (cache) await keepNewest(cache.folder, KEPT_COVERS);
      return picture;
    })().catch(() => null));
  }
  return made.get(memo)!;
}

function isCoverPicture(value: unknown): value is CoverPicture {
  const picture = value as Partial<CoverPicture> | undefined;
  return typeof picture?.src === 'string' && picture.src.startsWith('data:image/png;base64,') && Number.isInteger(picture.width) && Number.isInteger(picture.height);
}
