import path from 'node:path';
import type { ParsedLanguage } from '../markdown/parse-language.js';
import { countWords, plainText, type Inline, type Placeholder } from './inline.js';
import { reviewState, type FileState, type UnitState } from './review-state.js';
import { describeSegment } from './describe.js';
import { readable } from './word-diff.js';

/** The state of a unit in an exchange file, as XLIFF 1.2 names it. */
export type UnitStatus = 'final' | 'needs-review-translation' | 'needs-translation';

/** One text to translate, as written into an XLIFF or PO file. */
export interface ExchangeUnit {
  /** `02-circular-economy.md#12`, `strings.json#toc.title`: the file and the text's id in it. */
  id: string;
  source: Inline;
  /** The current translation, with its placeholders numbered as the source's; empty when there is none. */
  target: Inline;
  status: UnitStatus;
  /** What the text is and where: `paragraph, brochure/en/02-circular-economy.md:24`. */
  note: string;
  /** For a changed source text: the text as it was when the translation was last reviewed. */
  before?: string;
  words: number;
  unit: UnitState;
  state: FileState;
}

/** Every unit of a language (or only those that need review with `changed`), file by file. */
export function exchangeUnits(source: ParsedLanguage, language: ParsedLanguage, options: { changed?: boolean } = {}): ExchangeUnit[] {
  const units: ExchangeUnit[] = [];
  for (const state of reviewState(source, language)) {
    for (const unit of state.units) {
      const target = unit.target ? renumber(unit.source.inline, unit.target.inline) : [];
      const empty = plainText(target).trim() === '';
      const stale = unit.state !== 'current' || (!state.record && !state.legacy);
      const status: UnitStatus = empty ? 'needs-translation' : stale ? 'needs-review-translation' : 'final';
      if (options.changed && status === 'final') continue;
      const where = `${describeSegment(unit.source)}, brochure/${source.lang}/${state.name}:${unit.source.line}`;
      const there = unit.target ? `; translation at brochure/${language.lang}/${state.name}:${unit.target.line}` : '';
      units.push({
        id: unitId(state.name, unit.source.id),
        source: unit.source.inline,
        target,
        status,
        note: `${where}${there}`,
        ...(unit.state === 'changed' ? { before: readable(unit.before!, unit.source) } : {}),
        words: countWords(plainText(unit.source.inline)),
        unit,
        state,
      });
    }
  }
  return units;
}

/** The id of a unit in exchange files. */
export function unitId(file: string, id: string): string {
  return `${file.split(path.sep).join('/')}#${id}`;
}

/**
 * The target's placeholders numbered as the source's: one written exactly as a source placeholder of its kind
 * (a variable such as `{{year}}`, the same link) gets that one's id; the others take the ids of the source's
 * placeholders of their kind in order (the n-th link of the translation, the n-th link of the source, whose
 * addresses differ); placeholders the source does not have follow its last id.
 */
export function renumber(source: Inline, target: Inline): Inline {
  const free: Placeholder[] = [];
  let last = 0;
  for (const part of source) {
    if (typeof part === 'string' || part.tag === 'close') continue;
    free.push(part);
    last = Math.max(last, part.id);
  }
  const chosen = new Map<Placeholder, number>();
  const take = (match: (candidate: Placeholder) => boolean) => {
    const index = free.findIndex(match);
    return index < 0 ? undefined : free.splice(index, 1)[0]!.id;
  };
  const opening = target.filter((part): part is Placeholder => typeof part !== 'string' && part.tag !== 'close');
  for (const part of opening) {
    const id = take((candidate) => candidate.kind === part.kind && candidate.native === part.native);
    if (id !== undefined) chosen.set(part, id);
  }
  for (const part of opening) if (!chosen.has(part)) chosen.set(part, take((candidate) => candidate.kind === part.kind) ?? ++last);
  const taken = new Map<number, number>();
  return target.map((part) => {
    if (typeof part === 'string') return part;
    if (part.tag === 'close') return { ...part, id: taken.get(part.id) ?? part.id };
    const id = chosen.get(part)!;
    taken.set(part.id, id);
    return { ...part, id } satisfies Placeholder;
  });
}
