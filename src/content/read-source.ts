import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { reportError } from '../report/messages.js';

/** Largest source file read; a bigger one is almost certainly a mistake and would slow every build. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a text file of the brochure into a VFile: UTF-8 only, byte-order mark removed, line ends normalised.
 * Problems (missing, too large, not UTF-8) are errors on the returned file, whose value is then empty.
 */
export async function readSource(filePath: string, cwd: string): Promise<VFile> {
  const file = new VFile({ path: filePath, cwd, value: '' });
  let bytes: Buffer;
  try {
    bytes = await readFile(filePath);
  } catch {
    reportError(file, `Cannot find \`${path.relative(cwd, filePath)}\``, { ruleId: 'missing-file', hint: 'Check the file name and folder.' });
    return file;
  }
  if (bytes.length > MAX_SOURCE_BYTES) {
    reportError(file, `Unexpected file size: ${(bytes.length / 1024).toFixed(0)} KB, expected at most ${MAX_SOURCE_BYTES / 1024} KB`, {
      ruleId: 'file-too-large',
      hint: 'Split the text into several section files.',
    });
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
  file.value = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
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
