import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, readdir, realpath, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../../src/build/build.js';
import { cacheFolders } from '../../src/build/cache-folders.js';
import { runCli } from '../helpers/cli.js';
import { makeProject } from '../helpers/project.js';
import { SHARED_EPOCH } from '../setup/shared-builds.js';
import { sharedBuild } from '../helpers/shared-builds.js';

async function temporaryFolder(name: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), `brochure-${name}-`));
  onTestFinished(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** Every file of an output by its path, with its bytes (links followed; release/ aside). */
async function filesOf(out: string): Promise<Map<string, Buffer>> {
  const folder = await realpath(out);
  const names = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  const files = new Map<string, Buffer>();
  for (const entry of names) files.set(path.relative(folder, path.join(entry.parentPath, entry.name)), await readFile(path.join(entry.parentPath, entry.name)));
  return files;
}

describe('four one-language builds, assembled', () => {
  it('give the same output as one build of all four, byte for byte, manifest included', async () => {
    const { root, out } = await sharedBuild('realBuild');
    const work = await temporaryFolder('parts');
    const env = { ...process.env, SOURCE_DATE_EPOCH: SHARED_EPOCH };
    // As in the CI matrix: each language built alone, into a part of its own. en and mk (one of each script)
    // are printed alone, with a cache that has no built language, only the page layouts the shared build
    // learnt (so that each prints once instead of twice); sq and bs come from the shared build's cache, which
    // keeps this test from printing the whole brochure a second time.
    const languages = ['en', 'mk', 'sq', 'bs'];
    const printed = ['en', 'mk'];
    for (const lang of languages) {
      const cache = cacheFolders(root, path.join(work, 'cache', lang));
      if (printed.includes(lang)) await cp(cacheFolders(root).pageMaps, cache.pageMaps, { recursive: true });
      else await cp(cacheFolders(root).root, cache.root, { recursive: true });
    }
    const results = await Promise.all(languages.map((lang) => build({ root, env, languages: [lang], outDir: path.join(work, 'parts', lang), cacheDir: path.join(work, 'cache', lang), jobs: 1 })));
    expect(results.map((result) => result.ok && result.published)).toEqual([true, true, true, true]);
    expect(results.map((result) => result.languages[0]!.cached)).toEqual([false, false, true, true]);
    for (const lang of languages) expect(Object.keys(JSON.parse(await readFile(path.join(work, 'parts', lang, 'manifest.json'), 'utf8')).languages)).toEqual([lang]);

    const outcome = await runCli(['assemble', '--out', path.join(work, 'dist'), ...languages.map((lang) => path.join(work, 'parts', lang))], { cwd: root, env });
    expect(outcome.stderr).toBe('');
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^ok {3}en {4}20 pages {2}from .*parts\/en\n/);
    expect(outcome.stdout).toMatch(/Assembled 4 language\(s\) from 4 part\(s\) in [\d.]+ s into .*dist\/\n$/);

    const [assembled, full] = await Promise.all([filesOf(path.join(work, 'dist')), filesOf(out)]);
    expect([...assembled.keys()].sort()).toEqual([...full.keys()].sort());
    const differing = [...full].filter(([name, bytes]) => !bytes.equals(assembled.get(name)!)).map(([name]) => name);
    expect(differing).toEqual([]);
    const manifest = JSON.parse(assembled.get('manifest.json')!.toString('utf8'));
    expect(manifest.files.filter((file: { variant: string }) => file.variant === 'screen' || file.variant === 'print')).toHaveLength(8);
    expect(manifest.languages.mk.settings.options).toEqual([]);

    // A release of the assembled output is the release of a full build.
    const release = await runCli(['release', '--out', path.join(work, 'dist')], { cwd: root, env });
    expect(release.code).toBe(0);
    expect(await readFile(path.join(work, 'dist', 'release', 'SHA256SUMS'), 'utf8')).toMatch(/^[0-9a-f]{64} {2}circular-economy-en\.zip\n/);
  });
});

