// npm run pages [-- DIR]: the page each section starts on, per language, from the screen PDFs in dist/ (or DIR).
// For copy-fitting translations: every language should show the same pages as the source.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { PDFDocument } from '@cantoo/pdf-lib';
import { readPageMap } from '../src/pdf/read-page-map.js';
const out = process.argv[2] ?? 'dist';
for (const lang of ['en', 'mk', 'sq', 'bs']) {
  const file = `${out}/${lang}/circular-economy-${lang}.pdf`;
  if (!existsSync(file)) continue;
  const doc = await PDFDocument.load(await readFile(file));
  const map = readPageMap(doc);
  const starts = [...map.entries()].filter(([k]) => !k.includes('fn')).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k.split('-')[0]}:${v}`);
  console.log(lang, doc.getPageCount(), starts.join(' '));
}
