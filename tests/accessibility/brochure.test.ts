import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import type { PreflightReport } from '../../src/pdf/preflight/report.js';
import { checkAccessibility } from '../../src/pdf/accessibility/check-accessibility.js';
import { languagePassages } from '../../src/pdf/accessibility/language-passages.js';
import { readStructure, textOfNode, languageOf } from '../../src/pdf/accessibility/read-structure.js';
import { readContent } from '../../src/pdf/accessibility/read-content.js';
import { openWithPdfjs } from '../../src/pdf/pdfjs.js';
import { formatPreflight } from '../../src/report/format-preflight.js';
import { LOAD_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { failed } from '../helpers/post-process.js';
import { sharedBuild } from '../helpers/shared-builds.js';

const LANGUAGES = ['en', 'mk', 'sq', 'bs'];

describe('the brochure, as an accessible PDF in every language', () => {
  // The shared build of the real brochure (tests/setup/shared-builds.ts), read only.
  const files = new Map<string, { pdf: Uint8Array; printPdf: Uint8Array; html: string; preflight: PreflightReport[] }>();
  const language = (lang: string) => files.get(lang)!;

  beforeAll(async () => {
    const { out } = await sharedBuild('realBuild');
    for (const lang of LANGUAGES) {
      const at = (name: string) => path.join(out, lang, name);
      files.set(lang, {
        pdf: new Uint8Array(await readFile(at(`circular-economy-${lang}.pdf`))),
        printPdf: new Uint8Array(await readFile(at(`circular-economy-${lang}-print.pdf`))),
        html: await readFile(at('index.html'), 'utf8'),
        preflight: JSON.parse(await readFile(at('preflight.json'), 'utf8')) as PreflightReport[],
      });
    }
  });

  it('has 20 pages in every language, and the preflight table says 11 of 11 for each screen PDF', () => {
    for (const lang of LANGUAGES) {
      expect(language(lang).preflight[0]!.pages, lang).toBe(20);
      const table = formatPreflight(lang, language(lang).preflight);
      expect(table.split('\n')[0]).toContain(`/Lang ${lang}, 30 bookmarks, PDF/UA machine checks: 11 of 11, DeviceRGB`);
    }
  });

  it.each(LANGUAGES)('%s: the screen PDF passes every machine check, and the print PDF too', async (lang) => {
    const passages = languagePassages(language(lang).html, lang);
    const screen = await checkAccessibility(language(lang).pdf, { lang, passages });
    expect(screen.checkpoints.filter((checkpoint) => !checkpoint.passed)).toEqual([]);
    expect(failed(await checkAccessibility(language(lang).printPdf, { lang, passages }))).toEqual([]);
  });

  it.each(LANGUAGES.filter((lang) => lang !== 'en'))('%s: the English titles of the reading list are tagged as English', async (lang) => {
    const passages = languagePassages(language(lang).html, lang);
    expect(passages.map((passage) => passage.text)).toEqual(expect.arrayContaining(['The European Green Deal', 'Sofia Declaration on the Green Agenda for the Western Balkans']));
    expect(new Set(passages.map((passage) => passage.lang))).toEqual(new Set(['en']));
    // In the PDF itself: the element holding the title has /Lang en, while the text around it is in the document's language.
    const document = await PDFDocument.load(language(lang).pdf, LOAD_OPTIONS);
    const pdf = await openWithPdfjs(language(lang).pdf);
    const pages = await readContent(pdf);
    await pdf.destroy();
    const textAt = (page: number | undefined, mcid: number) => (page ? (pages[page - 1]?.sequences.get(mcid)?.text ?? '') : '');
    const structure = readStructure(document);
    const holder = structure.elements.find((element) => element.lang === 'en' && textOfNode(element, textAt).replace(/\s+/g, '') === 'TheEuropeanGreenDeal')!;
    expect(holder).toBeDefined();
    expect(languageOf(holder.parent)).toBe(lang);
  });

  it('tags what the issue found wrong in Chromium\'s PDF the way PDF/UA expects', async () => {
    const document = await PDFDocument.load(language('en').pdf, LOAD_OPTIONS);
    const { elements } = readStructure(document);
    const count = (type: string) => elements.filter((element) => element.type === type).length;
    // No NonStruct, no Form for the paper tick boxes; list items have bodies.
    expect([count('NonStruct'), count('Form')]).toEqual([0, 0]);
    expect(elements.filter((element) => element.type === 'LI').every((item) => item.kids.some((kid) => kid.kind === 'element' && kid.node.type === 'LBody'))).toBe(true);
    // Figures: the diagram, with its alternate text; the seven icons are artifacts, and the partners' marks are
    // typeset text until their logos come (placeholders), not figures.
    expect(elements.filter((element) => element.type === 'Figure').map((figure) => figure.alt)).toEqual([expect.stringMatching(/^Diagram comparing a linear economy/)]);
  });
});
