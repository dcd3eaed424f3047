import crypto from 'node:crypto';
import type { BuildSettings } from './build-identity.js';
import { variantOf, type OutputFile, type OutputVariant } from './output-names.js';

/** One file of the release, as listed in dist/manifest.json. */
export interface ManifestEntry {
  language: string;
  variant: OutputVariant;
  path: string;
  bytes: number;
  pages: number | null;
  sha256: string;
}

/** How one language in the output was built. */
export interface LanguageBuild {
  buildDate: string;
  sourceCommit: string | null;
  /** Built with --allow-incomplete from an unfinished translation: a draft, not for partners. */
  draft: boolean;
  /** Built with --proof: a proof for partners to sign off, with its mark on every page; never released. */
  proof?: boolean;
  /** What the language was built from besides its own text (absent in manifests of older versions). */
  settings?: BuildSettings;
  /** What made its PDFs: the browser's version, and Ghostscript's with --press-ready. */
  tools?: string[];
}

/** dist/manifest.json. */
export interface Manifest {
  /** The date of the latest build into this output (SOURCE_DATE_EPOCH when set). */
  buildDate: string;
  sourceCommit: string | null;
  /** Each language in the output, with the build it comes from (a one-language build keeps the others). */
  languages: Record<string, LanguageBuild>;
  files: ManifestEntry[];
}

/** One language of an output: how it was built and its files as listed. */
export interface ListedLanguage {
  lang: string;
  build: LanguageBuild;
  entries: ManifestEntry[];
}

/** The manifest entries of a language's files: variant, size, pages (of PDFs, by path) and SHA-256. */
export function manifestEntries(lang: string, files: OutputFile[], pages: ReadonlyMap<string, number>): ManifestEntry[] {
  return files.map((file) => {
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : Buffer.from(file.data);
    const name = file.path.split('/')[1] ?? '';
    return { language: lang, variant: variantOf(name), path: file.path, bytes: data.length, pages: pages.get(file.path) ?? null, sha256: sha256(data) };
  });
}

/** The languages an earlier manifest lists for `kept`, unchanged. */
export function keptLanguages(previous: Manifest | undefined, kept: string[]): ListedLanguage[] {
  if (!previous) return [];
  return kept.map((lang) => ({
    lang,
    build: previous.languages?.[lang] ?? { buildDate: previous.buildDate, sourceCommit: previous.sourceCommit, draft: false },
    entries: previous.files.filter((file) => file.language === lang),
  }));
}

/**
 * The manifest of an output: its languages in the order of brochure.yaml (whichever build each comes from),
 * with how each was built and every file; `top` is the date and commit of the build or assembly that wrote it.
 */
export function combineManifest(languages: ListedLanguage[], order: readonly string[], top: { buildDate: string; sourceCommit: string | null }): Manifest {
  const rank = (lang: string) => order.indexOf(lang);
  const sorted = [...languages].sort((a, b) => rank(a.lang) - rank(b.lang));
  return {
    buildDate: top.buildDate,
    sourceCommit: top.sourceCommit,
    languages: Object.fromEntries(sorted.map((language) => [language.lang, language.build])),
    files: sorted.flatMap((language) => language.entries),
  };
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}
