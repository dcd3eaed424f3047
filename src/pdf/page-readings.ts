import crypto from 'node:crypto';
import path from 'node:path';
import { PDFArray, PDFDict, PDFName, PDFPageLeaf, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { keepNewest, readCacheFile, touchCacheFile, writeCacheFile } from '../cache-files.js';
import { withPdfjs } from './pdfjs.js';

/** Something read from each page with pdf.js (the lines set, the marked content), and how it is kept on disk. */
export interface PageReader<T> {
  /** Names the reading in the keys of the cache. */
  name: string;
  read(page: PDFPageProxy, number: number): Promise<T>;
  toJson(value: T): unknown;
  /** A kept reading as the page numbered `number` (1-based): a page can be the same as one elsewhere. */
  fromJson(json: unknown, number: number): T;
}

/**
 * Readings of pages by the page's content. Reading a page with pdf.js is the costly part of the checks of a
 * screen PDF, and most pages of a rebuild are the same as before: an edited paragraph changes its page, a
 * rebuild with --force none. What a reader makes of a page depends on nothing but what the page draws with (its
 * content, resources, fonts, images and boxes: its fingerprint) and on the tool's code and packages (`tool`),
 * so a reading kept under both is the reading pdf.js would give again. The checks still run on every page.
 */
export class PageReadingCache {
  readonly #folder: string;
  readonly #tool: Promise<string>;

  constructor(folder: string, tool: Promise<string>) {
    this.#folder = folder;
    this.#tool = tool;
  }

  async key(reader: string, fingerprint: string): Promise<string> {
    // Node and its ICU too: pdf.js normalises text with String.prototype.normalize.
    const runtime = `node ${process.versions.node} icu ${process.versions.icu ?? ''}`;
    return crypto.createHash('sha256').update(`${await this.#tool}\n${runtime}\n${reader}\n${fingerprint}`).digest('hex');
  }

  /** The reading kept under `key`; undefined when there is none, or it cannot be read or is not that key's. */
  async get(key: string): Promise<unknown> {
    const file = path.join(this.#folder, `${key}.json`);
    const kept = (await readCacheFile(file)) as { key?: unknown; reading?: unknown } | undefined;
    if (kept?.key !== key) return undefined;
    await touchCacheFile(file);
    return kept.reading;
  }

  /** Keeps the readings written or used last (KEPT_READINGS), so that the cache does not grow with every edit. */
  prune(): Promise<void> {
    return keepNewest(this.#folder, KEPT_READINGS);
  }

  async set(key: string, reading: unknown): Promise<void> {
    let exact = true;
    // JSON has no NaN or Infinity (they would come back as null): such a reading is not kept.
    const text = JSON.stringify({ key, reading }, (_name, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? ((exact = false), null) : value));
    if (exact) await writeCacheFile(path.join(this.#folder, `${key}.json`), text);
  }
}

/** How many readings are kept: two a page, of a thousand pages (about 12 MB). */
const KEPT_READINGS = 2000;

/**
 * Keys left out wherever they are: a page's place in the page tree and its annotations (which no reading reads),
 * and the back references of annotations and structure elements to their page.
 */
const NOT_DRAWN = new Set(['/Parent', '/Annots', '/P']);

/**
 * A SHA-256 of each page: of everything the page's dictionary leads to (content streams, resources, fonts,
 * images, boxes) but its parent and annotations, by content, not by object number, so that a page whose objects
 * were only renumbered keeps its fingerprint. With `count`, only the first `count` pages'.
 */
export function pageFingerprints(document: PDFDocument, count = Infinity): string[] {
  const digests = new Map<string, string>();
  // The objects being hashed, outermost first.
  const open: string[] = [];
  /** The digest of an object, and whether it loops back to an object being hashed (then it is not kept). */
  const digest = (object: PDFObject | undefined): { hash: string; loops: boolean } => {
    const hash = crypto.createHash('sha256');
    let loops = false;
    const add = (value: PDFObject | undefined): void => {
      if (value instanceof PDFRef) {
        const ref = value.toString();
        const depth = open.indexOf(ref);
        // A loop back to an object being hashed, which is in the hash already: which one it is counts.
        if (depth >= 0) {
          loops = true;
          return void hash.update(`loop ${depth};`);
        }
        let known = digests.get(ref);
        if (!known) {
          open.push(ref);
          const inner = digest(document.context.lookup(value));
          open.pop();
          // A digest made with a loop cut short depends on where the hashing started: not kept for others.
          if (inner.loops) loops = true;
          else digests.set(ref, inner.hash);
          known = inner.hash;
        }
        hash.update(`ref ${known};`);
      } else if (value instanceof PDFRawStream) {
        add(value.dict);
        hash.update(`stream ${value.contents.length};`).update(value.contents);
      } else if (value instanceof PDFDict) {
        hash.update('<<');
        for (const [key, entry] of value.entries()) {
          if (NOT_DRAWN.has(key.asString())) continue;
          hash.update(`${key.asString()} `);
          add(entry);
        }
        hash.update('>>');
      } else if (value instanceof PDFArray) {
        hash.update('[');
        for (const entry of value.asArray()) add(entry);
        hash.update(']');
      } else if (value instanceof PDFName) {
        hash.update(`${value.asString()} `);
      } else {
        hash.update(`${String(value)} `);
      }
    };
    add(object);
    return { hash: hash.digest('hex'), loops };
  };
  // What a page inherits from the page tree (resources, boxes, rotation) counts as the page's own.
  const inherited = (node: PDFPageLeaf) => PDFPageLeaf.InheritableEntries.map((name) => `${name} ${digest(node.getInheritableAttribute(PDFName.of(name))).hash}`).join(';');
  return document.getPages().slice(0, count).map((page) => crypto.createHash('sha256').update(`${digest(page.node).hash};${inherited(page.node)}`).digest('hex'));
}

/**
 * What each reader makes of every page of a PDF (`document` is the same PDF loaded with pdf-lib): kept readings
 * for pages whose fingerprint is known, pdf.js for the others (not even loaded when every page is known). New
 * readings are kept; a cache that cannot be written only costs time.
 */
export async function readPages<R extends Record<string, unknown>>(
  bytes: Uint8Array,
  document: PDFDocument,
  readers: { [K in keyof R]: PageReader<R[K]> },
  cache: PageReadingCache | undefined,
): Promise<{ [K in keyof R]: Array<R[K]> }> {
  const names = Object.keys(readers) as Array<keyof R & string>;
  // A PDF whose pages pdf-lib cannot fingerprint is read whole, as without a cache.
  const fingerprints = cache && fingerprintsOrNothing(document);
  if (!cache || !fingerprints) return withPdfjs(bytes, (pdf) => readAll(pdf, readers, names));
  const results = Object.fromEntries(names.map((name) => [name, new Array(fingerprints.length)])) as { [K in keyof R]: Array<R[K]> };
  const missing: Array<{ name: keyof R & string; index: number; key: string }> = [];
  await Promise.all(
    names.flatMap((name) =>
      fingerprints.map(async (fingerprint, index) => {
        const key = await cache.key(readers[name].name, fingerprint);
        const kept = await cache.get(key);
        const reading = kept === undefined ? undefined : restore(readers[name], kept, index + 1);
        if (reading === undefined) missing.push({ name, index, key });
        else results[name][index] = reading;
      }),
    ),
  );
  if (missing.length === 0) return results;
  const pages = [...new Set(missing.map((entry) => entry.index))].sort((a, b) => a - b);
  return withPdfjs(bytes, async (pdf) => {
    // pdf-lib and pdf.js see different pages: read them all with pdf.js, and keep nothing.
    if (pdf.numPages !== fingerprints.length) return readAll(pdf, readers, names);
    for (const index of pages) {
      const page = await pdf.getPage(index + 1);
      for (const entry of missing.filter((wanted) => wanted.index === index)) results[entry.name][index] = await readers[entry.name].read(page, index + 1);
      page.cleanup();
    }
    await Promise.all(missing.map((entry) => cache.set(entry.key, readers[entry.name].toJson(results[entry.name][entry.index]!))));
    await cache.prune();
    return results;
  });
}

/** A kept reading, or undefined when it is not one this reader can restore (a cache written by hand, or damaged). */
function restore<T>(reader: PageReader<T>, kept: unknown, number: number): T | undefined {
  try {
    return reader.fromJson(kept, number);
  } catch {
    return undefined;
  }
}

function fingerprintsOrNothing(document: PDFDocument): string[] | undefined {
  try {
    return pageFingerprints(document);
  } catch {
    return undefined;
  }
}

/** What one reader makes of every page of a PDF open in pdf.js, without a cache. */
export async function readEveryPage<T>(pdf: PDFDocumentProxy, reader: PageReader<T>): Promise<T[]> {
  return (await readAll(pdf, { only: reader }, ['only'])).only;
}

/** Every page read with pdf.js by every reader. */
async function readAll<R extends Record<string, unknown>>(pdf: PDFDocumentProxy, readers: { [K in keyof R]: PageReader<R[K]> }, names: Array<keyof R & string>): Promise<{ [K in keyof R]: Array<R[K]> }> {
  const results = Object.fromEntries(names.map((name) => [name, [] as unknown[]])) as { [K in keyof R]: Array<R[K]> };
  for (let number = 1; number <= pdf.numPages; number++) {
    const page = await pdf.getPage(number);
    for (const name of names) results[name].push(await readers[name].read(page, number));
    page.cleanup();
  }
  return results;
}
