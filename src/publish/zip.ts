import { zipSync, type Zippable } from 'fflate';

/** A file to put into a zip archive. */
export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

/**
 * A zip archive of the entries (deflate, UTF-8 names) with one fixed date, so that the same files always give
 * the same bytes and the same checksum.
 */
export function createZip(entries: ZipEntry[], date: Date): Uint8Array {
  const files: Zippable = {};
  for (const entry of entries) files[entry.name] = [entry.data, { level: 9, mtime: date }];
  return zipSync(files, { level: 9, mtime: date });
}
