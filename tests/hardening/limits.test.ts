import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { clean, makeProject } from '../helpers/project.js';

/**
 * Hostile translations, each in a section file of its own beside the basic fixture's mk: every one must be
 * refused with an error at its file and line before the parser or any check works on it. Measured before the
 * limits ran first: 10,000 nested list markers took over a minute, a 1 MB table 146 s and 3.9 GB, 20,000
 * footnotes minutes, nested $t() references over ten minutes.
 */
const HOSTILE: Record<string, string> = {
  // The cases.
  '10-list-markers.md': `# Lists\n\n${'- '.repeat(10_000)}x\n`,
  '11-quotes.md': `# Quotes\n\n${'> '.repeat(3_000)}x\n`,
  // Variants the issue did not name.
  '14-indented-lists.md': `# Indented\n\n${Array.from({ length: 100 }, (_, index) => `${' '.repeat(2 * index)}- a`).join('\n')}\n`,
  '15-mixed-markers.md': `# Mixed\n\n${'- > 1. '.repeat(20)}x\n`,
  '16-wide-table.md': `# Wide\n\n|${'a|'.repeat(5_000)}\n|${'-|'.repeat(5_000)}\n`,
  '17-emphasis.md': `# Emphasis\n\n${'*a '.repeat(3_000)}${'a* '.repeat(3_000)}\n`,
  '18-strikethrough.md': `# Strike\n\n${'~a '.repeat(3_000)}${'a~ '.repeat(3_000)}\n`,
  '19-brackets.md': `# Brackets\n\n${'['.repeat(6_000)}a${']'.repeat(6_000)}\n`,
  '20-html.md': `# HTML\n\n${'<span>'.repeat(20_000)}x\n`,
  '21-boxes.md': `# Boxes\n\n${':::callout\n'.repeat(50)}x\n`,
  '22-lines.md': `# Lines\n\n${'a\n'.repeat(20_000)}`,
  '23-few-footnotes-each.md': `# Notes\n\n${Array.from({ length: 600 }, (_, index) => `x[^${index}]`).join(' ')}\n`,
  '24-front-matter.md': `---\ntocTitle: ${'['.repeat(4_000)}\n---\n# Deep YAML\n`,
  '26-quotes.md': `# Quotes\n\n${'a" '.repeat(30_000)}\n`,
  '27-tags.md': `# Tags\n\n${'A <span class="x">w</span>. '.repeat(1_500)}\n\n${'a <iframe src=file:///etc/passwd></iframe> b '.repeat(900)}\n`,
  '25-other-script.md': `# Script\n\n${Array.from({ length: 5_000 }, (_, index) => String.fromCodePoint(0x4e00 + index)).join('')}\n`,
};

/**
 * The large cases, in the source language: a translation that large is refused as a whole (it may be at
 * most three times the source), so these show the limits of one file, which hold in every language.
 */
const HOSTILE_SOURCE: Record<string, string> = {
  '12-table.md': `# Table\n\n| a | b |\n|---|---|\n${Array.from({ length: 5_158 }, () => `|${'x|'.repeat(100)}`).join('\n').slice(0, 1_000_000)}\n`,
  '13-footnotes.md': `# Notes\n\n${Array.from({ length: 20_000 }, (_, index) => `x[^${index}]`).join(' ')}\n\n${Array.from({ length: 20_000 }, (_, index) => `[^${index}]: n`).join('\n')}\n`,
};

let root: string;
let cleanup: () => Promise<void>;
let messages: string;
let elapsed: number;

beforeAll(async () => {
  ({ root, cleanup } = await makeProject('basic'));
  const mk = path.join(root, 'brochure', 'mk');
  for (const [name, text] of Object.entries(HOSTILE)) await writeFile(path.join(mk, name), text);
  for (const [name, text] of Object.entries(HOSTILE_SOURCE)) await writeFile(path.join(root, 'brochure', 'en', name), text);
  const strings = JSON.parse(await readFile(path.join(mk, 'strings.json'), 'utf8')) as Record<string, unknown>;
  // Ten strings of ten references each: 10^10 characters if expanded (the hang), a loop, a reference
  // with options, groups nested 100,000 deep.
  strings.bomb = Object.fromEntries(Array.from({ length: 10 }, (_, level) => [`l${level}`, Array(10).fill(level === 0 ? 'x' : `$t(bomb.l${level - 1})`).join(' ')]));
  strings.loop = { a: 'A $t(loop.b)', b: 'B $t(loop.a)' };
  strings.options = { a: '$t(toc.title, {"count": 2})' };
  strings.junk = Object.fromEntries(Array.from({ length: 100 }, (_, index) => [`k${index}`, 'Текст']));
  await writeFile(path.join(mk, 'strings.json'), JSON.stringify(strings, null, 2));
  const started = performance.now();
  const result = await build({ root, print: false, write: false });
  elapsed = performance.now() - started;
  messages = clean(formatMessages(result.languages.flatMap((language) => language.files), { cwd: root }), root);
});
afterAll(async () => cleanup());

