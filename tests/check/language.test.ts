import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRealProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';
import { sharedBuild } from '../helpers/shared-builds.js';

describe('text in the wrong language', () => {
  it('the shipped brochure gives no language warning in any language', async () => {
    const { messages } = await sharedBuild('realBuild');
    expect(messages).not.toMatch(/ {2}language$/m);
    expect(messages).not.toContain('Not translated');
  });

  describe('in a copy of the real brochure', () => {
    const project = projectPerTest(() => makeRealProject());

    /** The paragraph of brochure/<lang>/<file> that starts with `start`, and its line. */
    async function paragraph(lang: string, file: string, start: string): Promise<{ text: string; line: number }> {
      const lines = (await readFile(path.join(project.root, 'brochure', lang, file), 'utf8')).split('\n');
      const index = lines.findIndex((line) => line.startsWith(start));
      expect(index, `${lang}/${file} has a line starting with ${start}`).toBeGreaterThanOrEqual(0);
      return { text: lines[index]!, line: index + 1 };
    }

    it('an Albanian and an English paragraph pasted into the Bosnian file are named, at their lines', async () => {
      const albanian = await paragraph('sq', '04-benefits.md', 'Ekonomia qarkulluese nuk');
      const english = await paragraph('en', '04-benefits.md', 'The circular economy is not only');
      const target = path.join(project.root, 'brochure', 'bs', '04-benefits.md');
      const lines = (await readFile(target, 'utf8')).split('\n');
      const bosnian = await paragraph('bs', '04-benefits.md', lines[2]!.slice(0, 12));
      lines[bosnian.line - 1] = albanian.text;
      lines.push('', english.text, '');
      await writeFile(target, lines.join('\n'));
      const outcome = await runCli(['check', '--lang', 'bs'], { cwd: project.root });
      expect(outcome.stdout).toContain(
        `brochure/bs/04-benefits.md:${bosnian.line}:1 warning Unexpected language: this text looks like Albanian, not Bosnian  language\n` +
          "  hint: Translate it into Bosnian, or check that it was not pasted from another language's file.",
      );
      expect(outcome.stdout).toContain(`brochure/bs/04-benefits.md:${lines.length - 1}:1 warning Unexpected language: this text looks like English, not Bosnian  language`);
      // Bosnian itself is never taken for Croatian or Serbian: only those two warnings.
      expect(outcome.stdout.match(/ {2}language$/gm)).toHaveLength(2);
    });

    it('English left in the title of index.md and in an SVG figure is an error at its line', async () => {
      const index = path.join(project.root, 'brochure', 'sq', 'index.md');
      const text = await readFile(index, 'utf8');
      await writeFile(index, text.replace(/^title: .*$/m, 'title: "Circular economy: what it brings to your business"'));
      const figure = path.join(project.root, 'brochure', 'sq', 'figures', 'linear-vs-circular.svg');
      const svg = (await readFile(figure, 'utf8')).split('\n');
      const label = svg.findIndex((line) => line.includes('font-weight="700"') && line.includes('<text'));
      svg[label] = svg[label]!.replace(/>[^<]+<\/text>/, '>Linear economy</text>');
      await writeFile(figure, svg.join('\n'));
      const outcome = await runCli(['check', '--lang', 'sq'], { cwd: project.root });
      expect(outcome.code).toBe(1);
      expect(outcome.stdout).toContain('brochure/sq/index.md:2:8 error Not translated: the title “Circular economy: what it brings to your business” is the same as in brochure/en/index.md  untranslated');
      expect(outcome.stdout).toMatch(new RegExp(`brochure/sq/figures/linear-vs-circular\\.svg:${label + 1}:\\d+ error Not translated: the figure text “Linear economy” is the same as in brochure/en/figures/linear-vs-circular\\.svg  untranslated`));
    });
  });
});
