import { cp, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { coverPictureOf, firstPageKey } from '../../src/publish/cover-picture.js';
import { LOAD_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { sharedBuild } from '../helpers/shared-builds.js';

let pdf: Uint8Array;
let root: string;
const unread = async (): Promise<Uint8Array> => {
  throw new Error('the PDF was read');
};

beforeAll(async () => {
  pdf = await readFile(path.join((await sharedBuild('basicBuild')).out, 'en', 'sample-en.pdf'));
  root = await mkdtemp(path.join(os.tmpdir(), 'cover-cache-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

it('keeps a cover picture on disk and takes it from there in a new build, without the PDF', async () => {
  const [first, second, third] = ['first', 'second', 'third'].map((name) => path.join(root, name));
  const made = await coverPictureOf({ sha256: 'a'.repeat(64), bytes: async () => pdf }, 148, { folder: first!, tool: 'tool 1' });
  expect(made?.src).toMatch(/^data:image\/png;base64,/);
  expect(await readdir(first!)).toHaveLength(1);
  // Another folder holding the same file (as the next build's process finds it): the PDF is not even read.
  await cp(first!, second!, { recursive: true });
  const [kept] = await readdir(second!);
  await utimes(path.join(second!, kept!), 1_700_000_000, 1_700_000_000);
  const taken = await coverPictureOf({ sha256: 'a'.repeat(64), bytes: unread }, 148, { folder: second!, tool: 'tool 1' });
  expect(taken).toEqual(made);
  // Used now: pruning (the newest kept) keeps it.
  expect((await stat(path.join(second!, kept!))).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  // Another version of the tool, or a damaged file, makes the picture again.
  await cp(first!, third!, { recursive: true });
  const [file] = await readdir(third!);
  await writeFile(path.join(third!, file!), '{"src": "data:image/png;base64,"');
  let read = 0;
  const again = await coverPictureOf({ sha256: 'a'.repeat(64), bytes: async () => (read++, pdf) }, 148, { folder: third!, tool: 'tool 1' });
  expect(read).toBe(1);
  expect(again).toEqual(made);
  expect(await coverPictureOf({ sha256: 'a'.repeat(64), bytes: async () => (read++, pdf) }, 148, { folder: second!, tool: 'tool 2' })).toEqual(made);
  expect(read).toBe(2);
});

it("knows a cover by its first page: a PDF saved again with another date keeps its picture, one whose cover changed gets a new one", async () => {
  const folder = path.join(root, 'by-page');
  const document = await PDFDocument.load(pdf, LOAD_OPTIONS);
  const key = firstPageKey(document);
  expect(key).toMatch(/^[0-9a-f]{64}$/);
  const made = await coverPictureOf({ sha256: 'b'.repeat(64), firstPage: key, bytes: async () => pdf }, 148, { folder, tool: 'tool 1' });
  expect(made?.src).toMatch(/^data:image\/png;base64,/);

  // The same PDF made again on another day: other bytes, the same first page, the picture taken as kept.
  const later = await PDFDocument.load(pdf, LOAD_OPTIONS);
  later.setModificationDate(new Date('2031-01-01T00:00:00Z'));
  const laterBytes = await later.save();
  const laterSha = crypto.createHash('sha256').update(laterBytes).digest('hex');
  expect(laterSha).not.toBe(crypto.createHash('sha256').update(pdf).digest('hex'));
  const reloaded = await PDFDocument.load(laterBytes, LOAD_OPTIONS);
  expect(firstPageKey(reloaded)).toBe(key);
  expect(await coverPictureOf({ sha256: laterSha, firstPage: firstPageKey(reloaded), bytes: unread }, 148, { folder, tool: 'tool 1' })).toEqual(made);
  // Known by its bytes only (a language kept in the output): kept under the PDF's SHA-256 as well.
  expect(await coverPictureOf({ sha256: 'b'.repeat(64), bytes: unread }, 148, { folder, tool: 'tool 1' })).toEqual(made);

  // Text drawn on the cover: another key, a new picture.
  const font = await later.embedFont(StandardFonts.Helvetica);
  later.getPage(0).drawText('Changed', { x: 60, y: 300, size: 40, font });
  const changedBytes = await later.save();
  const changedKey = firstPageKey(await PDFDocument.load(changedBytes, LOAD_OPTIONS));
  expect(changedKey).not.toBe(key);
  const changed = await coverPictureOf({ sha256: 'c'.repeat(64), firstPage: changedKey, bytes: async () => changedBytes }, 148, { folder, tool: 'tool 1' });
  expect(changed?.src).not.toBe(made?.src);
  // Text on another page leaves the cover's key as it was.
  const inside = await PDFDocument.load(pdf, LOAD_OPTIONS);
  inside.getPage(1).drawText('Inside', { x: 60, y: 300, size: 40, font: await inside.embedFont(StandardFonts.Helvetica) });
  expect(firstPageKey(await PDFDocument.load(await inside.save(), LOAD_OPTIONS))).toBe(key);

  // A link on the cover, which PDFium draws and the fingerprint leaves out: known by the whole PDF only.
  const linked = await PDFDocument.load(pdf, LOAD_OPTIONS);
  const link = linked.context.register(linked.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], Border: [0, 0, 2] }));
  linked.getPage(0).node.set(PDFName.of('Annots'), linked.context.obj([link]));
  expect(firstPageKey(await PDFDocument.load(await linked.save(), LOAD_OPTIONS))).toBeUndefined();
});
