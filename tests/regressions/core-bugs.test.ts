import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { REPO, makeProject, poppler } from '../helpers/project.js';
import { runCli } from '../helpers/cli.js';
import { LAUNCH_OWN_BROWSER } from '../helpers/browser.js';
import { sharedBuild } from '../helpers/shared-builds.js';

const cli = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd, env });

describe('bug 1: a one-language build, then a release', () => {
  const projects: Array<{ cleanup(): Promise<void> }> = [];
  afterAll(async () => Promise.all(projects.map((project) => project.cleanup())));

  it('keeps the other languages in dist/, the manifest and the download page, and releases them all', async () => {
    const project = await makeProject('basic');
    projects.push(project);
    expect((await cli(['build'], project.root)).code).toBe(0);
    expect((await cli(['build', '--lang', 'mk', '--force'], project.root)).code).toBe(0);
    const dist = path.join(project.root, 'dist');
    const manifest = JSON.parse(await readFile(path.join(dist, 'manifest.json'), 'utf8')) as { files: Array<{ language: string }> };
    expect([...new Set(manifest.files.map((file) => file.language))].sort()).toEqual(['en', 'mk']);
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toContain('en/sample-en.pdf');
    expect((await cli(['release'], project.root)).code).toBe(0);
    const listing = execFileSync('python3', ['-m', 'zipfile', '-l', path.join(dist, 'release', 'sample-all-languages.zip')], { encoding: 'utf8' });
    expect(listing).toContain('en/sample-en.pdf');
    expect(listing).toContain('mk/sample-mk.pdf');
    expect(execFileSync('python3', ['-m', 'zipfile', '-l', path.join(dist, 'release', 'sample-en.zip')], { encoding: 'utf8' })).toContain('en/sample-en-print.pdf');
  });
});

describe('bug 2: page counts', () => {
  it('of every variant in preflight.json and manifest.json are those of the files', async () => {
    // The run's shared build of the basic fixture, made with --press-ready and --impose booklet.
    const { out } = await sharedBuild('basicBuild');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; pages: number | null }> };
    for (const lang of ['en', 'mk']) {
      const preflight = JSON.parse(await readFile(path.join(out, lang, 'preflight.json'), 'utf8')) as Array<{ file: string; pages: number }>;
      const pdfs = manifest.files.filter((file) => file.path.startsWith(`${lang}/`) && file.path.endsWith('.pdf'));
      expect(pdfs).toHaveLength(4);
      for (const file of pdfs) {
        const pages = Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [path.join(out, file.path)]))![1]);
        expect(file.pages, file.path).toBe(pages);
        const report = preflight.find((entry) => file.path.endsWith(`/${entry.file}`));
        if (report) expect(report.pages, report.file).toBe(pages);
      }
      expect(preflight.map((report) => report.file).sort()).toEqual([`sample-${lang}-press.pdf`, `sample-${lang}-print.pdf`, `sample-${lang}.pdf`]);
    }
  });
});

describe('bug 3: the build cache with three languages', () => {
  it('rebuilds a changed language while another comes from the cache with a page-count warning', async () => {
    const project = await makeProject('basic');
    try {
      const content = path.join(project.root, 'brochure');
      await cp(path.join(content, 'mk'), path.join(content, 'bs'), { recursive: true });
      const config = path.join(content, 'brochure.yaml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('languages: [en, mk]', 'languages: [en, mk, bs]'));
      // mk gets a page more than the source: a page-count warning that its cache entry keeps.
      const intro = path.join(content, 'mk', '01-intro.md');
      await writeFile(intro, `${await readFile(intro, 'utf8')}\n${'Еден подолг пасус што додава уште една страница на македонската верзија. '.repeat(250)}\n`);
      const first = await build({ root: project.root, allowIncomplete: true });
      expect(first.languages.find((language) => language.lang === 'mk')!.files.flatMap((file) => file.messages.map((message) => message.ruleId))).toContain('page-count');
      const bsIntro = path.join(content, 'bs', '01-intro.md');
      await writeFile(bsIntro, `${await readFile(bsIntro, 'utf8')}\nJoš jedan pasus.\n`);
      const second = await build({ root: project.root, allowIncomplete: true });
      expect(second.languages.map((language) => [language.lang, language.ok, language.cached === true])).toEqual([
        ['en', true, true],
        ['mk', true, true],
        ['bs', true, false],
      ]);
    } finally {
      await project.cleanup();
    }
  });
});

describe('bug 4: each command has its own options and help', () => {
  it('shows the help of the command asked for', async () => {
    expect((await cli(['dev', '--help'], REPO)).stdout).toMatch(/^Usage: npm run dev/);
    expect((await cli(['release', '--help'], REPO)).stdout).toMatch(/^Usage: npm run release/);
    expect((await cli(['check', '--help'], REPO)).stdout).toMatch(/^Usage: npm run check/);
  });

  it('refuses options a command does not have, and values it cannot use', async () => {
    const release = await cli(['release', '--press-ready', '--lang', 'xx'], REPO);
    expect(release.code).toBe(2);
    expect(release.stderr).toContain("Unknown option '--press-ready'");
    const check = await cli(['check', '--timeout', 'abc'], REPO);
    expect(check.code).toBe(2);
    expect(check.stderr).toContain("Unknown option '--timeout'");
    const timeout = await cli(['build', '--timeout', 'abc', '--html-only'], REPO);
    expect(timeout.code).toBe(2);
    expect(timeout.stderr).toContain('Unexpected --timeout `abc`, expected a number of seconds such as 120');
  });
});

describe('bug 7: the build cache and the browser', () => {
  it('prints again when the browser changed', async () => {
    const project = await makeProject('basic');
    try {
      // A launched Chromium throughout (not the tests' shared one): its version is what changes.
      const launched = { ...process.env, ...LAUNCH_OWN_BROWSER };
      const first = await build({ root: project.root, languages: ['en'], write: false, env: launched });
      expect(first.languages[0]!.cached).toBeFalsy();
      expect((await build({ root: project.root, languages: ['en'], write: false, env: launched })).languages[0]!.cached).toBe(true);
      // The same Chromium behind a wrapper that reports another version, as after an upgrade.
      const wrapper = path.join(project.root, 'chromium-upgraded');
      await writeFile(wrapper, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Chromium 999.0.0.0"; exit 0; fi\nexec /usr/bin/chromium "$@"\n`, { mode: 0o755 });
      const upgraded = await build({ root: project.root, languages: ['en'], write: false, env: { ...launched, BROCHURE_BROWSER: wrapper } });
      expect(upgraded.ok).toBe(true);
      expect(upgraded.languages[0]!.cached).toBeFalsy();
    } finally {
      await project.cleanup();
    }
  });
});
