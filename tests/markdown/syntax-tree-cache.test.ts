import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import { afterEach, expect, it } from 'vitest';
import { readLanguage, type LanguageFiles } from '../../src/content/read-language.js';
import { parseLanguage, type ParsedLanguage } from '../../src/markdown/parse-language.js';
import { SyntaxTreeCache, type TreeMemo } from '../../src/markdown/syntax-tree-cache.js';
import { REPO } from '../helpers/project.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
});

async function cacheFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'syntax-trees-'));
  folders.push(folder);
  return folder;
}

const texts = (files: LanguageFiles) => [files.document, ...files.sections].map((file) => String(file.value));

/** The memo, counting the trees it gave instead of the parser. */
function counting(memo: TreeMemo): { memo: TreeMemo; given: () => number } {
  let given = 0;
  return {
    given: () => given,
    memo: {
      get: (text) => {
        const tree = memo.get(text);
        if (tree) given++;
        return tree;
      },
      add: (text, tree) => memo.add(text, tree),
    },
  };
}

/** Every tree of a parsed language (index.md's first), and the messages on its files. */
function treesOf(language: ParsedLanguage): { trees: Root[]; messages: string[] } {
  const files = [language.document, ...language.sections];
  return { trees: [language.documentTree!, ...[...language.parsed.values()].map((section) => section.tree)], messages: files.flatMap((file) => file.messages.map(String)) };
}

it("keeps the shipped brochure's trees on disk: a later build takes every one of them, the same as the parser's", async () => {
  const folder = await cacheFolder();
  const content = path.join(REPO, 'brochure');
  for (const lang of ['en', 'mk', 'sq', 'bs']) {
    const read = () => readLanguage(content, lang, REPO, 'en');
    const first = new SyntaxTreeCache(folder, Promise.resolve('tool 1'));
    const files = await read();
    await first.load(texts(files));
    const parsed = counting(first);
    const fresh = treesOf(parseLanguage(files, parsed.memo));
    expect(parsed.given()).toBe(0);
    await first.save();

    const again = new SyntaxTreeCache(folder, Promise.resolve('tool 1'));
    const later = await read();
    await again.load(texts(later));
    const kept = counting(again);
    const fromCache = treesOf(parseLanguage(later, kept.memo));
    expect(kept.given()).toBe(later.sections.length + 1);
    // Positions included: the messages of the checks point at the same line and column.
    expect(fromCache.trees).toEqual(fresh.trees);
    expect(fromCache.messages).toEqual(fresh.messages);
  }
});

it('parses again for another tool, and for a kept file that is damaged or under another key', async () => {
  const folder = await cacheFolder();
  const text = '# Title\n\nA paragraph with *emphasis*.\n';
  const other = '# Other\n';
  const first = new SyntaxTreeCache(folder, Promise.resolve('tool 1'));
  await first.load([text, other]);
  parseLanguage(language([text, other]), first);
  await first.save();
  const kept = async (tool: string, wanted: string) => {
    const cache = new SyntaxTreeCache(folder, Promise.resolve(tool));
    await cache.load([wanted]);
    return cache.get(wanted);
  };
  expect((await kept('tool 1', text))?.children.map((node) => node.type)).toEqual(['heading', 'paragraph']);
  expect(await kept('tool 2', text)).toBeUndefined();
  expect(await kept('tool 1', other)).toBeDefined();
  // index.md's tree and the two sections'.
  const files = (await readdir(folder)).map((name) => path.join(folder, name));
  expect(files).toHaveLength(3);
  // Each file copied over the next: a tree kept under another key is not taken.
  const contents = await Promise.all(files.map((file) => readFile(file, 'utf8')));
  await Promise.all(files.map((file, index) => writeFile(file, contents[(index + 1) % files.length]!)));
  expect([await kept('tool 1', text), await kept('tool 1', other)]).toEqual([undefined, undefined]);
  // Cut short.
  await Promise.all(files.map((file, index) => writeFile(file, contents[index]!.slice(0, 40))));
  expect([await kept('tool 1', text), await kept('tool 1', other)]).toEqual([undefined, undefined]);
  // Whole again: taken.
  await Promise.all(files.map((file, index) => writeFile(file, contents[index]!)));
  expect([await kept('tool 1', text), await kept('tool 1', other)].filter(Boolean)).toHaveLength(2);
});

it('checks a kept tree as a parsed one: the limits and the syntax checks still report, and each file gets a tree of its own', async () => {
  const unclosed = '# Title\n\n:::callout\nA box never closed.\n';
  const memo = new Map<string, Root>();
  const store: TreeMemo = { get: (text) => structuredClone(memo.get(text)), add: (text, tree) => memo.set(text, structuredClone(tree)) };
  const messages = () => {
    const parsed = parseLanguage(language([unclosed, unclosed]), store);
    return { parsed, messages: parsed.sections.flatMap((file) => file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)) };
  };
  const fresh = messages();
  expect(fresh.messages).toHaveLength(2);
  expect(fresh.messages[0]).toMatch(/^3:1 .*never closed/);
  expect(messages().messages).toEqual(fresh.messages);
  // Two files with the same text: changing one tree leaves the other as it was.
  const [a, b] = [...messages().parsed.parsed.values()].map((section) => section.tree);
  a!.children.length = 0;
  expect(b!.children.length).toBeGreaterThan(0);

  // A tree deeper than the limits allow, as kept for a text, is still refused at its place.
  let deep: Root['children'][number] = { type: 'paragraph', children: [{ type: 'text', value: 'deep' }] };
  for (let level = 0; level < 200; level++) deep = { type: 'blockquote', children: [deep], position: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } } } as Root['children'][number];
  const text = '> deep\n';
  const forged: TreeMemo = { get: (wanted) => (wanted === text ? { type: 'root', children: [deep] } : undefined), add: () => undefined };
  const parsed = parseLanguage(language([text]), forged);
  expect(parsed.sections[0]!.messages.map((message) => message.ruleId)).toEqual(['limit']);
  expect([...parsed.parsed.values()][0]!.unreadable).toBe(true);
});

/** A language of section files with these texts (and an index.md). */
function language(sections: string[]): LanguageFiles {
  const folder = path.join(os.tmpdir(), 'xx');
  const file = (name: string, value: string) => new VFile({ path: path.join(folder, name), value });
  return {
    lang: 'xx',
    folder,
    exists: true,
    folderFile: new VFile({ path: folder }),
    document: file('index.md', '---\ntitle: A title\n---\n'),
    strings: file('strings.json', '{"language": {"name": "X"}}'),
    sections: sections.map((text, index) => file(`0${index + 1}-section.md`, text)),
    figures: [],
    reviewed: { sourceLanguage: 'en', files: {} },
    typeset: { hyphenation: new Map(), names: [], files: [] },
  } as unknown as LanguageFiles;
}
