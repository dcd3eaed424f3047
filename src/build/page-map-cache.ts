import crypto from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import writeFileAtomic from 'write-file-atomic';
import path from 'node:path';

/** Where the headings of a document landed: page per heading id (and photo id), and the page count. */
export interface PageLayout {
  pages: Record<string, number>;
  count: number;
}

/**
 * Page layouts by the content of the HTML printed: when the same HTML is printed again (a rebuild with
 * --force, another variant), the table of contents can be filled in before the first print, which then is
 * the only one. A layout is only a guess: the print is checked against it and printed again when it differs.
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
