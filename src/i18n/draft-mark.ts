import type { StringTree } from './load-strings.js';

/** The key of the draft band's text in strings.json. */
export const DRAFT_MARK_KEY = 'draft.mark';

function lookup(tree: StringTree | undefined, key: string): string {
  let current: StringTree | string | undefined = tree;
  for (const part of key.split('.')) current = typeof current === 'object' ? current[part] : undefined;
  return typeof current === 'string' ? current.trim() : '';
}

/**
 * The text of the draft band of a language: its own `draft.mark`, or, while that is still empty or missing, the
 * source language's. The one deliberate exception to "no fallback to the source language": a draft must look
 * like a draft. The check still reports the empty string.
 */
export function draftMarkText(own: StringTree | undefined, source: StringTree | undefined): string {
  return lookup(own, DRAFT_MARK_KEY) || lookup(source, DRAFT_MARK_KEY) || 'Draft';
}
