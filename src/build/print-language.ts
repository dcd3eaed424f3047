import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS, SAVE_OPTIONS } from '../pdf/pdf-lib-options.js';
import type { BrowserSession } from '../render/launch-browser.js';
import { PrintError, printDocument, type PrintOptions } from '../render/print-document.js';
import { readPageMap } from '../pdf/read-page-map.js';
import { setMetadata } from '../pdf/set-metadata.js';
import { fixOutlineTitles } from '../pdf/fix-outline.js';
import { cleanSoftHyphens } from '../pdf/clean-soft-hyphens.js';
import { cropToTrim, setPrintBoxes } from '../pdf/set-page-boxes.js';
import { contentsTargets, fillContents } from '../templates/fill-contents.js';
import { fillPadding, paddingFor } from '../templates/fill-padding.js';
import { PageMapCache, type PageLayout } from './page-map-cache.js';
import { pageGeometry } from '../templates/page-css.js';
import { hasErrors, reportError, reportWarning } from '../report/messages.js';
import { preflight, type PreflightReport } from '../pdf/preflight.js';
import { downsampleImages } from '../pdf/downsample-images.js';
import type { VFile } from 'vfile';
import { BUNDLED_FAMILIES } from '../templates/font-faces.js';
import type { BuildShared, PreparedDocument } from './prepare-document.js';
import type { LanguageResult } from './build.js';
// TEMPORARY HOOK (issue 15), see the block marked the same way in printLanguage below.
import { fixTags } from '../pdf/fix-tags.js';
import { addXmpMetadata } from '../pdf/add-xmp-metadata.js';
import { checkAccessibility } from '../pdf/accessibility/check-accessibility.js';
import { accessibilityPreflight } from '../pdf/accessibility/preflight-checks.js';
import { languagePassages } from '../pdf/accessibility/language-passages.js';
import { structureChanges, structureFingerprint } from '../pdf/accessibility/fingerprint.js';
import { loadPdfjs } from '../pdf/accessibility/read-content.js';

/** The browser died or stopped answering while printing; the caller may try again in a new one. */
export class BrowserCrashedError extends Error {
  override name = 'BrowserCrashedError';
}

const PREFLIGHT_HINTS: Record<string, string> = {
  'image resolution': 'Use a larger image (at its printed width, 300 pixels per inch), or print it smaller.',
  'file size': 'Large photos make the PDF heavy: export them smaller before adding them.',
  'bundled fonts only': 'A character of the text is not in Noto Sans/Serif: find it (pdffonts shows the page), replace it, or add a font to templates/ that has it.',
  'page count': 'Check that templates/layout.hbs keeps the `<!-- padding-pages -->` marker before the back cover.',
};

/** The HTML with the contents' page numbers filled in and the padding pages added, from a layout. */
function finalHtml(html: string, layout: PageLayout): string {
  return fillPadding(fillContents(html, new Map(Object.entries(layout.pages))), paddingFor(layout.count));
}

/** The layout of a first print: the page of each heading the contents link to, of each photo, and the page count. */
function layoutOf(pdf: PDFDocument, imageIds: string[]): PageLayout {
  const map = readPageMap(pdf);
  const wanted = new Set(imageIds);
  const pages: Record<string, number> = {};
  for (const [id, page] of map) if (!id.includes('-fn') || wanted.has(id)) pages[id] = page;
  return { pages, count: pdf.getPageCount() };
}

/** Whether a final print (contents filled, padding added) matches the layout its contents were filled from. */
function sameLayout(known: PageLayout, printed: PageLayout, padding: number): boolean {
  if (printed.count !== known.count + padding) return false;
  return Object.entries(known.pages).every(([id, page]) => printed.pages[id] === page);
}

/** Puts the preflight's failed checks on the document: errors fail the build, warnings are shown. */
export function reportPreflight(file: VFile, report: PreflightReport): void {
  for (const check of report.checks) {
    if (check.severity === 'ok') continue;
    (check.severity === 'error' ? reportError : reportWarning)(file, `Preflight of ${report.file}: ${check.check}: ${check.detail}`, {
      ruleId: 'preflight',
      hint: PREFLIGHT_HINTS[check.check] ?? 'See the preflight table and dist/<lang>/preflight.json.',
    });
  }
}

