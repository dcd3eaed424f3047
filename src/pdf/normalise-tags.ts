import { PDFName, type PDFDict, type PDFDocument, type PDFRef } from '@cantoo/pdf-lib';
import { createElement, kidsOf, rebuildParentTree, setKids, structTreeRoot, typeOf, type StructKid } from './structure-tree.js';

/** Structure types that only group other elements: loose text in them is wrapped in a paragraph. */
const GROUPING = new Set(['Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote']);
/** Inline types: a NonStruct holding only content and these becomes a Span. */
const INLINE = new Set(['Span', 'Link', 'Em', 'Strong', 'Quote', 'Code', 'Reference', 'Note']);
/** Entries that give an element a meaning of its own: such a NonStruct is kept (as Span or Div), not dissolved. */
const OWN_MEANING = ['Lang', 'Alt', 'ActualText', 'E', 'A', 'ID', 'T'];

/** What `normaliseTags` changed, by kind. */
export interface NormaliseTagsResult {
  /** Chromium's NonStruct around each run of text, dissolved into their parents. */
  textWrappers: number;
  /** List items given an LBody around what follows their Lbl. */
  listBodies: number;
  /** Figures without alternate text that only group a figure and its caption, made Div. */
  figureGroups: number;
  /** Figures inside a Figure with alternate text (a logo's own SVG title inside the labelled logo), dissolved. */
  innerFigures: number;
  /** Other NonStruct containers, made Sect (starting with a heading), Div or Span. */
  containers: number;
  /** Runs of loose text in grouping elements wrapped in P. */
  paragraphs: number;
}

/**
 * Brings Chromium's structure tree to the nesting PDF/UA readers expect (Matterhorn 09), keeping every piece
 * of content and its order:
 * - the NonStruct Chromium puts around every run of text (its accessibility tree's text nodes) is dissolved
 *   into the parent element, so that P, H1 or Link hold their text themselves;
 * - a list item's content after its Lbl goes into an LBody (Chromium writes LI > Lbl + text);
 * - a Figure without alternate text that holds other elements (HTML's `<figure>` around an image with alt
 *   text and a `<figcaption>`) becomes a Div, so that the caption is read, not hidden behind a Figure; a
 *   Figure inside a Figure with alternate text (an SVG's own title inside a labelled logo) is dissolved;
 * - NonStruct that groups elements (HTML's `<section>`, `<aside>`, `<main>`) becomes Sect when it starts with
 *   a heading, Div otherwise, or Span around inline content (a passage with its own /Lang); one that only
 *   wraps a single element without anything of its own is dissolved;
 * - loose text directly in a grouping element is wrapped in a P.
 */
export function normaliseTags(document: PDFDocument): NormaliseTagsResult {
  const result: NormaliseTagsResult = { textWrappers: 0, listBodies: 0, figureGroups: 0, innerFigures: 0, containers: 0, paragraphs: 0 };
  const root = structTreeRoot(document);
  if (!root) return result;
  const visit = (dict: PDFDict, ref: PDFRef | undefined) => {
    for (const kid of kidsOf(document, dict)) if (kid.kind === 'element') visit(kid.dict, kid.ref);
    const before = kidsOf(document, dict);
    let kids = before.flatMap((kid) => dissolve(document, kid, result));
    const type = typeOf(dict);
    if (ref && type === 'LI') kids = listItem(document, ref, kids, result);
    if (type === 'Figure' && hasAlternative(dict)) kids = kids.flatMap((kid) => innerFigure(document, kid, result));
    if (ref && type === 'Figure' && !hasAlternative(dict) && kids.some((kid) => kid.kind === 'element')) {
      dict.set(PDFName.of('S'), PDFName.of('Div'));
      result.figureGroups++;
    }
    // A NonStruct its parent will dissolve stays as it is; one that stays gets a type that says what it is.
    if (ref && type === 'NonStruct' && !dissolvable(dict, kids)) {
      dict.set(PDFName.of('S'), PDFName.of(containerType(kids)));
      result.containers++;
    }
    if (ref && GROUPING.has(typeOf(dict))) kids = wrapLooseText(document, ref, kids, result);
    if (kids.length !== before.length || kids.some((kid, index) => kid !== before[index])) setKids(document, dict, ref, kids);
  };
  visit(root, undefined);
  rebuildParentTree(document);
  return result;
}

