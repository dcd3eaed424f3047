import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { clean, makeProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';

const project = projectPerTest(() => makeProject('basic'));

const htmlOnly = () => build({ root: project.root, print: false, write: false });
const messagesOf = (result: Awaited<ReturnType<typeof htmlOnly>>) =>
  clean(formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: project.root }), project.root);

describe('templates', () => {
  it("print each language's UI strings and no other language's", async () => {
    const result = await htmlOnly();
    expect(messagesOf(result)).toBe('');
    const [en, mk] = result.languages;
    expect(en!.html).toContain('<html lang="en">');
    expect(en!.html).toContain('<h2 id="contents-title" class="contents-title">Contents</h2>');
    expect(en!.html).toContain('Partner One');
    expect(en!.html).toContain('The contents are the sole responsibility of the partners.');
    expect(mk!.html).toContain('<html lang="mk">');
    expect(mk!.html).toContain('<h2 id="contents-title" class="contents-title">Содржина</h2>');
    expect(mk!.html).toContain('Содржината е\u00a0единствена одговорност на партнерите.');
    expect(mk!.html).toContain('Издание 0.1, 2024');
    expect(mk!.html).not.toContain('Partner One');
  });

  it('escape what writers type into the document front matter', async () => {
    const index = path.join(project.root, 'brochure', 'en', 'index.md');
    await writeFile(index, (await readFile(index, 'utf8')).replace('"Sample brochure"', '"Tools & <b onmouseover=x()>tricks</b>"'));
    const result = await htmlOnly();
    const html = result.languages[0]!.html!;
    expect(html).toContain('<title>Tools &amp; &lt;b onmouseover&#x3D;x()&gt;tricks&lt;/b&gt;</title>');
    expect(html).not.toContain('<b onmouseover');
  });

  it('keep the fonts in the styles whatever the title says, even the words the fonts are put in by', async () => {
    const index = path.join(project.root, 'brochure', 'en', 'index.md');
    await writeFile(index, (await readFile(index, 'utf8')).replace('"Sample brochure"', '"Sample /* brochure fonts */ brochure"'));
    const html = (await htmlOnly()).languages[0]!.html!;
    expect(html).toContain('<title>Sample /* brochure fonts */ brochure</title>');
    expect(/<style>([\s\S]*?)<\/style>/.exec(html)![1]).toMatch(/^@font-face\{font-family:'Noto Sans'/);
    // The mark itself, written in a title, comes escaped.
    await writeFile(index, (await readFile(index, 'utf8')).replace('"Sample /* brochure fonts */ brochure"', '"Sample <brochure-fonts> brochure"'));
    const marked = (await htmlOnly()).languages[0]!.html!;
    expect(marked).toContain('<title>Sample &lt;brochure-fonts&gt; brochure</title>');
    expect(/<style>([\s\S]*?)<\/style>/.exec(marked)![1]).toMatch(/^@font-face\{font-family:'Noto Sans'/);
  });

  it('refuse a missing UI string in a translation, naming the key and the file', async () => {
    const strings = path.join(project.root, 'brochure', 'mk', 'strings.json');
    const data = JSON.parse(await readFile(strings, 'utf8'));
    delete data.toc.title;
    await writeFile(strings, JSON.stringify(data, null, 2));
    const result = await htmlOnly();
    expect(result.ok).toBe(false);
    expect(result.languages[1]!.html).toBeUndefined();
    expect(messagesOf(result)).toBe(
      'brochure/mk/strings.json:1:1 error Missing UI string `toc.title`  missing-string\n' +
        '  hint: Add "title": "…" under "toc" in brochure/mk/strings.json (en: “Contents”); it is used in templates/partials/contents.hbs:2:50.',
    );
    expect(result.languages[0]!.ok).toBe(true);
  });

  it('stop on an unknown template key with the template file and line', async () => {
    const partial = path.join(project.root, 'templates', 'partials', 'section.hbs');
    await writeFile(partial, `${await readFile(partial, 'utf8')}\n{{subtitel}}\n`);
    await expect(htmlOnly()).rejects.toThrow('Unknown template key `subtitel` in templates/partials/section.hbs:5:3');
  });

  it('report a syntax error in strings.json at its line', async () => {
    const strings = path.join(project.root, 'brochure', 'mk', 'strings.json');
    await writeFile(strings, (await readFile(strings, 'utf8')).replace('"title": "Содржина"', '"title": "Содржина",'));
    const result = await htmlOnly();
    // The comma is on line 11; JSON finds the problem at the closing brace on the next line.
    expect(messagesOf(result)).toMatch(/^brochure\/mk\/strings\.json:12:\d+ error Cannot read UI strings: /);
  });
});
