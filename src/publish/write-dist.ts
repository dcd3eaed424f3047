import { mkdir, open, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';

/** A file of the release, relative to the output folder. */
export interface OutputFile {
  path: string;
  data: Uint8Array | string;
}

/** Another build holds the output folder. */
export class OutputLockedError extends Error {
  override name = 'OutputLockedError';
}

const LOCK_FILE = '.build.lock';

/**
 * Writes the files of a build into a staging folder beside the output, then swaps each language folder into
 * place with a rename: readers of dist/ see the old release or the new one, never a half-written file.
 */
export async function publishOutputs(outDir: string, files: OutputFile[]): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await removeStaleStaging(outDir);
  const staging = path.join(outDir, `.staging-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  const retired = path.join(outDir, `.retired-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    for (const file of files) {
      const target = path.join(staging, file.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.data);
    }
    const tops = [...new Set(files.map((file) => file.path.split(/[\\/]/)[0]!))];
    await mkdir(retired, { recursive: true });
    for (const top of tops) {
      await rename(path.join(outDir, top), path.join(retired, top)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      await rename(path.join(staging, top), path.join(outDir, top));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(retired, { recursive: true, force: true });
  }
}

/** How long a build waits for another build to finish publishing before it gives up. */
const LOCK_WAIT_MS = 120_000;

/**
 * Takes the output folder's lock, so that two builds never write into it at once: the second waits for the
 * first (up to two minutes). A lock left by a process that no longer runs (a crash, a kill -9) is taken over.
 * Returns the function that releases it.
 */
export async function lockOutput(outDir: string, waitMs = LOCK_WAIT_MS): Promise<() => Promise<void>> {
  await mkdir(outDir, { recursive: true });
  const lockPath = path.join(outDir, LOCK_FILE);
  const token = `${process.pid} ${crypto.randomBytes(8).toString('hex')}`;
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(token);
      await handle.close();
      return async () => {
        // Only remove the lock if it is still ours.
        if ((await readFile(lockPath, 'utf8').catch(() => '')) === token) await rm(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).split(' ')[0]);
    if (!holder || !isRunning(holder)) {
      await rm(lockPath, { force: true });
      continue;
    }
    if (Date.now() > deadline) {
      throw new OutputLockedError(`Another build (process ${holder}) is still writing to \`${outDir}\` after ${Math.round(waitMs / 1000)} s; wait for it to finish, or stop it.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Removes staging folders left by builds that were killed while publishing. */
export async function removeStaleStaging(outDir: string): Promise<void> {
  const names = await readdir(outDir).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^\.(?:staging|retired)-(\d+)-/.exec(name);
    if (match && !isRunning(Number(match[1]))) await rm(path.join(outDir, name), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
