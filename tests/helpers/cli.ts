import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main.js';
import { REPO } from './project.js';

/** What a command printed and returned. */
export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command line in this process, as `npm run …` would in `cwd`, in CI mode (plain progress lines). */
export async function runCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd: options.cwd,
    env: { ...process.env, CI: 'true', ...options.env },
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  });
  return { code, stdout, stderr };
}

/**
 * Starts the command line as a process of its own (for signals, kills and exit codes), from the sources
 * through tsx's loader in the same process, so that nothing is compiled into the checkout.
 */
export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): { child: ChildProcess; done: Promise<CliOutcome & { signal: NodeJS.Signals | null }> } {
  const loader = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const child = spawn(process.execPath, ['--import', loader, path.join(REPO, 'src', 'cli', 'main.ts'), ...args], { cwd: options.cwd, env: { ...process.env, CI: 'true', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<CliOutcome & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })));
  return { child, done };
}

/** Waits until `condition` holds, checking every 50 ms, and fails with `what` after `timeout` milliseconds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
