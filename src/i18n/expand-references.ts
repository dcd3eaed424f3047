import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';

/** Nested UI strings as written in strings.json. */
export interface StringTree {
  [key: string]: string | StringTree;
}

/** Bounds of references between UI strings (`$t(key)`), which i18next would otherwise expand without limit. */
export const REFERENCE_LIMITS = {
  /** A string may refer to one that refers to another, no deeper. */
  depth: 3,
  /** Characters of one string once its references are filled in: a UI string is never longer than a page. */
  length: 10_000,
};

/** i18next's nesting syntax: `$t(key)`, optionally `$t(key, {"option": …})`. */
const REFERENCE = /\$t\(((?:[^()"']+|"[^"]*"|'[^']*'|\((?:[^()]|"[^"]*"|'[^']*')*\))*?)\)/g;

type Place = (key: string) => { line: number; column: number } | undefined;

/**
 * Fills in the references between UI strings (`"cofinanced": "Co-financed by the $t(partners.wbf.name)"`)
 * once, when strings.json is read, so that i18next never nests at run time: a reference to a string that
 * does not exist, with options, in a loop, deeper than REFERENCE_LIMITS.depth or growing a string beyond
 * REFERENCE_LIMITS.length (ten strings of ten references each would make 10^10 characters) is an error at
 * the string that has it. Returns a new tree.
 */
export function expandReferences(tree: StringTree, file: VFile, place: Place): StringTree {
  const expanded = new Map<string, { text: string; height: number }>();
  const failed = new Set<string>();
  const report = (key: string, reason: string, hint: string) => {
    failed.add(key);
    reportError(file, reason, { ruleId: 'strings-reference', place: place(key), hint });
  };
  const hint = 'Write the words themselves, or refer with `$t(group.key)` to a string that exists.';

  /**
   * The text of `key` with its references filled in and how many levels of references that took (0: none),
   * or undefined after an error (reported once, at the string whose references go wrong).
   */
  const expand = (key: string, visiting: string[]): { text: string; height: number } | undefined => {
    const known = expanded.get(key);
    if (known || failed.has(key)) return known;
    const text = lookup(tree, key) ?? '';
    let result = '';
    let height = 0;
    let last = 0;
    for (const match of text.matchAll(REFERENCE)) {
      const target = match[1]!.trim();
      const loop = [...visiting, key, target];
      const problem =
        /[,{]/.test(target) ? `Unexpected options in \`${match[0]}\`, expected only the key of another string` :
        lookup(tree, target) === undefined ? `Cannot find UI string \`${target}\`, referred to by \`${key}\`` :
        visiting.includes(target) || target === key ? `Unexpected loop of references: ${loop.slice(loop.indexOf(target)).map((name) => `\`${name}\``).join(' → ')}` :
        undefined;
      if (problem) return void report(key, problem, hint);
      const inner = expand(target, [...visiting, key]);
      // The string referred to has an error of its own (reported there): this one cannot be filled in either.
      if (!inner) return void failed.add(key);
      height = Math.max(height, inner.height + 1);
      if (height > REFERENCE_LIMITS.depth) {
        return void report(key, `Unexpected references ${height} levels deep in UI string \`${key}\`, expected at most ${REFERENCE_LIMITS.depth}`, 'Refer to a string that has no references of its own, or write the words themselves.');
      }
      result += text.slice(last, match.index) + inner.text;
      last = match.index! + match[0].length;
      if (result.length > REFERENCE_LIMITS.length) {
        return void report(key, `Unexpected length of UI string \`${key}\` with its references filled in: more than ${REFERENCE_LIMITS.length} characters`, 'Refer to other strings fewer times; a UI string is a few words or sentences.');
      }
    }
    const done = { text: result + text.slice(last), height };
    expanded.set(key, done);
    return done;
  };

  const copy = (node: StringTree, prefix: string): StringTree =>
    Object.fromEntries(
      Object.entries(node).map(([name, value]) => {
        const key = `${prefix}${name}`;
        // A string with an error keeps its text as written (the build stops at the error anyway).
        return [name, typeof value === 'string' ? (expand(key, [])?.text ?? value) : copy(value, `${key}.`)];
      }),
    );
  return copy(tree, '');
}

function lookup(tree: StringTree, key: string): string | undefined {
  let current: StringTree | string | undefined = tree;
  for (const part of key.split('.')) current = typeof current === 'object' && Object.hasOwn(current, part) ? current[part] : undefined;
  return typeof current === 'string' ? current : undefined;
}
