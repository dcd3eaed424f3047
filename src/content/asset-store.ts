import { decodeUrl } from '../markdown/decode-url.js';
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitizeSvg, svgTextProblem } from '../markdown/sanitize-svg.js';
import { imageSize } from 'image-size';

/** Largest image file read into a document; anything bigger is refused with a message. */
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;
/** Largest raster image in pixels (40 megapixels: an A4 page at 600 ppi is 35); decoding more stalls the browser. */
export const MAX_PIXELS = 40_000_000;

const RASTER_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
};

/** An image ready to be placed in a document. */
export type LoadedAsset =
  | { kind: 'svg'; path: string; svg: Element }
  | { kind: 'raster'; path: string; dataUrl: string; bytes: number; width: number; height: number };

/** Why an image could not be used, in words for the person who wrote the Markdown. */
export interface AssetProblem {
  ruleId: string;
  reason: string;
  hint: string;
}

/**
 * Reads images of the project once per build, whichever language asks, and refuses everything outside the
 * project folder (relative escapes, absolute paths, symbolic links pointing out).
 */
export class AssetStore {
  readonly #root: string;
  readonly #cache = new Map<string, Promise<LoadedAsset | AssetProblem>>();
  /** Every file read, for the build cache: a change to any of them rebuilds. */
  readonly filesRead = new Set<string>();

  constructor(projectRoot: string) {
    this.#root = path.resolve(projectRoot);
  }

