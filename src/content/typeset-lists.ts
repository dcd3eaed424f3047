import { access } from 'node:fs/promises';
import path from 'node:path';
import type { VFile } from 'vfile';
import { readSource } from './read-source.js';
import { reportError, reportWarning } from '../report/messages.js';

/** A language's own list of words and the breaks it allows in them: `brochure/<lang>/hyphenation.txt`. */
export const HYPHENATION_FILE = 'hyphenation.txt';
/** A language's own list of names whose words stay on one line: `brochure/<lang>/no-break.txt`. */
export const NO_BREAK_FILE = 'no-break.txt';

/** Limits that keep a list from outside the team from slowing or breaking the build. */
export const LIST_LIMITS = { bytes: 64 * 1024, entries: 2000, wordLength: 60, nameLength: 60, nameWords: 6 } as const;

/** What the hyphenator and the no-break rules of one language take from its lists. */
export interface TypesetLists {
  /** Lower-case words and where they may break (offsets into the word); an empty list: never break it. */
  hyphenation: Map<string, number[]>;
  /** Names whose words are joined by no-break spaces, as written. */
  names: string[];
  /** The list files that exist, with their problems as messages. */
  files: VFile[];
}

const WORD = /^[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*$/u;
const NAME_WORD = /^[\p{L}\p{M}\d'’.&-]+$/u;

/**
 * Reads brochure/<lang>/hyphenation.txt and no-break.txt when they exist: one entry a line, `#` starts a comment
 * line. They come from translators, so they are read as untrusted input: UTF-8 only, at most 64 KB and 2000
 * entries, and every line that is not a valid entry is an error at its line.
 */
export async function readTypesetLists(folder: string, cwd: string, within: string): Promise<TypesetLists> {
  const lists: TypesetLists = { hyphenation: new Map(), names: [], files: [] };
  for (const name of [HYPHENATION_FILE, NO_BREAK_FILE]) {
    const filePath = path.join(folder, name);
    if (!(await access(filePath).then(() => true, () => false))) continue;
    const file = await readSource(filePath, cwd, within);
    lists.files.push(file);
    const text = String(file.value);
    if (Buffer.byteLength(text) > LIST_LIMITS.bytes) {
      reportError(file, `Unexpected size of ${name}: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KB, expected at most ${LIST_LIMITS.bytes / 1024} KB`, {
        ruleId: 'limit',
        hint: 'The list is for the few words and names the rules get wrong: keep only those.',
      });
      continue;
    }
    if (name === HYPHENATION_FILE) parseHyphenation(file, text, lists.hyphenation);
    else parseNames(file, text, lists.names);
  }
  return lists;
}

/** The entries of a list: trimmed lines that are neither empty nor comments, with their line numbers. */
function entries(file: VFile, text: string): Array<{ value: string; line: number }> {
  const found: Array<{ value: string; line: number }> = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const value = raw.trim();
    if (value === '' || value.startsWith('#')) continue;
    if (found.length === LIST_LIMITS.entries) {
      reportError(file, `Unexpected entry ${LIST_LIMITS.entries + 1}, expected at most ${LIST_LIMITS.entries} entries`, {
        ruleId: 'limit',
        place: { line: index + 1, column: 1 },
        hint: 'The list is for the few words and names the rules get wrong: keep only those.',
      });
      break;
    }
    found.push({ value, line: index + 1 });
  }
  return found;
}

function parseHyphenation(file: VFile, text: string, words: Map<string, number[]>): void {
  const lines = new Map<string, number>();
  for (const { value, line } of entries(file, text)) {
    if (!WORD.test(value) || value.length > LIST_LIMITS.wordLength) {
      reportError(file, `Unexpected entry \`${value.slice(0, 60)}\` in ${HYPHENATION_FILE}, expected one word with a hyphen where it may break, such as \`на-пра-вен\``, {
        ruleId: 'typeset-list',
        place: { line, column: 1 },
        hint: `One word a line (at most ${LIST_LIMITS.wordLength} letters), letters and hyphens only; a word without hyphens is never broken; lines starting with # are comments.`,
      });
      continue;
    }
    const word = value.replace(/-/g, '').toLowerCase();
    if (lines.has(word)) {
      reportWarning(file, `Unexpected second entry for \`${word}\`, the first is on line ${lines.get(word)}`, { ruleId: 'typeset-list', place: { line, column: 1 }, hint: 'Keep one line per word; this one is used.' });
    }
    lines.set(word, line);
    const breaks: number[] = [];
    let offset = 0;
    for (const part of value.split('-').slice(0, -1)) breaks.push((offset += part.length));
    words.set(word, breaks);
  }
}

function parseNames(file: VFile, text: string, names: string[]): void {
  for (const { value, line } of entries(file, text)) {
    const words = value.split(/\s+/);
    const valid = words.length >= 2 && words.length <= LIST_LIMITS.nameWords && words.every((word) => NAME_WORD.test(word));
    if (!valid) {
      reportError(file, `Unexpected entry \`${value.slice(0, 60)}\` in ${NO_BREAK_FILE}, expected a name of 2 to ${LIST_LIMITS.nameWords} words, such as \`Bosna i Hercegovina\``, {
        ruleId: 'typeset-list',
        place: { line, column: 1 },
        hint: 'One name a line, its words separated by spaces; lines starting with # are comments.',
      });
      continue;
    }
    if (value.length > LIST_LIMITS.nameLength) {
      reportError(file, `Unexpected name of ${value.length} characters in ${NO_BREAK_FILE}, expected at most ${LIST_LIMITS.nameLength}`, {
        ruleId: 'typeset-list',
        place: { line, column: 1 },
        hint: 'A longer name set in one piece leaves the line before it short, or does not fit it: list the part that must stay together.',
      });
      continue;
    }
    names.push(words.join(' '));
  }
}
