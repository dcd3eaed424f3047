import type { VFile } from 'vfile';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { InputHashes } from '../content/hash-inputs.js';
import { SyntaxTreeCache } from '../markdown/syntax-tree-cache.js';
import { PageReadingCache } from '../pdf/page-readings.js';
import { loadPdfjs } from '../pdf/pdfjs.js';
import { startSession, type BrowserTarget } from '../render/start-session.js';
import type { KeptBrowser } from '../render/kept-browser.js';
import { hasErrors } from '../report/messages.js';
import { pageGeometry } from '../templates/page-css.js';
import type { CacheFolders } from './cache-folders.js';
import { finishPdfs } from './finish-pdfs.js';
import { outputFileName } from '../publish/output-names.js';
import { prepareLanguages, type PreparedLanguage } from './prepare-languages.js';
import { printAll, type EarlyBrowser, type PrintJob } from './print-all.js';
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
  const launching: Promise<EarlyBrowser> | undefined = input.browser ? startBrowser(input.browser, options.keptBrowser) : undefined;
  const readings = input.caches ? new PageReadingCache(input.caches.pageReadings, input.hashes.tool()) : undefined;
  try {
    const shared = await loadSharedInputs(input.paths, input.config, input.configFile, input.caches, input.languages);
    if (hasErrors([input.configFile])) return undefined;
    const { languages: rendering, status, names } = await prepareLanguages({
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
    // The languages are rendered one after the other (prepareLanguages): each is printed as soon as it is
    // rendered, while the next is, and its PDFs are checked as soon as they are made, while Chromium prints
    // the next. A failure is thrown once every language's rendering and checks have ended: nothing is left
    // running behind it.
    const results = rendering.map((ready) => ready.then((language) => ({ ...initialResult(language), status: status.find((entry) => entry.lang === language.lang), languageName: names.get(language.lang) })));
    const all = handledLater(Promise.all(results));
    const checking: Array<Promise<void>> = [];
    try {
      if (launching) {
        const jobs = rendering.map((ready) => ready.then((language) => printJob(language, input, shared.generator), () => undefined));
        await printAll(jobs, await launching, {
          geometry: pageGeometry(input.config, 'print'),
          timeout: options.timeout ?? 120_000,
          textArea: textArea(input.config),
          layouts: shared.layouts,
          jobs: input.jobs,
          onProgress: options.onProgress,
          // pdf.js (a quarter of a second to load here) reads the pages of a new PDF: it loads while Chromium
          // lays the page out and prints it, not before, when it would hold the print back. HTML printed before
          // most likely gives pages read before (page-readings.ts), and pdf.js may not be needed at all.
          onPrinting: (layoutKnown) => {
            if (!layoutKnown) loadPdfjs().catch(() => undefined);
          },
          onPrinted: (lang, pdfs) => {
            const index = input.languages.indexOf(lang);
            const context = { config: input.config, options, ghostscript: input.ghostscript, stylesheet: shared.templates.stylesheet, readings, date: input.date };
            checking.push(handledLater(Promise.all([results[index]!, rendering[index]!]).then(([result, language]) => finishPdfs(result, pdfs, language, context))));
          },
        });
      }
      await Promise.all(checking);
    } finally {
      await Promise.allSettled([...checking, all]);
    }
    const produced = await all;
    for (const result of produced) {
      result.ok = result.html !== undefined && !hasErrors(result.files) && (!launching || result.pdfs.screen !== undefined);
      // A language with errors gives no PDF, not even in memory: nothing can publish or cache it by mistake.
      if (!result.ok) result.pdfs = {};
    }
    return { results: produced, status, filesRead: shared.assets.filesRead };
  } finally {
    // Closed here whatever happened; printAll closes it too when it printed (closing twice is safe).
    const early = await launching?.catch(() => undefined);
    if (early && 'session' in early) await early.session.close();
  }
}

async function startBrowser(found: BrowserTarget, kept: KeptBrowser | undefined): Promise<EarlyBrowser> {
  try {
    return { found, session: await (kept ? kept.session(found) : startSession(found)) };
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

/** What printing a language needs; undefined for a language that has errors, which is not printed. */
function printJob(language: PreparedLanguage, input: ProduceInput, generator: string): PrintJob | undefined {
  if (!language.rendered) return undefined;
  const { frontMatter } = language;
  return {
    lang: language.lang,
    document: language.document,
    printHtml: language.rendered.printHtml,
    headings: language.rendered.headings,
    names: { print: outputFileName(input.config.slug, language.lang, 'print'), screen: outputFileName(input.config.slug, language.lang, 'screen') },
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
  };
}

/** A promise whose failure is thrown where it is awaited, and never taken for an unhandled one before that. */
function handledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The text area of a page in CSS pixels: photos are measured at its width, page breaks predicted with it. */
function textArea(config: ResolvedBrochureConfig): { width: number; height: number } {
  const { trimWidth, trimHeight } = pageGeometry(config, 'print');
  const px = (mm: number) => (mm * 96) / 25.4;
  return { width: px(trimWidth - config.margins.inner - config.margins.outer), height: px(trimHeight - config.margins.top - config.margins.bottom) };
}