  /** Loads `url` as written in `fromFile` (a Markdown file); the result is shared, do not mutate it. */
  load(url: string, fromFile: string): Promise<LoadedAsset | AssetProblem> {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
    if (scheme !== undefined || url.startsWith('//')) {
      const shown = url.length > 80 ? `${url.slice(0, 77)}…` : url;
      const web = scheme === undefined || scheme === 'http' || scheme === 'https';
      return Promise.resolve({
        ruleId: 'image-remote',
        reason: `Unexpected image address \`${shown}\`, expected a file in the project${web ? '' : `: \`${scheme}:\` addresses are not allowed`}`,
        hint: web
          ? 'Download the image into assets/ and link it with a relative path; the build never fetches from the web.'
          : 'Copy the image into assets/ (or the language\'s figures/) and write a relative path such as `../../assets/name.png`.',
      });
    }
    const written = decodeUrl(url.split(/[?#]/)[0]!);
    const absolute = path.resolve(path.dirname(fromFile), written);
    // Keyed by what was written too: the same file written two ways gets messages quoting each.
    const key = `${absolute}\0${written}`;
    let pending = this.#cache.get(key);
    if (!pending) {
      pending = this.#read(absolute, written, path.isAbsolute(written));
      this.#cache.set(key, pending);
    }
    return pending;
  }

  async #read(absolute: string, written: string, isAbsolute: boolean): Promise<LoadedAsset | AssetProblem> {
    const outside = (linkTarget?: string): AssetProblem => ({
      ruleId: 'image-outside',
      reason: `Unexpected image path \`${written}\`${linkTarget ? ` (a link to \`${linkTarget}\`)` : ''}, expected a file inside the project folder`,
      hint: 'Copy the image into assets/ and use a relative path such as `../../assets/figures/name.svg`.',
    });
    if (isAbsolute || !this.#inside(absolute)) return outside();
    let real: string;
    try {
      real = await realpath(absolute).catch(async (error: unknown) => {
        // A file named on a Mac has decomposed letters (NFD) in its name, the Markdown composed ones (NFC).
        const names = await readdir(path.dirname(absolute)).catch(() => [] as string[]);
        const same = names.find((name) => name.normalize('NFC') === path.basename(absolute).normalize('NFC'));
        if (!same) throw error;
        return realpath(path.join(path.dirname(absolute), same));
      });
    } catch {
      return {
        ruleId: 'missing-image',
        reason: `Cannot find image \`${written}\``,
        hint: await this.#missingHint(absolute),
      };
    }
    if (!this.#inside(real)) return outside(real);
    this.filesRead.add(real);
    const info = await stat(real);
    if (!info.isFile()) return { ruleId: 'missing-image', reason: `Cannot use \`${written}\` as an image: it is not a file`, hint: 'Name an image file.' };
    if (info.size > MAX_ASSET_BYTES) {
      return {
        ruleId: 'image-too-large',
        reason: `Unexpected image size of \`${written}\`: ${(info.size / 1048576).toFixed(1)} MB, expected at most ${MAX_ASSET_BYTES / 1048576} MB`,
        hint: 'Export the image smaller (300 ppi at its printed size is enough).',
      };
    }
    const extension = path.extname(real).toLowerCase();
    if (extension === '.svg') {
      // Text of drawings made on Windows or macOS: byte-order mark, decomposed letters (NFD) as one (NFC).
      const text = (await readFile(real, 'utf8')).replace(/^\uFEFF/, '').normalize('NFC');
      const tooComplex = (why: string): AssetProblem => ({ ruleId: 'image-too-large', reason: `Unexpected SVG \`${written}\`: ${why}`, hint: 'Export the drawing again, simplified; a diagram needs a few hundred elements.' });
      const textProblem = svgTextProblem(text);
      if (textProblem) return tooComplex(textProblem);
      const tree: Root = fromHtml(text, { fragment: true });
      const svg = tree.children.find((node): node is Element => node.type === 'element' && node.tagName === 'svg');
      if (!svg) return { ruleId: 'image-format', reason: `Cannot read \`${written}\` as SVG: it has no <svg> element`, hint: 'Export the drawing again as SVG.' };
      const problem = sanitizeSvg(svg);
      return problem ? tooComplex(problem) : { kind: 'svg', path: real, svg };
    }
    const type = RASTER_TYPES[extension];
    if (!type) {
      return {
        ruleId: 'image-format',
        reason: `Unexpected image format \`${extension || written}\`, expected SVG, PNG, JPEG, WebP or GIF`,
        hint: 'Export the image as SVG (drawings) or PNG/JPEG (photos).',
      };
    }
    const data = await readFile(real);
    const size = pixelSize(data, extension);
    if (!size) {
      return { ruleId: 'image-format', reason: `Cannot read \`${written}\` as ${extension.slice(1).toUpperCase()}: the file is damaged or of another format`, hint: 'Open it in an image editor and export it again.' };
    }
    if (size.width * size.height > MAX_PIXELS) {
      return {
        ruleId: 'image-too-large',
        reason: `Unexpected image size of \`${written}\`: ${size.width} × ${size.height} pixels, expected at most ${MAX_PIXELS / 1_000_000} megapixels`,
        hint: 'Export the image smaller: 300 ppi at its printed size is enough (an A5 page is 1748 × 2480 pixels at 300 ppi).',
      };
    }
    return { kind: 'raster', path: real, dataUrl: `data:${type};base64,${data.toString('base64')}`, bytes: data.length, ...size };
  }

  #inside(file: string): boolean {
    const relative = path.relative(this.#root, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  }

  async #missingHint(absolute: string): Promise<string> {
    const folder = path.dirname(absolute);
    const shownFolder = path.relative(this.#root, folder) || '.';
    let names: string[];
    try {
      names = await readdir(folder);
    } catch {
      return `The folder \`${shownFolder}\` does not exist; paths are relative to the Markdown file.`;
    }
    const wanted = path.basename(absolute);
    const close = names
      .map((name) => ({ name, distance: editDistance(name.toLowerCase(), wanted.toLowerCase()) }))
      .filter((entry) => entry.distance <= Math.max(2, Math.floor(wanted.length / 4)))
      .sort((a, b) => a.distance - b.distance)[0];
    return close
      ? `Did you mean \`${close.name}\`? It is in \`${shownFolder}\`.`
      : `No such file in \`${shownFolder}\`; paths are relative to the Markdown file.`;
  }
}

/** Width and height of a raster image from its header; undefined when it is not of the type its name says. */
function pixelSize(data: Uint8Array, extension: string): { width: number; height: number } | undefined {
  try {
    const { width, height, type } = imageSize(data);
    const expected = extension === '.jpeg' ? 'jpg' : extension.slice(1);
    return width > 0 && height > 0 && type === expected ? { width, height } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `result` is a problem rather than an image. */
export function isAssetProblem(result: LoadedAsset | AssetProblem): result is AssetProblem {
  return 'reason' in result;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
