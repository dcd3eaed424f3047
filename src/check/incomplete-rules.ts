/** Rule ids that mean "not finished yet" rather than "broken": `--allow-incomplete` builds anyway, marked draft. */
export const INCOMPLETE_RULES = new Set(['missing-section', 'structure', 'stale', 'untranslated', 'missing-string', 'plural-forms']);

/** Where a language stands, for the status table and dist/translation-status.json. */
export interface TranslationStatus {
  lang: string;
  source: boolean;
  sections: { total: number; current: number; stale: number; missing: number; untranslated: number };
  stringsMissing: number;
  complete: boolean;
}
