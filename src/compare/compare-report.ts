import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { brandCss } from '../templates/brand-css.js';
import { pngDataUrl } from './encode-png.js';
import type { PageChange } from './match-pages.js';
import type { TextChange } from './text-changes.js';
import type { TextPlace } from './locate-text.js';

/** What one language's comparison found. */
export interface LanguageComparison {
  lang: string;
  languageName: string;
  pages: PageChange[];
  texts: Array<TextChange & { place?: TextPlace }>;
}

const percent = (value: number) => `${(value * 100).toFixed(2)}%`;

/** The title of a changed page, as a person would say it. */
function pageTitle(change: PageChange): string {
  if (change.kind === 'added') return `Page ${change.newPage} was added`;
  if (change.kind === 'removed') return `Page ${change.oldPage} was removed`;
  return change.oldPage === change.newPage ? `Page ${change.newPage} changed` : `Page ${change.oldPage} changed (now page ${change.newPage})`;
}

/** One line that says what changed: the pages and the number of texts. */
export function summarise(comparison: LanguageComparison): string {
  const { pages, texts } = comparison;
  if (pages.length === 0 && texts.length === 0) return 'Nothing changed.';
  const pageList = pages.map((change) => change.newPage ?? `${change.oldPage} (removed)`).join(', ');
  return `${pages.length === 0 ? 'No page' : `${pages.length} page${pages.length === 1 ? '' : 's'}`} changed${pages.length ? ` (${pageList})` : ''}, ${texts.length} text${texts.length === 1 ? '' : 's'} changed.`;
}

/**
 * dist/compare/<lang>.html: each changed page before and after, side by side, the changed areas marked; then
 * every changed text word by word with its section and Markdown line. Self-contained (pictures inside), from
 * templates/compare.hbs; everything from the brochure is escaped.
 */
export async function renderComparison(templatesFolder: string, config: ResolvedBrochureConfig, comparison: LanguageComparison, labels: { old: string; new: string }): Promise<string> {
  const template = Handlebars.create().compile(await readFile(path.join(templatesFolder, 'compare.hbs'), 'utf8'), { strict: true });
  return template({
    lang: comparison.lang,
    languageName: comparison.languageName,
    oldLabel: labels.old,
    newLabel: labels.new,
    brandCss: brandCss(config.brand),
    summary: summarise(comparison),
    pages: comparison.pages.map((change) => ({
      title: pageTitle(change),
      oldPage: change.oldPage ?? null,
      newPage: change.newPage ?? null,
      old: change.old ? pngDataUrl(change.old) : null,
      new: change.new ? pngDataUrl(change.new) : null,
      marks: change.marks.map((mark) => ({ style: `left:${percent(mark.x)};top:${percent(mark.y)};width:${percent(mark.width)};height:${percent(mark.height)}` })),
    })),
    texts: comparison.texts.map((change) => ({
      sectionTitle: change.sectionTitle,
      kind: change.kind,
      place: change.place ? `${change.place.file}${change.place.line ? `:${change.place.line}` : ''}` : null,
      parts: change.parts.map((part) => ({ text: part.text, removed: part.kind === 'removed', inserted: part.kind === 'inserted' })),
    })),
  });
}
