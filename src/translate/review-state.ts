import crypto from 'node:crypto';
import { diffArrays } from 'diff';
import type { VFile } from 'vfile';
import type { ReviewedFile } from '../content/reviewed.js';
import type { ParsedLanguage } from '../markdown/parse-language.js';
import { sectionBlocks } from './blocks.js';
import { pairSegments, segmentsOf, type Segment } from './segments.js';

/**
 * Where one text of the translation stands against the source: `current` (the source is as reviewed),
 * `changed` (the source changed since; `before` is its text then), `new` (a source text never reviewed).
 */
export interface UnitState {
  source: Segment;
  /** The translation's text in the same place; undefined when the files do not pair up. */
  target: Segment | undefined;
  state: 'current' | 'changed' | 'new';
  before?: string;
}

/** One file of a translation against the source and the record of its last review. */
export interface FileState {
  name: string;
  /** The translated file (undefined when the translation lacks it). */
  file: VFile | undefined;
  record: ReviewedFile | undefined;
  units: UnitState[];
  /** Whether the translation's texts pair up with the source's (same kinds of text in the same order). */
  paired: boolean;
  /** Texts of the source as reviewed that it no longer has. */
  removed: string[];
  /** The translation's texts, in file order. */
  targets: Segment[];
  /** An older record with block fingerprints only: how many blocks changed or went. */
  legacy?: { changed: number; removed: number; lines: number[] };
}

/** Fingerprint of a translated file's text, to tell whether it changed between two reviews. */
export function fingerprint(file: VFile | string): string {
  return crypto.createHash('sha256').update(typeof file === 'string' ? file : String(file.value)).digest('hex').slice(0, 16);
}

const made = new WeakMap<ParsedLanguage, { source: ParsedLanguage; states: FileState[] }>();

/** Every file the source and the translation have, with the state of each of its texts (worked out once per parsed pair). */
export function reviewState(source: ParsedLanguage, language: ParsedLanguage): FileState[] {
  const known = made.get(language);
  if (known?.source === source) return known.states;
  const states = computeState(source, language);
  made.set(language, { source, states });
  return states;
}

function computeState(source: ParsedLanguage, language: ParsedLanguage): FileState[] {
  const sourceSegments = segmentsOf(source);
  const targetSegments = segmentsOf(language);
  const states: FileState[] = [];
  for (const [name, segments] of sourceSegments) {
    const target = targetSegments.get(name);
    if (!target) continue;
    const record = language.reviewed.files[name];
    let pairs = pairSegments(segments, target);
    const file = target[0]?.file ?? [...language.parsed.values()].find((section) => section.file.basename === name)?.file;
    const state: FileState = { name, file, record, units: [], paired: pairs !== undefined, removed: [], targets: target };
    const unit = (segment: Segment, kind: UnitState['state'], before?: string): UnitState => ({ source: segment, target: pairs?.get(segment), state: kind, ...(before !== undefined ? { before } : {}) });
    if (!record?.source) {
      state.units = segments.map((segment) => unit(segment, record?.blocks ? 'current' : 'new'));
      if (record?.blocks) state.legacy = legacyChanges(source, name, record.blocks);
    } else if (!Array.isArray(record.source)) {
      const reviewed = record.source;
      state.units = segments.map((segment) => (reviewed[segment.id] === undefined ? unit(segment, 'new') : reviewed[segment.id] === segment.text ? unit(segment, 'current') : unit(segment, 'changed', reviewed[segment.id])));
      const ids = new Set(segments.map((segment) => segment.id));
      state.removed = Object.entries(reviewed).filter(([id]) => !ids.has(id)).map(([, text]) => text);
    } else {
      const aligned = align(record.source, segments);
      // When the source gained or lost texts since the review, the translation still has the texts of the
      // source as reviewed: each is found through the text of the source it was reviewed against.
      if (!pairs && target.length === record.source.length) pairs = pairThroughReview(aligned.units, target);
      state.paired = pairs !== undefined;
      state.units = aligned.units.map(({ segment, before }) => (before === undefined ? unit(segment, 'current') : before === null ? unit(segment, 'new') : unit(segment, 'changed', before)));
      state.removed = aligned.removed;
    }
    states.push(state);
  }
  return states;
}

/**
 * Lines up the reviewed texts with the current ones: texts that are the same anchor the rest, and between two
 * anchors the reviewed texts that went are paired in order with the texts that came (changed), the others are
 * new or removed. `before` is undefined for an unchanged text, null for a new one.
 */
