import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { findBrowser } from '../../src/render/find-browser.js';
import puppeteer from 'puppeteer-core';
import { CHROMIUM_FLAGS } from '../../src/render/launch-browser.js';
import { waitFor } from './cli.js';

/**
 * A Chromium started on its own with a remote-debugging port, standing in for a browser service (browserless,
 * a sidecar container): the build connects to it and must not close it. Started with the flags the build
 * launches Chromium with (puppeteer's and its own), so that it prints exactly as a launched browser does.
 */
export async function startBrowserService(): Promise<{ endpoint: string; running: () => boolean; stop: () => Promise<void> }> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'brochure-service-'));
  const { executablePath } = await findBrowser();
  const child = spawn(executablePath, puppeteer.defaultArgs({ headless: true, userDataDir: profile, args: [...CHROMIUM_FLAGS, '--remote-debugging-port=0'] }), { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));
  await waitFor(() => /DevTools listening on ws:\/\/\S+/.test(output) || exited, 'the browser service to listen');
  const endpoint = /DevTools listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!endpoint) throw new Error(`The browser service did not start:\n${output}`);
  return {
    endpoint,
    running: () => !exited,
    async stop() {
      child.kill('SIGKILL');
      await waitFor(() => exited, 'the browser service to stop', 10_000);
      // Chromium's other processes can still be writing into the profile for a moment after the main one is
      // killed (seen as ENOTEMPTY): removed again until they have stopped.
      await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/**
 * A TCP relay in front of the service, which can cut every connection through it (a network that drops) and
 * refuse new ones (a service gone away).
 */
export async function startRelay(endpoint: string): Promise<{ endpoint: string; cut: () => void; refuse: (on: boolean) => void; close: () => Promise<void> }> {
  const target = new URL(endpoint);
  const sockets = new Set<net.Socket>();
  let refusing = false;
  const server = net.createServer((client) => {
    if (refusing) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `ws://127.0.0.1:${port}${target.pathname}`,
    cut: () => {
      for (const socket of sockets) socket.destroy();
    },
    refuse: (on) => {
      refusing = on;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A local port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
