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
const dates = new Map<string, { dayMonthYear: RegExp; monthYear: RegExp }>();
const names = new Map<string, RegExp | undefined>();

/**
 * The month names of a language as typeset text uses them, from the ICU data of Node (standalone and with a
 * day, which gives the genitive in Slavic languages): each as its first four letters (three for names of up to
 * four), so that declined forms (bs novembar, novembra; juni, junu) are found too.
 */
function monthStems(lang: string): string[] {
  const stems = new Set<string>();
  for (const locale of [lang, 'en']) {
    let alone: Intl.DateTimeFormat;
    let withDay: Intl.DateTimeFormat;
    try {
      alone = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
      withDay = new Intl.DateTimeFormat(locale, { month: 'long', day: 'numeric', timeZone: 'UTC' });
    } catch {
      continue;
    }
    for (let month = 0; month < 12; month++) {
      const date = new Date(Date.UTC(2020, month, 10));
      for (const name of [alone.format(date), withDay.formatToParts(date).find((part) => part.type === 'month')?.value ?? '']) {
        const letters = name.toLowerCase().replace(/[^\p{L}]/gu, '');
        if (letters.length >= 3) stems.add(letters.slice(0, letters.length <= 4 ? 3 : 4));
      }
    }
  }
  return [...stems].sort((a, b) => b.length - a.length);
}

function datePatterns(lang: string): { dayMonthYear: RegExp; monthYear: RegExp } {
  let found = dates.get(lang);
  if (!found) {
    const month = `(?:${monthStems(lang).map((stem) => stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})\\p{L}*`;
    found = {
      // 10 November 2020, 10. novembra 2020.: the day, the month and the year stay on one line.
      dayMonthYear: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2}\\.?) (${month}) (?=\\d{4}(?!\\d))`, 'giu'),
      // November 2020, decembar 2019.: the month stays with its year.
      monthYear: new RegExp(`(?<![\\p{L}\\d])(${month}) (?=\\d{4}(?!\\d))`, 'giu'),
    };
    dates.set(lang, found);
  }
  return found;
}

/**
 * A pattern that finds any of the names (no-break.txt), with any white space between their words; undefined
 * when there are none. Longer names first, so that a name inside a longer one does not cut it.
 */
export function namePattern(list: readonly string[]): RegExp | undefined {
  const key = list.join('\n');
  if (!names.has(key)) {
    const sorted = [...new Set(list)].sort((a, b) => b.length - a.length);
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    names.set(key, sorted.length === 0 ? undefined : new RegExp(`(?<![\\p{L}\\d])(?:${sorted.map((name) => name.split(/\s+/).map(escape).join('[\\s\\u00a0]+')).join('|')})(?![\\p{L}\\d])`, 'gu'));
  }
  return names.get(key);
}

/**
 * Binds one-letter words to the next word and a dash to the word before it with no-break spaces, by the
 * custom of the language; keeps a date (day, month and year; month and year), a number and the word or unit
 * after it (12 months, 5 %), a reference and its number (COM(2019) 640), and each of `nameList` (no-break.txt) on one line. For any text that reaches the
 * page (Markdown, UI strings, titles).
 */
export function bindShortWords(text: string, lang: string, nameList: readonly string[] = NO_NAMES): string {
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
  const { dayMonthYear, monthYear } = datePatterns(base);
  result = result.replace(dayMonthYear, '$1\u00a0$2\u00a0').replace(monthYear, '$1\u00a0');
  // A number and what it counts or measures: 12 months, 20 MB, 5 %; an ordinal year before a lower-case word.
  result = result.replace(/(?<=^|[\s(„“«‘\u00a0])(\d+(?:[.,]\d+)*\.?) (?=[\p{Ll}%‰°€$]|(?:kg|km|cm|mm|MB|KB|GB|kW|kWh|MW|MWh|EUR|MKD|ALL|BAM)(?![\p{L}]))/gu, '$1\u00a0');
  // A reference and its number: COM(2019) 640, SWD(2020) 223, ISO 9001.
  result = result.replace(/(?<![\p{L}\d])(\p{Lu}{2,}(?:\(\d{1,4}\))?) (?=\d)/gu, '$1\u00a0');
  const listed = boundNamePattern(nameList);
  if (listed) result = result.replace(listed, (name) => name.replace(/\s+/g, '\u00a0'));
  return result;
}

const bound = new WeakMap<readonly string[], RegExp | undefined>();
const NO_NAMES: readonly string[] = [];

/** The pattern of the names of a list short enough to bind everywhere, made once per list (bindShortWords runs for every text). */
function boundNamePattern(list: readonly string[]): RegExp | undefined {
  if (!bound.has(list)) bound.set(list, namePattern(list.filter((name) => name.length <= BOUND_NAME_LENGTH)));
  return bound.get(list);
}

/**
 * Names up to this length are bound with no-break spaces wherever they are set. A longer one (a partner's
 * full name) would not fit a phone's line: in the Markdown text it goes into a span kept on one line in print
 * and on wide screens (`.nowrap-name`), and elsewhere it is left to break.
 */
export const BOUND_NAME_LENGTH = 40;

const SKIPPED = new Set(['code', 'pre', 'script', 'style', 'svg']);

export interface RehypeNoBreakSpacesOptions {
  /** BCP 47 language of the text. */
  lang: string;
  /** Names whose words stay on one line (no-break.txt). */
  names?: readonly string[];
}

/** A word with a non-breaking hyphen (U+2011), such as `R‑strategies`. */
const NON_BREAKING_HYPHEN = /[^\s\u2011]*\u2011[^\s]*/u;

/**
 * Typographic care that writers should not have to type: one-letter prepositions and conjunctions are bound to
 * the next word with a no-break space, as typesetters in the language do; and a word written with a
 * non-breaking hyphen (U+2011, which the bundled fonts lack) becomes the same word with an ordinary hyphen in a
 * span that does not wrap, so it neither breaks nor falls back to a system font, and copies as typed; a listed
 * name too long to bind everywhere goes into a span of its own (see BOUND_NAME_LENGTH).
 */
export default function rehypeNoBreakSpaces(options: RehypeNoBreakSpacesOptions) {
  const long = namePattern((options.names ?? []).filter((name) => name.length > BOUND_NAME_LENGTH));
  // A word with a non-breaking hyphen, or a long listed name: each into a span of its own.
  const spans = new RegExp([NON_BREAKING_HYPHEN.source, ...(long ? [long.source] : [])].join('|'), 'gu');
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type === 'element' && SKIPPED.has((node as Element).tagName)) return SKIP;
      if (node.type !== 'text') return undefined;
      node.value = bindShortWords(node.value, options.lang, options.names);
      if (!parent || index === undefined) return undefined;
      const matches = [...node.value.matchAll(spans)];
      if (matches.length === 0) return undefined;
      const parts: ElementContent[] = [];
      let last = 0;
      for (const match of matches) {
        if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
        const hyphenated = match[0].includes('\u2011');
        parts.push({ type: 'element', tagName: 'span', properties: { className: [hyphenated ? 'nowrap' : 'nowrap-name'] }, children: [{ type: 'text', value: hyphenated ? match[0].replace(/\u2011/g, '-') : match[0] } as Text] });
        last = match.index + match[0].length;
      }
      if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
      (parent.children as ElementContent[]).splice(index, 1, ...parts);
      return [SKIP, index + parts.length];
    });
  };
}
