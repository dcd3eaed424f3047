import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cacheFolders } from '../../src/build/cache-folders.js';
import { fontCoverage } from '../../src/templates/font-coverage.js';
import { spawnCli } from '../helpers/cli.js';
import { makeProject, REPO, type Project } from '../helpers/project.js';

// What a build loads: a rebuild with nothing to print loads no browser driver (puppeteer, some 150 files and a
// tenth of a second), a build that prints does. Recorded by a module hook in the command line's process.
let project: Project;
let records: string;
// As a user runs it: with a browser of its own (a browser service, which the tests share, is asked its version
// by every build, over puppeteer).
const env = { SOURCE_DATE_EPOCH: '1622505600', BROCHURE_BROWSER_WS: '' };

let first: { stderr: string; imports: string[] };

beforeAll(async () => {
  [project, records] = await Promise.all([makeProject('basic'), mkdtemp(path.join(os.tmpdir(), 'brochure-imports-'))]);
  first = await importsOf('first');
}, 60_000);
afterAll(async () => Promise.all([project?.cleanup(), records && rm(records, { recursive: true, force: true })]));

/** The modules of the font reader (fontkit, inside the command line's bundle) among `imports` (URL, importer). */
function fontReader(imports: string[]): string[] {
  const urls = new Set(imports.map((line) => line.split(' ')[0]!).filter((url) => url.startsWith('file:')));
  return [...urls].filter((url) => readFileSync(fileURLToPath(url), 'utf8').includes('Error decoding compressed data in WOFF2'));
}

/** Runs a build with `args`, recording what it imports under the name `run`. */
async function importsOf(run: string, ...args: string[]): Promise<{ stderr: string; imports: string[] }> {
  const record = path.join(records, `${run}.txt`);
  const hook = pathToFileURL(path.join(REPO, 'tests', 'helpers', 'record-imports.mjs')).href;
  const { done } = spawnCli(['build', ...args], { cwd: project.root, env: { ...env, RECORD_IMPORTS: record, NODE_OPTIONS: `--import=${hook}` } });
  const outcome = await done;
  expect(outcome.code).toBe(0);
  return { stderr: outcome.stderr, imports: (await readFile(record, 'utf8')).split('\n').filter(Boolean) };
}

it('loads no browser driver for a rebuild with nothing to print, and loads it for one that prints, with no font reader when the fonts are known', async () => {
  const unchanged = await importsOf('unchanged');
  expect(unchanged.stderr).toContain('en    unchanged (cached)');
  // The hook saw the command line's modules (its bundle's chunks), so an absent package was not missed.
  expect(unchanged.imports.some((url) => url.includes('/cli/main.js'))).toBe(true);
  expect(unchanged.imports.filter((url) => url.includes('puppeteer'))).toEqual([]);
  const forced = await importsOf('forced', '--force');
  expect(forced.stderr).toContain('en    print');
  expect(forced.imports.some((url) => url.includes('/node_modules/puppeteer-core/'))).toBe(true);
  // The fonts' character maps were read by the first build and kept: fontkit (0.1 s to load) is not loaded again.
  expect(fontReader(first.imports)).toHaveLength(1);
  expect(fontReader(forced.imports)).toEqual([]);
}, 90_000);

it("reads the fonts' character maps with Node's own Brotli decoder as fontkit's own decoder reads them", async () => {
  // The command line's bundle answers fontkit's Brotli import with Node's zlib (scripts/native-brotli.mjs); this
  // process runs fontkit as installed, with the JavaScript decoder.
  expect(fontReader(first.imports).map((url) => readFileSync(fileURLToPath(url), 'utf8').includes('brotliDecompressSync'))).toEqual([true]);
  const kept = JSON.parse(await readFile(cacheFolders(project.root).fontCoverage, 'utf8')) as { codePoints: number[] };
  const library = [...(await fontCoverage())].sort((a, b) => a - b);
  expect(library.length).toBeGreaterThan(1000);
  expect([...kept.codePoints].sort((a, b) => a - b)).toEqual(library);
});
