import { defineConfig } from 'vitest/config';
import SlowestFirst from './tests/setup/slowest-first.js';

export default defineConfig({
  // The libraries as the command line loads them. Vitest starts its workers with `--conditions development`
  // (from Vite's server conditions, which a config can add to but not take from), and micromark and its
  // extensions then run their development builds: assertions and debug calls on every token, about a tenth of
  // the suite's CPU, in code the product never runs.
  plugins: [{
    name: 'libraries-as-in-production',
    configResolved(config) {
      const conditions = config.ssr.resolve?.conditions;
      if (conditions) config.ssr.resolve!.conditions = conditions.filter((condition) => !condition.startsWith('development'));
    },
  }],
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds that many test files only read, made once per run in temporary folders.
    globalSetup: ['./tests/setup/shared-builds.ts'],
    // The builds of every test file print with one Chromium started for the run (see shared-builds.ts).
    setupFiles: ['./tests/setup/browser-service.ts'],
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    // End-to-end tests start Chromium; two cores do not gain from more than two test files at once.
    maxWorkers: 2,
    // The slowest files first, also on a fresh clone (tests/setup/slowest-first.ts).
    sequence: { sequencer: SlowestFirst },
    // The files of a worker share its loaded modules (src/ and the libraries are loaded once per worker, not once
    // per file: 30 s of CPU less). Tests keep to themselves: each builds in its own temporary folder, and the few
    // that change process.env put it back.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
