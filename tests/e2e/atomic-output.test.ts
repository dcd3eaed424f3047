import { cp, lstat, readFile, readdir, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/publish/manifest.js';
import { buildsFolder, currentOutput, SWITCH_STEPS } from '../../src/publish/output-folder.js';
import { clean, makeProject } from '../helpers/project.js';
import { runCli, spawnCli } from '../helpers/cli.js';

/** Two builds that differ in every PDF (their date), both printed once; every later build comes from the cache. */
const OLD_EPOCH = '1622505600';
const NEW_EPOCH = '1625097600';
const TOP_LEVEL = ['index.html', 'manifest.json', 'translation-status.json'];

let root: string;
let cleanup: () => Promise<void>;
let dist: string;
let oldGeneration: string;
let newGeneration: string;
let oldManifest: string;
let newManifest: string;
/** Copies of both generations, outside the output's folders. */
let saved: string;

/** Every file under `folder` (links followed at the top only), relative, sorted. */
async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
}

/**
 * What a reader of the usual paths sees: dist/manifest.json, and every file it lists with the SHA-256 it
 * lists, nothing more; the download page's checksums are those of the files it links to. Returns the
 * manifest's text.
 */
async function seenThroughOutput(): Promise<string> {
  const text = await readFile(path.join(dist, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(text) as { files: Array<{ path: string; sha256: string }> };
  for (const file of manifest.files) expect(sha256(await readFile(path.join(dist, file.path))), file.path).toBe(file.sha256);
  const listed = [...manifest.files.map((file) => file.path), ...TOP_LEVEL].sort();
  expect((await filesUnder(dist)).filter((name) => !name.startsWith('release/'))).toEqual(listed);
  const page = await readFile(path.join(dist, 'index.html'), 'utf8');
  const shown = [...page.matchAll(/<li>([^<\s]+) <span class="sum">([0-9a-f]{64})<\/span>/g)];
  expect(shown.length).toBeGreaterThan(0);
  for (const [, link, sum] of shown) expect(sha256(await readFile(path.join(dist, link!))), link).toBe(sum);
  return text;
}

/**
 * Puts the output back as the old build left it: dist/ a link to the old generation, the new build's
 * generation left over beside it (for a build to clean up), nothing else.
 */
async function backToOld(): Promise<void> {
  await rm(dist, { recursive: true, force: true });
  for (const name of await readdir(root)) if (name.startsWith('.dist-link-')) await rm(path.join(root, name));
  const builds = buildsFolder(dist);
  for (const name of await readdir(builds)) if (name !== '.lock') await rm(path.join(builds, name), { recursive: true, force: true });
  for (const generation of [oldGeneration, newGeneration]) await cp(path.join(saved, path.basename(generation)), generation, { recursive: true });
  await symlink(path.relative(root, oldGeneration), dist);
}

beforeAll(async () => {
  ({ root, cleanup } = await makeProject('basic'));
  dist = path.join(root, 'dist');
  saved = path.join(root, 'saved-generations');
  // Built through the command line, as the killed builds are, so that those find both languages in the cache.
  expect((await runCli(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: OLD_EPOCH } })).code).toBe(0);
  oldGeneration = await realpath(dist);
  oldManifest = await readFile(path.join(dist, 'manifest.json'), 'utf8');
  expect((await runCli(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: NEW_EPOCH } })).code).toBe(0);
  newGeneration = await realpath(dist);
  newManifest = await readFile(path.join(dist, 'manifest.json'), 'utf8');
  expect(newManifest).not.toBe(oldManifest);
  for (const generation of [oldGeneration, newGeneration]) await cp(generation, path.join(saved, path.basename(generation)), { recursive: true });
});
afterAll(async () => cleanup());

