import crypto from 'node:crypto';
import { copyFile, link, lstat, mkdir, readFile, readdir, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { BrochureError } from '../errors.js';
import { sha256, type Manifest } from './manifest.js';
import type { OutputFile } from './output-names.js';

export type { OutputFile };


/** The build the output folder shows now: its real folder and its manifest. */
export interface CurrentOutput {
  folder: string;
  manifest: Manifest | undefined;
}

/**
 * How the output folder changes all at once. Each build writes a complete new folder (a generation) beside
 * the output, in `.<name>-builds/`: the files it made, and hard links to the files it keeps from the current
 * generation (other languages of a one-language build, dist/release/ aside), manifest.json last. The output
 * folder itself is a symbolic link that is then replaced by another one with rename(2), which is atomic:
 * whatever instant a build is killed at, dist/ shows the old build or the new one, never a mix. The current
 * and the previous generation are kept; older ones are removed.
 */
export function buildsFolder(outDir: string): string {
  return path.join(path.dirname(outDir), `.${path.basename(outDir)}-builds`);
}

/** The generation the output folder points at; a real folder (before the first switch) counts as one. */
export async function currentOutput(outDir: string): Promise<CurrentOutput | undefined> {
  let folder: string;
  try {
    folder = await realpath(outDir);
  } catch {
    // No output yet, or a build was killed while replacing a real folder by the link: the newest complete
    // generation is the current one.
    const newest = (await generations(outDir)).at(-1);
    if (!newest) return undefined;
    folder = newest;
  }
  return { folder, manifest: await readManifest(folder) };
}

/** manifest.json of a generation; undefined when it has none (not a build, or one that never completed). */
export async function readManifest(folder: string): Promise<Manifest | undefined> {
  return readFile(path.join(folder, 'manifest.json'), 'utf8').then((text) => JSON.parse(text) as Manifest, () => undefined);
}

/**
 * The steps of switchOutput, in order. A test can stop a build at any of them, as a crash would
 * (BROCHURE_TEST_FAULT=kill@<step>, the process kills itself with SIGKILL) or as a failing disk would
 * (BROCHURE_TEST_FAULT=eio@<step>): tests/e2e/atomic-output.test.ts shows that the output folder then shows
 * the old build or the new one, never a mix.
 */
export const SWITCH_STEPS = ['writing', 'written', 'manifest', 'linked', 'moved-earlier', 'switched', 'cleaning'] as const;

/** Where a test stops the switch; never set outside the tests. */
const FAULT = 'BROCHURE_TEST_FAULT';

function faultPoint(step: (typeof SWITCH_STEPS)[number]): void {
  const [action, at] = (process.env[FAULT] ?? '').split('@');
  if (at !== step) return;
  if (action === 'kill') process.kill(process.pid, 'SIGKILL');
  if (action === 'eio') throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
}

/**
 * Makes a new generation of `files` plus the files `keep` of the current one (hard links), and points the
 * output folder at it. The caller holds the lock (lockOutput). manifest.json is written last (renamed into
 * place complete): its presence marks a complete generation.
 */
export async function switchOutput(outDir: string, current: CurrentOutput | undefined, files: OutputFile[], keep: string[]): Promise<void> {
  const builds = buildsFolder(outDir);
  const id = `${Date.now().toString(36)}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const folder = path.join(builds, id);
  let doing = 'making a folder for the new build';
  try {
    await mkdir(folder, { recursive: true });
    const written = new Set(files.map((file) => file.path));
    const linked = keep.filter((name) => !written.has(name));
    const linkKept = async (name: string, as = name) => {
      doing = `keeping \`${name}\` of the previous build`;
      const target = path.join(folder, as);
      await mkdir(path.dirname(target), { recursive: true });
      // Files of a build are never changed in place, so a hard link is a copy that costs nothing.
      await link(path.join(current!.folder, name), target).catch(() => copyFile(path.join(current!.folder, name), target));
    };
    for (const name of linked.filter((name) => name !== 'manifest.json')) await linkKept(name);
    for (const [index, file] of files.filter((entry) => entry.path !== 'manifest.json').entries()) {
      doing = `writing \`${file.path}\``;
      const target = path.join(folder, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.data);
      if (index === 0) faultPoint('writing');
    }
    faultPoint('written');
    // manifest.json comes last, whole (written beside and renamed): it marks the generation complete.
    doing = 'writing `manifest.json`';
    const manifest = files.find((file) => file.path === 'manifest.json');
    if (manifest) await writeFile(path.join(folder, '.manifest.json.partial'), manifest.data);
    else if (linked.includes('manifest.json')) await linkKept('manifest.json', '.manifest.json.partial');
    await rename(path.join(folder, '.manifest.json.partial'), path.join(folder, 'manifest.json'));
    faultPoint('manifest');
    doing = `switching \`${path.basename(outDir)}\` to the new build`;
    const temporaryLink = path.join(path.dirname(outDir), `.${path.basename(outDir)}-link-${id}`);
    await symlink(path.relative(path.dirname(outDir), folder), temporaryLink);
    faultPoint('linked');
    const existing = await lstat(outDir).catch(() => undefined);
    if (existing && !existing.isSymbolicLink()) {
      // The first build into a real folder (an empty dist/, or a build from before outputs were links): it
      // becomes a generation too, the previous build until two more have been made. Between these two renames
      // the output folder does not exist; readers and the next build take the newest complete generation.
      await rename(outDir, path.join(builds, `0-${id}-earlier`));
      faultPoint('moved-earlier');
    }
    await rename(temporaryLink, outDir);
    faultPoint('switched');
  } catch (cause) {
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    throw new BrochureError('output-io', `Cannot write the build into \`${outDir}\` (${doing}).`, { cause });
  }
  await removeOldGenerations(outDir, folder, current?.folder);
}

