import { connectBrowser, shownEndpoint, type RemoteBrowser } from './connect-browser.js';
import type { FoundBrowser } from './find-browser.js';
import { launchBrowser, type BrowserSession } from './launch-browser.js';

/** The browser a build prints with: one to launch, or a browser service to connect to. */
export type BrowserTarget = FoundBrowser | RemoteBrowser;

/** True for a browser service (BROCHURE_BROWSER_WS, --browser-ws). */
export function isRemote(target: BrowserTarget): target is RemoteBrowser {
  return 'endpoint' in target;
}

/** Launches the browser, or connects to the service; either way a session that is closed the same way. */
export function startSession(target: BrowserTarget, options: { timeout?: number } = {}): Promise<BrowserSession> {
  return isRemote(target) ? connectBrowser(target, options) : launchBrowser(target, options);
}

/** The browser in a sentence: `Chromium (/usr/bin/chromium)` or `the browser at ws://…`. */
export function describeTarget(target: BrowserTarget): string {
  return isRemote(target) ? `the browser at \`${shownEndpoint(target)}\`` : `Chromium (\`${target.executablePath}\`)`;
}
