import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { build, type BuildResult, type LanguageResult } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import { printDocument } from '../../src/render/print-document.js';
import { checkAccessibility } from '../../src/pdf/accessibility/check-accessibility.js';
import { structureFingerprint } from '../../src/pdf/accessibility/fingerprint.js';
import { readXmp } from '../../src/pdf/accessibility/checkpoints/document.js';
import { LOAD_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { clean, makeProject } from '../helpers/project.js';
import { failed, postProcess } from '../helpers/post-process.js';
import { sharedBrowser } from '../helpers/browser.js';

const ENV = { ...process.env, SOURCE_DATE_EPOCH: '1622505600' };
const checks = (result: LanguageResult, variant: string) => result.preflight!.find((report) => report.variant === variant)!.checks;

let session: BrowserSession;
beforeAll(async () => {
  session = await sharedBrowser();
});
afterAll(async () => {
  await session?.close();
});

describe('the basic fixture, English reviewed by a person', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let result: BuildResult;
  let out: string;
  const language = (lang: string) => result.languages.find((entry) => entry.lang === lang)!;

  beforeAll(async () => {
    project = await makeProject('basic', 'accessibility-reviewed');
    out = await mkdtemp(path.join(os.tmpdir(), 'brochure-accessibility-out-'));
    result = await build({ root: project.root, outDir: out, cache: false, env: ENV });
  });
  afterAll(async () => {
    await project.cleanup();
    await rm(out, { recursive: true, force: true });
  });

  it('builds, and the screen PDFs pass every machine check', async () => {
    expect(clean(formatMessages([result.configFile, ...result.languages.flatMap((entry) => entry.files)], { cwd: project.root }), project.root)).toBe('');
    for (const lang of ['en', 'mk']) {
      expect(checks(language(lang), 'screen').filter((check) => check.check === 'PDF/UA machine checks' || check.check === 'tags kept')).toEqual([
        { check: 'PDF/UA machine checks', severity: 'ok', detail: '11 of 11' },
        { check: 'tags kept', severity: 'ok', detail: 'structure tree unchanged by cropping, padding removal and downsampling' },
      ]);
      const report = await checkAccessibility(await readFile(path.join(out, lang, `sample-${lang}.pdf`)), { lang, pdfUa: lang === 'en' });
      expect(failed(report), lang).toEqual([]);
    }
  });

  it('identifies only the reviewed language as PDF/UA, in XMP that repeats the title', async () => {
    const xmp = async (file: string) => readXmp({ document: await PDFDocument.load(await readFile(path.join(out, file)), LOAD_OPTIONS) });
    expect(await xmp('en/sample-en.pdf')).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(await xmp('en/sample-en.pdf')).toContain('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Sample brochure</rdf:li><rdf:li xml:lang="en">Sample brochure</rdf:li></rdf:Alt></dc:title>');
    expect(await xmp('mk/sample-mk.pdf')).not.toContain('pdfuaid');
    expect(await xmp('mk/sample-mk.pdf')).toContain('<rdf:li xml:lang="mk">Примерна брошура</rdf:li>');
    // The print PDF is for the print shop: tagged, but not the file that claims PDF/UA.
    expect(await xmp('en/sample-en-print.pdf')).not.toContain('pdfuaid');
  });

  it('keeps the tags in the print PDF (the same tree as the screen PDF\'s); the PDF/X has none (tests/press/press-ready.test.ts)', async () => {
    for (const lang of ['en', 'mk']) {
      const screen = await PDFDocument.load(await readFile(path.join(out, lang, `sample-${lang}.pdf`)), LOAD_OPTIONS);
      const print = await PDFDocument.load(await readFile(path.join(out, lang, `sample-${lang}-print.pdf`)), LOAD_OPTIONS);
      // The print PDF has padding pages the screen PDF does not: they hold no tagged content.
      expect(print.getPageCount()).toBeGreaterThan(screen.getPageCount());
      expect(structureFingerprint(print).digest).toBe(structureFingerprint(screen).digest);
      const report = await checkAccessibility(await readFile(path.join(out, lang, `sample-${lang}-print.pdf`)), { lang });
      expect(failed(report), lang).toEqual([]);
    }
  });

  it('fails 01 and everything that needs a structure tree when printed with tagging off', async () => {
    const en = language('en');
    const untagged = (await printDocument(session.pages, en.printHtml!, { tagged: false })).pdf;
    const report = await checkAccessibility(await postProcess(untagged, { lang: 'en', title: 'Sample brochure' }), { lang: 'en' });
    expect(failed(report)).toEqual(['01', '02', '09', '13', '14', '15', '28']);
    const content = report.checkpoints.find((checkpoint) => checkpoint.number === '01')!;
    expect(content.findings[0]!.message).toBe('The PDF is not tagged: it has no structure tree (print with tagging on)');
    expect(content.findings.map((finding) => finding.message)).toContain('Untagged text "Sample brochure A fixture for tests", neither tagged nor an artifact');
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '28')!.findings[0]!.message).toBe('Missing Link element for this annotation: it is not in the structure tree');
  });
});

