import { appendFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { REPO, clean, makeProject, poppler } from '../helpers/project.js';

/**
 * tests/fixtures/typeset-all: one section per rule, each printed to show its defect (its style-extra.css switches
 * off, for the sections that need it, the care that would prevent the defect), built and printed once. Every
 * section starts on a new page, so each lays out as it would alone; the page numbers are those of the contents.
 */
let messages: string;
let startPage: Map<string, number>;

beforeAll(async () => {
  const project = await makeProject('typeset-all');
  try {
    await appendFile(path.join(project.root, 'templates', 'style.css'), `\n${await readFile(path.join(REPO, 'tests', 'fixtures', 'typeset-all', 'style-extra.css'), 'utf8')}`);
    const result = await build({ root: project.root, write: false, cache: false });
    expect(result.ok).toBe(true);
    // The fixture's words (Bosnian in English files, on purpose) are the spelling check's business, not these tests'.
    const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
    for (const file of files) file.messages = file.messages.filter((message) => message.ruleId !== 'spelling' && message.ruleId !== 'placeholder-logo');
    messages = clean(formatMessages(files, { cwd: project.root }), project.root);
    const contents = poppler('pdftotext', ['-f', '2', '-l', '2', '-layout', '-', '-'], result.languages[0]!.pdfs.screen!.bytes);
    const pages = [...contents.matchAll(/^\s*0(\d)\s+Text\s+(\d+)\s*$/gm)].map((match) => Number(match[2]));
    startPage = new Map(['fragment', 'last-line', 'short', 'ladder', 'break', 'heading', 'lone', 'overflow'].map((name, index) => [name, pages[index]!]));
  } finally {
    await project.cleanup();
  }
});

/** Sections with a front matter (`class:`): three lines more before their text than alone. */
const FRONT_MATTER = new Set(['last-line', 'short', 'lone']);

/**
 * The messages about one section of the fixture, written as if it were printed alone as 01-text.md: its first
 * page as page 3, its lines without the front matter.
 */
function findings(section: string): string {
  const file = `brochure/en/${String([...startPage.keys()].indexOf(section) + 1).padStart(2, '0')}-${section}.md`;
  const shift = startPage.get(section)! - 3;
  const lineShift = FRONT_MATTER.has(section) ? 3 : 0;
  const lines = messages.split('\n');
  const own: string[] = [];
  lines.forEach((line, index) => {
    if (!line.startsWith(`${file}:`)) return;
    own.push(line.replace(new RegExp(`^${file}:(\\d+)`), (_, at: string) => `brochure/en/01-text.md:${Number(at) - lineShift}`).replace(/pages? (\d+)( and (\d+))?/g, (_, a: string, and: string | undefined, b: string | undefined) => `page${and ? 's' : ''} ${Number(a) - shift}${and ? ` and ${Number(b) - shift}` : ''}`), ...takeHints(lines, index));
  });
  return own.join('\n');
}

function takeHints(lines: string[], index: number): string[] {
  const hints: string[] = [];
  for (let next = index + 1; next < lines.length && lines[next]!.startsWith('  '); next++) hints.push(lines[next]!);
  return hints;
}

const LIST = 'list the word in brochure/en/hyphenation.txt with the breaks you allow (or none).';

describe('the typographic preflight finds each defect in a PDF printed to have it (Chromium)', () => {
  it('hyphen-fragment', async () => {
    expect(findings('fragment')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected hyphenation `iskoristi-ti` on page 3: 2 letters after the hyphen, expected at least 3  hyphen-fragment\n' +
        `  hint: The hyphenator keeps to \`hyphenLimits\` in brochure.yaml; for a break it still makes, ${LIST}`,
    );
  });

  it('hyphen-last-line', async () => {
    expect(findings('last-line')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected last line `trošnji.` on page 3: only the end of the hyphenated word `po-trošnji`  hyphen-last-line\n' +
        `  hint: A paragraph should not end in part of a word: reword its last sentence a little, or ${LIST}`,
    );
  });

  it('short-last-line', async () => {
    expect(findings('short')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected one-word last line `potrošnji.` on page 3  short-last-line\n' +
        '  hint: Reword the paragraph a little so that its last line holds at least two words.',
    );
  });

  it('hyphen-ladder', async () => {
    expect(findings('ladder')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected 3 hyphenated lines in a row on page 3, expected at most 2  hyphen-ladder\n' +
        `  hint: Reword a line of the paragraph a little, or ${LIST}`,
    );
  });

  it('hyphen-break', async () => {
    expect(findings('break')).toBe(
      'brochure/en/01-text.md:7:1 warning Unexpected word `recy-cling` hyphenated across pages 4 and 5  hyphen-break\n' +
        `  hint: The last word of a page or column should be whole: reword the paragraph a little, or ${LIST}`,
    );
  });

  it('heading-at-bottom', async () => {
    expect(findings('heading')).toBe(
      'brochure/en/01-text.md:44:1 warning Unexpected heading `Who runs it` in the last lines of page 4, with no line of its text below it  heading-at-bottom\n' +
        '  hint: A heading belongs with at least two lines of its text: shorten the text before it a little, or start the part on the next page with `::pagebreak`.',
    );
  });

  it('lone-line', async () => {
    expect(findings('lone')).toBe(
      'brochure/en/01-text.md:48:1 warning Unexpected single first line of a paragraph alone at the foot of page 4  lone-line\n' +
        '  hint: Keep at least two lines of a paragraph together: shorten or lengthen the text before it by a line, or reword the paragraph a little.',
    );
  });

  it('overflow (the stylesheet clips a word too long for its line, so that Chromium does not shrink every page)', async () => {
    expect(findings('overflow')).toBe(
      'brochure/en/01-text.md:3:1 warning Unexpected text `ellenmacarthurfoundationpublicationsonth…` cut off at the edge of its column on page 3: `westernbalkans.org` is not printed  overflow\n' +
        '  hint: A word or a line too long for its place: shorten it, allow it to break (a long address or number), or make the column wider.',
    );
  });
});
