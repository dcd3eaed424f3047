import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { MAX_SOURCE_BYTES, readWithin } from './read-source.js';

/** File in each translated language's folder recording which version of the source each file translates. */
export const REVIEWED_FILE = 'reviewed.json';

/** What was reviewed of one file of the translation. */
export interface ReviewedFile {
  /** Day of the last review, `2026-11-29`. */
  reviewed: string;
  /**
   * The source's texts as they were when the translation was reviewed: in file order for sections and figures
   * (null for a text not reviewed yet), by key for UI strings and index.md. Lets a check show what changed.
   */
  source?: Array<string | null> | Record<string, string>;
  /** Fingerprint of the translated file at that review: an unchanged translation of a changed source is a mistake to mark. */
  translation?: string;
  /** Older records: fingerprints of the source's blocks only (the text is not known). */
  blocks?: string[];
}

/**
 * Which version of the source each file of a translation was last reviewed against, by file name relative to
 * the language folder (`02-circular-economy.md`, `strings.json`, `figures/x.svg`). Written by
 * `npm run check -- --mark-reviewed <lang>` and by `npm run translate -- import`.
 */
export interface ReviewedRecord {
  sourceLanguage: string;
  files: Record<string, ReviewedFile>;
}

/**
 * Reads brochure/<lang>/reviewed.json (its older form, with `sections` and block fingerprints, too), only from
 * inside `within` (links resolved) and at most 1 MB; an absent or unreadable file is an empty record, and only
 * entries of the right shape count (anything else is a file never reviewed).
 */
export async function readReviewed(folder: string, sourceLanguage: string, within: string): Promise<ReviewedRecord> {
  try {
    const bytes = await readWithin(path.join(folder, REVIEWED_FILE), within, MAX_SOURCE_BYTES, REVIEWED_FILE);
    if (!Buffer.isBuffer(bytes)) throw new Error(bytes.reason);
    const data = JSON.parse(bytes.toString('utf8')) as { sourceLanguage?: unknown; files?: unknown; sections?: unknown };
    const files = data?.files ?? data?.sections;
    if (files && typeof files === 'object' && !Array.isArray(files)) {
      const valid = Object.entries(files as Record<string, unknown>).filter(([, entry]) => {
        const { reviewed, blocks, source } = (entry ?? {}) as { reviewed?: unknown; blocks?: unknown; source?: unknown };
        return typeof reviewed === 'string' && (blocks === undefined || (Array.isArray(blocks) && blocks.every((block) => typeof block === 'string'))) && (source === undefined || typeof source === 'object');
      });
      return { sourceLanguage: typeof data.sourceLanguage === 'string' ? data.sourceLanguage : sourceLanguage, files: Object.fromEntries(valid) as ReviewedRecord['files'] };
    }
  } catch {
    // Treated as never reviewed: every section is reported with a hint to mark it.
  }
  return { sourceLanguage, files: {} };
}

/** The text of reviewed.json for a record: files in name order, so that it diffs well in git. */
export function reviewedText(record: ReviewedRecord): string {
  const files = Object.fromEntries(Object.entries(record.files).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify({ sourceLanguage: record.sourceLanguage, files }, null, 2)}\n`;
}

/** Writes the record (atomically: a check running at the same time never reads half of it). */
export async function writeReviewed(folder: string, record: ReviewedRecord): Promise<void> {
  await writeFileAtomic(path.join(folder, REVIEWED_FILE), reviewedText(record));
}
