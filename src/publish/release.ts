import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { BrochureError } from '../errors.js';
import { sha256, type Manifest } from './manifest.js';
import { currentOutput, lockOutput, switchOutput, type OutputFile } from './output-folder.js';
import { createZip } from './zip.js';
import { strictFindings } from '../typeset/report-findings.js';
import type { ProjectPaths } from '../config/load-config.js';
import type { ResolvedBrochureConfig } from '../config/schema.js';
import { renderDownloadPage, type ReleaseArchive } from './download-page.js';
import { webPageForZip } from './zip-web-page.js';

/**
 * A release goes to print shops: a language whose typographic preflight has findings that --strict would make
 * errors (bad hyphen breaks, lone lines, text in the margin) is refused, with the first few named.
 */
async function refuseTypography(folder: string, manifest: Manifest): Promise<void> {
  const problems: string[] = [];
  for (const file of manifest.files.filter((entry) => entry.variant === 'preflight')) {
    const report: unknown = JSON.parse(await readFile(path.join(folder, file.path), 'utf8').catch(() => '[]'));
    for (const finding of strictFindings(report)) problems.push(`${file.language} page ${finding.page}: ${finding.message} (${finding.ruleId})`);
  }
  if (problems.length === 0) return;
  throw new BrochureError('release', `Cannot release: the typographic preflight found ${problems.length} problem${problems.length === 1 ? '' : 's'} a print shop would refuse:\n${problems.slice(0, 8).map((line) => `  ${line}`).join('\n')}${problems.length > 8 ? `\n  …and ${problems.length - 8} more` : ''}`, {
    hint: 'Build again and read the messages at their lines (`npm run build:brochure -- --strict` shows them as errors); rewording a line or adding a word to brochure/<lang>/hyphenation.txt usually fixes them.',
  });
}

/** Files beside the languages that a release keeps in the output. */
const TOP_LEVEL = ['index.html', 'translation-status.json', 'manifest.json'];

export interface ReleaseOptions {
  /** Pack languages built as drafts (--allow-incomplete) too; refused by default. */
  allowDraft?: boolean;
  /** The project, to write the download page again with the zips' links (`npm run release` does). */
  page?: { paths: ProjectPaths; config: ResolvedBrochureConfig };
  /** The languages of brochure.yaml: a build without one of them (one language built alone) is refused. */
  languages?: readonly string[];
}

/**
 * `npm run release`: from the build in the output folder, a zip per language (its PDFs and web page) and one
 * with every language the manifest lists, plus SHA256SUMS, in release/. Every file is checked against
 * manifest.json first (all read from the same build, even if another build switches the output meanwhile),
 * so a release never packs a file that changed after the build; drafts are refused unless allowed, and so is a
 * build that lacks a language of brochure.yaml. Returns the names written.
 */
