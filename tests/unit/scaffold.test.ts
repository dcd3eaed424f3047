import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { withSettingsReference } from '../../src/config/reference.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { REPO, clean, makeProject } from '../helpers/project.js';
import { projectPerTest } from '../helpers/project-per-test.js';

const run = promisify(execFile);
// The command line as a process of its own, compiled once for the run (tests/setup/compiled-cli.ts).
const CLI = [inject('cliEntry')];

describe('npm run new-language', () => {
  const project = projectPerTest(() => makeProject('basic'));

  it('scaffolds a language that the check then reports as untranslated, key by key', async () => {
    const { stdout } = await run(process.execPath, [...CLI, 'new-language', 'hr'], { cwd: project.root });
    expect(stdout).toContain('Created brochure/hr/ from brochure/en/');
    expect((await readdir(path.join(project.root, 'brochure', 'hr'))).sort()).toEqual(['01-intro.md', '02-details.md', 'index.md', 'strings.json']);
    expect(await readFile(path.join(project.root, 'brochure', 'brochure.yaml'), 'utf8')).toMatch(/languages: \[ ?en, mk, hr ?\]/);
    const strings = JSON.parse(await readFile(path.join(project.root, 'brochure', 'hr', 'strings.json'), 'utf8'));
    expect(strings.toc.title).toBe('');

    const result = await build({ root: project.root, languages: ['hr'], print: false, write: false });
    const report = clean(formatMessages(result.languages[0]!.files, { cwd: project.root }), project.root);
    expect(result.ok).toBe(false);
    expect(report).toContain('brochure/hr/strings.json:11:5 error Missing translation of UI string `toc.title`: it is empty  missing-string');
    expect(report).toContain('brochure/hr/01-intro.md:3:1 error Not translated: “A paragraph with a footnote. See the next secti…” is the same as in brochure/en/01-intro.md:3  untranslated');
    expect(report).toContain('brochure/hr/01-intro.md:1:1 error Translation never marked reviewed');
    expect(result.translations.find((status) => status.lang === 'hr')?.complete).toBe(false);
  });

  it('refuses a language that exists', async () => {
    const failure = await run(process.execPath, [...CLI, 'new-language', 'mk'], { cwd: project.root }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failure && failure.code).toBe(2);
    expect((failure as { stderr: string }).stderr).toContain('`mk` is already a language of brochure/brochure.yaml.');
  });
});

describe('settings reference', () => {
  it('in the README is the one generated from the schema (run npm run docs:settings after changing it)', async () => {
    const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
    expect(withSettingsReference(readme)).toBe(readme);
  });
});
