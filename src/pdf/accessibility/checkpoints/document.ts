import { PDFBool, PDFDict, PDFName, PDFRawStream } from '@cantoo/pdf-lib';
import { decodeStream } from '../../content-streams.js';
import { textOf } from '../../structure-tree.js';
import { languageOf, textOfNode } from '../read-structure.js';
import { describe, type CheckInput, type CheckpointResult, type Finding, type StructNode } from '../types.js';
import { snippet } from './content.js';

/** BCP 47 in the shape PDF readers accept: a language and optional subtags (`en`, `sr-Latn`, `pt-BR`). */
const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

/** The catalog's XMP metadata as text, or undefined. */
export function readXmp(input: Pick<CheckInput, 'document'>): string | undefined {
  const stream = input.document.catalog.lookup(PDFName.of('Metadata'));
  return stream instanceof PDFRawStream ? decodeStream(stream).toString('utf8') : undefined;
}

/** The pdfuaid:part of XMP, written as an element or an attribute, or undefined. */
export function pdfUaPart(xmp: string | undefined): string | undefined {
  return xmp ? /pdfuaid:part(?:\s*=\s*["']|>)\s*(\d+)/.exec(xmp)?.[1] : undefined;
}

/**
 * 06 Metadata: XMP in the catalog with a dc:title (06-001, 06-003); a PDF/UA identifier says part 1 and is
 * there when the file is meant to carry one (06-002). Whether a claim is backed by every other checkpoint is
 * decided once all have run.
 */
export function metadata(input: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  const xmp = readXmp(input);
  if (!xmp) findings.push({ message: 'Missing XMP metadata stream (/Metadata) in the catalog' });
  else {
    if (!/<x:xmpmeta[\s>]/.test(xmp) || !/<rdf:RDF[\s>]/.test(xmp)) findings.push({ message: 'Unexpected /Metadata content, expected an XMP packet (x:xmpmeta, rdf:RDF)' });
    const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1]?.trim();
    if (!title) findings.push({ message: 'Missing dc:title in the XMP metadata' });
  }
  const part = pdfUaPart(xmp);
  if (part !== undefined && part !== '1') findings.push({ message: `Unexpected pdfuaid:part ${part}, expected 1` });
  if (input.options.pdfUa && part === undefined) findings.push({ message: 'Missing PDF/UA identifier (pdfuaid:part 1) in the XMP metadata' });
  return { number: '06', name: 'XMP metadata with dc:title; PDF/UA identifier only when earned', passed: findings.length === 0, findings };
}

/** 07 Dictionary: the viewer shows the title, not the file name (DisplayDocTitle true), and there is a title. */
export function displayTitle({ document }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  const preferences = document.catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  if (preferences?.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True) findings.push({ message: 'Missing /ViewerPreferences /DisplayDocTitle true' });
  const info = (document as unknown as { getInfoDict(): PDFDict }).getInfoDict();
  if (!textOf(info.get(PDFName.of('Title')))?.trim()) findings.push({ message: 'Missing document title (/Title)' });
  return { number: '07', name: 'DisplayDocTitle', passed: findings.length === 0, findings };
}

/**
 * 11 Natural language: /Lang on the catalog (the document's language), valid language tags everywhere, a
 * language for every piece of text, and each passage the source marks in another language found in the tags
 * with that language.
 */
export function language({ document, structure, pages, options }: CheckInput): CheckpointResult {
  const findings: Finding[] = [];
  const catalogLang = textOf(document.catalog.get(PDFName.of('Lang')));
  if (!catalogLang) findings.push({ message: 'Missing /Lang in the catalog' });
  else if (!LANGUAGE_TAG.test(catalogLang)) findings.push({ message: `Unexpected /Lang \`${catalogLang}\` in the catalog, expected a language tag such as \`en\`` });
  else if (catalogLang.toLowerCase() !== options.lang.toLowerCase()) findings.push({ message: `Unexpected /Lang \`${catalogLang}\` in the catalog, expected \`${options.lang}\`` });
  for (const element of structure.elements) {
    if (element.lang !== undefined && !LANGUAGE_TAG.test(element.lang)) findings.push({ page: element.page, element: describe(element), message: `Unexpected /Lang \`${element.lang}\`, expected a language tag` });
  }
  if (!catalogLang) {
    for (const page of pages) {
      for (const [mcid, sequence] of page.sequences) {
        const owner = structure.contentOwner.get(`${page.number}|${mcid}`);
        if (sequence.text.trim() && owner && !languageOf(owner)) {
          findings.push({ page: page.number, element: describe(owner), message: `Missing language for "${snippet(sequence.text)}"` });
        }
      }
    }
  }
  const textAt = (page: number | undefined, mcid: number) => (page ? (pages[page - 1]?.sequences.get(mcid)?.text ?? '') : '');
  const texts = new Map<StructNode, string>(structure.elements.map((element) => [element, comparable(textOfNode(element, textAt))]));
  for (const passage of options.passages ?? []) {
    const wanted = comparable(passage.text);
    if (!wanted) continue;
    // The innermost element that holds the whole passage is the one a reader switches language on.
    const holders = structure.elements.filter((element) => texts.get(element)!.includes(wanted));
    const holder = holders.find((element) => !element.kids.some((kid) => kid.kind === 'element' && texts.get(kid.node)!.includes(wanted)));
    const found = holder ? (languageOf(holder) ?? catalogLang) : undefined;
    if (!holder) findings.push({ message: `Cannot find the passage "${snippet(passage.text)}" (${passage.lang}) in the tags` });
    else if (found?.toLowerCase().split('-')[0] !== passage.lang.toLowerCase().split('-')[0]) {
      findings.push({ page: holder.page, element: describe(holder), message: `Unexpected language \`${found ?? 'none'}\` for "${snippet(passage.text)}", expected \`${passage.lang}\` as in the source` });
    }
  }
  return { number: '11', name: 'Natural language of the document and of passages in another language', passed: findings.length === 0, findings };
}

/** Text as compared between HTML and PDF: without white space, hyphens and soft hyphens (line breaks differ). */
function comparable(text: string): string {
  return text.replace(/[\s\u00ad\-\u2010\u2011]/g, '').toLowerCase();
}
