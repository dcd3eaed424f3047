// Downloads Chrome for printing when the machine has no Chrome or Chromium and no apt to install one:
// @puppeteer/browsers puts it into puppeteer's cache folder (~/.cache/puppeteer, or $PUPPETEER_CACHE_DIR),
// where the build looks for it (src/render/find-browser.ts). Run by `npm run setup` after `npm ci`.
import os from 'node:os';
import path from 'node:path';

/**
 * Installs the current stable Chrome and returns its executable. `browsers` is @puppeteer/browsers; tests
 * pass one whose network calls are replaced.
 */
export async function installBrowser({ browsers, env = process.env, onProgress = () => undefined } = {}) {
  const api = browsers ?? (await import('@puppeteer/browsers'));
  const cacheDir = env.PUPPETEER_CACHE_DIR || path.join(os.homedir(), '.cache', 'puppeteer');
  const platform = api.detectBrowserPlatform();
  if (!platform) throw new Error(`Chrome has no build for this system (${process.platform} ${process.arch}).`);
  const buildId = await api.resolveBuildId(api.Browser.CHROME, platform, 'stable');
  onProgress(`Downloading Chrome ${buildId} into ${cacheDir}`);
  const installed = await api.install({ browser: api.Browser.CHROME, buildId, platform, cacheDir });
  return installed.executablePath;
}
