import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { printUntilStable } from '../../src/build/print-until-stable.js';
import type { PageMapCache } from '../../src/build/page-map-cache.js';
import type { PageLayout } from '../../src/render/page-layout.js';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import { makeProject } from '../helpers/project.js';
import { sharedBrowser } from '../helpers/browser.js';

/** A layout store that answers with a given layout and records what it is told. */
function store(answer: PageLayout | undefined) {
  const saved: PageLayout[] = [];
  return { saved, layouts: { get: async () => answer, set: async (_key: string, layout: PageLayout) => void saved.push(layout) } as unknown as PageMapCache };
}

const TEXT_AREA = { width: (120 * 96) / 25.4, height: (179 * 96) / 25.4 };

describe('printing until the contents settle', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let session: BrowserSession;
  let printHtml: string;

  beforeAll(async () => {
    project = await makeProject('basic');
    const result = await build({ root: project.root, languages: ['en'], print: false, write: false });
    // The print HTML as the templates make it: contents without numbers, no padding yet.
    printHtml = result.languages[0]!.printHtml!;
    expect(printHtml).toContain('<span class="toc-page" data-target="intro-introduction"></span>');
    session = await sharedBrowser();
  });
  afterAll(async () => {
    await session?.close();
    await project?.cleanup();
  });

  it('prints once: the page numbers predicted from a layout in columns are those of the print', async () => {
    const { saved, layouts } = store(undefined);
    const stable = await printUntilStable(session.pages, printHtml, { layouts, textArea: TEXT_AREA });
    expect(stable.prints).toBe(1);
    expect(stable.layout.pages).toMatchObject({ "intro-introduction": 3, "details-details": 4 });
    expect(saved).toEqual([stable.layout]);
  });

  it('corrects a wrong guess (a stale layout): prints again and fills in where the headings really are', async () => {
    const { saved, layouts } = store({ pages: { "intro-introduction": 5, "details-details": 9 }, count: 10 });
    const told: Array<[number, string | undefined]> = [];
    const stable = await printUntilStable(session.pages, printHtml, { layouts, textArea: TEXT_AREA, onPrint: (count, moved) => told.push([count, moved]) });
    expect(stable.prints).toBe(2);
    // The second print says what moved (shown as `en print again (the contents moved: …)`).
    expect(told).toEqual([[1, undefined], [2, '#intro-introduction, page 5 → 3']]);
    expect(stable.layout.pages).toMatchObject({ "intro-introduction": 3, "details-details": 4 });
    expect(stable.html).toContain('<span class="toc-page" data-target="intro-introduction">3</span>');
    expect(stable.html).not.toContain('data-target="details-details">9<');
    expect(stable.pdf.getPageCount() % 4).toBe(0);
    expect(saved).toEqual([stable.layout]);
  });
});