/** A kid as it stays in its parent: a NonStruct with nothing of its own is replaced by its kids. */
function dissolve(document: PDFDocument, kid: StructKid, result: NormaliseTagsResult): StructKid[] {
  if (kid.kind !== 'element' || typeOf(kid.dict) !== 'NonStruct') return [kid];
  const inner = kidsOf(document, kid.dict);
  if (!dissolvable(kid.dict, inner)) return [kid];
  if (inner.every((entry) => entry.kind !== 'element')) result.textWrappers++;
  // Nothing refers to it any more: left in the file, it would still be found by tools that list objects.
  document.context.delete(kid.ref);
  return inner;
}

/** A NonStruct with nothing of its own: only content (a text run), or a single element. */
function dissolvable(dict: PDFDict, kids: StructKid[]): boolean {
  if (OWN_MEANING.some((key) => dict.has(PDFName.of(key)))) return false;
  return kids.every((kid) => kid.kind !== 'element') || (kids.length === 1 && kids[0]!.kind === 'element');
}

/** A Figure inside a Figure with alternate text is never read (the outer text replaces it): its content moves up. */
function innerFigure(document: PDFDocument, kid: StructKid, result: NormaliseTagsResult): StructKid[] {
  if (kid.kind !== 'element' || typeOf(kid.dict) !== 'Figure') return [kid];
  result.innerFigures++;
  const kids = kidsOf(document, kid.dict);
  document.context.delete(kid.ref);
  return kids;
}

function hasAlternative(dict: PDFDict): boolean {
  return ['Alt', 'ActualText'].some((key) => dict.has(PDFName.of(key)));
}

/** Sect for a container that starts with a heading, Span for one around inline content, Div otherwise. */
function containerType(kids: StructKid[]): string {
  const elements = kids.filter((kid): kid is Extract<StructKid, { kind: 'element' }> => kid.kind === 'element').map((kid) => typeOf(kid.dict));
  if (/^H\d?$/.test(elements[0] ?? '')) return 'Sect';
  if (elements.every((type) => INLINE.has(type))) return 'Span';
  return 'Div';
}

/** LI > Lbl + LBody: everything after the leading labels goes into one LBody (an existing one is kept). */
function listItem(document: PDFDocument, ref: PDFRef, kids: StructKid[], result: NormaliseTagsResult): StructKid[] {
  const labels = kids.findIndex((kid) => !(kid.kind === 'element' && typeOf(kid.dict) === 'Lbl'));
  if (labels < 0) return kids;
  const rest = kids.slice(labels);
  if (rest.length === 1 && rest[0]!.kind === 'element' && typeOf(rest[0]!.dict) === 'LBody') return kids;
  const body = createElement(document, 'LBody', ref);
  setKids(document, body.dict, body.ref, rest);
  result.listBodies++;
  return [...kids.slice(0, labels), { kind: 'element', ...body }];
}

/** Loose text content in a grouping element, run by run, wrapped in P. */
function wrapLooseText(document: PDFDocument, ref: PDFRef, kids: StructKid[], result: NormaliseTagsResult): StructKid[] {
  if (kids.every((kid) => kid.kind === 'element')) return kids;
  const wrapped: StructKid[] = [];
  let run: StructKid[] = [];
  const flush = () => {
    if (run.length === 0) return;
    const paragraph = createElement(document, 'P', ref);
    setKids(document, paragraph.dict, paragraph.ref, run);
    wrapped.push({ kind: 'element', ...paragraph });
    result.paragraphs++;
    run = [];
  };
  for (const kid of kids) {
    const inline = kid.kind !== 'element' || INLINE.has(typeOf(kid.dict));
    if (inline) run.push(kid);
    else {
      flush();
      wrapped.push(kid);
    }
  }
  flush();
  return wrapped;
}
