import { readFile } from 'node:fs/promises';
import { PDFDocument } from 'pdf-lib';
import { readPageMap } from '../src/pdf/read-page-map.js';
for (const lang of ['en', 'mk', 'sq', 'bs']) {
  const doc = await PDFDocument.load(await readFile(`/work/main/dist/${lang}/circular-economy-${lang}.pdf`));
  const map = readPageMap(doc);
  const starts = [...map.entries()].filter(([k]) => !k.includes('fn')).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k.split('-')[0]}:${v}`);
  console.log(lang, doc.getPageCount(), starts.join(' '));
}
