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

/**
 * Formats messages one per line, as `path:line:column severity message rule`, with the hint indented below:
 * the form editors and CI annotate, and that staff can read without knowing the code.
 */
export function formatMessages(files: readonly VFile[], options: FormatOptions): string {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const shown = path.relative(options.cwd, file.path) || file.path;
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
      const line = `${shown}${place} ${severity} ${message.reason}${message.ruleId ? `  ${message.ruleId}` : ''}`;
      if (seen.has(line)) continue;
      seen.add(line);
      lines.push(line);
      if (message.note) lines.push(...message.note.split('\n').map((text, index) => `  ${index === 0 ? 'hint: ' : '      '}${text}`));
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
