import { PDFDocument } from '@cantoo/pdf-lib';
import type { VFile } from 'vfile';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { imposeBooklet } from '../pdf/impose-booklet.js';
import { LOAD_OPTIONS } from '../pdf/pdf-lib-options.js';
import { readPdfFacts } from '../pdf/preflight/facts.js';
import { preflightReport, type Expectations } from '../pdf/preflight/rules.js';
import { pressPreflight } from '../pdf/press-preflight.js';
import { pressReady } from '../pdf/press-ready.js';
import { preflightDocument } from '../typeset/preflight-document.js';
import { checkAccessibility } from '../pdf/accessibility/check-accessibility.js';
import { loadPdfjs } from '../pdf/pdfjs.js';
import { PageReadingCache, readPages } from '../pdf/page-readings.js';
import { SyntaxTreeCache } from '../markdown/syntax-tree-cache.js';
import type { InputHashes } from '../content/hash-inputs.js';
import { PAGE_CONTENT } from '../pdf/accessibility/read-content.js';
import { TEXT_LINES } from '../typeset/read-text-lines.js';
import { accessibilityPreflight } from '../pdf/accessibility/preflight-checks.js';
import { languagePassages } from '../pdf/accessibility/language-passages.js';
import { outputPath } from '../publish/output-names.js';
import { firstPageKey } from '../publish/cover-picture.js';
import { startSession, type BrowserTarget } from '../render/start-session.js';
import { hasErrors } from '../report/messages.js';
import { BUNDLED_FAMILIES } from '../templates/font-faces.js';
import { pageGeometry } from '../templates/page-css.js';
import type { CacheFolders } from './cache-folders.js';
import { prepareLanguages, type PreparedLanguage } from './prepare-languages.js';
import { printAll, type EarlyBrowser, type Printed } from './print-all.js';
import { reportPreflight } from './report-preflight.js';
import { loadSharedInputs } from './shared-inputs.js';
import type { BuildOptions, LanguageResult } from './types.js';

/** What `produce` needs from the build. */
export interface ProduceInput {
  paths: ProjectPaths;
  config: ResolvedBrochureConfig;
  configFile: VFile;
  /** The languages to build, in order (none of them cached). */
  languages: string[];
  date: Date;
  /** The browser to print with (launched, or a service); undefined when printing is off. */
  browser: BrowserTarget | undefined;
  /** How many languages are printed at once. */
  jobs: number;
  /** Languages not built this time whose status and own name the build cache knows. */
  known: ReadonlyMap<string, { status: TranslationStatus; name: string }>;
  /** Ghostscript, for the press-ready PDF/X. */
  ghostscript: string | undefined;
  caches: CacheFolders | undefined;
  /** The build's hashes of its inputs (the tool's, for the cache of page readings). */
  hashes: InputHashes;
  options: BuildOptions;
  /** A proof (--proof, --since): the date of its mark, and the earlier edition's web pages by language. */
  proof?: { date: string; since?: { label: string; pages: ReadonlyMap<string, string> } };
}

/** What was built, the status of every language, and every file read (for the cache). */
export interface Produced {
  results: LanguageResult[];
  status: TranslationStatus[];
  filesRead: Set<string>;
}

/**
 * The expensive part of a build, loaded only when something has to be built. One language's path:
 * read -> parse -> check -> Markdown -> templates (prepareLanguages) -> print until the layout is stable ->
 * post-process into the print and screen PDFs (printAll) -> preflight -> press-ready and booklet variants.
 * Returns undefined when brochure.yaml has errors found on the way (a logo that does not exist).
 */
