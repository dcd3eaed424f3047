import { PDFDict, PDFName, PDFRawStream, type PDFDocument, type PDFPage } from '@cantoo/pdf-lib';
import { mcidOf, parseOperations } from './content-operations.js';
import { decodeStream, pageContents } from './content-streams.js';

const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);

/** How a font's codes become text: the code length in bytes and its ToUnicode map. */
interface FontDecoder {
  bytes: number;
  map: Map<number, string>;
}

/**
 * The text of each marked-content sequence of a page, by MCID, as a reader gets it: glyphs through each font's
 * ToUnicode map, /ActualText instead of the glyphs it covers, and a space where a line ends without one.
 */
export function readMarkedText(document: PDFDocument, page: PDFPage): Map<number, string> {
  const texts = new Map<number, string>();
  const fonts = new Map<string, FontDecoder>();
  const frames: Array<{ mcid?: number; actualText?: string }> = [];
  let font: FontDecoder | undefined;
  let lineY: string | undefined;
  const add = (text: string) => {
    const mcid = [...frames].reverse().find((frame) => frame.mcid !== undefined)?.mcid;
    if (mcid === undefined || frames.some((frame) => frame.actualText !== undefined)) return;
    texts.set(mcid, (texts.get(mcid) ?? '') + text);
  };
  const newLine = () => {
    const mcid = [...frames].reverse().find((frame) => frame.mcid !== undefined)?.mcid;
    const current = mcid === undefined ? undefined : texts.get(mcid);
    if (mcid !== undefined && current && !/\s$/.test(current)) texts.set(mcid, `${current} `);
  };
  for (const stream of pageContents(document, page)) {
    for (const operation of parseOperations(stream.text)) {
      const { operator, operands } = operation;
      if (operator === 'BDC' || operator === 'BMC') {
        const actual = /\/ActualText\s*(<[0-9a-fA-F\s]*>|\((?:\\.|[^\\)])*\))/.exec(operands)?.[1];
        const frame = { mcid: operator === 'BDC' ? mcidOf(operation) : undefined, actualText: actual === undefined ? undefined : decodePdfText(actual) };
        if (frame.actualText !== undefined) add(frame.actualText);
        frames.push(frame);
      } else if (operator === 'EMC') {
        frames.pop();
      } else if (operator === 'Tf') {
        const name = /^\/(\S+)/.exec(operands)?.[1];
        font = name ? (fonts.get(name) ?? fonts.set(name, decoderFor(page, name)).get(name)) : undefined;
      } else if (operator === 'Tm') {
        const y = operands.split(/\s+/)[5];
        if (lineY !== undefined && y !== lineY) newLine();
        lineY = y;
      } else if ((operator === 'Td' || operator === 'TD') && Number(operands.split(/\s+/)[1]) !== 0) {
        newLine();
      } else if (TEXT_SHOW.has(operator) && font) {
        if (operator === "'" || operator === '"') newLine();
        for (const bytes of stringsIn(operands)) add(decodeGlyphs(bytes, font));
      }
    }
  }
  return texts;
}

function decoderFor(page: PDFPage, name: string): FontDecoder {
  const dict = page.node.Resources()?.lookupMaybe(PDFName.of('Font'), PDFDict)?.lookupMaybe(PDFName.of(name), PDFDict);
  const bytes = String(dict?.get(PDFName.of('Subtype'))) === '/Type0' ? 2 : 1;
  const stream = dict?.lookup(PDFName.of('ToUnicode'));
  if (!(stream instanceof PDFRawStream)) return { bytes, map: new Map() };
  return parseToUnicode(decodeStream(stream).toString('latin1'), bytes);
}

/** A ToUnicode CMap's bfchar and bfrange entries, and its code length from the codespace range. */
export function parseToUnicode(cmap: string, fallbackBytes: number): FontDecoder {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9a-fA-F]+)>/.exec(cmap);
  const bytes = space ? space[1]!.length / 2 : fallbackBytes;
  const utf16 = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex').swap16().toString('utf16le');
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]*)>/g)) map.set(parseInt(code!, 16), utf16(text!));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, low, high, target] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F\s]*>|\[[^\]]*\])/g)) {
      const from = parseInt(low!, 16);
      const to = parseInt(high!, 16);
      if (target!.startsWith('[')) {
        [...target!.matchAll(/<([0-9a-fA-F\s]*)>/g)].forEach(([, hex], offset) => map.set(from + offset, utf16(hex!)));
        continue;
      }
      const base = Buffer.from(target!.slice(1, -1).replace(/\s+/g, ''), 'hex');
      for (let code = from; code <= to && code - from < 65536; code++) {
        const value = Buffer.from(base);
        value.writeUInt16BE((value.readUInt16BE(value.length - 2) + code - from) & 0xffff, value.length - 2);
        map.set(code, value.swap16().toString('utf16le'));
      }
    }
  }
  return { bytes, map };
}

function decodeGlyphs(bytes: Buffer, font: FontDecoder): string {
  let text = '';
  for (let index = 0; index + font.bytes <= bytes.length; index += font.bytes) {
    text += font.map.get(font.bytes === 2 ? bytes.readUInt16BE(index) : bytes[index]!) ?? '';
  }
  return text;
}

/** The string operands of Tj, TJ, ' and " as bytes. */
function stringsIn(operands: string): Buffer[] {
  const found: Buffer[] = [];
  for (const match of operands.matchAll(/<([0-9a-fA-F\s]*)>|\(((?:\\[\s\S]|[^\\)])*)\)/g)) {
    found.push(match[1] !== undefined ? hexBytes(match[1]) : literalBytes(match[2]!));
  }
  return found;
}

function hexBytes(hex: string): Buffer {
  const digits = hex.replace(/\s+/g, '');
  return Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex');
}

function literalBytes(text: string): Buffer {
  const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
  const unescaped = text.replace(/\\(?:([0-7]{1,3})|(\r\n|\r|\n)|([\s\S]))/g, (_, octal?: string, newline?: string, char?: string) =>
    octal ? String.fromCharCode(parseInt(octal, 8) & 0xff) : newline ? '' : (escapes[char!] ?? char!),
  );
  return Buffer.from(unescaped, 'latin1');
}

/** A PDF text string written as `<feff…>` or `(…)`: UTF-16 with its byte order mark, or PDFDocEncoding (as latin1). */
function decodePdfText(written: string): string {
  const bytes = written.startsWith('<') ? hexBytes(written.slice(1, -1)) : literalBytes(written.slice(1, -1));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  return bytes.toString('latin1');
}
