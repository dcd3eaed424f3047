import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { loadConfig, projectPaths } from '../config/load-config.js';
import { AssetStore } from '../content/asset-store.js';
import { loadTemplates } from '../templates/load-templates.js';
import { fontFaceCss } from '../templates/font-faces.js';
import { findBrowser } from '../render/find-browser.js';
import { BrowserError, launchBrowser, type BrowserSession } from '../render/launch-browser.js';
import { lockOutput, publishOutputs, type OutputFile } from '../publish/write-dist.js';
import { hasErrors, reportError, reportWarning } from '../report/messages.js';
import { BrowserCrashedError, printLanguage } from './print-language.js';
import { checkTranslations, INCOMPLETE_RULES, type TranslationStatus } from '../check/check-translations.js';
import { imposeBooklet } from '../pdf/impose-booklet.js';
import { pressReady } from '../pdf/press-ready.js';
import { preflight, type PreflightReport } from '../pdf/preflight.js';
import { PDFDocument } from 'pdf-lib';
import { pageGeometry } from '../templates/page-css.js';
import { reportPreflight } from './print-language.js';
import { loadOrganisations } from './organisations.js';
import { prepareDocument, type BuildShared, type PreparedDocument } from './prepare-document.js';

/** What to build. */
export interface BuildOptions {
  /** Project folder (holding brochure/, templates/, assets/); the current folder by default. */
  root?: string;
  /** Languages to build; all of brochure.yaml's by default. */
  languages?: string[];
  /** Output folder; <root>/dist by default. */
  outDir?: string;
  /** Print PDFs with Chromium; true by default. False stops after the HTML (no browser needed). */
  print?: boolean;
  /** Write the outputs into outDir; true by default. False keeps everything in memory. */
  write?: boolean;
  /** Also make a CMYK PDF/X-3 of each print PDF with Ghostscript (<slug>-<lang>-press.pdf). */
  pressReady?: boolean;
  /** Also impose each print PDF as a saddle-stitched booklet on A4 sheets (<slug>-<lang>-booklet.pdf). */
  impose?: 'booklet';
  /** Environment, for SOURCE_DATE_EPOCH and the browser path; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Milliseconds one print of one language may take; 120 000 by default. */
  timeout?: number;
  /** Build languages whose translation is incomplete or stale anyway, with a "draft" mark on every page. */
  allowIncomplete?: boolean;
  /** Told when a language moves to its next stage. */
  onProgress?: (lang: string, stage: string) => void;
}

/** The outcome of one language. */
export interface LanguageResult {
  lang: string;
  ok: boolean;
  /** Built with `allowIncomplete` although unfinished: every page carries a draft mark. */
  draft?: boolean;
  /** Every file of the language with its messages. */
  files: VFile[];
  html?: string;
  /** The screen PDF: trim size, no crop marks. */
  pdf?: Uint8Array;
  /** The print PDF: bleed, crop marks, TrimBox and BleedBox, pages padded to a multiple of 4. */
  printPdf?: Uint8Array;
  /** Pages of the print PDF. */
  pages?: number;
  /** The print PDF as CMYK PDF/X-3, with `pressReady`. */
  pressPdf?: Uint8Array;
  /** The print PDF imposed two pages to an A4 sheet in booklet order, with `impose: 'booklet'`. */
  bookletPdf?: Uint8Array;
  /** The preflight of the screen and the print PDF. */
  preflight?: PreflightReport[];
  /** Pages of the screen PDF (without the padding pages). */
  screenPages?: number;
  /** Paths written, relative to the output folder. */
  outputs: string[];
  /** Milliseconds per stage. */
  timings: Record<string, number>;
}

/** The outcome of a build. */
export interface BuildResult {
  ok: boolean;
  /** brochure.yaml with its messages; when it has errors nothing else was built. */
  configFile: VFile;
  languages: LanguageResult[];
  outDir: string;
  /** True when the outputs were swapped into outDir. */
  published: boolean;
  /** Where each built language's translation stands. */
  translations: TranslationStatus[];
}

