import { PDFDict, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { mcidOf, parseOperations, tagOf, type Operation } from './content-operations.js';
import { pageContents, replaceStream, type ContentStream } from './content-streams.js';
import { kidsOf, rebuildParentTree, setKids, structTreeRoot, typeOf, walkElements, type StructKid } from './structure-tree.js';

const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);
const PATH_BUILD = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're', 'W', 'W*']);
const PATH_PAINT = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*']);
const OTHER_PAINT = new Set(['Do', 'sh', 'BI']);
/** Operators an artifact wrapped around painting is closed before: marked content must nest with them. */
const BARRIERS = new Set(['q', 'Q', 'BT', 'ET', 'BMC', 'BDC', 'EMC']);
/** Structure types whose content is kept even when it is only drawn lines and areas: it is the picture. */
const KEEP_GRAPHICS = new Set(['Figure', 'Formula', 'Form']);
/** Table cells stay even when their only content (a background) becomes an artifact: the table needs them. */
const KEEP_EMPTY = new Set(['Table', 'THead', 'TBody', 'TFoot', 'TR', 'TH', 'TD']);

/** What `markArtifacts` changed. */
export interface MarkArtifactsResult {
  /** Pieces of drawing outside any marked content that were wrapped as /Artifact (running heads, page numbers, crop marks, aria-hidden and CSS-generated content). */
  wrapped: number;
  /** Tagged sequences that drew only lines and areas (backgrounds, borders, bullets) and became artifacts. */
  decorations: number;
}

/**
 * Makes every piece of page content either tagged or an artifact (Matterhorn 01). Chromium leaves untagged
 * (not even as artifact) what has no node in the accessibility tree: page margin boxes (running heads, page
 * numbers), CSS-generated content, and anything aria-hidden (decorative icons, the draft band); pdf-lib's crop
 * marks are untagged too. Those are wrapped in `/Artifact BMC … EMC`. Chromium also tags an element's
 * background and borders as its content: a tagged sequence that draws no text and no image, outside a
 * Figure, becomes an artifact and leaves the structure tree. Does nothing to a PDF without a structure tree:
 * there, nothing is tagged, and wrapping everything as artifact would hide that.
 */
export function markArtifacts(document: PDFDocument): MarkArtifactsResult {
  const result: MarkArtifactsResult = { wrapped: 0, decorations: 0 };
  if (!structTreeRoot(document)) return result;
  const keep = keptMarkedContent(document);
  const rewritten = new Set<string>();
  const converted = new Set<string>();
  for (const page of document.getPages()) {
    for (const stream of pageContents(document, page)) {
      // A stream shared by several pages (pdf-lib's `q` and `Q`) is rewritten once.
      if (rewritten.has(stream.ref.toString())) continue;
      const edits = planEdits(stream, (mcid) => keep.has(`${page.ref.toString()}|${mcid}`));
      if (edits.edits.length === 0) continue;
      rewritten.add(stream.ref.toString());
      replaceStream(document, stream, applyEdits(stream.text, edits.edits));
      result.wrapped += edits.wrapped;
      result.decorations += edits.decorations.length;
      for (const mcid of edits.decorations) converted.add(`${page.ref.toString()}|${mcid}`);
    }
  }
  if (converted.size > 0) {
    removeMarkedContent(document, converted);
    rebuildParentTree(document);
  }
  return result;
}

/** Page and MCID (`pageRef|mcid`) of the content of Figures, Formulas and Forms, whose drawing is the content. */
function keptMarkedContent(document: PDFDocument): Set<string> {
  const keep = new Set<string>();
  walkElements(document, ({ dict }, ancestors) => {
    if (![...ancestors, typeOf(dict)].some((type) => KEEP_GRAPHICS.has(type))) return;
    for (const kid of kidsOf(document, dict)) if (kid.kind === 'mcid' && kid.page) keep.add(`${kid.page.toString()}|${kid.mcid}`);
  });
  return keep;
}

interface Edit {
  at: number;
  /** Characters replaced from `at` (0 for an insertion). */
  length: number;
  text: string;
}

