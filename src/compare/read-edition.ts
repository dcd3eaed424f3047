import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, realpath, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { BrochureError } from '../errors.js';

/** An earlier edition, opened: a folder laid out like dist/ (at least `<lang>/index.html` and the screen PDF). */
export interface OpenedEdition {
  folder: string;
  /** How the edition is named in the report: the zip's or folder's name, or the tag. */
  label: string;
  /** Removes what opening it made (an unpacked zip). */
  cleanup: () => Promise<void>;
}

/** An earlier edition still to be built: a git tag or commit of the project. */
export interface EditionSources {
  commit: string;
  label: string;
}

/** The largest release zip unpacked (a release of four languages is a few megabytes). */
const MAX_ZIP_BYTES = 200 * 1024 * 1024;

/**
 * What `OLD` of `npm run compare -- OLD` (or `--since OLD`) names: a release zip or a folder of a build (such
 * as an earlier dist/) is opened; otherwise it must be a git tag or commit of the project, whose sources are
 * then built (by the caller) with the current tool. Anything else is an error that says what OLD may be.
 */
export async function openEdition(old: string, root: string): Promise<OpenedEdition | EditionSources> {
  const file = path.resolve(root, old);
  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) return { folder: await realpath(file), label: old, cleanup: async () => undefined };
  if (info?.isFile() && file.endsWith('.zip')) {
    if (info.size > MAX_ZIP_BYTES) throw new BrochureError('compare', `Cannot open \`${old}\`: ${Math.round(info.size / 1048576)} MB is larger than a release zip can be.`);
    const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-edition-'));
    try {
      for (const [name, data] of Object.entries(unzipSync(await readFile(file)))) {
        const target = path.resolve(folder, name);
        // A name that leads out of the folder (../) is not unpacked.
        if (name.endsWith('/') || !target.startsWith(folder + path.sep)) continue;
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, data);
      }
    } catch (cause) {
      await rm(folder, { recursive: true, force: true });
      throw new BrochureError('compare', `Cannot read \`${old}\` as a zip archive.`, { cause, hint: 'Give a release zip (dist/release/*.zip) as it was downloaded.' });
    }
    return { folder, label: path.basename(old), cleanup: () => rm(folder, { recursive: true, force: true }) };
  }
  const commit = await promisify(execFile)('git', ['rev-parse', '--verify', '--quiet', `${old}^{commit}`], { cwd: root }).then(({ stdout }) => stdout.trim(), () => '');
  if (!commit) {
    throw new BrochureError('compare', `Cannot find the edition \`${old}\`: it is neither a zip, a folder nor a git tag or commit of this project.`, {
      hint: 'Give a release zip (such as dist/release/circular-economy-all-languages.zip), a folder of an earlier build, or a tag such as v1.0 (`git tag` lists them).',
    });
  }
  return { commit, label: old };
}

/**
 * Writes brochure/, templates/ and assets/ of a commit into a new temporary folder (git archive), to be built
 * there with the current tool. Returns the folder.
 */
export async function exportSources(root: string, commit: string): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-edition-src-'));
  await new Promise<void>((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', commit, 'brochure', 'templates', 'assets'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const unpack = spawn('tar', ['-x', '-C', folder], { stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(unpack.stdin);
    // A tar that stops early (a full disk) leaves git waiting to write, for ever: it is stopped with it. A write
    // under way then can fail with EPIPE, an error that would end this process unheard; tar's exit code says why.
    unpack.stdin.on('error', () => undefined);
    let errors = '';
    archive.stderr.on('data', (chunk) => (errors += chunk));
    unpack.stderr.on('data', (chunk) => (errors += chunk));
    unpack.on('close', (code) => {
      if (code === 0) return resolve();
      archive.kill();
      reject(new BrochureError('compare', `Cannot take the sources of \`${commit.slice(0, 12)}\` out of git: ${errors.trim() || `tar exited with ${code}`}`));
    });
    archive.on('error', reject);
    unpack.on('error', reject);
  }).catch(async (error: unknown) => {
    await rm(folder, { recursive: true, force: true });
    throw error;
  });
  return folder;
}

/** The screen PDF (`<slug>-<lang>.pdf`) and the web page of a language in an edition's folder, found by their names. */
export async function editionFiles(folder: string, lang: string): Promise<{ screen: string; web: string } | undefined> {
  const names = await readdir(path.join(folder, lang)).catch(() => [] as string[]);
  const screen = names.find((name) => name.endsWith(`-${lang}.pdf`));
  if (!screen || !names.includes('index.html')) return undefined;
  return { screen: path.join(folder, lang, screen), web: path.join(folder, lang, 'index.html') };
}
