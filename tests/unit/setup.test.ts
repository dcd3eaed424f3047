import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as browsers from '@puppeteer/browsers';
// @ts-expect-error: plain JavaScript scripts, run before the packages are installed
import { planSetup } from '../../scripts/setup.mjs';
// @ts-expect-error: plain JavaScript
import { installBrowser } from '../../scripts/install-browser.mjs';
import { findBrowser } from '../../src/render/find-browser.js';

const folders: string[] = [];
afterEach(async () => Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true }))));

describe('npm run setup', () => {
  const none = () => false;

  it('installs Debian chromium when there is no browser and apt can be used', () => {
    expect(planSetup({ browser: undefined, canApt: true, testTools: false, has: none })).toEqual({ debianPackages: ['chromium'], downloadBrowser: false, missingTools: [] });
  });

  it('installs the Bosnian and Albanian spelling dictionaries from Debian when they are missing', () => {
    const plan = planSetup({ browser: '/usr/bin/chromium', canApt: true, testTools: false, has: none, hasFile: (file: string) => file.includes('sq_AL') });
    expect(plan.debianPackages).toEqual(['hunspell-bs']);
    expect(planSetup({ browser: '/usr/bin/chromium', canApt: false, testTools: false, has: none, hasFile: () => false })).toEqual({ debianPackages: [], downloadBrowser: false, missingTools: [] });
  });

  it('downloads Chrome when there is no browser and no apt', () => {
    expect(planSetup({ browser: undefined, canApt: false, testTools: false, has: none })).toEqual({ debianPackages: [], downloadBrowser: true, missingTools: [] });
  });

  it('installs nothing for printing when a browser is there, and the PDF tools the tests need with --test-tools', () => {
    expect(planSetup({ browser: '/usr/bin/chromium', canApt: true, testTools: true, has: (tool: string) => tool === 'qpdf' })).toEqual({
      debianPackages: ['poppler-utils', 'ghostscript'],
      downloadBrowser: false,
      missingTools: [],
    });
    expect(planSetup({ browser: '/usr/bin/chromium', canApt: false, testTools: true, has: none }).missingTools).toEqual(['poppler-utils', 'qpdf', 'ghostscript']);
  });

  it('downloads the stable Chrome into puppeteer\'s cache, where the build then finds it (network call replaced)', async () => {
    const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'brochure-browsers-'));
    folders.push(cacheDir);
    const platform = browsers.detectBrowserPlatform()!;
    const calls: unknown[] = [];
    // The real @puppeteer/browsers, but what goes to the network (the build id, the download) answered here:
    // the "download" writes an executable where Chrome's archive would put it.
    const offline = {
      ...browsers,
      resolveBuildId: async () => '131.0.6778.85',
      install: async (options: browsers.InstallOptions) => {
        calls.push({ browser: options.browser, buildId: options.buildId, platform: options.platform, cacheDir: options.cacheDir });
        const executablePath = browsers.computeExecutablePath({ browser: options.browser, buildId: options.buildId, platform: options.platform, cacheDir: options.cacheDir });
        await mkdir(path.dirname(executablePath), { recursive: true });
        await writeFile(executablePath, '#!/bin/sh\necho "Google Chrome 131.0.6778.85"\n');
        await chmod(executablePath, 0o755);
        return { executablePath };
      },
    };
    const executable = await installBrowser({ browsers: offline, env: { PUPPETEER_CACHE_DIR: cacheDir } });
    expect(calls).toEqual([{ browser: 'chrome', buildId: '131.0.6778.85', platform, cacheDir }]);
    expect(executable.startsWith(cacheDir)).toBe(true);
    // With no system browser in the way (an empty search list is what a machine without one has), the build finds it.
    const found = await findBrowser({ PUPPETEER_CACHE_DIR: cacheDir }, []);
    expect(found).toEqual({ executablePath: executable, source: 'downloaded' });
  });
});
