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
    /** The basic fixture built once with every variant (press-ready, booklet) and a fixed date. Read only. */
    basicBuild: { root: string; out: string };
    /** A copy of the real brochure built once in all four languages with a fixed date, and its messages. Read only. */
    realBuild: { root: string; out: string; messages: string };
    /** The WebSocket address of the Chromium the tests' builds print with (see below). */
    browserWs: string;
    /** The command line compiled for this run (tests/setup/compiled-cli.ts): its main.js. */
    cliEntry: string;
  }
}

/** The date of the shared builds: 2021-06-01. */
export const SHARED_EPOCH = '1622505600';

const cleanups: Array<() => Promise<void>> = [];

/**
 * Starts one Chromium for the whole run, which the tests' builds print with as a browser service
 * ($BROCHURE_BROWSER_WS, set for every test file by tests/setup/browser-service.ts and inherited by the command
 * lines they start): launching Chromium for each of some two hundred builds cost more CPU than anything they
 * test. It starts with the flags of a launched browser, and the builds set up their pages the same way; tests
 * of launching, crashing or killing the browser unset the variable (tests/helpers/browser.ts).
 * Then builds what many test files only read, once per test run, in temporary folders (never the checkout's
 * dist/ or caches): the basic fixture with every variant, and the real brochure.
 */
export async function setup(project: TestProject): Promise<void> {
  const [service, cli] = await Promise.all([startBrowserService(), compileCli()]);
  cleanups.push(service.stop, cli.cleanup);
  project.provide('browserWs', service.endpoint);
  project.provide('cliEntry', cli.entry);
  const env = { ...process.env, SOURCE_DATE_EPOCH: SHARED_EPOCH, [BROWSER_WS_ENV]: service.endpoint };
  const [basic, real] = await Promise.all([makeProject('basic'), makeRealProject()]);
  cleanups.push(basic.cleanup, real.cleanup);
  const [basicResult, realResult] = await Promise.all([
    build({ root: basic.root, outDir: path.join(basic.root, 'out'), pressReady: true, impose: 'booklet', env }),
    build({ root: real.root, outDir: path.join(real.root, 'out'), env }),
  ]);
  for (const [name, result] of [['basic fixture', basicResult], ['real brochure', realResult]] as const) {
    if (!result.ok) throw new Error(`The shared build of the ${name} failed:\n${formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: process.cwd() })}`);
  }
  project.provide('basicBuild', { root: basic.root, out: path.join(basic.root, 'out') });
  const messages = formatMessages([realResult.configFile, ...realResult.languages.flatMap((language) => language.files)], { cwd: real.root });
  project.provide('realBuild', { root: real.root, out: path.join(real.root, 'out'), messages });
}

export async function teardown(): Promise<void> {
  await Promise.all(cleanups.map((cleanup) => cleanup()));
}
