import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import type { SharedBuildPlace, SharedBuildState } from '../setup/shared-builds.js';
import { waitFor } from './cli.js';

/** A shared build of the run (tests/setup/shared-builds.ts), finished: its project, its output and its messages. */
export type SharedBuild = Omit<SharedBuildPlace, 'ready'> & {
  /** Every message of the build, as the terminal shows them, paths relative to `root`. */
  messages: string;
};

const finished = new Map<string, Promise<SharedBuild>>();

/**
 * Waits until the run's shared build `name` is finished (it is made while the first test files run), and
 * returns it; fails with the build's messages when it failed. Read only.
 */
export function sharedBuild(name: 'basicBuild' | 'realBuild'): Promise<SharedBuild> {
  if (!finished.has(name)) {
    finished.set(name, (async () => {
      const { root, out, ready } = inject(name);
      let state: SharedBuildState | undefined;
      const finishedYet = async () => (state = await readState(ready)) !== undefined;
      // Within the time a test may take (vitest.config.ts), so that this message is the one shown.
      await waitFor(finishedYet, `the shared build ${name}`, 100_000);
      if ('error' in state!) throw new Error(state.error);
      return { root, out, messages: state!.messages };
    })());
  }
  return finished.get(name)!;
}

/** The state a shared build's ready file says; undefined while there is no file yet. */
async function readState(ready: string): Promise<SharedBuildState | undefined> {
  try {
    return JSON.parse(await readFile(ready, 'utf8')) as SharedBuildState;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
