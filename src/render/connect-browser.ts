// puppeteer is loaded when a service is connected to, not by every build that imports this (0.1 s, some 150 files).
import type { Browser, ConnectionTransport } from 'puppeteer-core';
import type { NodeWebSocketTransport } from 'puppeteer-core/internal/node/NodeWebSocketTransport.js';
import { BrochureError } from '../errors.js';
import type { BrowserSession } from './launch-browser.js';
import { open } from './open-browsers.js';
import { PagePool } from './page-pool.js';

/** Environment variable naming a browser service to print with instead of launching Chromium. */
export const BROWSER_WS_ENV = 'BROCHURE_BROWSER_WS';

/** A Chromium that runs elsewhere (a browser service, a sidecar container), reached over the DevTools protocol. */
export interface RemoteBrowser {
  /** Its WebSocket address, `ws://host:port/…` or `wss://…`. */
  endpoint: string;
  /** Where the address came from, for messages. */
  source: '--browser-ws' | typeof BROWSER_WS_ENV;
}

/** The browser service asked for with --browser-ws, else $BROCHURE_BROWSER_WS; undefined to launch Chromium. */
export function remoteBrowser(env: NodeJS.ProcessEnv, option?: string): RemoteBrowser | undefined {
  const [endpoint, source]: [string | undefined, RemoteBrowser['source']] = option !== undefined ? [option, '--browser-ws'] : [env[BROWSER_WS_ENV], BROWSER_WS_ENV];
  if (endpoint === undefined || endpoint === '') return undefined;
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:')) {
    throw new BrochureError('usage', `Unexpected ${source === '--browser-ws' ? '--browser-ws' : `$${BROWSER_WS_ENV}`} \`${endpoint}\`, expected the WebSocket address of a browser, such as ws://chromium:3000/.`);
  }
  return { endpoint, source };
}

/** The address for messages: without a query, which may hold a token. */
export function shownEndpoint(remote: RemoteBrowser): string {
  const url = new URL(remote.endpoint);
  return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}

/**
 * Connects to a browser service. The build's pages live in a browser context of their own (no cookies or
 * cache shared with other users of the service); the hermetic settings (JavaScript off, every request but
 * data: blocked) are made on each page as with a launched browser. Closing closes that context and
 * disconnects; the service's browser keeps running. May be closed any number of times.
 */
export async function connectBrowser(remote: RemoteBrowser, options: { timeout?: number } = {}): Promise<BrowserSession> {
  const browser = await connect(remote, options.timeout ?? 30_000);
  try {
    const context = await browser.createBrowserContext();
    let closing: Promise<void> | undefined;
    const session: BrowserSession = {
      browser,
      pages: new PagePool(context),
      close() {
        closing ??= (async () => {
          open.delete(session);
          await context.close().catch(() => undefined);
          await browser.disconnect().catch(() => undefined);
        })();
        return closing;
      },
    };
    open.add(session);
    return session;
  } catch (cause) {
    await browser.disconnect().catch(() => undefined);
    throw connectError(remote, cause);
  }
}

/** What identifies the service's browser for the build cache and the manifest: its product and version (`HeadlessChrome/…`). */
export async function remoteBrowserVersion(remote: RemoteBrowser): Promise<string> {
  const browser = await connect(remote, 30_000);
  try {
    return await browser.version();
  } finally {
    await browser.disconnect().catch(() => undefined);
  }
}

/** puppeteer and its WebSocket transport, loaded on the first connection (outside its error handling: a package that cannot be loaded is not the service's fault). */
async function loadPuppeteer() {
  const [{ default: puppeteer }, { NodeWebSocketTransport }] = await Promise.all([import('puppeteer-core'), import('puppeteer-core/internal/node/NodeWebSocketTransport.js')]);
  return { puppeteer, NodeWebSocketTransport };
}

async function connect(remote: RemoteBrowser, timeout: number): Promise<Browser> {
  const { puppeteer, NodeWebSocketTransport } = await loadPuppeteer();
  let timer: NodeJS.Timeout | undefined;
  const connecting = transportTo(NodeWebSocketTransport, remote.endpoint).then((transport) => puppeteer.connect({ transport, protocolTimeout: 180_000 }));
  // A service behind a firewall that drops packets would keep the build waiting for minutes.
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${Math.round(timeout / 1000)} s`)), timeout);
  });
  try {
    return await Promise.race([connecting, expired]);
  } catch (cause) {
    void connecting.then((late) => late.disconnect(), () => undefined);
    throw connectError(remote, cause);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The DevTools connection to the service, with every browser context the build makes marked to go when the
 * connection goes (Target.createBrowserContext's `disposeOnDetach`, which puppeteer does not pass): a build that
 * is killed, and cannot close its context, leaves nothing behind in the service.
 */
async function transportTo(transport: typeof NodeWebSocketTransport, endpoint: string): Promise<ConnectionTransport> {
  const socket = await transport.create(endpoint);
  const send = socket.send.bind(socket);
  socket.send = (message) => send(disposedOnDetach(message));
  return socket;
}

function disposedOnDetach(message: string): string {
  // Parsed only for the one command it changes.
  if (!message.includes('"Target.createBrowserContext"')) return message;
  const command = JSON.parse(message) as { method?: string; params?: Record<string, unknown> };
  if (command.method !== 'Target.createBrowserContext') return message;
  return JSON.stringify({ ...command, params: { ...command.params, disposeOnDetach: true } });
}

function connectError(remote: RemoteBrowser, cause: unknown): BrochureError {
  const where = remote.source === '--browser-ws' ? '--browser-ws' : `$${BROWSER_WS_ENV}`;
  return new BrochureError('browser-connect', `Cannot connect to the browser at \`${shownEndpoint(remote)}\` (from ${where}): ${(cause as Error).message.split('\n')[0]}`, { cause });
}
