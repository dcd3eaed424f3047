import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
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

/** A language just built: its files, their pages, and whether it is a draft. */
export interface BuiltLanguage {
  lang: string;
  draft: boolean;
  files: OutputFile[];
  /** Pages of each PDF by path. */
  pages: ReadonlyMap<string, number>;
}

/**
 * The manifest of an output: every file of the languages just built, with variant, size, pages and SHA-256,
 * plus the entries of `kept` languages taken over from the previous manifest unchanged; the build date
 * (SOURCE_DATE_EPOCH when set) and the source commit (from git, or $GITHUB_SHA in CI).
 */
export async function createManifest(built: BuiltLanguage[], previous: Manifest | undefined, kept: string[], date: Date, root: string, order: readonly string[]): Promise<Manifest> {
  const sourceCommit = process.env.GITHUB_SHA ?? (await gitCommit(root));
  const languages: Record<string, LanguageBuild> = {};
  const files: ManifestEntry[] = [];
  for (const lang of kept) {
    if (!previous) continue;
    languages[lang] = previous.languages?.[lang] ?? { buildDate: previous.buildDate, sourceCommit: previous.sourceCommit, draft: false };
    files.push(...(previous?.files ?? []).filter((file) => file.language === lang));
  }
  for (const language of built) {
    languages[language.lang] = { buildDate: date.toISOString(), sourceCommit, draft: language.draft };
    for (const file of language.files) {
      const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : Buffer.from(file.data);
      const name = file.path.split('/')[1] ?? '';
      files.push({ language: language.lang, variant: variantOf(name), path: file.path, bytes: data.length, pages: language.pages.get(file.path) ?? null, sha256: sha256(data) });
    }
  }
  // In the order of brochure.yaml, whichever build each language comes from.
  const rank = (lang: string) => order.indexOf(lang);
  files.sort((a, b) => rank(a.language) - rank(b.language));
  const ordered = Object.fromEntries(Object.entries(languages).sort(([a], [b]) => rank(a) - rank(b)));
  return { buildDate: date.toISOString(), sourceCommit, languages: ordered, files };
}

export function sha256(data: Uint8Array | string): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

async function gitCommit(root: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
