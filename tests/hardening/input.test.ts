import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { runCli } from '../helpers/cli.js';
import { renderSection } from '../helpers/markdown.js';
import { clean, makeProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';
import { pngHeaderOnly, solidPng } from '../helpers/png.js';

const project = projectPerTest(() => makeProject('basic'));

const section = (lang = 'en', name = '01-intro.md') => path.join(project.root, 'brochure', lang, name);
/**
 * Builds the HTML and returns the messages. These tests change one language's files on purpose, so the
 * translation checks (stale, structure, styling) are left out unless a test asks for them.
 */
async function messagesAfterHtmlBuild(): Promise<{ ok: boolean; messages: string; html: (string | undefined)[] }> {
  const result = await build({ root: project.root, print: false, write: false });
  for (const file of result.languages.flatMap((language) => language.files)) {
    file.messages = file.messages.filter((message) => !['stale', 'structure', 'styling'].includes(message.ruleId ?? ''));
  }
  const files = [result.configFile, ...result.languages.flatMap((language) => language.files)];
  return { ok: files.every((file) => file.messages.every((message) => message.fatal !== true)), messages: clean(formatMessages(files, { cwd: project.root }), project.root), html: result.languages.map((l) => l.html) };
}

describe('paths out of the project', () => {
  it('refuses an image reached through a symbolic link that points outside', async () => {
    await symlink('/etc/hostname', path.join(project.root, 'assets', 'escape.png'));
    await writeFile(section(), (await readFile(section(), 'utf8')).replace('../../assets/loop.svg', '../../assets/escape.png'));
    const { ok, messages } = await messagesAfterHtmlBuild();
    expect(ok).toBe(false);
    expect(messages).toContain('brochure/en/01-intro.md:10:1 error Unexpected image path `../../assets/escape.png` (a link to `/etc/hostname`), expected a file inside the project folder  image-outside');
  });

  it('refuses absolute image paths and ../ escapes', async () => {
    await writeFile(section(), '# T\n\n![a](/etc/passwd)\n\n![b](../../../../../../../etc/passwd)\n');
    const { messages } = await messagesAfterHtmlBuild();
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected image path `/etc/passwd`, expected a file inside the project folder  image-outside');
    expect(messages).toContain('brochure/en/01-intro.md:5:1 error Unexpected image path `../../../../../../../etc/passwd`, expected a file inside the project folder  image-outside');
  });
});

describe('limits', () => {
  it('refuses Markdown nested deeper than a brochure needs', async () => {
    const { messages, html } = await renderSection(`# T\n\n${'> '.repeat(60)}deep\n`);
    expect(html).toBe('');
    expect(messages).toMatch(/^brochure\/en\/01-intro\.md:3:\d+ error Unexpected nesting 41 levels deep, expected at most 40  limit/);
  });

  it('refuses a huge table', async () => {
    const rows = Array.from({ length: 400 }, (_, index) => `| ${index} | x |`).join('\n');
    const { messages } = await renderSection(`# T\n\n| a | b |\n|---|---|\n${rows}\n`);
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected table of 401 rows and 802 cells, expected at most 300 rows and 3000 cells  limit');
  });

  it('refuses an image over the pixel budget', async () => {
    await writeFile(path.join(project.root, 'assets', 'huge.png'), pngHeaderOnly(12000, 9000));
    const { messages } = await renderSection('# T\n\n![Huge](../../assets/huge.png)\n', '01-intro.md', project.root);
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected image size of `../../assets/huge.png`: 12000 × 9000 pixels, expected at most 40 megapixels  image-too-large');
  });

  it('refuses a YAML alias bomb in front matter', async () => {
    const bomb = '---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n---\n# T\n';
    const { messages } = await renderSection(bomb);
    expect(messages).toContain('brochure/en/01-intro.md:2:1 error Cannot read front matter: Excessive alias count indicates a resource exhaustion attack  front-matter');
  });

  it('refuses a section file over 1 MB', async () => {
    await writeFile(section(), `# T\n\n${'word '.repeat(260_000)}\n`);
    const { messages } = await messagesAfterHtmlBuild();
    expect(messages).toContain('brochure/en/01-intro.md error Unexpected file size: 1270 KB, expected at most 1024 KB  file-too-large');
  });

  it('accepts a photo within the budget and puts it into the page', async () => {
    await writeFile(path.join(project.root, 'assets', 'photo.png'), solidPng(40, 30));
    const { html, messages } = await renderSection('# T\n\n![A photo](../../assets/photo.png)\n', '01-intro.md', project.root);
    expect(messages).toBe('');
    expect(html).toContain('<img src="data:image/png;base64,iVBORw0KGgo');
  });
});

describe('input robustness', () => {
  it('reads files with a byte-order mark, CRLF line ends and tabs', async () => {
    await writeFile(section(), '\uFEFF---\r\ntocTitle: "Intro"\r\n---\r\n# Introduction\r\n\r\nText\twith a tab.\r\n');
    const { ok, messages, html } = await messagesAfterHtmlBuild();
    expect(messages).toBe('');
    expect(ok).toBe(true);
    expect(html[0]).toContain('<span class="toc-title">Intro</span>');
    expect(html[0]).toContain('<p>Text\twith a tab.</p>');
  });

  it('reports bytes that are not UTF-8 at their line and column', async () => {
    await writeFile(section(), Buffer.concat([Buffer.from('# Title\n\nCaf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]));
    const { ok, messages } = await messagesAfterHtmlBuild();
    expect(ok).toBe(false);
    expect(messages).toBe(
      'brochure/en/01-intro.md:3:4 error Unexpected bytes that are not UTF-8 text  encoding\n' +
        '  hint: Save the file as UTF-8 in your editor ("Save with encoding" / "Kodierung"), then build again.',
    );
  });

  it('reports an empty section file and one with only front matter', async () => {
    await writeFile(section(), '');
    await writeFile(section('mk'), '---\ntocTitle: "Вовед"\n---\n');
    const { messages } = await messagesAfterHtmlBuild();
    expect(messages).toContain('brochure/en/01-intro.md:1:1 error Missing section title, expected a first heading like `# Title`  section-title');
    expect(messages).toContain('brochure/mk/01-intro.md:1:1 error Missing section title, expected a first heading like `# Title`  section-title');
  });

  it('names the line and key of a front-matter mistake', async () => {
    await writeFile(section(), '---\ntoc_title: "Intro"\n---\n# Introduction\n');
    const { messages } = await messagesAfterHtmlBuild();
    expect(messages).toContain('brochure/en/01-intro.md:2:1 error Unexpected key `toc_title` in front matter  front-matter\n  hint: Remove it or check its spelling; the keys allowed here are: `tocTitle`, `class`.');
  });

  it('reports a missing language folder', async () => {
    await mkdir(path.join(project.root, 'tmp'));
    const config = path.join(project.root, 'brochure', 'brochure.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('[en, mk]', '[en, mk, sq]'));
    const { messages } = await messagesAfterHtmlBuild();
    expect(messages).toContain('brochure/sq error Cannot find the folder of language `sq`  missing-language');
  });
});

describe('HTML the sanitiser removes or never reads, said at its place', () => {
  it('an image with a file: or data: address says that such addresses are not allowed', async () => {
    const { messages } = await renderSection('# T\n\n![A file](file:///etc/passwd)\n\n![A data](data:image/png;base64,iVBORw0KGgo=)\n\n![Up](FILE:../x.png)\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:1 error Unexpected image address `file:///etc/passwd`, expected a file in the project: `file:` addresses are not allowed  image-remote');
    expect(messages).toContain('brochure/en/01-intro.md:5:1 error Unexpected image address `data:image/png;base64,iVBORw0KGgo=`, expected a file in the project: `data:` addresses are not allowed  image-remote');
    expect(messages).toContain('brochure/en/01-intro.md:7:1 error Unexpected image address `FILE:../x.png`, expected a file in the project: `file:` addresses are not allowed  image-remote');
    expect(messages).not.toContain('Missing image path');
  });

  it('warns about every attribute it drops: srcset, classes, alignment', async () => {
    const { messages, html } = await renderSection('# T\n\n<img srcset="big.png 2x" src="../../assets/loop.svg" alt="Loop">\n\nA <span class="page-break" align="right">word</span>.\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:1 warning Unexpected `srcset` attribute on `<img>`, it is removed  unsafe-html');
    expect(messages).toContain('brochure/en/01-intro.md:5:3 warning Unexpected `class` attribute on `<span>`, it is removed  unsafe-html');
    expect(html).not.toContain('srcset');
    expect(html).not.toContain('page-break');
  });

  it('a tag that is printed as text because it was not read as HTML is an error when it would load something', async () => {
    const { messages } = await renderSection('# T\n\nText <link href=http://evil.example/x.css> more.\n\nSee <iframe src=file:///etc/passwd></iframe> here, and <b>bold</b>, and a < b > c.\n\nA <span title=x>word.\n');
    expect(messages).toContain('brochure/en/01-intro.md:3:6 error Unexpected `<link…` written as text, it is printed as it stands  unsafe-html');
    expect(messages).toContain('brochure/en/01-intro.md:5:5 error Unexpected `<iframe…` written as text, it is printed as it stands  unsafe-html');
    expect(messages).not.toMatch(/`<b…`|`<span…`/);
  });
});

describe('file names and text that a terminal would act on', () => {
  it('are printed with their control characters and bidi overrides escaped', async () => {
    await writeFile(path.join(project.root, 'brochure', 'mk', '\x1b[2J\x1b[32mall-good.md'), '# x\n');
    await mkdir(path.join(project.root, 'brochure', 'mk', 'figures'));
    await symlink('/etc/hostname', path.join(project.root, 'brochure', 'mk', 'figures', 'chart\u202egnp.svg'));
    await writeFile(section('mk'), (await readFile(section('mk'), 'utf8')).replace('# Вовед', '# Вовед\r\x07'));
    const outcome = await runCli(['check', '--lang', 'mk'], { cwd: project.root });
    expect(outcome.stdout).not.toMatch(/[\x07\x1b\r\u202e]/);
    expect(outcome.stdout).toContain('brochure/mk warning Unexpected file name `\\u{1b}[2J\\u{1b}[32mall-good.md`, expected `NN-name.md`; the file is left out  section-name');
    expect(outcome.stdout).toContain('brochure/mk/figures/chart\\u{202e}gnp.svg error Unexpected link `brochure/mk/figures/chart\\u{202e}gnp.svg` to `/etc/hostname`, expected a file inside brochure/  file-outside');
  });
});