/**
 * Files of the current build whose content is not what its manifest.json says (a file edited or replaced by
 * hand): a build that keeps them, or a release, would vouch for them.
 */
export async function changedSinceBuilt(current: CurrentOutput, names: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const entry of current.manifest?.files ?? []) {
    if (!names.includes(entry.path)) continue;
    const bytes = await readFile(path.join(current.folder, entry.path)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== entry.sha256) changed.push(entry.path);
  }
  return changed;
}

/** Complete generations (with manifest.json), oldest first. */
async function generations(outDir: string): Promise<string[]> {
  const builds = buildsFolder(outDir);
  const names = (await readdir(builds).catch(() => [] as string[])).filter((name) => !name.startsWith('.')).sort();
  const complete: string[] = [];
  for (const name of names) if (await readManifest(path.join(builds, name))) complete.push(path.join(builds, name));
  return complete;
}

/** Removes every generation but the current and the previous one, and folders of builds that never completed. */
async function removeOldGenerations(outDir: string, current: string, previous: string | undefined): Promise<void> {
  const builds = buildsFolder(outDir);
  const keep = new Set([current, previous].filter(Boolean).map((folder) => path.resolve(folder!)));
  for (const name of await readdir(builds).catch(() => [] as string[])) {
    if (name.startsWith('.')) continue; // the lock
    const folder = path.join(builds, name);
    if (keep.has(folder)) continue;
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    faultPoint('cleaning');
  }
  for (const name of await readdir(path.dirname(outDir)).catch(() => [] as string[])) {
    if (name.startsWith(`.${path.basename(outDir)}-link-`)) await rm(path.join(path.dirname(outDir), name), { force: true });
  }
}

/** How long a build waits for another build to finish writing the same output before it gives up. */
const LOCK_WAIT_MS = 120_000;

/**
 * Takes the output folder's lock (proper-lockfile, a folder next to the builds), so that two builds never
 * write at once: the second waits for the first. A lock whose holder died is taken over after a few seconds.
 * Returns the function that releases it.
 */
export async function lockOutput(outDir: string, waitMs = LOCK_WAIT_MS): Promise<() => Promise<void>> {
  const builds = buildsFolder(outDir);
  try {
    await mkdir(builds, { recursive: true });
  } catch (cause) {
    throw new BrochureError('output-io', `Cannot write the build into \`${outDir}\` (making \`${builds}\`).`, { cause });
  }
  try {
    return await lockfile.lock(builds, {
      lockfilePath: path.join(builds, '.lock'),
      stale: 5_000,
      retries: { retries: Math.ceil(waitMs / 500), minTimeout: 100, maxTimeout: 500, factor: 1.2 },
    });
  } catch (cause) {
    throw new BrochureError('output-locked', `Another build is still writing to \`${outDir}\` after ${Math.round(waitMs / 1000)} s; wait for it to finish, or stop it.`, { cause });
  }
}
