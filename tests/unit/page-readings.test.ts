import { mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, PDFName, StandardFonts } from '@cantoo/pdf-lib';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { PAGE_CONTENT } from '../../src/pdf/accessibility/read-content.js';
import { PageReadingCache, pageFingerprints, readPages, type PageReader } from '../../src/pdf/page-readings.js';
import { LOAD_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { TEXT_LINES, type TextPage } from '../../src/typeset/read-text-lines.js';
import { keepNewest } from '../../src/cache-files.js';
import { sharedBuild } from '../helpers/shared-builds.js';

let pdf: Uint8Array;
/** 1 to the PDF's page count. */
let all: number[];
const folders: string[] = [];

beforeAll(async () => {
  // A screen PDF as the build makes it (Chromium, post-processed): text, a photo and tags on every page.
  pdf = await readFile(path.join((await sharedBuild('basicBuild')).out, 'mk', 'sample-mk.pdf'));
  all = (await PDFDocument.load(pdf, LOAD_OPTIONS)).getPageIndices().map((index) => index + 1);
  expect(all.length).toBeGreaterThanOrEqual(4);
});
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function cacheFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'page-readings-'));
  folders.push(folder);
  return folder;
}

/** TEXT_LINES, counting the pages it is asked to read with pdf.js. */
function counting(): { reader: PageReader<TextPage>; read: number[] } {
  const read: number[] = [];
  return { read, reader: { ...TEXT_LINES, read: (page, number) => (read.push(number), TEXT_LINES.read(page, number)) } };
}

async function readLines(bytes: Uint8Array, cache: PageReadingCache | undefined) {
  const { reader, read } = counting();
  const { lines } = await readPages(bytes, await PDFDocument.load(bytes, LOAD_OPTIONS), { lines: reader }, cache);
  return { lines, read };
}

/** The PDF with text drawn on page `number` (1-based), saved again by pdf-lib (which renumbers nothing else). */
async function withTextOn(bytes: Uint8Array, number: number): Promise<Uint8Array> {
  const document = await PDFDocument.load(bytes, LOAD_OPTIONS);
  const font = await document.embedFont(StandardFonts.Helvetica);
  document.getPage(number - 1).drawText('Added later', { x: 40, y: 40, size: 12, font });
  return document.save();
}

it('reads each page once with pdf.js; a rebuild of the same pages reads none, and gets the same readings', async () => {
  const folder = await cacheFolder();
  const cache = () => new PageReadingCache(folder, Promise.resolve('tool 1'));
  const first = await readLines(pdf, cache());
  expect(first.read).toEqual(all);
  expect(first.lines.flatMap((page) => page.lines).length).toBeGreaterThan(5 * all.length);
  // Without a cache, the same readings straight from pdf.js.
  expect((await readLines(pdf, undefined)).lines).toEqual(first.lines);
  const again = await readLines(pdf, cache());
  expect(again.read).toEqual([]);
  expect(again.lines).toEqual(first.lines);
  // Another version of the tool (its code or packages) reads every page again.
  expect((await readLines(pdf, new PageReadingCache(folder, Promise.resolve('tool 2')))).read).toEqual(all);
});

it('reads again only the page whose content changed, and what it shows now', async () => {
  const folder = await cacheFolder();
  const cache = new PageReadingCache(folder, Promise.resolve('tool'));
  await readLines(pdf, cache);
  const changed = await withTextOn(pdf, 3);
  const after = await readLines(changed, cache);
  expect(after.read).toEqual([3]);
  expect(after.lines[2]!.lines.map((line) => line.text)).toContain('Added later');
  expect(after.lines.flatMap((page, index) => (index === 2 ? [] : page.lines)).map((line) => line.text)).not.toContain('Added later');
});

it('knows a page by what it draws, not by its object numbers: the pages copied into another PDF are the same pages', async () => {
  const source = await PDFDocument.load(pdf, LOAD_OPTIONS);
  const copy = await PDFDocument.create();
  // An object first, so that no copied object keeps its number.
  copy.context.register(copy.context.obj({ Filler: true }));
  for (const page of await copy.copyPages(source, source.getPageIndices())) copy.addPage(page);
  expect(copy.getPage(0).ref.objectNumber).not.toBe(source.getPage(0).ref.objectNumber);
  expect(pageFingerprints(copy)).toEqual(pageFingerprints(source));
  // Pages that differ have different fingerprints: no two pages of the brochure are alike.
  expect(new Set(pageFingerprints(source)).size).toBe(source.getPageCount());
});

it('reads a page again when its kept reading cannot be read (a damaged or half-copied cache)', async () => {
  const folder = await cacheFolder();
  const cache = new PageReadingCache(folder, Promise.resolve('tool'));
  const first = await readLines(pdf, cache);
  const files = await readdir(folder);
  expect(files).toHaveLength(all.length);
  // Cut short, another page's, and the right key with what no reader wrote.
  const [cutShort, copiedOver, emptied] = files as [string, string, string];
  await writeFile(path.join(folder, cutShort), '{"key": "');
  await writeFile(path.join(folder, copiedOver), await readFile(path.join(folder, emptied)));
  await writeFile(path.join(folder, emptied), JSON.stringify({ key: emptied.replace(/\.json$/, ''), reading: {} }));
  const again = await readLines(pdf, cache);
  expect(again.read).toHaveLength(3);
  expect(again.lines).toEqual(first.lines);
});

