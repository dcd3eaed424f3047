import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { clean, makeProject } from '../helpers/project.js';

describe('a language\'s hyphenation.txt and no-break.txt in the build', () => {
  it('are honoured by the Markdown stage and the UI strings', async () => {
    const project = await makeProject('basic');
    try {
      const folder = path.join(project.root, 'brochure', 'mk');
      const intro = path.join(folder, '01-intro.md');
      await writeFile(intro, (await readFile(intro, 'utf8')).replace('Пасус со фуснота.', 'Пасус со фуснотата и текст.'));
      const html = async () => (await build({ root: project.root, print: false, write: false, cache: false })).languages.find((language) => language.lang === 'mk')!;
      // The patterns break the word; listed without hyphens, it is never broken.
      expect((await html()).html).toMatch(/фус\u00adно\u00adтата и/u);
      await writeFile(path.join(folder, 'hyphenation.txt'), '# never break this one\nфуснотата\n');
      await writeFile(path.join(folder, 'no-break.txt'), 'Партнер Два\n');
      const mk = await html();
      expect(clean(formatMessages(mk.files, { cwd: project.root, quiet: true }), project.root)).toBe('');
      expect(mk.html).toContain('Пасус со фуснотата и\u00a0текст.');
      expect(mk.html).toContain('<p class="partner-name">Партнер\u00a0Два</p>');
    } finally {
      await project.cleanup();
    }
  });

  it('stop the build with an error at the line of an entry that is not valid', async () => {
    const project = await makeProject('basic');
    try {
      await writeFile(path.join(project.root, 'brochure', 'mk', 'hyphenation.txt'), 'на-пра-вен\n<script>\n');
      const result = await build({ root: project.root, print: false, write: false, cache: false });
      expect(result.ok).toBe(false);
      expect(clean(formatMessages(result.languages.flatMap((language) => language.files), { cwd: project.root }), project.root)).toBe(
        'brochure/mk/hyphenation.txt:2:1 error Unexpected entry `<script>` in hyphenation.txt, expected one word with a hyphen where it may break, such as `на-пра-вен`  typeset-list\n' +
          '  hint: One word a line (at most 60 letters), letters and hyphens only; a word without hyphens is never broken; lines starting with # are comments.',
      );
    } finally {
      await project.cleanup();
    }
  });
});
