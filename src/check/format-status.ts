import type { TranslationStatus } from './check-translations.js';

/** The translation status as a table for the terminal. */
export function formatStatus(status: TranslationStatus[]): string {
  const header = ['language', 'sections current', 'stale', 'missing', 'untranslated', 'strings missing', 'words to translate', ''];
  const rows = status.map((entry) => [
    entry.source ? `${entry.lang} (source)` : entry.lang,
    `${entry.sections.current}/${entry.sections.total}`,
    String(entry.sections.stale),
    String(entry.sections.missing),
    String(entry.sections.untranslated),
    String(entry.stringsMissing),
    entry.source ? `${entry.words.total} in all` : `${entry.words.changed} of ${entry.words.total}`,
    entry.complete ? 'complete' : 'INCOMPLETE',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ').trimEnd();
  return ['Translations', line(header), ...rows.map(line)].join('\n');
}
