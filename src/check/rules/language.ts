import { francAll } from 'franc';
import { reportError, reportWarning } from '../../report/messages.js';
import { plainText } from '../../translate/inline.js';
import { pairSegments, segmentsOf, type Segment } from '../../translate/segments.js';
import type { Rule } from '../context.js';

/** Languages told apart, by BCP 47 code, with franc's ISO 639-3 code: the brochure's, their neighbours', Europe's large ones. */
const FRANC: Record<string, string> = {
  en: 'eng', mk: 'mkd', sq: 'als', bs: 'bos', hr: 'hrv', sr: 'srp', sl: 'slv', bg: 'bul', ro: 'ron', tr: 'tur', de: 'deu', fr: 'fra',
  it: 'ita', es: 'spa', pt: 'por', nl: 'nld', pl: 'pol', cs: 'ces', sk: 'slk', hu: 'hun', ru: 'rus', uk: 'ukr',
};
/** Languages so close that franc cannot tell them apart on a paragraph: one group, never a warning among them. */
const GROUPS: Record<string, string> = { bos: 'bs/hr/sr', hrv: 'bs/hr/sr', srp: 'bs/hr/sr' };
const ONLY = Object.values(FRANC);
/** A text shorter than this (in words, after names in parentheses) is too short to tell its language. */
const MIN_WORDS = 15;
/** The paragraph's own language must score this far below the best (franc's scores are 1 for the best). */
const CLEAR_MARGIN = 0.8;
const CHECKED = new Set<Segment['kind']>(['paragraph', 'list-item', 'caption', 'table-cell']);

const group = (code: string) => GROUPS[code] ?? code;
const nameOf = (code: string) => new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;

/**
 * The language a longer text looks like, when it is clearly not `lang`: franc's trigram scores over the
 * languages above, close languages as one group; words in parentheses (original titles, names) left out.
 */
export function looksLike(text: string, lang: string): string | undefined {
  const own = FRANC[lang.split('-')[0]!];
  const prose = text.replace(/\([^)]*\)/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  if (!own || prose.split(/\s+/).filter((word) => /\p{L}{2,}/u.test(word)).length < MIN_WORDS) return undefined;
  const scores = new Map<string, number>();
  for (const [code, score] of francAll(prose, { only: ONLY })) if (!scores.has(group(code))) scores.set(group(code), score);
  const [best, top] = [...scores].sort((a, b) => b[1] - a[1])[0] ?? ['und', 0];
  if (best === group(own) || (scores.get(group(own)) ?? 0) >= CLEAR_MARGIN * top) return undefined;
  const code = Object.entries(FRANC).find(([, iso]) => group(iso) === best)?.[0];
  return code ? (GROUPS[FRANC[code]!] ? 'Bosnian, Croatian or Serbian' : nameOf(code)) : undefined;
}

/**
 * Wrong language: a longer paragraph, list item, caption or table cell of a translation that looks like
 * another language (a paragraph pasted from another file, English left in), as a warning naming it; and the
 * title, subtitle and description of index.md and the texts of the SVG figures left as in the source.
 */
export const language: Rule = ({ source, language }) => {
  if (language.lang === source.lang) return;
  const sourceSegments = segmentsOf(source);
  for (const [name, segments] of segmentsOf(language)) {
    for (const segment of segments) {
      if (!CHECKED.has(segment.kind)) continue;
      const like = looksLike(plainText(segment.inline), language.lang);
      if (!like) continue;
      reportWarning(segment.file, `Unexpected language: this text looks like ${like}, not ${nameOf(language.lang)}`, {
        ruleId: 'language',
        place: { line: segment.line, column: segment.column },
        hint: `Translate it into ${nameOf(language.lang)}, or check that it was not pasted from another language's file.`,
      });
    }
    if (segments[0]?.kind !== 'document-text' && segments[0]?.kind !== 'figure-text') continue;
    const pairs = pairSegments(sourceSegments.get(name) ?? [], segments);
    for (const [from, to] of pairs ?? []) {
      if (!to || to.text !== from.text || !/\p{L}{3}/u.test(to.text) || from.id.startsWith('keywords.')) continue;
      reportError(to.file, `Not translated: ${to.kind === 'figure-text' ? 'the figure text' : `the ${from.id}`} “${to.text}” is the same as in brochure/${source.lang}/${name}`, {
        ruleId: 'untranslated',
        place: { line: to.line, column: to.column },
        hint: to.kind === 'figure-text' ? `Translate the text between <text> and </text> in ${name}; it is printed in the figure.` : `Translate the ${from.id} in the front matter of index.md.`,
      });
    }
  }
};
