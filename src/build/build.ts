import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { editionFiles } from '../compare/read-edition.js';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import { loadConfig, projectPaths, type ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { BrochureError } from '../errors.js';
import { findGhostscript } from '../pdf/press-ready.js';
import { InputHashes } from '../content/hash-inputs.js';
import { buildSettings, optionsOf, sourceCommit } from '../publish/build-identity.js';
import { checkOutputFolder } from '../publish/check-output-folder.js';
import { remoteBrowser, remoteBrowserVersion } from '../render/connect-browser.js';
import { browserVersion, findBrowser } from '../render/find-browser.js';
import { isRemote, type BrowserTarget } from '../render/start-session.js';
import { BuildCache, type CacheOptions } from './build-cache.js';
import { cacheFolders } from './cache-folders.js';
import { checkPageCounts } from './check-page-counts.js';
import { defaultJobs } from './default-jobs.js';
import { openOrBuild } from './open-edition.js';
import type { BuildOptions, BuildResult, LanguageResult } from './types.js';

export type { BuildOptions, BuildResult, LanguageResult } from './types.js';

/**
 * Builds the languages asked for: for each, HTML and (unless `print` is false) the screen and print PDFs, and
 * writes them into the output folder, where the other languages stay as they were. Unchanged languages come
 * from the build cache. The stages of one language are in produce.ts.
 */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const paths = projectPaths(options.root ?? process.cwd());
  const env = options.env ?? process.env;
  const outDir = path.resolve(paths.root, options.outDir ?? 'dist');
  const { file: configFile, config } = await loadConfig(paths);
  const result = (languages: LanguageResult[], translations: TranslationStatus[], published = false): BuildResult => ({
    ok: config !== undefined && languages.length > 0 && languages.every((language) => language.ok),
    configFile,
    config,
    languages,
    outDir,
    published,
    translations,
  });
  if (!config) return result([], []);
  const languages = requestedLanguages(options.languages, config);
  const print = options.print !== false;
  const write = print && options.write !== false;
  const caches = options.cache === false ? undefined : cacheFolders(paths.root, options.cacheDir, env);
  if (write) await checkOutputFolder(outDir, paths.root, caches?.root ?? cacheFolders(paths.root, options.cacheDir, env).root);
  const date = buildDate(env);
  // The tools are looked for first: a missing browser or Ghostscript is said before anything else happens.
  const tools = print ? await findTools(env, options.pressReady === true, options.browserWs) : undefined;

  const proof = options.proof === true || options.since !== undefined;
  const since = options.since ? await earlierEdition(options.since, paths, config, languages, options) : undefined;
  const hashes = new InputHashes();
  const cache = caches && print ? new BuildCache(paths, caches.builds, hashes) : undefined;
  const cacheOptions: CacheOptions = {
    pressReady: options.pressReady,
    impose: options.impose,
    allowIncomplete: options.allowIncomplete,
    sourceDateEpoch: env.SOURCE_DATE_EPOCH,
    // A proof's mark carries the day it was made: a proof made another day is made again.
    proof: proof ? `${date.toISOString().slice(0, 10)}${since ? ` since ${since.hash}` : ''}` : undefined,
    tools: tools?.versions ?? [],
  };
  const keys = new Map<string, string>();
  if (cache) for (const lang of config.languages) keys.set(lang, await cache.key(lang, config.sourceLanguage, cacheOptions));
  // Every language's entry whose inputs are unchanged: the languages asked for come from it (unless --force),
  // and for the others its status and name, so that they need not be read and checked again.
  const entries = new Map<string, LanguageResult>();
  for (const lang of cache ? config.languages : []) {
    if (options.force && languages.includes(lang)) continue;
    const hit = await cache!.load(lang, keys.get(lang)!);
    if (hit) entries.set(lang, hit);
  }
  const cached = new Map(languages.filter((lang) => entries.has(lang)).map((lang) => [lang, entries.get(lang)!]));
  const known = new Map([...entries].flatMap(([lang, entry]) => (entry.status ? [[lang, { status: entry.status, name: entry.languageName ?? lang }] as const] : [])));
  for (const lang of cached.keys()) options.onProgress?.(lang, 'unchanged (cached)');
  let status = cached.size === languages.length && config.languages.every((lang) => known.has(lang)) ? config.languages.map((lang) => known.get(lang)!.status) : undefined;
  let results = languages.map((lang) => cached.get(lang)).filter((entry): entry is LanguageResult => entry !== undefined);
  let filesRead = new Set<string>();
  if (!status) {
    const { produce } = await import('./produce.js');
    const produced = await produce({
      paths,
      config,
      configFile,
      languages: languages.filter((lang) => !cached.has(lang)),
      date,
      browser: tools?.browser,
      jobs: options.jobs ?? defaultJobs(),
      known,
      ghostscript: tools?.ghostscript,
      caches,
      hashes,
      options,
      proof: proof ? { date: date.toISOString().slice(0, 10), since } : undefined,
    });
    if (!produced) return result([], []);
    status = produced.status;
    filesRead = produced.filesRead;
    results = languages.map((lang) => cached.get(lang) ?? produced.results.find((entry) => entry.lang === lang)!);
  }
  if (print) checkPageCounts(results.map((entry) => ({ lang: entry.lang, pages: entry.pdfs.print?.pages, document: entry.document })), config.sourceLanguage);
  const outcome = result(results, status);
  if (cache && outcome.ok) await saveToCache(cache, results, keys, filesRead);
  if (outcome.ok && write) {
    const { publishBuild } = await import('../publish/publish-build.js');
    const [commit, settings] = await Promise.all([sourceCommit(paths.root, env), buildSettings(paths, optionsOf({ ...options, proof }), hashes)]);
    const record = { buildDate: date.toISOString(), sourceCommit: commit, settings, tools: tools?.versions, ...(proof ? { proof: true } : {}) };
    await publishBuild(outDir, paths, config, results.map((entry) => ({ ...entry, html: entry.html! })), status, record, caches?.covers);
    return { ...outcome, published: true };
  }
  return outcome;
}

