import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { ParsedLanguage } from '../markdown/parse-language.js';
import type { TemplateKey } from '../templates/template-keys.js';
import type { Spelling } from './dictionaries.js';

/** What a rule gets: the source and one translation (or the source itself, for rules of every language). */
export interface CheckContext {
  config: ResolvedBrochureConfig;
  source: ParsedLanguage;
  language: ParsedLanguage;
  templateKeys: TemplateKey[];
  /** Code points the bundled fonts can set. */
  coverage: Set<number>;
  /** brochure.yaml, for the rules of the brochure as a whole (run with the source language); absent in some callers. */
  configFile?: import('vfile').VFile;
  /** Each language's spelling dictionaries and word list, or why it has none; only languages being built are spell-checked. */
  spelling: ReadonlyMap<string, Spelling>;
}

/** A rule reports on the files of the context; its id is the ruleId of its messages. */
export type Rule = (context: CheckContext) => void;
