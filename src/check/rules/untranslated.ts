import type { Root, Nodes } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { reportError } from '../../report/messages.js';
import type { Rule } from '../context.js';

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);

/** Prose worth translating: four words or more that are not numbers (names and figures stay as they are). */
function prose(text: string): boolean {
  return text.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length >= 4;
}

function texts(tree: Root): Array<{ text: string; node: Nodes }> {
  const found: Array<{ text: string; node: Nodes }> = [];
  visit(tree, (node) => {
    if (!TEXT_BLOCKS.has(node.type)) return;
    const text = toString(node).replace(/\s+/g, ' ').trim();
    if (prose(text)) found.push({ text, node });
  });
  return found;
}

/** Untranslated text: a paragraph, heading or table cell identical to the source's (names and numbers aside). */
export const untranslated: Rule = ({ source, language }) => {
  if (language.lang === source.lang) return;
  for (const [name, { file, tree }] of language.parsed) {
    const sourceSection = source.parsed.get(name);
    if (!sourceSection || sourceSection.unreadable) continue;
    const sourceTexts = new Map(texts(sourceSection.tree).map(({ text, node }) => [text, node.position?.start.line ?? 1]));
    for (const { text, node } of texts(tree)) {
      const line = sourceTexts.get(text);
      if (line === undefined) continue;
      reportError(file, `Not translated: “${text.length > 50 ? `${text.slice(0, 47)}…` : text}” is the same as in brochure/${source.lang}/${name}:${line}`, {
        ruleId: 'untranslated',
        place: node.position,
        hint: `Translate it into ${language.lang}; names of organisations and documents may stay as they are inside a translated sentence.`,
      });
    }
  }
};
