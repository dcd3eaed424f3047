import { constants, inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef } from '@cantoo/pdf-lib';

/**
 * The decoded content of one page (from 1), read independently of the code under test: pdf-lib finds the streams,
 * zlib inflates them (tolerating a cut checksum, see src/pdf/content-streams.ts).
 */
export async function pageContent(pdf: Uint8Array, page: number): Promise<string> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const contents = document.getPages()[page - 1]!.node.get(PDFName.of('Contents'));
  const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
  return refs
    .map((ref) => document.context.lookup(ref as PDFRef))
    .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream)
    .map((stream) => inflateSync(stream.contents, { finishFlush: constants.Z_SYNC_FLUSH }).toString('latin1'))
    .join('\n');
}

/**
 * The fill colour (`0 0 0 0.93 k`, `0.2 0.3 0.4 rg`, `1 g`) in force at each text-showing operator of a content
 * stream, following q/Q. Hex strings, arrays and literal strings are skipped as whole tokens.
 */
export function textFillColours(content: string): string[] {
  const tokens = content.match(/\[(?:[^\]\\]|\\.)*\]|<<|>>|<[0-9a-fA-F\s]*>|\((?:[^()\\]|\\.)*\)|\/[^\s/[\]()<>]+|[^\s/[\]()<>]+/g) ?? [];
  const colours: string[] = [];
  const stack: string[] = [];
  let fill = '0 g';
  let operands: string[] = [];
  for (const token of tokens) {
    if (/^[-+]?[\d.]+$/.test(token) || /^[[(</]/.test(token)) {
      operands.push(token);
      continue;
    }
    if (token === 'q') stack.push(fill);
    else if (token === 'Q') fill = stack.pop() ?? fill;
    else if (token === 'k' || token === 'rg' || token === 'g') fill = `${operands.join(' ')} ${token}`;
    else if (token === 'Tj' || token === 'TJ' || token === "'" || token === '"') colours.push(fill);
    operands = [];
  }
  return colours;
}

/** CIELAB (D50, as ICC profiles use) of an sRGB colour `#rrggbb`. */
export function srgbToLab(hex: string): { L: number; a: number; b: number } {
  const [r, g, b] = [1, 3, 5].map((offset) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  // sRGB to XYZ, Bradford-adapted to D50.
  const x = (0.4360747 * r + 0.3850649 * g + 0.1430804 * b) / 0.9642;
  const y = 0.2225045 * r + 0.7168786 * g + 0.0606169 * b;
  const z = (0.0139322 * r + 0.0971045 * g + 0.7141733 * b) / 0.8249;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return { L: 116 * f(y) - 16, a: 500 * (f(x) - f(y)), b: 200 * (f(y) - f(z)) };
}
