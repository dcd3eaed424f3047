import { PDFDict, PDFName, PDFRef } from '@cantoo/pdf-lib';
import { fontsUsed } from '../../fonts-used.js';
import { textOf } from '../../structure-tree.js';
import { describe, type CheckInput, type CheckpointResult, type Finding } from '../types.js';
import { snippet } from './content.js';

/**
 * 28 Annotations: a link annotation sits in a Link element (28-011) and has /Contents (28-012); a widget in a
 * Form (28-010); any other annotation in an Annot element with /Contents or /Alt (28-002, 28-004); a page
 * with annotations has tab order /S (28-008, 28-009).
 */
export function annotations({ document, structure }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  document.getPages().forEach((page, index) => {
    const refs = page.node.Annots()?.asArray() ?? [];
    if (refs.length === 0) return;
    const tabs = String(page.node.get(PDFName.of('Tabs')) ?? '');
    if (tabs !== '/S') findings.push({ page: index + 1, message: `${tabs ? `Unexpected /Tabs ${tabs}` : 'Missing /Tabs'} on a page with annotations, expected /S (structure order)` });
    for (const ref of refs) {
      const annotation = document.context.lookup(ref);
      if (!(annotation instanceof PDFDict)) continue;
      const subtype = String(annotation.get(PDFName.of('Subtype')) ?? '').replace(/^\//, '');
      if (subtype === 'Popup' || subtype === 'PrinterMark') continue;
      const owner = ref instanceof PDFRef ? structure.objectOwner.get(ref.toString()) : undefined;
      const name = `${subtype} annotation${ref instanceof PDFRef ? ` ${ref.toString()}` : ''}${target(annotation)}`;
      const expected = subtype === 'Link' ? 'Link' : subtype === 'Widget' ? 'Form' : 'Annot';
      if (!owner) findings.push({ page: index + 1, element: name, message: `Missing ${expected} element for this annotation: it is not in the structure tree` });
      else if (owner.role !== expected) findings.push({ page: index + 1, element: name, message: `Unexpected ${owner.role} around this annotation (${describe(owner)}), expected ${expected}` });
      const contents = textOf(annotation.get(PDFName.of('Contents')))?.trim();
      if (subtype !== 'Widget' && !contents && !(subtype !== 'Link' && owner?.alt)) findings.push({ page: index + 1, element: name, message: 'Missing /Contents: the annotation has no description for assistive technology' });
    }
  });
  return { number: '28', name: 'Links are Link elements with /Contents; tab order /S', passed: findings.length === 0, findings };
}

function target(annotation: PDFDict): string {
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict);
  const uri = textOf(action?.get(PDFName.of('URI')));
  return uri ? ` to ${uri}` : '';
}

/**
 * 31 Fonts: every font program is embedded (31-001…) with a ToUnicode map (31-027 and others), and no
 * text draws the .notdef glyph (31-030) or a glyph that maps to no character.
 */
export function fonts({ document, pages }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  for (const font of fontsUsed(document)) {
    const name = font.name.replace(/^[A-Z]{6}\+/, '');
    if (!font.embedded) findings.push({ element: `font ${name}`, message: 'Missing embedded font program' });
    if (!font.dict.has(PDFName.of('ToUnicode'))) findings.push({ element: `font ${name}`, message: 'Missing ToUnicode map: its text cannot be read or copied reliably' });
  }
  for (const page of pages) {
    const seen = new Set<string>();
    for (const glyph of page.glyphs) {
      const key = `${glyph.font}|${glyph.problem}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const sequence = glyph.mcid === undefined ? undefined : page.sequences.get(glyph.mcid)?.text.trim();
      const where = sequence ? ` in "${snippet(sequence)}"` : glyph.near.trim() ? ` after "${glyph.near.trim()}"` : '';
      findings.push({ page: page.number, element: `font ${glyph.font}`, message: glyph.problem === 'notdef' ? `Unexpected .notdef glyph${where}: a character is missing from the font` : `Unexpected glyph without Unicode${where}` });
    }
  }
  return { number: '31', name: 'Fonts embedded with ToUnicode; no .notdef glyph', passed: findings.length === 0, findings };
}

