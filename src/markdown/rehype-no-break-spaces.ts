import type { Root, Element } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * One-letter words that, by each language's typographic custom, must not end a line: the space after them
 * becomes a no-break space. Languages not listed are left alone.
 */
export const SINGLE_LETTER_WORDS: Record<string, string> = {
  mk: 'аАвВиИоОсСуУкК',
  bs: 'aAiIkKoOsSuUvVzZ',
  hr: 'aAiIkKoOsSuUvVzZ',
  sr: 'aAiIkKoOsSuUvVzZ',
  sq: 'eEaA',
};

const SKIPPED = new Set(['code', 'pre', 'script', 'style', 'svg']);

export interface RehypeNoBreakSpacesOptions {
  /** BCP 47 language of the text. */
  lang: string;
}

/** Binds one-letter prepositions and conjunctions to the next word, as typesetters in the language do. */
export default function rehypeNoBreakSpaces(options: RehypeNoBreakSpacesOptions) {
  const letters = SINGLE_LETTER_WORDS[options.lang.split('-')[0]!];
  if (!letters) return () => undefined;
  const pattern = new RegExp(`(^|[\\s(„“«])([${letters}]) `, 'gu');
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'element' && SKIPPED.has((node as Element).tagName)) return SKIP;
      if (node.type === 'text') {
        // Twice: in "и у" the second word starts where the first replacement ended.
        node.value = node.value.replace(pattern, '$1$2\u00a0').replace(pattern, '$1$2\u00a0');
      }
      return undefined;
    });
  };
}
