import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';
import { expandReferences, type StringTree } from './expand-references.js';

export type { StringTree };

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
  const problem = findProblem(data);
  if (problem) {
    reportError(file, problem.reason, { ruleId: 'strings-syntax', place: placeOfKey(text, problem.key) ?? { line: 1, column: 1 }, hint: problem.hint });
    return undefined;
  }
  return expandReferences(data as StringTree, file, (key) => placeOfKey(text, key));
}

/** Bounds of strings.json: the shipped files have about 40 strings in groups two levels deep. */
export const STRINGS_LIMITS = { strings: 2_000, depth: 6 };

/**
 * The first value that is not text or a group of keys, the first group nested deeper than STRINGS_LIMITS.depth,
 * or too many strings; walked without recursion, so that no nesting exhausts the stack.
 */
function findProblem(data: unknown): { key: string; reason: string; hint?: string } | undefined {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: data, path: [] }];
  let strings = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    const key = path.join('.') || '(top level)';
    if (typeof value === 'string') {
      if (++strings > STRINGS_LIMITS.strings) return { key, reason: `Unexpected number of UI strings, expected at most ${STRINGS_LIMITS.strings}`, hint: 'Remove the strings nobody uses (the check lists them).' };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { key, reason: `Unexpected value of \`${key}\`, expected text in quotes or a group of keys` };
    if (path.length >= STRINGS_LIMITS.depth) return { key, reason: `Unexpected group \`${key}\` nested ${path.length + 1} levels deep, expected at most ${STRINGS_LIMITS.depth}`, hint: 'Keep the groups of the source language\'s strings.json.' };
    for (const [name, child] of Object.entries(value).reverse()) stack.push({ value: child, path: [...path, name] });
  }
  return undefined;
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
