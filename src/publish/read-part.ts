import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import { BrochureError } from '../errors.js';
import { sha256, type Manifest } from './manifest.js';
import { readManifest } from './output-folder.js';

/** The output of a build of some languages (`--lang mk --out parts/mk`), read to be assembled with others. */
export interface Part {
  /** The folder as it was given, for messages. */
  name: string;
  manifest: Manifest;
  /** translation-status.json: where every language's translation stood when the part was built. */
  status: { sourceLanguage: string; languages: TranslationStatus[] };
  /** Every file its manifest lists, by path, each checked against its SHA-256. */
  files: Map<string, Uint8Array>;
}

/**
 * Reads a part: its manifest.json, translation-status.json and every file the manifest lists, refusing a
 * folder that is not a build's output, a file that is missing or differs from the manifest (an incomplete
 * download), and a manifest that does not say what the part was built with (an older version of the tool).
 */
export async function readPart(folder: string, name: string): Promise<Part> {
  const refuse = (why: string, hint?: string) => {
    throw new BrochureError('assemble', `Cannot use the part \`${name}\`: ${why}.`, hint ? { hint } : {});
  };
  if (!(await stat(folder).catch(() => undefined))?.isDirectory()) refuse('it is not a folder', 'Give the folders the builds wrote with --out, such as `npm run assemble -- parts/*`.');
  const manifest = await readManifest(folder);
  if (!manifest) refuse('it has no manifest.json, so it is not the output of a build', 'A part is the folder `npm run build:brochure -- --lang X --out parts/X` writes.');
  const languages = Object.keys(manifest!.languages ?? {});
  if (languages.length === 0) refuse('its manifest.json lists no language');
  const older = languages.filter((lang) => !manifest!.languages[lang]!.settings);
  if (older.length > 0) refuse(`its manifest.json does not record the settings ${older.join(', ')} ${older.length === 1 ? 'was' : 'were'} built with (an older version of the tool made it)`, 'Build the part again with this version.');
  const files = new Map<string, Uint8Array>();
  for (const entry of manifest!.files) {
    const bytes = await readFile(path.join(folder, entry.path)).catch(() => undefined);
    if (!bytes) refuse(`${entry.path} is missing`, 'The part is incomplete (an interrupted download or copy): download or build it again.');
    if (sha256(bytes!) !== entry.sha256) refuse(`${entry.path} differs from its manifest.json (another SHA-256)`, 'The part changed after its build, or its download is damaged: download or build it again.');
    files.set(entry.path, bytes!);
  }
  const statusText = await readFile(path.join(folder, 'translation-status.json'), 'utf8').catch(() => undefined);
  if (!statusText) refuse('translation-status.json is missing', 'The part is incomplete: download or build it again.');
  return { name, manifest: manifest!, status: JSON.parse(statusText!) as Part['status'], files };
}
