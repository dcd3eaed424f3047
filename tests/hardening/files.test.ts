import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BuildCache } from '../../src/build/build-cache.js';
import { build } from '../../src/build/build.js';
import { projectPaths } from '../../src/config/load-config.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { clean, makeProject } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';

let project: Awaited<ReturnType<typeof makeProject>>;
let outside: string;
const SECRET = 'SECRET-TOKEN-do-not-print';
beforeEach(async () => {
  project = await makeProject('basic');
  outside = await mkdtemp(path.join(os.tmpdir(), 'brochure-outside-'));
  await writeFile(path.join(outside, 'secret.md'), `# ${SECRET}\n\n${SECRET}\n`);
  await writeFile(path.join(outside, 'strings.json'), JSON.stringify({ toc: { title: SECRET } }));
});
afterEach(async () => {
  await project.cleanup();
  await rm(outside, { recursive: true, force: true });
});

const mk = (...names: string[]) => path.join(project.root, 'brochure', 'mk', ...names);
async function replaceByLink(file: string, target: string): Promise<void> {
  await unlink(file).catch(() => undefined);
  await symlink(target, file);
}
async function check(args: string[] = []): Promise<{ messages: string; code: number; html: string }> {
  const outcome = await runCli(['build', '--html-only', '--lang', 'mk', ...args], { cwd: project.root });
  const result = await build({ root: project.root, languages: ['mk'], print: false, write: false, allowIncomplete: true });
  return { messages: clean(outcome.stderr, project.root).split(outside).join('<outside>'), code: outcome.code, html: result.languages[0]!.html ?? '' };
}

describe('every file of a translation is read from inside brochure/, links resolved', () => {
  it('a section that is a link to a file outside the project is an error, with --allow-incomplete too (the issue)', async () => {
    await replaceByLink(mk('01-intro.md'), path.join(outside, 'secret.md'));
    const { messages, code, html } = await check(['--allow-incomplete']);
    expect(code).toBe(1);
    expect(messages).toContain('brochure/mk/01-intro.md error Unexpected link `brochure/mk/01-intro.md` to `<outside>/secret.md`, expected a file inside brochure/  file-outside');
    expect(messages).not.toContain(SECRET);
    expect(html).not.toContain(SECRET);
  });

  it('so are strings.json, index.md, a figure and reviewed.json, and links into the project outside brochure/', async () => {
    await writeFile(path.join(project.root, '.npmrc'), `//registry.example/:_authToken=${SECRET}\n`);
    await replaceByLink(mk('strings.json'), path.join(outside, 'strings.json'));
    await replaceByLink(mk('index.md'), '../../.npmrc');
    await mkdir(mk('figures'));
    await symlink(path.join(outside, 'secret.md'), mk('figures', 'chart.svg'));
    await replaceByLink(mk('reviewed.json'), '/proc/self/environ');
    const { messages } = await check();
    expect(messages).toContain('brochure/mk/strings.json error Unexpected link `brochure/mk/strings.json` to `<outside>/strings.json`, expected a file inside brochure/  file-outside');
    expect(messages).toContain('brochure/mk/index.md error Unexpected link `brochure/mk/index.md` to `<root>/.npmrc`, expected a file inside brochure/  file-outside');
    expect(messages).toContain('brochure/mk/figures/chart.svg error Unexpected link `brochure/mk/figures/chart.svg` to `<outside>/secret.md`, expected a file inside brochure/  file-outside');
    // reviewed.json that cannot be read is no record at all: every section is unreviewed.
    expect(messages).toContain('brochure/mk/01-intro.md:1:1 error Translation never marked reviewed');
    expect(messages).not.toContain(SECRET);
  });

  it('a language folder that is a link to somewhere else is not read at all', async () => {
    await rm(mk(), { recursive: true });
    await symlink(outside, mk());
    const { messages } = await check();
    expect(messages).toContain('brochure/mk error Unexpected link `brochure/mk` to `<outside>`, expected a folder inside brochure/  file-outside');
    expect(messages).not.toContain(SECRET);
  });

  it('a named pipe or a device never blocks the build', async () => {
    execFileSync('mkfifo', [mk('03-pipe.md')]);
    await symlink('/dev/zero', mk('04-zero.md'));
    const started = performance.now();
    const { messages } = await check();
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(messages).toContain('brochure/mk/03-pipe.md error Unexpected `brochure/mk/03-pipe.md`: it is not a file  missing-file');
    expect(messages).toContain('brochure/mk/04-zero.md error Unexpected link `brochure/mk/04-zero.md` to `/dev/zero`, expected a file inside brochure/  file-outside');
  });

  it('a link inside brochure/ is read, and the build cache notices when its target changes', async () => {
    await mkdir(path.join(project.root, 'brochure', 'shared'));
    const target = path.join(project.root, 'brochure', 'shared', 'intro-mk.md');
    await writeFile(target, await readFile(mk('01-intro.md'), 'utf8'));
    await replaceByLink(mk('01-intro.md'), '../shared/intro-mk.md');
    const { messages, html } = await check();
    expect(messages).not.toContain('file-outside');
    expect(html).toContain('Вовед');
    const paths = projectPaths(project.root);
    const key = () => new BuildCache(paths, path.join(project.root, 'cache')).key('mk', 'en', { tools: [] });
    const before = await key();
    expect(await key()).toBe(before);
    await writeFile(target, (await readFile(target, 'utf8')).replace('Вовед', 'Вовед 2'));
    const changedContent = await key();
    expect(changedContent).not.toBe(before);
    const other = path.join(project.root, 'brochure', 'shared', 'other.md');
    await writeFile(other, await readFile(target, 'utf8'));
    await replaceByLink(mk('01-intro.md'), '../shared/other.md');
    expect(await key()).not.toBe(changedContent);
  });
});

