import { PDFDocument } from '@cantoo/pdf-lib';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { checkAccessibility } from '../pdf/accessibility/check-accessibility.js';
import { languagePassages } from '../pdf/accessibility/language-passages.js';
import { accessibilityPreflight } from '../pdf/accessibility/preflight-checks.js';
import { PAGE_CONTENT } from '../pdf/accessibility/read-content.js';
import { imposeBooklet } from '../pdf/impose-booklet.js';
import { PageReadingCache, readPages } from '../pdf/page-readings.js';
import { LOAD_OPTIONS } from '../pdf/pdf-lib-options.js';
import { readPdfFacts } from '../pdf/preflight/facts.js';
import { preflightReport, type Expectations } from '../pdf/preflight/rules.js';
import { pressPreflight } from '../pdf/press-preflight.js';
import { pressReady } from '../pdf/press-ready.js';
import { firstPageKey } from '../publish/cover-picture.js';
import { outputFileName } from '../publish/output-names.js';
import { BUNDLED_FAMILIES } from '../templates/font-faces.js';
import { pageGeometry } from '../templates/page-css.js';
import { preflightDocument } from '../typeset/preflight-document.js';
import { TEXT_LINES } from '../typeset/read-text-lines.js';
import type { PreparedLanguage } from './prepare-languages.js';
import type { Printed } from './print-all.js';
import { reportPreflight } from './report-preflight.js';
import type { BuildOptions, LanguageResult } from './types.js';

/** What finishing a printed language needs from the build. */
export interface FinishContext {
  config: ResolvedBrochureConfig;
  options: BuildOptions;
  /** Ghostscript, for the press-ready PDF/X (--press-ready). */
  ghostscript: string | undefined;
  /** The brochure's stylesheet, whose colours the press-ready PDF converts. */
  stylesheet: string;
  /** Pages read before, by their fingerprint. */
  readings: PageReadingCache | undefined;
  /** The build's date, written into every PDF (the press-ready one too). */
  date: Date;
}

/** The PDFs of a printed language, their preflight, and the press-ready and booklet variants when asked for. */
export async function finishPdfs(result: LanguageResult, printed: Printed, language: PreparedLanguage, context: FinishContext): Promise<void> {
  const { config, options, stylesheet, readings, ghostscript, date } = context;
  const title = language.frontMatter!.title;
  const expected: Expectations = {
    geometry: pageGeometry(config, 'print'),
    lang: result.lang,
    bundledFonts: BUNDLED_FAMILIES.map((family) => family.family.replace(/\s+/g, '')),
    images: printed.images.filter((image) => Number.isFinite(image.ppi)).map((image) => ({ id: image.id, name: image.name, page: image.page, ppi: image.ppi, ...(image.pushes ? { pushes: image.pushes } : {}) })),
  };
  result.printHtml = printed.html;
  result.pdfs.screen = { bytes: printed.screen.bytes, pages: printed.screen.pages };
  result.pdfs.print = { bytes: printed.print.bytes, pages: printed.print.pages };
  const screenReport = preflightReport(printed.screen.facts, expected);
  result.preflight.push(screenReport, preflightReport(printed.print.facts, expected));
  Object.assign(result.timings, printed.timings);
  // The screen PDF's pages are read once with pdf.js for both of its checks (pages read before, in a build of the
  // same pages, are taken from the cache): the typographic preflight (the lines set, its findings on the section
  // files they come from, its summary with the findings into the screen report, for `npm run release`) and the
  // PDF/UA machine checks (the accessible PDF: failures are errors).
  const ignore = [language.rendered?.draftMark, language.rendered?.proofMark].filter((text): text is string => Boolean(text));
  const pdfUa = config.accessibilityReviewed.includes(result.lang);
  const begun = performance.now();
  const document = await PDFDocument.load(printed.screen.bytes, LOAD_OPTIONS);
  const pages = await readPages(printed.screen.bytes, document, { lines: TEXT_LINES, content: PAGE_CONTENT }, readings);
  const read = performance.now();
  // For the download page's cover picture, while the screen PDF is loaded (see cover-picture.ts).
  result.firstPage = firstPageKey(document);
  const typography = preflightDocument({ pages: pages.lines, files: result.files, documentFile: result.document, config, lang: result.lang, strict: options.strict === true, ignore });
  const middle = performance.now();
  const accessibility = await checkAccessibility(printed.screen.bytes, { lang: result.lang, passages: languagePassages(printed.html, result.lang), pdfUa, document, pages: pages.content });
  const times = { reading: read - begun, typography: middle - read, accessibility: performance.now() - middle };
  screenReport.checks.push(
    typography,
    ...accessibilityPreflight(accessibility, 'error').checks,
    printed.tagsChanged
      ? { check: 'tags kept', severity: 'error', detail: printed.tagsChanged, hint: 'This is a bug of the brochure tool: report it with this message.' }
      : { check: 'tags kept', severity: 'ok', detail: 'structure tree unchanged by cropping, padding removal and downsampling' },
  );
  Object.assign(result.timings, times);
  const started = performance.now();
  if (options.impose === 'booklet') {
    const booklet = await imposeBooklet(printed.print.bytes);
    result.pdfs.booklet = { bytes: booklet, pages: (await PDFDocument.load(booklet, LOAD_OPTIONS)).getPageCount() };
  }
  if (ghostscript) {
    options.onProgress?.(result.lang, 'press-ready');
    const bytes = await pressReady(printed.print.bytes, { title, gs: ghostscript, printing: config.printing, stylesheet, date });
    const facts = readPdfFacts(await PDFDocument.load(bytes, LOAD_OPTIONS), { variant: 'press', file: outputFileName(config.slug, result.lang, 'press'), bytes: bytes.length });
    result.pdfs.press = { bytes, pages: facts.pages };
    // The press preflight (output intent, ink coverage, black plate) judges what it checks more closely.
    const report = preflightReport(facts, expected);
    const pressChecks = await pressPreflight(bytes, { printing: config.printing, geometry: expected.geometry, gs: ghostscript });
    const replaced = new Set([...pressChecks.map((check) => check.check), 'TrimBox', 'BleedBox']);
    report.checks = [...report.checks.filter((check) => !replaced.has(check.check)), ...pressChecks];
    result.preflight.push(report);
  }
  result.timings.variants = performance.now() - started;
  for (const report of result.preflight) reportPreflight(result.document, report, result.files);
}

