import type { Text } from 'mdast';
import { visit } from 'unist-util-visit';
import { reportWarning as warn } from '../../report/messages.js';
import type { Rule } from '../context.js';

/** Quotation marks of each language, for the fix in the message. */
export const QUOTES: Record<string, { open: string; close: string; apostrophe: string }> = {
  en: { open: '“', close: '”', apostrophe: '’' },
  mk: { open: '„', close: '“', apostrophe: '’' },
  bs: { open: '„', close: '“', apostrophe: '’' },
  hr: { open: '„', close: '“', apostrophe: '’' },
  sr: { open: '„', close: '“', apostrophe: '’' },
  sq: { open: '«', close: '»', apostrophe: '’' },
};

/** Warnings shown per file; the rest are counted in one more (a file of thousands says nothing more useful). */
const MAX_REPORTED = 20;

/** Typography, as warnings with the fix: straight quotes where the language has its own, double spaces. */
export const typography: Rule = ({ language }) => {
  const marks = QUOTES[language.lang.split('-')[0]!] ?? QUOTES.en!;
  for (const { file, tree } of language.parsed.values()) {
    let found = 0;
    // Past the first few, occurrences are only counted: finding each one's line and column is what costs.
    const reportWarning = (reason: string, options: () => Parameters<typeof warn>[2]) => {
      if (++found <= MAX_REPORTED) warn(file, reason, options());
    };
    visit(tree, 'text', (node: Text) => {
      const start = node.position?.start;
      if (!start) return;
      const at = (offset: number) => {
        const before = node.value.slice(0, offset).split('\n');
        return before.length === 1 ? { line: start.line, column: start.column + offset } : { line: start.line + before.length - 1, column: before.at(-1)!.length + 1 };
      };
      for (const match of node.value.matchAll(/"/g)) {
        reportWarning(`Unexpected straight quotation mark \`"\`, expected \`${marks.open}…${marks.close}\` in ${language.lang}`, () => ({ ruleId: 'typography', place: at(match.index), hint: `Write ${marks.open}text${marks.close}.` }));
      }
      for (const match of node.value.matchAll(/(?<=\p{L})'(?=\p{L})/gu)) {
        reportWarning(`Unexpected straight apostrophe \`'\`, expected \`${marks.apostrophe}\``, () => ({ ruleId: 'typography', place: at(match.index), hint: `Write ${marks.apostrophe} (as in “don${marks.apostrophe}t”).` }));
      }
      for (const match of node.value.matchAll(/(?<=\S) {2,}(?=\S)/g)) {
        reportWarning('Unexpected double space', () => ({ ruleId: 'typography', place: at(match.index), hint: 'Use one space between words.' }));
      }
    });
    if (found > MAX_REPORTED) warn(file, `Unexpected ${found - MAX_REPORTED} more straight quotation marks, apostrophes or double spaces`, { ruleId: 'typography', hint: 'Replace them all at once in your editor.' });
  }
};