/** The languages asked for are not in brochure.yaml. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Builds every requested language: HTML and, unless `print` is false, the PDF. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const paths = projectPaths(options.root ?? process.cwd());
  const env = options.env ?? process.env;
  const outDir = path.resolve(paths.root, options.outDir ?? 'dist');
  const { file: configFile, config } = await loadConfig(paths);
  const failed = (): BuildResult => ({ ok: false, configFile, languages: [], outDir, published: false, translations: [] });
  if (!config) return failed();
  const languages = options.languages ?? config.languages;
  const unknown = languages.filter((lang) => !config.languages.includes(lang));
  if (unknown.length > 0) {
    throw new UsageError(`Unknown language ${unknown.map((lang) => `\`${lang}\``).join(', ')}; brochure/brochure.yaml lists ${config.languages.join(', ')}.`);
  }

  const assets = new AssetStore(paths.root);
  const [templates, fontCss, generator, organisations] = await Promise.all([
    loadTemplates(paths.templates, paths.root),
    fontFaceCss(),
    toolName(),
    loadOrganisations(config, assets, configFile),
  ]);
  if (hasErrors([configFile])) return failed();
  const shared: BuildShared = { paths, config, assets, templates, fontCss, generator, organisations, printTimeout: options.timeout ?? 120_000 };
  const date = buildDate(env);

  const checksStarted = performance.now();
  // Every language is checked, so that translation-status.json is complete even when only some are built.
  const translations = await checkTranslations(paths, config, config.languages);
  const checkTime = performance.now() - checksStarted;
  const draft = new Set(options.allowIncomplete ? translations.status.filter((status) => !status.complete).map((status) => status.lang) : []);
  const prepared = await Promise.all(
    languages.map((lang) => {
      options.onProgress?.(lang, 'parse');
      return prepareDocument(shared, lang, { draft: draft.has(lang) });
    }),
  );
  const results = prepared.map((document): LanguageResult => {
    const folder = path.join(paths.content, document.lang);
    const ofLanguage = (file: VFile) => file.path === folder || file.path.startsWith(folder + path.sep);
    const files = withoutDuplicates([...document.files, ...translations.files.filter(ofLanguage)]);
    // A draft is built despite what is unfinished; what is broken still stops it.
    if (draft.has(document.lang)) downgradeIncomplete(files);
    return {
      lang: document.lang,
      ok: document.html !== undefined && !hasErrors(files),
      draft: draft.has(document.lang),
      files,
      html: document.html,
      outputs: [],
      timings: { ...document.timings, checks: checkTime },
    };
  });

  if (options.print !== false && results.some((result) => result.ok)) {
    await printAll(results, prepared, shared, date, env, options.onProgress);
  }

  checkPageCounts(results, config.sourceLanguage);
  await Promise.all(results.map((result, index) => (result.ok && result.printPdf ? makeExtraVariants(result, prepared[index]!, shared, options) : undefined)));
  for (const result of results) result.ok &&= !hasErrors(result.files);
  const ok = results.every((result) => result.ok);
  let published = false;
  if (ok && options.write !== false) {
    const files: OutputFile[] = [];
    for (const result of results) {
      const base = `${config.slug}-${result.lang}`;
      const entries: OutputFile[] = [{ path: `${result.lang}/index.html`, data: result.html! }];
      if (result.pdf) entries.push({ path: `${result.lang}/${base}.pdf`, data: result.pdf });
      if (result.printPdf) entries.push({ path: `${result.lang}/${base}-print.pdf`, data: result.printPdf });
      if (result.pressPdf) entries.push({ path: `${result.lang}/${base}-press.pdf`, data: result.pressPdf });
      if (result.preflight) entries.push({ path: `${result.lang}/preflight.json`, data: `${JSON.stringify(result.preflight, null, 2)}\n` });
      if (result.bookletPdf) entries.push({ path: `${result.lang}/${base}-booklet.pdf`, data: result.bookletPdf });
      result.outputs = entries.map((entry) => entry.path);
      files.push(...entries);
    }
    files.push({ path: 'translation-status.json', data: `${JSON.stringify({ sourceLanguage: config.sourceLanguage, languages: translations.status }, null, 2)}\n` });
    const unlock = await lockOutput(outDir);
    try {
      await publishOutputs(outDir, files);
      published = true;
    } finally {
      await unlock();
    }
  }
  return { ok, configFile, languages: results, outDir, published, translations: translations.status };
}

/**
 * The build and the checks read some files twice and may find the same problem twice (a missing UI string):
 * a message is kept once per file path, place and text.
 */
