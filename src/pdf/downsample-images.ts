import { inPage, type PageSource } from '../render/page-pool.js';
import { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef, decodePDFRawStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

/** Resolution photos are brought down to in the screen PDF: sharp on screens, a fraction of the print size. */
export const SCREEN_PPI = 150;
/** Images are only resampled when that saves a good part: above this multiple of the target. */
const WORTH_IT = 1.25;
const JPEG_QUALITY = 0.85;

/** A photo as placed in the document: its pixel size and its resolution at the placed size. */
export interface PlacedPixels {
  width: number;
  height: number;
  ppi: number;
}

/**
 * Brings photos in the screen PDF down to 150 ppi at their placed size, as JPEG, by drawing them on a canvas
 * in the browser the build already runs. Images are matched to their placement by pixel size; images with
 * transparency (soft masks), unusual colour spaces or bit depths are left as they are. Returns how many were
 * resampled.
 */
export async function downsampleImages(document: PDFDocument, browser: PageSource, placed: PlacedPixels[], targetPpi = SCREEN_PPI): Promise<number> {
  const candidates: Array<{ ref: PDFRef; stream: PDFRawStream; width: number; height: number; scale: number }> = [];
  for (const [ref, object] of document.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream) || String(object.dict.get(PDFName.of('Subtype'))) !== '/Image') continue;
    const width = numberOf(object.dict.get(PDFName.of('Width')));
    const height = numberOf(object.dict.get(PDFName.of('Height')));
    // The largest placement of the image sets the resolution it needs.
    const ppi = Math.min(...placed.filter((image) => image.width === width && image.height === height).map((image) => image.ppi));
    if (!Number.isFinite(ppi) || ppi <= targetPpi * WORTH_IT || object.dict.has(PDFName.of('SMask'))) continue;
    candidates.push({ ref, stream: object, width, height, scale: targetPpi / ppi });
  }
  if (candidates.length === 0) return 0;
  return inPage(browser, async (page) => {
    let resampled = 0;
    for (const candidate of candidates) {
      const source = imageSource(document, candidate.stream, candidate.width, candidate.height);
      if (!source) continue;
      const width = Math.max(1, Math.round(candidate.width * candidate.scale));
      const height = Math.max(1, Math.round(candidate.height * candidate.scale));
      const jpeg = await page.evaluate(resampleInPage, source, width, height, JPEG_QUALITY);
      const bytes = Buffer.from(jpeg, 'base64');
      const dict = document.context.obj({
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: 'DeviceRGB',
        BitsPerComponent: 8,
        Filter: 'DCTDecode',
        Length: bytes.length,
      });
      document.context.assign(candidate.ref, PDFRawStream.of(dict, bytes));
      resampled++;
    }
    return resampled;
  });
}

type ImageSource = { kind: 'jpeg'; base64: string } | { kind: 'pixels'; base64: string; width: number; height: number; components: 1 | 3 };

/** The image's pixels in a form a canvas can draw: JPEG as is, Flate-compressed grey or RGB decoded. */
function imageSource(document: PDFDocument, stream: PDFRawStream, width: number, height: number): ImageSource | undefined {
  const filter = stream.dict.get(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray().map(String) : [String(filter)];
  const bits = numberOf(stream.dict.get(PDFName.of('BitsPerComponent')));
  const components = componentsOf(document, stream.dict.get(PDFName.of('ColorSpace')));
  if (filters.length === 1 && filters[0] === '/DCTDecode' && (components === 3 || components === 1)) {
    return { kind: 'jpeg', base64: Buffer.from(stream.contents).toString('base64') };
  }
  if (bits !== 8 || (components !== 3 && components !== 1) || !filters.every((name) => name === '/FlateDecode')) return undefined;
  const pixels = decodePDFRawStream(stream).decode();
  if (pixels.length < width * height * components) return undefined;
  return { kind: 'pixels', base64: Buffer.from(pixels).toString('base64'), width, height, components };
}

function componentsOf(document: PDFDocument, space: PDFObject | undefined): number | undefined {
  const resolved = space instanceof PDFRef ? document.context.lookup(space) : space;
  const name = String(resolved instanceof PDFArray ? resolved.get(0) : resolved);
  if (name === '/DeviceRGB' || name === '/CalRGB') return 3;
  if (name === '/DeviceGray' || name === '/CalGray') return 1;
  if (name === '/ICCBased' && resolved instanceof PDFArray) {
    const profile = document.context.lookup(resolved.get(1));
    return profile instanceof PDFRawStream ? numberOf(profile.dict.get(PDFName.of('N'))) : undefined;
  }
  return undefined;
}

function numberOf(value: PDFObject | undefined): number {
  return value instanceof PDFNumber ? value.asNumber() : Number.NaN;
}

/** Runs in the page: draws the image at the new size and returns it as base64 JPEG. */
async function resampleInPage(source: ImageSource, width: number, height: number, quality: number): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d')!;
  context.imageSmoothingQuality = 'high';
  let drawable: CanvasImageSource;
  if (source.kind === 'jpeg') {
    const image = new Image();
    image.src = `data:image/jpeg;base64,${source.base64}`;
    await image.decode();
    drawable = image;
  } else {
    const raw = Uint8Array.from(atob(source.base64), (char) => char.charCodeAt(0));
    const rgba = new ImageData(source.width, source.height);
    for (let pixel = 0; pixel < source.width * source.height; pixel++) {
      const grey = source.components === 1;
      rgba.data[pixel * 4] = raw[pixel * source.components]!;
      rgba.data[pixel * 4 + 1] = grey ? raw[pixel]! : raw[pixel * 3 + 1]!;
      rgba.data[pixel * 4 + 2] = grey ? raw[pixel]! : raw[pixel * 3 + 2]!;
      rgba.data[pixel * 4 + 3] = 255;
    }
    drawable = await createImageBitmap(rgba);
  }
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(drawable, 0, 0, width, height);
  const url = canvas.toDataURL('image/jpeg', quality);
  return url.slice(url.indexOf(',') + 1);
}
