import { readFile } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { build } from '../../src/build/build.js';
import { runCli, spawnCli, waitFor } from '../helpers/cli.js';
import { expectHermetic, reachOutside } from '../helpers/hermetic.js';
import { makeProject } from '../helpers/project.js';
import { closedPort, startBrowserService, startRelay } from '../helpers/remote-browser.js';

let service: Awaited<ReturnType<typeof startBrowserService>>;
beforeAll(async () => {
  service = await startBrowserService();
});
afterAll(() => service?.stop());

async function project() {
  const made = await makeProject('basic');
  onTestFinished(() => made.cleanup());
  return made.root;
}

/** No local browser can be launched: printing must go through the service. */
const NO_LOCAL = { BROCHURE_BROWSER: '/nonexistent/chromium' };

/** The contexts the service has open: the build's own must be gone when it has finished. */
async function contextsOfService(): Promise<number> {
  const browser = await puppeteer.connect({ browserWSEndpoint: service.endpoint });
  try {
    return browser.browserContexts().length;
  } finally {
    await browser.disconnect();
  }
}

describe('a browser service (BROCHURE_BROWSER_WS)', () => {
  it('prints with the same hermetic guarantees as a launched browser, and leaves the service running and clean', async () => {
    const root = await project();
    await reachOutside(root);
    expectHermetic(await build({ root, languages: ['en'], write: false, env: { ...process.env, ...NO_LOCAL, BROCHURE_BROWSER_WS: service.endpoint } }));
    expect(service.running()).toBe(true);
    expect(await contextsOfService()).toBe(1);
  });

  it('gets back the browser context of a build killed while printing: the service is left clean', async () => {
    const root = await project();
    const { child, done, stderrSoFar } = spawnCli(['build'], { cwd: root, env: { ...NO_LOCAL, BROCHURE_BROWSER_WS: service.endpoint } });
    await waitFor(() => stderrSoFar().includes(' print'), 'the build to print');
    child.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // Nothing of the killed build can close its context: the service disposes of it when the connection goes.
    await waitFor(async () => (await contextsOfService()) === 1, 'the service to have only its default context', 10_000);
    expect(service.running()).toBe(true);
  });

  it('is reconnected once when the connection is lost while printing, and the build completes (--browser-ws)', async () => {
    const root = await project();
    const relay = await startRelay(service.endpoint);
    onTestFinished(() => relay.close());
    const stages: string[] = [];
    let cut = false;
    const result = await build({
      root,
      languages: ['en'],
      outDir: path.join(root, 'dist'),
      browserWs: relay.endpoint,
      env: { ...process.env, ...NO_LOCAL },
      onProgress: (lang, stage) => {
        stages.push(`${lang} ${stage}`);
        if (stage === 'print' && !cut) {
          cut = true;
          relay.cut();
        }
      },
    });
    expect(stages).toContain('en connection to the browser lost; printing again over a new one');
    expect(result.ok).toBe(true);
    expect((await readFile(path.join(root, 'dist', 'en', 'sample-en.pdf'))).subarray(0, 5).toString()).toBe('%PDF-');
    const manifest = JSON.parse(await readFile(path.join(root, 'dist', 'manifest.json'), 'utf8'));
    expect(manifest.languages.en.tools).toEqual([expect.stringMatching(/^(Headless)?Chrome\/\d+\./)]);
  });

  it('is reported when the connection is lost again, without stopping the service', async () => {
    const root = await project();
    const relay = await startRelay(service.endpoint);
    onTestFinished(() => relay.close());
    const result = await build({
      root,
      languages: ['en'],
      write: false,
      env: { ...process.env, ...NO_LOCAL, BROCHURE_BROWSER_WS: relay.endpoint },
      onProgress: (_lang, stage) => {
        // The service goes away while printing: the connection drops and a new one is refused.
        if (stage === 'print') {
          relay.refuse(true);
          relay.cut();
        }
      },
    });
    expect(result.ok).toBe(false);
    const message = result.languages[0]!.files.flatMap((file) => file.messages).find((entry) => entry.ruleId === 'print');
    expect(message?.reason).toMatch(new RegExp(`^Cannot print the en brochure: the connection to the browser at \`${relay.endpoint.replace(/[.?]/g, '\\$&')}\` was lost or refused \\(.+\\), twice$`));
    expect(message?.note).toBe('Check that the browser service is running and can be reached from here, or unset $BROCHURE_BROWSER_WS to print with a local Chromium.');
    expect(service.running()).toBe(true);
  });

  it('that cannot be reached is said before anything else, with exit code 2; an address that is not ws:// is a usage error', async () => {
    const root = await project();
    const port = await closedPort();
    const down = await runCli(['build'], { cwd: root, env: { ...NO_LOCAL, BROCHURE_BROWSER_WS: `ws://127.0.0.1:${port}/devtools/browser/x?token=secret` } });
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(new RegExp(`^Cannot connect to the browser at \`ws://127\\.0\\.0\\.1:${port}/devtools/browser/x\\?…\` \\(from \\$BROCHURE_BROWSER_WS\\): .*ECONNREFUSED`));
    expect(down.stderr).not.toContain('secret');
    expect(down.stderr).toContain('hint: Check that the browser service is running');
    expect(down.stderr).not.toMatch(/ (parse|print) {2}\(/);
    const wrong = await runCli(['build', '--browser-ws', 'http://127.0.0.1:9222'], { cwd: root });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toBe('Unexpected --browser-ws `http://127.0.0.1:9222`, expected the WebSocket address of a browser, such as ws://chromium:3000/.\n  hint: Run the command with --help to see what it accepts.\n');
  });
});