function withoutDuplicates(files: VFile[]): VFile[] {
  const seen = new Set<string>();
  for (const file of files) {
    file.messages = file.messages.filter((message) => {
      const key = `${file.path}|${message.line}|${message.column}|${message.reason}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return files;
}

/** Turns the errors that mean "not finished yet" into warnings, for a draft build. */
function downgradeIncomplete(files: VFile[]): void {
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true && INCOMPLETE_RULES.has(message.ruleId ?? '')) message.fatal = false;
    }
  }
}

/** How often the browser is started for one build: once, and once more after a crash or hang. */
const BROWSER_ATTEMPTS = 2;

/**
 * Prints every language that is ready, in parallel pages of one browser. When Chromium crashes, is killed or
 * hangs, the languages it had not finished are printed again in a new browser, once; then they fail with a
 * message that says so.
 */
async function printAll(
  results: LanguageResult[],
  prepared: PreparedDocument[],
  shared: BuildShared,
  date: Date,
  env: NodeJS.ProcessEnv,
  onProgress: BuildOptions['onProgress'],
): Promise<void> {
  const found = await findBrowser(env);
  let pending = results.map((result, index) => ({ result, document: prepared[index]! })).filter(({ result }) => result.ok);
  let lastCrash: Error | undefined;
  for (let attempt = 1; attempt <= BROWSER_ATTEMPTS && pending.length > 0; attempt++) {
    let session: BrowserSession;
    try {
      session = await launchBrowser(found);
    } catch (error) {
      if (!(error instanceof BrowserError)) throw error;
      lastCrash = error;
      continue;
    }
    try {
      const outcomes = await Promise.all(
        pending.map(async (entry) => {
          try {
            await printLanguage(session, entry.result, entry.document, shared, date, onProgress);
            return undefined;
          } catch (error) {
            if (error instanceof BrowserCrashedError) return { entry, error };
            throw error;
          }
        }),
      );
      const crashed = outcomes.filter((outcome) => outcome !== undefined);
      pending = crashed.map((outcome) => outcome.entry);
      lastCrash = crashed[0]?.error;
      if (pending.length > 0 && attempt < BROWSER_ATTEMPTS) {
        for (const { result } of pending) onProgress?.(result.lang, 'browser stopped; printing again in a new browser');
      }
    } finally {
      await session.close();
    }
  }
  for (const { result, document } of pending) {
    reportError(document.files[1]!, `Cannot print the ${result.lang} brochure: Chromium stopped or did not start (${lastCrash?.message.split('\n')[0] ?? 'it crashed or was killed'}), twice`, {
      ruleId: 'print',
      hint: 'Close other programs if memory is short and build again; if it keeps failing, check the browser with `chromium --version` or set BROCHURE_BROWSER to another Chrome.',
    });
    result.ok = false;
  }
}

/**
 * Every language should have the source's page count, so that the editions can be printed and bound alike and
 * page references agree; a difference is a warning on the language's index.md.
 */
function checkPageCounts(results: LanguageResult[], sourceLanguage: string): void {
  const source = results.find((result) => result.lang === sourceLanguage && result.pages !== undefined) ?? results.find((result) => result.pages !== undefined);
  if (!source) return;
  for (const result of results) {
    if (result.pages === undefined || result.pages === source.pages) continue;
    reportWarning(result.files[1]!, `Unexpected page count ${result.pages} in \`${result.lang}\`, expected ${source.pages} as in \`${source.lang}\``, {
      ruleId: 'page-count',
      hint: 'A section of this language runs onto an extra page: shorten its text a little, or look at the pages where the sections start.',
    });
  }
}

/** The press-ready PDF/X and the imposed booklet, made from the print PDF when asked for. */
async function makeExtraVariants(result: LanguageResult, document: PreparedDocument, shared: BuildShared, options: BuildOptions): Promise<void> {
  const started = performance.now();
  if (options.impose === 'booklet') result.bookletPdf = await imposeBooklet(result.printPdf!);
  if (options.pressReady) {
    options.onProgress?.(result.lang, 'press-ready');
    result.pressPdf = await pressReady(result.printPdf!, { title: document.frontMatter!.title });
    const press = await PDFDocument.load(result.pressPdf, { updateMetadata: false });
    const report = preflight(press, {
      variant: 'press',
      file: `${shared.config.slug}-${result.lang}-press.pdf`,
      bytes: result.pressPdf.length,
      geometry: pageGeometry(shared.config, 'print'),
      lang: result.lang,
    });
    result.preflight = [...(result.preflight ?? []), report];
    reportPreflight(document.files[1]!, report);
  }
  result.timings.variants = performance.now() - started;
}

/** The date written into the PDFs: SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds; else now. */
export function buildDate(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`Unexpected SOURCE_DATE_EPOCH \`${epoch}\`, expected whole seconds since 1970, such as 1622505600.`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

let cachedToolName: string | undefined;

/** `brochure-pipeline <version>`, read from package.json. */
export async function toolName(): Promise<string> {
  if (!cachedToolName) {
    const packageFile = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
    const { name, version } = JSON.parse(await readFile(packageFile, 'utf8')) as { name: string; version: string };
    cachedToolName = `${name} ${version}`;
  }
  return cachedToolName;
}
