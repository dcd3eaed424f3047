import { cp, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { coverPictureOf } from '../../src/publish/cover-picture.js';
import { sharedBuild } from '../helpers/shared-builds.js';

let pdf: Uint8Array;
let root: string;

beforeAll(async () => {
  pdf = await readFile(path.join((await sharedBuild('basicBuild')).out, 'en', 'sample-en.pdf'));
  root = await mkdtemp(path.join(os.tmpdir(), 'cover-cache-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('keeps a cover picture on disk and takes it from there in a new build, without the PDF', async () => {
  const [first, second, third] = ['first', 'second', 'third'].map((name) => path.join(root, name));
  const made = await coverPictureOf('a'.repeat(64), async () => pdf, 148, { folder: first!, tool: 'tool 1' });
  expect(made?.src).toMatch(/^data:image\/png;base64,/);
  expect(await readdir(first!)).toHaveLength(1);
  // Another folder holding the same file (as the next build's process finds it): the PDF is not even read.
  await cp(first!, second!, { recursive: true });
  const [kept] = await readdir(second!);
  await utimes(path.join(second!, kept!), 1_700_000_000, 1_700_000_000);
  const taken = await coverPictureOf('a'.repeat(64), async () => {
    throw new Error('the PDF was read');
  }, 148, { folder: second!, tool: 'tool 1' });
  expect(taken).toEqual(made);
  // Used now: pruning (the newest kept) keeps it.
  expect((await stat(path.join(second!, kept!))).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  // Another version of the tool, or a damaged file, makes the picture again.
  await cp(first!, third!, { recursive: true });
  const [file] = await readdir(third!);
  await writeFile(path.join(third!, file!), '{"src": "data:image/png;base64,"');
  let read = 0;
  const again = await coverPictureOf('a'.repeat(64), async () => (read++, pdf), 148, { folder: third!, tool: 'tool 1' });
  expect(read).toBe(1);
  expect(again).toEqual(made);
  expect(await coverPictureOf('a'.repeat(64), async () => (read++, pdf), 148, { folder: second!, tool: 'tool 2' })).toEqual(made);
  expect(read).toBe(2);
});