/**
 * Prints one language and makes both PDFs from the same print: the print PDF (bleed, crop marks, boxes, padded
 * to a multiple of 4 pages) and the screen PDF (cropped to the trim, without the padding pages). A first print
 * finds the pages of the headings; when the table of contents or the padding needs it, a second print follows.
 */
export async function printLanguage(
  session: BrowserSession,
  result: LanguageResult,
  document: PreparedDocument,
  shared: BuildShared,
  date: Date,
  onProgress?: (lang: string, stage: string) => void,
): Promise<void> {
  const reportOn = document.files[1]!; // index.md: the document as a whole
  const { margins } = shared.config;
  const handlers: PrintOptions = {
    timeout: shared.printTimeout,
    columnWidth: ((pageGeometry(shared.config, 'print').trimWidth - margins.inner - margins.outer) * 96) / 25.4,
    onBlockedRequest: (url) =>
      reportError(reportOn, `Unexpected request to \`${url.slice(0, 120)}\` while printing; it was blocked`, {
        ruleId: 'blocked-request',
        hint: 'Everything the brochure shows must come from the project: put the file into assets/ and link it relatively.',
      }),
    onPageProblem: (text) => reportError(reportOn, `Unexpected error in the page while printing: ${text}`, { ruleId: 'page-error' }),
  };
  // TEMPORARY HOOK (issue 15): the PDF/UA checker's pdf.js loads while Chromium prints (a failure to load
  // surfaces where the check runs).
  loadPdfjs().catch(() => undefined);
  try {
    onProgress?.(result.lang, 'print');
    let started = performance.now();
    const layoutKey = PageMapCache.key(document.printHtml!);
    const known = await shared.pageMaps?.get(layoutKey);
    // With the layout of this very HTML from an earlier build, the contents are filled in before printing and
    // one print is enough; the print is checked against the layout, and printed again if it differs.
    let html = known ? finalHtml(document.printHtml!, known) : document.printHtml!;
    let printed = await printDocument(session.browser, html, handlers);
    let pdf = await PDFDocument.load(printed.pdf, LOAD_OPTIONS);
    result.timings.print = performance.now() - started;
    let layout = layoutOf(pdf, printed.images.map((image) => image.id));
    // Pages before padding: what the padding pages are computed from, and removed again for the screen PDF.
    let unpadded = known?.count ?? layout.count;
    if (known && !sameLayout(known, layout, paddingFor(known.count))) {
      onProgress?.(result.lang, 'layout changed, printing again');
      html = document.printHtml!;
      printed = await printDocument(session.browser, html, handlers);
      pdf = await PDFDocument.load(printed.pdf, LOAD_OPTIONS);
      layout = layoutOf(pdf, printed.images.map((image) => image.id));
      unpadded = layout.count;
    }
    if (html === document.printHtml) {
      await shared.pageMaps?.set(layoutKey, layout);
      for (const id of contentsTargets(html).filter((target) => layout.pages[target] === undefined)) {
        reportError(reportOn, `Cannot find the page of heading \`#${id}\` for the table of contents`, { ruleId: 'contents', hint: 'Each section needs a `# Title` heading.' });
      }
      // The page-number slots of the contents have a fixed width and the padding pages come last, so the second
      // print has the same layout as the first.
      const final = finalHtml(html, layout);
      if (final !== html) {
        onProgress?.(result.lang, 'print again');
        started = performance.now();
        html = final;
        pdf = await PDFDocument.load((await printDocument(session.browser, html, handlers)).pdf, LOAD_OPTIONS);
        result.timings.secondPrint = performance.now() - started;
      }
    }
    result.printHtml = html;

    onProgress?.(result.lang, 'post-process');
    started = performance.now();
    setMetadata(pdf, {
      title: document.frontMatter!.title,
      authors: document.authors,
      subject: document.frontMatter!.description,
      keywords: document.frontMatter!.keywords,
      lang: result.lang,
      creator: shared.generator,
      date,
    });
    fixOutlineTitles(pdf, document.headings);
    const { colourSpaces } = cleanSoftHyphens(pdf);
    const geometry = pageGeometry(shared.config, 'print');
    setPrintBoxes(pdf, geometry);
    // ---- TEMPORARY HOOK (issue 15): PDF/UA fixes before the variants are made; to be moved into the chain. ----
    fixTags(pdf);
    addXmpMetadata(pdf, { pdfUa: false });
    const tags = structureFingerprint(pdf);
    const pdfUa = shared.config.accessibilityReviewed.includes(result.lang);
    // ---- end of TEMPORARY HOOK ----
    result.pages = pdf.getPageCount();
    result.printPdf = await pdf.save(SAVE_OPTIONS);
    const base = `${shared.config.slug}-${result.lang}`;
    const bundledFonts = BUNDLED_FAMILIES.map((family) => family.family.replace(/\s+/g, ''));
    const images = printed.images.filter((image) => Number.isFinite(image.ppi)).map((image) => ({ name: image.name, page: layout.pages[image.id] ?? 0, ppi: image.ppi }));
    const printReport = preflight(pdf, { variant: 'print', file: `${base}-print.pdf`, bytes: result.printPdf.length, geometry, lang: result.lang, bundledFonts, images, contentColourSpaces: colourSpaces });

    cropToTrim(pdf, geometry);
    const backCover = pdf.getPageCount() - 1;
    for (let index = backCover - 1; index >= backCover - paddingFor(unpadded); index--) pdf.removePage(index);
    result.screenPages = pdf.getPageCount();
    await downsampleImages(pdf, session.browser, printed.images);
    // ---- TEMPORARY HOOK (issue 15): the screen PDF carries the PDF/UA identifier when reviewed. ----
    const tagsKept = structureChanges(tags, structureFingerprint(pdf));
    if (pdfUa) addXmpMetadata(pdf, { pdfUa: true });
    // ---- end of TEMPORARY HOOK ----
    result.pdf = await pdf.save(SAVE_OPTIONS);
    const screenReport = preflight(pdf, { variant: 'screen', file: `${base}.pdf`, bytes: result.pdf.length, geometry, lang: result.lang, bundledFonts, contentColourSpaces: colourSpaces });
    // ---- TEMPORARY HOOK (issue 15): the PDF/UA machine checks of the screen PDF, errors when they fail. ----
    const accessibility = await checkAccessibility(result.pdf, { lang: result.lang, passages: languagePassages(html, result.lang), pdfUa });
    screenReport.checks.push(...accessibilityPreflight(accessibility, 'error').checks);
    screenReport.checks.push({ check: 'tags kept', severity: tagsKept ? 'error' : 'ok', detail: tagsKept ? `cropping and removing the padding pages changed the tags: ${tagsKept}` : 'structure tree unchanged by cropping, padding removal and downsampling' });
    // ---- end of TEMPORARY HOOK ----
    result.preflight = [screenReport, printReport];
    for (const report of result.preflight) reportPreflight(reportOn, report);
    result.timings.postProcess = performance.now() - started;
  } catch (cause) {
    if (!session.browser.connected || cause instanceof PrintError) {
      delete result.pdf;
      delete result.printPdf;
      delete result.pages;
      throw new BrowserCrashedError((cause as Error).message.split('\n')[0], { cause });
    }
    reportError(reportOn, `Cannot print the ${result.lang} brochure: ${(cause as Error).message.split('\n')[0]}`, {
      ruleId: 'print',
      hint: 'Run the build again; if it fails again, report it with this message.',
    });
  }
  result.ok = !hasErrors(result.files);
  if (!result.ok) {
    delete result.pdf;
    delete result.printPdf;
    delete result.pages;
  }
}
