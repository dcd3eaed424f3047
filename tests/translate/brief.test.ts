import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { selectAll } from './select.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRealProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';

describe("the translator's brief", () => {
  const project = projectPerTest(() => makeRealProject());

  it('lists each changed English text old -> new beside the current translation, with word counts, in one HTML file', async () => {
    const english = path.join(project.root, 'brochure', 'en', '02-circular-economy.md');
    await writeFile(english, (await readFile(english, 'utf8')).replace('The smaller the loop, the better.', 'The smaller the loop, the better for your business.'));
    const out = path.join(project.root, 'brief.html');
    const outcome = await runCli(['translate', 'brief', 'sq', '--out', out], { cwd: project.root });
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toMatch(/^Wrote brief\.html: 1 texts to translate or review, 34 source words of \d+\./);
    const page = fromHtml(await readFile(out, 'utf8'));
    expect(toString(selectAll(page, 'p')[0]!)).toMatch(/^34 source words to translate or review, of \d+ in the whole brochure, in 1 text\./);
    const rows = selectAll(page, 'tr').slice(1);
    expect(rows).toHaveLength(1);
    const [where, change, translation] = selectAll(rows[0]!, 'td');
    expect(toString(where!)).toBe('paragraph, brochure/en/02-circular-economy.md:24translation: brochure/sq/02-circular-economy.md:2434 words');
    expect(selectAll(change!, 'ins').map((node) => toString(node))).toEqual([' for your business']);
    expect(selectAll(change!, 'del')).toEqual([]);
    expect(toString(change!)).toBe('The smaller the loop, the better for your business. Repairing a machine in your own workshop keeps almost all of its value. Melting it down for scrap keeps only the value of the metal.');
    const sq = (await readFile(path.join(project.root, 'brochure', 'sq', '02-circular-economy.md'), 'utf8')).split('\n')[23]!;
    expect(toString(translation!)).toBe(sq.replace(/\*\*/g, ''));
  });
});
