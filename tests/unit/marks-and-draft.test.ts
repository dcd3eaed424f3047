import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { clean, makeProject } from '../helpers/project.js';

type Project = Awaited<ReturnType<typeof makeProject>>;
let project: Project | undefined;
afterEach(async () => {
  await project?.cleanup();
  project = undefined;
});

/** The back cover of a built page: from its <section> to the end. */
const backCover = (html: string) => html.slice(html.indexOf('<section class="back-cover"'));

describe('partner and funder marks', () => {
  it('are typeset from each language\'s own names while the logo is a placeholder, the country right under the name', async () => {
    project = await makeProject('basic', 'rules/placeholder-logo');
    const result = await build({ root: project.root, print: false, write: false, cache: false });
    expect(result.ok).toBe(true);
    const [en, mk] = result.languages.map((language) => backCover(language.html!));
    expect(en).toContain('<div class="back-partner typeset-mark">\n      <p class="partner-name">Partner Two</p>\n      <p class="partner-country">Country B</p>');
    expect(mk).toContain('<div class="back-partner typeset-mark">\n      <p class="partner-name">Партнер Два</p>\n      <p class="partner-country">Земја Б</p>');
    expect(mk).toContain('<p class="partner-name typeset-mark">Примерен фонд</p>');
    expect(mk).not.toContain('Sample Fund');
  });

  it('become the logo when its file is dropped into assets/logos/, with nothing else changed, and the warning goes', async () => {
    project = await makeProject('basic', 'rules/placeholder-logo');
    await mkdir(path.join(project.root, 'assets', 'logos'), { recursive: true });
    await writeFile(path.join(project.root, 'assets', 'logos', 'two.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#2e7d5b"/></svg>');
    const result = await build({ root: project.root, print: false, write: false, cache: false });
    const messages = clean(formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: project.root }), project.root);
    expect(messages).not.toContain('the logo of `two`');
    expect(messages).toContain('the logo of `fund` (Sample Fund) is a placeholder');
    const mk = backCover(result.languages[1]!.html!);
    expect(mk).toContain('<div class="back-partner">\n      <div class="logo" role="img" aria-label="Партнер Два"><svg');
    expect(mk).not.toContain('<p class="partner-name">Партнер Два</p>');
  });

  it('a missing logo that is not marked as a placeholder is still an error', async () => {
    project = await makeProject('basic', 'rules/placeholder-logo');
    const config = path.join(project.root, 'brochure', 'brochure.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('    logo: assets/logos/two.svg\n    placeholder: true\n', '    logo: assets/logos/two.svg\n'));
    const result = await build({ root: project.root, print: false, write: false, cache: false });
    expect(result.ok).toBe(false);
    expect(clean(formatMessages([result.configFile], { cwd: project.root }), project.root)).toContain('brochure/brochure.yaml error Cannot find image `assets/logos/two.svg` (logo of `two`)');
  });
});

describe('the draft band', () => {
  it('shows a new language\'s own text, or the source language\'s while its string is empty, and the check still reports it', async () => {
    project = await makeProject('basic');
    const strings = path.join(project.root, 'brochure', 'mk', 'strings.json');
    await writeFile(strings, (await readFile(strings, 'utf8')).replace(/"mark": "[^"]*"/, '"mark": ""'));
    // A stale section makes mk a draft.
    const english = path.join(project.root, 'brochure', 'en', '02-details.md');
    await writeFile(english, `${await readFile(english, 'utf8')}\nOne more English paragraph.\n`);
    const result = await build({ root: project.root, print: false, write: false, cache: false, allowIncomplete: true });
    const mk = result.languages.find((language) => language.lang === 'mk')!;
    expect(mk.draft).toBe(true);
    expect(mk.html).toContain('<div class="draft-mark" role="note">Draft</div>');
    const messages = clean(formatMessages(mk.files, { cwd: project.root }), project.root);
    expect(messages).toContain('brochure/mk/strings.json:37:5 warning Missing translation of UI string `draft.mark`: it is empty  missing-string');
  });

  it('uses the language\'s own text when it has one', async () => {
    project = await makeProject('basic');
    const english = path.join(project.root, 'brochure', 'en', '02-details.md');
    await writeFile(english, `${await readFile(english, 'utf8')}\nOne more English paragraph.\n`);
    const strings = JSON.parse(await readFile(path.join(project.root, 'brochure', 'mk', 'strings.json'), 'utf8')) as { draft: { mark: string } };
    const result = await build({ root: project.root, print: false, write: false, cache: false, allowIncomplete: true });
    expect(result.languages.find((language) => language.lang === 'mk')!.html).toContain(`<div class="draft-mark" role="note">${strings.draft.mark}</div>`);
    expect(result.languages.find((language) => language.lang === 'en')!.html).not.toContain('class="draft-mark"');
  });
});
