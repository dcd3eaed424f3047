import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRealProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';
import { sharedBuild } from '../helpers/shared-builds.js';

describe('spelling', () => {
  it('the shipped brochure has no unknown word in any language (names and terms are in each words.txt)', async () => {
    expect((await sharedBuild('realBuild')).messages).not.toMatch(/ {2}spelling$/m);
  });

  describe('in a copy of the real brochure', () => {
    const project = projectPerTest(() => makeRealProject());

    it('a misspelt word is a warning at its line and column, with suggestions, in every language; words.txt accepts it', async () => {
      const typos: Record<string, [string, string]> = { en: ['business', 'busines'], mk: ['модели', 'моедли'], sq: ['prodhues', 'prodheus'], bs: ['modeli', 'moedli'] };
      const places: Record<string, { line: number; column: number }> = {};
      for (const [lang, [word, typo]] of Object.entries(typos)) {
        const file = path.join(project.root, 'brochure', lang, '03-business-models.md');
        const lines = (await readFile(file, 'utf8')).split('\n');
        const line = lines.findIndex((row, index) => index > 1 && !row.startsWith('#') && row.includes(` ${word} `));
        expect(line, `${lang} has “${word}”`).toBeGreaterThan(0);
        places[lang] = { line: line + 1, column: lines[line]!.indexOf(` ${word} `) + 2 };
        lines[line] = lines[line]!.replace(` ${word} `, ` ${typo} `);
        await writeFile(file, lines.join('\n'));
      }
      // A word longer than any in a dictionary gets no suggestions (Hunspell would take seconds over it).
      const long = 'refuse-reduce-reuse-repair-refurbish-remanufacture-repurpose-recycle-recovre';
      const en = path.join(project.root, 'brochure', 'en', '03-business-models.md');
      const longLine = (await readFile(en, 'utf8')).split('\n').length + 1;
      await appendFile(en, `\nThe whole ladder: ${long}.\n`);
      const outcome = await runCli(['check', '--verbose'], { cwd: project.root });
      expect(outcome.stdout).toContain(`brochure/en/03-business-models.md:${longLine}:19 warning Unknown word \`${long}\`  spelling\n`);
      for (const [lang, [word, typo]] of Object.entries(typos)) {
        const { line, column } = places[lang]!;
        const message = new RegExp(`^brochure/${lang}/03-business-models\\.md:${line}:${column} warning Unknown word \`${typo}\`; did you mean [^\\n]*\`${word}\`[^\\n]*\\? {2}spelling\\n  hint: If it is spelt right \\(a name, a term\\), add it on a line of its own to brochure/${lang}/words\\.txt\\.$`, 'm');
        expect(outcome.stdout).toMatch(message);
      }
      expect(outcome.stdout.match(/ {2}spelling$/gm)).toHaveLength(5);
      await appendFile(path.join(project.root, 'brochure', 'sq', 'words.txt'), 'prodheus\n');
      const after = await runCli(['check', '--lang', 'sq'], { cwd: project.root });
      expect(after.stdout).not.toContain('Unknown word `prodheus`');
    });

    it('a language without a dictionary says so once', async () => {
      expect((await runCli(['new-language', 'kw'], { cwd: project.root })).code).toBe(0);
      const outcome = await runCli(['check', '--lang', 'kw'], { cwd: project.root });
      const lines = outcome.stdout.split('\n').filter((line) => line.includes('spelling'));
      expect(lines).toEqual(['brochure/kw warning Cannot check the spelling of `kw`: there is no dictionary for it on this computer  spelling']);
    });
  });
});
