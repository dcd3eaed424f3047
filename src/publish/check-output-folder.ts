import { lstat, readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { BrochureError } from '../errors.js';
import { readManifest } from './output-folder.js';

/** Files an output folder may hold before the first build: git's placeholder and an old release folder. */
const HARMLESS = new Set(['.gitkeep', 'release']);

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
 * (brochure/, templates/, assets/, src/) or node_modules/ (the build cache aside), and any folder that holds
 * other files than an earlier build's output (recognised by its manifest.json), `.gitkeep` and `release/`.
 * Links are followed, so a link to brochure/ is refused like brochure/ itself.
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
    for (const source of ['brochure', 'templates', 'assets', 'src', 'node_modules']) {
      if (inside(target, path.join(root, source))) refuse(`it is inside ${source}/, which the build must never replace`);
    }
  }
  const info = await lstat(outDir).catch(() => undefined);
  if (!info) return;
  if (!(await lstat(target).catch(() => undefined))?.isDirectory()) refuse('it is a file, not a folder');
  if (await readManifest(target)) return;
  const names = await readdir(target);
  const others = names.filter((name) => !HARMLESS.has(name));
  if (others.length > 0) {
    refuse(`it holds files that no build made (${others.slice(0, 3).map((name) => `\`${name}\``).join(', ')}${others.length > 3 ? ', …' : ''}); the build replaces the whole folder`);
  }
}
