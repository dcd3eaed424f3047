import path from 'node:path';
import { EXIT } from '../../errors.js';
import { countMessages, formatMessages } from '../../report/format-messages.js';
import { formatPreflight } from '../../report/format-preflight.js';
import { COMMON_HELP, type Command } from '../command.js';

const HELP = `Usage: npm run assemble -- [options] PART...

Puts together the parts that builds of one language each wrote on separate machines (a CI matrix:
\`npm run build:brochure -- --lang mk --out parts/mk\` per language) into one dist/, as one build of every
language would have: each language's files as built, dist/manifest.json, translation-status.json, the
download page. Every file of a part is checked against the part's manifest.json; the parts must hold every
language of brochure/brochure.yaml once, come from the same commit with the same settings, and match this
checkout; the checks across languages (the same page count) and each language's preflight run here.
Then \`npm run release\` works on dist/ as after a build.

Options:
  --out DIR      write into DIR instead of dist/ (an empty folder or an earlier build's output)
  --quiet        show errors only, not warnings
${COMMON_HELP}

Exit status: 0 assembled; 1 a part is damaged or does not belong with the others (the message names it),
or a preflight has errors; 2 wrong options or invalid brochure/brochure.yaml.
`;

/** `npm run assemble`: parts built per language into one output. */
export const assembleCommand: Command = {
  name: 'assemble',
  help: HELP,
  positionals: true,
  options: {
    out: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run(values, positionals, context) {
    const { cwd, stdout, stderr } = context;
    const started = performance.now();
    const { assemble } = await import('../../build/assemble.js');
    const result = await assemble({ root: cwd, env: context.env, parts: positionals, outDir: values.out as string | undefined });
    const report = formatMessages([result.configFile, ...result.languages.map((language) => language.document)], { cwd, quiet: values.quiet === true });
    if (report) stderr.write(`${report}\n`);
    if (countMessages([result.configFile]).errors > 0) return EXIT.usage;
    for (const language of result.languages) {
      const failed = countMessages([language.document]).errors > 0;
      const detail = [language.pages !== undefined ? `${language.pages} pages` : 'no PDF', `from ${language.part}`, language.draft ? 'DRAFT (incomplete translation)' : ''];
      stdout.write(`${failed ? 'FAIL' : 'ok  '} ${language.lang.padEnd(5)} ${detail.filter(Boolean).join('  ')}\n`);
    }
    for (const language of result.languages) if (language.preflight.length > 0) stdout.write(`${formatPreflight(language.lang, language.preflight)}\n`);
    for (const note of result.notes) stdout.write(`note: ${note}\n`);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const shownOut = `${path.relative(cwd, result.outDir) || '.'}/`;
    if (!result.ok) {
      stdout.write(`Assembly failed in ${seconds} s; ${shownOut} was left as it was.\n`);
      return EXIT.failed;
    }
    stdout.write(`Assembled ${result.languages.length} language(s) from ${positionals.length} part(s) in ${seconds} s into ${shownOut}\n`);
    return EXIT.ok;
  },
};