export async function produce(input: ProduceInput): Promise<Produced | undefined> {
  const { options } = input;
  // The browser starts now and launches while the checks, the Markdown and the templates run.
  const launching: Promise<EarlyBrowser> | undefined = input.browser ? startBrowser(input.browser) : undefined;
  const readings = input.caches ? new PageReadingCache(input.caches.pageReadings, input.hashes.tool()) : undefined;
  try {
    const shared = await loadSharedInputs(input.paths, input.config, input.configFile, input.caches, input.languages);
    if (hasErrors([input.configFile])) return undefined;
    const { prepared, status, names } = await prepareLanguages({
      known: input.known,
      paths: input.paths,
      config: input.config,
      configFile: input.configFile,
      shared,
      languages: input.languages,
      allowIncomplete: options.allowIncomplete === true,
      strict: options.strict === true,
      proof: input.proof,
      onProgress: options.onProgress,
      trees: input.caches ? new SyntaxTreeCache(input.caches.syntaxTrees, input.hashes.tool()) : undefined,
    });
    // Hunspell's answers, for the next build (see dictionaries.ts).
    await Promise.all([...shared.checks.spelling.values()].map((spelling) => ('speller' in spelling ? spelling.speller.keep() : undefined)));
    const results = prepared.map((language) => ({ ...initialResult(language), status: status.find((entry) => entry.lang === language.lang), languageName: names.get(language.lang) }));
    if (launching && prepared.some((language) => language.rendered)) {
      const printed = await printAll(printJobs(prepared, input, shared.generator), await launching, {
        geometry: pageGeometry(input.config, 'print'),
        timeout: options.timeout ?? 120_000,
        textArea: textArea(input.config),
        layouts: shared.layouts,
        jobs: input.jobs,
        onProgress: options.onProgress,
        // pdf.js (a quarter of a second to load here) reads the pages of a new PDF: it loads while Chromium lays
        // the page out and prints it, not before, when it would hold the print back. HTML printed before most
        // likely gives pages read before (page-readings.ts), and pdf.js may not be needed at all.
        onPrinting: (layoutKnown) => {
          if (!layoutKnown) loadPdfjs().catch(() => undefined);
        },
      });
      for (const [index, result] of results.entries()) {
        const pdfs = printed.get(result.lang);
        if (pdfs) await addPdfs(result, pdfs, prepared[index]!, input, { stylesheet: shared.templates.stylesheet, readings });
      }
    }
    for (const result of results) {
      result.ok = result.html !== undefined && !hasErrors(result.files) && (!launching || result.pdfs.screen !== undefined);
      // A language with errors gives no PDF, not even in memory: nothing can publish or cache it by mistake.
      if (!result.ok) result.pdfs = {};
    }
    return { results, status, filesRead: shared.assets.filesRead };
  } finally {
    // Closed here whatever happened; printAll closes it too when it printed (closing twice is safe).
    const early = await launching?.catch(() => undefined);
    if (early && 'session' in early) await early.session.close();
  }
}

async function startBrowser(found: BrowserTarget): Promise<EarlyBrowser> {
  try {
    return { found, session: await startSession(found) };
  } catch (error) {
    return { found, error: error as Error };
  }
}

function initialResult(language: PreparedLanguage): LanguageResult {
  return {
    lang: language.lang,
    ok: language.rendered !== undefined,
    cached: false,
    draft: language.draft,
    files: language.files,
    document: language.document,
    html: language.rendered?.html,
    printHtml: language.rendered?.printHtml,
    pdfs: {},
    preflight: [],
    timings: { ...language.timings },
  };
}

function printJobs(prepared: PreparedLanguage[], input: ProduceInput, generator: string) {
  return prepared.flatMap((language) => {
    if (!language.rendered) return [];
    const { frontMatter } = language;
    return [{
      lang: language.lang,
      document: language.document,
      printHtml: language.rendered.printHtml,
      headings: language.rendered.headings,
      names: { print: fileName(input, language.lang, 'print'), screen: fileName(input, language.lang, 'screen') },
      pdfUa: input.config.accessibilityReviewed.includes(language.lang),
      metadata: {
        title: frontMatter!.title,
        authors: language.authors,
        subject: frontMatter!.description,
        keywords: frontMatter!.keywords,
        lang: language.lang,
        creator: generator,
        date: input.date,
      },
    }];
  });
}

/** The PDFs of a printed language, their preflight, and the press-ready and booklet variants when asked for. */
async function addPdfs(result: LanguageResult, printed: Printed, language: PreparedLanguage, input: ProduceInput, { stylesheet, readings }: { stylesheet: string; readings: PageReadingCache | undefined }): Promise<void> {
  const { config, options } = input;
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
  result.firstPage = firstPageKey(document);
  const read = performance.now();
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
  if (input.ghostscript) {
    options.onProgress?.(result.lang, 'press-ready');
    const bytes = await pressReady(printed.print.bytes, { title, gs: input.ghostscript, printing: config.printing, stylesheet });
    const facts = readPdfFacts(await PDFDocument.load(bytes, LOAD_OPTIONS), { variant: 'press', file: fileName(input, result.lang, 'press'), bytes: bytes.length });
    result.pdfs.press = { bytes, pages: facts.pages };
    // The press preflight (output intent, ink coverage, black plate) judges what it checks more closely.
    const report = preflightReport(facts, expected);
    const pressChecks = await pressPreflight(bytes, { printing: config.printing, geometry: expected.geometry, gs: input.ghostscript });
    const replaced = new Set([...pressChecks.map((check) => check.check), 'TrimBox', 'BleedBox']);
    report.checks = [...report.checks.filter((check) => !replaced.has(check.check)), ...pressChecks];
    result.preflight.push(report);
  }
  result.timings.variants = performance.now() - started;
  for (const report of result.preflight) reportPreflight(result.document, report, result.files);
}

function fileName(input: ProduceInput, lang: string, variant: 'print' | 'screen' | 'press'): string {
  return outputPath(input.config.slug, lang, variant).split('/')[1]!;
}

/** The text area of a page in CSS pixels: photos are measured at its width, page breaks predicted with it. */
function textArea(config: ResolvedBrochureConfig): { width: number; height: number } {
  const { trimWidth, trimHeight } = pageGeometry(config, 'print');
  const px = (mm: number) => (mm * 96) / 25.4;
  return { width: px(trimWidth - config.margins.inner - config.margins.outer), height: px(trimHeight - config.margins.top - config.margins.bottom) };
}
