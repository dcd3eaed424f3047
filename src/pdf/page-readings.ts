import crypto from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFArray, PDFDict, PDFName, PDFPageLeaf, PDFRawStream, PDFRef, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import writeFileAtomic from 'write-file-atomic';
import { keepNewest } from '../keep-newest.js';
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
    return crypto.createHash('sha256').update(`${await this.#tool}\n${reader}\n${fingerprint}`).digest('hex');
  }

  /** The reading kept under `key`; undefined when there is none, or it cannot be read or is not that key's. */
  async get(key: string): Promise<unknown> {
    try {
      const kept = JSON.parse(await readFile(path.join(this.#folder, `${key}.json`), 'utf8')) as { key?: unknown; reading?: unknown };
      return kept.key === key ? kept.reading : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps the newest readings (KEPT_READINGS), so that the cache does not grow with every edit. */
  prune(): Promise<void> {
    return keepNewest(this.#folder, KEPT_READINGS);
  }

  async set(key: string, reading: unknown): Promise<void> {
    await mkdir(this.#folder, { recursive: true });
    // Renamed into place, so that a build running at the same time never reads half a file.
    await writeFileAtomic(path.join(this.#folder, `${key}.json`), JSON.stringify({ key, reading }));
  }
}

/** How many readings are kept: two a page, of a thousand pages (about 12 MB). */
const KEPT_READINGS = 2000;

/** Keys of a page that are not what it draws: its place in the page tree, its annotations, back references. */
const NOT_DRAWN = new Set(['/Parent', '/Annots', '/P']);

/**
 * A SHA-256 of each page: of everything the page's dictionary leads to (content streams, resources, fonts,
 * images, boxes) but its parent and annotations, by content, not by object number, so that a page whose objects
 * were only renumbered keeps its fingerprint.
 */
export function pageFingerprints(document: PDFDocument): string[] {
  const digests = new Map<string, string>();
  const open = new Set<string>();
  const digest = (object: PDFObject | undefined): string => {
    const hash = crypto.createHash('sha256');
    const add = (value: PDFObject | undefined): void => {
      if (value instanceof PDFRef) {
        const ref = value.toString();
        // A loop back to an object being hashed: that object is in the hash already.
        if (open.has(ref)) return void hash.update('loop;');
        let known = digests.get(ref);
        if (!known) {
          open.add(ref);
          known = digest(document.context.lookup(value));
          open.delete(ref);
          digests.set(ref, known);
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
    return hash.digest('hex');
  };
  // What a page inherits from the page tree (resources, boxes, rotation) counts as the page's own.
  const inherited = (node: PDFPageLeaf) => PDFPageLeaf.InheritableEntries.map((name) => `${name} ${digest(node.getInheritableAttribute(PDFName.of(name)))}`).join(';');
  return document.getPages().map((page) => crypto.createHash('sha256').update(`${digest(page.node)};${inherited(page.node)}`).digest('hex'));
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
  const fingerprints = pageFingerprints(document);
  const results = Object.fromEntries(names.map((name) => [name, new Array(fingerprints.length)])) as { [K in keyof R]: Array<R[K]> };
  const missing: Array<{ name: keyof R & string; index: number; key?: string }> = [];
  await Promise.all(
    names.flatMap((name) =>
      fingerprints.map(async (fingerprint, index) => {
        const key = cache ? await cache.key(readers[name].name, fingerprint) : undefined;
        const kept = key ? await cache!.get(key) : undefined;
        const reading = kept === undefined ? undefined : restore(readers[name], kept, index + 1);
        if (reading === undefined) missing.push({ name, index, key });
        else results[name][index] = reading;
      }),
    ),
  );
  if (missing.length === 0) return results;
  const pages = [...new Set(missing.map((entry) => entry.index))].sort((a, b) => a - b);
  await withPdfjs(bytes, async (pdf) => {
    for (const index of pages) {
      const page = await pdf.getPage(index + 1);
      for (const entry of missing.filter((wanted) => wanted.index === index)) results[entry.name][index] = await readers[entry.name].read(page, index + 1);
      page.cleanup();
    }
  });
  if (cache) {
    await Promise.all(missing.map((entry) => cache.set(entry.key!, readers[entry.name].toJson(results[entry.name][entry.index]!)))).catch(() => undefined);
    await cache.prune();
  }
  return results;
}

/** A kept reading, or undefined when it is not one this reader can restore (a cache written by hand, or damaged). */
function restore<T>(reader: PageReader<T>, kept: unknown, number: number): T | undefined {
  try {
    return reader.fromJson(kept, number);
  } catch {
    return undefined;
  }
}