describe('the basic fixture with a skipped heading level (### after #)', () => {
  let project: Awaited<ReturnType<typeof makeProject>>;
  let result: BuildResult;
  let out: string;

  beforeAll(async () => {
    project = await makeProject('basic', 'accessibility-skipped-heading');
    out = await mkdtemp(path.join(os.tmpdir(), 'brochure-accessibility-out-'));
    result = await build({ root: project.root, outDir: out, cache: false, languages: ['en'], env: ENV });
  });
  afterAll(async () => {
    await project.cleanup();
    await rm(out, { recursive: true, force: true });
  });

  it('fails the build: a failed PDF/UA check is an error for the screen PDF, with its checkpoint and page', () => {
    expect(result.ok).toBe(false);
    expect(result.published).toBe(false);
    const messages = clean(formatMessages(result.languages[0]!.files, { cwd: project.root }), project.root);
    expect(messages).toContain('brochure/en/index.md error Preflight of sample-en.pdf: PDF/UA machine checks: 10 of 11; failed: 14  preflight');
    expect(messages).toMatch(/brochure\/en\/index\.md error Preflight of sample-en\.pdf: PDF\/UA 14 Headings nest without skipped levels: page 4: H3 "A table" \d+ 0 R: Unexpected H3 after H1, expected H2 or higher: a level is skipped {2}preflight/);
    // The print PDF's preflight does not run the PDF/UA checks: the screen PDF is the accessible file.
    expect(checks(result.languages[0]!, 'print').some((check) => check.check.startsWith('PDF/UA'))).toBe(false);
  });

  it('fails 13 and 14 when the figure loses its alt text too, and 06 when such a file claims PDF/UA', async () => {
    const html = result.languages[0]!.printHtml!;
    const withoutAlt = html.replace(/ aria-label="A loop"/, '').replace(/<title>A loop<\/title>/, '');
    expect(withoutAlt).not.toBe(html);
    const printed = (await printDocument(session.pages, withoutAlt)).pdf;
    const report = await checkAccessibility(await postProcess(printed, { lang: 'en', title: 'Sample brochure' }), { lang: 'en' });
    expect(failed(report)).toEqual(['13', '14']);
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '13')!.findings).toEqual([
      { page: 3, element: expect.stringMatching(/^Figure \d+ 0 R$/), message: 'Missing alternate text (/Alt) on a Figure; a decorative image should be an artifact instead' },
    ]);
    const claimed = await checkAccessibility(await postProcess(printed, { lang: 'en', title: 'Sample brochure', pdfUa: true }), { lang: 'en' });
    expect(failed(claimed)).toEqual(['06', '13', '14']);
    expect(claimed.checkpoints.find((checkpoint) => checkpoint.number === '06')!.findings.map((finding) => finding.message)).toEqual([
      'Unexpected PDF/UA identifier (pdfuaid:part 1) in a file that fails checkpoint 13, 14',
    ]);
  });
});
