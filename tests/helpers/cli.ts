import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { main } from '../../src/cli/main.js';

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
 * Starts the command line as a process of its own (for signals, kills and exit codes), compiled as
 * `npm run build:brochure` runs it, once per test run into a temporary folder (tests/setup/compiled-cli.ts).
 */
export function spawnCli(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): { child: ChildProcess; done: Promise<CliOutcome & { signal: NodeJS.Signals | null }>; stderrSoFar: () => string } {
  const child = spawn(process.execPath, [inject('cliEntry'), ...args], { cwd: options.cwd, env: { ...process.env, CI: 'true', ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  // A child killed by a test can reset its pipes (ECONNRESET): kept in what it printed, for the test to see,
  // instead of an unhandled error that ends the whole test worker (a full run ended so once, in process.test.ts).
  for (const stream of [child.stdout!, child.stderr!, child.stdin!]) stream.on('error', (error: Error) => (stderr += `\n[${error.message}]`));
  const done = new Promise<CliOutcome & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code: code ?? -1, signal, stdout, stderr })));
  // What it has written to stderr until now (its progress lines), for a test that acts at a stage.
  return { child, done, stderrSoFar: () => stderr };
}

/** Waits until `condition` holds, checking every 50 ms, and fails with `what` after `timeout` milliseconds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, what: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
