import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { printDocument } from '../../src/render/print-document.js';
import { REPO } from '../helpers/project.js';
import { sharedBrowser } from '../helpers/browser.js';

it('measures the page for printing only once the faces its print styles ask for are in', async () => {
  const woff2 = await readFile(path.join(REPO, 'node_modules', '@fontsource', 'noto-serif', 'files', 'noto-serif-cyrillic-700-italic.woff2'));
  // A face only the print styles use: the screen layout never asks for it.
  const html = `<!doctype html><html lang="mk"><head><meta charset="utf-8"><title>t</title><style>
    @font-face { font-family: 'Print Only'; font-weight: 700; font-style: italic; font-display: block; src: url(data:font/woff2;base64,${woff2.toString('base64')}) format('woff2'); }
    .print { display: none; }
    @media print { .print { display: block; font: italic 700 14pt 'Print Only', serif; } }
  </style></head><body><p>Screen</p><p class="print">Печатен текст на кирилица</p></body></html>`;
  const session = await sharedBrowser();
  try {
    let seen: unknown;
    await printDocument(session.pages, html, {
      timeout: 20_000,
      beforePrint: async (page) => {
        // (The DOM library of the tsconfig has no iterable FontFaceSet; Chromium's is.)
        seen = await page.evaluate(() => ({ status: document.fonts.status, loaded: [...(document.fonts as unknown as Iterable<FontFace>)].filter((face) => face.family === 'Print Only').map((face) => face.status) }));
      },
    });
    expect(seen).toEqual({ status: 'loaded', loaded: ['loaded'] });
  } finally {
    await session.close();
  }
}, 30_000);
