import { reportWarning } from '../report/messages.js';
import type { LanguageResult } from './types.js';

/**
 * Every language should have the source's page count, so that the editions can be printed and bound alike and
 * page references agree; a difference is a warning on the language's index.md. Run over every language of a
 * build, cached ones included (the cache does not keep this message, which depends on the other languages).
 */
export function checkPageCounts(results: LanguageResult[], sourceLanguage: string): void {
  const withPages = results.filter((result) => result.pdfs.print);
  const source = withPages.find((result) => result.lang === sourceLanguage) ?? withPages[0];
  if (!source) return;
  for (const result of withPages) {
    const pages = result.pdfs.print!.pages;
    if (pages === source.pdfs.print!.pages) continue;
    reportWarning(result.document, `Unexpected page count ${pages} in \`${result.lang}\`, expected ${source.pdfs.print!.pages} as in \`${source.lang}\``, {
      ruleId: 'page-count',
      hint: 'A section of this language runs onto an extra page: shorten its text a little, or look at the pages where the sections start.',
    });
  }
}
