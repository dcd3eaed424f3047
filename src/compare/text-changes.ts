import { diffArrays } from 'diff';
import type { SectionText } from './text-blocks.js';

/** A piece of a changed text: words the editions share, words taken out, words put in. */
export interface TextPart {
  text: string;
  kind: 'same' | 'removed' | 'inserted';
}

/** One text (paragraph, heading, list item…) that differs between two editions. */
export interface TextChange {
  /** The section's id and title in the new edition (the old one's when the section was removed). */
  section: string;
  sectionTitle: string;
  kind: 'changed' | 'added' | 'removed';
  /** The old and the new text, word by word. */
  parts: TextPart[];
  /** The new text, whole (empty when removed): to find it in the Markdown. */
  text: string;
}

/**
 * The texts that changed between two editions, section by section: texts are lined up by the longest common
 * sequence, so that an added paragraph is one change, not every paragraph after it; a removed text followed by an
 * added one is one changed text, shown word by word.
 */
export function textChanges(before: SectionText[], after: SectionText[]): TextChange[] {
  const changes: TextChange[] = [];
  const old = new Map(before.map((section) => [section.id, section]));
  for (const section of after) {
    const earlier = old.get(section.id);
    old.delete(section.id);
    changes.push(...blockChanges(earlier?.blocks ?? [], section.blocks, section));
  }
  for (const section of old.values()) changes.push(...blockChanges(section.blocks, [], section));
  return changes;
}

function blockChanges(before: string[], after: string[], section: SectionText): TextChange[] {
  const changes: TextChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let index = 0; index < pairs; index++) {
      const parts = wordDiff(removed[index]!, added[index]!);
      changes.push({ section: section.id, sectionTitle: section.title, kind: 'changed', parts, text: added[index]! });
    }
    for (const text of removed.slice(pairs)) changes.push({ section: section.id, sectionTitle: section.title, kind: 'removed', parts: [{ text, kind: 'removed' }], text: '' });
    for (const text of added.slice(pairs)) changes.push({ section: section.id, sectionTitle: section.title, kind: 'added', parts: [{ text, kind: 'inserted' }], text });
    removed = [];
    added = [];
  };
  for (const part of diffArrays(before, after)) {
    if (part.removed) removed.push(...part.value);
    else if (part.added) added.push(...part.value);
    else flush();
  }
  flush();
  return changes;
}

/**
 * Two texts word by word. Words are what lies between spaces, in any script (jsdiff's own word diff cuts
 * Cyrillic into letters); neighbouring pieces of the same kind are joined.
 */
export function wordDiff(before: string, after: string): TextPart[] {
  const words = (text: string) => text.split(/(\s+)/).filter(Boolean);
  const parts: TextPart[] = [];
  for (const part of diffArrays(words(before), words(after))) {
    const kind: TextPart['kind'] = part.added ? 'inserted' : part.removed ? 'removed' : 'same';
    const text = part.value.join('');
    const last = parts.at(-1);
    if (last?.kind === kind) last.text += text;
    else parts.push({ text, kind });
  }
  return parts;
}
