import { diffWordsWithSpace } from 'diff';
import { createParser } from '../markdown/create-processor.js';
import { inlineOf, inlineOfString, plainText } from './inline.js';
import type { Segment } from './segments.js';

const parser = createParser();

/** What a reader sees of a text as written in a file of the kind of `like`: Markdown without its codes. */
export function readable(text: string, like: Segment): string {
  if (like.context === 'plain') return plainText(inlineOfString(text));
  const first = parser.parse(text).children[0];
  const plain = first && 'children' in first ? plainText(inlineOf(first.children as never, text)) : text;
  // A footnote reference read alone has no definition and stays as written: it is not text to translate.
  return plain.replace(/\[\^[^\]\s]+\]/g, '').replace(/\s+/g, ' ').trim();
}

/** One change between two versions of a text, with a few words around it: `was …`, `now …`. */
export interface WordChange {
  before: string;
  after: string;
}

const CONTEXT_WORDS = 4;

/**
 * The changes from `before` to `after`, word by word, each with up to four words of context on either side
 * and `…` where text is left out, so that a translator sees exactly which words of the source changed.
 */
export function wordChanges(before: string, after: string): WordChange[] {
  const parts = diffWordsWithSpace(before, after);
  const changes: WordChange[] = [];
  let index = 0;
  while (index < parts.length) {
    if (!parts[index]!.added && !parts[index]!.removed) {
      index++;
      continue;
    }
    const lead = index > 0 ? tail(parts[index - 1]!.value) : '';
    let was = '';
    let now = '';
    // A change runs on over short unchanged stretches (a space, one word), so that it reads as one phrase.
    while (index < parts.length && (parts[index]!.added || parts[index]!.removed || (words(parts[index]!.value) <= 1 && index + 1 < parts.length && (parts[index + 1]!.added || parts[index + 1]!.removed)))) {
      const part = parts[index]!;
      if (!part.added) was += part.value;
      if (!part.removed) now += part.value;
      index++;
    }
    const trail = index < parts.length ? head(parts[index]!.value) : '';
    changes.push({ before: `${lead}${was}${trail}`.trim(), after: `${lead}${now}${trail}`.trim() });
  }
  return changes;
}

function words(text: string): number {
  return text.trim() === '' ? 0 : text.trim().split(/\s+/).length;
}

function tail(text: string): string {
  const all = text.split(/(?<=\s)/);
  return all.length > CONTEXT_WORDS ? `…${all.slice(-CONTEXT_WORDS).join('')}` : text;
}

function head(text: string): string {
  const all = text.split(/(?=\s)/);
  return all.length > CONTEXT_WORDS ? `${all.slice(0, CONTEXT_WORDS).join('')}…` : text;
}

/** The changes as lines for a hint: `“…the better.” → “…the better for your business.”`, at most `limit`. */
export function describeChanges(before: string, after: string, limit = 3): string[] {
  const changes = wordChanges(before, after);
  const lines = changes.slice(0, limit).map((change) => `${change.before ? `“${change.before}”` : '(nothing)'} → ${change.after ? `“${change.after}”` : '(removed)'}`);
  if (changes.length > limit) lines.push(`…and ${changes.length - limit} more change${changes.length - limit === 1 ? '' : 's'} in this text`);
  return lines;
}
