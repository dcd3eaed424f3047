/** Rule ids that mean "not finished yet" rather than "broken": `--allow-incomplete` builds anyway, marked draft. */
export const INCOMPLETE_RULES = new Set(['missing-section', 'structure', 'stale', 'untranslated', 'missing-string', 'plural-forms']);

/** Where a language stands, for the status table and dist/translation-status.json. */
export interface TranslationStatus {
  lang: string;
  source: boolean;
  sections: { total: number; current: number; stale: number; missing: number; untranslated: number };
  stringsMissing: number;
  /**
   * Words of the source, as translation agencies count them: `changed` are those of the texts that are new or
   * changed since the translation was last reviewed (all of them for a translation never reviewed), `total` all.
   */
  words: { changed: number; total: number };
  complete: boolean;
}
