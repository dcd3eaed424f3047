import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VFile } from 'vfile';
import { z } from 'zod';
import { parseYaml } from '../config/parse-yaml.js';

/** The folder of photos every language shares, inside brochure/. */
export const PHOTOS_FOLDER = 'photos';
/** The file beside the photos that says whose each one is. */
export const CREDITS_FILE = 'credits.yaml';

const text = z.string().min(1).regex(/^[^\p{Cc}]*$/u, 'text on one line, without control characters');

/** brochure/photos/credits.yaml: for each photo (its file name in the folder), its author and licence. */
export const photoCreditsSchema = z.record(
  z.string().regex(/^[^/\\]+(\/[^/\\]+)*$/, 'the photo\'s file name in brochure/photos/, such as `workshop.jpg`'),
  z.strictObject({
    author: text.describe('Who took the photo (or the agency), as printed in the imprint.'),
    licence: text.describe('Its licence or permission, such as `CC BY 4.0` or `© PSM Foundation, used with permission`.'),
  }),
);

/** The credit of one photo. */
export interface PhotoCredit {
  author: string;
  licence: string;
}

/** The photos folder and the credits read from it. */
export interface PhotoCredits {
  /** Absolute path of brochure/photos/. */
  folder: string;
  /** Credits by the photo's path inside the folder (`workshop.jpg`). */
  entries: ReadonlyMap<string, PhotoCredit>;
  /** credits.yaml, with its problems as messages (empty when there is none yet). */
  file: VFile;
}

/**
 * Reads brochure/photos/credits.yaml once per build; a missing file means no photo has a credit yet (each
 * photo is then reported where it is used). Problems in the file are errors on it, at their line.
 */
export async function loadPhotoCredits(contentFolder: string, root: string): Promise<PhotoCredits> {
  const folder = path.join(contentFolder, PHOTOS_FOLDER);
  const file = new VFile({ path: path.join(folder, CREDITS_FILE), cwd: root });
  const source = await readFile(file.path, 'utf8').catch(() => undefined);
  if (source === undefined) return { folder, entries: new Map(), file };
  file.value = source.replace(/^\uFEFF/, '');
  const credits = parseYaml(String(file.value), file, { schema: photoCreditsSchema, ruleId: 'photo-credit', what: 'photo credits' }) ?? {};
  return { folder, entries: new Map(Object.entries(credits).map(([name, credit]) => [name.normalize('NFC'), credit])), file };
}
