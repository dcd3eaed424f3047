import type { PDFDocumentProxy, PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { readEveryPage, type PageReader } from '../page-readings.js';
import { loadPdfjs } from '../pdfjs.js';

/** What a piece of page content draws. */
export type DrawKind = 'text' | 'path' | 'image' | 'shading';

/** A marked-content sequence with an MCID: what it draws and the text it shows. */
export interface MarkedSequence {
  tag: string;
  text: string;
  draws: Set<DrawKind>;
}

/** A glyph a reader cannot turn into text, or the .notdef glyph (a box where a character is missing). */
export interface GlyphProblem {
  font: string;
  problem: 'notdef' | 'unmapped';
  /** The marked-content sequence it is in, whose text says where it is. */
  mcid?: number;
  /** The text drawn just before it, for glyphs outside marked content. */
  near: string;
}

/** The content of one page as assistive technology sees it: tagged sequences, artifacts and what is neither. */
export interface PageContent {
  /** 1-based. */
  number: number;
  sequences: Map<number, MarkedSequence>;
  /** Drawing outside any marked content: neither tagged nor an artifact. */
  untagged: Array<{ draws: DrawKind; text: string }>;
  /** Artifacts that begin inside a tagged sequence (MCID). */
  artifactInTagged: number[];
  /** Tagged sequences (MCIDs) that begin inside an artifact. */
  taggedInArtifact: number[];
  glyphs: GlyphProblem[];
}

/** Reads every page's operators: what is drawn inside which marked content, and the glyphs of its text. */
export function readContent(pdf: PDFDocumentProxy): Promise<PageContent[]> {
  return readEveryPage(pdf, PAGE_CONTENT);
}

/** The content of each page, kept by the page's content (see page-readings.ts). */
export const PAGE_CONTENT: PageReader<PageContent> = {
  name: 'page content',
  read: readPageContent,
  toJson: (content) => ({ ...content, sequences: [...content.sequences].map(([mcid, sequence]) => [mcid, { ...sequence, draws: [...sequence.draws] }]) }),
  fromJson: (json, number) => {
    const stored = json as Omit<PageContent, 'sequences'> & { sequences: Array<[number, Omit<MarkedSequence, 'draws'> & { draws: DrawKind[] }]> };
    return { ...stored, number, sequences: new Map(stored.sequences.map(([mcid, sequence]) => [mcid, { ...sequence, draws: new Set(sequence.draws) }])) };
  },
};

let kinds: Map<number, DrawKind> | undefined;

/** What each drawing operator of pdf.js draws (made once). */
function drawKinds(OPS: Awaited<ReturnType<typeof loadPdfjs>>['OPS']): Map<number, DrawKind> {
  if (kinds) return kinds;
  const draws = new Map<number, DrawKind>();
  for (const op of [OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText]) draws.set(op, 'text');
  for (const op of [OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]) draws.set(op, 'path');
  for (const op of [OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject, OPS.paintImageMaskXObjectGroup, OPS.paintInlineImageXObjectGroup, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObjectRepeat, OPS.paintSolidColorImageMask]) draws.set(op, 'image');
  draws.set(OPS.shadingFill, 'shading');
  kinds = draws;
  return draws;
}

/** The operators of one page: what is drawn inside which marked content, and the glyphs of its text. */
async function readPageContent(page: PDFPageProxy, number: number): Promise<PageContent> {
  const { OPS, AnnotationMode } = await loadPdfjs();
  const draws = drawKinds(OPS);
  // Annotations' appearances are not page content; leave them out.
  const list = await page.getOperatorList({ annotationMode: AnnotationMode.DISABLE });
  const content: PageContent = { number, sequences: new Map(), untagged: [], artifactInTagged: [], taggedInArtifact: [], glyphs: [] };
  // The open marked content, innermost last, with the innermost MCID and whether an artifact is open kept
  // alongside: they are asked for at every glyph run.
  const frames: Array<{ tag: string; mcid: number | undefined; sequence: number | undefined; artifact: boolean }> = [];
  let font = '';
  let lineY: number | undefined;
  let recent = '';
  let previousUntagged = false;
  for (let index = 0; index < list.fnArray.length; index++) {
    const op = list.fnArray[index]!;
    const args = list.argsArray[index] as unknown[] | null;
    if (op === OPS.beginMarkedContent || op === OPS.beginMarkedContentProps) {
      // BDC's tag comes as a string, BMC's as pdf.js's Name object.
      const raw = args?.[0] as string | { name?: string } | undefined;
      const tag = typeof raw === 'string' ? raw : String(raw?.name ?? '');
      const mcid = op === OPS.beginMarkedContentProps && typeof args?.[1] === 'number' ? args[1] : undefined;
      const outer = frames.at(-1);
      if (tag === 'Artifact' && outer?.sequence !== undefined) content.artifactInTagged.push(outer.sequence);
      if (mcid !== undefined && outer?.artifact) content.taggedInArtifact.push(mcid);
      if (mcid !== undefined && !content.sequences.has(mcid)) content.sequences.set(mcid, { tag, text: '', draws: new Set() });
      frames.push({ tag, mcid, sequence: mcid ?? outer?.sequence, artifact: tag === 'Artifact' || outer?.artifact === true });
      continue;
    }
    if (op === OPS.endMarkedContent) {
      frames.pop();
      continue;
    }
    if (op === OPS.setFont) {
      const loaded = String(args?.[0] ?? '');
      font = page.commonObjs.has(loaded) ? String((page.commonObjs.get(loaded) as { name?: string }).name ?? loaded) : loaded;
      continue;
    }
    let text = '';
    if (op === OPS.setTextMatrix) {
      const y = Number((args?.[0] as ArrayLike<number> | undefined)?.[5]);
      if (lineY !== undefined && y !== lineY) text = ' ';
      lineY = y;
    }
    const kind = draws.get(op === OPS.constructPath ? Number(args?.[0]) : op);
    if (kind === 'text') {
      const mcid = frames.at(-1)?.sequence;
      text = glyphText(args?.[0], (_glyph, problem) => content.glyphs.push({ font: font.replace(/^[A-Z]{6}\+/, ''), problem, mcid, near: recent.slice(-30) }));
      recent = (recent + text).slice(-60);
    }
    if (!kind && !text) continue;
    const sequence = frames.at(-1)?.sequence;
    const artifact = frames.at(-1)?.artifact === true;
    const untagged = sequence === undefined && !artifact;
    if (sequence !== undefined && !artifact) {
      const marked = content.sequences.get(sequence)!;
      marked.text += text;
      if (kind) marked.draws.add(kind);
    } else if (untagged) {
      // One finding per stretch of untagged drawing of one kind, not per glyph; a new line is a space.
      const last = content.untagged.at(-1);
      if (last && (last.draws === kind || !kind) && previousUntagged) last.text += text;
      else if (kind) content.untagged.push({ draws: kind, text });
    }
    if (kind) previousUntagged = untagged;
  }
  return content;
}

/** The text of a showText's glyphs; reports .notdef (code 0 of a composite font) and glyphs without Unicode. */
function glyphText(glyphs: unknown, report: (glyph: unknown, problem: GlyphProblem['problem']) => void): string {
  let text = '';
  for (const glyph of Array.isArray(glyphs) ? glyphs : []) {
    if (typeof glyph === 'number' || !glyph) continue; // spacing adjustments of TJ
    const { unicode, originalCharCode, isSpace } = glyph as { unicode?: string; originalCharCode?: number; isSpace?: boolean };
    if (originalCharCode === 0 && (!unicode || unicode === '\u0000')) report(glyph, 'notdef');
    else if (!unicode && !isSpace) report(glyph, 'unmapped');
    text += unicode ?? '';
  }
  return text;
}
