import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { makeProject, type Project } from './project.js';

/**
 * For tests of the browsers a build launches: each test gets a fresh basic project whose tmp/ is TMPDIR while
 * it runs (put back after), so that the profile folders of the browsers it launches (brochure-chromium-…) are
 * inside the project, and its browsers can be told from those of tests running in parallel. `prepare` runs on
 * the new project first. Returns the current test's project.
 */
export function projectsWithOwnTmpdir(prepare?: (root: string) => Promise<void>): () => Project {
  let project: Project | undefined;
  const saved = process.env.TMPDIR;
  beforeEach(async () => {
    project = await makeProject('basic');
    await prepare?.(project.root);
    await mkdir(path.join(project.root, 'tmp'));
    process.env.TMPDIR = path.join(project.root, 'tmp');
  });
  afterEach(async () => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await project?.cleanup();
  });
  return () => project!;
}
