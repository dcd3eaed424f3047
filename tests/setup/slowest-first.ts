import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest test files, slowest first, as measured on this project's machine. With two workers, a long file
 * started last keeps one worker busy while the other has nothing left; vitest starts with the files that took
 * longest last time, but on a fresh clone (CI) it knows no times and starts with the largest files instead.
 */
const SLOWEST = [
  'tests/hardening/process.test.ts',
  'tests/e2e/atomic-output.test.ts',
  'tests/e2e/download-page.test.ts',
  'tests/regressions/core-bugs.test.ts',
  'tests/e2e/assemble.test.ts',
  'tests/e2e/compare.test.ts',
  'tests/e2e/cache.test.ts',
  'tests/check/workflow.test.ts',
  'tests/e2e/dev-server.test.ts',
  'tests/e2e/build.test.ts',
  'tests/e2e/commands.test.ts',
  'tests/translate/exchange.test.ts',
  'tests/press/press-ready.test.ts',
  'tests/e2e/typeset-brochure.test.ts',
];

/** Runs the files of SLOWEST first, in that order, then the others as vitest would. */
export default class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const index = SLOWEST.indexOf(path.relative(file.project.config.root, file.moduleId).split(path.sep).join('/'));
      return index === -1 ? SLOWEST.length : index;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}
