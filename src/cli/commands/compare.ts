import path from 'node:path';
import { BrochureError, EXIT } from '../../errors.js';
import { createProgress } from '../../report/progress.js';
import { COMMON_HELP, languageList, type Command } from '../command.js';

const HELP = `Usage: npm run compare -- OLD [options]

Shows what changed between an earlier edition (OLD) and the last build in dist/: for each language,
dist/compare/<lang>.html with every changed page before and after, side by side, the changed areas
marked, and every changed text word by word with its Markdown file and line. Pages that only moved (a
page added earlier) are not shown, nor are page numbers that changed.

OLD is one of:
  a release zip        dist/release/circular-economy-all-languages.zip, or one language's zip
  a folder of a build  an earlier dist/ or a copy of one
  a git tag or commit  v1.0: its brochure/, templates/ and assets/ are built with the current tool
                       into a temporary folder first

Options:
  --lang LIST    compare only these languages, comma-separated
  --out DIR      the build to compare is in DIR instead of dist/ (the report is written there too)
${COMMON_HELP}

Exit status: 0 compared (whatever changed); 1 OLD cannot be opened or built, or there is no build in
dist/; 2 wrong options.
`;

/** `npm run compare -- OLD`. */
export const compareCommand: Command = {
  name: 'compare',
  help: HELP,
  positionals: true,
  options: {
    lang: { type: 'string' },
    out: { type: 'string' },
  },
  async run(values, positionals, context) {
    const [old, ...extra] = positionals;
    if (!old || extra.length > 0) throw new BrochureError('usage', `Expected one earlier edition to compare with, ${old ? `not ${positionals.length}` : 'none given'}: npm run compare -- OLD.`);
    const progress = createProgress(context.stderr as NodeJS.WriteStream, context.env);
    const { compareEditions } = await import('../../build/compare-editions.js');
    const result = await compareEditions({
      root: context.cwd,
      old,
      outDir: values.out as string | undefined,
      languages: languageList(values.lang),
      env: context.env,
      onProgress: (lang, stage) => progress.update(lang, stage),
    }).finally(() => progress.done());
    const { summarise } = await import('../../compare/compare-report.js');
    for (const language of result.languages) {
      const file = path.relative(context.cwd, path.join(result.outDir, language.file));
      context.stdout.write(`${language.lang.padEnd(5)} ${summarise(language)}  ${file}\n`);
    }
    return EXIT.ok;
  },
};
