import path from 'node:path';
import { VFile } from 'vfile';
import { loadConfig, projectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { BrochureError } from '../errors.js';
import type { PreflightReport } from '../pdf/preflight/report.js';
import { buildSettings } from '../publish/build-identity.js';
import { checkOutputFolder } from '../publish/check-output-folder.js';
import { matchParts, type PartLanguage } from '../publish/match-parts.js';
import { publishLanguages, type PublishedLanguage } from '../publish/publish-build.js';
import { readPart } from '../publish/read-part.js';
import { hasErrors } from '../report/messages.js';
import { cacheFolders } from './cache-folders.js';
import { checkPageCounts } from './check-page-counts.js';
import { reportPreflight } from './report-preflight.js';

/** What to assemble. */
export interface AssembleOptions {
  /** Project folder, a checkout of the commit the parts were built from; the current folder by default. */
  root?: string;
  /** Folders written by builds of some languages each (`--lang X --out parts/X`). */
  parts: string[];
  /** Output folder; <root>/dist by default. */
  outDir?: string;
  /** Environment, for the cache folder (which the output must not be); process.env by default. */
  env?: NodeJS.ProcessEnv;
}

/** One language of the assembled output. */
export interface AssembledLanguage {
  lang: string;
  /** The part it came from, as given. */
  part: string;
  /** Pages of the screen PDF. */
  pages: number | undefined;
  draft: boolean;
  /** brochure/<lang>/index.md: problems found across languages are reported here. */
  document: VFile;
  preflight: PreflightReport[];
}

/** The outcome of an assembly. */
export interface AssembleResult {
  ok: boolean;
  configFile: VFile;
  config: ResolvedBrochureConfig | undefined;
  languages: AssembledLanguage[];
  /** Things worth knowing that are not problems of a language. */
  notes: string[];
  outDir: string;
  published: boolean;
}

/**
 * Puts parts built on separate machines (a CI matrix: one language per job) into one output, as if one build
 * had made every language: each part is read and checked against its manifest, the parts must come from the
 * same commit and settings as each other and as this checkout, then the checks across languages run (page
 * counts, which no part can check alone) and each language's preflight is read back; with no error the
 * output is written by the same writer as a build (files unchanged, manifest entries as the parts recorded
 * them, translation status, download page).
 */
export async function assemble(options: AssembleOptions): Promise<AssembleResult> {
  const paths = projectPaths(options.root ?? process.cwd());
  const env = options.env ?? process.env;
  const outDir = path.resolve(paths.root, options.outDir ?? 'dist');
  const { file: configFile, config } = await loadConfig(paths);
  const result = { ok: false, configFile, config, languages: [] as AssembledLanguage[], notes: [] as string[], outDir, published: false };
  if (!config) return result;
  if (options.parts.length === 0) throw new BrochureError('usage', 'Unexpected call without parts, expected the folders the builds wrote, such as `npm run assemble -- parts/*`.');
  await checkOutputFolder(outDir, paths.root, cacheFolders(paths.root, undefined, env).root);
  const parts = await Promise.all(options.parts.map((folder) => readPart(path.resolve(paths.root, folder), folder)));
  const matched = matchParts(parts, config.languages, await buildSettings(paths, []));
  const languages = matched.languages.map((language) => assembledLanguage(language, paths.root));
  checkPageCounts(matched.languages.map((language, index) => ({ lang: language.lang, pages: pagesOf(language, 'print'), document: languages[index]!.document })), config.sourceLanguage);
  for (const language of languages) for (const report of language.preflight) reportPreflight(language.document, report, [language.document]);
  const ok = !hasErrors(languages.map((language) => language.document));
  if (!ok) return { ...result, languages, notes: matched.notes };
  const published: PublishedLanguage[] = matched.languages.map(({ lang, part, build }) => {
    const entries = part.manifest.files.filter((entry) => entry.language === lang);
    return { lang, build, entries, files: entries.map((entry) => ({ path: entry.path, data: part.files.get(entry.path)! })) };
  });
  const buildDate = published.map((language) => language.build.buildDate).sort().at(-1)!;
  const status = matched.languages[0]!.part.status.languages;
  await publishLanguages(outDir, paths, config, published, status, { keepOthers: false, buildDate, sourceCommit: matched.languages[0]!.build.sourceCommit });
  return { ...result, ok: true, languages, notes: matched.notes, published: true };
}

function assembledLanguage(language: PartLanguage, root: string): AssembledLanguage {
  const preflightEntry = language.part.manifest.files.find((entry) => entry.language === language.lang && entry.variant === 'preflight');
  const preflight = preflightEntry ? (JSON.parse(Buffer.from(language.part.files.get(preflightEntry.path)!).toString('utf8')) as PreflightReport[]) : [];
  return {
    lang: language.lang,
    part: language.part.name,
    pages: pagesOf(language, 'screen'),
    draft: language.build.draft,
    document: new VFile({ path: path.join(root, 'brochure', language.lang, 'index.md'), cwd: root }),
    preflight,
  };
}

function pagesOf(language: PartLanguage, variant: 'screen' | 'print'): number | undefined {
  return language.part.manifest.files.find((entry) => entry.language === language.lang && entry.variant === variant)?.pages ?? undefined;
}
