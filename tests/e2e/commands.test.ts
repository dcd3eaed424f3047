import { cp, mkdir, mkdtemp, readFile, readdir, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { clean, makeProject } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';
import { BrochureError, describeError, exitCodeOf } from '../../src/errors.js';

async function project() {
  const made = await makeProject('basic');
  onTestFinished(() => made.cleanup());
  return made.root;
}

describe('a missing tool', () => {
  it('is said before anything is printed: Ghostscript for --press-ready', async () => {
    const root = await project();
    const outcome = await runCli(['build', '--press-ready'], { cwd: root, env: { BROCHURE_GHOSTSCRIPT: '/nonexistent/gs' } });
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain('Cannot find Ghostscript (`/nonexistent/gs`), which makes the press-ready PDF/X (--press-ready).');
    expect(outcome.stderr).toContain('hint: Debian/Ubuntu: `sudo apt-get install ghostscript`');
    // Nothing was read, checked or printed first.
    expect(outcome.stderr).not.toMatch(/ (parse|print) {2}\(/);
  });
});

describe('errors of the tool', () => {
  it('a known kind says what to do and exits with its code; anything else is called a bug, with its stack only under --debug', () => {
    const known = new BrochureError('output-unsafe', 'Cannot write the build into `brochure`: it is inside brochure/, which the build must never replace.');
    expect(exitCodeOf(known)).toBe(2);
    expect(describeError(known)).toBe(
      'Cannot write the build into `brochure`: it is inside brochure/, which the build must never replace.\n  hint: Choose an empty folder, or the output folder of an earlier build, with --out.',
    );
    const bug = new TypeError("Cannot read properties of undefined (reading 'message')", { cause: new Error('deeper') });
    expect(exitCodeOf(bug)).toBe(1);
    expect(describeError(bug)).toBe(
      "Unexpected internal error: Cannot read properties of undefined (reading 'message')\n  caused by: deeper\n  This is a bug of the brochure tool: run the command again with --debug and report what it prints.",
    );
    const debug = describeError(bug, { debug: true });
    expect(debug).toContain('TypeError: Cannot read properties of undefined');
    expect(debug).toMatch(/\n {4}at .*commands\.test\.ts/);
    expect(debug).toContain('Caused by Error: deeper');
  });

  it('a value an option cannot take is a usage error with the hint', async () => {
    const broken = await runCli(['check', '--format', 'xml'], { cwd: await project() });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe('Unexpected --format `xml`, expected json or text.\n  hint: Run the command with --help to see what it accepts.\n');
  });
});

describe('the output folder', () => {
  it('is never the sources, the project or a folder of other files, also through a link', async () => {
    const root = await project();
    await symlink(path.join(root, 'brochure'), path.join(root, 'sources-link'));
    await mkdir(path.join(root, 'notes'));
    await writeFile(path.join(root, 'notes', 'minutes.txt'), 'keep me');
    const cases: Array<[string, string]> = [
      ['brochure', 'it is inside brochure/, which the build must never replace'],
      ['brochure/mk', 'it is inside brochure/, which the build must never replace'],
      ['sources-link', 'it is inside brochure/, which the build must never replace'],
      ['templates', 'it is inside templates/, which the build must never replace'],
      ['.', 'it is the project folder'],
      ['/', 'it holds the project folder'],
      ['notes', 'it holds files that no build made (`minutes.txt`); the build replaces the whole folder'],
    ];
    for (const [out, why] of cases) {
      const outcome = await runCli(['build', '--lang', 'mk', '--out', out], { cwd: root });
      expect(outcome.code, out).toBe(2);
      expect(clean(outcome.stderr, root), out).toBe(`Cannot write the build into \`${path.resolve(root, out).replace(root, '<root>')}\`: ${why}.\n  hint: Choose an empty folder, or the output folder of an earlier build, with --out.\n`);
    }
    expect(await readdir(path.join(root, 'brochure', 'mk'))).toContain('01-intro.md');
    expect(await readFile(path.join(root, 'notes', 'minutes.txt'), 'utf8')).toBe('keep me');
  });

  it('may be empty, hold only .gitkeep and release/, or be an earlier build, and becomes a link to the newest build', async () => {
    const root = await project();
    await mkdir(path.join(root, 'dist', 'release'), { recursive: true });
    await writeFile(path.join(root, 'dist', '.gitkeep'), '');
    expect((await runCli(['build', '--lang', 'en'], { cwd: root })).code).toBe(0);
    const first = await readlink(path.join(root, 'dist'));
    expect(first).toMatch(/^\.dist-builds\/[\w-]+$/);
    expect((await runCli(['build', '--lang', 'mk'], { cwd: root })).code).toBe(0);
    expect(await readlink(path.join(root, 'dist'))).not.toBe(first);
    expect((await readdir(path.join(root, 'dist'))).sort()).toEqual(['en', 'index.html', 'manifest.json', 'mk', 'translation-status.json']);
  });
});

describe('the output folder, as the issue found it and nearby', () => {
  it('`--out brochure --lang mk`, a link to brochure/, a language named like a folder of the output, `--out /`: refused, nothing touched', async () => {
    const root = await project();
    // A language `etc` (a valid code), and a folder of other files that has an `etc/` of its own.
    await cp(path.join(root, 'brochure', 'mk'), path.join(root, 'brochure', 'etc'), { recursive: true });
    const config = path.join(root, 'brochure', 'brochure.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace('languages: [en, mk]', 'languages: [en, mk, etc]'));
    const elsewhere = await mkdtemp(path.join(os.tmpdir(), 'brochure-out-'));
    onTestFinished(() => rm(elsewhere, { recursive: true, force: true }));
    await mkdir(path.join(elsewhere, 'etc'));
    await writeFile(path.join(elsewhere, 'etc', 'hosts'), 'keep me');
    await symlink(path.join(root, 'brochure'), path.join(elsewhere, 'link-to-sources'));
    await symlink(path.join(elsewhere, 'link-to-sources'), path.join(elsewhere, 'link-to-link'));
    // An earlier build's output with a folder that no build made beside the languages.
    expect((await runCli(['build', '--lang', 'en', '--out', path.join(elsewhere, 'built')], { cwd: root })).code).toBe(0);
    await mkdir(path.join(elsewhere, 'built', 'etc'));
    await writeFile(path.join(elsewhere, 'built', 'etc', 'notes.txt'), 'keep me');
    await writeFile(path.join(elsewhere, 'built', 'en', 'my-notes.txt'), 'keep me');
    // A folder named like another output's build folder, holding other files.
    await mkdir(path.join(elsewhere, '.fresh-builds'));
    await writeFile(path.join(elsewhere, '.fresh-builds', 'thesis.odt'), 'keep me');
    const cases: Array<[string[], string]> = [
      [['--out', 'brochure', '--lang', 'mk'], 'it is inside brochure/, which the build must never replace'],
      [['--out', path.join(elsewhere, 'link-to-sources'), '--lang', 'mk'], 'it is inside brochure/, which the build must never replace'],
      [['--out', path.join(elsewhere, 'link-to-link', 'mk')], 'it is inside brochure/, which the build must never replace'],
      [['--out', 'assets/../brochure/new'], 'it is inside brochure/, which the build must never replace'],
      [['--out', elsewhere, '--lang', 'etc'], 'it holds files that no build made (`.built-builds`, `.fresh-builds`, `built`, …); the build replaces the whole folder'],
      [['--out', path.join(elsewhere, 'built'), '--lang', 'etc'], 'it holds files that no build made (`etc`); the build replaces the whole folder'],
      [['--out', path.join(elsewhere, 'built', 'en')], 'it holds files that no build made (`index.html`, `my-notes.txt`, `preflight.json`, …); the build replaces the whole folder'],
      [['--out', path.join(elsewhere, 'fresh')], '`.fresh-builds` beside it, where builds are kept, holds files that no build made (`thesis.odt`)'],
      [['--out', '/', '--lang', 'etc'], 'it holds the project folder'],
      [['--out', '..'], 'it holds the project folder'],
      [['--out', 'src/new'], 'it is inside src/, which the build must never replace'],
      [['--out', '.git'], 'it is inside .git/, which the build must never replace'],
      [['--out', 'node_modules'], 'it is inside node_modules/, which the build must never replace'],
    ];
    for (const [args, why] of cases) {
      const outcome = await runCli(['build', ...args], { cwd: root });
      expect(outcome.code, args.join(' ')).toBe(2);
      expect(clean(outcome.stderr, root), args.join(' ')).toMatch(new RegExp(`^Cannot write the build into \`[^\`]+\`: ${why.replace(/[()[\]{}.*+?^$|\\]/g, '\\$&')}\.\n  hint: `));
    }
    const built = path.join(elsewhere, 'built');
    // The sources and the other files are as they were: the build replaced brochure/mk with PDFs.
    expect((await readdir(path.join(root, 'brochure', 'mk'))).sort()).toEqual(['01-intro.md', '02-details.md', 'index.md', 'reviewed.json', 'strings.json', 'words.txt']);
    for (const file of [path.join(elsewhere, 'etc', 'hosts'), path.join(built, 'etc', 'notes.txt'), path.join(built, 'en', 'my-notes.txt'), path.join(elsewhere, '.fresh-builds', 'thesis.odt')]) expect(await readFile(file, 'utf8')).toBe('keep me');
  });

  it('the build cache folder may be written into (the preview does), and an earlier build may be built over', async () => {
    const root = await project();
    expect((await runCli(['build', '--lang', 'en', '--out', 'node_modules/.cache/brochure-pipeline/preview'], { cwd: root })).code).toBe(0);
    expect((await runCli(['build', '--lang', 'en', '--out', 'node_modules/.cache/brochure-pipeline/preview'], { cwd: root })).code).toBe(0);
  });
});

describe('a release', () => {
  it('refuses a build without every language of brochure.yaml, as after building one language alone', async () => {
    const root = await project();
    expect((await runCli(['build', '--lang', 'mk'], { cwd: root })).code).toBe(0);
    const refused = await runCli(['release'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'Cannot release: `en` of brochure.yaml is not in the build (it has `mk`).\n  hint: Build every language with `npm run build:brochure` (or put the parts of a build per language together with `npm run assemble`), then release.\n',
    );
    await expect(readdir(path.join(root, 'dist', 'release'))).rejects.toThrow('ENOENT');
    expect((await runCli(['build', '--lang', 'en'], { cwd: root })).code).toBe(0);
    expect((await runCli(['release'], { cwd: root })).stdout).toContain('sample-all-languages.zip');
  });

  it('refuses a language built as a draft unless told --allow-draft', async () => {
    const root = await project();
    const section = path.join(root, 'brochure', 'en', '01-intro.md');
    await writeFile(section, (await readFile(section, 'utf8')).replace('# Introduction', '# Introduction\n\nA new English paragraph, not yet translated.'));
    expect((await runCli(['build'], { cwd: root })).code).toBe(1);
    expect((await runCli(['build', '--allow-incomplete'], { cwd: root })).code).toBe(0);
    const refused = await runCli(['release'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'Cannot release: `mk` is a draft (built with --allow-incomplete from an unfinished translation).\n  hint: Finish the translation and build again, or release the drafts on purpose with `npm run release -- --allow-draft`.\n',
    );
    const allowed = await runCli(['release', '--allow-draft'], { cwd: root });
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain('sample-all-languages.zip');
  });
});
