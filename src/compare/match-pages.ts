import crypto from 'node:crypto';
import { diffArrays } from 'diff';
import pixelmatch from 'pixelmatch';
import type { PageImage } from './render-pages.js';

/** Rows of pixels at the top and the bottom of every page left out: running heads and page numbers. */
export interface Folios {
  top: number;
  bottom: number;
}

/** A rectangle of a page where pixels changed, in fractions of the page's width and height. */
export interface Marked {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A page of one edition that has no equal in the other: changed (paired), added or removed. */
export interface PageChange {
  kind: 'changed' | 'added' | 'removed';
  /** Page numbers in each PDF, from 1. */
  oldPage?: number;
  newPage?: number;
  old?: PageImage;
  new?: PageImage;
  /** Where the pixels differ (changed pages of the same size). */
  marks: Marked[];
}

/** Rows apart that still count as one changed area. */
const GAP = 12;

/**
 * The pages that changed between two renderings of a document. Pages are first lined up by their content
 * (a fingerprint of the pixels without running heads and page numbers, then the longest common sequence), so a
 * page inserted early does not mark every later one; what is left is paired in order and compared pixel by
 * pixel with pixelmatch (anti-aliasing ignored): a pair without a different pixel is no change.
 */
export function matchPages(before: PageImage[], after: PageImage[], folios: Folios): PageChange[] {
  const print = (page: PageImage) => fingerprint(page, folios);
  const changes: PageChange[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const pairs = Math.min(removed.length, added.length);
    for (let index = 0; index < pairs; index++) {
      const change = comparePair(before[removed[index]!]!, after[added[index]!]!, folios);
      if (change) changes.push({ ...change, oldPage: removed[index]! + 1, newPage: added[index]! + 1 });
    }
    for (const index of removed.slice(pairs)) changes.push({ kind: 'removed', oldPage: index + 1, old: before[index], marks: [] });
    for (const index of added.slice(pairs)) changes.push({ kind: 'added', newPage: index + 1, new: after[index], marks: [] });
    removed = [];
    added = [];
  };
  for (const part of diffArrays(before.map(print), after.map(print))) {
    if (part.removed) for (let count = 0; count < part.count!; count++) removed.push(oldIndex++);
    else if (part.added) for (let count = 0; count < part.count!; count++) added.push(newIndex++);
    else {
      flush();
      oldIndex += part.count!;
      newIndex += part.count!;
    }
  }
  flush();
  return changes;
}

function fingerprint(page: PageImage, folios: Folios): string {
  const stride = page.width * 4;
  const body = page.data.subarray(folios.top * stride, Math.max(folios.top, page.height - folios.bottom) * stride);
  return crypto.createHash('sha256').update(`${page.width}x${page.height}\n`).update(body).digest('hex');
}

function comparePair(before: PageImage, after: PageImage, folios: Folios): Omit<PageChange, 'oldPage' | 'newPage'> | undefined {
  if (before.width !== after.width || before.height !== after.height) return { kind: 'changed', old: before, new: after, marks: [] };
  const { width, height } = after;
  const ignoreMask = new Uint8Array(width * height);
  ignoreMask.fill(1, 0, folios.top * width);
  ignoreMask.fill(1, Math.max(0, height - folios.bottom) * width);
  const output = new Uint8Array(width * height * 4);
  const different = pixelmatch(before.data, after.data, output, width, height, { threshold: 0.1, diffMask: true, ignoreMask });
  if (different === 0) return undefined;
  return { kind: 'changed', old: before, new: after, marks: areas(output, width, height) };
}

/** The changed areas of a diff mask (pixelmatch paints changed pixels opaque): bands of rows, each as wide as its changes. */
function areas(mask: Uint8Array, width: number, height: number): Marked[] {
  const marks: Marked[] = [];
  let current: { top: number; bottom: number; left: number; right: number } | undefined;
  for (let y = 0; y < height; y++) {
    let left = width;
    let right = -1;
    for (let x = 0; x < width; x++) {
      if (mask[(y * width + x) * 4 + 3]! === 0) continue;
      left = Math.min(left, x);
      right = x;
    }
    if (right < 0) continue;
    if (current && y - current.bottom <= GAP) Object.assign(current, { bottom: y, left: Math.min(current.left, left), right: Math.max(current.right, right) });
    else {
      if (current) marks.push(toMark(current, width, height));
      current = { top: y, bottom: y, left, right };
    }
  }
  if (current) marks.push(toMark(current, width, height));
  return marks;
}

function toMark(area: { top: number; bottom: number; left: number; right: number }, width: number, height: number): Marked {
  const pad = 3;
  const x = Math.max(0, area.left - pad);
  const y = Math.max(0, area.top - pad);
  return { x: x / width, y: y / height, width: (Math.min(width, area.right + pad + 1) - x) / width, height: (Math.min(height, area.bottom + pad + 1) - y) / height };
}
