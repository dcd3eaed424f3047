import { loadConfig, projectPaths } from '../../config/load-config.js';
import { BrochureError, EXIT } from '../../errors.js';
import { formatMessages } from '../../report/format-messages.js';
import { COMMON_HELP, type Command } from '../command.js';

const HELP = `Usage: npm run new-language -- CODE

Starts a translation: copies the source language's folder to brochure/CODE/ with every UI string empty, and
adds CODE to brochure/brochure.yaml. CODE is a BCP 47 language code, such as hr or sr-Latn.

Options:
${COMMON_HELP}
`;

/** `npm run new-language -- hr`: scaffolds a translation and says what to do next. */
export const newLanguageCommand: Command = {
  name: 'new-language',
  help: HELP,
  options: {},
  positionals: true,
  async run(_values, codes, context) {
    const { cwd, stdout, stderr } = context;
    if (codes.length !== 1) throw new BrochureError('usage', 'Expected one language code, such as `npm run new-language -- hr`.');
    const code = codes[0]!;
    const paths = projectPaths(cwd);
    const { file, config } = await loadConfig(paths);
    if (!config) {
      stderr.write(`${formatMessages([file], { cwd })}\n`);
      return EXIT.usage;
    }
    if (config.languages.includes(code)) throw new BrochureError('new-language', `\`${code}\` is already a language of brochure/brochure.yaml.`);
    const { newLanguage } = await import('../../content/new-language.js');
    const created = await newLanguage(paths, code, config.sourceLanguage);
    stdout.write(
      [
        `Created brochure/${code}/ from brochure/${config.sourceLanguage}/ (${created.length} files) and added \`${code}\` to brochure/brochure.yaml.`,
        `Next: translate the sections and fill in every empty value of brochure/${code}/strings.json;`,
        `\`npm run check -- --lang ${code}\` lists what is left. When the translation is reviewed:`,
        `\`npm run check -- --mark-reviewed ${code}\`.`,
      ].join('\n') + '\n',
    );
    return EXIT.ok;
  },
};
