import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { reportError } from '../report/messages.js';

/** Largest source file read; a bigger one is almost certainly a mistake and would slow every build. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Why a file could not be read, in words for the person who wrote it. */
export interface ReadProblem {
  ruleId: string;
  reason: string;
  hint: string;
}

/**
 * The bytes of a file that must lie inside `within` once symbolic links are resolved, at most `maxBytes` of
 * them: a link out of the folder (to a secret, to /dev/zero), something that is not a file (a named pipe
 * would block the build for ever) or a file over the size is a problem, never read. `shown` is the path as
 * the messages name it.
 */
export async function readWithin(filePath: string, within: string, maxBytes: number, shown: string): Promise<Buffer | ReadProblem> {
  let real: string;
  try {
    real = await realpath(filePath);
  } catch {
    return { ruleId: 'missing-file', reason: `Cannot find \`${shown}\``, hint: 'Check the file name and folder.' };
  }
  const relative = path.relative(await realpath(within).catch(() => within), real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    return { ruleId: 'file-outside', reason: `Unexpected link \`${shown}\` to \`${real}\`, expected a file inside ${path.basename(within)}/`, hint: 'Replace the link by the file itself: the brochure reads only files of its own folders.' };
  }
  // Opened without waiting (a named pipe would wait for a writer for ever), then looked at.
  const handle = await open(real, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => undefined);
  if (!handle) return { ruleId: 'missing-file', reason: `Cannot read \`${shown}\``, hint: 'Check that the file can be read (its permissions).' };
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { ruleId: 'missing-file', reason: `Unexpected \`${shown}\`: it is not a file`, hint: 'Replace it by a text file saved from an editor.' };
    if (info.size > maxBytes) {
      return { ruleId: 'file-too-large', reason: `Unexpected file size: ${(info.size / 1024).toFixed(0)} KB, expected at most ${maxBytes / 1024} KB`, hint: 'Split the text into several section files.' };
    }
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Reads a text file of the brochure into a VFile: only from inside `within` (links resolved), UTF-8 only,
 * byte-order mark removed, line ends normalised, letters composed (NFC: a `č` typed on a Mac as `c` and a
 * combining caron becomes one letter). Problems (missing, outside, not a file, too large, not UTF-8) are errors
 * on the returned file, whose value is then empty.
 */
export async function readSource(filePath: string, cwd: string, within: string): Promise<VFile> {
  const file = new VFile({ path: filePath, cwd, value: '' });
  const bytes = await readWithin(filePath, within, MAX_SOURCE_BYTES, path.relative(cwd, filePath));
  if (!Buffer.isBuffer(bytes)) {
    reportError(file, bytes.reason, { ruleId: bytes.ruleId, hint: bytes.hint });
    return file;
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const { line, column } = firstInvalidByte(bytes);
    reportError(file, 'Unexpected bytes that are not UTF-8 text', {
      ruleId: 'encoding',
      place: { line, column },
      hint: 'Save the file as UTF-8 in your editor ("Save with encoding" / "Kodierung"), then build again.',
    });
    return file;
  }
  file.value = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').normalize('NFC');
  return file;
}

function firstInvalidByte(bytes: Buffer): { line: number; column: number } {
  let good = 0;
  for (let end = 1; end <= bytes.length; end++) {
    try {
      decoder.decode(bytes.subarray(0, end));
      good = end;
    } catch {
      if (end - good > 4) break;
    }
  }
  const before = bytes.subarray(0, good).toString('utf8').split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
