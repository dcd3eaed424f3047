import crypto from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ProjectPaths } from '../config/load-config.js';
import { InputHashes } from '../content/hash-inputs.js';
import { PDF_VARIANTS } from '../publish/output-names.js';
import type { LanguageResult } from './types.js';

/** What besides the files decides the output: options that change the PDFs, and the tools that make them. */
export interface CacheOptions {
  pressReady?: boolean;
  impose?: string;
  allowIncomplete?: boolean;
  sourceDateEpoch?: string;
  /** The date of a proof's mark (--proof), YYYY-MM-DD. */
  proof?: string;
  /** What `--version` of the browser and of Ghostscript print: an upgrade prints everything again. */
  tools: string[];
}

type StoredMessage = { reason: string; line?: number; column?: number; ruleId?: string; note?: string; fatal?: boolean | null };

interface Entry {
  key: string;
  /** Files read outside the hashed folders (images from elsewhere in the project), with their hashes. */
  extra: Record<string, string>;
  result: Pick<LanguageResult, 'lang' | 'draft' | 'preflight' | 'timings' | 'status' | 'languageName' | 'firstPage'> & { pages: Record<string, number> };
  /** Every file of the language with its messages; the first is index.md. */
  files: Array<{ path: string; messages: StoredMessage[] }>;
  document: string;
}

/**
 * A cache of built languages keyed on the content of every input: the language's folder and the source
 * language's, brochure.yaml, templates/, assets/, the tool's code and locked dependencies, the options, and the
 * versions of the browser and Ghostscript. An unchanged language is not printed again; any change rebuilds it.
 */
export class BuildCache {
  readonly #folder: string;
  readonly #paths: ProjectPaths;
  readonly #hashes: InputHashes;

  /** `hashes` may be shared with other users of the same build, so that each input is hashed once. */
  constructor(paths: ProjectPaths, folder: string, hashes = new InputHashes()) {
    this.#paths = paths;
    this.#folder = folder;
    this.#hashes = hashes;
  }

  /** The key of one language: a hash of all its inputs. */
  async key(lang: string, sourceLanguage: string, options: CacheOptions): Promise<string> {
    const parts = await Promise.all([
      this.#hashes.tool(),
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
    const folder = path.join(this.#folder, lang);
    const entry = await readFile(path.join(folder, 'entry.json'), 'utf8').then((text) => JSON.parse(text) as Entry, () => undefined);
    if (entry?.key !== key) return undefined;
    for (const [file, expected] of Object.entries(entry.extra)) if ((await this.#hashFile(file)) !== expected) return undefined;
    const files = entry.files.map((stored) => restore(stored.path, stored.messages, this.#paths.root));
    const html = await readFile(path.join(folder, 'html'), 'utf8').catch(() => undefined);
    const pdfs: LanguageResult['pdfs'] = {};
    for (const [variant, pages] of Object.entries(entry.result.pages)) {
      const bytes = await readFile(path.join(folder, `${variant}.pdf`)).catch(() => undefined);
      if (!bytes || html === undefined) return undefined;
      pdfs[variant as keyof LanguageResult['pdfs']] = { bytes: new Uint8Array(bytes), pages };
    }
    const { pages, ...result } = entry.result;
    return { ...result, ok: true, cached: true, files, document: files.find((file) => file.path === entry.document)!, html, pdfs };
  }

  /** Stores a successful language; `filesRead` are all files the build read (others than the hashed folders). */
  async save(result: LanguageResult, key: string, filesRead: Iterable<string>): Promise<void> {
    // Written beside and renamed into place: another build may be reading or writing the same language.
    const final = path.join(this.#folder, result.lang);
    const folder = `${final}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    await mkdir(folder, { recursive: true });
    const hashed = [this.#paths.content, this.#paths.templates, this.#paths.assets].map((dir) => dir + path.sep);
    const extra: Record<string, string> = {};
    for (const file of filesRead) if (!hashed.some((dir) => file.startsWith(dir))) extra[file] = await this.#hashFile(file);
    const pages: Record<string, number> = {};
    for (const variant of PDF_VARIANTS) {
      const pdf = result.pdfs[variant];
      if (!pdf) continue;
      await writeFile(path.join(folder, `${variant}.pdf`), pdf.bytes);
      pages[variant] = pdf.pages;
    }
    await writeFile(path.join(folder, 'html'), result.html ?? '');
    const entry: Entry = {
      key,
      extra,
      result: { lang: result.lang, draft: result.draft, preflight: result.preflight, timings: result.timings, status: result.status, languageName: result.languageName, firstPage: result.firstPage, pages },
      files: result.files.map((file) => ({ path: file.path, messages: file.messages.filter((m) => m.ruleId !== 'page-count').map((m) => ({ reason: m.reason, line: m.line, column: m.column, ruleId: m.ruleId, note: m.note, fatal: m.fatal })) })),
      document: result.document.path,
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

  #hashFile(file: string): Promise<string> {
    return this.#hashes.file(file);
  }

  #hashTree(folder: string): Promise<string> {
    return this.#hashes.tree(folder);
  }
}

function hash(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function restore(filePath: string, messages: StoredMessage[], cwd: string): VFile {
  const file = new VFile({ path: filePath, cwd });
  for (const stored of messages) {
    const message = file.message(stored.reason, { place: stored.line ? { line: stored.line, column: stored.column ?? 1 } : undefined, ruleId: stored.ruleId, source: 'brochure' });
    message.fatal = stored.fatal;
    if (stored.note) message.note = stored.note;
  }
  return file;
}
