import { writeFile } from 'node:fs/promises';
import { diffWordsWithSpace } from 'diff';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { readPair } from './exchange.js';
import { plainText } from './inline.js';
import { exchangeUnits, type ExchangeUnit } from './units.js';
import { wordCounts } from './word-counts.js';

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The English change of a unit as HTML: removed words struck through, added words underlined. */
function change(unit: ExchangeUnit): string {
  const now = plainText(unit.source);
  if (unit.before === undefined) return `<ins>${escape(now)}</ins>`;
  return diffWordsWithSpace(unit.before, now).map((part) => (part.added ? `<ins>${escape(part.value)}</ins>` : part.removed ? `<del>${escape(part.value)}</del>` : escape(part.value))).join('');
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2em}th,td{border:1px solid #ccc;padding:.4em .6em;vertical-align:top;text-align:left}
th{background:#f2f2f2}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}td.where{white-space:nowrap;font-size:.85em;color:#555}`;

/**
 * Writes the translator's brief for a language as one HTML file: the English texts that are new or changed
 * since the last review, old -> new word by word, beside the current translation, with word counts.
 */
export async function writeBrief(paths: ProjectPaths, config: ResolvedBrochureConfig, lang: string, out: string): Promise<{ texts: number; words: number; total: number }> {
  const { source, language } = await readPair(paths, config, lang);
  const units = exchangeUnits(source, language, { changed: true });
  const counts = wordCounts(source, language);
  const files = new Map<string, ExchangeUnit[]>();
  for (const unit of units) files.set(unit.state.name, [...(files.get(unit.state.name) ?? []), unit]);
  const sections = [...files].map(([name, list]) => {
    const rows = list.map((unit) => {
      const target = unit.unit.target ? `brochure/${lang}/${name}:${unit.unit.target.line}` : `brochure/${lang}/${name}`;
      const translation = unit.target.length > 0 ? escape(plainText(unit.target)) : '<em>not translated yet</em>';
      return `<tr><td class="where">${escape(unit.note.split(';')[0]!.replace(/`/g, ''))}<br>translation: ${escape(target)}<br>${plural(unit.words, 'word')}</td><td>${change(unit)}</td><td>${translation}</td></tr>`;
    });
    const words = list.reduce((sum, unit) => sum + unit.words, 0);
    return `<h2>${escape(name)} <small>(${plural(list.length, 'text')}, ${plural(words, 'word')})</small></h2>\n<table><thead><tr><th>Where</th><th>English: before → now</th><th>Current translation (${escape(lang)})</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
  });
  const title = `Translation brief: ${config.slug}, ${source.lang} → ${lang}`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title><style>${STYLE}</style></head><body>
<h1>${escape(title)}</h1>
<p><strong>${counts.changed}</strong> source words to translate or review, of ${counts.total} in the whole brochure, in ${plural(units.length, 'text')}.
Struck-through words were removed from the English, highlighted words are new. Update each translation in the file and line named, or use the XLIFF or PO file (<code>npm run translate -- export ${escape(lang)}</code>).</p>
${sections.length > 0 ? sections.join('\n') : '<p>Nothing to translate or review: the translation matches the current English.</p>'}
</body></html>
`;
  await writeFile(out, html);
  return { texts: units.length, words: counts.changed, total: counts.total };
}
