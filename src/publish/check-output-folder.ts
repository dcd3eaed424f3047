import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { BrochureError } from '../errors.js';
import { buildsFolder, readManifest } from './output-folder.js';

/** Files an output folder may hold besides a build: git's placeholder, an old release folder and an old comparison (npm run compare). */
const HARMLESS = new Set(['.gitkeep', 'release', 'compare']);
/** Files a build writes beside the languages (and manifest.json, which does not list itself). */
const BESIDE_LANGUAGES = ['manifest.json', 'index.html', 'translation-status.json'];
/** Names of the generations in `.<name>-builds/` (output-folder.ts), and of leftovers of their writing. */
const GENERATION = /^(0-)?[0-9a-z]+-\d+-[0-9a-f]{6}(-earlier)?$/;

/** The folder as it really is on disk: links resolved, also of a folder that does not exist yet. */
async function resolved(folder: string): Promise<string> {
  const absolute = path.resolve(folder);
  try {
    return await realpath(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(await resolved(parent), path.basename(absolute));
  }
}

function inside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Refuses an output folder a build must not replace: the project itself or a folder holding it, the sources
 * (brochure/, templates/, assets/, src/, scripts/, tests/, docs/, .git/) or node_modules/ (the build cache
 * aside), any folder that holds other files than an earlier build's output (what its manifest.json lists),
 * `.gitkeep` and `release/`, and one whose `.<name>-builds/` holds anything but builds. Links are followed, so
 * a link to brochure/ is refused like brochure/ itself.
 */
export async function checkOutputFolder(outDir: string, projectRoot: string, cacheRoot: string): Promise<void> {
  const shown = outDir;
  const target = await resolved(outDir);
  const root = await resolved(projectRoot);
  const refuse = (why: string) => {
    throw new BrochureError('output-unsafe', `Cannot write the build into \`${shown}\`: ${why}.`);
  };
  if (inside(root, target)) refuse(target === root ? 'it is the project folder' : 'it holds the project folder');
  const cache = await resolved(cacheRoot);
  if (!inside(target, cache)) {
    for (const source of ['brochure', 'templates', 'assets', 'src', 'scripts', 'tests', 'docs', '.git', 'node_modules']) {
      if (inside(target, path.join(root, source))) refuse(`it is inside ${source}/, which the build must never replace`);
    }
  }
  const listing = (names: string[]) => `${names.slice(0, 3).map((name) => `\`${name}\``).join(', ')}${names.length > 3 ? ', …' : ''}`;
  // The folder of the output's generations, which a build cleans up: nothing else may be in it.
  const builds = buildsFolder(outDir);
  const strangers = (await readdir(builds).catch(() => [] as string[])).filter((name) => name !== '.lock' && !GENERATION.test(name));
  if (strangers.length > 0) refuse(`\`${path.basename(builds)}\` beside it, where builds are kept, holds files that no build made (${listing(strangers)})`);
  const info = await lstat(outDir).catch(() => undefined);
  if (!info) return;
  if (!(await lstat(target).catch(() => undefined))?.isDirectory()) refuse('it is a file, not a folder');
  const manifest = await readManifest(target);
  // An earlier build's output holds what its manifest lists and the files beside the languages, nothing else.
  const made = new Set([...(manifest?.files.map((file) => file.path) ?? []), ...(manifest ? BESIDE_LANGUAGES : [])]);
  const folders = new Set([...made].filter((name) => name.includes('/')).map((name) => name.split('/')[0]!));
  const top = await readdir(target);
  const others = top.filter((name) => !HARMLESS.has(name) && !made.has(name) && !folders.has(name));
  // Only the languages' folders are looked into, and only once nothing else is there (`--out ~` stops at once).
  for (const folder of others.length > 0 ? [] : [...folders].filter((name) => top.includes(name))) {
    for (const entry of await readdir(path.join(target, folder), { recursive: true, withFileTypes: true })) {
      const name = path.relative(target, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
      if (!entry.isDirectory() && !made.has(name)) others.push(name);
    }
  }
  if (others.length > 0) refuse(`it holds files that no build made (${listing(others)}); the build replaces the whole folder`);
}
