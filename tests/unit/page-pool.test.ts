import { PDFArray, PDFDict, PDFDocument, PDFName } from '@cantoo/pdf-lib';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renumberElementIds } from '../../src/pdf/element-ids.js';
import { LOAD_OPTIONS, SAVE_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { setMetadata } from '../../src/pdf/set-metadata.js';
import { entriesOf, textOf, walkElements } from '../../src/pdf/structure-tree.js';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import { PagePool } from '../../src/render/page-pool.js';
import { printDocument } from '../../src/render/print-document.js';
import { sharedBrowser } from '../helpers/browser.js';

// A table: Chromium gives its header cells IDs (`node` and the DOM node's number) and points at them from the
// data cells' /Headers and the IDTree.
const TABLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Costs</title></head><body>
  <h1>Costs</h1><table><thead><tr><th>Item</th><th>Cost</th></tr></thead><tbody><tr><td>Paper</td><td>10</td></tr><tr><td>Ink</td><td>4</td></tr></tbody></table>
</body></html>`;
// Another document first: many nodes, print styles and a narrow viewport, which the next one must not inherit.
const BEFORE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Before</title><style>@media print { p { color: red } }</style></head><body>
  ${'<p>A paragraph of another document.</p>'.repeat(300)}<table><tr><th>Other</th></tr><tr><td>1</td></tr></table>
</body></html>`;

/** A printed PDF as the build saves it: element IDs numbered, metadata of a fixed date. */
async function settled(pdf: Uint8Array): Promise<{ bytes: Uint8Array; ids: string[]; headers: string[] }> {
  const document = await PDFDocument.load(pdf, LOAD_OPTIONS);
  renumberElementIds(document);
  setMetadata(document, { title: 'Costs', authors: ['Test'], lang: 'en', creator: 'tests', date: new Date(Date.UTC(2021, 4, 31)) });
  const ids: string[] = [];
  const headers: string[] = [];
  walkElements(document, ({ dict }) => {
    const id = textOf(dict.get(PDFName.of('ID')));
    if (id) ids.push(id);
    for (const owner of entriesOf(document, dict.get(PDFName.of('A')))) {
      const list = owner instanceof PDFDict ? owner.lookupMaybe(PDFName.of('Headers'), PDFArray) : undefined;
      for (const header of list?.asArray() ?? []) headers.push(textOf(header)!);
    }
  });
  return { bytes: await document.save(SAVE_OPTIONS), ids, headers };
}

/** The pool as a source that notes every page it lends. */
function watching(pool: PagePool) {
  const opened: Page[] = [];
  const watched = { newPage: async () => opened[opened.push(await pool.newPage()) - 1]!, giveBack: (page: Page) => pool.giveBack(page) };
  return { opened, watched };
}

describe('a page kept for the next document', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await sharedBrowser();
  });
  afterAll(async () => {
    await session.close();
  });

  it('prints a document byte for byte as a new page does, after another document printed in it', async () => {
    const fresh = await settled((await printDocument(new PagePool(session.pages), TABLE, { timeout: 20_000 })).pdf);
    const pool = new PagePool(session.pages);
    const { opened, watched } = watching(pool);
    await printDocument(watched, BEFORE, { timeout: 20_000, columnWidth: 300, beforePrint: async () => undefined });
    const reused = await settled((await printDocument(watched, TABLE, { timeout: 20_000 })).pdf);
    // The same page, whose renderer had numbered the other document's nodes first.
    expect(opened[1]).toBe(opened[0]);
    expect(fresh.ids).toEqual(['node00000001', 'node00000002']);
    expect(fresh.headers).toEqual(['node00000001', 'node00000002', 'node00000001', 'node00000002']);
    expect(Buffer.from(reused.bytes).equals(Buffer.from(fresh.bytes))).toBe(true);
  }, 60_000);

  it('is set back as a new page is: screen media, its first viewport, JavaScript on, requests not intercepted', async () => {
    const pool = new PagePool(session.pages);
    const used = await pool.newPage();
    const viewport = used.viewport();
    await pool.giveBack(used);
    await printDocument(pool, BEFORE, { timeout: 20_000, columnWidth: 300, beforePrint: async () => undefined });
    const again = await pool.newPage();
    expect(again).toBe(used);
    expect(again.viewport()).toEqual(viewport);
    expect(await again.evaluate(() => matchMedia('print').matches)).toBe(false);
    // An image from a data: URL loads, and a script in the page runs.
    await again.setContent('<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" onerror="document.title=\'error\'" onload="document.title=\'loaded\'">');
    expect(await again.title()).toBe('loaded');
    await pool.giveBack(again);
  }, 60_000);

  it('is not kept after a document that failed in it: the next document gets a new page', async () => {
    const pool = new PagePool(session.pages);
    const { opened, watched } = watching(pool);
    await expect(printDocument(watched, TABLE, { timeout: 20_000, beforePrint: () => Promise.reject(new Error('stopped')) })).rejects.toThrow('stopped');
    await printDocument(watched, TABLE, { timeout: 20_000 });
    expect(opened).toHaveLength(2);
    expect(opened[0]!.isClosed()).toBe(true);
    expect(opened[1]).not.toBe(opened[0]);
  }, 60_000);
});
