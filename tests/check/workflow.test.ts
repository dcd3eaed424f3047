import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { clean, makeProject, makeRealProject, poppler } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';
import { runCli } from '../helpers/cli.js';

const cli = (root: string, ...args: string[]) => runCli(args, { cwd: root, env: { SOURCE_DATE_EPOCH: '1764374400' } });

describe('translation workflow on the real brochure', () => {
  const project = projectPerTest(() => makeRealProject());

  it('a changed English paragraph makes that section stale in mk, sq and bs until marked reviewed', async () => {
    expect((await cli(project.root, 'check')).code).toBe(0);

    const source = path.join(project.root, 'brochure', 'en', '02-circular-economy.md');
    const text = await readFile(source, 'utf8');
    const changed = text.replace('The smaller the loop, the better.', 'The smaller the loop, the better for your business.');
    expect(changed).not.toBe(text);
    await writeFile(source, changed);

    const stale = await cli(project.root, 'check');
    expect(stale.code).toBe(1);
    const line = changed.split('\n').findIndex((row) => row.includes('better for your business')) + 1;
    for (const lang of ['mk', 'sq', 'bs']) {
      // The date the translation was last marked reviewed, as brochure/<lang>/reviewed.json records it.
      const reviewed = (JSON.parse(await readFile(path.join(project.root, 'brochure', lang, 'reviewed.json'), 'utf8')) as { files: Record<string, { reviewed: string }> }).files['02-circular-economy.md']!.reviewed;
      // At the translated paragraph's own line, with the words that changed in the source, old -> new.
      const translated = (await readFile(path.join(project.root, 'brochure', lang, '02-circular-economy.md'), 'utf8')).split('\n');
      expect(translated.length).toBeGreaterThan(line);
      expect(stale.stdout).toContain(
        `brochure/${lang}/02-circular-economy.md:${line}:1 error Translation out of date: the source of this paragraph changed since the review on ${reviewed}  stale\n` +
          `  hint: brochure/en/02-circular-economy.md:${line}, word by word:\n` +
          '        “…the loop, the better. Repairing a machine…” → “…the loop, the better for your business. Repairing a machine…”\n' +
          `        Update the translation, then run \`npm run check -- --mark-reviewed ${lang}/02-circular-economy.md\`.`,
      );
      expect(stale.stdout).not.toContain(`brochure/${lang}/01-about.md`);
    }
    // The words to translate: the changed paragraph's, of the whole brochure's.
    const total = Number(/^en \(source\).*?(\d+) in all/m.exec(stale.stdout)![1]);
    expect(stale.stdout).toMatch(new RegExp(`^mk\\s+6/7\\s+1\\s+0\\s+0\\s+0\\s+34 of ${total}\\s+INCOMPLETE$`, 'm'));

    // Marking it reviewed while the translation is as it was is refused: usually it has not been updated yet.
    const refused = await cli(project.root, 'check', '--mark-reviewed', 'mk/02-circular-economy.md');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Cannot mark mk/02-circular-economy.md as reviewed: the source changed since the last review, but the translation did not change.');
    const mk = path.join(project.root, 'brochure', 'mk', '02-circular-economy.md');
    await writeFile(mk, (await readFile(mk, 'utf8')).replace(/^(Колку е помал кругот, толку подобро)\./m, '$1 за вашата фирма.'));
    for (const lang of ['mk', 'sq', 'bs']) {
      const marked = await cli(project.root, 'check', '--mark-reviewed', `${lang}/02-circular-economy.md`, ...(lang === 'mk' ? [] : ['--force']));
      expect(marked.stdout).toContain(`Marked as reviewed against the current source: ${lang}/02-circular-economy.md`);
    }
    const after = await cli(project.root, 'check');
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/^mk\s+7\/7\s+0\s+0\s+0\s+0\s+0 of \d+\s+complete$/m);
    // reviewed.json keeps the English as reviewed, so that the next change can be shown word by word.
    const record = JSON.parse(await readFile(path.join(project.root, 'brochure', 'sq', 'reviewed.json'), 'utf8'));
    expect(record.files['02-circular-economy.md'].source).toContain(changed.split('\n')[line - 1]);
  });

  it('a UI string missing in sq fails the build, naming the key and the file', async () => {
    const strings = path.join(project.root, 'brochure', 'sq', 'strings.json');
    const data = JSON.parse(await readFile(strings, 'utf8'));
    delete data.backCover.disclaimer;
    await writeFile(strings, JSON.stringify(data, null, 2));
    const outcome = await cli(project.root, 'build', '--lang', 'sq');
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain('brochure/sq/strings.json:1:1 error Missing UI string `backCover.disclaimer`  missing-string');
    expect(outcome.stderr).toContain('(en: “This publication was produced with the financial support of the Western Balkans Fund.');
    expect(outcome.stdout).toContain('FAIL sq');
  });

  it('--format json gives the messages and the status for CI', async () => {
    const source = path.join(project.root, 'brochure', 'mk', '07-glossary.md');
    await writeFile(source, `${await readFile(source, 'utf8')}\nТекст со "наводници".\n`);
    const outcome = await cli(project.root, 'check', '--format', 'json', '--lang', 'mk');
    const data = JSON.parse(outcome.stdout) as { ok: boolean; messages: Array<{ file: string; rule: string; severity: string }>; translations: Array<{ lang: string }> };
    expect(outcome.code).toBe(0); // Typography gives warnings only.
    expect(data.ok).toBe(true);
    expect(data.messages.some((message) => message.file === 'brochure/mk/07-glossary.md' && message.rule === 'typography' && message.severity === 'warning')).toBe(true);
    expect(data.translations.map((status) => status.lang)).toEqual(['en', 'mk', 'sq', 'bs']);
  });
});

describe('--allow-incomplete', () => {
  const project = projectPerTest(() => makeProject('basic', 'rules/stale'));

  it('builds a stale language anyway, with a draft mark on every page, and records the status', async () => {
    const refused = await build({ root: project.root, languages: ['mk'], print: false, write: false });
    expect(refused.ok).toBe(false);

    const out = path.join(project.root, 'out');
    const result = await build({ root: project.root, outDir: out, allowIncomplete: true });
    expect(result.ok).toBe(true);
    expect(result.languages.map((language) => [language.lang, language.draft])).toEqual([['en', false], ['mk', true]]);
    const messages = result.languages[1]!.files.flatMap((file) => file.messages.map((message) => `${message.fatal ? 'error' : 'warning'} ${message.ruleId}`));
    expect(messages).toEqual(['warning stale']);
    const pdf = path.join(out, 'mk', 'sample-mk.pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [pdf]))![1]);
    for (let page = 1; page <= pages; page++) {
      expect(poppler('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-']), `page ${page}`).toContain('НАЦРТ');
    }
    expect(poppler('pdftotext', [path.join(out, 'en', 'sample-en.pdf'), '-'])).not.toContain('DRAFT');
    const status = JSON.parse(await readFile(path.join(out, 'translation-status.json'), 'utf8'));
    expect(clean(JSON.stringify(status), project.root)).toBe(
      JSON.stringify({
        sourceLanguage: 'en',
        languages: [
          { lang: 'en', source: true, sections: { total: 2, current: 2, stale: 0, missing: 0, untranslated: 0 }, stringsMissing: 0, words: { changed: 0, total: 149 }, complete: true },
          { lang: 'mk', source: false, sections: { total: 2, current: 1, stale: 1, missing: 0, untranslated: 0 }, stringsMissing: 0, words: { changed: 12, total: 149 }, complete: false },
        ],
      }),
    );
  });
});
