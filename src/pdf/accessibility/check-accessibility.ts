import { PDFDocument } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from '../pdf-lib-options.js';
import { withPdfjs } from '../pdfjs.js';
import { readContent, type PageContent } from './read-content.js';
import { readStructure } from './read-structure.js';
import { realContent } from './checkpoints/content.js';
import { graphics, headings, nesting, roleMapping, tables } from './checkpoints/structure.js';
import { displayTitle, language, metadata, pdfUaPart, readXmp } from './checkpoints/document.js';
import { annotations, fonts } from './checkpoints/objects.js';
import type { AccessibilityOptions, AccessibilityReport, Checkpoint, CheckpointResult } from './types.js';

/** The checkpoints software can decide, in Matterhorn order. */
export const CHECKPOINTS: readonly Checkpoint[] = [realContent, roleMapping, metadata, displayTitle, nesting, language, graphics, headings, tables, annotations, fonts];

/** Findings kept per checkpoint: enough to see the pattern, not a wall of text for an untagged file. */
const MAX_FINDINGS = 25;

/**
 * Checks a PDF against the machine-checkable part of PDF/UA-1 (the Matterhorn Protocol's checkpoints 01, 02,
 * 06, 07, 09, 11, 13, 14, 15, 28 and 31): the structure tree and objects through pdf-lib, the page content
 * (what is tagged, what is an artifact, the glyphs) through pdf.js. What needs a person (reading order,
 * whether alternate text is right, colour contrast) is not decided here.
 */
export async function checkAccessibility(bytes: Uint8Array, options: AccessibilityOptions & { document?: PDFDocument; pages?: PageContent[] }): Promise<AccessibilityReport> {
  // The document already loaded and its pages already read (for the typographic preflight too) are used as they are.
  const document = options.document ?? (await PDFDocument.load(bytes, LOAD_OPTIONS));
  const pages = options.pages ?? (await withPdfjs(bytes, readContent));
  const input = { document, structure: readStructure(document), pages, options };
  const checkpoints = CHECKPOINTS.flatMap((checkpoint) => checkpoint(input));
  claimBackedByChecks(checkpoints, pdfUaPart(readXmp(input)) !== undefined);
  for (const checkpoint of checkpoints) {
    if (checkpoint.findings.length <= MAX_FINDINGS) continue;
    const more = checkpoint.findings.length - MAX_FINDINGS + 1;
    checkpoint.findings = [...checkpoint.findings.slice(0, MAX_FINDINGS - 1), { message: `… and ${more} more` }];
  }
  return { passed: checkpoints.every((checkpoint) => checkpoint.passed), checkpoints };
}

/** A PDF/UA identifier in a file that fails another checkpoint is a false claim: 06 fails too. */
function claimBackedByChecks(checkpoints: CheckpointResult[], claimed: boolean): void {
  if (!claimed) return;
  const failed = checkpoints.filter((checkpoint) => !checkpoint.passed && checkpoint.number !== '06').map((checkpoint) => checkpoint.number);
  const metadataResult = checkpoints.find((checkpoint) => checkpoint.number === '06');
  if (failed.length === 0 || !metadataResult) return;
  metadataResult.passed = false;
  metadataResult.findings.push({ message: `Unexpected PDF/UA identifier (pdfuaid:part 1) in a file that fails checkpoint ${failed.join(', ')}` });
}
