import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';

/** A PNG chunk, for the deliberately incomplete file below (pngjs writes only whole images). */
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of one colour, `width` × `height` pixels (pngjs, RGB). */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [46, 125, 91]): Buffer {
  const png = new PNG({ width, height });
  png.data = Buffer.alloc(width * height * 3);
  for (let offset = 0; offset < png.data.length; offset += 3) png.data.set(rgb, offset);
  return PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false });
}

/** Only the start of a PNG that claims `width` × `height` pixels: enough for size checks, cheap to make. */
export function pngHeaderOnly(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header)]);
}
