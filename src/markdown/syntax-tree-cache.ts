import crypto from 'node:crypto';
import path from 'node:path';
import type { Root } from 'mdast';
import { keepNewest, readCacheFile, touchCacheFile, writeCacheFile } from '../cache-files.js';

/** How many trees are kept (about 15 KB each): every file of a 40-file brochure in ten languages, and 100 edits. */
const KEPT_TREES = 500;

/** Syntax trees a build may take instead of parsing, and where it leaves the trees it parsed. */
export interface TreeMemo {
  /** The tree of `text` as the parser gives it, a copy of its own; undefined when none is kept. */
  get(text: string): Root | undefined;
  /** A tree just parsed from `text`, to keep (copied now: the stages after parsing may change it). */
  add(text: string, tree: Root): void;
}

/**
 * Markdown syntax trees kept between builds by the file's text. Parsing is the larger part of reading a
 * language (a third of a second for the four of the shipped brochure, with the source read by each), and a
 * tree depends on nothing but the text and the parser: the tool's code and packages (`tool`) and Node's
 * Unicode tables. So a tree kept under both is the tree the parser would give again. Everything after parsing
 * (the limits, the syntax checks, the translation checks) runs on every build, as before.
 */
export class SyntaxTreeCache implements TreeMemo {
  readonly #folder: string;
  readonly #tool: Promise<string>;
  /** Trees read from the cache (`load`) or parsed in this build, as JSON, by text. */
  readonly #trees = new Map<string, string>();
  /** Keys and JSON of the trees parsed in this build, to write. */
  readonly #made = new Map<string, string>();
  #salt = '';

  constructor(folder: string, tool: Promise<string>) {
    this.#folder = folder;
    this.#tool = tool;
  }

  /** Reads the trees kept for these texts, so that `get` has them; before it, `add` keeps a tree for this build only. */
  async load(texts: Iterable<string>): Promise<void> {
    this.#salt = `${await this.#tool}\nnode ${process.versions.node} icu ${process.versions.icu ?? ''}\n`;
    await Promise.all([...new Set(texts)].map(async (text) => {
      const key = this.#key(text);
      const file = this.#file(key);
      const kept = (await readCacheFile(file)) as { key?: unknown; tree?: unknown } | undefined;
      if (kept?.key !== key || (kept.tree as Root | undefined)?.type !== 'root') return;
      this.#trees.set(text, JSON.stringify(kept.tree));
      await touchCacheFile(file);
    }));
  }

  get(text: string): Root | undefined {
    const json = this.#trees.get(text);
    return json === undefined ? undefined : (JSON.parse(json) as Root);
  }

  add(text: string, tree: Root): void {
    const json = JSON.stringify(tree);
    this.#trees.set(text, json);
    if (this.#salt) this.#made.set(this.#key(text), json);
  }

  /** Writes the trees parsed in this build and keeps the newest KEPT_TREES; a cache that cannot be written only costs time. */
  async save(): Promise<void> {
    if (this.#made.size === 0) return;
    await Promise.all([...this.#made].map(([key, json]) => writeCacheFile(this.#file(key), `{"key":${JSON.stringify(key)},"tree":${json}}`)));
    this.#made.clear();
    await keepNewest(this.#folder, KEPT_TREES);
  }

  #key(text: string): string {
    return crypto.createHash('sha256').update(this.#salt).update(text).digest('hex');
  }

  #file(key: string): string {
    return path.join(this.#folder, `${key}.json`);
  }
}
