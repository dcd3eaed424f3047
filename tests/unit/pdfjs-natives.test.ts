import { expect, it } from 'vitest';
import { PDFDocument } from '@cantoo/pdf-lib';
import { loadPdfjs, withPdfjs } from '../../src/pdf/pdfjs.js';

/** Whether a function is the engine's own (not JavaScript that core-js put in its place). */
function isNative(fn: unknown): boolean {
  return typeof fn === 'function' && Function.prototype.toString.call(fn).includes('[native code]');
}

it('leaves the built-ins that puppeteer, pdf-lib and the parsers use as the engine made them once pdf.js is loaded', async () => {
  await loadPdfjs();
  for (const [name, fn] of Object.entries({ 'JSON.parse': JSON.parse, 'JSON.stringify': JSON.stringify, 'Array.prototype.push': Array.prototype.push, 'Function.prototype.toString': Function.prototype.toString })) {
    expect(isNative(fn), name).toBe(true);
  }
  // puppeteer decodes the PDFs Chromium sends with Uint8Array.fromBase64 when there is one: only the engine's.
  const fromBase64 = (Uint8Array as unknown as { fromBase64?: unknown }).fromBase64;
  const toBase64 = (Uint8Array.prototype as unknown as { toBase64?: unknown }).toBase64;
  for (const [name, fn] of Object.entries({ 'Uint8Array.fromBase64': fromBase64, 'Uint8Array.prototype.toBase64': toBase64 })) {
    if (fn !== undefined) expect(isNative(fn), name).toBe(true);
  }
});

it('reads a PDF with pdf.js inflating it itself, and gives DecompressionStream back afterwards, also when the work fails', async () => {
  const before = globalThis.DecompressionStream;
  expect(before).toBeTypeOf('function');
  const document = await PDFDocument.create();
  document.addPage().drawText('Inflated by pdf.js', { x: 40, y: 700 });
  const bytes = await document.save();
  const seen = await withPdfjs(bytes, async (pdf) => {
    const text = await (await pdf.getPage(1)).getTextContent();
    return { during: typeof globalThis.DecompressionStream, text: text.items.map((item) => ('str' in item ? item.str : '')).join('') };
  });
  expect(seen).toEqual({ during: 'undefined', text: 'Inflated by pdf.js' });
  expect(globalThis.DecompressionStream).toBe(before);
  await expect(withPdfjs(bytes, async () => {
    throw new Error('failed');
  })).rejects.toThrow('failed');
  expect(globalThis.DecompressionStream).toBe(before);
});
