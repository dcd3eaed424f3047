import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { REPO, clean, makeProject } from '../helpers/project.js';

/**
 * Builds tests/fixtures/typeset-base with the overlay tests/fixtures/typeset/<rule> (its 01-text.md, and CSS of
 * style-extra.css appended to the stylesheet where the defect needs the browser's own care switched off), prints
 * it with Chromium, and returns the messages of the build, paths relative.
 */
async function findings(rule: string): Promise<string> {
  const project = await makeProject('typeset-base', `typeset/${rule}`);
  try {
    const extra = await readFile(path.join(REPO, 'tests', 'fixtures', 'typeset', rule, 'style-extra.css'), 'utf8').catch(() => '');
    if (extra) await appendFile(path.join(project.root, 'templates', 'style.css'), `\n${extra}`);
    const result = await build({ root: project.root, write: false, cache: false });
    expect(result.ok).toBe(true);
    // The fixtures' words (Bosnian in English files, on purpose) are the spelling check's business, not these tests'.
    const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
    for (const file of files) file.messages = file.messages.filter((message) => message.ruleId !== 'spelling');
    return clean(formatMessages(files, { cwd: project.root }), project.root);
  } finally {
    await project.cleanup();
  }
}

const LIST = 'list the word in brochure/en/hyphenation.txt with the breaks you allow (or none).';

describe('the typographic preflight finds each defect in a PDF printed to have it (Chromium)', () => {
  it('hyphen-fragment', async () => {
    expect(await findings('hyphen-fragment')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected hyphenation `iskoristi-ti` on page 3: 2 letters after the hyphen, expected at least 3  hyphen-fragment\n' +
        `  hint: The hyphenator keeps to \`hyphenLimits\` in brochure.yaml; for a break it still makes, ${LIST}`,
    );
  });

  it('hyphen-last-line', async () => {
    expect(await findings('hyphen-last-line')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected last line `trošnji.` on page 3: only the end of the hyphenated word `po-trošnji`  hyphen-last-line\n' +
        `  hint: A paragraph should not end in part of a word: reword its last sentence a little, or ${LIST}`,
    );
  });

  it('short-last-line', async () => {
    expect(await findings('short-last-line')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected one-word last line `potrošnji.` on page 3  short-last-line\n' +
        '  hint: Reword the paragraph a little so that its last line holds at least two words.',
    );
  });

  it('hyphen-ladder', async () => {
    expect(await findings('hyphen-ladder')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected 3 hyphenated lines in a row on page 3, expected at most 2  hyphen-ladder\n' +
        `  hint: Reword a line of the paragraph a little, or ${LIST}`,
    );
  });

  it('hyphen-break', async () => {
    expect(await findings('hyphen-break')).toBe(
      'brochure/en/01-text.md:7:1 warning Unexpected word `recy-cling` hyphenated across pages 4 and 5  hyphen-break\n' +
        `  hint: The last word of a page or column should be whole: reword the paragraph a little, or ${LIST}`,
    );
  });

  it('heading-at-bottom', async () => {
    expect(await findings('heading-at-bottom')).toBe(
      'brochure/en/01-text.md:44:1 warning Unexpected heading `Who runs it` in the last lines of page 4, with no line of its text below it  heading-at-bottom\n' +
        '  hint: A heading belongs with at least two lines of its text: shorten the text before it a little, or start the part on the next page with `::pagebreak`.',
    );
  });

  it('lone-line', async () => {
    expect(await findings('lone-line')).toBe(
      'brochure/en/01-text.md:47:1 warning Unexpected single first line of a paragraph alone at the foot of page 4  lone-line\n' +
        '  hint: Keep at least two lines of a paragraph together: shorten or lengthen the text before it by a line, or reword the paragraph a little.',
    );
  });

  it('overflow (the stylesheet clips a word too long for its line, so that Chromium does not shrink every page)', async () => {
    expect(await findings('overflow')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected text `ellenmacarthurfoundationpublicationsonth…` cut off at the edge of its column on page 3: `westernbalkans.org` is not printed  overflow\n' +
        '  hint: A word or a line too long for its place: shorten it, allow it to break (a long address or number), or make the column wider.',
    );
  });
});
