import { reportError } from '../../report/messages.js';
import { reviewState, type FileState, type UnitState } from '../../translate/review-state.js';
import type { Segment } from '../../translate/segments.js';
import { describeSegment } from '../../translate/describe.js';
import { describeChanges, readable } from '../../translate/word-diff.js';
import { shorten } from '../../translate/blocks.js';
import type { Rule } from '../context.js';

/**
 * Staleness: brochure/<lang>/reviewed.json keeps the source's texts as they were when each file of the
 * translation was last reviewed. Each text of the source changed since is reported at the translated text's
 * line, with the change word by word; texts added to or removed from the source are named too.
 */
export const staleness: Rule = ({ source, language }) => {
  if (language.lang === source.lang) return;
  for (const state of reviewState(source, language)) {
    if (!state.file) continue;
    const mark = `npm run check -- --mark-reviewed ${language.lang}/${state.name}`;
    const sourcePath = `brochure/${source.lang}/${state.name}`;
    if (!state.record) {
      // Sections must be reviewed once; the other files are followed from their first review on.
      if (!state.name.endsWith('.md') || state.name === 'index.md') continue;
      reportError(state.file, `Translation never marked reviewed: no record of which version of ${sourcePath} it translates`, {
        ruleId: 'stale',
        place: { line: 1, column: 1 },
        hint: `Once the translation matches the source, record it with \`${mark}\`.`,
      });
      continue;
    }
    if (state.legacy) {
      reportLegacy(state, sourcePath, mark);
      continue;
    }
    let previous: Segment | undefined;
    for (const unit of state.units) {
      if (unit.state !== 'current') reportUnit(state, unit, sourcePath, mark, previous);
      previous = unit.target ?? previous;
    }
    if (state.removed.length > 0) {
      const count = state.removed.length;
      reportError(state.file, `Translation out of date: ${count} text${count === 1 ? '' : 's'} of ${sourcePath} ${count === 1 ? 'was' : 'were'} removed since the review on ${state.record.reviewed}`, {
        ruleId: 'stale',
        place: { line: 1, column: 1 },
        hint: [...state.removed.slice(0, 3).map((text) => `removed: “${shorten(readable(text, state.units[0]?.source ?? ({ context: 'block' } as Segment)), 80)}”`), `Remove the translation of ${count === 1 ? 'it' : 'them'}, then run \`${mark}\`.`].join('\n'),
      });
    }
  }
};

function reportUnit(state: FileState, unit: UnitState, sourcePath: string, mark: string, previous: Segment | undefined): void {
  const what = describeSegment(unit.source);
  const at = `${sourcePath}:${unit.source.line}`;
  // A text new in the source has no translation yet: it is shown after the translation of the text before it.
  const near = unit.target ?? (state.paired ? previous : undefined);
  const place = near ? { line: near.line, column: near.column } : { line: 1, column: 1 };
  const where = unit.target || state.paired ? '' : ` (the translation's texts do not line up with the source's, so this is at the top of the file)`;
  if (unit.state === 'changed') {
    const changes = describeChanges(readable(unit.before!, unit.source), readable(unit.source.text, unit.source));
    reportError(state.file!, `Translation out of date: the source of this ${what} changed since the review on ${state.record!.reviewed}${where}`, {
      ruleId: 'stale',
      place,
      hint: [`${at}, word by word:`, ...changes, `Update the translation, then run \`${mark}\`.`].join('\n'),
    });
    return;
  }
  const missing = !unit.target && state.paired;
  const reason = missing ? `Translation missing: the source has a new ${what} ${previous ? 'after this text' : 'at the start of the file'}` : `Translation not reviewed: this ${what} is new in the source, or was never marked reviewed${where}`;
  reportError(state.file!, reason, {
    ruleId: 'stale',
    place,
    hint: [`${at}: “${shorten(readable(unit.source.text, unit.source), 80)}”`, `${missing ? 'Add its translation here' : 'Translate it'}, then run \`${mark}\`.`].join('\n'),
  });
}

function reportLegacy(state: FileState, sourcePath: string, mark: string): void {
  const { changed, removed, lines } = state.legacy!;
  if (changed === 0 && removed === 0) return;
  const what = [changed > 0 ? `${changed} block${changed === 1 ? '' : 's'} changed or added` : '', removed > 0 ? `${removed} removed` : ''].filter(Boolean).join(', ');
  reportError(state.file!, `Translation out of date: ${sourcePath} changed since the review on ${state.record!.reviewed} (${what})`, {
    ruleId: 'stale',
    place: { line: 1, column: 1 },
    hint: [
      ...lines.slice(0, 5).map((line) => `changed in the source at line ${line}`),
      'This reviewed.json is of the older kind, which does not keep the source as reviewed, so the words that changed cannot be shown.',
      `Update the translation, then run \`${mark}\`: from then on the changes are shown word by word.`,
    ].join('\n'),
  });
}
