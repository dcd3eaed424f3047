import crypto from 'node:crypto';
import { readFile, readdir, readlink } from 'node:fs/promises';
import path from 'node:path';
import { toolRoot } from '../tool-root.js';

/** SHA-256 of a text or bytes, in hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

let toolVersion: Promise<string> | undefined;

/**
 * Hashes of the files and folders a build reads, each computed once per instance (a build hashes the same
 * templates for the cache key of every language and for the settings in the manifest).
 */
export class InputHashes {
  readonly #hashes = new Map<string, Promise<string>>();

  /** The SHA-256 of a file's content; `missing` when it cannot be read. */
  file(file: string): Promise<string> {
    let pending = this.#hashes.get(file);
    if (!pending) {
      pending = readFile(file).then((data) => sha256Hex(data), () => 'missing');
      this.#hashes.set(file, pending);
    }
    return pending;
  }

  /**
   * The version of the brochure tool itself: a hash of its src/ and package-lock.json, taken once per process.
   * The code that runs is the code loaded when the process started: a long `npm run dev` whose src/ is edited
   * meanwhile still runs the old code, and must not keep what it makes under the new code's version.
   */
  tool(): Promise<string> {
    toolVersion ??= (async () => {
      const [code, lock] = await Promise.all([this.tree(path.join(toolRoot(), 'src')), this.file(path.join(toolRoot(), 'package-lock.json'))]);
      return sha256Hex(`${code}\n${lock}`);
    })();
    return toolVersion;
  }

  /** A hash of every file in a folder, by relative path and content; a symbolic link counts with its target. */
  tree(folder: string): Promise<string> {
    const key = `${folder}${path.sep}**`;
    let pending = this.#hashes.get(key);
    if (!pending) {
      pending = (async () => {
        const entries = await readdir(folder, { recursive: true, withFileTypes: true }).catch(() => []);
        const files = entries.filter((entry) => entry.isFile() || entry.isSymbolicLink()).map((entry) => path.join(entry.parentPath, entry.name)).sort();
        const hashes = await Promise.all(
          // Relative paths with forward slashes, so that the same folder hashes alike on every system.
          files.map(async (file) => `${path.relative(folder, file).split(path.sep).join('/')}\0${await readlink(file).catch(() => '')}\0${await this.file(file)}`),
        );
        return sha256Hex(hashes.join('\n'));
      })();
      this.#hashes.set(key, pending);
    }
    return pending;
  }
}
