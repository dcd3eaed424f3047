import { afterAll, beforeAll, inject } from 'vitest';
import { BROWSER_WS_ENV, connectBrowser } from '../../src/render/connect-browser.js';
import type { BrowserSession } from '../../src/render/launch-browser.js';

/** Environment entries that make a build launch its own Chromium instead of printing with the tests' shared one. */
export const LAUNCH_OWN_BROWSER = { [BROWSER_WS_ENV]: '' };

/**
 * For a test file about launching, crashing or killing Chromium: its builds launch their own browser, as
 * outside the tests (the variable is put back afterwards, for the next file in this worker).
 */
export function launchOwnBrowsers(): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env[BROWSER_WS_ENV];
    delete process.env[BROWSER_WS_ENV];
  });
  afterAll(() => {
    if (saved !== undefined) process.env[BROWSER_WS_ENV] = saved;
  });
}

/**
 * A browser context of the run's shared Chromium, for tests that open pages or print on their own (web pages,
 * the dev server, printing fixtures): launching a Chromium for each of them cost more than what they test.
 * Pages are opened with `session.pages.newPage()`; closing closes the context and leaves the Chromium running.
 */
export function sharedBrowser(): Promise<BrowserSession> {
  return connectBrowser({ endpoint: inject('browserWs'), source: BROWSER_WS_ENV });
}
