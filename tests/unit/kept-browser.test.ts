import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { findBrowser } from '../../src/render/find-browser.js';
import { KeptBrowser } from '../../src/render/kept-browser.js';
import { launchOwnBrowsers } from '../helpers/browser.js';
import { waitFor } from '../helpers/cli.js';
import { processesWhere } from '../helpers/processes.js';
import { projectsWithOwnTmpdir } from '../helpers/own-tmpdir.js';
import type { Project } from '../helpers/project.js';

// About launching Chromium: not the run's shared one.
launchOwnBrowsers();

// Browsers launched here get their profile folder inside the project, so that they can be told apart.
const currentProject = projectsWithOwnTmpdir();
let project: Project;
beforeEach(() => {
  project = currentProject();
});

/** The browser processes launched from this test: not their renderers and helpers, nor the script that starts each (chromium.sh). */
const browsers = () => processesWhere(({ cmdline }) => cmdline.includes(path.join(project.root, 'tmp', 'brochure-chromium-')) && !cmdline.includes('--type=') && !cmdline.includes('chromium.sh'));

describe('a browser kept from build to build (npm run dev)', () => {
  it('prints every build, with its pages, until it stops; then a new one is started, and close() ends it', async () => {
    const found = await findBrowser();
    const kept = new KeptBrowser();
    const first = await kept.session(found);
    const page = await first.pages.newPage();
    await first.pages.giveBack!(page);
    await first.close();
    expect(first.browser.connected).toBe(true);
    const second = await kept.session(found);
    expect(second.browser).toBe(first.browser);
    expect(await second.pages.newPage()).toBe(page);
    const [pid] = browsers();
    expect(browsers()).toEqual([pid]);

    // A build prints with it, and launches no browser of its own.
    const seen: number[][] = [];
    const result = await build({ root: project.root, outDir: path.join(project.root, 'dist'), keptBrowser: kept, onProgress: (_lang, stage) => stage === 'print' && seen.push(browsers()) });
    expect(result.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(0);
    for (const running of seen) expect(running).toEqual([pid]);
    expect(first.browser.connected).toBe(true);

    process.kill(pid!, 'SIGKILL');
    await waitFor(() => !first.browser.connected, 'the killed browser to be noticed');
    const third = await kept.session(found);
    expect(third.browser).not.toBe(first.browser);
    expect(third.browser.connected).toBe(true);
    await kept.close();
    expect(third.browser.connected).toBe(false);
    await waitFor(() => browsers().length === 0, 'no browser left', 10_000);
  }, 90_000);
});
