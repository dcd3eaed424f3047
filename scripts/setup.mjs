#!/usr/bin/env node
// First-time set-up on a fresh machine: installs the npm packages and, when no Chrome or Chromium is found,
// a browser (Debian's chromium via apt when possible, otherwise puppeteer's own download).
// Uses only Node's built-in modules, because it runs before `npm ci`.
//
//   npm run setup                      packages + browser
//   node scripts/setup.mjs --test-tools  also poppler-utils, qpdf and ghostscript, which the tests read PDFs with
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const withTestTools = process.argv.includes('--test-tools');

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) fail(`Node.js ${process.versions.node} is too old: install Node.js 20 or newer (https://nodejs.org), then run \`npm run setup\` again.`);

const browserPaths = [
  process.env.BROCHURE_BROWSER,
  process.env.PUPPETEER_EXECUTABLE_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
].filter(Boolean);
const hasBrowser = () => browserPaths.some(isExecutable);
const canApt = process.platform === 'linux' && has('apt-get') && (process.getuid?.() === 0 || has('sudo'));

const debianPackages = [];
if (!hasBrowser() && canApt) debianPackages.push('chromium');
if (withTestTools) {
  if (!has('pdftotext')) debianPackages.push('poppler-utils');
  if (!has('qpdf')) debianPackages.push('qpdf');
  if (!has('gs')) debianPackages.push('ghostscript');
}
if (debianPackages.length > 0) {
  if (!canApt) fail(`Please install ${debianPackages.join(', ')} with your system's package manager, then run this again.`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  step(`Installing ${debianPackages.join(', ')} from Debian's packages`);
  run([...sudo, 'apt-get', 'update', '-qq']);
  run([...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...debianPackages]);
}

step('Installing npm packages');
run(['npm', existsSync(path.join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund']);

if (!hasBrowser()) {
  step('No system Chrome or Chromium: downloading one with puppeteer');
  const result = spawnSync('npx', ['puppeteer', 'browsers', 'install', 'chrome'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    fail('Cannot download a browser. Install Chrome or Chromium yourself (Debian/Ubuntu: `sudo apt-get install chromium`) and set BROCHURE_BROWSER to its path if it is not in a usual place.');
  }
}
step('Ready: `npm run build:brochure` builds the brochure, `npm test` runs the tests.');

function run(command) {
  const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`\`${command.join(' ')}\` failed (exit ${result.status}).`);
}

function has(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function step(text) {
  process.stdout.write(`\n== ${text}\n`);
}

function fail(text) {
  process.stderr.write(`\nsetup: ${text}\n`);
  process.exit(1);
}