describe('reviewed.json of any shape', () => {
  it('counts only well-formed entries: anything else is a section never reviewed, not a crash', async () => {
    await writeFile(mk('reviewed.json'), JSON.stringify({ sourceLanguage: 'en', sections: { '01-intro.md': { blocks: 5, reviewed: [] }, '02-details.md': null, '__proto__': { blocks: ['x'] } } }));
    const { messages, code } = await check();
    expect(code).toBe(1);
    expect(messages).toContain('brochure/mk/01-intro.md:1:1 error Translation never marked reviewed');
    expect(messages).toContain('brochure/mk/02-details.md:1:1 error Translation never marked reviewed');
    expect(messages).not.toContain('internal error');
  });
});

describe('files from Windows and macOS', () => {
  it('CRLF, a byte-order mark and decomposed letters (NFD) are read as composed text, also in figures and their names', async () => {
    const nfd = (text: string) => text.normalize('NFD');
    const intro = await readFile(mk('01-intro.md'), 'utf8');
    // Macedonian ќ and ѓ, and Bosnian č ć š ž đ, decomposed as macOS writes them.
    const text = intro.replace('# Вовед', '# Вовед ќ ѓ č ć š ž').replace('Пасус', 'Пасус ѓубре');
    expect(nfd(text)).not.toBe(text);
    await writeFile(mk('01-intro.md'), `\uFEFF${nfd(text).replace(/\n/g, '\r\n')}`);
    const strings = JSON.parse(await readFile(mk('strings.json'), 'utf8')) as { toc: { title: string } };
    strings.toc.title = nfd('Содржина ќ');
    await writeFile(mk('strings.json'), `\uFEFF${JSON.stringify(strings, null, 2).replace(/\n/g, '\r\n')}`);
    // A drawing saved on a Mac with a decomposed name, written composed in the Markdown.
    await writeFile(path.join(project.root, 'assets', nfd('šema.svg')), await readFile(path.join(project.root, 'assets', 'loop.svg')));
    for (const lang of ['en', 'mk']) {
      const file = path.join(project.root, 'brochure', lang, '01-intro.md');
      await writeFile(file, (await readFile(file, 'utf8')).replace('../../assets/loop.svg', '../../assets/šema.svg'));
    }
    const result = await build({ root: project.root, languages: ['mk'], print: false, write: false, allowIncomplete: true });
    const messages = formatMessages(result.languages.flatMap((language) => language.files), { cwd: project.root });
    expect(messages).not.toMatch(/glyph|encoding|error|missing-image/);
    const html = result.languages[0]!.html!;
    expect(html).toContain('Вовед ќ ѓ č ć š ž');
    expect(html).toContain('Пасус ѓубре');
    expect(html).toContain('Содржина ќ');
    expect(html).toMatch(/<svg[^>]*class="inline-svg"/);
    expect(html.normalize('NFC')).toBe(html);
  });
});
