import type { Finding, PlacedLine, RuleContext, TypesetRule } from '../types.js';
import { columnBreak, finding, hyphenatedWord, letterCount, quote } from './words.js';

/** The end of every hint of these rules: the per-language list the hyphenator honours. */
const listHint = (lang: string) => `list the word in brochure/${lang}/hyphenation.txt with the breaks you allow (or none)`;

/** A hyphen that leaves fewer letters before or after it than brochure.yaml's `hyphenLimits` allow. */
export const hyphenFragment: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const { line, before, after, word } of softHyphens(context)) {
    const shortBefore = letterCount(before) < context.limits.before;
    const shortAfter = letterCount(after) < context.limits.after;
    if (!shortBefore && !shortAfter) continue;
    const detail = shortBefore
      ? `${letterCount(before)} letter${letterCount(before) === 1 ? '' : 's'} before the hyphen, expected at least ${context.limits.before}`
      : `${letterCount(after)} letter${letterCount(after) === 1 ? '' : 's'} after the hyphen, expected at least ${context.limits.after}`;
    findings.push(
      finding(context, 'hyphen-fragment', line, `Unexpected hyphenation \`${word}\` on page ${line.page}: ${detail}`, `The hyphenator keeps to \`hyphenLimits\` in brochure.yaml; for a break it still makes, ${listHint(context.lang)}.`),
    );
  }
  return findings;
};

/** A paragraph or list item whose last line is only the end of a word hyphenated on the line before. */
export const hyphenLastLine: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const lines of context.linesOf.values()) {
    const last = lines.at(-1);
    const before = lines.at(-2);
    if (!last || !before || before.hyphen !== 'soft' || last.text.includes(' ')) continue;
    findings.push(
      finding(
        context,
        'hyphen-last-line',
        last,
        `Unexpected last line ${quote(last.text)} on page ${last.page}: only the end of the hyphenated word \`${hyphenatedWord(before, last).word}\``,
        `A paragraph should not end in part of a word: reword its last sentence a little, or ${listHint(context.lang)}.`,
      ),
    );
  }
  return findings;
};

/** More than two lines in a row ending in a hyphen, in one block. */
export const hyphenLadder: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const lines of context.linesOf.values()) {
    let run = 0;
    lines.forEach((line, index) => {
      run = line.hyphen ? run + 1 : 0;
      const ends = !lines[index + 1]?.hyphen;
      if (run > 2 && ends) {
        const first = lines[index - run + 1]!;
        findings.push(
          finding(context, 'hyphen-ladder', first, `Unexpected ${run} hyphenated lines in a row on page ${first.page}, expected at most 2`, `Reword a line of the paragraph a little, or ${listHint(context.lang)}.`),
        );
      }
    });
  }
  return findings;
};

/** A word hyphenated at the foot of a page or of a column, and finished on the next one. */
export const hyphenBreak: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const { line, next, word } of softHyphens(context)) {
    const where = next.page !== line.page ? `across pages ${line.page} and ${next.page}` : columnBreak(line, next) ? `across a column break on page ${line.page}` : undefined;
    if (!where) continue;
    findings.push(
      finding(context, 'hyphen-break', line, `Unexpected word \`${word}\` hyphenated ${where}`, `The last word of a page or column should be whole: reword the paragraph a little, or ${listHint(context.lang)}.`),
    );
  }
  return findings;
};

/** Every line that ends in a hyphen the hyphenator added, with the next line of its paragraph and the word. */
function* softHyphens(context: RuleContext): Generator<{ line: PlacedLine; next: PlacedLine } & ReturnType<typeof hyphenatedWord>> {
  for (const lines of context.linesOf.values()) {
    for (const [index, line] of lines.entries()) {
      const next = lines[index + 1];
      if (line.hyphen === 'soft' && next) yield { line, next, ...hyphenatedWord(line, next) };
    }
  }
}
