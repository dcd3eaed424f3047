import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { CoverCache } from './cover-picture.js';
import { renderDownloadPage } from './download-page.js';
import { combineManifest, keptLanguages, manifestEntries, type LanguageBuild, type ListedLanguage } from './manifest.js';
import { PDF_VARIANTS, outputPath } from './output-names.js';
import { BrochureError } from '../errors.js';
import { changedSinceBuilt, currentOutput, lockOutput, switchOutput, type OutputFile } from './output-folder.js';

/** One language's outputs as the build made them. */
export interface LanguageOutputs {
  lang: string;
  draft: boolean;
  html: string;
  pdfs: Partial<Record<(typeof PDF_VARIANTS)[number], { bytes: Uint8Array; pages: number }>>;
  preflight: unknown;
  /** The key of the screen PDF's first page, for its cover picture (see firstPageKey). */
  firstPage?: string;
}

/** What the build records about itself for every language it made (see manifest.ts). */
export type BuildRecord = Omit<LanguageBuild, 'draft'>;

/** A language to write into the output: its files and their manifest entries. */
export interface PublishedLanguage extends ListedLanguage {
  files: OutputFile[];
}

/**
 * Writes a build into the output folder: the languages built, replacing their previous files; every other
 * language of brochure.yaml that the output holds stays as the last build left it (files and manifest
 * entries). See publishLanguages.
 */
export async function publishBuild(outDir: string, paths: ProjectPaths, config: ResolvedBrochureConfig, languages: LanguageOutputs[], status: TranslationStatus[], record: BuildRecord, coverFolder?: string): Promise<void> {
  const published = languages.map((language) => languageFiles(config.slug, language, record));
  const covers = coverFolder && record.settings ? { folder: coverFolder, tool: record.settings.tool } : undefined;
  const firstPages = new Map(languages.flatMap((language) => (language.firstPage ? [[language.lang, language.firstPage] as const] : [])));
  await publishLanguages(outDir, paths, config, published, status, { keepOthers: true, buildDate: record.buildDate, sourceCommit: record.sourceCommit, covers, firstPages });
}

/**
 * The one writer of outputs, for builds and for assembled parts: the languages given with their files, the
 * other languages of the current output when `keepOthers` (hard links, manifest entries unchanged), then
 * translation-status.json, the download page over all languages of the manifest, and manifest.json last. The
 * output changes all at once, under its lock (see output-folder.ts).
 */
export async function publishLanguages(
  outDir: string,
  paths: ProjectPaths,
  config: ResolvedBrochureConfig,
  languages: PublishedLanguage[],
  status: TranslationStatus[],
  options: { keepOthers: boolean; buildDate: string; sourceCommit: string | null; covers?: CoverCache; firstPages?: ReadonlyMap<string, string> },
): Promise<void> {
  const unlock = await lockOutput(outDir);
  try {
    const current = await currentOutput(outDir);
    const written = new Set(languages.map((language) => language.lang));
    const kept = !options.keepOthers ? [] : config.languages.filter((lang) => !written.has(lang) && current?.manifest?.files.some((file) => file.language === lang));
    const manifest = combineManifest([...keptLanguages(current?.manifest, kept), ...languages], config.languages, options);
    const files: OutputFile[] = languages.flatMap((language) => language.files);
    files.push({ path: 'translation-status.json', data: `${JSON.stringify({ sourceLanguage: config.sourceLanguage, languages: status }, null, 2)}\n` });
    const listed = config.languages.filter((lang) => manifest.languages[lang]);
    const keep = (current?.manifest?.files ?? []).filter((file) => kept.includes(file.language)).map((file) => file.path);
    const changed = current ? await changedSinceBuilt(current, keep) : [];
    if (changed.length > 0) {
      throw new BrochureError('output-changed', `Cannot keep ${changed.map((name) => `\`${name}\``).join(', ')} of the previous build: ${changed.length === 1 ? 'it differs' : 'they differ'} from what manifest.json says was built (SHA-256).`);
    }
    // The download page's cover pictures come from the screen PDFs: this build's, or the current output's for the languages kept.
    const fileData = async (name: string) => {
      const made = files.find((file) => file.path === name)?.data;
      if (made !== undefined) return typeof made === 'string' ? Buffer.from(made) : made;
      return current ? readFile(path.join(current.folder, name)).catch(() => undefined) : undefined;
    };
    if (manifest.files.some((file) => file.variant === 'screen')) files.push({ path: 'index.html', data: await renderDownloadPage(paths, config, manifest, listed, { fileData, covers: options.covers, firstPages: options.firstPages }) });
    files.push({ path: 'manifest.json', data: `${JSON.stringify(manifest, null, 2)}\n` });
    await switchOutput(outDir, current, files, keep);
  } finally {
    await unlock();
  }
}

/** The files of one language in dist/<lang>/: the web page, the PDFs made, the preflight. */
function languageFiles(slug: string, language: LanguageOutputs, record: BuildRecord): PublishedLanguage {
  const files: OutputFile[] = [{ path: outputPath(slug, language.lang, 'web'), data: language.html }];
  const pages = new Map<string, number>();
  for (const variant of PDF_VARIANTS) {
    const pdf = language.pdfs[variant];
    if (!pdf) continue;
    const name = outputPath(slug, language.lang, variant);
    files.push({ path: name, data: pdf.bytes });
    pages.set(name, pdf.pages);
  }
  if (language.pdfs.screen) files.push({ path: outputPath(slug, language.lang, 'preflight'), data: `${JSON.stringify(language.preflight, null, 2)}\n` });
  return { lang: language.lang, build: { buildDate: record.buildDate, sourceCommit: record.sourceCommit, draft: language.draft, ...(record.proof ? { proof: true } : {}), settings: record.settings, tools: record.tools }, files, entries: manifestEntries(language.lang, files, pages) };
}
