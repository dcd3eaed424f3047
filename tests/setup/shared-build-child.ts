// One shared build of the test run (tests/setup/shared-builds.ts), made in a process of its own, compiled with
// the command line: made inside vitest's main process, its CPU-bound stages held up the module transforms that
// every test worker waits for (measured: 16 s before a test's first build could start). Takes the build as JSON
// in its one argument, and sends what it came to (a SharedBuildState) to the parent.
import { build, type BuildOptions } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import type { SharedBuildState } from './shared-builds.js';

const { root, out, name, options } = JSON.parse(process.argv[2]!) as { root: string; out: string; name: string; options: Partial<BuildOptions> };
let state: SharedBuildState;
try {
  const result = await build({ root, outDir: out, ...options, env: process.env });
  const messages = formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: root });
  state = result.ok ? { messages } : { error: `The shared build of the ${name} failed:\n${messages}` };
} catch (error) {
  state = { error: `The shared build of the ${name} stopped: ${(error as Error).stack ?? String(error)}` };
}
process.send!(state, () => process.exit(0));
