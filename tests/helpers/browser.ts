import { afterAll, beforeAll } from 'vitest';
import { BROWSER_WS_ENV } from '../../src/render/connect-browser.js';

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
