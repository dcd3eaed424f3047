import { readFile } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';

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

/** Reads brochure/<lang>/reviewed.json (its older form, with `sections` and block fingerprints, too); an absent or unreadable file is an empty record. */
export async function readReviewed(folder: string, sourceLanguage: string): Promise<ReviewedRecord> {
  try {
    const data = JSON.parse(await readFile(path.join(folder, REVIEWED_FILE), 'utf8')) as { sourceLanguage?: string; files?: unknown; sections?: unknown };
    const files = data?.files ?? data?.sections;
    if (files && typeof files === 'object') return { sourceLanguage: data.sourceLanguage ?? sourceLanguage, files: files as ReviewedRecord['files'] };
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
