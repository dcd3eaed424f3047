import type { Page, Viewport } from 'puppeteer-core';

/**
 * Where a build opens its pages: a launched browser or its own context in a browser service, through a
 * PagePool. A page that went through a document whole is given back to a source that takes pages back, and
 * closed otherwise.
 */
export interface PageSource {
  newPage(): Promise<Page>;
  giveBack?(page: Page): Promise<void>;
}

/**
 * The pages of one session, kept open from one document to the next: every new page starts a renderer
 * process, which cost more CPU than printing a short brochure (measured: 0.5 s of CPU and 0.3 s of wall time a
 * page on a 2-core VM). A page is given back only after a document went through it without a failure, and is
 * set back then as a new page is: screen media, the viewport it was opened with, JavaScript on, no request
 * interception, no listeners. The next document replaces the one before it whole, and prints byte for byte
 * as in a new page (tests/unit/page-pool.test.ts).
 */
export class PagePool implements PageSource {
  readonly #opener: PageSource;
  readonly #free: Page[] = [];
  readonly #viewports = new WeakMap<Page, Viewport | null>();

  constructor(opener: PageSource) {
    this.#opener = opener;
  }

  /** A page given back earlier, or else a new one. */
  async newPage(): Promise<Page> {
    for (let page = this.#free.pop(); page; page = this.#free.pop()) if (!page.isClosed()) return page;
    const page = await this.#opener.newPage();
    this.#viewports.set(page, page.viewport());
    return page;
  }

  /**
   * Gives a page back for the next document, after one that went through it whole; a page that cannot be set
   * back (its renderer gone) is closed instead.
   */
  async giveBack(page: Page): Promise<void> {
    if (page.isClosed()) return;
    for (const event of ['request', 'pageerror', 'console'] as const) page.removeAllListeners(event);
    try {
      const viewport = this.#viewports.get(page);
      await Promise.all([
        page.setRequestInterception(false),
        page.setJavaScriptEnabled(true),
        page.emulateMediaType(),
        viewport ? page.setViewport(viewport) : undefined,
      ]);
      this.#free.push(page);
    } catch {
      await page.close().catch(() => undefined);
    }
  }
}

/**
 * Runs `work` in a page of `source`. The page is given back for the next document when the work went through
 * whole and the source takes pages back (a PagePool), and closed otherwise: a document that failed or was
 * stopped may have left it in any state.
 */
export async function inPage<T>(source: PageSource, work: (page: Page) => Promise<T>): Promise<T> {
  const page = await source.newPage();
  let result: T;
  try {
    result = await work(page);
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
  await (source.giveBack ? source.giveBack(page) : page.close().catch(() => undefined));
  return result;
}