function align(reviewed: Array<string | null>, segments: Segment[]): { units: Aligned[]; removed: string[] } {
  const units: Aligned[] = [];
  const removed: string[] = [];
  let at = 0;
  let old = 0;
  let gone: Array<{ text: string | null; index: number }> = [];
  for (const part of diffArrays<string | null>(reviewed, segments.map((segment) => segment.text))) {
    if (part.removed) {
      gone = [...gone, ...part.value.map((text) => ({ text, index: old++ }))];
      continue;
    }
    if (part.added) {
      const added = part.value.map(() => segments[at++]!);
      const matched = matchInGap(gone, added);
      added.forEach((segment, index) => {
        const was = matched.get(index);
        units.push({ segment, before: was ? was.text : null, ...(was ? { reviewedIndex: was.index } : {}) });
      });
      gone = gone.filter((entry) => ![...matched.values()].includes(entry));
    } else {
      for (const _ of part.value) units.push({ segment: segments[at++]!, before: undefined, reviewedIndex: old++ });
    }
    removed.push(...gone.map((entry) => entry.text).filter((text): text is string => text !== null));
    gone = [];
  }
  removed.push(...gone.map((entry) => entry.text).filter((text): text is string => text !== null));
  return { units, removed };
}

/** Words of a text, for telling which reviewed text a changed one was. */
function wordSet(text: string | null): Set<string> {
  return new Set((text ?? '').toLowerCase().match(/\p{L}+/gu) ?? []);
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared / Math.max(1, a.size + b.size - shared);
}

/**
 * Between two unchanged texts, which reviewed text each current text is a change of: in order, each reviewed
 * text goes with the most alike of the texts after the last one matched (a third of their words shared at
 * least); a text left over is new. A reviewed text never reviewed (null) goes with the text in its place.
 */
function matchInGap(gone: Array<{ text: string | null; index: number }>, added: Segment[]): Map<number, { text: string | null; index: number }> {
  const matched = new Map<number, { text: string | null; index: number }>();
  let from = 0;
  for (const [position, entry] of gone.entries()) {
    if (entry.text === null) {
      if (position >= from && position < added.length && !matched.has(position)) matched.set(position, entry);
      continue;
    }
    const words = wordSet(entry.text);
    let best = -1;
    let score = 1 / 3;
    for (let index = from; index < added.length; index++) {
      const value = similarity(words, wordSet(added[index]!.text));
      if (value >= score) [best, score] = [index, value];
    }
    if (best < 0) continue;
    matched.set(best, entry);
    from = best + 1;
  }
  return matched;
}

/** A source text lined up with the record: `before` as in align(), and its place in the record when it has one. */
interface Aligned {
  segment: Segment;
  before: string | null | undefined;
  reviewedIndex?: number;
}

/** The translation's texts paired with the source's through their places in the record of the review. */
function pairThroughReview(units: Aligned[], target: Segment[]): Map<Segment, Segment | undefined> | undefined {
  const pairs = new Map<Segment, Segment | undefined>();
  for (const unit of units) {
    const translated = unit.reviewedIndex === undefined ? undefined : target[unit.reviewedIndex];
    if (translated && translated.kind !== unit.segment.kind) return undefined;
    pairs.set(unit.segment, translated);
  }
  return pairs;
}

/** An older record (block fingerprints): which blocks of the source section changed, without their text. */
function legacyChanges(source: ParsedLanguage, name: string, blocks: string[]): FileState['legacy'] {
  const section = source.parsed.get(name);
  if (!section) return undefined;
  const current = sectionBlocks(section.tree, section.file);
  const known = new Set(blocks);
  const hashes = new Set(current.map((block) => block.hash));
  const changed = current.filter((block) => !known.has(block.hash));
  return { changed: changed.length, removed: blocks.filter((hash) => !hashes.has(hash)).length, lines: changed.map((block) => block.line) };
}

/** The record of a file reviewed now in full: every source text as it is, and the translation's fingerprint. */
export function reviewedNow(state: FileState, day: string): ReviewedFile {
  return markUnits(state, new Set(state.units), day);
}

/**
 * The record of a file of which only `reviewed` units were reviewed now: they take the source's current
 * text; the others keep the text they were reviewed against (a changed one stays changed), or none.
 */
export function markUnits(state: FileState, reviewed: ReadonlySet<UnitState>, day: string, translation?: string): ReviewedFile {
  const keep = (unit: UnitState) => (reviewed.has(unit) || unit.state === 'current' ? unit.source.text : unit.state === 'changed' ? unit.before! : null);
  const keyed = state.units[0]?.source.kind === 'ui-string' || state.units[0]?.source.kind === 'document-text';
  // One entry per text of the translation (what it was reviewed against), so that the record still lines up
  // with the translation when the source gains a text the translation does not have yet.
  const byTarget = new Map(state.units.filter((unit) => unit.target).map((unit) => [unit.target!, unit]));
  const source = keyed
    ? (Object.fromEntries(state.units.map((unit) => [unit.source.id, keep(unit)]).filter(([, text]) => text !== null)) as Record<string, string>)
    : state.paired && byTarget.size > 0
      ? state.targets.map((target) => (byTarget.has(target) ? keep(byTarget.get(target)!) : null))
      : state.units.map(keep);
  const text = translation ?? (state.file ? String(state.file.value) : undefined);
  // The day of the review is that of the last time every text was reviewed: a partial review keeps the earlier day.
  const whole = state.units.every((unit) => reviewed.has(unit) || unit.state === 'current');
  return { reviewed: whole || !state.record ? day : state.record.reviewed, source, ...(text !== undefined ? { translation: fingerprint(text) } : {}) };
}
