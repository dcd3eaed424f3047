import type { ResolvedBrochureConfig } from '../config/schema.js';
import type { ParsedLanguage } from './parse-language.js';
import type { ReviewedRecord } from './reviewed.js';
import type { TemplateKey } from '../templates/template-keys.js';

/** What a rule gets: the source and one translation (or the source itself, for rules of every language). */
export interface CheckContext {
  config: ResolvedBrochureConfig;
  source: ParsedLanguage;
  language: ParsedLanguage;
  reviewed: ReviewedRecord;
  templateKeys: TemplateKey[];
  /** Code points the bundled fonts can set. */
  coverage: Set<number>;
  /** Extra text the language prints (UI strings, figure labels), with the file it comes from. */
  figures: Array<{ file: import('vfile').VFile; text: string }>;
  /** brochure.yaml, for the rules of the brochure as a whole (run with the source language); absent in some callers. */
  configFile?: import('vfile').VFile;
}

/** A rule reports on the files of the context; its id is the ruleId of its messages. */
export type Rule = (context: CheckContext) => void;