it('gives a page the same as another its own number', async () => {
  const source = await PDFDocument.load(pdf, LOAD_OPTIONS);
  const twice = await PDFDocument.create();
  for (const page of await twice.copyPages(source, [1, 1])) twice.addPage(page);
  const bytes = await twice.save();
  const cache = new PageReadingCache(await cacheFolder(), Promise.resolve('tool'));
  // Both read the first time (neither is kept yet when they are looked up); then both taken from one reading.
  const { lines, read } = await readLines(bytes, cache);
  expect(read).toEqual([1, 2]);
  const kept = await readLines(bytes, cache);
  expect(kept.read).toEqual([]);
  expect(kept.lines.map((page) => [page.page, ...new Set(page.lines.map((line) => line.page))])).toEqual([[1, 1], [2, 2]]);
  expect(kept.lines).toEqual(lines);
  const content = await readPages(bytes, twice, { content: PAGE_CONTENT }, cache);
  expect((await readPages(bytes, twice, { content: PAGE_CONTENT }, cache)).content.map((page) => page.number)).toEqual([1, 2]);
  expect(content.content.map((page) => page.number)).toEqual([1, 2]);
});

it('keeps the marked content of a page as pdf.js read it, its sets and maps included', async () => {
  const folder = await cacheFolder();
  const document = await PDFDocument.load(pdf, LOAD_OPTIONS);
  const fresh = await readPages(pdf, document, { content: PAGE_CONTENT }, new PageReadingCache(folder, Promise.resolve('tool')));
  const kept = await readPages(pdf, document, { content: PAGE_CONTENT }, new PageReadingCache(folder, Promise.resolve('tool')));
  expect(kept.content).toEqual(fresh.content);
  expect(kept.content[0]!.sequences).toBeInstanceOf(Map);
  expect([...kept.content[0]!.sequences.values()].some((sequence) => sequence.draws instanceof Set && sequence.draws.has('text'))).toBe(true);
});

it('keeps the newest files of a cache folder and removes the rest', async () => {
  const folder = await cacheFolder();
  for (const [index, name] of ['a', 'b', 'c', 'd', 'e'].entries()) {
    await writeFile(path.join(folder, name), name);
    await utimes(path.join(folder, name), 1_700_000_000 + index, 1_700_000_000 + index);
  }
  await keepNewest(folder, 5);
  expect((await readdir(folder)).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  await keepNewest(folder, 3);
  expect((await readdir(folder)).sort()).toEqual(['c', 'd', 'e']);
  await keepNewest(path.join(folder, 'missing'), 3);
});

it('follows objects that refer to each other: a change in one changes the fingerprint of every page that leads to it', async () => {
  const make = async (value: number) => {
    const document = await PDFDocument.create();
    const [first, second] = [document.addPage(), document.addPage()];
    const a = document.context.nextRef();
    const b = document.context.nextRef();
    document.context.assign(a, document.context.obj({ Value: value, Next: b }));
    document.context.assign(b, document.context.obj({ Back: a }));
    first.node.set(PDFName.of('Extra'), a);
    second.node.set(PDFName.of('Extra'), b);
    return pageFingerprints(document);
  };
  const [one, two] = [await make(1), await make(2)];
  expect(two[0]).not.toBe(one[0]);
  expect(two[1]).not.toBe(one[1]);
  expect(await make(1)).toEqual(one);
});

it('keeps no reading that JSON cannot hold exactly (NaN, Infinity), and reads such a page again', async () => {
  const folder = await cacheFolder();
  const cache = new PageReadingCache(folder, Promise.resolve('tool'));
  const read: number[] = [];
  const odd: PageReader<{ width: number }> = { name: 'odd', read: async (_page, number) => (read.push(number), { width: number === 1 ? Number.NaN : number }), toJson: (value) => value, fromJson: (json) => json as { width: number } };
  const document = await PDFDocument.load(pdf, LOAD_OPTIONS);
  expect((await readPages(pdf, document, { odd }, cache)).odd[0]!.width).toBeNaN();
  read.length = 0;
  const again = await readPages(pdf, document, { odd }, cache);
  expect(read).toEqual([1]);
  expect(again.odd[0]!.width).toBeNaN();
  expect(again.odd[1]!.width).toBe(2);
});

it('counts a reading used as new, so that pruning keeps the readings in use', async () => {
  const folder = await cacheFolder();
  const cache = new PageReadingCache(folder, Promise.resolve('tool'));
  await readLines(pdf, cache);
  const files = await readdir(folder);
  for (const file of files) await utimes(path.join(folder, file), 1_700_000_000, 1_700_000_000);
  expect((await readLines(pdf, cache)).read).toEqual([]);
  for (const file of files) expect((await stat(path.join(folder, file))).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
});
