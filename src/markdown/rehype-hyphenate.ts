import { createRequire } from 'node:module';
import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import { namePattern } from './rehype-no-break-spaces.js';
import { correctBreaks } from './hyphenation-corrections.js';

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

/** Elements whose text is hyphenated: running text, list items and table cells. */
const TEXT_PARENTS = new Set(['p', 'li', 'td', 'figcaption', 'em', 'i']);
/** Never hyphenated: headings, links, code, bold terms (a term is read as a whole), and what is not text. */
const SKIPPED = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'th', 'strong', 'b', 'svg', 'script', 'style']);
/** Blocks whose last word is never hyphenated: a paragraph does not end in part of a word. */
const BLOCKS = new Set(['p', 'li', 'td', 'figcaption', 'dd', 'dt']);
/** Words shorter than this are never broken. */
const MIN_WORD = 7;
const SOFT_HYPHEN = '\u00ad';

type Hyphenate = (text: string, options: { hyphenChar: string; minWordLength: number }) => string;

export interface RehypeHyphenateOptions {
  lang: string;
  /** Fewest letters a break leaves before and after it; 2 and 3 by default. */
  limits?: { before: number; after: number };
  /** The language's own breaks (hyphenation.txt): lower-case word -> offsets where it may break, none to never. */
  exceptions?: ReadonlyMap<string, readonly number[]>;
  /** Names (no-break.txt) whose words are never hyphenated. */
  names?: readonly string[];
}

/**
 * Puts soft hyphens into words of running text, so that narrow columns and table cells break words the way the
 * language does. Breaks keep to the limits (letters before and after), words of the language's hyphenation.txt
 * break only where it says, and names (a capital letter, or listed in no-break.txt), words with digits,
 * addresses, bold terms, headings, links and the last word of a paragraph are never broken. Copying text from
 * the PDF gives whole words except where a line really breaks.
 */
export default function rehypeHyphenate(options: RehypeHyphenateOptions) {
  const lang = options.lang.toLowerCase();
  const module = PATTERNS[lang] ?? PATTERNS[lang.split('-')[0]!];
  if (!module) return () => undefined;
  const { hyphenateSync } = require(module) as { hyphenateSync: Hyphenate };
  const limits = options.limits ?? { before: 2, after: 3 };
  const names = namePattern(options.names ?? []);
  const word = /[\p{Ll}\p{M}]{7,}/gu; // Lower-case words only: names start with a capital.
  // A word is broken the same way wherever it comes in the language: each once.
  const broken = new Map<string, string>();
  const breaksOf = (match: string): string => {
    let result = broken.get(match);
    if (result === undefined) {
      const lower = match.toLowerCase();
      const listed = options.exceptions?.get(lower);
      const found = listed ?? correctBreaks(lang, lower, offsetsOf(hyphenateSync(match, { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD })));
      result = withinLimits(insertAt(match, found), limits);
      broken.set(match, result);
    }
    return result;
  };
  const hyphenateText = (text: string): string => {
    const protectedRanges = names ? [...text.matchAll(names)].map((found) => [found.index, found.index + found[0].length] as const) : [];
    return text.replace(word, (match, offset: number, whole: string) => {
      // Part of an address, of a word with digits or a capital, or of a listed name: leave it.
      const before = whole.slice(Math.max(0, offset - 1), offset);
      const after = whole.slice(offset + match.length, offset + match.length + 2);
      if (/[\p{Lu}\d@/.:_-]/u.test(before) || /^([\p{Lu}\d@/_]|[.:-]\p{L})/u.test(after)) return match;
      // A month bound to its day or year (the no-break rules): a date is not broken inside.
      if (/^\u00a0\d/u.test(after) || /\d\.?\u00a0$/u.test(whole.slice(Math.max(0, offset - 3), offset))) return match;
      if (protectedRanges.some(([start, end]) => offset < end && offset + match.length > start)) return match;
      return breaksOf(match);
    });
  };
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
      node.value = hyphenateText(node.value);
      return undefined;
    });
    visit(tree, 'element', (element) => {
      if (BLOCKS.has(element.tagName)) unhyphenateLastWord(element);
    });
  };
}

/** Where a word with soft hyphens may break: offsets into the word without them. */
function offsetsOf(marked: string): number[] {
  const offsets: number[] = [];
  let length = 0;
  for (const part of marked.split(SOFT_HYPHEN).slice(0, -1)) offsets.push((length += part.length));
  return offsets;
}

/** The word with soft hyphens at the given offsets. */
function insertAt(word: string, offsets: readonly number[]): string {
  let result = '';
  let last = 0;
  for (const offset of offsets) {
    if (offset <= last || offset >= word.length) continue;
    result += word.slice(last, offset) + SOFT_HYPHEN;
    last = offset;
  }
  return result + word.slice(last);
}

/** Drops the soft hyphens that would leave fewer letters than the limits before or after a break. */
function withinLimits(marked: string, limits: { before: number; after: number }): string {
  const parts = marked.split(SOFT_HYPHEN);
  const letters = (text: string) => [...text].filter((char) => /\p{L}/u.test(char)).length;
  const total = letters(parts.join(''));
  let result = parts[0]!;
  let seen = letters(parts[0]!);
  for (const part of parts.slice(1)) {
    result += seen >= limits.before && total - seen >= limits.after ? SOFT_HYPHEN + part : part;
    seen += letters(part);
  }
  return result;
}

/** Takes the soft hyphens out of the last word of a block (in its last text, nested lists aside). */
function unhyphenateLastWord(block: Element): void {
  const last = lastText(block.children);
  if (!last) return;
  const [start, end] = lastWord(last.value);
  if (start < end) last.value = last.value.slice(0, start) + last.value.slice(start, end).replace(/\u00ad/g, '') + last.value.slice(end);
}

const WORD_CHARACTER = /^[\p{L}\p{M}\u00ad]$/u;

/**
 * Where the last run of letters, marks and soft hyphens of a text is, found from its end (a regular expression
 * for "a run followed by none to the end" tries every run of the text, each up to the end: a paragraph's
 * hundreds of words cost a twentieth of a second a build).
 */
export function lastWord(text: string): [number, number] {
  // The length of the character that ends at `at`: 2 for a surrogate pair (a letter outside the BMP), else 1.
  const lengthBefore = (at: number) => {
    const low = text.charCodeAt(at - 1);
    const high = at >= 2 ? text.charCodeAt(at - 2) : 0;
    return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
  };
  const wordEndsAt = (at: number) => WORD_CHARACTER.test(text.slice(at - lengthBefore(at), at));
  let end = text.length;
  while (end > 0 && !wordEndsAt(end)) end -= lengthBefore(end);
  let start = end;
  while (start > 0 && wordEndsAt(start)) start -= lengthBefore(start);
  return [start, end];
}

function lastText(children: ElementContent[]): Text | undefined {
  for (let index = children.length - 1; index >= 0; index--) {
    const child = children[index]!;
    if (child.type === 'text' && /\p{L}/u.test(child.value)) return child;
    if (child.type === 'element' && !['ul', 'ol', 'svg', 'sup'].includes(child.tagName)) {
      const found = lastText(child.children);
      if (found) return found;
    }
  }
  return undefined;
}
