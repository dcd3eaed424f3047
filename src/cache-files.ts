import { mkdir, readFile, readdir, rm, stat, utimes } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

// The files of the build cache (node_modules/.cache/brochure-pipeline, see build/cache-folders.ts). A cache only
// saves time: a file that is missing, cut short or not JSON is as none, and one that cannot be written is not.

/** The JSON of a cache file; undefined when there is none or it cannot be read or parsed. */
export async function readCacheFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Writes a cache file, beside it first and renamed into place, so that a build running at the same time never
 * reads half a file. A folder that cannot be written (full disk, permissions, a file in its way) is ignored.
 */
export async function writeCacheFile(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    // No fsync: a file lost in a crash is only made again.
    await writeFileAtomic(file, text, { fsync: false });
  } catch {
    // The next build does the work again.
  }
}

/** Marks a cache file as just used, so that keepNewest keeps the files in use. */
export async function touchCacheFile(file: string): Promise<void> {
  const now = new Date();
  await utimes(file, now, now).catch(() => undefined);
}

/**
 * Removes all but the `keep` most recently written or used (touchCacheFile) files of a cache folder, which would
 * otherwise grow with every edit (a page read again, a new cover picture). A file removed too early is only made
 * again. Pruning saves space; it never fails a build.
 */
export async function keepNewest(folder: string, keep: number): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  if (names.length <= keep) return;
  const files = await Promise.all(names.map(async (name) => ({ name, written: (await stat(path.join(folder, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  files.sort((a, b) => b.written - a.written);
  await Promise.all(files.slice(keep).map(({ name }) => rm(path.join(folder, name), { force: true }).catch(() => undefined)));
}
