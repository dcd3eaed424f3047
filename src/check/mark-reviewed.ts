import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { ProjectPaths } from '../config/load-config.js';
import { readLanguage } from '../content/read-language.js';
import { writeReviewed } from '../content/reviewed.js';
import { BrochureError } from '../errors.js';
import { parseLanguage } from '../markdown/parse-language.js';
import { sectionBlocks } from './blocks.js';

/**
 * Records that the translation of `target` (`mk` for all its sections, or `mk/02-circular-economy.md`) has
 * been reviewed against the current source: its sections stop being reported stale until the source changes.
 * Returns the section files marked.
 */
export async function markReviewed(paths: ProjectPaths, config: ResolvedBrochureConfig, target: string, date: Date): Promise<string[]> {
  const [lang, only] = target.split('/', 2) as [string, string | undefined];
  if (!config.languages.includes(lang) || lang === config.sourceLanguage) {
    throw new BrochureError('usage', `Cannot mark \`${target}\` as reviewed: \`${lang}\` is not a translated language of brochure/brochure.yaml (${config.languages.filter((code) => code !== config.sourceLanguage).join(', ')}).`);
  }
  const read = (code: string) => readLanguage(paths.content, code, paths.root, config.sourceLanguage).then(parseLanguage);
  const [source, language] = await Promise.all([read(config.sourceLanguage), read(lang)]);
  const names = [...language.parsed.keys()].filter((name) => source.parsed.has(name) && (!only || name === only));
  if (only && names.length === 0) {
    throw new BrochureError('usage', `Cannot mark \`${target}\` as reviewed: there is no section \`${only}\` in both brochure/${config.sourceLanguage}/ and brochure/${lang}/.`);
  }
  const record = language.reviewed;
  const day = date.toISOString().slice(0, 10);
  for (const name of names) {
    const { tree, file } = source.parsed.get(name)!;
    record.sections[name] = { blocks: sectionBlocks(tree, file).map((block) => block.hash), reviewed: day };
  }
  record.sourceLanguage = config.sourceLanguage;
  await writeReviewed(language.folder, record);
  return names;
}
