import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { toolRoot } from '../tool-root.js';
import { listFontFiles, type FontFile } from './font-faces.js';

const CACHE_FILE = path.join(toolRoot(), 'node_modules', '.cache', 'brochure-pipeline', 'font-coverage.json');

/**
 * Code points every bundled family can set (the union of each family's subsets, intersected across families).
 * Reading the fonts' character maps means decompressing WOFF2, so the result is kept in node_modules/.cache,
 * keyed by the font files and their sizes.
 */
export async function fontCoverage(files?: FontFile[]): Promise<Set<number>> {
  const list = files ?? (await listFontFiles());
  const key = (await Promise.all(list.map(async (font) => `${font.file}:${(await stat(font.file)).size}`))).join('\n');
  const stored = await readFile(CACHE_FILE, 'utf8').then((text) => JSON.parse(text) as { key: string; codePoints: number[] }, () => undefined);
  if (stored?.key === key) return new Set(stored.codePoints);
  const coverage = readCoverage(list);
  await mkdir(path.dirname(CACHE_FILE), { recursive: true });
  await writeFile(CACHE_FILE, JSON.stringify({ key, codePoints: [...coverage] }));
  return coverage;
}

function readCoverage(list: FontFile[]): Set<number> {
  const byFamily = new Map<string, Set<number>>();
  for (const font of list.filter((file) => file.weight === 400 && file.style === 'normal')) {
    const set = byFamily.get(font.family) ?? new Set<number>();
    for (const codePoint of (fontkit.openSync(font.file) as fontkit.Font).characterSet) set.add(codePoint);
    byFamily.set(font.family, set);
  }
  const [first, ...others] = [...byFamily.values()];
  return new Set([...(first ?? [])].filter((codePoint) => others.every((set) => set.has(codePoint))));
}
