import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** What a test can tell a running process by: its command line (arguments joined by NUL) and working folder. */
export interface ProcessInfo {
  cmdline: string;
  cwd: () => string;
}

/**
 * The processes of this machine that `matches` picks, by pid. Read from /proc rather than by running `ps`: tests
 * poll this, and starting a process from the test worker's large one costs far more than reading the files.
 */
export function processesWhere(matches: (info: ProcessInfo) => boolean): number[] {
  return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      return matches({ cmdline: readFileSync(`/proc/${pid}/cmdline`, 'latin1'), cwd: () => readlinkSync(`/proc/${pid}/cwd`) });
    } catch {
      return false; // the process ended while the list was read
    }
  }).map(Number);
}
