import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * The folder of this tool's package.json, found upwards from the running code: the same whether the code runs
 * from src/ (tests, tsx) or from the compiled bundle in node_modules/.cache.
 */
export function toolRoot(): string {
  if (found) return found;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'brochure-pipeline') {
      found = folder;
      return folder;
    }
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('Cannot find the package.json of brochure-pipeline above the running code.');
    folder = parent;
  }
}
