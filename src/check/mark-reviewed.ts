import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { ProjectPaths } from '../config/load-config.js';
import { readLanguage } from '../content/read-language.js';
import { writeReviewed } from '../content/reviewed.js';
import { BrochureError } from '../errors.js';
import { parseLanguage } from '../markdown/parse-language.js';
import { fingerprint, reviewedNow, reviewState } from '../translate/review-state.js';

/**
 * Records that the translation of `target` (`mk` for all its files, or one file such as
 * `mk/02-circular-economy.md` or `mk/strings.json`) has been reviewed against the current source: the source's
 * texts are kept in reviewed.json, so that a later change can be shown word by word. A file whose source
 * changed since its last review while the translation did not is refused unless `force`: that is usually a
 * translation not updated yet. Returns the files marked.
 */
export async function markReviewed(paths: ProjectPaths, config: ResolvedBrochureConfig, target: string, date: Date, options: { force?: boolean } = {}): Promise<string[]> {
  const [lang, only] = target.split(/\/(.*)/s, 2) as [string, string | undefined];
  if (!config.languages.includes(lang) || lang === config.sourceLanguage) {
    throw new BrochureError('usage', `Cannot mark \`${target}\` as reviewed: \`${lang}\` is not a translated language of brochure/brochure.yaml (${config.languages.filter((code) => code !== config.sourceLanguage).join(', ')}).`);
  }
  const read = (code: string) => readLanguage(paths.content, code, paths.root, config.sourceLanguage).then(parseLanguage);
  const [source, language] = await Promise.all([read(config.sourceLanguage), read(lang)]);
  const states = reviewState(source, language).filter((state) => state.file && (!only || state.name === only));
  if (only && states.length === 0) {
    throw new BrochureError('usage', `Cannot mark \`${target}\` as reviewed: there is no file \`${only}\` in both brochure/${config.sourceLanguage}/ and brochure/${lang}/.`);
  }
  const unchanged = states.filter((state) => !options.force && state.record?.translation === fingerprint(state.file!) && state.units.some((unit) => unit.state !== 'current'));
  if (unchanged.length > 0) {
    const names = unchanged.map((state) => `${lang}/${state.name}`);
    throw new BrochureError('review', `Cannot mark ${names.join(', ')} as reviewed: the source changed since the last review, but the translation did not change.`, {
      hint: `Update the translation first (\`npm run check -- --lang ${lang}\` shows what changed in the source). If it really needs no change, run the same command with --force.`,
    });
  }
  const record = language.reviewed;
  const day = date.toISOString().slice(0, 10);
  for (const state of states) record.files[state.name] = reviewedNow(state, day);
  record.sourceLanguage = config.sourceLanguage;
  await writeReviewed(language.folder, record);
  return states.map((state) => state.name);
}
