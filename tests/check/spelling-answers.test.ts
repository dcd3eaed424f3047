import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadSpelling, type Speller } from '../../src/check/dictionaries.js';
import { REPO } from '../helpers/project.js';

let root: string;
const content = path.join(REPO, 'brochure');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'spelling-answers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function english(folder: string | undefined): Promise<Speller> {
  const spelling = (await loadSpelling(content, ['en'], folder)).get('en')!;
  if (!('speller' in spelling)) throw new Error(spelling.missing);
  return spelling.speller;
}

it('keeps Hunspell\'s verdicts for the next build, which takes them from disk without asking again; suggestions are asked for again', async () => {
  const [first, second, damaged] = ['first', 'second', 'damaged'].map((name) => path.join(root, name)) as [string, string, string];
  const asked = await english(first);
  expect(asked.correct('business')).toBe(true);
  expect(asked.correct('busines')).toBe(false);
  const suggestions = asked.suggest('busines');
  expect(suggestions).toContain('business');
  await asked.keep();
  const [file] = await readdir(first);
  // Suggestions are not kept: Hunspell stops looking for them after a time, so a busy machine may find fewer.
  expect(JSON.parse(await readFile(path.join(first, file!), 'utf8'))).toEqual({ verdicts: [['business', true], ['busines', false]] });
  // The next build's folder holds the same file, changed by hand: its answers are the ones given, so they come from it.
  await cp(first, second, { recursive: true });
  await writeFile(path.join(second, file!), JSON.stringify({ verdicts: [['busines', true]] }));
  const kept = await english(second);
  expect(kept.correct('busines')).toBe(true);
  expect(kept.suggest('busines')).toEqual(suggestions);
  // Words not kept are asked about, and kept in turn.
  expect(kept.correct('circular')).toBe(true);
  await kept.keep();
  expect(JSON.parse(await readFile(path.join(second, file!), 'utf8')).verdicts).toEqual([['busines', true], ['circular', true]]);
  // A damaged file is as none: Hunspell answers.
  await cp(first, damaged, { recursive: true });
  await writeFile(path.join(damaged, file!), '{"verdicts": [["busines", "yes"]]');
  expect((await english(damaged)).correct('busines')).toBe(false);
});

it('asks Hunspell without a folder, and keeps nothing', async () => {
  const speller = await english(undefined);
  expect(speller.correct('busines')).toBe(false);
  await speller.keep();
});

it('leaves no process-wide listener behind that would turn an error caught nowhere into an exit with no report', async () => {
  const speller = await english(undefined);
  expect(speller.correct('busines')).toBe(false);
  // Emscripten's loader in hunspell-asm adds one that throws every such error again (`ex instanceof ExitStatus`).
  const rethrowing = process.listeners('uncaughtException').filter((listener) => String(listener).includes('ExitStatus'));
  expect(rethrowing).toEqual([]);
});

it('knows British and American English: a word is asked of en-US when en-GB does not know it', async () => {
  const speller = await english(undefined);
  expect(speller.sources).toEqual(['dictionary-en-gb (npm)', 'dictionary-en (npm)']);
  for (const word of ['colour', 'color', 'organisation', 'organization', 'programme', 'fibre', 'fiber']) expect(speller.correct(word), word).toBe(true);
  expect(speller.correct('colur')).toBe(false);
  expect(speller.suggest('colur')).toContain('colour');
});
