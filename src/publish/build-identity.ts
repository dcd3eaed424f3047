import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ProjectPaths } from '../config/load-config.js';
import { InputHashes } from '../content/hash-inputs.js';

/**
 * What a language's files were made from, besides its own text, as recorded in manifest.json: parts built on
 * different machines can only be put together when these are the same (see assemble). Each value is a
 * SHA-256 of the files named.
 */
export interface BuildSettings {
  /** brochure/brochure.yaml. */
  config: string;
  /** templates/: layout, partials, stylesheet, download page. */
  templates: string;
  /** assets/: images, icons, logos, colour profiles. */
  assets: string;
  /** brochure/ as a whole, every language: the translation status and the web pages' language links come from all of them. */
  content: string;
  /** The tool itself: its src/ and package-lock.json. */
  tool: string;
  /** The options that change the files made, as given on the command line (`--press-ready`, `--impose booklet`). */
  options: string[];
}

/** The options of a build that change the files it makes, as they are written on the command line. */
export function optionsOf(options: { pressReady?: boolean; impose?: string; proof?: boolean }): string[] {
  return [...(options.pressReady ? ['--press-ready'] : []), ...(options.impose ? [`--impose ${options.impose}`] : []), ...(options.proof ? ['--proof'] : [])];
}

/** The settings of a build of the project in `paths` with `options`. */
export async function buildSettings(paths: ProjectPaths, options: string[], hashes = new InputHashes()): Promise<BuildSettings> {
  const [config, templates, assets, content, tool] = await Promise.all([
    hashes.file(path.join(paths.content, 'brochure.yaml')),
    hashes.tree(paths.templates),
    hashes.tree(paths.assets),
    hashes.tree(paths.content),
    hashes.tool(),
  ]);
  return { config, templates, assets, content, tool, options };
}

/** What the settings are called in messages, by key. */
export const SETTINGS_NAMES: Record<keyof BuildSettings, string> = {
  config: 'brochure/brochure.yaml',
  templates: 'templates/',
  assets: 'assets/',
  content: 'the text of brochure/',
  tool: 'the version of the brochure tool (src/, package-lock.json)',
  options: 'the options (--press-ready, --impose)',
};

/** The commit the sources come from: $GITHUB_SHA in GitHub Actions, else git's HEAD; null outside git. */
export async function sourceCommit(root: string, env: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.GITHUB_SHA) return env.GITHUB_SHA;
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
