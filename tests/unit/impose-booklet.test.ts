import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { bookletOrder, imposeBooklet } from '../../src/pdf/impose-booklet.js';
import { poppler } from '../helpers/project.js';

describe('bookletOrder', () => {
  it('pairs the pages of a 16-page saddle-stitched booklet', () => {
    expect(bookletOrder(16)).toEqual([
      [16, 1], [2, 15], [14, 3], [4, 13], [12, 5], [6, 11], [10, 7], [8, 9],
    ]);
  });

  it('refuses a page count that is not a multiple of 4', () => {
    expect(() => bookletOrder(18)).toThrow('A booklet needs a multiple of 4 pages, not 18.');
  });
});

describe('imposeBooklet', () => {
  it('puts two trimmed A5 pages on each A4 landscape sheet in booklet order', async () => {
    const pt = 72 / 25.4;
    const source = await PDFDocument.create();
    const font = await source.embedFont(StandardFonts.Helvetica);
    for (let number = 1; number <= 16; number++) {
      // A print page: 3 mm bleed and 8 mm slug around an A5 trim.
      const page = source.addPage([170 * pt, 232 * pt]);
      page.setTrimBox(11 * pt, 11 * pt, 148 * pt, 210 * pt);
      page.drawText(`page-${number}`, { x: 60 * pt, y: 120 * pt, size: 14, font });
    }
    const folder = await mkdtemp(path.join(os.tmpdir(), 'booklet-'));
    try {
      const file = path.join(folder, 'booklet.pdf');
      await writeFile(file, await imposeBooklet(await source.save()));
      const info = poppler('pdfinfo', [file]);
      expect(info).toMatch(/Pages:\s+8\n/);
      expect(info).toMatch(/Page size:\s+841\.8\d* x 595\.2\d* pts \(A4\)/);
      const half = (side: number, left: boolean) =>
        poppler('pdftotext', ['-f', String(side), '-l', String(side), '-x', left ? '0' : '421', '-y', '0', '-W', '420', '-H', '595', file, '-']).trim();
      const sides = bookletOrder(16).map((_, index) => [half(index + 1, true), half(index + 1, false)]);
      expect(sides).toEqual(bookletOrder(16).map(([left, right]) => [`page-${left}`, `page-${right}`]));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
