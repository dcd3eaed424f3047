import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from '../pdf/pdf-lib-options.js';
import type { VFile } from 'vfile';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { ProjectPaths } from '../config/load-config.js';
import { AssetStore } from '../content/asset-store.js';
import { loadTemplates } from '../templates/load-templates.js';
import { fontFaceCss } from '../templates/font-faces.js';
import { pageGeometry } from '../templates/page-css.js';
import { findBrowser, type FoundBrowser } from '../render/find-browser.js';
import { BrowserError, launchBrowser, type BrowserSession } from '../render/launch-browser.js';
import { imposeBooklet } from '../pdf/impose-booklet.js';
import { pressReady } from '../pdf/press-ready.js';
import { preflight } from '../pdf/preflight.js';
import { hasErrors, reportError, reportWarning } from '../report/messages.js';
import { checkTranslations, INCOMPLETE_RULES, type TranslationStatus } from '../check/check-translations.js';
import { parseLanguage } from '../check/parse-language.js';
import { loadOrganisations } from './organisations.js';
import { prepareDocument, type BuildShared, type PreparedDocument } from './prepare-document.js';
import { PageMapCache } from './page-map-cache.js';
import { BrowserCrashedError, printLanguage, reportPreflight } from './print-language.js';
import { toolName, type BuildOptions, type LanguageResult } from './build.js';

/** What `produce` needs from the build. */
export interface ProduceInput {
  paths: ProjectPaths;
  config: ResolvedBrochureConfig;
  configFile: VFile;
  /** The languages asked for, in order. */
  languages: string[];
  /** Languages already built, from the cache. */
  cached: Map<string, LanguageResult>;
  date: Date;
  env: NodeJS.ProcessEnv;
  options: BuildOptions;
}

/**
 * The expensive part of a build, loaded only when something has to be built: checks, Markdown and templates,
 * printing, PDF variants. Returns the results in the order asked for (cached ones included), or undefined when
 * brochure.yaml has errors found on the way (a logo that does not exist).
 */
export async function produce(input: ProduceInput): Promise<{ results: LanguageResult[]; status: TranslationStatus[]; filesRead: Set<string> } | undefined> {
  const { env, options } = input;
  // Start the browser now: it launches while the checks, the Markdown and the templates run.
  const launching = options.print !== false ? startBrowser(env) : undefined;
  // Its failure (no browser found) is thrown where printing starts; marked handled now, so that Node does not
  // end the process on an unhandled rejection while the checks are still running.
  launching?.catch(() => undefined);
  try {
    return await produceWith(input, launching);
  } finally {
    // If nothing was printed (content errors), the early browser still has to go.
    const early = await launching?.catch(() => undefined);
    if (early && !('error' in early)) await early.session.close();
  }
}

type Launching = Promise<{ found: FoundBrowser; session: BrowserSession } | { found: FoundBrowser; error: Error }>;

async function startBrowser(env: NodeJS.ProcessEnv): Launching {
  const found = await findBrowser(env);
  try {
    return { found, session: await launchBrowser(found) };
  } catch (error) {
    if (error instanceof BrowserError) return { found, error };
    throw error;
  }
}

async function produceWith(input: ProduceInput, launching: Launching | undefined): Promise<{ results: LanguageResult[]; status: TranslationStatus[]; filesRead: Set<string> } | undefined> {
  const { paths, config, configFile, languages, cached, date, options } = input;
  const assets = new AssetStore(paths.root);
  const [templates, fontCss, generator, organisations] = await Promise.all([
    loadTemplates(paths.templates, paths.root),
    fontFaceCss(),
    toolName(),
    loadOrganisations(config, assets, configFile),
  ]);
  if (hasErrors([configFile])) return undefined;
  const pageMaps = options.cache === false ? undefined : new PageMapCache(path.join(paths.root, 'node_modules', '.cache', 'brochure-pipeline', 'page-maps'));
  const shared: BuildShared = { paths, config, assets, templates, fontCss, generator, organisations, pageMaps, printTimeout: options.timeout ?? 120_000 };

  const checksStarted = performance.now();
  // Every language is checked, so that translation-status.json is complete even when only some are built.
  // Each language is parsed once, for the checks and for the Markdown stage alike.
  const parsed = new Map(config.languages.map((lang) => [lang, parseLanguage(paths.content, lang, paths.root)] as const));
  shared.languageNames = new Map(
    await Promise.all(config.languages.map(async (lang) => [lang, String(((await parsed.get(lang)!).strings?.language as { name?: string } | undefined)?.name ?? lang)] as const)),
  );
  // Hook (issue 13): brochure.yaml takes the placeholder-logo warnings.
  const checking = checkTranslations(paths, config, config.languages, parsed, configFile).then((result) => ({ result, time: performance.now() - checksStarted }));
  const toBuild = languages.filter((lang) => !cached.has(lang));
  for (const lang of languages) if (cached.has(lang)) options.onProgress?.(lang, 'unchanged (cached)');
  const prepare = (draft: Set<string>) =>
    Promise.all(
      toBuild.map((lang) => {
        options.onProgress?.(lang, 'parse');
        return parsed.get(lang)!.then((language) =>
          prepareDocument(shared, lang, { draft: draft.has(lang), trees: new Map([...language.sections].map(([name, section]) => [name, section.tree])) }),
        );
      }),
    );
  // Which languages are drafts is only known after the checks; otherwise the checks and the Markdown run together.
  let draft = new Set<string>();
  let prepared: PreparedDocument[];
  let checked: Awaited<typeof checking>;
  if (options.allowIncomplete) {
    checked = await checking;
    draft = new Set(checked.result.status.filter((status) => !status.complete).map((status) => status.lang));
    prepared = await prepare(draft);
  } else {
    [checked, prepared] = await Promise.all([checking, prepare(draft)]);
  }
  const translations = checked.result;
  const checkTime = checked.time;
  const built = prepared.map((document): LanguageResult => {
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

  if (options.print !== false && built.some((result) => result.ok)) {
    await printAll(built, prepared, shared, date, launching!, options.onProgress);
  }
  const results = languages.map((lang) => cached.get(lang) ?? built.find((result) => result.lang === lang)!);
  checkPageCounts(results, config.sourceLanguage);
  await Promise.all(built.map((result, index) => (result.ok && result.printPdf ? makeExtraVariants(result, prepared[index]!, shared, options) : undefined)));
  for (const result of built) result.ok &&= !hasErrors(result.files);
  return { results, status: translations.status, filesRead: assets.filesRead };
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
  launching: Launching,
  onProgress: BuildOptions['onProgress'],
): Promise<void> {
  const early = await launching;
  let pending = results.map((result, index) => ({ result, document: prepared[index]! })).filter(({ result }) => result.ok);
  let lastCrash: Error | undefined;
  for (let attempt = 1; attempt <= BROWSER_ATTEMPTS && pending.length > 0; attempt++) {
    let session: BrowserSession;
    try {
      // The first attempt uses the browser started at the beginning of the build.
      if (attempt === 1 && 'error' in early) throw early.error;
      session = attempt === 1 && 'session' in early ? early.session : await launchBrowser(early.found);
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
    const press = await PDFDocument.load(result.pressPdf, LOAD_OPTIONS);
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
