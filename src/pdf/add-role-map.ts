import { PDFDict, PDFName, type PDFDocument } from '@cantoo/pdf-lib';
import { structTreeRoot, typeOf, walkElements } from './structure-tree.js';

/** The standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4), the ones PDF/UA-1 readers know. */
export const STANDARD_TYPES = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'P', 'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/** PDF 2.0 types Chromium writes, and the PDF 1.7 type each means to a PDF/UA-1 reader. */
export const PDF2_ROLES: Readonly<Record<string, string>> = {
  Strong: 'Span',
  Em: 'Span',
  Aside: 'Div',
  Title: 'P',
  Sub: 'Span',
  FENote: 'Note',
  DocumentFragment: 'Div',
};

/**
 * Adds a /RoleMap entry for each structure type used that PDF 1.7 does not define and that has a PDF 1.7
 * meaning (Strong and Em to Span, Aside to Div, …), as PDF/UA-1 requires (Matterhorn 02-001). Standard types
 * are never remapped (02-003); the tags themselves keep their names. Returns the types mapped.
 */
export function addRoleMap(document: PDFDocument): string[] {
  const root = structTreeRoot(document);
  if (!root) return [];
  const used = new Set<string>();
  walkElements(document, ({ dict }) => used.add(typeOf(dict)));
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? document.context.obj({});
  const mapped: string[] = [];
  for (const type of [...used].sort()) {
    const role = PDF2_ROLES[type];
    if (STANDARD_TYPES.has(type) || !role || roleMap.has(PDFName.of(type))) continue;
    roleMap.set(PDFName.of(type), PDFName.of(role));
    mapped.push(type);
  }
  if (roleMap.keys().length > 0) root.set(PDFName.of('RoleMap'), roleMap);
  return mapped;
}
