import os from 'node:os';

/** Memory one language takes while it prints: its page in Chromium, its PDFs and their post-processing (measured on a 50-page brochure, see the README's "CI at scale"). */
export const MEMORY_PER_JOB = 250 * 1024 * 1024;
/** Memory the build takes whatever it prints: Node with its modules, and Chromium's browser and GPU processes. */
const BASE_MEMORY = 400 * 1024 * 1024;
/** At most this many by default: beyond it, printing more at once saves no time on any machine measured and only adds memory. */
const MAX_DEFAULT_JOBS = 4;

/**
 * How many languages a build prints at once when --jobs is not given: one per core, no more than the free
 * memory holds (within a container's limit), at most four, at least one.
 */
export function defaultJobs(cores = os.availableParallelism(), freeMemory = availableMemory()): number {
  const byMemory = Math.floor((freeMemory - BASE_MEMORY) / MEMORY_PER_JOB);
  return Math.max(1, Math.min(cores, byMemory, MAX_DEFAULT_JOBS));
}

/** Free memory, or what the container's limit leaves, whichever is less. */
function availableMemory(): number {
  const limit = process.constrainedMemory?.() ?? 0;
  const free = os.freemem();
  return limit > 0 ? Math.min(free, Math.max(0, limit - process.memoryUsage.rss())) : free;
}
