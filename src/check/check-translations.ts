import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { ProjectPaths } from '../config/load-config.js';
import { templateKeys } from '../templates/template-keys.js';
import { fontCoverage } from '../templates/font-coverage.js';
import { parseLanguage, type ParsedLanguage } from './parse-language.js';
import { readReviewed } from './reviewed.js';
import type { CheckContext, Rule } from './context.js';
import { INCOMPLETE_RULES, type TranslationStatus } from './incomplete-rules.js';

export { INCOMPLETE_RULES, type TranslationStatus };
import { missingSections, structure } from './rules/structure.js';
import { staleness } from './rules/staleness.js';
import { untranslated } from './rules/untranslated.js';
import { strings } from './rules/strings.js';
import { glyphs } from './rules/glyphs.js';
import { typography } from './rules/typography.js';
import { placeholderLogos } from './rules/placeholder-logos.js';

/** The rules, in the order their messages are most useful. */
export const RULES: Rule[] = [missingSections, structure, staleness, untranslated, strings, glyphs, typography, placeholderLogos];

/** The ids of the messages these rules make. */
const RULE_IDS = new Set(['missing-section', 'extra-section', 'structure', 'stale', 'untranslated', 'missing-string', 'unused-string', 'plural-forms', 'glyph', 'typography']);

/** The messages of the translation checks, on the files they concern, and each language's status. */
export interface TranslationCheck {
  files: VFile[];
  status: TranslationStatus[];
}

/**
 * Runs the rules that compare languages and read the fonts: structure parity, staleness, untranslated text,
 * UI strings, glyph coverage and typography. The Markdown's own problems (images, links, front matter) are
 * found by the build's Markdown stage. `parsed` may hold languages parsed already (the build shares them);
 * `configFile` (brochure.yaml) takes the messages of the rules of the whole brochure, such as placeholder logos.
 */
export async function checkTranslations(
  paths: ProjectPaths,
  config: ResolvedBrochureConfig,
  languages: string[],
  parsed = new Map<string, Promise<ParsedLanguage>>(),
  configFile?: VFile,
): Promise<TranslationCheck> {
  const organisations = { partners: config.partners.map((partner) => partner.id), funder: config.funder?.id };
  const parse = (lang: string) => parsed.get(lang) ?? parseLanguage(paths.content, lang, paths.root);
  const [source, keys, coverage] = await Promise.all([
    parse(config.sourceLanguage),
    templateKeys(paths.templates, paths.root, organisations),
    fontCoverage(),
  ]);
  const files: VFile[] = [];
  const status: TranslationStatus[] = [];
  for (const lang of languages) {
    const language = lang === source.lang ? source : await parse(lang);
    const context: CheckContext = {
      config,
      source,
      language,
      reviewed: await readReviewed(language.folder, config.sourceLanguage),
      templateKeys: keys,
      coverage,
      figures: await figureTexts(language),
      configFile,
    };
    for (const rule of RULES) rule(context);
    const languageFiles = [language.folderFile, language.stringsFile, ...[...language.sections.values()].map((section) => section.file), ...context.figures.map((figure) => figure.file)];
    // Problems of reading the files (encoding, size, syntax) are the build's to report: keep only the rules'.
    for (const file of languageFiles) file.messages = file.messages.filter((message) => RULE_IDS.has(message.ruleId ?? ''));
    files.push(...languageFiles);
    status.push(statusOf(language, source, languageFiles));
  }
  return { files, status };
}

function statusOf(language: ParsedLanguage, source: ParsedLanguage, files: VFile[]): TranslationStatus {
  const rulesOf = (file: VFile) => new Set(file.messages.filter((message) => message.fatal === true).map((message) => message.ruleId));
  const sectionFiles = [...language.sections.values()].map((section) => section.file);
  const stale = sectionFiles.filter((file) => rulesOf(file).has('stale')).length;
  const untranslatedCount = sectionFiles.filter((file) => rulesOf(file).has('untranslated')).length;
  const missing = [...source.sections.keys()].filter((name) => !language.sections.has(name)).length;
  const stringsMissing = language.stringsFile.messages.filter((message) => message.ruleId === 'missing-string').length;
  const incomplete = files.some((file) => file.messages.some((message) => message.fatal === true && INCOMPLETE_RULES.has(message.ruleId ?? '')));
  const total = source.sections.size;
  return {
    lang: language.lang,
    source: language.lang === source.lang,
    sections: {
      total,
      current: sectionFiles.filter((file) => source.sections.has(path.basename(file.path)) && ![...rulesOf(file)].some((rule) => INCOMPLETE_RULES.has(rule ?? ''))).length,
      stale,
      missing,
      untranslated: untranslatedCount,
    },
    stringsMissing,
    complete: !incomplete && language.folderExists,
  };
}

/** The text inside the language's figures (SVG <text>, <title>, <desc>), which prints in the bundled fonts too. */
async function figureTexts(language: ParsedLanguage): Promise<Array<{ file: VFile; text: string }>> {
  const folder = path.join(language.folder, 'figures');
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.svg'));
  return Promise.all(
    names.map(async (name) => {
      const value = await readFile(path.join(folder, name), 'utf8');
      // Keep line structure so positions stay right; markup becomes spaces.
      const text = value.replace(/<[^>]*>/g, (tag) => tag.replace(/[^\n]/g, ' ')).replace(/&[a-z]+;|&#\d+;/g, (entity) => ' '.repeat(entity.length));
      return { file: new VFile({ path: path.join(folder, name), cwd: path.dirname(path.dirname(language.folder)), value }), text };
    }),
  );
}
