import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { plain } from './text-blocks.js';

/** Where a text of the web page was written: its Markdown file (relative to the project) and line. */
export interface TextPlace {
  file: string;
  line?: number;
}

/** Markdown reduced to its words: marks of emphasis, headings, quotes and boxes, and link targets out. */
function words(text: string): string {
  return plain(text.replace(/\]\([^)]*\)/g, ']').replace(/\{[^}]*\}/g, '').replace(/[*_`#>[\]|\\]|^\s*(?:[-+]|\d+\.)\s+(?:\[[ xX]\]\s+)?|^:::?\w*/gm, ''))
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/**
 * Finds the section file of `sectionId` in a language folder (`NN-<id>.md`) and the line of the Markdown that
 * a text of the web page comes from, by its first words (then its last). The line is left out when the text
 * cannot be found (a text from the templates, or one the typesetting changed beyond recognition).
 */
export async function locateText(folder: string, root: string, sectionId: string, text: string): Promise<TextPlace | undefined> {
  const names = await readdir(folder).catch(() => [] as string[]);
  const name = names.find((entry) => entry.endsWith('.md') && entry.replace(/^\d+-/, '').replace(/\.md$/, '') === sectionId);
  if (!name) return undefined;
  const file = path.relative(root, path.join(folder, name)).split(path.sep).join('/');
  const wanted = words(text);
  if (!wanted) return { file };
  const lines = (await readFile(path.join(folder, name), 'utf8')).split('\n').map(words);
  for (const probe of [wanted.slice(0, 40), wanted.slice(-30)]) {
    const index = lines.findIndex((line) => line.length > 0 && (line.includes(probe) || (probe.startsWith(line) && line.length >= 12)));
    if (index >= 0) return { file, line: index + 1 };
  }
  return { file };
}
