import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { BrochureError } from '../errors.js';
import { currentOutput, lockOutput, switchOutput, type OutputFile } from './output-folder.js';

/**
 * Adds files beside the current build in the output folder (the comparison of editions, dist/compare/), through
 * the one writer of outputs: a new generation with every file of the current one kept (hard links) and these
 * written, switched in at once. The next build starts from its own files again, as it does for dist/release/.
 */
export async function addToOutput(outDir: string, files: OutputFile[]): Promise<void> {
  const unlock = await lockOutput(outDir);
  try {
    const current = await currentOutput(outDir);
    if (!current?.manifest) throw new BrochureError('compare', `Cannot find a build in \`${outDir}\` to add to: build first with \`npm run build:brochure\`.`);
    const written = new Set(files.map((file) => file.path));
    const kept = (await readdir(current.folder, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => path.relative(current.folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
      .filter((name) => !written.has(name));
    await switchOutput(outDir, current, files, kept);
  } finally {
    await unlock();
  }
}
