import crypto from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build, type BuildResult } from '../build/build.js';
import { cacheFolders } from '../build/cache-folders.js';
import { projectPaths } from '../config/load-config.js';
import { outputPath } from '../publish/output-names.js';
import { messagesAsJson } from '../report/format-messages.js';
import { KeptBrowser } from '../render/kept-browser.js';
import { watchFolders } from './watch-folders.js';

/** A running preview server. */
export interface DevServer {
  url: string;
  /** Resolves after the build that follows the latest change (for tests and scripts). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface DevServerOptions {
  root: string;
  port?: number;
  /** Told after each build: ok, or the number of errors. */
  onBuild?: (result: BuildResult) => void;
  /** Told when a build stops with an exception (a broken template, a bug), which the overlay shows too. */
  onError?: (error: unknown) => void;
}

/** Live reload and the error overlay, put into every page the server sends, allowed by the page's nonce. */
const client = (nonce: string) => `<script nonce="${nonce}">
(() => {
  const events = new EventSource('/__events');
  const overlay = document.createElement('div');
  overlay.id = '__brochure-overlay';
  overlay.style.cssText = 'position:fixed;inset:0;z-index:99999;background:rgba(20,20,20,.88);color:#fff;font:14px/1.5 monospace;padding:24px;overflow:auto;white-space:pre-wrap;display:none';
  document.addEventListener('DOMContentLoaded', () => document.body.append(overlay));
  events.addEventListener('reload', () => location.reload());
  events.addEventListener('problems', (event) => {
    const problems = JSON.parse(event.data);
    overlay.textContent = 'The brochure has errors; fix them and the page reloads by itself.\\n\\n' +
      problems.map((p) => p.file + (p.line ? ':' + p.line + ':' + p.column : '') + '  ' + p.message + (p.hint ? '\\n    hint: ' + p.hint : '')).join('\\n\\n');
    overlay.style.display = 'block';
  });
})();
</script>`;

/**
 * `npm run dev`: builds into a preview folder and serves each language on 127.0.0.1: `/<lang>/` shows the pages
 * exactly as printed (the current PDF in the browser's viewer), `/<lang>/web` the same HTML with the brochure's
 * stylesheet. It rebuilds when anything in brochure/, templates/ or assets/ changes (unchanged languages come
 * from the cache) and reloads the open pages; errors show over the page with file, line and message.
 */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const paths = projectPaths(options.root);
  const outDir = cacheFolders(paths.root).preview;
  const clients = new Set<http.ServerResponse>();
  let last: BuildResult | undefined;
  // One Chromium for every rebuild while the server runs, with its pages: a save shows sooner.
  const keptBrowser = new KeptBrowser();
  let running: Promise<void> = Promise.resolve();
  let again = false;

  const send = (event: string, data: unknown) => {
    for (const client of clients) client.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const problems = (result: BuildResult) =>
    messagesAsJson([result.configFile, ...result.languages.flatMap((language) => language.files)], paths.root).filter((message) => message.severity === 'error');

  const rebuild = async () => {
    try {
      last = await build({ root: paths.root, outDir, allowIncomplete: true, keptBrowser });
    } catch (error) {
      options.onError?.(error);
      send('problems', [{ file: 'build', message: (error as Error).message }]);
      return;
    }
    options.onBuild?.(last);
    if (last.ok) send('reload', {});
    else send('problems', problems(last));
  };
  const schedule = () => {
    // Several changes at once (an editor saving) make one build; a change during a build makes one more.
    if (again) return;
    again = true;
    running = running.then(async () => {
      await new Promise((resolve) => setTimeout(resolve, 80));
      again = false;
      await rebuild();
    });
  };
  schedule();

  const watcher = watchFolders([paths.content, paths.templates, paths.assets], schedule);

  const server = http.createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/__events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(': connected\n\n');
      clients.add(response);
      if (last && !last.ok) response.write(`event: problems\ndata: ${JSON.stringify(problems(last))}\n\n`);
      request.on('close', () => clients.delete(response));
      return;
    }
    await running;
    const languages = last?.languages ?? [];
    const match = /^\/([a-z]{2,3}(?:-[A-Za-z0-9]+)*)\/(web|brochure\.pdf)?$/.exec(url.pathname);
    if (url.pathname === '/') {
      // Each language by its own name (language.name of its strings), as the download page shows them.
      const names = await Promise.all(languages.map((language) => languageName(path.join(paths.content, language.lang, 'strings.json'), language.lang)));
      const links = languages.map((language, index) => `<li><a href="/${language.lang}/" lang="${language.lang}">${escapeHtml(names[index]!)}</a> · <a href="/${language.lang}/web">web page</a> · <a href="/${language.lang}/brochure.pdf">PDF</a></li>`).join('');
      return sendHtml(response, `<!DOCTYPE html><meta charset="utf-8"><title>Brochure preview</title><h1>Brochure preview</h1><ul>${links}</ul>`, OWN_PAGES, []);
    }
    const language = match ? languages.find((entry) => entry.lang === match[1]) : undefined;
    if (!match || !language) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    if (match[2] === 'brochure.pdf') {
      const file = path.join(outDir, outputPath(last?.config?.slug ?? '', language.lang, 'screen'));
      const pdf = await readFile(file).catch(() => undefined);
      if (!pdf) return void response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('No PDF yet: the last build failed.');
      response.writeHead(200, { 'content-type': 'application/pdf', 'cache-control': 'no-store' }).end(pdf);
      return;
    }
    if (match[2] === undefined) {
      // The pages as printed: the current PDF in the browser's own viewer, reloaded after every build.
      const others = languages.map((entry) => `<a href="/${entry.lang}/"${entry.lang === language.lang ? ' aria-current="page"' : ''}>${entry.lang}</a>`).join(' ');
      return sendHtml(
        response,
        `<!DOCTYPE html><html lang="${language.lang}"><meta charset="utf-8"><title>Preview ${language.lang}</title>` +
          `<style>body{margin:0;font:14px sans-serif;display:flex;flex-direction:column;height:100vh}nav{padding:6px 10px;background:#1f5c4a;color:#fff}nav a{color:#fff;margin-right:10px}iframe{flex:1;border:0}</style>` +
          `<body><nav>${others} · <a href="web">web page</a> · <a href="brochure.pdf" target="_blank">open the PDF</a></nav>` +
          `<iframe title="Pages" src="brochure.pdf?build=${Date.now()}#view=FitH"></iframe>{client}</body></html>`,
        OWN_PAGES,
        [],
      );
    }
    // The language's web page with the brochure's stylesheet, under the page's own Content-Security-Policy
    // (what the translation could make it load is blocked here as in print), plus only what live reload
    // needs: the server's scripts by nonce, and connections to the server itself.
    const html = language.html ?? (await readFile(path.join(outDir, language.lang, 'index.html'), 'utf8').catch(() => ''));
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:";
    const nav = '<p style="position:fixed;top:8px;right:8px;font:13px sans-serif;background:#fff;padding:4px 8px;border:1px solid #999"><a href="./">pages</a> · <a href="brochure.pdf">open the PDF</a></p>';
    sendHtml(response, (html || '<!DOCTYPE html><meta charset="utf-8"><body></body>').replace('</body>', `${nav}{client}</body>`), previewPolicy(policy), await templateScripts(paths.templates));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    idle: async () => {
      await running;
    },
    close: async () => {
      watcher.close();
      for (const client of clients) client.end();
      await new Promise((resolve) => server.close(resolve));
      await running;
      await keptBrowser.close();
    },
  };
}

