import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { makeProject, makeRealProject } from '../helpers/project.js';
import { startBrowserService } from '../helpers/remote-browser.js';
import { compileCli } from './compiled-cli.js';
import { BROWSER_WS_ENV } from '../../src/render/connect-browser.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * The basic fixture built once with every variant (press-ready, booklet) and a fixed date. Read only, through
     * sharedBuild() (tests/helpers/shared-builds.ts), which waits for it.
     */
    basicBuild: SharedBuildPlace;
    /** A copy of the real brochure built once in all four languages with a fixed date. As basicBuild. */
    realBuild: SharedBuildPlace;
    /** The WebSocket address of the Chromium the tests' builds print with (see below). */
    browserWs: string;
    /** The command line compiled for this run (tests/setup/compiled-cli.ts): its main.js. */
    cliEntry: string;
  }
}

/** The date of the shared builds: 2021-06-01. */
export const SHARED_EPOCH = '1622505600';

/** Where a shared build is made, and the file that says it is finished (its SharedBuildState, as JSON). */
export interface SharedBuildPlace {
  root: string;
  out: string;
  ready: string;
}

/** What a shared build came to: its messages, or why it failed. */
export type SharedBuildState = { messages: string } | { error: string };

const cleanups: Array<() => Promise<void>> = [];
/** The shared builds under way: the run ends only after them. */
const building: Array<Promise<void>> = [];

/**
 * Starts one Chromium for the whole run, which the tests' builds print with as a browser service
 * ($BROCHURE_BROWSER_WS, set for every test file by tests/setup/browser-service.ts and inherited by the command
 * lines they start): launching Chromium for each of some two hundred builds cost more CPU than anything they
 * test. It starts with the flags of a launched browser, and the builds set up their pages the same way; tests
 * of launching, crashing or killing the browser unset the variable (tests/helpers/browser.ts).
 * Then starts building what many test files only read, once per test run, in temporary folders (never the
 * checkout's dist/ or caches): the basic fixture with every variant, and the real brochure. The tests do not
 * wait for them to start: the files that come first (the slowest, which make builds of their own) run on both
 * cores while this process builds, and a test that reads a shared build waits for it (sharedBuild()).
 */
export async function setup(project: TestProject): Promise<void> {
  const [service, cli] = await Promise.all([startBrowserService(), compileCli()]);
  cleanups.push(service.stop, cli.cleanup);
  project.provide('browserWs', service.endpoint);
  project.provide('cliEntry', cli.entry);
  const env = { ...process.env, SOURCE_DATE_EPOCH: SHARED_EPOCH, [BROWSER_WS_ENV]: service.endpoint };
  const [basic, real, wanted] = await Promise.all([makeProject('basic'), makeRealProject(), sharedBuildsWanted(project)]);
  cleanups.push(basic.cleanup, real.cleanup);
  const builds = [
    ['basicBuild', 'basic fixture', basic.root, { pressReady: true, impose: 'booklet' as const }],
    ['realBuild', 'real brochure', real.root, {}],
  ] as const;
  for (const [key, name, root, options] of builds) {
    const place = { root, out: path.join(root, 'out'), ready: path.join(root, 'shared-build.json') };
    project.provide(key, place);
    if (wanted) building.push(makeShared(place, name, () => build({ root, outDir: place.out, ...options, env })));
    else await announce(place.ready, { error: `The shared build of the ${name} was not made: no test file this run started with calls sharedBuild() (tests/setup/shared-builds.ts reads them for it). Start vitest again with this file.` });
  }
}

/**
 * Whether a test file of this run reads a shared build: the files vitest runs (its configuration and the command
 * line's filters) are read for `sharedBuild(`. A run of files that read none (one unit test's file) makes none:
 * some 20 s less. Should vitest's filters not be readable, every test file counts.
 */
async function sharedBuildsWanted(project: TestProject): Promise<boolean> {
  // Vitest keeps the command line's filters here (marked internal in its types).
  const filters = (project.vitest as unknown as { filenamePattern?: string[] }).filenamePattern;
  const files = await project.vitest.getRelevantTestSpecifications(filters);
  const texts = await Promise.all(files.map((file) => readFile(file.moduleId, 'utf8')));
  return texts.some((text) => text.includes('sharedBuild('));
}

/** Makes a shared build and says what it came to, whatever happens on the way: the tests wait for the word. */
async function makeShared(place: SharedBuildPlace, name: string, run: () => ReturnType<typeof build>): Promise<void> {
  let state: SharedBuildState;
  try {
    const result = await run();
    const messages = formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: place.root });
    state = result.ok ? { messages } : { error: `The shared build of the ${name} failed:\n${messages}` };
  } catch (error) {
    state = { error: `The shared build of the ${name} stopped: ${(error as Error).stack ?? String(error)}` };
  }
  await announce(place.ready, state).catch((error: Error) => console.error(`Cannot write ${place.ready}: ${error.message}`));
}

/** Writes what a shared build came to, whole or not at all (the tests poll for the file). */
async function announce(file: string, state: SharedBuildState): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify(state));
  await rename(`${file}.tmp`, file);
}

export async function teardown(): Promise<void> {
  await Promise.allSettled(building);
  await Promise.all(cleanups.map((cleanup) => cleanup()));
}
