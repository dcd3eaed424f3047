import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
// puppeteer is loaded when a browser is launched, not by every build that imports this (a build with nothing to
// print launches none): 0.1 s, some 150 files.
import type { Browser } from 'puppeteer-core';
import { BrochureError } from '../errors.js';
import type { FoundBrowser } from './find-browser.js';
import { open } from './open-browsers.js';
import { PagePool, type PageSource } from './page-pool.js';


/** Launch flags, each with the reason it is there (the tests' stand-in browser service starts with them too). */
export const CHROMIUM_FLAGS = [
  // Headless: the build has no window to show.
  '--headless',
  // Chromium's sandbox needs user namespaces, which containers and CI runners (often as root) do not give.
  '--no-sandbox',
  // No GPU on build machines; software rendering gives the same PDF.
  '--disable-gpu',
  // The build makes no network requests; these stop Chromium's own background traffic (updates, QUIC probes,
  // sync, field trials), which fails or stalls on machines without internet.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-domain-reliability',
  '--metrics-recording-only',
  '--no-default-browser-check',
  // /dev/shm is tiny in containers; Chromium crashes on large pages unless it uses /tmp instead.
  '--disable-dev-shm-usage',
  // Fonts come only from the page (data: URLs); hinting off keeps glyph outlines as designed.
  '--font-render-hinting=none',
];

/** A running browser for one build; `close()` may be called any number of times. */
export interface BrowserSession {
  browser: Browser;
  /** Where the build's pages are opened, and given back for the next document. */
  pages: PageSource;
  close(): Promise<void>;
}


/**
 * Starts Chromium with a fresh profile folder that is deleted on close. Chromium is connected through a pipe
 * (not a port): when this process ends in any way, even killed with SIGKILL, the pipe closes and Chromium
 * exits by itself. Outside Windows it is started by a small shell script in the profile's folder that waits
 * for Chromium to exit and then deletes that folder, so that a killed build leaves neither behind.
 */
export async function launchBrowser(found: FoundBrowser, options: { timeout?: number } = {}): Promise<BrowserSession> {
  // A stop (Ctrl-C, SIGTERM) can come while Chromium is still starting: it must be closed once it is up.
  const launching = startBrowser(found, options);
  const pending = { close: async () => (await launching.catch(() => undefined))?.close() };
  open.add(pending);
  try {
    return await launching;
  } finally {
    open.delete(pending);
  }
}

async function startBrowser(found: FoundBrowser, options: { timeout?: number }): Promise<BrowserSession> {
  // Outside the error handling below: a package that cannot be loaded is not the browser's fault.
  const { default: puppeteer } = await import('puppeteer-core');
  const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-chromium-'));
  const userDataDir = path.join(folder, 'profile');
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      executablePath: process.platform === 'win32' ? found.executablePath : await cleanupWrapper(found.executablePath, folder),
      pipe: true,
      headless: true,
      args: CHROMIUM_FLAGS,
      userDataDir,
      timeout: options.timeout ?? 60_000,
      // The CLI closes the browser on Ctrl-C and SIGTERM itself, after stopping the build cleanly.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (cause) {
    await rm(folder, { recursive: true, force: true });
    throw new BrochureError('browser-start', `Cannot start the browser \`${found.executablePath}\` (found via ${found.source}): ${(cause as Error).message.split('\n')[0]}`, { cause });
  }
  // Chromium's standard streams are pipes; puppeteer reads its output for a log, through readline interfaces that
  // pass a stream's error on and have nobody listening for it. A Chromium that dies or is killed can reset them
  // (ECONNRESET), and that unheard error would end this process at once instead of the build saying that Chromium
  // stopped (a test run's worker ended so once). From here on their errors are heard, and dropped: Chromium's end
  // is noticed on its DevTools pipe. (While puppeteer.launch still waits, the gap remains: it is puppeteer's.)
  // The DevTools pipes themselves (the child's fds 3 and 4) lose puppeteer's listeners when the browser is closed,
  // while a write still under way to a Chromium that died can end in an error (EPIPE) after that.
  const child = browser.process();
  for (const stream of [child?.stdin, child?.stdout, child?.stderr]) stream?.removeAllListeners('error');
  for (const stream of child?.stdio ?? []) stream?.on('error', () => undefined);
  let closing: Promise<void> | undefined;
  const session: BrowserSession = {
    browser,
    pages: new PagePool(browser),
    close() {
      closing ??= (async () => {
        open.delete(session);
        try {
          await browser.close();
        } catch {
          // Chromium and the script that started it are a process group of their own.
          const pid = browser.process()?.pid;
          if (pid) process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
        }
        await rm(folder, { recursive: true, force: true, maxRetries: 3 });
      })();
      return closing;
    },
  };
  open.add(session);
  return session;
}

/**
 * Writes `folder/chromium.sh`, which runs Chromium with the arguments it is given and then deletes `folder`
 * (the profile is inside it): whatever ends this process, the profile goes when Chromium does.
 */
async function cleanupWrapper(executable: string, folder: string): Promise<string> {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const script = path.join(folder, 'chromium.sh');
  await writeFile(script, `#!/bin/sh\n${quote(executable)} "$@"\nstatus=$?\nrm -rf ${quote(folder)}\nexit $status\n`, { mode: 0o700 });
  return script;
}

export { closeAllBrowsers } from './open-browsers.js';