describe('parts that do not belong together', () => {
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.email=ci@example.org', '-c', 'user.name=CI', ...args], { cwd, encoding: 'utf8' }).trim();

  it('are refused, naming the part: another commit, another checkout, a damaged file; the output is not touched; matching parts get the page-count check across languages', async () => {
    const project = await makeProject('basic');
    onTestFinished(() => project.cleanup());
    const { root } = project;
    const env = { SOURCE_DATE_EPOCH: SHARED_EPOCH, GITHUB_SHA: '' };
    // mk runs longer than en: a difference only the assembly sees, each part having one language.
    const section = path.join(root, 'brochure', 'mk', '02-details.md');
    await writeFile(section, `${await readFile(section, 'utf8')}\n${'Ова е подолг пасус на македонски јазик, за да има повеќе страници.\n\n'.repeat(150)}`);
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'first');
    const first = git(root, 'rev-parse', 'HEAD');
    const built = await Promise.all(['en', 'mk'].map((lang) => runCli(['build', '--lang', lang, '--out', `parts/${lang}`], { cwd: root, env })));
    expect(built.map((outcome) => outcome.code)).toEqual([0, 0]);

    await writeFile(section, `${await readFile(section, 'utf8')}\n<!-- edited after the first commit -->\n`);
    git(root, 'commit', '-qam', 'second');
    const second = git(root, 'rev-parse', 'HEAD');
    expect((await runCli(['build', '--lang', 'mk', '--out', 'later/mk'], { cwd: root, env })).code).toBe(0);

    const mixed = await runCli(['assemble', 'parts/en', 'later/mk'], { cwd: root, env });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toBe(
      `Cannot assemble: the part \`later/mk\` (mk) was built from commit ${second.slice(0, 12)}, the part \`parts/en\` (en) from commit ${first.slice(0, 12)}.\n` +
        '  hint: Build every part from the same commit with the same settings (one `npm run build:brochure -- --lang X --out parts/X` per language), then assemble them again.\n',
    );
    // The checkout is at the second commit: parts of the first do not match its text (the download page is made from it).
    const elsewhere = await runCli(['assemble', 'parts/en', 'parts/mk'], { cwd: root, env });
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain('Cannot assemble: the parts were built from other files than this checkout has: the text of brochure/ differs.');
    expect(elsewhere.stderr).toContain(`hint: Assemble in a checkout of the commit the parts were built from (${first.slice(0, 12)})`);

    git(root, 'checkout', '-q', first);
    const damaged = path.join(root, 'damaged');
    await cp(await realpath(path.join(root, 'parts', 'mk')), damaged, { recursive: true });
    await truncate(path.join(damaged, 'mk', 'sample-mk.pdf'), 1000);
    const broken = await runCli(['assemble', 'parts/en', 'damaged'], { cwd: root, env });
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe('Cannot use the part `damaged`: mk/sample-mk.pdf differs from its manifest.json (another SHA-256).\n  hint: The part changed after its build, or its download is damaged: download or build it again.\n');
    expect(await readdir(root)).not.toContain('dist');

    const fine = await runCli(['assemble', 'parts/en', 'parts/mk'], { cwd: root, env });
    expect(fine.code).toBe(0);
    expect(fine.stderr).toMatch(/^brochure\/mk\/index\.md warning Unexpected page count \d+ in `mk`, expected 8 as in `en` {2}page-count\n/);
    expect(fine.stdout).toMatch(/^ok {3}mk {4}\d+ pages {2}from parts\/mk$/m);
    const manifest = JSON.parse(await readFile(path.join(root, 'dist', 'manifest.json'), 'utf8'));
    expect(manifest.sourceCommit).toBe(first);
    expect(Object.keys(manifest.languages)).toEqual(['en', 'mk']);
  });
});