describe('limits run before the parser and the checks', () => {
  const refused: Array<[string, string]> = [
    ['10-list-markers.md:3:1', 'Unexpected nesting about 41 levels deep (lists and quotes), expected at most 40'],
    ['11-quotes.md:3:1', 'Unexpected nesting about 41 levels deep (lists and quotes), expected at most 40'],
    ['../en/12-table.md:3:1', 'Unexpected table of more than 3000 cells, expected at most 300 rows and 3000 cells'],
    ['../en/13-footnotes.md:10001:1', 'Unexpected length of 20005 lines, expected at most 10000'],
    ['14-indented-lists.md:43:1', 'Unexpected nesting about 41 levels deep (lists and quotes), expected at most 40'],
    ['15-mixed-markers.md:3:1', 'Unexpected nesting about 41 levels deep (lists and quotes), expected at most 40'],
    ['16-wide-table.md:3:1', 'Unexpected table of more than 3000 cells, expected at most 300 rows and 3000 cells'],
    ['17-emphasis.md:3:6001', 'Unexpected number of `*`, `_` and `~` marks, expected at most 2000 in one file'],
    ['18-strikethrough.md:3:6001', 'Unexpected number of `*`, `_` and `~` marks, expected at most 2000 in one file'],
    ['19-brackets.md:3:5001', 'Unexpected number of `[` brackets, expected at most 5000 in one file'],
    ['20-html.md:3:241', 'Unexpected HTML nested 41 levels deep, expected at most 40'],
    ['21-boxes.md:43:1', 'Unexpected nesting of `:::` blocks 41 levels deep, expected at most 40'],
    ['22-lines.md:10001:1', 'Unexpected length of 20003 lines, expected at most 10000'],
    ['23-few-footnotes-each.md:3:3892', 'Unexpected number of footnotes, expected at most 500 references and definitions in one file'],
  ];
  it.each(refused)('%s: %s', (where, reason) => {
    expect(messages).toContain(`${path.join('brochure/mk', where)} error ${reason}  limit`);
  });

  it('deep YAML in front matter is an error at its line, reported a few times at most', () => {
    expect(messages).toMatch(/brochure\/mk\/24-front-matter\.md:2:\d+ error Cannot read front matter: Maximum call stack size exceeded/);
    // The first three of the parser's errors; how many it finds depends on where the stack runs out.
    const lines = messages.split('\n').filter((line) => line.includes('24-front-matter.md') && line.endsWith('  front-matter'));
    expect(lines.length, lines.join('\n')).toBeLessThanOrEqual(3);
  });

  it('thousands of characters the fonts lack give twenty messages and a count, not thousands', () => {
    const lines = messages.split('\n').filter((line) => line.startsWith('brochure/mk/25-other-script.md') && line.includes('glyph'));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("brochure/mk/25-other-script.md error Unexpected 4980 more characters that the brochure's fonts cannot print  glyph");
  });

  it('thousands of straight quotes give twenty warnings and a count, found in linear time', () => {
    const lines = messages.split('\n').filter((line) => line.startsWith('brochure/mk/26-quotes.md') && line.includes('typography'));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('brochure/mk/26-quotes.md warning Unexpected 29980 more straight quotation marks, apostrophes or double spaces  typography');
  });

  it('thousands of HTML problems give twenty of each kind and a count', () => {
    const lines = messages.split('\n').filter((line) => line.startsWith('brochure/mk/27-tags.md') && line.includes('unsafe-html'));
    expect(lines.filter((line) => line.includes(' error '))).toHaveLength(21);
    expect(lines.filter((line) => line.includes(' warning '))).toHaveLength(21);
    expect(lines).toContain('brochure/mk/27-tags.md error Unexpected HTML: 880 more errors like those above  unsafe-html');
    expect(lines).toContain('brochure/mk/27-tags.md warning Unexpected HTML: 1480 more warnings like those above  unsafe-html');
  });

  it('a hundred strings nobody uses give twenty warnings and a count', () => {
    const lines = messages.split('\n').filter((line) => line.startsWith('brochure/mk/strings.json') && line.includes('unused-string'));
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe('brochure/mk/strings.json warning Unexpected 93 more unused UI strings  unused-string');
  });

  it('nested $t() references in strings.json are errors at the string, never expanded', () => {
    expect(messages).toMatch(/brochure\/mk\/strings\.json:\d+:5 error Unexpected length of UI string `bomb\.l3` with its references filled in: more than 10000 characters {2}strings-reference/);
    expect(messages).toMatch(/strings\.json:\d+:5 error Unexpected loop of references: `loop\.a` → `loop\.b` → `loop\.a`  strings-reference/);
    expect(messages).toMatch(/strings\.json:\d+:5 error Unexpected options in `\$t\(toc\.title, \{"count": 2\}\)`, expected only the key of another string  strings-reference/);
  });

  it('no check walks a refused file: its only error is the limit', () => {
    const lines = messages.split('\n').filter((line) => line.startsWith('brochure/mk/10-list-markers.md'));
    expect(lines.filter((line) => / error /.test(line))).toHaveLength(2); // the limit, and the section the source lacks
    expect(lines.join('\n')).toContain('extra-section');
  });

  it('takes seconds for all of them together, not minutes', () => {
    expect(elapsed).toBeLessThan(20_000);
    expect(process.memoryUsage().rss).toBeLessThan(1024 ** 3);
  });
});

