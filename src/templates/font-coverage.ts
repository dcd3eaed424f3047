import { stat } from 'node:fs/promises';
import type { Font } from 'fontkit';
import { readCacheFile, writeCacheFile } from '../cache-files.js';
import { listFontFiles, type FontFile } from './font-faces.js';

/** Coverage already read in this process (the preview server and the tests build many times), by key. */
const remembered = new Map<string, Set<number>>();

/**
 * Code points every bundled family can set (the union of each family's subsets, intersected across families).
 * Reading the fonts' character maps means decompressing WOFF2 (about half a second), so the result is kept in
 * this process and in `cacheFile` when given, keyed by the font files and their sizes.
 */
export async function fontCoverage(cacheFile?: string, files?: FontFile[]): Promise<Set<number>> {
  const list = files ?? (await listFontFiles());
  const key = (await Promise.all(list.map(async (font) => `${font.file}:${(await stat(font.file)).size}`))).join('\n');
  if (remembered.has(key)) return new Set(remembered.get(key));
  if (!cacheFile) return new Set(remember(key, await readCoverage(list)));
  const stored = (await readCacheFile(cacheFile)) as { key?: unknown; codePoints?: unknown } | undefined;
  if (stored?.key === key && Array.isArray(stored.codePoints) && stored.codePoints.every(Number.isInteger)) return new Set(remember(key, new Set(stored.codePoints as number[])));
  const coverage = remember(key, await readCoverage(list));
  await writeCacheFile(cacheFile, JSON.stringify({ key, codePoints: [...coverage] }));
  return new Set(coverage);
}

function remember(key: string, coverage: Set<number>): Set<number> {
  remembered.set(key, coverage);
  return coverage;
}

/** Reads the fonts' character maps with fontkit, loaded only then: loading it takes 0.1 s (a trie unpacked). */
async function readCoverage(list: FontFile[]): Promise<Set<number>> {
  const fontkit = await import('fontkit');
  const byFamily = new Map<string, Set<number>>();
  for (const font of list.filter((file) => file.weight === 400 && file.style === 'normal')) {
    const set = byFamily.get(font.family) ?? new Set<number>();
    for (const codePoint of (fontkit.openSync(font.file) as Font).characterSet) set.add(codePoint);
    byFamily.set(font.family, set);
  }
  const [first, ...others] = [...byFamily.values()];
  return new Set([...(first ?? [])].filter((codePoint) => others.every((set) => set.has(codePoint))));
}
