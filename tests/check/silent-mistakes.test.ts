import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { runCli } from '../helpers/cli.js';
import { clean, makeProject, makeRealProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';

/** Mistakes that used to build "ok": each must now fail the check with a message of its own, at its line. */
describe('mistakes that never pass silently', () => {
  const project = projectPerTest(() => makeProject('basic'));

  /** Replaces `from` by `to` in brochure/<file>, then checks every language without printing. */
  async function checkAfter(file: string, from: string | RegExp, to: string): Promise<{ ok: boolean; report: string }> {
    const target = path.join(project.root, 'brochure', file);
    const text = await readFile(target, 'utf8');
    const changed = text.replace(from, to);
    expect(changed, `the edit of ${file}`).not.toBe(text);
    await writeFile(target, changed);
    const result = await build({ root: project.root, print: false, write: false });
    const report = clean(formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: project.root }), project.root);
    return { ok: result.ok, report };
  }

  it('a box without its closing `:::` is an error at its opening line', async () => {
    // Line 5 opens the callout; its closing line goes, so the figure of line 9 would nest inside it.
    const { ok, report } = await checkAfter('en/01-intro.md', 'A callout with **bold** text.\n:::\n', 'A callout with **bold** text.\n');
    expect(ok).toBe(false);
    expect(report).toContain(
      'brochure/en/01-intro.md:5:1 error Unexpected unclosed box `:::callout`: the box opened here is never closed  directive\n' +
        '  hint: Close it with a line `:::` before the box that starts at line 8.',
    );
  });

  it('a box left open at the end of the file is an error at its opening line', async () => {
    const { ok, report } = await checkAfter('en/01-intro.md', /The loop caption\.\n:::\n/, 'The loop caption.\n');
    expect(ok).toBe(false);
    expect(report).toContain('brochure/en/01-intro.md:9:1 error Unexpected unclosed box `:::figure`: the box opened here is never closed  directive');
  });

  it('a box title missing its `]` is reported at its own line', async () => {
    const { ok, report } = await checkAfter('mk/01-intro.md', /(:::callout\[[^\]\n]+)\]/, '$1');
    expect(ok).toBe(false);
    const lines = report.split('\n').filter((line) => line.includes(' error '));
    expect(lines[0]).toMatch(/^brochure\/mk\/01-intro\.md:5:1 error Unexpected box opening `:::callout\[.*\{\.tip icon=savings\}`: missing `\]` after the title {2}directive$/);
  });

  it('a section whose front matter is never closed is an error, not text above the title', async () => {
    const { ok, report } = await checkAfter('en/02-details.md', /^/, '---\nclass: glossary\n\n');
    expect(ok).toBe(false);
    expect(report).toContain(
      'brochure/en/02-details.md:1:1 error Unexpected end of front matter: the front matter opened at line 1 is never closed with `---`  front-matter\n' +
        '  hint: Add a line `---` after the last setting (such as `title: …`), before the text starts.',
    );
  });

  it('index.md with its front matter not closed gives one message that says so', async () => {
    const { ok, report } = await checkAfter('mk/index.md', /\n---\n$/, '\n');
    expect(ok).toBe(false);
    const messages = report.split('\n').filter((line) => line.startsWith('brochure/mk/index.md'));
    expect(messages).toEqual(['brochure/mk/index.md:1:1 error Unexpected end of front matter: the front matter opened at line 1 is never closed with `---`  front-matter']);
  });
});

describe('a UI string the checks could not foresee', () => {
  it('is reported naming the template file with its line, and the source language text', async () => {
    const project = await makeProject('basic');
    try {
      // `lang` is only known when rendering: the key is `extra.mk` in mk, which only the English strings have.
      const layout = path.join(project.root, 'templates', 'layout.hbs');
      await writeFile(layout, `${await readFile(layout, 'utf8')}\n<p>{{t "extra" lang}}</p>\n`);
      const line = (await readFile(layout, 'utf8')).split('\n').findIndex((row) => row.includes('{{t "extra" lang}}')) + 1;
      for (const [lang, strings] of [['en', { en: 'English', mk: 'Macedonian', one: '1', two: '2', fund: 'f' }], ['mk', { en: 'Англиски', one: '1', two: '2', fund: 'f' }]] as const) {
        const file = path.join(project.root, 'brochure', lang, 'strings.json');
        await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), extra: strings }, null, 2));
      }
      // New English strings make mk's strings out of date: a draft build renders it all the same.
      const result = await build({ root: project.root, print: false, write: false, allowIncomplete: true });
      const report = clean(formatMessages(result.languages.flatMap((language) => language.files), { cwd: project.root }), project.root);
      expect(report).toContain(
        'brochure/mk/strings.json:1:1 error Missing UI string `extra.mk`  missing-string\n' +
          `  hint: Add "mk": "…" under "extra" in brochure/mk/strings.json (en: “Macedonian”); it is used in templates/layout.hbs:${line}:4.`,
      );
    } finally {
      await project.cleanup();
    }
  });
});

describe('the check of a new language', () => {
  it('sums up each file’s many messages of one rule, and shows every one with --verbose', async () => {
    const project = await makeRealProject();
    try {
      expect((await runCli(['new-language', 'hr'], { cwd: project.root })).code).toBe(0);
      const short = await runCli(['check', '--lang', 'hr'], { cwd: project.root });
      const verbose = await runCli(['check', '--lang', 'hr', '--verbose'], { cwd: project.root });
      expect(short.code).toBe(1);
      const errors = (output: string) => output.split('\n').filter((line) => / error /.test(line)).length;
      expect(errors(verbose.stdout)).toBeGreaterThan(150);
      expect(short.stdout.split('\n').length).toBeLessThan(verbose.stdout.split('\n').length / 3);
      expect(short.stdout).toMatch(/^brochure\/hr\/02-circular-economy\.md: \d+ more errors like these \(untranslated\) {2}\(--verbose shows each\)$/m);
      expect(short.stdout).toMatch(/^brochure\/hr\/strings\.json: \d+ more errors like these \(missing-string\)/m);
      // The counts at the end are of every message, shown or summed up.
      expect(short.stdout.split('\n').at(-2)).toBe(verbose.stdout.split('\n').at(-2));
      expect(short.stdout).toMatch(/^hr\s+0\/7\s+7\s+0\s+\d+\s+\d+\s+(\d+) of \1\s+INCOMPLETE$/m);
    } finally {
      await project.cleanup();
    }
  });
});