describe('a translation far longer than the source', () => {
  it('is refused as a whole before any of it is read (the issue\'s 1 MB table in mk)', async () => {
    const project = await makeProject('basic');
    try {
      await writeFile(path.join(project.root, 'brochure', 'mk', '03-table.md'), HOSTILE_SOURCE['12-table.md']!);
      const started = performance.now();
      const result = await build({ root: project.root, languages: ['mk'], print: false, write: false });
      expect(performance.now() - started).toBeLessThan(10_000);
      const text = clean(formatMessages(result.languages.flatMap((language) => language.files), { cwd: project.root }), project.root);
      expect(text).toContain('brochure/mk error Unexpected size of language `mk`: 978 KB of sections, expected at most 256 KB (the source has 1 KB)  file-too-large');
    } finally {
      await project.cleanup();
    }
  });
});

describe('many links into a section with many headings', () => {
  it('are checked in linear time (the headings of each section are read once)', async () => {
    const project = await makeProject('basic');
    try {
      for (const lang of ['en', 'mk']) {
        const file = path.join(project.root, 'brochure', lang, '01-intro.md');
        await writeFile(file, `${await readFile(file, 'utf8')}\n${'[x](02-details.md#h1) '.repeat(2_400)}\n`);
      }
      const details = path.join(project.root, 'brochure', 'mk', '02-details.md');
      await writeFile(details, `${await readFile(details, 'utf8')}\n${Array.from({ length: 4_000 }, (_, index) => `## h${index}`).join('\n\n')}\n`);
      const started = performance.now();
      await build({ root: project.root, languages: ['mk'], print: false, write: false });
      expect(performance.now() - started).toBeLessThan(10_000);
    } finally {
      await project.cleanup();
    }
  });
});

describe('strings.json nested without end', () => {
  it('is an error at the group that is too deep, not a crash', async () => {
    const project = await makeProject('basic');
    try {
      const file = path.join(project.root, 'brochure', 'mk', 'strings.json');
      await writeFile(file, (await readFile(file, 'utf8')).replace(/}\s*$/, `, "deep": ${'{"a":'.repeat(100_000)}"x"${'}'.repeat(100_000)}}`));
      const result = await build({ root: project.root, languages: ['mk'], print: false, write: false });
      const text = clean(formatMessages(result.languages.flatMap((language) => language.files), { cwd: project.root }), project.root);
      expect(text).toMatch(/^brochure\/mk\/strings\.json:\d+:\d+ error Unexpected group `deep\.a\.a\.a\.a\.a` nested 7 levels deep, expected at most 6  strings-syntax$/m);
      expect(result.ok).toBe(false);
    } finally {
      await project.cleanup();
    }
  });

  it('a reference to another string within the bounds is filled in', async () => {
    const project = await makeProject('basic');
    try {
      const file = path.join(project.root, 'brochure', 'mk', 'strings.json');
      const strings = JSON.parse(await readFile(file, 'utf8')) as { toc: { title: string }; partners: { one: { name: string } } };
      strings.toc.title = `Содржина ($t(partners.one.name))`;
      await writeFile(file, JSON.stringify(strings, null, 2));
      const result = await build({ root: project.root, languages: ['mk'], print: false, write: false });
      expect(result.languages[0]!.html).toContain(`Содржина (${strings.partners.one.name})`);
    } finally {
      await project.cleanup();
    }
  });
});
