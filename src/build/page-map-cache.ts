import crypto from 'node:crypto';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from '../cache-files.js';

import type { PageLayout } from '../render/page-layout.js';

export type { PageLayout };

/**
 * Page layouts by the content of the HTML printed: when the same HTML is printed again (a rebuild with
 * --force), the table of contents is filled in from it without predicting. A layout is only a guess: the
 * print is checked against it and printed again when it differs.
 */
export class PageMapCache {
  readonly #folder: string;

  constructor(folder: string) {
    this.#folder = folder;
  }

  static key(html: string): string {
    return crypto.createHash('sha256').update(html).digest('hex');
  }

  async get(key: string): Promise<PageLayout | undefined> {
    const layout = (await readCacheFile(path.join(this.#folder, `${key}.json`))) as Partial<PageLayout> | undefined;
    return typeof layout?.pages === 'object' && layout.pages !== null && Number.isInteger(layout.count) ? (layout as PageLayout) : undefined;
  }

  set(key: string, layout: PageLayout): Promise<void> {
    return writeCacheFile(path.join(this.#folder, `${key}.json`), JSON.stringify(layout));
  }
}
