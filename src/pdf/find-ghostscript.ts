import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BrochureError } from '../errors.js';

/** Ghostscript as found: the command and its version. */
export interface FoundGhostscript {
  command: string;
  version: string;
}

/**
 * Finds Ghostscript (`gs`, or $BROCHURE_GHOSTSCRIPT) for --press-ready, before anything is printed, so that a
 * missing one is said at once rather than after every language has printed.
 */
export async function findGhostscript(env: NodeJS.ProcessEnv = process.env): Promise<FoundGhostscript> {
  const command = env.BROCHURE_GHOSTSCRIPT || 'gs';
  try {
    const { stdout } = await promisify(execFile)(command, ['--version'], { timeout: 10_000 });
    return { command, version: stdout.trim() };
  } catch (cause) {
    throw new BrochureError('ghostscript-missing', `Cannot find Ghostscript (\`${command}\`), which makes the press-ready PDF/X (--press-ready).`, { cause });
  }
}
