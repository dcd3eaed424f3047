import { access, constants } from 'node:fs/promises';
import path from 'node:path';

/** Environment variable naming the browser this project should use; checked first. */
export const BROWSER_ENV = 'BROCHURE_BROWSER';

/** No usable Chromium or Chrome was found; the message says how to install one. */
export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

const SYSTEM_PATHS: Record<string, string[]> = {
  linux: [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/snap/bin/chromium',
    '/usr/lib/chromium/chromium',
  ],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
  ],
  win32: [
    path.join(process.env.PROGRAMFILES ?? 'C:\\Program Files', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)', 'Google\\Chrome\\Application\\chrome.exe'),
    path.join(process.env.LOCALAPPDATA ?? '', 'Google\\Chrome\\Application\\chrome.exe'),
  ],
};

/** Where a browser was found, for the log. */
export interface FoundBrowser {
  executablePath: string;
  source: 'environment' | 'puppeteer' | 'system';
}

/**
 * Finds a browser, in this order: $BROCHURE_BROWSER or $PUPPETEER_EXECUTABLE_PATH, the browser puppeteer
 * downloaded (if any), the usual system Chrome/Chromium paths.
 */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env): Promise<FoundBrowser> {
  for (const name of [BROWSER_ENV, 'PUPPETEER_EXECUTABLE_PATH']) {
    const value = env[name];
    if (!value) continue;
    if (await isExecutable(value)) return { executablePath: value, source: 'environment' };
    throw new BrowserNotFoundError(`Cannot start the browser in $${name}: \`${value}\` is not an executable file. Fix or unset $${name}.`);
  }
  const downloaded = await puppeteerBrowser();
  if (downloaded) return { executablePath: downloaded, source: 'puppeteer' };
  for (const candidate of SYSTEM_PATHS[process.platform] ?? []) {
    if (await isExecutable(candidate)) return { executablePath: candidate, source: 'system' };
  }
  throw new BrowserNotFoundError(
    [
      'Cannot find Chromium or Chrome to print the PDFs.',
      'Install one:',
      '  Debian/Ubuntu:  sudo apt-get install chromium   (or run `npm run setup`, which does it for you)',
      '  elsewhere:      npx puppeteer browsers install chrome',
      `or point $${BROWSER_ENV} at an installed Chrome or Chromium.`,
    ].join('\n'),
  );
}

async function puppeteerBrowser(): Promise<string | undefined> {
  try {
    const { default: puppeteer } = await import('puppeteer');
    const candidate = puppeteer.executablePath();
    return (await isExecutable(candidate)) ? candidate : undefined;
  } catch {
    return undefined;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
