import { rm } from 'node:fs/promises';
import path from 'node:path';
import { exportSources, openEdition, type OpenedEdition } from '../compare/read-edition.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { BrochureError } from '../errors.js';
import { formatMessages } from '../report/format-messages.js';
import type { BuildOptions, BuildResult } from './types.js';

/** How to get at an earlier edition: which languages, and the build to make a git tag's sources with. */
export interface OpenEditionOptions {
  languages?: string[];
  env?: NodeJS.ProcessEnv;
  onProgress?: (lang: string, stage: string) => void;
  /** The build (passed in, so that the build itself can open an edition for --since without an import cycle). */
  build: (options: BuildOptions) => Promise<BuildResult>;
}

/**
 * An earlier edition (`npm run compare -- OLD`, `--since OLD`) as a folder laid out like dist/: a zip is
 * unpacked, a folder taken as it is, and a git tag or commit built with the current tool into a temporary
 * folder (its brochure/, templates/ and assets/; drafts allowed, nothing cached). Call `cleanup` when done.
 */
export async function openOrBuild(old: string, paths: ProjectPaths, config: ResolvedBrochureConfig, options: OpenEditionOptions): Promise<OpenedEdition> {
  const edition = await openEdition(old, paths.root);
  if ('folder' in edition) return edition;
  const root = await exportSources(paths.root, edition.commit);
  const cleanup = () => rm(root, { recursive: true, force: true });
  try {
    options.onProgress?.(old, `building ${old} with the current tool`);
    const result = await options.build({ root, outDir: path.join(root, 'out'), languages: options.languages?.filter((lang) => config.languages.includes(lang)), env: options.env, cache: false, allowIncomplete: true });
    if (!result.ok) {
      const messages = formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: root, quiet: true });
      throw new BrochureError('compare', `Cannot build \`${old}\` with the current tool:\n${messages}`, { hint: 'Compare with the release zip of that edition instead (dist/release/*.zip).' });
    }
    return { folder: path.join(root, 'out'), label: edition.label, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}
