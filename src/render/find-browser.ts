import { execFile } from 'node:child_process';
import { access, constants, realpath, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { BrochureError } from '../errors.js';

/** Environment variable naming the browser this project should use; checked first. */
export const BROWSER_ENV = 'BROCHURE_BROWSER';

const SYSTEM_PATHS: Record<string, string[]> = {
  linux: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome', '/snap/bin/chromium', '/usr/lib/chromium/chromium'],
  darwin: ['/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'],
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env.LOCALAPPDATA ?? '', 'Google\\Chrome\\Application\\chrome.exe'),
  ],
};

/** Where a browser was found, for the log. */
export interface FoundBrowser {
  executablePath: string;
  source: 'environment' | 'downloaded' | 'system';
}

/** Where `npm run setup` downloads Chrome when the system has none: puppeteer's own cache folder. */
export function browserCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.PUPPETEER_CACHE_DIR || path.join(os.homedir(), '.cache', 'puppeteer');
}

/**
 * Finds a browser, in this order: $BROCHURE_BROWSER or $PUPPETEER_EXECUTABLE_PATH, the usual system Chrome or
 * Chromium paths, a Chrome that `npm run setup` downloaded.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env, systemPaths: readonly string[] = SYSTEM_PATHS[process.platform] ?? []): Promise<FoundBrowser> {
  for (const name of [BROWSER_ENV, 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (await isExecutable(value)) return { executablePath: value, source: 'environment' };
    throw new BrochureError('browser-missing', `Cannot start the browser in $${name}: \`${value}\` is not an executable file. Fix or unset $${name}.`);
  }
  for (const candidate of systemPaths) {
    if (await isExecutable(candidate)) return { executablePath: candidate, source: 'system' };
  }
  const downloaded = await downloadedBrowser(browserCacheDir(env));
  if (downloaded) return { executablePath: downloaded, source: 'downloaded' };
  throw new BrochureError(
    'browser-missing',
    [
      'Cannot find Chromium or Chrome to print the PDFs.',
      'Install one:',
      '  Debian/Ubuntu:  sudo apt-get install chromium   (or run `npm run setup`, which does it for you)',
      '  elsewhere:      npm run setup   (downloads Chrome)',
      `or point $${BROWSER_ENV} at an installed Chrome or Chromium.`,
    ].join('\n'),
  );
}

/** The newest Chrome (or headless shell) installed in puppeteer's cache folder, if any. */
async function downloadedBrowser(cacheDir: string): Promise<string | undefined> {
  try {
    const { getInstalledBrowsers } = await import('@puppeteer/browsers');
    const installed = (await getInstalledBrowsers({ cacheDir })).filter((entry) => entry.browser === 'chrome' || entry.browser === 'chrome-headless-shell' || entry.browser === 'chromium');
    installed.sort((a, b) => b.buildId.localeCompare(a.buildId, 'en', { numeric: true }));
    for (const entry of installed) if (await isExecutable(entry.executablePath)) return entry.executablePath;
  } catch {
    // No cache folder, or not readable: no downloaded browser.
  }
  return undefined;
}

/**
 * What identifies the browser's version, for the build cache: what `--version` prints (45 ms), or where that
 * does not work (Chrome on Windows prints nothing), the real path, size and time of the program.
 */
export async function browserVersion(found: FoundBrowser): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(found.executablePath, ['--version'], { timeout: 10_000 });
    if (stdout.trim()) return stdout.trim();
  } catch {
    // Fall back to the file itself.
  }
  const real = await realpath(found.executablePath);
  const info = await stat(real);
  return `${real} ${info.size} ${info.mtimeMs}`;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