/** The edits for one stream: wrap untagged painting, turn decoration-only tagged sequences into artifacts. */
function planEdits(stream: ContentStream, kept: (mcid: number) => boolean): { edits: Edit[]; wrapped: number; decorations: number[] } {
  const operations = parseOperations(stream.text);
  const edits: Edit[] = [];
  const decorations = decorationSequences(operations, kept);
  for (const { open } of decorations) edits.push({ at: open.start, length: open.end - open.start, text: '\n/Artifact BMC' });

  let wrapped = 0;
  // Open marked content, innermost last: true for what tags or excludes content (an MCID, an artifact), false
  // for the rest (a span with /ActualText), inside which loose content still has to be wrapped.
  const open: boolean[] = [];
  let pathStart: number | undefined;
  let artifact: { from: number; to: number } | undefined;
  const close = () => {
    if (!artifact) return;
    edits.push({ at: artifact.from, length: 0, text: '/Artifact BMC\n' }, { at: artifact.to, length: 0, text: '\nEMC' });
    wrapped++;
    artifact = undefined;
  };
  const atom = (from: number, to: number) => {
    if (artifact) artifact.to = to;
    else artifact = { from, to };
  };
  for (let index = 0; index < operations.length; index++) {
    const operation = operations[index]!;
    const { operator } = operation;
    if (BARRIERS.has(operator)) close();
    if (operator === 'BMC' || operator === 'BDC') open.push(open.at(-1) === true || tagOf(operation) === 'Artifact' || mcidOf(operation) !== undefined);
    else if (operator === 'EMC') open.pop();
    if (open.at(-1) === true || BARRIERS.has(operator) && operator !== 'BT') {
      pathStart = undefined;
      continue;
    }
    if (operator === 'BT') {
      // A text object with no marked content inside is wrapped whole; otherwise its loose pieces one by one.
      let end = index + 1;
      while (end < operations.length && operations[end]!.operator !== 'ET') end++;
      if (end === operations.length) end = -1;
      const inside = operations.slice(index + 1, end < 0 ? undefined : end);
      if (end > 0 && inside.some((candidate) => TEXT_SHOW.has(candidate.operator)) && !inside.some((candidate) => BARRIERS.has(candidate.operator))) {
        atom(operation.begin, operations[end]!.end);
        close();
        index = end;
      }
      continue;
    }
    if (PATH_BUILD.has(operator)) {
      pathStart ??= operation.begin;
    } else if (PATH_PAINT.has(operator)) {
      atom(pathStart ?? operation.begin, operation.end);
      pathStart = undefined;
    } else if (TEXT_SHOW.has(operator) || OTHER_PAINT.has(operator)) {
      atom(operation.begin, operation.end);
    } else if (operator === 'n') {
      pathStart = undefined;
    }
  }
  close();
  return { edits, wrapped, decorations: decorations.map(({ mcid }) => mcid) };
}

/** Tagged sequences (BDC with an MCID) that draw neither text nor images, unless their element keeps graphics. */
function decorationSequences(operations: Operation[], kept: (mcid: number) => boolean): Array<{ mcid: number; open: Operation }> {
  const found: Array<{ mcid: number; open: Operation }> = [];
  let current: { mcid: number; open: Operation; depth: number; drawsContent: boolean } | undefined;
  let depth = 0;
  for (const operation of operations) {
    const { operator } = operation;
    if (operator === 'BDC' || operator === 'BMC') {
      depth++;
      const mcid = operator === 'BDC' ? mcidOf(operation) : undefined;
      if (!current && mcid !== undefined && tagOf(operation) !== 'Artifact') current = { mcid, open: operation, depth, drawsContent: false };
    } else if (operator === 'EMC') {
      if (current && depth === current.depth) {
        if (!current.drawsContent && !kept(current.mcid)) found.push({ mcid: current.mcid, open: current.open });
        current = undefined;
      }
      depth = Math.max(0, depth - 1);
    } else if (current && (TEXT_SHOW.has(operator) || OTHER_PAINT.has(operator))) {
      current.drawsContent = true;
    }
  }
  return found;
}

/**
 * The text with the edits made, in one pass: pieces of the text between edits joined with the edits' texts.
 * Edits at the same place go in the order they were planned, an insertion before a replacement there.
 */
function applyEdits(text: string, edits: Edit[]): string {
  const pieces: string[] = [];
  let from = 0;
  for (const edit of [...edits].sort((a, b) => a.at - b.at || a.length - b.length)) {
    pieces.push(text.slice(from, edit.at), edit.text);
    from = Math.max(from, edit.at + edit.length);
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}

/** Takes the converted sequences out of their elements; elements left with nothing go too (table parts stay). */
function removeMarkedContent(document: PDFDocument, converted: Set<string>): void {
  const root = structTreeRoot(document)!;
  const prune = (dict: PDFDict, ref: PDFRef | undefined): boolean => {
    const before = kidsOf(document, dict);
    const kids = before.filter((kid): boolean => {
      if (kid.kind === 'mcid') return !(kid.page && converted.has(`${kid.page.toString()}|${kid.mcid}`));
      if (kid.kind !== 'element') return true;
      if (prune(kid.dict, kid.ref) || KEEP_EMPTY.has(typeOf(kid.dict))) return true;
      document.context.delete(kid.ref);
      return false;
    });
    if (kids.length !== before.length || kids.some((kid, index) => kid !== before[index])) setKids(document, dict, ref, kids as StructKid[]);
    return kids.length > 0 || before.length === 0;
  };
  prune(root, undefined);
}
