import { mkdir, readFile, readdir, readlink, symlink, writeFile } from 'node:fs/promises';
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

describe('a release', () => {
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
