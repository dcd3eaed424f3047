import { reportWarning } from '../../report/messages.js';
import { segmentsOf, type Segment } from '../../translate/segments.js';
import type { Rule } from '../context.js';

/** Unknown words per language that get suggestions. */
const SUGGESTIONS = 10;
const WORD = /\p{L}+(?:['’‑-]\p{L}+)*/gu;

/** Words no dictionary is asked about: abbreviations (SME, SMEs, EU), single letters. */
function skipped(word: string): boolean {
  return word.length < 2 || /^\p{Lu}{2,}s?$/u.test(word) || /^\p{Lu}(\p{Lu}|\d)+$/u.test(word);
}

/** The words of a text the reader sees: text runs only, codes (inline code, links' targets) left out. */
function words(segment: Segment): Array<{ word: string; offset: number }> {
  const found: Array<{ word: string; offset: number }> = [];
  let from = 0;
  for (const part of segment.inline) {
    if (typeof part !== 'string') continue;
    for (const match of part.matchAll(WORD)) {
      // Where the word is written in the file, for its line and column: found in order in the written text.
      const at = segment.text.indexOf(match[0], from);
      if (at >= 0) from = at + match[0].length;
      found.push({ word: match[0], offset: at >= 0 ? at : 0 });
    }
  }
  return found;
}

/**
 * Spelling: every word of every text (headings, paragraphs, list items, cells, box titles, alt texts, captions,
 * figure texts, UI strings, index.md) is looked up in the language's Hunspell dictionaries and its word list
 * (brochure/<lang>/words.txt); in a translation, words that the same source file has too (names, original
 * titles) count as known. An unknown word is a warning at its first place in the file, once per file.
 */
export const spelling: Rule = ({ source, language, spelling: dictionaries }) => {
  const spelling = dictionaries.get(language.lang);
  if (!spelling) return;
  if ('missing' in spelling) {
    reportWarning(language.folderFile, `Cannot check the spelling of \`${language.lang}\`: there is no dictionary for it on this computer`, { ruleId: 'spelling', hint: `To check it, ${spelling.missing}.` });
    return;
  }
  const sourceFiles = language.lang === source.lang ? undefined : segmentsOf(source);
  let suggested = 0;
  for (const [name, segments] of segmentsOf(language)) {
    const inSource = new Set((sourceFiles?.get(name) ?? []).flatMap((segment) => words(segment).map(({ word }) => word.toLowerCase())));
    const reported = new Map<string, number>();
    const verdicts = new Map<string, boolean>();
    const known = (word: string): boolean => {
      if (!verdicts.has(word)) {
        const plain = word.replace(/’/g, "'").replace(/‑/g, '-');
        const parts = plain.split('-');
        verdicts.set(word, inSource.has(word.toLowerCase()) || spelling.words.has(word.toLowerCase()) || spelling.speller.correct(plain) || (parts.length > 1 && parts.every((part) => skipped(part) || spelling.words.has(part.toLowerCase()) || spelling.speller.correct(part))));
      }
      return verdicts.get(word)!;
    };
    for (const segment of segments) {
      for (const { word, offset } of words(segment)) {
        if (skipped(word) || known(word) || reported.has(word)) continue;
        reported.set(word, offset);
        const before = String(segment.file.value).slice(0, segment.start + offset).split('\n');
        // Hunspell's suggestions take some 30 ms a word: the first few unknown words of a language get them.
        const suggestions = suggested++ < SUGGESTIONS ? spelling.speller.suggest(word) : [];
        reportWarning(segment.file, `Unknown word \`${word}\`${suggestions.length > 0 ? `; did you mean ${suggestions.map((one) => `\`${one}\``).join(', ')}?` : ''}`, {
          ruleId: 'spelling',
          place: { line: before.length, column: before.at(-1)!.length + 1 },
          hint: `If it is spelt right (a name, a term), add it on a line of its own to brochure/${language.lang}/words.txt.`,
        });
      }
    }
  }
};
