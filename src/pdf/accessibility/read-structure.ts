import { PDFArray, PDFDict, PDFName, PDFNumber, PDFRef, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import { STANDARD_TYPES } from '../add-role-map.js';
import { entriesOf, kidsOf, structTreeRoot, textOf, typeOf } from '../structure-tree.js';
import { contentKey, type StructKidNode, type StructNode, type StructureModel } from './types.js';

/** Reads the structure tree of a PDF into plain values: types and roles, alternate text, language, kids. */
export function readStructure(document: PDFDocument): StructureModel {
  const root = structTreeRoot(document);
  const model: StructureModel = { roots: undefined, elements: [], roleMap: new Map(), circularRoles: [], remappedStandard: [], contentOwner: new Map(), objectOwner: new Map(), parentTree: new Map() };
  if (!root) return model;
  model.parentTree = readParentTree(document, root);
  for (const [key, value] of root.lookupMaybe(PDFName.of('RoleMap'), PDFDict)?.entries() ?? []) {
    model.roleMap.set(key.asString().replace(/^\//, ''), String(value).replace(/^\//, ''));
  }
  for (const type of model.roleMap.keys()) if (STANDARD_TYPES.has(type)) model.remappedStandard.push(type);
  const roleOf = (type: string): string => {
    const seen = new Set<string>();
    let role = type;
    while (!STANDARD_TYPES.has(role) && model.roleMap.has(role)) {
      if (seen.has(role)) {
        if (!model.circularRoles.includes(type)) model.circularRoles.push(type);
        return type;
      }
      seen.add(role);
      role = model.roleMap.get(role)!;
    }
    return role;
  };
  const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]));
  const visited = new Set<string>();
  const read = (dict: PDFDict, ref: string, parent: StructNode | undefined): StructNode => {
    const type = typeOf(dict);
    const node: StructNode = {
      type,
      role: roleOf(type),
      ref,
      alt: textOf(dict.get(PDFName.of('Alt'))),
      actualText: textOf(dict.get(PDFName.of('ActualText'))),
      lang: textOf(dict.get(PDFName.of('Lang'))),
      scope: attribute(document, dict, 'Table', 'Scope'),
      kids: [],
      parent,
    };
    model.elements.push(node);
    for (const kid of kidsOf(document, dict)) {
      if (kid.kind === 'element') {
        if (visited.has(kid.ref.toString())) continue;
        visited.add(kid.ref.toString());
        node.kids.push({ kind: 'element', node: read(kid.dict, kid.ref.toString(), node) });
        continue;
      }
      const page = kid.page ? pageNumbers.get(kid.page.toString()) : undefined;
      const entry: StructKidNode = kid.kind === 'mcid' ? { kind: 'mcid', page, mcid: kid.mcid } : { kind: 'object', page, ref: kid.object.toString() };
      node.kids.push(entry);
      node.page ??= page;
      if (entry.kind === 'mcid') model.contentOwner.set(contentKey(page, entry.mcid), node);
      else model.objectOwner.set(entry.ref, node);
    }
    return node;
  };
  model.roots = kidsOf(document, root).flatMap((kid) => (kid.kind === 'element' ? [read(kid.dict, kid.ref.toString(), undefined)] : []));
  // An element without content of its own is on the page of its first descendant's content.
  for (const element of [...model.elements].reverse()) {
    element.page ??= element.kids.map((kid) => (kid.kind === 'element' ? kid.node.page : kid.page)).find((page) => page !== undefined);
  }
  return model;
}

/** The /ParentTree as (page, MCID) -> element and annotation -> element, through each page's /StructParents and each annotation's /StructParent. */
function readParentTree(document: PDFDocument, root: PDFDict): Map<string, string> {
  const entries = new Map<number, PDFObject>();
  const seen = new Set<PDFDict>();
  const collect = (node: PDFDict | undefined) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
    for (let index = 0; nums && index + 1 < nums.size(); index += 2) {
      const key = nums.get(index);
      if (key instanceof PDFNumber) entries.set(key.asNumber(), nums.get(index + 1));
    }
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) collect(document.context.lookup(kid) as PDFDict | undefined);
  };
  collect(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict));
  const tree = new Map<string, string>();
  document.getPages().forEach((page, index) => {
    const key = page.node.get(PDFName.of('StructParents'));
    const value = key instanceof PDFNumber ? document.context.lookup(entries.get(key.asNumber())) : undefined;
    if (value instanceof PDFArray) {
      value.asArray().forEach((element, mcid) => {
        if (element instanceof PDFRef) tree.set(contentKey(index + 1, mcid), element.toString());
      });
    }
    for (const annotation of page.node.Annots()?.asArray() ?? []) {
      const dict = document.context.lookup(annotation);
      const parent = dict instanceof PDFDict ? dict.get(PDFName.of('StructParent')) : undefined;
      const element = parent instanceof PDFNumber ? entries.get(parent.asNumber()) : undefined;
      if (element instanceof PDFRef) tree.set(annotation.toString(), element.toString());
    }
  });
  return tree;
}

/** An attribute of a structure element (/A as one dictionary or an array, with or without revision numbers). */
function attribute(document: PDFDocument, element: PDFDict, owner: string, key: string): string | undefined {
  for (const dict of entriesOf(document, element.get(PDFName.of('A')))) {
    if (!(dict instanceof PDFDict) || String(dict.get(PDFName.of('O'))) !== `/${owner}`) continue;
    const value = dict.get(PDFName.of(key));
    if (value) return String(value).replace(/^\//, '');
  }
  return undefined;
}

/** The text an element shows, from its marked content and its descendants'. */
export function textOfNode(node: StructNode, textAt: (page: number | undefined, mcid: number) => string): string {
  return node.kids
    .map((kid) => (kid.kind === 'mcid' ? textAt(kid.page, kid.mcid) : kid.kind === 'element' ? textOfNode(kid.node, textAt) : ''))
    .join('');
}

/** The language that applies to an element: its own /Lang or its nearest ancestor's. */
export function languageOf(node: StructNode | undefined): string | undefined {
  for (let current = node; current; current = current.parent) if (current.lang) return current.lang;
  return undefined;
}
