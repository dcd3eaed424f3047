import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { readLanguage } from '../content/read-language.js';
import { reviewedText, writeReviewed } from '../content/reviewed.js';
import { BrochureError } from '../errors.js';
import { parseLanguage, type ParsedLanguage } from '../markdown/parse-language.js';
import { planImport } from './import-units.js';
import { markUnits } from './review-state.js';
import { exchangeUnits, type ExchangeUnit } from './units.js';
import { readPo, writePo } from './po.js';
import { readXliff, writeXliff, type ImportedFile } from './xliff.js';

/** Largest exchange file read: far more than any brochure needs. */
const MAX_EXCHANGE_BYTES = 20 * 1024 * 1024;

/** The source and one translation, read and parsed. */
export async function readPair(paths: ProjectPaths, config: ResolvedBrochureConfig, lang: string): Promise<{ source: ParsedLanguage; language: ParsedLanguage }> {
  if (!config.languages.includes(lang) || lang === config.sourceLanguage) {
    throw new BrochureError('usage', `Unknown translation \`${lang}\`; the translated languages of brochure/brochure.yaml are ${config.languages.filter((code) => code !== config.sourceLanguage).join(', ')}.`);
  }
  const read = (code: string) => readLanguage(paths.content, code, paths.root, config.sourceLanguage).then(parseLanguage);
  const [source, language] = await Promise.all([read(config.sourceLanguage), read(lang)]);
  return { source, language };
}

/** Writes the units of a language as XLIFF 1.2 or PO into `out`; returns the units written. */
export async function exportLanguage(paths: ProjectPaths, config: ResolvedBrochureConfig, lang: string, options: { format: 'xliff' | 'po'; changed: boolean; out: string }): Promise<ExchangeUnit[]> {
  const { source, language } = await readPair(paths, config, lang);
  const units = exchangeUnits(source, language, { changed: options.changed });
  const text = options.format === 'po' ? writePo(units, source.lang, lang) : writeXliff(units, source.lang, lang);
  await writeFile(options.out, text);
  return units;
}

/** What an import did. */
export interface ImportSummary {
  lang: string;
  files: string[];
  changed: number;
  reviewed: number;
  stillToReview: number;
  /** Translations not written: texts new in the source the translated file has no place for yet. */
  skipped: string[];
}

/**
 * Reads an XLIFF or PO file and writes its translations into brochure/<lang>/: each changed text in place of
 * the old one, and reviewed.json for the units whose target changed or that the file marks final. Refuses the
 * whole file (writing nothing) when a unit is unknown, from another version of the source, or lost placeholders.
 */
export async function importFile(paths: ProjectPaths, config: ResolvedBrochureConfig, file: string, date: Date, shown = file): Promise<ImportSummary> {
  const text = await readFile(file, 'utf8').catch((cause: unknown) => {
    throw new BrochureError('translate', `Cannot read \`${shown}\`.`, { cause, hint: 'Check the name of the file and the folder it is in (the name is taken from the folder the command runs in).' });
  });
  if (text.length > MAX_EXCHANGE_BYTES) throw new BrochureError('translate', `Cannot import \`${shown}\`: it is larger than ${MAX_EXCHANGE_BYTES / 1024 / 1024} MB.`);
  let imported: ImportedFile;
  try {
    imported = /^\s*(<\?xml|<xliff)/.test(text) ? readXliff(text) : readPo(text);
  } catch (cause) {
    throw new BrochureError('translate', `Cannot import \`${shown}\`: ${(cause as Error).message.replace(/\.+$/, '')}.`, { hint: 'Import the XLIFF (.xlf) or PO (.po) file that `npm run translate -- export` wrote, as the translation tool saved it.' });
  }
  const lang = imported.targetLanguage ?? '';
  if (!lang) throw new BrochureError('translate', `Cannot import \`${shown}\`: it does not say which language it is in (no target-language in XLIFF, no Language header in PO).`, { hint: 'Import a file written by `npm run translate -- export LANG`, as the translation tool saved it.' });
  const { source, language } = await readPair(paths, config, lang);
  const plan = planImport(imported, exchangeUnits(source, language), language);
  if (plan.problems.length > 0) {
    throw new BrochureError('translate', `Cannot import \`${shown}\`; nothing was written:\n${plan.problems.map((problem) => `  ${problem}`).join('\n')}`, {
      hint: 'Ask the translator to keep every placeholder (the tags such as <g1>…</g1> and <x2/>) or export the file again from the current source.',
    });
  }
  for (const [target, value] of plan.writes) await writeFileAtomic(target.path, value);
  const day = date.toISOString().slice(0, 10);
  const record = language.reviewed;
  const recorded = reviewedText(record);
  let reviewed = 0;
  for (const [state, units] of plan.reviewed) {
    const effective = [...units].filter((unit) => unit.state !== 'current' || !state.record);
    const written = state.file ? plan.writes.get(state.file) : undefined;
    if (effective.length > 0) {
      record.files[state.name] = markUnits(state, new Set(effective), day, written);
      reviewed += effective.length;
    } else if (written !== undefined && state.record) {
      record.files[state.name] = { ...state.record, translation: markUnits(state, new Set(), day, written).translation! };
    }
  }
  // Nothing reviewed and nothing written: reviewed.json stays as it was, byte for byte.
  if (reviewedText(record) !== recorded) await writeReviewed(language.folder, record);
  const after = exchangeUnits(source, await readPair(paths, config, lang).then((pair) => pair.language));
  return {
    lang,
    files: [...plan.writes.keys()].map((target) => path.relative(paths.root, target.path)),
    changed: plan.changed,
    reviewed,
    stillToReview: after.filter((unit) => unit.status !== 'final').length,
    skipped: plan.skipped,
  };
}