export async function makeRelease(outDir: string, slug: string, options: ReleaseOptions = {}): Promise<string[]> {
  const unlock = await lockOutput(outDir);
  try {
    const current = await currentOutput(outDir);
    if (!current?.manifest) throw new BrochureError('release', `Cannot find ${path.join(outDir, 'manifest.json')}: build first with \`npm run build:brochure\`.`);
    const manifest: Manifest = current.manifest;
    const drafts = Object.entries(manifest.languages ?? {}).filter(([, build]) => build.draft).map(([lang]) => lang);
    if (drafts.length > 0 && !options.allowDraft) {
      throw new BrochureError('release', `Cannot release: ${drafts.map((lang) => `\`${lang}\``).join(', ')} ${drafts.length === 1 ? 'is a draft' : 'are drafts'} (built with --allow-incomplete from an unfinished translation).`, {
        hint: 'Finish the translation and build again, or release the drafts on purpose with `npm run release -- --allow-draft`.',
      });
    }
    const proofs = Object.entries(manifest.languages ?? {}).filter(([, build]) => build.proof).map(([lang]) => lang);
    if (proofs.length > 0) {
      throw new BrochureError('release', `Cannot release: ${proofs.map((lang) => `\`${lang}\``).join(', ')} ${proofs.length === 1 ? 'is a proof' : 'are proofs'} (built with --proof: "PROOF" is printed on every page).`, {
        hint: 'Build again without --proof (`npm run build:brochure`), then release.',
      });
    }
    // A release stands for the whole brochure: after a build of one language, the others may not be there.
    const built = Object.keys(manifest.languages ?? {});
    const missing = (options.languages ?? []).filter((lang) => !built.includes(lang));
    if (missing.length > 0) {
      throw new BrochureError('release', `Cannot release: ${missing.map((lang) => `\`${lang}\``).join(', ')} of brochure.yaml ${missing.length === 1 ? 'is' : 'are'} not in the build (${built.length > 0 ? `it has ${built.map((lang) => `\`${lang}\``).join(', ')}` : 'it has no language'}).`, {
        hint: 'Build every language with `npm run build:brochure` (or put the parts of a build per language together with `npm run assemble`), then release.',
      });
    }
    await refuseTypography(current.folder, manifest);
    const wanted = manifest.files.filter((file) => file.variant !== 'preflight');
    const data = new Map<string, Buffer>();
    for (const file of wanted) {
      const bytes = await readFile(path.join(current.folder, file.path)).catch(() => undefined);
      if (!bytes || sha256(bytes) !== file.sha256) {
        throw new BrochureError('release', `${file.path} ${bytes ? 'changed since the build (its SHA-256 differs from manifest.json)' : 'is missing'}: build again before releasing.`);
      }
      data.set(file.path, bytes);
    }
    const date = new Date(manifest.buildDate);
    const archives = new Map<string, Uint8Array>();
    const languages = [...new Set(wanted.map((file) => file.language))];
    const zip = (files: typeof wanted) => createZip(files.map((file) => ({ name: file.path, data: data.get(file.path)! })), date);
    // A language's own zip holds its web page with links to its own files only (see zip-web-page.ts).
    const own = (files: typeof wanted, language: string) => createZip(files.map((file) => ({ name: file.path, data: file.variant === 'web' ? Buffer.from(webPageForZip(data.get(file.path)!.toString('utf8'), language)) : data.get(file.path)! })), date);
    for (const language of languages) archives.set(`${slug}-${language}.zip`, own(wanted.filter((file) => file.language === language), language));
    archives.set(`${slug}-all-languages.zip`, zip(wanted));
    const sums = [...archives].map(([name, bytes]) => `${sha256(bytes)}  ${name}`).join('\n');
    const files: OutputFile[] = [...archives].map(([name, bytes]) => ({ path: `release/${name}`, data: bytes }));
    files.push({ path: 'release/SHA256SUMS', data: `${sums}\n` });
    if (options.page) {
      const archive = (name: string): ReleaseArchive => ({ name, bytes: archives.get(name)!.length, sha256: sha256(archives.get(name)!) });
      const release = { languages: Object.fromEntries(languages.map((language) => [language, archive(`${slug}-${language}.zip`)])), all: archive(`${slug}-all-languages.zip`) };
      const fileData = async (name: string) => data.get(name) ?? readFile(path.join(current.folder, name)).catch(() => undefined);
      const listed = options.page.config.languages.filter((lang) => manifest.languages[lang]);
      files.push({ path: 'index.html', data: await renderDownloadPage(options.page.paths, options.page.config, manifest, listed, { fileData, release }) });
    }
    const topLevel = [];
    for (const name of TOP_LEVEL) if ((name !== 'index.html' || !options.page) && (await access(path.join(current.folder, name)).then(() => true, () => false))) topLevel.push(name);
    // The release becomes part of the output the same way a build does: all at once.
    await switchOutput(outDir, current, files, [...manifest.files.map((file) => file.path), ...topLevel]);
    return [...archives.keys(), 'SHA256SUMS'];
  } finally {
    await unlock();
  }
}
