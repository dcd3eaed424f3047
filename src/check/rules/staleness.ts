import { reportError } from '../../report/messages.js';
import { sectionBlocks } from '../blocks.js';
import type { Rule } from '../context.js';

/**
 * Staleness: each translated section records (in brochure/<lang>/reviewed.json) the fingerprints of the source
 * blocks it translates. A source block changed or added since is reported, with its line, so the translator
 * knows what to look at.
 */
export const staleness: Rule = ({ source, language }) => {
  if (language.lang === source.lang) return;
  for (const [name, { file }] of language.parsed) {
    const sourceSection = source.parsed.get(name);
    if (!sourceSection || sourceSection.unreadable) continue;
    const blocks = sectionBlocks(sourceSection.tree, sourceSection.file);
    const record = language.reviewed.sections[name];
    const mark = `npm run check -- --mark-reviewed ${language.lang}/${name}`;
    if (!record) {
      reportError(file, `Unexpected unreviewed translation: no record of which version of brochure/${source.lang}/${name} it translates`, {
        ruleId: 'stale',
        place: { line: 1, column: 1 },
        hint: `Once the translation matches the source, record it with \`${mark}\`.`,
      });
      continue;
    }
    const known = new Set(record.blocks);
    const changed = blocks.filter((block) => !known.has(block.hash));
    const current = new Set(blocks.map((block) => block.hash));
    const removed = record.blocks.filter((hash) => !current.has(hash)).length;
    if (changed.length === 0 && removed === 0) continue;
    const what = [
      changed.length > 0 ? `${changed.length} block${changed.length === 1 ? '' : 's'} changed or added` : '',
      removed > 0 ? `${removed} removed` : '',
    ].filter(Boolean).join(', ');
    reportError(file, `Unexpected stale translation: brochure/${source.lang}/${name} changed since it was reviewed on ${record.reviewed} (${what})`, {
      ruleId: 'stale',
      place: { line: 1, column: 1 },
      hint: [
        ...changed.slice(0, 5).map((block) => `changed in the source at line ${block.line}: “${block.excerpt}”`),
        ...(changed.length > 5 ? [`…and ${changed.length - 5} more`] : []),
        `Update the translation, then run \`${mark}\`.`,
      ].join('\n'),
    });
  }
};
