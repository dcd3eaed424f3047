import { createRequire } from 'node:module';
import type { Element, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

const require = createRequire(import.meta.url);

/**
 * Hyphenation patterns (npm `hyphen`) per language. Chromium has no hyphenation dictionaries offline, so soft
 * hyphens are put into the text at build time. Bosnian has no patterns of its own; Croatian's serve it (the
 * same Latin orthography).
 */
const PATTERNS: Record<string, string> = {
  en: 'hyphen/en-us',
  mk: 'hyphen/mk',
  sq: 'hyphen/sq',
  bs: 'hyphen/hr',
  hr: 'hyphen/hr',
  'sr-latn': 'hyphen/sh-latn',
};

/** Elements whose text is hyphenated: running text, list items and table cells, never headings or links. */
const TEXT_PARENTS = new Set(['p', 'li', 'td', 'figcaption', 'em', 'strong', 'b', 'i']);
const SKIPPED = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'svg', 'script', 'style']);
/** Words shorter than this are never broken; a break leaves at least 3 letters on each side. */
const MIN_WORD = 7;
const SOFT_HYPHEN = '\u00ad';

type Hyphenate = (text: string, options: { hyphenChar: string; minWordLength: number }) => string;

export interface RehypeHyphenateOptions {
  lang: string;
}

/**
 * Puts soft hyphens into words of running text, so that narrow columns and table cells break words the way the
 * language does. Names (words with a capital letter), words with digits, addresses, headings and links are left
 * alone; copying text from the PDF gives whole words except where a line really breaks.
 */
export default function rehypeHyphenate(options: RehypeHyphenateOptions) {
  const lang = options.lang.toLowerCase();
  const module = PATTERNS[lang] ?? PATTERNS[lang.split('-')[0]!];
  if (!module) return () => undefined;
  const { hyphenateSync } = require(module) as { hyphenateSync: Hyphenate };
  const word = /[\p{Ll}\p{M}]{7,}/gu; // Lower-case words only: names start with a capital.
  return (tree: Root) => {
    visit(tree, (node, _index, parent) => {
      if (node.type === 'element') {
        const element = node as Element;
        const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
        // A passage in another language (`:lang[…]{en}`) is not broken with this language's patterns.
        const own = typeof element.properties.lang === 'string' && element.properties.lang.toLowerCase() !== lang;
        if (SKIPPED.has(element.tagName) || classes.includes('nowrap') || own) return SKIP;
        return undefined;
      }
      if (node.type !== 'text' || !parent || parent.type !== 'element' || !TEXT_PARENTS.has((parent as Element).tagName)) return undefined;
      node.value = node.value.replace(word, (match, offset: number, whole: string) => {
        // Part of an address or a word with digits or a capital: leave it.
        const before = whole.slice(Math.max(0, offset - 1), offset);
        const after = whole.slice(offset + match.length, offset + match.length + 2);
        if (/[\p{Lu}\d@/.:_-]/u.test(before) || /^([\p{Lu}\d@/_]|[.:-]\p{L})/u.test(after)) return match;
        return hyphenateSync(match, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD });
      });
      return undefined;
    });
  };
}
