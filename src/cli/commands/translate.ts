import path from 'node:path';
import { buildDate } from '../../build/build.js';
import { loadConfig, projectPaths } from '../../config/load-config.js';
import { BrochureError, EXIT } from '../../errors.js';
import { formatMessages } from '../../report/format-messages.js';
import { COMMON_HELP, type Command } from '../command.js';

const HELP = `Usage: npm run translate -- export LANG [options]
       npm run translate -- import FILE
       npm run translate -- brief LANG [--out FILE]

Exchanges a translation with translation tools and agencies.

  export LANG    writes every text of brochure/LANG/ with the English beside it, as XLIFF 1.2 (Trados,
                 memoQ, Phrase, OmegaT) or PO (Weblate, Poedit): one unit per heading, paragraph, list item,
                 table cell, box title, alt text, caption, figure text and UI string. Bold, links, code and
                 no-break spaces are tags the translator keeps. Texts whose English changed since the last
                 review are marked "needs review" (fuzzy in PO), with the earlier English.
  import FILE    writes the translations of FILE back into brochure/LANG/ (the Markdown files, strings.json,
                 index.md and the SVG figures), changing nothing else, and records as reviewed the texts that
                 were changed or that the file marks final. A file whose tags were broken is refused whole.
  brief LANG     writes the translator's brief: every English text that changed or is new since the last
                 review, old -> new, beside the current translation, with word counts, as one HTML file.

Options:
  --format xliff|po   export format (default xliff)
  --changed           export only the texts that need translating or reviewing
  --out FILE          where to write (default: <slug>-LANG.xlf, .po or -brief.html in the current folder)
${COMMON_HELP}

Exit status: 0 done; 1 the file cannot be imported (nothing was written); 2 wrong options.
`;

/** `npm run translate`: XLIFF and PO export and import, and the translator's brief. */
export const translateCommand: Command = {
  name: 'translate',
  help: HELP,
  options: { format: { type: 'string' }, changed: { type: 'boolean' }, out: { type: 'string' } },
  positionals: true,
  async run(values, positionals, context) {
    const { cwd, stdout, stderr } = context;
    const [action, argument, ...rest] = positionals;
    if (!action || !['export', 'import', 'brief'].includes(action) || !argument || rest.length > 0) {
      throw new BrochureError('usage', 'Expected `export LANG`, `import FILE` or `brief LANG`, such as `npm run translate -- export mk`.');
    }
    const format = values.format ?? 'xliff';
    if (format !== 'xliff' && format !== 'po') throw new BrochureError('usage', `Unexpected --format \`${String(format)}\`, expected xliff or po.`);
    const paths = projectPaths(cwd);
    const { file, config } = await loadConfig(paths);
    if (!config) {
      stderr.write(`${formatMessages([file], { cwd })}\n`);
      return EXIT.usage;
    }
    const exchange = await import('../../translate/exchange.js');
    if (action === 'export') {
      const out = path.resolve(cwd, typeof values.out === 'string' ? values.out : `${config.slug}-${argument}.${format === 'po' ? 'po' : 'xlf'}`);
      const units = await exchange.exportLanguage(paths, config, argument, { format, changed: values.changed === true, out });
      const review = units.filter((unit) => unit.status === 'needs-review-translation');
      const missing = units.filter((unit) => unit.status === 'needs-translation');
      const words = (list: typeof units) => list.reduce((sum, unit) => sum + unit.words, 0);
      stdout.write(
        `Wrote ${path.relative(cwd, out) || out}: ${units.length} texts, ${words(units)} source words; ` +
          `${review.length} to review (${words(review)} words), ${missing.length} not translated (${words(missing)} words).\n` +
          `Send it to the translator; bring the translated file back with \`npm run translate -- import ${path.relative(cwd, out) || out}\`.\n`,
      );
      return EXIT.ok;
    }
    if (action === 'brief') {
      const { writeBrief } = await import('../../translate/brief.js');
      const out = path.resolve(cwd, typeof values.out === 'string' ? values.out : `${config.slug}-${argument}-brief.html`);
      const summary = await writeBrief(paths, config, argument, out);
      stdout.write(`Wrote ${path.relative(cwd, out) || out}: ${summary.texts} texts to translate or review, ${summary.words} source words of ${summary.total}. Open it in a browser or attach it to an e-mail.\n`);
      return EXIT.ok;
    }
    const summary = await exchange.importFile(paths, config, path.resolve(cwd, argument), buildDate(context.env), argument);
    stdout.write(
      `Imported ${argument} into brochure/${summary.lang}/: ${summary.changed} texts changed` +
        `${summary.files.length > 0 ? ` in ${summary.files.join(', ')}` : ''}; ${summary.reviewed} marked reviewed; ${summary.stillToReview} still to translate or review.\n` +
        (summary.skipped.length > 0 ? `Not written, ${summary.skipped.length} text${summary.skipped.length === 1 ? '' : 's'} new in the source:\n${summary.skipped.map((line) => `  ${line}`).join('\n')}\n` : '') +
        `Check the result with \`npm run check -- --lang ${summary.lang}\`.\n`,
    );
    return EXIT.ok;
  },
};
