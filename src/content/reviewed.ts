import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MAX_SOURCE_BYTES, readWithin } from './read-source.js';

/** File in each translated language's folder recording which version of the source each section translates. */
export const REVIEWED_FILE = 'reviewed.json';

/**
 * The fingerprints of the source blocks a translation was last reviewed against, per section file name.
 * Written by `npm run check -- --mark-reviewed <lang>`; compared with the source by the staleness check.
 */
export interface ReviewedRecord {
  sourceLanguage: string;
  sections: Record<string, { blocks: string[]; reviewed: string }>;
}

/**
 * Reads brochure/<lang>/reviewed.json, only from inside `within` (links resolved) and at most 1 MB; an absent
 * or unreadable file is an empty record.
 */
export async function readReviewed(folder: string, sourceLanguage: string, within: string): Promise<ReviewedRecord> {
  try {
    const bytes = await readWithin(path.join(folder, REVIEWED_FILE), within, MAX_SOURCE_BYTES, REVIEWED_FILE);
    if (!Buffer.isBuffer(bytes)) throw new Error(bytes.reason);
    const data = JSON.parse(bytes.toString('utf8')) as { sourceLanguage?: unknown; sections?: unknown };
    if (data && typeof data === 'object' && data.sections && typeof data.sections === 'object') {
      // Only entries of the right shape count: anything else is a section never reviewed.
      const sections = Object.entries(data.sections as Record<string, unknown>).filter(([, entry]) => {
        const { blocks, reviewed } = (entry ?? {}) as { blocks?: unknown; reviewed?: unknown };
        return Array.isArray(blocks) && blocks.every((block) => typeof block === 'string') && typeof reviewed === 'string';
      });
      return { sourceLanguage: typeof data.sourceLanguage === 'string' ? data.sourceLanguage : sourceLanguage, sections: Object.fromEntries(sections) as ReviewedRecord['sections'] };
    }
  } catch {
    // Treated as never reviewed: every section is reported stale with a hint to mark it.
  }
  return { sourceLanguage, sections: {} };
}

/** Writes the record with sections in file-name order, so that it diffs well in git. */
export async function writeReviewed(folder: string, record: ReviewedRecord): Promise<void> {
  const sections = Object.fromEntries(Object.entries(record.sections).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(path.join(folder, REVIEWED_FILE), `${JSON.stringify({ ...record, sections }, null, 2)}\n`);
}
