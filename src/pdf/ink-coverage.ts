import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** The highest total ink (C+M+Y+K) on one page and where it is. */
export interface PageInk {
  /** Page number, from 1. */
  page: number;
  /** Highest C+M+Y+K of any point, in percent (0 to 400). */
  maximum: number;
  /** Where that point is, in millimetres from the top left corner of the bleed box. */
  x: number;
  y: number;
}

/** Ghostscript could not render the PDF to measure its ink; the message says why. */
export class InkCoverageError extends Error {
  override name = 'InkCoverageError';
}

/** How to measure the ink. */
export interface InkCoverageOptions {
  /** The Ghostscript command; default `gs`. */
  gs?: string;
  /** Rendering resolution in pixels per inch; default 72, enough to find any area of heavy ink. */
  resolution?: number;
}

/**
 * Measures the total ink coverage of every page of a CMYK PDF on a Ghostscript CMYK rendering of its bleed box
 * (8 bits per ink, no smoothing, so every pixel carries a colour of the page as it is printed). The outermost
 * pixels are left out: crop marks end exactly at the bleed box and would otherwise be counted.
 */
export async function measureInkCoverage(pdf: Uint8Array, options: InkCoverageOptions = {}): Promise<PageInk[]> {
  const resolution = options.resolution ?? 72;
  const folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-ink-'));
  const input = path.join(folder, 'press.pdf');
  try {
    await writeFile(input, pdf);
    const pages: PageInk[] = [];
    const parser = pamParser((page, width, height, pixels) => pages.push(maximumOf(page, width, height, pixels, resolution)));
    await new Promise<void>((resolve, reject) => {
      const child = spawn(options.gs ?? 'gs', [
        '-q', '-dBATCH', '-dNOPAUSE', '-dSAFER', `--permit-file-read=${input}`,
        '-sDEVICE=pamcmyk32', `-r${resolution}`, '-dUseBleedBox', '-sstdout=%stderr', '-sOutputFile=-', input,
      ], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      let failure: Error | undefined;
      child.stdout.on('data', (chunk: Buffer) => {
        try {
          parser(chunk);
        } catch (error) {
          failure ??= error as Error;
          child.kill();
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', (cause) => reject(new InkCoverageError(`Cannot run Ghostscript to measure the ink coverage: ${cause.message}`, { cause })));
      child.on('close', (code) => (failure ? reject(failure) : code === 0 ? resolve() : reject(new InkCoverageError(`Ghostscript could not render the press PDF to measure its ink coverage (exit ${code}): ${stderr.trim().split('\n').slice(-2).join(' ')}`))));
    });
    return pages;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function maximumOf(page: number, width: number, height: number, pixels: Buffer, resolution: number): PageInk {
  let maximum = 0;
  let at = 0;
  for (let row = 1; row < height - 1; row++) {
    for (let column = 1, index = (row * width + 1) * 4; column < width - 1; column++, index += 4) {
      const sum = pixels[index]! + pixels[index + 1]! + pixels[index + 2]! + pixels[index + 3]!;
      if (sum > maximum) {
        maximum = sum;
        at = row * width + column;
      }
    }
  }
  const mm = (pixelsFromEdge: number) => Math.round((pixelsFromEdge * 25.4) / resolution);
  return { page, maximum: Math.round((maximum / 255) * 1000) / 10, x: mm(at % width), y: mm(Math.floor(at / width)) };
}

/**
 * A parser of Ghostscript's PAM stream (one `P7` image per page, CMYK, 8 bits), fed in chunks as they arrive;
 * calls `onPage` with each complete page.
 */
function pamParser(onPage: (page: number, width: number, height: number, pixels: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let page = 0;
  let image: { width: number; height: number; pixels: Buffer; filled: number } | undefined;
  return (chunk) => {
    pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length > 0) {
      if (!image) {
        const end = pending.indexOf('ENDHDR\n');
        if (end < 0) return;
        const header = pending.subarray(0, end).toString('latin1');
        const field = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(header)?.[1]);
        const width = field('WIDTH');
        const height = field('HEIGHT');
        if (!header.startsWith('P7') || field('DEPTH') !== 4 || field('MAXVAL') !== 255 || !(width > 0 && height > 0)) {
          throw new InkCoverageError(`Unexpected rendering from Ghostscript, expected CMYK PAM images: ${header.slice(0, 80)}`);
        }
        image = { width, height, pixels: Buffer.alloc(width * height * 4), filled: 0 };
        pending = pending.subarray(end + 'ENDHDR\n'.length);
        continue;
      }
      const taken = Math.min(pending.length, image.pixels.length - image.filled);
      pending.copy(image.pixels, image.filled, 0, taken);
      image.filled += taken;
      pending = pending.subarray(taken);
      if (image.filled === image.pixels.length) {
        onPage(++page, image.width, image.height, image.pixels);
        image = undefined;
      }
    }
  };
}