/** The policy of the preview's own pages (the list of languages, the PDF in a frame). */
const OWN_PAGES = "default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'self'; frame-src 'self'; object-src 'self'";

/**
 * A web page's policy for the preview: the same, with its scripts (the template's and the server's) allowed
 * by a nonce instead of 'unsafe-inline', and connections to the server for live reload.
 */
function previewPolicy(policy: string): string {
  const kept = policy.split(';').map((directive) => directive.trim()).filter((directive) => directive && !/^(script-src|connect-src)\b/.test(directive));
  return [...kept, "script-src 'nonce-{nonce}'", "connect-src 'self'"].join('; ');
}

/**
 * The inline scripts of the templates (the web page's language links), as CSP hashes: the only scripts of a
 * web page besides the server's. Scripts with Handlebars expressions in them could not be hashed and are left
 * out (the templates have none).
 */
async function templateScripts(folder: string): Promise<string[]> {
  const names = (await readdir(folder, { recursive: true }).catch(() => [] as string[])).filter((name) => name.endsWith('.hbs') && !name.endsWith('download.hbs'));
  const hashes = new Set<string>();
  for (const name of names) {
    const text = await readFile(path.join(folder, name), 'utf8').catch(() => '');
    for (const [, script] of text.matchAll(/<script>([^]*?)<\/script>/g)) {
      if (!script!.includes('{{')) hashes.add(`'sha256-${crypto.createHash('sha256').update(script!).digest('base64')}'`);
    }
  }
  return [...hashes];
}

/**
 * Sends a page under `policy` (a Content-Security-Policy in which `'nonce-{nonce}'` stands for the scripts
 * allowed): the page's own <meta> policy is taken out, since a page under two policies obeys both. The
 * server's script, put where `{client}` is, runs by a fresh nonce; the templates' by their hashes; nothing else.
 */
function sendHtml(response: http.ServerResponse, html: string, policy: string, hashes: string[]): void {
  const nonce = crypto.randomBytes(16).toString('base64');
  const page = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  // The last `{client}` is the server's (put before </body>); the same text in the brochure stays text.
  const at = page.lastIndexOf('{client}');
  const live = at < 0 ? page : `${page.slice(0, at)}${client(nonce)}${page.slice(at + '{client}'.length)}`;
  const allowed = [`'nonce-${nonce}'`, ...hashes].join(' ');
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': policy.replace("'nonce-{nonce}'", allowed) }).end(live);
}

/** A language's own name from its strings.json; its code when it has none (yet). */
async function languageName(file: string, lang: string): Promise<string> {
  const strings = await readFile(file, 'utf8').then((text) => JSON.parse(text) as { language?: { name?: unknown } }, () => undefined);
  const name = strings?.language?.name;
  return typeof name === 'string' && name.trim() ? name : lang;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
