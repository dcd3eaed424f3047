import { build, buildDate } from '../../build/build.js';
import { formatStatus } from '../../check/format-status.js';
import { loadConfig, projectPaths } from '../../config/load-config.js';
import { BrochureError, EXIT } from '../../errors.js';
import { countMessages, formatMessages, messagesAsJson } from '../../report/format-messages.js';
import { COMMON_HELP, languageList, type Command } from '../command.js';

const HELP = `Usage: npm run check -- [options]

Checks the brochure in every language without printing: the Markdown (images, links, front matter, raw HTML),
the translations against the English source (missing or extra sections, structure, stale sections, untranslated
text), the UI strings (missing, unused, plural forms), characters the fonts cannot print, and typography.
Each problem is shown as file:line:column severity message rule, with a hint; then a table of the translations.

Options:
  --lang LIST              check only these languages (the status table always shows all)
  --format json            print the messages and the status as JSON (for CI)
  --mark-reviewed TARGET   record that a translation matches the current source, after reviewing it:
                           TARGET is a language (mk) or one section (mk/02-circular-economy.md)
  --strict                 placeholder logos are errors (the typographic preflight needs the PDFs: build --strict)
  --force                  with --mark-reviewed: mark a file even though the source changed and the
                           translation did not (normally a translation not updated yet)
  --verbose                show every message (by default a file's many messages of one rule are summed up)
  --quiet                  show errors only
${COMMON_HELP}

Exit status: 0 no errors (warnings allowed); 1 errors; 2 wrong options or invalid brochure/brochure.yaml.
`;

/** Messages of one rule shown in full per file before the rest are counted. */
const SUMMARY_AFTER = 3;

/** `npm run check`: the build's checks without printing, then the translation table. */
export const checkCommand: Command = {
  name: 'check',
  help: HELP,
  options: {
    lang: { type: 'string' },
    format: { type: 'string' },
    'mark-reviewed': { type: 'string' },
    strict: { type: 'boolean' },
    force: { type: 'boolean' },
    verbose: { type: 'boolean' },
    quiet: { type: 'boolean' },
  },
  async run(values, _positionals, context) {
    const { stdout, stderr, cwd } = context;
    if (values.format !== undefined && values.format !== 'json' && values.format !== 'text') {
      throw new BrochureError('usage', `Unexpected --format \`${String(values.format)}\`, expected json or text.`);
    }
    const target = values['mark-reviewed'];
    if (typeof target === 'string') {
      const paths = projectPaths(cwd);
      const { file, config } = await loadConfig(paths);
      if (!config) {
        stderr.write(`${formatMessages([file], { cwd })}\n`);
        return EXIT.usage;
      }
      const { markReviewed } = await import('../../check/mark-reviewed.js');
      const marked = await markReviewed(paths, config, target, buildDate(context.env), { force: values.force === true });
      stdout.write(`Marked as reviewed against the current source: ${marked.map((name) => `${target.split('/')[0]}/${name}`).join(', ')}\n`);
    }
    const result = await build({ root: cwd, env: context.env, languages: languageList(values.lang), print: false, write: false, strict: values.strict === true });
    const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
    const counts = countMessages(files);
    if (values.format === 'json') {
      stdout.write(`${JSON.stringify({ ok: counts.errors === 0, messages: messagesAsJson(files, cwd), translations: result.translations }, null, 2)}\n`);
    } else {
      // A file's many messages of one rule (a new language) are summed up after the first few, unless --verbose.
      const report = formatMessages(files, { cwd, quiet: values.quiet === true, summarize: values.verbose === true ? undefined : SUMMARY_AFTER });
      if (report) stdout.write(`${report}\n\n`);
      if (result.translations.length > 0) stdout.write(`${formatStatus(result.translations)}\n\n`);
      stdout.write(`${counts.errors} error(s), ${counts.warnings} warning(s)\n`);
    }
    if (countMessages([result.configFile]).errors > 0) return EXIT.usage;
    return counts.errors > 0 ? EXIT.failed : EXIT.ok;
  },
};
