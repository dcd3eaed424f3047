import path from 'node:path';
import type { VFile } from 'vfile';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { filesOf } from '../content/read-language.js';
import type { ParsedLanguage } from '../markdown/parse-language.js';
import type { TemplateKey } from '../templates/template-keys.js';
import type { Rule } from './context.js';
import { INCOMPLETE_RULES, type TranslationStatus } from './incomplete-rules.js';
import { missingSections, structure } from './rules/structure.js';
import { styling } from './rules/styling.js';
import { staleness } from './rules/staleness.js';
import { untranslated } from './rules/untranslated.js';
import { strings } from './rules/strings.js';
import { glyphs } from './rules/glyphs.js';
import { typography } from './rules/typography.js';
import { placeholderLogos } from './rules/placeholder-logos.js';
import { language as wrongLanguage } from './rules/language.js';
import { spelling } from './rules/spelling.js';
import type { Spelling } from './dictionaries.js';
import { wordCounts } from '../translate/word-counts.js';

export { INCOMPLETE_RULES, type TranslationStatus };

/** The rules, in the order their messages are most useful. */
export const RULES: Rule[] = [missingSections, structure, styling, staleness, untranslated, wrongLanguage, strings, glyphs, typography, spelling, placeholderLogos];

/** What the rules need besides the languages: read once per build. */
export interface CheckInputs {
  templateKeys: TemplateKey[];
  /** Code points the bundled fonts can set. */
  coverage: Set<number>;
  /** brochure.yaml, for the rules of the brochure as a whole (placeholder logos). */
  configFile?: VFile;
  /** Each language's spelling dictionaries and word list, or why it has none. */
  spelling: ReadonlyMap<string, Spelling>;
}

/**
 * Runs the rules (of the languages in `only`, when given; the source must be in `languages` all the same) that compare languages and read the fonts (structure parity, styling, staleness, untranslated text, UI
 * strings, glyph coverage, typography) over languages already read and parsed; the messages go on their files.
 * The Markdown's own problems (images, links, front matter) are found when the build transforms the sections.
 * Returns each language's status.
 */
export function checkTranslations(config: ResolvedBrochureConfig, languages: ReadonlyMap<string, ParsedLanguage>, inputs: CheckInputs, only?: readonly string[]): TranslationStatus[] {
  const source = languages.get(config.sourceLanguage)!;
  const checked = [...languages.values()].filter((language) => !only || only.includes(language.lang));
  // The rules of the brochure as a whole run with the source, which may itself not need checking this time.
  if (!checked.includes(source)) placeholderLogos({ config, source, language: source, ...inputs });
  return checked.map((language) => {
    for (const rule of RULES) rule({ config, source, language, ...inputs });
    return statusOf(language, source);
  });
}

function statusOf(language: ParsedLanguage, source: ParsedLanguage): TranslationStatus {
  const rulesOf = (file: VFile) => new Set(file.messages.filter((message) => message.fatal === true).map((message) => message.ruleId));
  const sectionFiles = [...language.parsed.values()].map((section) => section.file);
  const incompleteFile = (file: VFile) => [...rulesOf(file)].some((rule) => INCOMPLETE_RULES.has(rule ?? ''));
  return {
    lang: language.lang,
    source: language.lang === source.lang,
    sections: {
      total: source.parsed.size,
      current: sectionFiles.filter((file) => source.parsed.has(path.basename(file.path)) && !incompleteFile(file)).length,
      stale: sectionFiles.filter((file) => rulesOf(file).has('stale')).length,
      missing: [...source.parsed.keys()].filter((name) => !language.parsed.has(name)).length,
      untranslated: sectionFiles.filter((file) => rulesOf(file).has('untranslated')).length,
    },
    stringsMissing: language.strings.messages.filter((message) => message.ruleId === 'missing-string').length,
    words: wordCounts(source, language),
    complete: language.exists && !filesOf(language).some(incompleteFile),
  };
}
