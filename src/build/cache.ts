import crypto from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ProjectPaths } from '../config/load-config.js';
import type { LanguageResult } from './build.js';
import type { TranslationStatus } from '../check/incomplete-rules.js';
import { toolRoot } from '../tool-root.js';


/** What besides the files decides the output: options that change the PDFs. */
export interface CacheOptions {
  pressReady?: boolean;
  impose?: string;
  allowIncomplete?: boolean;
  sourceDateEpoch?: string;
}

type StoredMessage = { path: string; reason: string; line?: number; column?: number; ruleId?: string; note?: string };

interface Entry {
  key: string;
  /** Files read outside the hashed folders (images from elsewhere in the project), with their hashes. */
  extra: Record<string, string>;
  result: Omit<LanguageResult, 'files' | 'html' | 'pdf' | 'printPdf' | 'pressPdf' | 'bookletPdf'>;
  messages: StoredMessage[];
  blobs: string[];
}

const BLOBS = ['html', 'pdf', 'printPdf', 'pressPdf', 'bookletPdf'] as const;

/**
 * A cache of built languages keyed on the content of every input: the language's folder and the source
 * language's, brochure.yaml, templates/, assets/, the tool's code and locked dependencies, and the options. An
 * unchanged language is not printed again; any changed input rebuilds it. Lives in node_modules/.cache.
 */
export class BuildCache {
  readonly folder: string;
  readonly #paths: ProjectPaths;
  readonly #hashes = new Map<string, Promise<string>>();

  constructor(paths: ProjectPaths, folder = path.join(paths.root, 'node_modules', '.cache', 'brochure-pipeline', 'builds')) {
    this.#paths = paths;
    this.folder = folder;
  }

  /** The key of one language: a hash of all its inputs. */
  async key(lang: string, sourceLanguage: string, options: CacheOptions): Promise<string> {
    const parts = await Promise.all([
      this.#hashTree(path.join(toolRoot(), 'src')),
      this.#hashFile(path.join(toolRoot(), 'package-lock.json')),
      this.#hashFile(path.join(this.#paths.content, 'brochure.yaml')),
      this.#hashTree(path.join(this.#paths.content, lang)),
      this.#hashTree(path.join(this.#paths.content, sourceLanguage)),
      this.#hashTree(this.#paths.templates),
      this.#hashTree(this.#paths.assets),
    ]);
    return hash([lang, JSON.stringify(options), ...parts].join('\n'));
  }

  /** The cached result of `lang` if its key and every extra file it read still match. */
  async load(lang: string, key: string): Promise<LanguageResult | undefined> {
    const folder = path.join(this.folder, lang);
    let entry: Entry;
    try {
      entry = JSON.parse(await readFile(path.join(folder, 'entry.json'), 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (entry.key !== key) return undefined;
    for (const [file, expected] of Object.entries(entry.extra)) {
      if ((await this.#hashFile(file)) !== expected) return undefined;
    }
    const result: LanguageResult = { ...entry.result, files: restoreMessages(entry.messages, this.#paths.root), cached: true };
    for (const name of entry.blobs as Array<(typeof BLOBS)[number]>) {
      const data = await readFile(path.join(folder, name)).catch(() => undefined);
      if (!data) return undefined;
      if (name === 'html') result.html = data.toString('utf8');
      else result[name] = new Uint8Array(data);
    }
    return result;
  }

  /** Stores a successful language; `filesRead` are all files the build read (others than the hashed folders). */
  async save(result: LanguageResult, key: string, filesRead: Iterable<string>): Promise<void> {
    // Written beside and renamed into place: another build may be reading or writing the same language.
    const final = path.join(this.folder, result.lang);
    const folder = `${final}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    await mkdir(folder, { recursive: true });
    const hashed = [this.#paths.content, this.#paths.templates, this.#paths.assets].map((dir) => dir + path.sep);
    const extra: Record<string, string> = {};
    for (const file of filesRead) if (!hashed.some((dir) => file.startsWith(dir))) extra[file] = await this.#hashFile(file);
    const blobs: string[] = [];
    for (const name of BLOBS) {
      const value = result[name];
      if (value === undefined) continue;
      await writeFile(path.join(folder, name), value);
      blobs.push(name);
    }
    const { files, html, pdf, printPdf, pressPdf, bookletPdf, cached, printHtml, ...meta } = result;
    const entry: Entry = {
      key,
      extra,
      result: meta,
      messages: files.flatMap((file) => file.messages.map((message) => ({ path: file.path, reason: message.reason, line: message.line, column: message.column, ruleId: message.ruleId, note: message.note }))),
      blobs,
    };
    await writeFile(path.join(folder, 'entry.json'), JSON.stringify(entry));
    try {
      await rm(final, { recursive: true, force: true, maxRetries: 3 });
      await rename(folder, final);
    } catch {
      // Another build stored the same language at the same moment: its entry is as good as this one.
      await rm(folder, { recursive: true, force: true });
    }
  }

  /** The translation status stored with a key over every language, or undefined. */
  async loadStatus(key: string): Promise<TranslationStatus[] | undefined> {
    try {
      const stored = JSON.parse(await readFile(path.join(this.folder, 'status.json'), 'utf8')) as { key: string; status: TranslationStatus[] };
      return stored.key === key ? stored.status : undefined;
    } catch {
      return undefined;
    }
  }

  async saveStatus(key: string, status: TranslationStatus[]): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const temporary = path.join(this.folder, `status.json.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
    await writeFile(temporary, JSON.stringify({ key, status }));
    await rename(temporary, path.join(this.folder, 'status.json'));
  }

  #hashFile(file: string): Promise<string> {
    let pending = this.#hashes.get(file);
    if (!pending) {
      pending = readFile(file).then((data) => hash(data), () => 'missing');
      this.#hashes.set(file, pending);
    }
    return pending;
  }

  #hashTree(folder: string): Promise<string> {
    const key = `${folder}${path.sep}**`;
    let pending = this.#hashes.get(key);
    if (!pending) {
      pending = (async () => {
        const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
        const files = entries
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
          .sort();
        const hashes = await Promise.all(files.map(async (file) => `${path.relative(folder, file)}\0${await this.#hashFile(file)}`));
        return hash(hashes.join('\n'));
      })();
      this.#hashes.set(key, pending);
    }
    return pending;
  }
}

function hash(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function restoreMessages(messages: StoredMessage[], cwd: string): VFile[] {
  const byPath = new Map<string, VFile>();
  for (const stored of messages) {
    let file = byPath.get(stored.path);
    if (!file) {
      file = new VFile({ path: stored.path, cwd });
      byPath.set(stored.path, file);
    }
    const message = file.message(stored.reason, { place: stored.line ? { line: stored.line, column: stored.column ?? 1 } : undefined, ruleId: stored.ruleId, source: 'brochure' });
    if (stored.note) message.note = stored.note;
  }
  return [...byPath.values()];
}
