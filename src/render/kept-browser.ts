import type { BrowserSession } from './launch-browser.js';
import { startSession, type BrowserTarget } from './start-session.js';

/**
 * One browser kept running from build to build, for the preview server: starting Chromium and opening its
 * pages took longer than printing a short brochure again (1.3 s and 0.5 s on a 2-core VM). Each build gets a
 * session of it whose close() leaves it running, with its pages (PagePool). A browser that stopped or cannot
 * be reached, or another browser asked for, is started anew at the next build; close() ends it.
 */
export class KeptBrowser {
  #kept: { target: string; session: Promise<BrowserSession> } | undefined;

  /** A session of the kept browser for one build, started when there is none that still runs. */
  async session(target: BrowserTarget): Promise<BrowserSession> {
    const key = JSON.stringify(target);
    const kept = this.#kept?.target === key ? await this.#kept.session.catch(() => undefined) : undefined;
    if (kept?.browser.connected) return lent(kept);
    await this.close();
    const session = startSession(target);
    this.#kept = { target: key, session };
    return lent(await session);
  }

  /** Ends the kept browser (a launched Chromium closes; a browser service is disconnected from). */
  async close(): Promise<void> {
    const kept = this.#kept;
    this.#kept = undefined;
    await (await kept?.session.catch(() => undefined))?.close();
  }
}

/** The kept session as a build uses it: closing it leaves the browser running for the next build. */
function lent(session: BrowserSession): BrowserSession {
  return { browser: session.browser, pages: session.pages, close: async () => undefined };
}
