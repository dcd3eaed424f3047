import path from 'node:path';
import { loadConfig, projectPaths } from '../../config/load-config.js';
import { EXIT } from '../../errors.js';
import { formatMessages } from '../../report/format-messages.js';
import { COMMON_HELP, type Command } from '../command.js';

const HELP = `Usage: npm run release -- [options]

Packs the last build for partners into dist/release/: a zip per language (its PDFs and web page), one with
every language, and SHA256SUMS, and writes the download page dist/index.html again with links to the zips. Every file is checked against dist/manifest.json first. Languages built as
drafts (--allow-incomplete) are refused unless --allow-draft is given.

Options:
  --out DIR        release the build in DIR instead of dist/
  --allow-draft    pack draft languages too, on purpose
${COMMON_HELP}

Exit status: 0 packed; 1 nothing to release, a file changed since the build, or a draft; 2 wrong options.
`;

/** `npm run release`: zips and SHA256SUMS from the last build in dist/ (or --out). */
export const releaseCommand: Command = {
  name: 'release',
  help: HELP,
  options: {
    out: { type: 'string' },
    'allow-draft': { type: 'boolean' },
  },
  async run(values, _positionals, context) {
    const { cwd, stdout, stderr } = context;
    const { file, config } = await loadConfig(projectPaths(cwd));
    if (!config) {
      stderr.write(`${formatMessages([file], { cwd })}\n`);
      return EXIT.usage;
    }
    const outDir = path.resolve(cwd, typeof values.out === 'string' ? values.out : 'dist');
    const { makeRelease } = await import('../../publish/release.js');
    const written = await makeRelease(outDir, config.slug, { allowDraft: values['allow-draft'] === true, languages: config.languages, page: { paths: projectPaths(cwd), config } });
    stdout.write(`Release in ${path.relative(cwd, path.join(outDir, 'release')) || '.'}/: ${written.join(', ')}\n`);
    return EXIT.ok;
  },
};
