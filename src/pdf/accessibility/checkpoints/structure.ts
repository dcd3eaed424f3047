import { STANDARD_TYPES } from '../../add-role-map.js';
import { textOfNode } from '../read-structure.js';
import { describe, type CheckInput, type CheckpointResult, type Finding, type StructNode } from '../types.js';
import { snippet } from './content.js';

const NO_TREE: Finding = { message: 'Cannot check: the PDF has no structure tree' };

/** Allowed element kids and parents of the types whose nesting PDF 1.7 fixes (ISO 32000-1, 14.8.4.3). */
const KIDS: Record<string, string[]> = {
  L: ['LI', 'L', 'Caption'],
  LI: ['Lbl', 'LBody'],
  Table: ['TR', 'THead', 'TBody', 'TFoot', 'Caption'],
  THead: ['TR'],
  TBody: ['TR'],
  TFoot: ['TR'],
  TR: ['TH', 'TD'],
  TOC: ['TOCI', 'TOC', 'Caption'],
};
const PARENTS: Record<string, string[]> = {
  LI: ['L'],
  Lbl: ['LI', 'TOCI', 'BibEntry', 'Reference', 'Note'],
  LBody: ['LI'],
  TR: ['Table', 'THead', 'TBody', 'TFoot'],
  THead: ['Table'],
  TBody: ['Table'],
  TFoot: ['Table'],
  TH: ['TR'],
  TD: ['TR'],
  TOCI: ['TOC'],
};

/** 02 Role mapping: every type is standard or mapped to a standard type; no loops; no standard type remapped. */
export function roleMapping({ structure }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  if (!structure.roots) findings.push(NO_TREE);
  const reported = new Set<string>();
  for (const element of structure.elements) {
    if (STANDARD_TYPES.has(element.role) || reported.has(element.type)) continue;
    reported.add(element.type);
    findings.push({ page: element.page, element: describe(element), message: `Unexpected structure type \`${element.type}\`, expected a standard type or a /RoleMap entry that leads to one` });
  }
  for (const type of structure.circularRoles) findings.push({ message: `Unexpected circular /RoleMap for \`${type}\`` });
  for (const type of structure.remappedStandard) findings.push({ message: `Unexpected /RoleMap entry for the standard type \`${type}\`` });
  return { number: '02', name: 'Standard structure types or a role map to them', passed: findings.length === 0, findings };
}

/** 09 Appropriate tags: lists, tables and contents nest as PDF defines, and no NonStruct holds content itself. */
export function nesting({ structure }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  if (!structure.roots) findings.push(NO_TREE);
  for (const element of structure.elements) {
    const elementKids = element.kids.flatMap((kid) => (kid.kind === 'element' ? [kid.node] : []));
    const allowed = KIDS[element.role];
    if (allowed) {
      for (const kid of elementKids.filter((node) => !allowed.includes(node.role))) {
        findings.push({ page: kid.page ?? element.page, element: describe(element), message: `Unexpected ${kid.role} in ${element.role}, expected ${allowed.join(' or ')}` });
      }
      if (element.kids.some((kid) => kid.kind === 'mcid')) findings.push({ page: element.page, element: describe(element), message: `Unexpected content directly in ${element.role}, expected it in ${allowed.join(' or ')}` });
      if (element.role === 'LI' && elementKids.length === 0) findings.push({ page: element.page, element: describe(element), message: 'Unexpected empty LI, expected Lbl and/or LBody' });
    }
    const parents = PARENTS[element.role];
    const parentRole = element.parent?.role ?? 'StructTreeRoot';
    if (parents && !parents.includes(parentRole)) {
      findings.push({ page: element.page, element: describe(element), message: `Unexpected ${element.role} in ${parentRole}, expected it in ${parents.join(' or ')}` });
    }
    if (element.role === 'NonStruct' && element.kids.some((kid) => kid.kind === 'mcid')) {
      findings.push({ page: element.page, element: describe(element), message: 'Unexpected NonStruct around content: the content has no structure type' });
    }
  }
  return { number: '09', name: 'Tags nest as PDF defines (L > LI > Lbl + LBody, Table > TR > TH/TD)', passed: findings.length === 0, findings };
}

/** 13 Graphics: every Figure has alternate text; images in tagged content are Figures (decorative ones artifacts). */
export function graphics({ structure, pages }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  if (!structure.roots) findings.push(NO_TREE);
  for (const element of structure.elements) {
    if (element.role !== 'Figure') continue;
    if (!(element.alt ?? element.actualText ?? '').trim()) findings.push({ page: element.page, element: describe(element), message: 'Missing alternate text (/Alt) on a Figure; a decorative image should be an artifact instead' });
  }
  for (const page of pages) {
    for (const [mcid, sequence] of page.sequences) {
      if (!sequence.draws.has('image')) continue;
      const owner = structure.contentOwner.get(`${page.number}|${mcid}`);
      if (!owner || ancestry(owner).some((node) => ['Figure', 'Formula', 'Form'].includes(node.role))) continue;
      findings.push({ page: page.number, element: describe(owner), message: `Unexpected image tagged as ${owner.role}, expected a Figure with alternate text, or an artifact when decorative` });
    }
  }
  return { number: '13', name: 'Figures have alternate text; decorative images are artifacts', passed: findings.length === 0, findings };
}

/** 14 Headings: H1 first, no level skipped going down, not both H and H1–H6. */
export function headings({ structure, pages }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  if (!structure.roots) findings.push(NO_TREE);
  const textAt = (page: number | undefined, mcid: number) => (page ? (pages[page - 1]?.sequences.get(mcid)?.text ?? '') : '');
  const found = structure.elements.filter((element) => /^H[1-6]?$/.test(element.role));
  const numbered = found.filter((element) => element.role !== 'H');
  if (numbered.length > 0 && numbered.length < found.length) findings.push({ message: 'Unexpected mix of H and H1–H6 headings' });
  let previous = 0;
  for (const heading of numbered) {
    const level = Number(heading.role.slice(1));
    const label = describe(heading, snippet(textOfNode(heading, textAt), 50));
    if (previous === 0 && level !== 1) findings.push({ page: heading.page, element: label, message: `Unexpected first heading level ${level}, expected H1` });
    else if (level > previous + 1 && previous > 0) findings.push({ page: heading.page, element: label, message: `Unexpected H${level} after H${previous}, expected H${previous + 1} or higher: a level is skipped` });
    previous = level;
  }
  return { number: '14', name: 'Headings nest without skipped levels', passed: findings.length === 0, findings };
}

/** 15 Tables: every TH says which cells it heads (Scope Row, Column or Both). */
export function tables({ structure }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  if (!structure.roots) findings.push(NO_TREE);
  for (const element of structure.elements) {
    if (element.role !== 'TH' || ['Row', 'Column', 'Both'].includes(element.scope ?? '')) continue;
    findings.push({ page: element.page, element: describe(element), message: `${element.scope ? `Unexpected Scope ${element.scope}` : 'Missing Scope'} on a TH, expected Row, Column or Both` });
  }
  return { number: '15', name: 'Table headers are TH with a Scope', passed: findings.length === 0, findings };
}

function ancestry(node: StructNode): StructNode[] {
  const chain: StructNode[] = [];
  for (let current: StructNode | undefined = node; current; current = current.parent) chain.push(current);
  return chain;
}
