#!/usr/bin/env node
// First-time set-up on a fresh machine: installs the npm packages and, when no Chrome or Chromium is found,
// a browser (Debian's chromium via apt when possible, otherwise Chrome downloaded by @puppeteer/browsers).
// Uses only Node's built-in modules until `npm ci` has run.
//
//   npm run setup                        packages + browser
//   node scripts/setup.mjs --test-tools  also poppler-utils, qpdf and ghostscript, which the tests read PDFs with
//
// With apt, it also installs the spelling dictionaries that are not on npm: Debian's hunspell-bs and myspell-sq
// (English and Macedonian come from npm: dictionary-en, dictionary-en-gb, dictionary-mk).
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the build looks for a system browser (src/render/find-browser.ts has the same list). */
export const BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Spelling dictionaries of the brochure's languages that come from Debian, with the file each installs. */
export const DICTIONARY_PACKAGES = { 'hunspell-bs': '/usr/share/hunspell/bs_BA.dic', 'myspell-sq': '/usr/share/hunspell/sq_AL.dic' };

/**
 * What set-up has to do on this machine, from what it has: Debian packages to install, whether to download
 * Chrome. Separate from doing it, so that it can be tested. Dictionaries are installed where apt can be used;
 * elsewhere the check says once per language that it has no dictionary.
 */
export function planSetup({ browser, canApt, testTools, has, hasFile = () => true }) {
  const debianPackages = [];
  if (!browser && canApt) debianPackages.push('chromium');
  if (canApt) for (const [name, file] of Object.entries(DICTIONARY_PACKAGES)) if (!hasFile(file)) debianPackages.push(name);
  if (testTools) {
    if (!has('pdftotext')) debianPackages.push('poppler-utils');
    if (!has('qpdf')) debianPackages.push('qpdf');
    if (!has('gs')) debianPackages.push('ghostscript');
  }
  return { debianPackages, downloadBrowser: !browser && !canApt, missingTools: canApt ? [] : debianPackages };
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

function systemBrowser(env) {
  return [env.BROCHURE_BROWSER, env.PUPPETEER_EXECUTABLE_PATH, ...BROWSER_PATHS].filter(Boolean).find(isExecutable);
}

function step(text) {
  process.stdout.write(`== ${text}\n`);
}

function fail(text) {
  process.stderr.write(`\nsetup: ${text}\n`);
  process.exit(1);
}

function run(command) {
  const result = spawnSync(command[0], command.slice(1), { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) fail(`\`${command.join(' ')}\` failed (exit ${result.status}).`);
}

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) fail(`Node.js ${process.versions.node} is too old: install Node.js 20 or newer (https://nodejs.org), then run \`npm run setup\` again.`);
  const asRoot = process.getuid?.() === 0;
  const canApt = process.platform === 'linux' && has('apt-get') && (asRoot || has('sudo'));
  const plan = planSetup({ browser: systemBrowser(process.env), canApt, testTools: process.argv.includes('--test-tools'), has, hasFile: existsSync });
  if (plan.missingTools.length > 0) fail(`Please install ${plan.missingTools.join(', ')} with your system's package manager, then run this again.`);
  if (plan.debianPackages.length > 0) {
    const sudo = asRoot ? [] : ['sudo'];
    step(`Installing ${plan.debianPackages.join(', ')} from Debian's packages`);
    run([...sudo, 'apt-get', 'update', '-qq']);
    run([...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...plan.debianPackages]);
  }
  step('Installing npm packages');
  run(['npm', existsSync(path.join(root, 'package-lock.json')) ? 'ci' : 'install', '--no-audit', '--no-fund']);
  if (plan.downloadBrowser) {
    const { installBrowser } = await import('./install-browser.mjs');
    try {
      await installBrowser({ onProgress: step });
    } catch (error) {
      fail(`Cannot download Chrome (${error.message}). Install Chrome or Chromium yourself (Debian/Ubuntu: \`sudo apt-get install chromium\`) and set BROCHURE_BROWSER to its path if it is not in a usual place.`);
    }
  }
  // The browser the build will print with: a system one first, then a downloaded one, as the build looks.
  const found = systemBrowser(process.env) ?? (await downloadedBrowser());
  if (!found) fail('No browser was found after set-up; install Chrome or Chromium and set BROCHURE_BROWSER.');
  const version = spawnSync(found, ['--version'], { encoding: 'utf8' }).stdout?.trim() || found;
  step(`Ready: the build prints with ${version} (${found}). \`npm run build:brochure\` builds the brochure, \`npm test\` runs the tests.`);
}

async function downloadedBrowser() {
  const { getInstalledBrowsers } = await import('@puppeteer/browsers');
  const cacheDir = process.env.PUPPETEER_CACHE_DIR || path.join(os.homedir(), '.cache', 'puppeteer');
  const installed = await getInstalledBrowsers({ cacheDir }).catch(() => []);
  return installed.map((entry) => entry.executablePath).find(isExecutable);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
