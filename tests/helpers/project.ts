import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

/** The repository root. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A project made for a test in a temporary folder, and how to remove it. */
export interface Project {
  root: string;
  cleanup: () => Promise<void>;
}

/**
 * Copies a fixture (tests/fixtures/NAME) into a fresh temporary folder, with the repository's templates and
 * assets unless the fixture has its own, so tests never write into fixtures.
 */
export async function makeProject(fixture: string, overlay?: string): Promise<Project> {
  const root = await mkdtemp(path.join(os.tmpdir(), `brochure-test-${fixture}-`));
  await cp(path.join(REPO, 'tests', 'fixtures', fixture), root, { recursive: true });
  if (overlay) {
    // An overlay folder holds only what differs from the fixture; its `.remove` file lists paths to delete.
    const folder = path.join(REPO, 'tests', 'fixtures', overlay);
    await cp(folder, root, { recursive: true, filter: (source) => path.basename(source) !== '.remove' });
    const removals = await readFile(path.join(folder, '.remove'), 'utf8').catch(() => '');
    for (const line of removals.split('\n').map((entry) => entry.trim()).filter(Boolean)) await rm(path.join(root, line), { recursive: true, force: true });
  }
  await cp(path.join(REPO, 'templates'), path.join(root, 'templates'), { recursive: true, force: false, errorOnExist: false });
  await cp(path.join(REPO, 'assets'), path.join(root, 'assets'), { recursive: true, force: false, errorOnExist: false });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** Runs a poppler tool and returns its output. */
export function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdffonts', args: string[], input?: Uint8Array): string {
  return execFileSync(tool, args, { encoding: 'utf8', input });
}

/** Replaces temporary folders in messages with `<root>`, so tests can compare them exactly. */
export function clean(text: string, root: string): string {
  return text.split(root).join('<root>');
}

/** A copy of the real brochure project (content, templates, assets) in a temporary folder. */
export async function makeRealProject(): Promise<Project> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'brochure-real-project-'));
  for (const folder of ['brochure', 'templates', 'assets']) await cp(path.join(REPO, folder), path.join(root, folder), { recursive: true });
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}
