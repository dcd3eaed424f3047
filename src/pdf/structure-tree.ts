import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFRef, PDFString, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';

/** One entry of a structure element's /K: a child element, a marked-content sequence, or an annotation. */
export type StructKid =
  | { kind: 'element'; ref: PDFRef; dict: PDFDict }
  | { kind: 'mcid'; mcid: number; page: PDFRef | undefined }
  | { kind: 'object'; object: PDFRef; page: PDFRef | undefined };

const name = (key: string) => PDFName.of(key);

/** The catalog's /StructTreeRoot, or undefined when the PDF is not tagged. */
export function structTreeRoot(document: PDFDocument): PDFDict | undefined {
  return document.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
}

/** The structure type as written (/S), without the slash: `P`, `H1`, `NonStruct`. */
export function typeOf(element: PDFDict): string {
  return String(element.get(name('S')) ?? '').replace(/^\//, '');
}

/** The text of a PDF string object (literal or hex, PDFDocEncoding or UTF-16), or undefined. */
export function textOf(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/**
 * The entries of a value that is one object or an array of them (/A, /K of a name tree's /Kids), each reference
 * resolved; none for undefined.
 */
export function entriesOf(document: PDFDocument, value: PDFObject | undefined): PDFObject[] {
  const resolved = value === undefined ? undefined : document.context.lookup(value);
  if (resolved === undefined) return [];
  return resolved instanceof PDFArray ? resolved.asArray().map((entry) => document.context.lookup(entry) ?? entry) : [resolved];
}

/** A page reference of /Pg, when there is one. */
function pageOf(dict: PDFDict): PDFRef | undefined {
  const page = dict.get(name('Pg'));
  return page instanceof PDFRef ? page : undefined;
}

/**
 * The kids of a structure element (or of the StructTreeRoot) in order. Integer MCIDs take the element's /Pg;
 * marked-content and object references (MCR, OBJR) their own /Pg, or the element's.
 */
export function kidsOf(document: PDFDocument, element: PDFDict): StructKid[] {
  const raw = element.get(name('K'));
  const entries = raw instanceof PDFArray ? raw.asArray() : raw === undefined ? [] : [raw];
  const page = pageOf(element);
  const kids: StructKid[] = [];
  for (const entry of entries) {
    if (entry instanceof PDFNumber) {
      kids.push({ kind: 'mcid', mcid: entry.asNumber(), page });
      continue;
    }
    const dict = entry instanceof PDFRef ? document.context.lookup(entry) : entry;
    if (!(dict instanceof PDFDict)) continue;
    const type = String(dict.get(name('Type')) ?? '');
    const mcid = dict.get(name('MCID'));
    const object = dict.get(name('Obj'));
    if (type === '/MCR' || mcid instanceof PDFNumber) {
      // Marked content in a form XObject (/Stm) is not page content: it is left where it is.
      if (mcid instanceof PDFNumber && !dict.has(name('Stm'))) kids.push({ kind: 'mcid', mcid: mcid.asNumber(), page: pageOf(dict) ?? page });
    } else if (type === '/OBJR' || object instanceof PDFRef) {
      if (object instanceof PDFRef) kids.push({ kind: 'object', object, page: pageOf(dict) ?? page });
    } else if (entry instanceof PDFRef) {
      kids.push({ kind: 'element', ref: entry, dict });
    }
  }
  return kids;
}

/**
 * Writes `kids` as the element's /K and makes each child element point back to it (/P). An MCID on the
 * element's own page is written as a number, one on another page as a marked-content reference.
 */
export function setKids(document: PDFDocument, element: PDFDict, elementRef: PDFRef | undefined, kids: StructKid[]): void {
  let page = pageOf(element);
  if (!page) {
    page = kids.find((kid): kid is Exclude<StructKid, { kind: 'element' }> => kid.kind !== 'element' && kid.page !== undefined)?.page;
    if (page) element.set(name('Pg'), page);
  }
  const entries = kids.map((kid): PDFObject => {
    if (kid.kind === 'element') {
      if (elementRef) kid.dict.set(name('P'), elementRef);
      return kid.ref;
    }
    if (kid.kind === 'mcid') {
      if (kid.page === undefined || kid.page === page || kid.page.toString() === page?.toString()) return PDFNumber.of(kid.mcid);
      return document.context.obj({ Type: 'MCR', Pg: kid.page, MCID: kid.mcid });
    }
    return document.context.obj({ Type: 'OBJR', Obj: kid.object, ...(kid.page ? { Pg: kid.page } : {}) });
  });
  if (entries.length === 0) element.delete(name('K'));
  else element.set(name('K'), entries.length === 1 && !(entries[0] instanceof PDFRef) ? entries[0]! : document.context.obj(entries));
}

/** Makes a new structure element of `type` under `parent`, registered as an indirect object. */
export function createElement(document: PDFDocument, type: string, parent: PDFRef): { ref: PDFRef; dict: PDFDict } {
  const dict = document.context.obj({ Type: 'StructElem', S: type, P: parent });
  return { ref: document.context.register(dict), dict };
}

/** Calls `visit` for every structure element, parents before children, with the chain of its ancestors' types. */
export function walkElements(document: PDFDocument, visit: (element: { ref: PDFRef; dict: PDFDict }, ancestors: string[]) => void): void {
  const root = structTreeRoot(document);
  if (!root) return;
  const seen = new Set<string>();
  const descend = (dict: PDFDict, ancestors: string[]) => {
    for (const kid of kidsOf(document, dict)) {
      if (kid.kind !== 'element' || seen.has(kid.ref.toString())) continue;
      seen.add(kid.ref.toString());
      visit(kid, ancestors);
      descend(kid.dict, [...ancestors, typeOf(kid.dict)]);
    }
  };
  descend(root, []);
}

/**
 * Writes the StructTreeRoot's /ParentTree anew from the tree itself: for each page (its /StructParents) the
 * element of every MCID, and for each annotation (its /StructParent) the element that holds it. Steps that
 * move content between elements call this last, so that readers find the right element for each piece.
 */
export function rebuildParentTree(document: PDFDocument): void {
  const root = structTreeRoot(document);
  if (!root) return;
  const byPage = new Map<string, Map<number, PDFRef>>();
  const byObject = new Map<string, PDFRef>();
  walkElements(document, ({ ref, dict }) => {
    for (const kid of kidsOf(document, dict)) {
      if (kid.kind === 'mcid' && kid.page) {
        const key = kid.page.toString();
        if (!byPage.has(key)) byPage.set(key, new Map());
        byPage.get(key)!.set(kid.mcid, ref);
      } else if (kid.kind === 'object') {
        byObject.set(kid.object.toString(), ref);
      }
    }
  });
  // Keys already in use (pages and annotations keep theirs); a page that gains content gets a new one.
  const keyOf = (dict: PDFObject | undefined) => {
    const value = dict instanceof PDFDict ? dict.get(name('StructParents')) ?? dict.get(name('StructParent')) : undefined;
    return value instanceof PDFNumber ? value.asNumber() : undefined;
  };
  const pages = document.getPages();
  const annotations = pages.flatMap((page) => page.node.Annots()?.asArray() ?? []).filter((ref): ref is PDFRef => ref instanceof PDFRef);
  const declared = root.get(name('ParentTreeNextKey'));
  let next = Math.max(declared instanceof PDFNumber ? declared.asNumber() : 0, ...[...pages.map((page) => page.node), ...annotations.map((ref) => document.context.lookup(ref))].map((dict) => (keyOf(dict) ?? -1) + 1));
  const entries: Array<[number, PDFObject]> = [];
  for (const page of pages) {
    const mcids = byPage.get(page.ref.toString());
    let key = keyOf(page.node);
    if (key === undefined && mcids) {
      key = next++;
      page.node.set(name('StructParents'), PDFNumber.of(key));
    }
    if (key === undefined) continue;
    const size = mcids ? Math.max(...mcids.keys()) + 1 : 0;
    const array = Array.from({ length: size }, (_, mcid): PDFObject => mcids?.get(mcid) ?? PDFNull);
    entries.push([key, document.context.register(document.context.obj(array))]);
  }
  for (const annotation of annotations) {
    const key = keyOf(document.context.lookup(annotation));
    const owner = byObject.get(annotation.toString());
    if (key !== undefined && owner) entries.push([key, owner]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  deleteNumberTree(document, root.get(name('ParentTree')));
  const nums = entries.flatMap(([key, value]) => [PDFNumber.of(key), value]);
  root.set(name('ParentTree'), document.context.register(document.context.obj({ Nums: nums })));
  root.set(name('ParentTreeNextKey'), PDFNumber.of(next));
}

/** Deletes a number tree's nodes and the arrays its values point to (the old /ParentTree, replaced). */
function deleteNumberTree(document: PDFDocument, node: PDFObject | undefined): void {
  if (!(node instanceof PDFRef)) return;
  const dict = document.context.lookup(node);
  document.context.delete(node);
  if (!(dict instanceof PDFDict)) return;
  const nums = dict.lookupMaybe(name('Nums'), PDFArray)?.asArray() ?? [];
  for (let index = 1; index < nums.length; index += 2) {
    const value = nums[index];
    // Page entries are arrays of elements; annotation entries are the elements themselves, which stay.
    if (value instanceof PDFRef && document.context.lookup(value) instanceof PDFArray) document.context.delete(value);
  }
  for (const kid of dict.lookupMaybe(name('Kids'), PDFArray)?.asArray() ?? []) deleteNumberTree(document, kid);
}