/** The web pages of an earlier edition (`--since OLD`) for the languages built, read into memory, and their hash. */
async function earlierEdition(old: string, paths: ProjectPaths, config: ResolvedBrochureConfig, languages: string[], options: BuildOptions): Promise<{ label: string; pages: Map<string, string>; hash: string }> {
  const edition = await openOrBuild(old, paths, config, { languages, env: options.env, onProgress: options.onProgress, build });
  try {
    const pages = new Map<string, string>();
    for (const lang of languages) {
      const files = await editionFiles(edition.folder, lang);
      if (files) pages.set(lang, await readFile(files.web, 'utf8'));
    }
    const hash = crypto.createHash('sha256').update(JSON.stringify([edition.label, ...pages])).digest('hex').slice(0, 16);
    return { label: edition.label, pages, hash };
  } finally {
    await edition.cleanup();
  }
}

/** The languages asked for, all of brochure.yaml's by default; an unknown one is a usage error. */
function requestedLanguages(asked: string[] | undefined, config: ResolvedBrochureConfig): string[] {
  const languages = asked ?? config.languages;
  const unknown = languages.filter((lang) => !config.languages.includes(lang));
  if (unknown.length > 0) {
    throw new BrochureError('usage', `Unknown language ${unknown.map((lang) => `\`${lang}\``).join(', ')}; brochure/brochure.yaml lists ${config.languages.join(', ')}.`);
  }
  return languages;
}

/**
 * The browser (a service when --browser-ws or $BROCHURE_BROWSER_WS names one, else a Chromium to launch) and
 * Ghostscript for --press-ready, with their versions, which are part of the cache key and the manifest.
 */
async function findTools(env: NodeJS.ProcessEnv, pressReady: boolean, browserWs: string | undefined): Promise<{ browser: BrowserTarget; ghostscript?: string; versions: string[] }> {
  const remote = remoteBrowser(env, browserWs);
  const [browser, ghostscript] = await Promise.all([remote ?? findBrowser(env), pressReady ? findGhostscript(env.BROCHURE_GHOSTSCRIPT || 'gs') : undefined]);
  const versions = [isRemote(browser) ? await remoteBrowserVersion(browser) : await browserVersion(browser), ...(ghostscript ? [`Ghostscript ${ghostscript.version}`] : [])];
  return { browser, ghostscript: ghostscript?.command, versions };
}

async function saveToCache(cache: BuildCache, results: LanguageResult[], keys: Map<string, string>, filesRead: Set<string>): Promise<void> {
  // The cache only saves time: failing to write it (a full disk, permissions) never fails the build.
  try {
    for (const entry of results) if (!entry.cached) await cache.save(entry, keys.get(entry.lang)!, filesRead);
  } catch {
    // The next build simply rebuilds.
  }
}

/** The date written into the PDFs: SOURCE_DATE_EPOCH (seconds) when set, for reproducible builds; else now. */
export function buildDate(env: NodeJS.ProcessEnv): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new BrochureError('usage', `Unexpected SOURCE_DATE_EPOCH \`${epoch}\`, expected whole seconds since 1970, such as 1622505600.`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}

export type { ProjectPaths };