describe('a build killed at any step of writing the output', () => {
  // Before the switch the old build shows; from the rename on, the new one. (moved-earlier: below.)
  const steps = SWITCH_STEPS.filter((step) => step !== 'moved-earlier').map((step) => [step, ['switched', 'cleaning'].includes(step) ? 'new' : 'old'] as const);
  it.each(steps)('killed at %s: dist/ shows the %s build, whole, and a release verifies it', async (step, expected) => {
    await backToOld();
    const { done } = spawnCli(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: NEW_EPOCH, BROCHURE_TEST_FAULT: `kill@${step}` } });
    const outcome = await done;
    expect(outcome.signal, outcome.stderr).toBe('SIGKILL');
    // The build came from the cache: no browser was started, so none can be left.
    expect(outcome.stderr).toContain('unchanged (cached)');
    expect(await seenThroughOutput()).toBe(expected === 'new' ? newManifest : oldManifest);
    // The killed build's lock goes stale after 5 s, and the next command takes it over: once (at `switched`)
    // the release waits for that; elsewhere the lock is removed to keep the test short.
    if (step !== 'switched') await rm(path.join(buildsFolder(dist), '.lock'), { recursive: true, force: true });
    // The next command finds a consistent output: a release checks every file against the manifest.
    const release = await runCli(['release'], { cwd: root });
    expect(release.code, release.stderr).toBe(0);
    expect(await seenThroughOutput()).toBe(expected === 'new' ? newManifest : oldManifest);
  });

  it('killed between the two renames of the very first switch from a real folder: the new build is complete and the next command restores dist/', async () => {
    await backToOld();
    await rm(dist);
    await cp(oldGeneration, dist, { recursive: true });
    const { done } = spawnCli(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: NEW_EPOCH, BROCHURE_TEST_FAULT: 'kill@moved-earlier' } });
    expect((await done).signal).toBe('SIGKILL');
    await rm(path.join(buildsFolder(dist), '.lock'), { recursive: true, force: true });
    await expect(lstat(dist)).rejects.toThrow(/ENOENT/);
    // Nothing is lost: the old build is a generation, and the newest complete one is the new build.
    expect(JSON.stringify((await currentOutput(dist))!.manifest, null, 2)).toBe(newManifest.trim());
    expect((await runCli(['release'], { cwd: root })).code).toBe(0);
    expect((await lstat(dist)).isSymbolicLink()).toBe(true);
    expect(await seenThroughOutput()).toBe(newManifest);
  });
});

describe('a failing disk while writing the output', () => {
  it.each(['writing', 'manifest', 'linked'])('at %s: a clear message, and dist/ keeps the old build', async (step) => {
    await backToOld();
    process.env.BROCHURE_TEST_FAULT = `eio@${step}`;
    try {
      const outcome = await runCli(['build'], { cwd: root, env: { SOURCE_DATE_EPOCH: NEW_EPOCH } });
      expect(outcome.code).toBe(1);
      const doing = { writing: 'writing `en/index.html`', manifest: 'writing `manifest.json`', linked: 'switching `dist` to the new build' }[step];
      expect(clean(outcome.stderr, root)).toContain(
        `Cannot write the build into \`<root>/dist\` (${doing}).\n  caused by: EIO: i/o error, write\n  hint: Check free space and permissions of the output folder; the previous build is kept.\n`,
      );
    } finally {
      delete process.env.BROCHURE_TEST_FAULT;
    }
    expect(await seenThroughOutput()).toBe(oldManifest);
    expect(await readlink(dist)).toBe(path.relative(root, oldGeneration));
  });
});

describe('files of the output changed by hand', () => {
  it('are not carried into a one-language build, nor released', async () => {
    await backToOld();
    await writeFile(path.join(dist, 'en', 'sample-en.pdf'), 'edited by hand');
    const built = await runCli(['build', '--lang', 'mk'], { cwd: root, env: { SOURCE_DATE_EPOCH: NEW_EPOCH } });
    expect(built.code).toBe(1);
    expect(built.stderr).toContain(
      'Cannot keep `en/sample-en.pdf` of the previous build: it differs from what manifest.json says was built (SHA-256).\n  hint: Build every language again (without --lang): the output is then made anew.\n',
    );
    const release = await runCli(['release'], { cwd: root });
    expect(release.code).toBe(1);
    expect(release.stderr).toContain('en/sample-en.pdf changed since the build (its SHA-256 differs from manifest.json): build again before releasing.');
  });
});
