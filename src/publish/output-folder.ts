import crypto from 'node:crypto';
import { copyFile, link, lstat, mkdir, readFile, readdir, realpath, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { BrochureError } from '../errors.js';
import type { Manifest } from './manifest.js';
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
 * Makes a new generation of `files` plus the files `keep` of the current one (hard links), and points the
 * output folder at it. The caller holds the lock (lockOutput). `files` are written in order: put
 * manifest.json last, since its presence marks a complete generation.
 */
export async function switchOutput(outDir: string, current: CurrentOutput | undefined, files: OutputFile[], keep: string[]): Promise<void> {
  const builds = buildsFolder(outDir);
  const id = `${Date.now().toString(36)}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const folder = path.join(builds, id);
  try {
    await mkdir(folder, { recursive: true });
    const written = new Set(files.map((file) => file.path));
    const linked = keep.filter((name) => !written.has(name));
    const linkKept = async (name: string) => {
      const target = path.join(folder, name);
      await mkdir(path.dirname(target), { recursive: true });
      // Files of a build are never changed in place, so a hard link is a copy that costs nothing.
      await link(path.join(current!.folder, name), target).catch(() => copyFile(path.join(current!.folder, name), target));
    };
    for (const name of linked.filter((name) => name !== 'manifest.json')) await linkKept(name);
    for (const file of files) {
      const target = path.join(folder, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.data);
    }
    // manifest.json comes last: it marks the generation complete.
    if (linked.includes('manifest.json')) await linkKept('manifest.json');
    const temporaryLink = path.join(path.dirname(outDir), `.${path.basename(outDir)}-link-${id}`);
    await symlink(path.relative(path.dirname(outDir), folder), temporaryLink);
    const existing = await lstat(outDir).catch(() => undefined);
    if (existing && !existing.isSymbolicLink()) {
      // The first build into a real folder (an empty dist/, or an older build's): it becomes a generation too,
      // so that it is the previous build until two more have been made.
      await rename(outDir, path.join(builds, `0-${id}-earlier`));
    }
    await rename(temporaryLink, outDir);
  } catch (cause) {
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    throw new BrochureError('output-io', `Cannot write the build into \`${outDir}\`: ${(cause as Error).message}`, { cause });
  }
  await removeOldGenerations(outDir, folder, current?.folder);
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
    if (!keep.has(folder)) await rm(folder, { recursive: true, force: true }).catch(() => undefined);
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
  await mkdir(builds, { recursive: true });
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
