import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import type { BuildResult } from '../../src/build/build.js';

/**
 * Makes the project's print templates reach outside: the stylesheet asks for a remote image and a file of the
 * machine, and the layout runs a script, with the page's Content-Security-Policy taken out so that only what
 * the build sets on each page (request interception, JavaScript off) stands in the way.
 */
export async function reachOutside(root: string): Promise<void> {
  const stylesheet = path.join(root, 'templates', 'style.css');
  await writeFile(stylesheet, `${await readFile(stylesheet, 'utf8')}\nbody::after { content: url("https://example.org/remote.png"); }\n.cover-title { background-image: url("file:///etc/hostname"); }\n`);
  const layout = path.join(root, 'templates', 'layout.hbs');
  const text = (await readFile(layout, 'utf8')).replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '').replace('</body>', '<script>throw new Error("a script ran")</script>\n</body>');
  expect(text).not.toContain('Content-Security-Policy');
  await writeFile(layout, text);
}

/** What a browser must do with a page made by reachOutside: block and report both loads, run no script, make no PDF. */
export function expectHermetic(result: BuildResult): void {
  const messages = result.languages[0]!.files.flatMap((file) => file.messages.map((message) => `${message.ruleId}: ${message.reason}`));
  expect(result.ok).toBe(false);
  expect(messages).toContain('blocked-request: Unexpected request to `https://example.org/remote.png` while printing; it was blocked');
  expect(messages).toContain('blocked-request: Unexpected request to `file:///etc/hostname` while printing; it was blocked');
  expect(messages.filter((message) => message.includes('a script ran'))).toEqual([]);
  expect(result.languages[0]!.pdfs.screen).toBeUndefined();
}
