import crypto from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import path from 'node:path';

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
    try {
      return JSON.parse(await readFile(path.join(this.#folder, `${key}.json`), 'utf8')) as PageLayout;
    } catch {
      return undefined;
    }
  }

  async set(key: string, layout: PageLayout): Promise<void> {
    await mkdir(this.#folder, { recursive: true });
    // Renamed into place, so that a build running at the same time never reads half a file.
    await writeFileAtomic(path.join(this.#folder, `${key}.json`), JSON.stringify(layout));
  }
}
