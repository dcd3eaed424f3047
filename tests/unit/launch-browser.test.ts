import { expect, it } from 'vitest';
import { findBrowser } from '../../src/render/find-browser.js';
import { launchBrowser } from '../../src/render/launch-browser.js';

it('hears errors on Chromium\'s standard streams (a killed Chromium can reset them), so that they do not end the process', async () => {
  const session = await launchBrowser(await findBrowser());
  try {
    const child = session.browser.process()!;
    for (const stream of [child.stdin!, child.stdout!, child.stderr!]) {
      // An 'error' event nobody listens for is thrown where it is emitted, and ends a process as an uncaught exception.
      expect(() => stream.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).not.toThrow();
    }
    // The listeners taken off were readline's only: the browser, on its own DevTools pipe, still answers.
    expect(await session.browser.version()).toMatch(/Chrom/);
  } finally {
    await session.close();
  }
}, 30_000);

it('hears errors on its DevTools pipes after Chromium died and the session closed, when puppeteer no longer does', async () => {
  const session = await launchBrowser(await findBrowser());
  const child = session.browser.process()!;
  try {
    const disconnected = new Promise((resolve) => session.browser.once('disconnected', resolve));
    process.kill(-child.pid!, 'SIGKILL');
    await disconnected;
  } finally {
    await session.close();
  }
  // Closing took puppeteer's listeners off the pipes; a write that was under way when Chromium died can still end
  // in an error (EPIPE) on them afterwards.
  for (const pipe of [child.stdio[3], child.stdio[4]]) {
    expect(() => pipe!.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  }
}, 30_000);
