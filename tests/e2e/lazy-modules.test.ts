import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnCli } from '../helpers/cli.js';
import { makeProject, REPO, type Project } from '../helpers/project.js';

// What a build loads: a rebuild with nothing to print loads no browser driver (puppeteer, some 150 files and a
// tenth of a second), a build that prints does. Recorded by a module hook in the command line's process.
let project: Project;
let records: string;
// As a user runs it: with a browser of its own (a browser service, which the tests share, is asked its version
// by every build, over puppeteer).
const env = { SOURCE_DATE_EPOCH: '1622505600', BROCHURE_BROWSER_WS: '' };

beforeAll(async () => {
  [project, records] = await Promise.all([makeProject('basic'), mkdtemp(path.join(os.tmpdir(), 'brochure-imports-'))]);
  expect((await spawnCli(['build'], { cwd: project.root, env }).done).code).toBe(0);
}, 60_000);
afterAll(async () => Promise.all([project?.cleanup(), records && rm(records, { recursive: true, force: true })]));

async function importsOf(...args: string[]): Promise<{ stderr: string; imports: string[] }> {
  const record = path.join(records, `${args.join('') || 'build'}.txt`);
  const hook = pathToFileURL(path.join(REPO, 'tests', 'helpers', 'record-imports.mjs')).href;
  const { done } = spawnCli(['build', ...args], { cwd: project.root, env: { ...env, RECORD_IMPORTS: record, NODE_OPTIONS: `--import=${hook}` } });
  const outcome = await done;
  expect(outcome.code).toBe(0);
  return { stderr: outcome.stderr, imports: (await readFile(record, 'utf8')).split('\n').filter(Boolean) };
}

it('loads no browser driver for a rebuild with nothing to print, and loads it for one that prints, with no font reader when the fonts are known', async () => {
  const unchanged = await importsOf();
  expect(unchanged.stderr).toContain('en    unchanged (cached)');
  // The hook saw the command line's modules (its bundle's chunks), so an absent package was not missed.
  expect(unchanged.imports.some((url) => url.includes('/cli/main.js'))).toBe(true);
  expect(unchanged.imports.filter((url) => url.includes('puppeteer'))).toEqual([]);
  const forced = await importsOf('--force');
  expect(forced.stderr).toContain('en    print');
  expect(forced.imports.some((url) => url.includes('/node_modules/puppeteer-core/'))).toBe(true);
  // The fonts' character maps were read by the first build and kept: fontkit (0.1 s to load) is not loaded again.
  expect(forced.imports.filter((url) => url.includes('/node_modules/fontkit/'))).toEqual([]);
}, 90_000);
