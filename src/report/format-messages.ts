import path from 'node:path';
import type { VFile } from 'vfile';

/** Options for printing problems. */
export interface FormatOptions {
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** Leave out warnings. */
  quiet?: boolean;
  /**
   * Sum up a file's many messages of one rule: the first `summarize` in full, then one line with how many more.
   * Every message is shown when it is undefined.
   */
  summarize?: number;
}

/** Characters a terminal acts on instead of showing: controls (escape sequences, carriage return…) and bidi overrides. */
const UNPRINTABLE = /[\0-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from files and file names made safe for a terminal: every control character and bidi override is
 * written as `\u{…}`, so a file named with an escape sequence cannot recolour, move or hide what is printed,
 * and a right-to-left override cannot reverse a name. Line feeds stay, unless `oneLine`; tabs stay.
 */
export function printable(text: string, oneLine = false): string {
  const escaped = text.replace(UNPRINTABLE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
  return oneLine ? escaped.replace(/\n/g, '\\n') : escaped;
}

/**
 * Formats messages one per line, as `path:line:column severity message rule`, with the hint indented below:
 * the form editors and CI annotate, and that staff can read without knowing the code. What comes from files
 * (names, quoted text) is made printable.
 */
export function formatMessages(files: readonly VFile[], options: FormatOptions): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const shown = printable(path.relative(options.cwd, file.path) || file.path, true);
    const sorted = [...file.messages].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
    const shownOfRule = new Map<string, number>();
    const hidden = new Map<string, { errors: number; warnings: number }>();
    for (const message of sorted) {
      if (options.quiet && message.fatal !== true) continue;
      const rule = message.ruleId ?? '';
      const count = (shownOfRule.get(rule) ?? 0) + 1;
      shownOfRule.set(rule, count);
      if (options.summarize !== undefined && count > options.summarize) {
        const sum = hidden.get(rule) ?? { errors: 0, warnings: 0 };
        if (message.fatal === true) sum.errors++;
        else sum.warnings++;
        hidden.set(rule, sum);
        continue;
      }
      const place = message.line ? `:${message.line}:${message.column ?? 1}` : '';
      const severity = message.fatal === true ? 'error' : 'warning';
      const line = `${shown}${place} ${severity} ${printable(message.reason, true)}${message.ruleId ? `  ${message.ruleId}` : ''}`;
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
      if (message.note) lines.push(...message.note.split('\n').map((text, index) => `  ${index === 0 ? 'hint: ' : '      '}${printable(text, true)}`));
    }
    for (const [rule, { errors, warnings }] of hidden) {
      const what = [errors > 0 ? `${errors} more error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} more warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
      lines.push(`${shown}: ${what} like these (${rule})  (--verbose shows each)`);
    }
  }
  return lines.join('\n');
}

/** Counts errors and warnings over files. */
export function countMessages(files: readonly VFile[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) errors++;
      else warnings++;
    }
  }
  return { errors, warnings };
}

/** Messages as plain objects, for `--format json`. */
export function messagesAsJson(files: readonly VFile[], cwd: string) {
  return files.flatMap((file) =>
    file.messages.map((message) => ({
      file: path.relative(cwd, file.path) || file.path,
      line: message.line ?? null,
      column: message.column ?? null,
      severity: message.fatal === true ? 'error' : 'warning',
      message: message.reason,
      rule: message.ruleId ?? null,
      hint: message.note ?? null,
    })),
  );
}
