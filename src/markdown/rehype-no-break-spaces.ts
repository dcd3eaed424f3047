import type { Root, Element, ElementContent, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * One-letter words that, by each language's typographic custom, must not end a line: the space after them
 * becomes a no-break space. Languages not listed are left alone.
 */
export const SINGLE_LETTER_WORDS: Record<string, string> = {
  mk: 'аАвВеЕиИоОсСуУкК',
  bs: 'aAiIkKoOsSuUvVzZ',
  hr: 'aAiIkKoOsSuUvVzZ',
  sr: 'aAiIkKoOsSuUvVzZ',
  sq: 'eEaAiIuU',
};

const patterns = new Map<string, RegExp | undefined>();

/**
 * Binds one-letter words to the next word and a dash to the word before it with no-break spaces, by the
 * custom of the language; for any text that reaches the page (Markdown, UI strings, titles).
 */
export function bindShortWords(text: string, lang: string): string {
  const base = lang.split('-')[0]!;
  if (!patterns.has(base)) {
    const letters = SINGLE_LETTER_WORDS[base];
    patterns.set(base, letters ? new RegExp(`(^|[\\s(„“«])([${letters}]) `, 'gu') : undefined);
  }
  const pattern = patterns.get(base);
  // A dash does not start a line: the space before it does not break.
  let result = text.replace(/ ([–—])(?=\s)/g, '\u00a0$1');
  // Twice: in "и у" the second word starts where the first replacement ended.
  if (pattern) result = result.replace(pattern, '$1$2\u00a0').replace(pattern, '$1$2\u00a0');
  return result;
}

const SKIPPED = new Set(['code', 'pre', 'script', 'style', 'svg']);

export interface RehypeNoBreakSpacesOptions {
  /** BCP 47 language of the text. */
  lang: string;
}

/** A word with a non-breaking hyphen (U+2011), such as `R‑strategies`. */
const NON_BREAKING_HYPHEN = /[^\s\u2011]*\u2011[^\s]*/gu;

/**
 * Typographic care that writers should not have to type: one-letter prepositions and conjunctions are bound to
 * the next word with a no-break space, as typesetters in the language do; and a word written with a
 * non-breaking hyphen (U+2011, which the bundled fonts lack) becomes the same word with an ordinary hyphen in a
 * span that does not wrap, so it neither breaks nor falls back to a system font, and copies as typed.
 */
export default function rehypeNoBreakSpaces(options: RehypeNoBreakSpacesOptions) {
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'element' && SKIPPED.has((node as Element).tagName)) return SKIP;
      if (node.type !== 'text') return undefined;
      node.value = bindShortWords(node.value, options.lang);
      if (!node.value.includes('\u2011') || !parent || index === undefined) return undefined;
      const parts: ElementContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(NON_BREAKING_HYPHEN)) {
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
        parts.push({ type: 'element', tagName: 'span', properties: { className: ['nowrap'] }, children: [{ type: 'text', value: match[0].replace(/\u2011/g, '-') } as Text] });
        last = match.index + match[0].length;
      }
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      (parent.children as ElementContent[]).splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}
