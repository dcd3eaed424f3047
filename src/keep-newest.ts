import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Removes all but the `keep` most recently written files of a cache folder, which would otherwise grow with
 * every edit (a page read again, a new cover picture). A file removed too early is only made again. Pruning
 * saves space; it never fails a build.
 */
export async function keepNewest(folder: string, keep: number): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  if (names.length <= keep) return;
  const files = await Promise.all(names.map(async (name) => ({ name, written: (await stat(path.join(folder, name)).catch(() => undefined))?.mtimeMs ?? 0 })));
  files.sort((a, b) => b.written - a.written);
  await Promise.all(files.slice(keep).map(({ name }) => rm(path.join(folder, name), { force: true }).catch(() => undefined)));
}
