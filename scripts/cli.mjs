#!/usr/bin/env node
// Starts the brochure command line from JavaScript that esbuild compiled from src/ and the packages into
// node_modules/.cache/brochure-pipeline/cli (in under a second, only when a file of src/, the installed packages
// or the bundling script is newer than it), so that no run pays for compiling TypeScript or for loading
// thousands of package files, and the heavy stages load only when something has to be built.
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleCli } from './bundle-cli.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src');
const outdir = path.join(root, 'node_modules', '.cache', 'brochure-pipeline', 'cli');
const entry = path.join(outdir, 'main.js');

function newest(folder) {
  let latest = 0;
  for (const name of readdirSync(folder, { recursive: true })) {
    latest = Math.max(latest, statSync(path.join(folder, String(name))).mtimeMs);
  }
  return latest;
}

/** When a file or folder was last changed; 0 for one that does not exist. */
function mtimeOf(file) {
  return existsSync(file) ? statSync(file).mtimeMs : 0;
}

// What the bundle is made from: src/ (the folder too, whose time changes when a file is deleted), the compiler
// settings, the bundling script, and the installed packages (npm rewrites node_modules/.package-lock.json
// whenever it installs, updates or removes one). To force a new bundle, delete its folder (`outdir`).
const newestInput = () => Math.max(newest(source), ...[source, 'tsconfig.json', 'package-lock.json', path.join('node_modules', '.package-lock.json'), path.join('scripts', 'bundle-cli.mjs')].map((name) => mtimeOf(path.resolve(root, name))));
if (!existsSync(entry) || statSync(entry).mtimeMs < newestInput()) {
  // Compiled into a folder of its own and renamed into place: two runs starting at once (tests, a second
  // terminal) never see a half-written bundle, and old chunks do not pile up.
  const staging = `${outdir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  await bundleCli(root, staging);
  rmSync(outdir, { recursive: true, force: true });
  try {
    renameSync(staging, outdir);
  } catch {
    // Another run put its bundle in place first: it is the same code.
    rmSync(staging, { recursive: true, force: true });
  }
}
const { runFromCommandLine } = await import(pathToFileURL(entry).href);
await runFromCommandLine();
