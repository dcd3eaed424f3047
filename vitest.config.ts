import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds that many test files only read, made once per run in temporary folders.
    globalSetup: ['./tests/setup/shared-builds.ts'],
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    // End-to-end tests start Chromium; two cores do not gain from more than two test files at once.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
