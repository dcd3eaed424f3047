import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { promisify } from 'node:util';
import type { OutputFile } from './write-dist.js';

/** One file of the release, as listed in dist/manifest.json. */
export interface ManifestEntry {
  language: string;
  variant: 'screen' | 'print' | 'press' | 'booklet' | 'web' | 'preflight';
  path: string;
  bytes: number;
  pages: number | null;
  sha256: string;
}

export interface Manifest {
  buildDate: string;
  sourceCommit: string | null;
  files: ManifestEntry[];
}

/** Which variant a file of dist/<lang>/ is, by its name. */
function variantOf(name: string): ManifestEntry['variant'] {
  if (name === 'index.html') return 'web';
  if (name === 'preflight.json') return 'preflight';
  if (name.endsWith('-print.pdf')) return 'print';
  if (name.endsWith('-press.pdf')) return 'press';
  if (name.endsWith('-booklet.pdf')) return 'booklet';
  return 'screen';
}

/**
 * dist/manifest.json: every file of every language with its variant, size, pages and SHA-256, the build date
 * (SOURCE_DATE_EPOCH when set) and the source commit (from git, or $GITHUB_SHA in CI).
 */
export async function createManifest(files: OutputFile[], pages: (path: string) => number | null, date: Date, root: string): Promise<Manifest> {
  return {
    buildDate: date.toISOString(),
    sourceCommit: process.env.GITHUB_SHA ?? (await gitCommit(root)),
    files: files
      .filter((file) => file.path.includes('/'))
      .map((file) => {
        const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : Buffer.from(file.data);
        const [language = '', name = ''] = file.path.split('/');
        return { language, variant: variantOf(name), path: file.path, bytes: data.length, pages: pages(file.path), sha256: crypto.createHash('sha256').update(data).digest('hex') };
      }),
  };
}

async function gitCommit(root: string): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: root });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}
