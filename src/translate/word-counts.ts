import type { ParsedLanguage } from '../markdown/parse-language.js';
import { countWords, plainText } from './inline.js';
import { reviewState } from './review-state.js';
import { segmentsOf, type Segment } from './segments.js';

function words(segment: Segment): number {
  return countWords(plainText(segment.inline));
}

/**
 * The source's words a translation still needs: those of texts new or changed since its last review, and of
 * files the translation does not have yet; and the source's words in all. The source itself needs none.
 */
export function wordCounts(source: ParsedLanguage, language: ParsedLanguage): { changed: number; total: number } {
  let total = 0;
  for (const segments of segmentsOf(source).values()) for (const segment of segments) total += words(segment);
  if (language.lang === source.lang) return { changed: 0, total };
  let covered = 0;
  let changed = 0;
  for (const state of reviewState(source, language)) {
    for (const unit of state.units) {
      covered += words(unit.source);
      if (unit.state !== 'current' || (!state.record && !state.legacy)) changed += words(unit.source);
    }
  }
  // Files of the source the translation does not have at all are to be translated in full.
  return { changed: changed + (total - covered), total };
}
