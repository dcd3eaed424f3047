import type { VFile } from 'vfile';
import { reportWarning } from '../report/messages.js';

/** A language's print PDF by its page count, and the file a difference is reported on (its index.md). */
export interface PageCount {
  lang: string;
  /** Pages of the print PDF; undefined when the language has none. */
  pages: number | undefined;
  document: VFile;
}

/**
 * Every language should have the source's page count, so that the editions can be printed and bound alike and
 * page references agree; a difference is a warning on the language's index.md. Run over every language of a
 * build, cached ones included (the cache does not keep this message, which depends on the other languages),
 * and over every language of assembled parts (no part can run it alone).
 */
export function checkPageCounts(languages: PageCount[], sourceLanguage: string): void {
  const withPages = languages.filter((language) => language.pages !== undefined);
  const source = withPages.find((language) => language.lang === sourceLanguage) ?? withPages[0];
  if (!source) return;
  for (const language of withPages) {
    if (language.pages === source.pages) continue;
    reportWarning(language.document, `Unexpected page count ${language.pages} in \`${language.lang}\`, expected ${source.pages} as in \`${source.lang}\``, {
      ruleId: 'page-count',
      hint: 'A section of this language runs onto an extra page: shorten its text a little, or look at the pages where the sections start.',
    });
  }
}
