import { createHash } from 'node:crypto';
import { PDFDict, PDFName, type PDFDocument } from '@cantoo/pdf-lib';
import { pageContents } from '../content-streams.js';
import { kidsOf, structTreeRoot, textOf, typeOf } from '../structure-tree.js';

/** A summary of a PDF's tags: the structure tree, and the marked content each page really has. */
export interface StructureFingerprint {
  /** SHA-1 of `lines`. */
  digest: string;
  /** One line per element in reading order: depth, type, alternate text, language, kids. */
  lines: string[];
  /** MCIDs found in each page's content streams, by page reference (`12 0 R`). */
  pages: Map<string, string>;
  /** Pages (references) the tree points into. */
  referencedPages: Set<string>;
}

/**
 * Fingerprints the tags of a loaded PDF, so that a post-processing step can be shown to keep them: take one
 * before the step and one after, and `structureChanges` says what differs. Pages are named by object
 * reference, so removing a page that holds no tagged content (a padding page) changes nothing.
 */
export function structureFingerprint(document: PDFDocument): StructureFingerprint {
  const lines: string[] = [];
  const referencedPages = new Set<string>();
  const root = structTreeRoot(document);
  const roleMap = root?.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
  if (roleMap) lines.push(`RoleMap ${roleMap.entries().map(([key, value]) => `${key.asString()}=${String(value)}`).sort().join(' ')}`);
  const seen = new Set<string>();
  const visit = (dict: PDFDict, depth: number) => {
    const kids = kidsOf(document, dict).map((kid) => {
      if (kid.kind === 'element') return `e${kid.ref.objectNumber}`;
      if (kid.page) referencedPages.add(kid.page.toString());
      return kid.kind === 'mcid' ? `m${kid.page?.objectNumber}:${kid.mcid}` : `o${kid.object.objectNumber}`;
    });
    const alt = textOf(dict.get(PDFName.of('Alt')));
    const lang = textOf(dict.get(PDFName.of('Lang')));
    lines.push(`${depth} ${typeOf(dict) || 'StructTreeRoot'}${alt !== undefined ? ` alt=${hash(alt)}` : ''}${lang ? ` lang=${lang}` : ''} [${kids.join(' ')}]`);
    for (const kid of kidsOf(document, dict)) {
      if (kid.kind !== 'element' || seen.has(kid.ref.toString())) continue;
      seen.add(kid.ref.toString());
      visit(kid.dict, depth + 1);
    }
  };
  if (root) visit(root, 0);
  const pages = new Map<string, string>();
  for (const page of document.getPages()) {
    // An MCID is written only in a BDC's properties: finding them needs no full parse of the stream.
    const mcids = pageContents(document, page).flatMap((stream) => [...stream.text.matchAll(/\/MCID\s+(\d+)/g)].map((match) => match[1]));
    pages.set(page.ref.toString(), mcids.join(','));
  }
  return { digest: hash(lines.join('\n')), lines, pages, referencedPages };
}

/** What differs between two fingerprints of the same document, in one sentence; undefined when the tags were kept. */
export function structureChanges(before: StructureFingerprint, after: StructureFingerprint): string | undefined {
  if (before.digest !== after.digest) {
    const index = before.lines.findIndex((line, position) => line !== after.lines[position]);
    const at = index < 0 ? Math.min(before.lines.length, after.lines.length) : index;
    return `the structure tree changed (${before.lines.length} -> ${after.lines.length} elements; first difference: \`${before.lines[at] ?? '(none)'}\` became \`${after.lines[at] ?? '(none)'}\`)`;
  }
  for (const [page, mcids] of after.pages) {
    const earlier = before.pages.get(page);
    if (earlier !== undefined && earlier !== mcids) return `the marked content of page ${page} changed (MCIDs ${earlier || 'none'} -> ${mcids || 'none'})`;
  }
  const removed = [...after.referencedPages].filter((page) => !after.pages.has(page));
  if (removed.length > 0) return `the tags refer to ${removed.length === 1 ? 'a page' : 'pages'} no longer in the document (${removed.join(', ')})`;
  return undefined;
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}
