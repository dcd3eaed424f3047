import { afterEach, beforeEach } from 'vitest';
import type { Project } from './project.js';

/**
 * A fresh project for each test of the enclosing `describe`, removed after the test:
 * `const project = projectPerTest(() => makeProject('basic'))`, then `project.root` inside the tests.
 */
export function projectPerTest(make: () => Promise<Project>): { readonly root: string } {
  let current: Project | undefined;
  beforeEach(async () => {
    current = await make();
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return {
    get root() {
      if (!current) throw new Error('projectPerTest: the project exists only while a test runs.');
      return current.root;
    },
  };
}
