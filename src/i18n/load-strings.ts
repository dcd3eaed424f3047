import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';

/** Nested UI strings as written in strings.json. */
export interface StringTree {
  [key: string]: string | StringTree;
}

/** Parses strings.json; a syntax error or a value that is not text is an error at its line and column. */
export function loadStrings(file: VFile): StringTree | undefined {
  const text = String(file.value);
  if (text.trim() === '') return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const offset = Number(/position (\d+)/.exec(message)?.[1] ?? 0);
    const before = text.slice(0, offset).split('\n');
    reportError(file, `Cannot read UI strings: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected token/, 'Unexpected character')}`, {
      ruleId: 'strings-syntax',
      place: { line: before.length, column: before.at(-1)!.length + 1 },
      hint: 'Each entry is `"key": "text"`, separated by commas, with no comma after the last one; quotes inside text are written \\".',
    });
    return undefined;
  }
  const problems: string[] = [];
  collectProblems(data, [], problems);
  for (const key of problems) {
    reportError(file, `Unexpected value of \`${key}\`, expected text in quotes or a group of keys`, {
      ruleId: 'strings-syntax',
      place: placeOfKey(text, key),
    });
  }
  return problems.length === 0 ? (data as StringTree) : undefined;
}

function collectProblems(value: unknown, path: string[], problems: string[]): void {
  if (typeof value === 'string') return;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) collectProblems(child, [...path, key], problems);
    return;
  }
  problems.push(path.join('.') || '(top level)');
}

/** Line and column of the last segment of a dotted key in the JSON text (good enough for messages). */
export function placeOfKey(text: string, dottedKey: string): { line: number; column: number } | undefined {
  let from = 0;
  for (const segment of dottedKey.split('.')) {
    const at = text.indexOf(`"${segment}"`, from);
    if (at < 0) return undefined;
    from = at;
  }
  const before = text.slice(0, from).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** The text of a dotted key (`toc.title`) in a string tree; undefined when it is missing or a group. */
export function lookupString(tree: StringTree, key: string): string | undefined {
  let current: StringTree | string | undefined = tree;
  for (const part of key.split('.')) current = typeof current === 'object' ? current[part] : undefined;
  return typeof current === 'string' ? current : undefined;
}
