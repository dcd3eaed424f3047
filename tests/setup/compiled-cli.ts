import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error: a plain JavaScript module of the scripts, without types
import { bundleCli } from '../../scripts/bundle-cli.mjs';
import { REPO } from '../helpers/project.js';

/**
 * The command line compiled once per test run, as `npm run build:brochure` runs it (scripts/cli.mjs), for the
 * tests that start it as a process of its own: compiling src/ through tsx in every such process cost more
 * than a second of CPU each. It goes into a temporary folder, never the checkout's cache, beside links to the
 * tool's package.json, package-lock.json, src/, assets/ and node_modules/, so that it finds its packages and
 * its root as in the checkout.
 */
export async function compileCli(): Promise<{ entry: string; cleanup: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-cli-'));
  for (const name of ['package.json', 'package-lock.json', 'src', 'assets', 'node_modules']) await symlink(path.join(REPO, name), path.join(folder, name));
  await (bundleCli as (root: string, outdir: string) => Promise<void>)(REPO, path.join(folder, 'cli'));
  return { entry: path.join(folder, 'cli', 'main.js'), cleanup: () => rm(folder, { recursive: true, force: true }) };
}
