import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VFile } from 'vfile';
import { loadConfig, projectPaths } from '../config/load-config.js';
import { AssetStore } from '../content/asset-store.js';
import { loadTemplates } from '../templates/load-templates.js';
import { fontFaceCss } from '../templates/font-faces.js';
import { findBrowser } from '../render/find-browser.js';
import { launchBrowser, type BrowserSession } from '../render/launch-browser.js';
import { PDFDocument } from 'pdf-lib';
import { printDocument, type PrintOptions } from '../render/print-document.js';
import { readPageMap } from '../pdf/read-page-map.js';
import { contentsTargets, fillContents } from '../templates/fill-contents.js';
import { setMetadata } from '../pdf/set-metadata.js';
import { lockOutput, publishOutputs, type OutputFile } from '../publish/write-dist.js';
import { hasErrors, reportError } from '../report/messages.js';
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
  /** Environment, for SOURCE_DATE_EPOCH and the browser path; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Told when a language moves to its next stage. */
  onProgress?: (lang: string, stage: string) => void;
}

/** The outcome of one language. */
export interface LanguageResult {
  lang: string;
  ok: boolean;
  /** Every file of the language with its messages. */
  files: VFile[];
  html?: string;
  pdf?: Uint8Array;
  pages?: number;
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
  const failed = (): BuildResult => ({ ok: false, configFile, languages: [], outDir, published: false });
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
  const shared: BuildShared = { paths, config, assets, templates, fontCss, generator, organisations };
  const date = buildDate(env);

  const prepared = await Promise.all(
    languages.map((lang) => {
      options.onProgress?.(lang, 'parse');
      return prepareDocument(shared, lang);
    }),
  );
  const results = prepared.map((document): LanguageResult => ({
    lang: document.lang,
    ok: document.html !== undefined,
    files: document.files,
    html: document.html,
    outputs: [],
    timings: { ...document.timings },
  }));

  if (options.print !== false && results.some((result) => result.ok)) {
    let session: BrowserSession | undefined;
    try {
      session = await launchBrowser(await findBrowser(env));
      await Promise.all(results.map((result, index) => (result.ok ? printLanguage(session!, result, prepared[index]!, shared, date, options) : undefined)));
    } finally {
      await session?.close();
    }
  }

  const ok = results.every((result) => result.ok);
  let published = false;
  if (ok && options.write !== false) {
    const files: OutputFile[] = [];
    for (const result of results) {
      const base = `${config.slug}-${result.lang}`;
      const entries: OutputFile[] = [{ path: `${result.lang}/index.html`, data: result.html! }];
      if (result.pdf) entries.push({ path: `${result.lang}/${base}.pdf`, data: result.pdf });
      result.outputs = entries.map((entry) => entry.path);
      files.push(...entries);
    }
    const unlock = await lockOutput(outDir);
    try {
      await publishOutputs(outDir, files);
      published = true;
    } finally {
      await unlock();
    }
  }
  return { ok, configFile, languages: results, outDir, published };
}

async function printLanguage(
  session: BrowserSession,
  result: LanguageResult,
  document: PreparedDocument,
  shared: BuildShared,
  date: Date,
  options: BuildOptions,
): Promise<void> {
  const reportOn = document.files[1]!; // index.md: the document as a whole
  const started = performance.now();
  options.onProgress?.(result.lang, 'print');
  try {
    const handlers: PrintOptions = {
      onBlockedRequest: (url) =>
        reportError(reportOn, `Unexpected request to \`${url.slice(0, 120)}\` while printing; it was blocked`, {
          ruleId: 'blocked-request',
          hint: 'Everything the brochure shows must come from the project: put the file into assets/ and link it relatively.',
        }),
      onPageProblem: (text) => reportError(reportOn, `Unexpected error in the page while printing: ${text}`, { ruleId: 'page-error' }),
    };
    // First print: where each heading lands. The contents page numbers are then filled in; their slots have a
    // fixed width, so the second print has the same layout.
    let pdf = await PDFDocument.load(await printDocument(session.browser, result.html!, handlers), { updateMetadata: false });
    result.timings.print = performance.now() - started;
    const pageMap = readPageMap(pdf);
    const missing = contentsTargets(result.html!).filter((id) => !pageMap.has(id));
    for (const id of missing) {
      reportError(reportOn, `Cannot find the page of heading \`#${id}\` for the table of contents`, { ruleId: 'contents', hint: 'Each section needs a `# Title` heading.' });
    }
    const filled = fillContents(result.html!, pageMap);
    if (filled !== result.html) {
      options.onProgress?.(result.lang, 'print again');
      const second = performance.now();
      result.html = filled;
      pdf = await PDFDocument.load(await printDocument(session.browser, filled, handlers), { updateMetadata: false });
      result.timings.secondPrint = performance.now() - second;
    }
    options.onProgress?.(result.lang, 'post-process');
    const afterPrint = performance.now();
    setMetadata(pdf, {
      title: document.frontMatter!.title,
      authors: document.authors,
      subject: document.frontMatter!.description,
      keywords: document.frontMatter!.keywords,
      lang: result.lang,
      creator: shared.generator,
      date,
    });
    result.pdf = await pdf.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
    result.pages = pdf.getPageCount();
    result.timings.postProcess = performance.now() - afterPrint;
  } catch (cause) {
    reportError(reportOn, `Cannot print the ${result.lang} brochure: ${(cause as Error).message.split('\n')[0]}`, {
      ruleId: 'print',
      hint: 'Run the build again; if it fails again, report it with this message.',
    });
  }
  result.ok = !hasErrors(result.files);
  if (!result.ok) {
    delete result.pdf;
    delete result.pages;
  }
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
