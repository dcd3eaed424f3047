import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportSources } from '../../src/compare/read-edition.js';
import { waitFor } from '../helpers/cli.js';
import { processesWhere } from '../helpers/processes.js';

let root: string;
let commit: string;

/** git processes working in the test's repository. */
const gitsInRoot = () => processesWhere(({ cmdline, cwd }) => cmdline.startsWith('git\0archive') && cwd() === root);

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'export-sources-'));
  for (const folder of ['brochure', 'templates', 'assets']) {
    await mkdir(path.join(root, folder));
    await writeFile(path.join(root, folder, 'README.md'), folder);
  }
  // More than a pipe holds (64 KB), so that git is still writing when tar has gone.
  await writeFile(path.join(root, 'brochure', 'big.md'), 'x'.repeat(4 * 1024 * 1024));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: root, encoding: 'utf8' }).trim();
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'edition');
  commit = git('rev-parse', 'HEAD');
  // A tar that stops at once, reading nothing: as one does on a full disk.
  await mkdir(path.join(root, 'bin'));
  await writeFile(path.join(root, 'bin', 'tar'), '#!/bin/sh\necho "tar: cannot write: No space left on device" >&2\nexit 2\n');
  await chmod(path.join(root, 'bin', 'tar'), 0o755);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('says why when tar stops while git still writes, and leaves neither git waiting nor a folder behind', async () => {
  // Its temporary folder is made in a TMPDIR of the test's own: other test files' folders are left out.
  const tmp = path.join(root, 'tmp');
  await mkdir(tmp);
  const saved = { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR };
  Object.assign(process.env, { PATH: `${path.join(root, 'bin')}:${saved.PATH}`, TMPDIR: tmp });
  try {
    await expect(exportSources(root, commit)).rejects.toThrow(`Cannot take the sources of \`${commit.slice(0, 12)}\` out of git: tar: cannot write: No space left on device`);
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  await waitFor(() => gitsInRoot().length === 0, 'git archive to end', 5_000);
  expect(await readdir(tmp)).toEqual([]);
});
