import crypto from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from './manifest.js';
import { createZip } from './zip.js';

/**
 * `npm run release`: from the built dist/, a zip per language (its PDFs and web page) and one with every
 * language, plus SHA256SUMS, in dist/release/. The files in the zips are checked against manifest.json first,
 * so a release never packs a file that changed after the build. Returns the names written.
 */
export async function makeRelease(outDir: string, slug: string): Promise<string[]> {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (cause) {
    throw new Error(`Cannot find ${path.join(outDir, 'manifest.json')}: build first with \`npm run build:brochure\`.`, { cause });
  }
  const wanted = manifest.files.filter((file) => file.variant !== 'preflight');
  const data = new Map<string, Buffer>();
  for (const file of wanted) {
    const bytes = await readFile(path.join(outDir, file.path));
    if (crypto.createHash('sha256').update(bytes).digest('hex') !== file.sha256) {
      throw new Error(`${file.path} changed since the build (its SHA-256 differs from manifest.json): build again before releasing.`);
    }
    data.set(file.path, bytes);
  }
  const date = new Date(manifest.buildDate);
  const archives = new Map<string, Buffer>();
  const languages = [...new Set(wanted.map((file) => file.language))];
  for (const language of languages) {
    const files = wanted.filter((file) => file.language === language);
    archives.set(`${slug}-${language}.zip`, createZip(files.map((file) => ({ name: file.path, data: data.get(file.path)! })), date));
  }
  archives.set(`${slug}-all-languages.zip`, createZip(wanted.map((file) => ({ name: file.path, data: data.get(file.path)! })), date));
  const sums = [...archives].map(([name, bytes]) => `${crypto.createHash('sha256').update(bytes).digest('hex')}  ${name}`).join('\n');
  // Written aside and swapped in, like dist/ itself.
  const staging = path.join(outDir, `.release-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, bytes] of archives) await writeFile(path.join(staging, name), bytes);
  await writeFile(path.join(staging, 'SHA256SUMS'), `${sums}\n`);
  await rm(path.join(outDir, 'release'), { recursive: true, force: true });
  await rename(staging, path.join(outDir, 'release'));
  return [...archives.keys(), 'SHA256SUMS'];
}
