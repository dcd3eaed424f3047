import { PDFBool, PDFDict, PDFName } from '@cantoo/pdf-lib';
import { contentKey, describe, type CheckInput, type CheckpointResult, type Finding } from '../types.js';

const NO_TREE: Finding = { message: 'The PDF is not tagged: it has no structure tree (print with tagging on)' };

/**
 * 01 Real content: every piece of page content is either tagged (a marked-content sequence that a structure
 * element refers to) or an artifact, never both (01-003, 01-004, 01-005), and the document says it is tagged
 * (/MarkInfo /Marked true, no /Suspects, 01-007).
 */
export function realContent({ document, structure, pages }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  const markInfo = document.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (!structure.roots) findings.push(NO_TREE);
  if (markInfo?.get(PDFName.of('Marked')) !== PDFBool.True) findings.push({ message: 'Missing /MarkInfo /Marked true in the catalog' });
  if (markInfo?.get(PDFName.of('Suspects')) === PDFBool.True) findings.push({ message: 'Unexpected /Suspects true: the tags are marked as unreliable' });
  for (const page of pages) {
    const texts = page.untagged.filter((piece) => piece.draws === 'text' && piece.text.trim());
    for (const piece of texts) findings.push({ page: page.number, message: `Untagged text "${snippet(piece.text)}", neither tagged nor an artifact` });
    const drawings = page.untagged.filter((piece) => piece.draws !== 'text' || !piece.text.trim());
    if (drawings.length > 0) {
      const kinds = [...new Set(drawings.map((piece) => piece.draws))].join(', ');
      findings.push({ page: page.number, message: `Untagged drawing (${kinds}), neither tagged nor an artifact` });
    }
    for (const mcid of page.artifactInTagged) findings.push({ page: page.number, message: `Unexpected artifact inside tagged content (MCID ${mcid})` });
    for (const mcid of page.taggedInArtifact) findings.push({ page: page.number, message: `Unexpected tagged content (MCID ${mcid}) inside an artifact` });
    if (!structure.roots) continue;
    for (const [mcid, sequence] of page.sequences) {
      if (sequence.draws.size === 0 || structure.contentOwner.has(contentKey(page.number, mcid))) continue;
      findings.push({ page: page.number, message: `Marked content MCID ${mcid}${sequence.text.trim() ? ` "${snippet(sequence.text)}"` : ''} belongs to no structure element` });
    }
  }
  for (const element of structure.elements) {
    for (const kid of element.kids) {
      if (kid.kind === 'object' && structure.parentTree.get(kid.ref) !== element.ref) {
        findings.push({ page: kid.page, element: describe(element), message: `Unexpected /ParentTree entry for annotation ${kid.ref}: it does not lead back to its element` });
      }
      if (kid.kind !== 'mcid') continue;
      if (structure.parentTree.get(contentKey(kid.page, kid.mcid)) !== element.ref) {
        findings.push({ page: kid.page, element: describe(element), message: `Unexpected /ParentTree entry for MCID ${kid.mcid}: readers going from the content to its element do not find this one` });
      }
      if (kid.page === undefined || !pages[kid.page - 1]?.sequences.has(kid.mcid)) {
        findings.push({ page: kid.page, element: describe(element), message: `Unexpected reference to MCID ${kid.mcid}, which is not on ${kid.page ? `page ${kid.page}` : 'any page'}` });
      }
    }
  }
  return { number: '01', name: 'Real content tagged, everything else an artifact', passed: findings.length === 0, findings };
}

/** The first characters of a piece of text, on one line. */
export function snippet(text: string, length = 60): string {
  // A glyph without a character (the .notdef box) shows as a box.
  const line = text.replace(/[\u0000-\u0008\u000e-\u001f]/g, '□').replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length - 1)}…` : line;
}
