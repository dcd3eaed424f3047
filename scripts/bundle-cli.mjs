// Compiles the command line from src/ into one folder of JavaScript (esbuild, about 50 ms): what scripts/cli.mjs
// runs, and what the tests start as a process of its own. Packages stay outside the bundle, found from
// node_modules above the folder.
import path from 'node:path';

/** Bundles src/cli/main.ts of the tool at `root` into `outdir` (main.js and its chunks). */
export async function bundleCli(root, outdir) {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
}
