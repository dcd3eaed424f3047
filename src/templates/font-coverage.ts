import * as fontkit from 'fontkit';
import { listFontFiles, type FontFile } from './font-faces.js';

/** Code points every bundled family can set (the union of each family's subsets, intersected across families). */
export async function fontCoverage(files?: FontFile[]): Promise<Set<number>> {
  const list = files ?? (await listFontFiles());
  const byFamily = new Map<string, Set<number>>();
  for (const font of list.filter((file) => file.weight === 400 && file.style === 'normal')) {
    const set = byFamily.get(font.family) ?? new Set<number>();
    for (const codePoint of (fontkit.openSync(font.file) as fontkit.Font).characterSet) set.add(codePoint);
    byFamily.set(font.family, set);
  }
  const [first, ...others] = [...byFamily.values()];
  return new Set([...(first ?? [])].filter((codePoint) => others.every((set) => set.has(codePoint))));
}
