import type { Finding, PlacedLine, RuleContext, TypesetRuleId } from '../types.js';

const LETTERS_END = /[\p{L}\p{M}]+$/u;
const LETTERS_START = /^[\p{L}\p{M}]+/u;

/** Letters (marks not counted) in a piece of a word. */
export function letterCount(text: string): number {
  return [...text].filter((char) => /\p{L}/u.test(char)).length;
}

/** The two pieces of a word hyphenated at the end of `line`, continued at the start of `next`. */
export function hyphenatedWord(line: PlacedLine, next: PlacedLine): { before: string; after: string; word: string } {
  const before = LETTERS_END.exec(line.text.replace(/[-\u2010]$/u, ''))?.[0] ?? '';
  const after = LETTERS_START.exec(next.text)?.[0] ?? '';
  return { before, after, word: `${before}-${after}` };
}

/** A line's text for a message: in backticks, shortened to about 40 characters. */
export function quote(text: string): string {
  const short = text.length > 42 ? `${text.slice(0, 40).trimEnd()}…` : text;
  return `\`${short}\``;
}

/** The width of a line, in millimetres. */
export function widthOf(line: PlacedLine): number {
  return line.right - line.left;
}

/** Whether `next` continues `line` in another column of the same page (it starts higher up, or far to the side). */
export function columnBreak(line: PlacedLine, next: PlacedLine): boolean {
  return next.page === line.page && (next.baseline < line.baseline - 0.5 || Math.abs(next.left - line.left) > 20);
}

/** A finding about `line`, placed at its block's line in the Markdown when it has one. */
export function finding(context: RuleContext, ruleId: TypesetRuleId, line: PlacedLine, message: string, hint: string): Finding {
  const block = line.block === undefined ? undefined : context.blocks[line.block];
  return {
    ruleId,
    page: line.page,
    ...(block ? { file: block.file, line: block.line, column: block.column } : {}),
    message,
    hint,
  };
}
