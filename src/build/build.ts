import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { toolRoot } from '../tool-root.js';
import type { VFile } from 'vfile';
import { loadConfig, projectPaths } from '../config/load-config.js';
import { lockOutput, publishOutputs, type OutputFile } from '../publish/write-dist.js';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import { createManifest } from '../publish/manifest.js';
import type { PreflightReport } from '../pdf/preflight.js';
import { BuildCache } from './cache.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';

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
  /** Use the build cache (node_modules/.cache/brochure-pipeline): unchanged languages are not printed again; true by default. */
  cache?: boolean;
  /** Rebuild every language even when the cache has it (the cache is refreshed). */
  force?: boolean;
  /** Told when a language moves to its next stage. */
  onProgress?: (lang: string, stage: string) => void;
}

/** The outcome of one language. */
export interface LanguageResult {
  lang: string;
  ok: boolean;
  /** Taken from the build cache: its inputs have not changed since it was built. */
  cached?: boolean;
  /** Built with `allowIncomplete` although unfinished: every page carries a draft mark. */
  draft?: boolean;
  /** Every file of the language with its messages. */
  files: VFile[];
  html?: string;
  /** The HTML as finally printed (bleed, contents filled, padding pages); for benchmarks and debugging. */
  printHtml?: string;
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
  const date = buildDate(env);

  // Languages whose inputs are unchanged since they were last built come from the cache: no checks, no browser.
  const useCache = options.cache !== false && options.print !== false;
  const cache = useCache ? new BuildCache(paths) : undefined;
  const cacheOptions = { pressReady: options.pressReady, impose: options.impose, allowIncomplete: options.allowIncomplete, sourceDateEpoch: env.SOURCE_DATE_EPOCH };
  const keys = new Map<string, string>();
  if (cache) for (const lang of config.languages) keys.set(lang, await cache.key(lang, config.sourceLanguage, cacheOptions));
  const statusKey = [...keys.values()].join('+');
  const cached = new Map<string, LanguageResult>();
  if (cache && !options.force) {
    for (const lang of languages) {
      const hit = await cache.load(lang, keys.get(lang)!);
      if (hit) cached.set(lang, hit);
    }
  }
  const cachedStatus = cache && cached.size === languages.length ? await cache.loadStatus(statusKey) : undefined;
  if (cachedStatus) {
    for (const lang of languages) options.onProgress?.(lang, 'unchanged (cached)');
    return publish(languages.map((lang) => cached.get(lang)!), cachedStatus);
  }

  const { produce } = await import('./produce.js');
  const produced = await produce({ paths, config, configFile, languages, cached, date, env, options });
  if (!produced) return failed();
  const { results, status, filesRead } = produced;
  if (cache && results.every((result) => result.ok)) {
    // The cache only saves time: failing to write it (a full disk, permissions) never fails the build.
    try {
      for (const result of results) if (!result.cached) await cache.save(result, keys.get(result.lang)!, filesRead);
      await cache.saveStatus(statusKey, status);
    } catch {
      // The next build simply rebuilds.
    }
  }
  return publish(results, status);

  async function publish(results: LanguageResult[], status: TranslationStatus[]): Promise<BuildResult> {
    const ok = results.every((result) => result.ok);
    let published = false;
    if (ok && options.write !== false) {
      const files = outputFiles(config!, results);
      files.push({ path: 'translation-status.json', data: `${JSON.stringify({ sourceLanguage: config!.sourceLanguage, languages: status }, null, 2)}\n` });
      const pages = (file: string) => {
        const result = results.find((entry) => file.startsWith(`${entry.lang}/`));
        if (!result || !file.endsWith('.pdf')) return null;
        if (file.endsWith('-booklet.pdf')) return (result.pages ?? 0) / 2;
        return file.endsWith('-print.pdf') || file.endsWith('-press.pdf') ? (result.pages ?? null) : (result.screenPages ?? null);
      };
      const manifest = await createManifest(files, pages, date, paths.root);
      files.push({ path: 'manifest.json', data: `${JSON.stringify(manifest, null, 2)}\n` });
      // The download page lists what this build made; with every language of brochure.yaml built.
      if (results.length === config!.languages.length && results.some((result) => result.pdf)) {
        const { renderDownloadPage } = await import('../publish/download-page.js');
        files.push({ path: 'index.html', data: await renderDownloadPage(paths, config!, manifest, results.map((result) => result.lang)) });
      }
      const unlock = await lockOutput(outDir);
      try {
        await publishOutputs(outDir, files);
        published = true;
      } finally {
        await unlock();
      }
    }
    return { ok, configFile, languages: results, outDir, published, translations: status };
  }
}

/** The files of dist/ for the results: per language the web page, the PDFs made and the preflight. */
function outputFiles(config: ResolvedBrochureConfig, results: LanguageResult[]): OutputFile[] {
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
  return files;
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
    const packageFile = path.join(toolRoot(), 'package.json');
    const { name, version } = JSON.parse(await readFile(packageFile, 'utf8')) as { name: string; version: string };
    cachedToolName = `${name} ${version}`;
  }
  return cachedToolName;
}
