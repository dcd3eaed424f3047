import { describe, expect, it } from 'vitest';
import { defaultJobs } from '../../src/build/default-jobs.js';

const GB = 1024 ** 3;

describe('languages printed at once by default', () => {
  it('are one per core, as many as the free memory holds, at most 4, at least 1', () => {
    expect(defaultJobs(2, 16 * GB)).toBe(2);
    expect(defaultJobs(16, 16 * GB)).toBe(4);
    expect(defaultJobs(16, 1 * GB)).toBe(2);
    expect(defaultJobs(16, 0.5 * GB)).toBe(1);
    expect(defaultJobs(1, 16 * GB)).toBe(1);
  });
});
