import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFBool, PDFDict, PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import type { BrowserSession } from '../../src/render/launch-browser.js';
import { printDocument } from '../../src/render/print-document.js';
import { LOAD_OPTIONS, SAVE_OPTIONS } from '../../src/pdf/pdf-lib-options.js';
import { checkAccessibility } from '../../src/pdf/accessibility/check-accessibility.js';
import { readStructure } from '../../src/pdf/accessibility/read-structure.js';
import { structureChanges, structureFingerprint } from '../../src/pdf/accessibility/fingerprint.js';
import { markArtifacts } from '../../src/pdf/mark-artifacts.js';
import { normaliseTags } from '../../src/pdf/normalise-tags.js';
import { addRoleMap } from '../../src/pdf/add-role-map.js';
import { addLinkContents } from '../../src/pdf/add-link-contents.js';
import { setPrintBoxes } from '../../src/pdf/set-page-boxes.js';
import { kidsOf, setKids, structTreeRoot, textOf, typeOf, walkElements } from '../../src/pdf/structure-tree.js';
import type { StructNode } from '../../src/pdf/accessibility/types.js';
import { failed, postProcess } from '../helpers/post-process.js';
import { sharedBrowser } from '../helpers/browser.js';

/** A page with what Chromium tags poorly: generated text, a page number, an aria-hidden icon, a figure with a caption, a list, inline semantics, a link, a box, a table. */
const PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Fixture page</title><style>
@page { size: A6; margin: 12mm 10mm; @bottom-center { content: counter(page); font-family: sans-serif; font-size: 8pt; } }
body { font-family: sans-serif; font-size: 9pt; }
.marked::before { content: '» '; }
.box { background: #eef4f0; border-left: 2mm solid #2e7d5b; padding: 2mm; }
</style></head><body>
<h1>Fixture title</h1>
<p class="marked">A paragraph with <strong>strong</strong> and <em>emphasised</em> words and <a href="https://example.org/page">a link to the example</a>.</p>
<svg aria-hidden="true" viewBox="0 0 10 10" width="16" height="16"><circle cx="5" cy="5" r="5" fill="#2e7d5b"/></svg>
<aside class="box"><p>A note in a box.</p></aside>
<ul><li>First item</li><li>Second item</li></ul>
<figure><svg role="img" aria-label="A green square" viewBox="0 0 10 10" width="40" height="40"><rect width="10" height="10" fill="#2e7d5b"/></svg><figcaption>The caption of the square.</figcaption></figure>
<table><tr><th>Head</th></tr><tr><td>Cell</td></tr></table>
</body></html>`;

let session: BrowserSession;
let raw: Uint8Array;
let folder: string;

const load = () => PDFDocument.load(raw, LOAD_OPTIONS);
const types = (nodes: StructNode[]): string => nodes.map((node) => (node.kids.some((kid) => kid.kind === 'element') ? `${node.type}(${types(node.kids.flatMap((kid) => (kid.kind === 'element' ? [kid.node] : [])))})` : node.type)).join(' ');
const text = async (bytes: Uint8Array) => {
  const file = path.join(folder, `text-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

/** The first page rendered by poppler at 50 dpi, as PNG bytes. */
const render = async (bytes: Uint8Array) => {
  const file = path.join(folder, `render-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, bytes);
  return execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '1', file], { maxBuffer: 64 * 1024 * 1024 });
};

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'brochure-accessibility-'));
  session = await sharedBrowser();
  raw = (await printDocument(session.pages, PAGE)).pdf;
});
afterAll(async () => {
  await session?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the checker on what Chromium prints', () => {
  it('finds what a validator would question in Chromium\'s own tags', async () => {
    const report = await checkAccessibility(raw, { lang: 'en' });
    expect(failed(report)).toEqual(['01', '02', '06', '09', '13', '28']);
    const findings = (number: string) => report.checkpoints.find((checkpoint) => checkpoint.number === number)!.findings.map((finding) => finding.message).join('\n');
    expect(findings('01')).toContain('Untagged text "»"');
    expect(findings('01')).toContain('Untagged text "1"');
    expect(findings('02')).toMatch(/Unexpected structure type `Strong`[\s\S]*Unexpected structure type `Em`/);
    expect(findings('06')).toBe('Missing XMP metadata stream (/Metadata) in the catalog');
    expect(findings('09')).toContain('Unexpected NonStruct in LI, expected Lbl or LBody');
    expect(findings('09')).toContain('Unexpected NonStruct around content');
    expect(findings('13')).toBe('Missing alternate text (/Alt) on a Figure; a decorative image should be an artifact instead');
    expect(findings('28')).toBe('Missing /Contents: the annotation has no description for assistive technology');
  });

  it('passes the page once the build\'s post-processing has run', async () => {
    const fixed = await postProcess(raw, { lang: 'en', title: 'Fixture page' });
    const report = await checkAccessibility(fixed, { lang: 'en' });
    expect(report.checkpoints.filter((checkpoint) => !checkpoint.passed)).toEqual([]);
    expect(report.checkpoints.map((checkpoint) => checkpoint.number)).toEqual(['01', '02', '06', '07', '09', '11', '13', '14', '15', '28', '31']);
    // The text a reader copies and the pages as drawn are the same: only marking changed.
    expect(await text(fixed)).toBe(await text(raw));
    expect(await render(fixed)).toEqual(await render(raw));
  });
});

describe('the fixes, one by one', () => {
  it('markArtifacts wraps untagged content and turns tagged decorations into artifacts, keeping the figure', async () => {
    const document = await load();
    const result = markArtifacts(document);
    expect(result.wrapped).toBeGreaterThanOrEqual(3); // the » marker, the page number, the hidden icon
    expect(result.decorations).toBeGreaterThanOrEqual(2); // the box's background, the list bullets
    const report = await checkAccessibility(await document.save(SAVE_OPTIONS), { lang: 'en' });
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '01')!.findings).toEqual([]);
    const figure = readStructure(document).elements.find((element) => element.alt === 'A green square')!;
    expect(figure.kids.some((kid) => kid.kind === 'element' || kid.kind === 'mcid')).toBe(true);
  });

  it('does nothing to an untagged PDF: wrapping all of it as artifacts would hide that nothing is tagged', async () => {
    const untagged = await PDFDocument.load((await printDocument(session.pages, PAGE, { tagged: false })).pdf, LOAD_OPTIONS);
    expect(markArtifacts(untagged)).toEqual({ wrapped: 0, decorations: 0 });
  });

  it('normaliseTags dissolves text wrappers, adds LBody, makes the figure group a Div and names containers', async () => {
    const document = await load();
    markArtifacts(document);
    expect(normaliseTags(document)).toMatchObject({ listBodies: 2, figureGroups: 1 });
    const structure = readStructure(document);
    expect(structure.elements.filter((element) => element.type === 'NonStruct')).toEqual([]);
    expect(types(structure.roots!)).toBe('Document(H1 P(Strong Em Link) Aside(P) L(LI(LBody) LI(LBody)) Div(Figure Caption) Table(TR(TH) TR(TD)))');
    // Content and links stay where they were: every MCID still has exactly its element, and the parent tree agrees.
    const report = await checkAccessibility(await document.save(SAVE_OPTIONS), { lang: 'en' });
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '01')!.passed).toBe(true);
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '09')!.passed).toBe(true);
  });

  it('addRoleMap maps the PDF 2.0 types Chromium writes, and never a standard type', async () => {
    const document = await load();
    expect(addRoleMap(document)).toEqual(['Aside', 'Em', 'Strong']);
    const roleMap = document.catalog.lookup(PDFName.of('StructTreeRoot'), PDFDict).lookup(PDFName.of('RoleMap'), PDFDict);
    expect(roleMap.entries().map(([key, value]) => `${key.asString()} ${String(value)}`)).toEqual(['/Aside /Div', '/Em /Span', '/Strong /Span']);
  });

  it('addLinkContents describes the link with its text', async () => {
    const document = await load();
    expect(addLinkContents(document)).toBe(1);
    const annotation = document.getPages()[0]!.node.Annots()!.asArray().map((ref) => document.context.lookup(ref, PDFDict))[0]!;
    expect(textOf(annotation.get(PDFName.of('Contents')))).toBe('a link to the example');
  });
});

describe('the structure fingerprint', () => {
  it('stays the same through a step that keeps the tags (crop marks drawn as artifacts)', async () => {
    const document = await load();
    const before = structureFingerprint(document);
    setPrintBoxes(document, { trimWidth: 95, trimHeight: 138, bleed: 3, slug: 5 } as never);
    expect(structureChanges(before, structureFingerprint(document))).toBeUndefined();
  });

  it('says what a step changed: the tree, or a page with tagged content removed', async () => {
    const document = await load();
    const before = structureFingerprint(document);
    normaliseTags(document);
    expect(structureChanges(before, structureFingerprint(document))).toMatch(/^the structure tree changed \(\d+ -> \d+ elements; first difference: /);
    const again = structureFingerprint(document);
    document.removePage(0);
    expect(structureChanges(again, structureFingerprint(document))).toMatch(/^the tags refer to a page no longer in the document \(\d+ 0 R\)$/);
  });
});

describe('each checkpoint fails on what it is about', () => {
  /** The first element of `type` in the tree. */
  const element = (document: PDFDocument, type: string) => {
    let found: { ref: import('@cantoo/pdf-lib').PDFRef; dict: PDFDict } | undefined;
    walkElements(document, (candidate) => void (found ??= typeOf(candidate.dict) === type ? candidate : undefined));
    return found!;
  };
  const rename = (document: PDFDocument, from: string, to: string) => element(document, from).dict.set(PDFName.of('S'), PDFName.of(to));
  const MUTATIONS: Array<[string, string, (document: PDFDocument) => void]> = [
    ['01', 'content that no element refers to', (document) => {
      const paragraph = element(document, 'P');
      setKids(document, paragraph.dict, paragraph.ref, kidsOf(document, paragraph.dict).filter((kid) => kid.kind !== 'mcid'));
    }],
    ['01', 'a parent tree that does not lead back', (document) => structTreeRoot(document)!.set(PDFName.of('ParentTree'), document.context.obj({ Nums: [] }))],
    ['02', 'a type without a role map', (document) => rename(document, 'Caption', 'Legend')],
    ['06', 'no XMP', (document) => document.catalog.delete(PDFName.of('Metadata'))],
    ['07', 'DisplayDocTitle false', (document) => document.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict).set(PDFName.of('DisplayDocTitle'), PDFBool.False)],
    ['09', 'a list item without Lbl or LBody', (document) => rename(document, 'LBody', 'Div')],
    ['11', 'the catalog in another language', (document) => document.catalog.set(PDFName.of('Lang'), PDFString.of('de'))],
    ['13', 'a figure without alternate text', (document) => element(document, 'Figure').dict.delete(PDFName.of('Alt'))],
    ['14', 'a first heading that is not H1', (document) => rename(document, 'H1', 'H2')],
    ['15', 'a header cell without Scope', (document) => element(document, 'TH').dict.delete(PDFName.of('A'))],
    ['28', 'a link without /Contents', (document) => document.context.lookup(document.getPages()[0]!.node.Annots()!.get(0), PDFDict).delete(PDFName.of('Contents'))],
    ['28', 'tab order by rows', (document) => document.getPages()[0]!.node.set(PDFName.of('Tabs'), PDFName.of('R'))],
    ['31', 'a font without ToUnicode', (document) => {
      const fonts = document.getPages()[0]!.node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
      document.context.lookup(fonts.entries()[0]![1], PDFDict).delete(PDFName.of('ToUnicode'));
    }],
  ];

  it.each(MUTATIONS)('%s: %s', async (number, _what, mutate) => {
    const document = await PDFDocument.load(await postProcess(raw, { lang: 'en', title: 'Fixture page' }), LOAD_OPTIONS);
    mutate(document);
    expect(failed(await checkAccessibility(await document.save(SAVE_OPTIONS), { lang: 'en' }))).toEqual([number]);
  });

  it('11: a passage the source marks in another language, read in the document\'s', async () => {
    const fixed = await postProcess(raw, { lang: 'en', title: 'Fixture page' });
    const report = await checkAccessibility(fixed, { lang: 'en', passages: [{ text: 'A note in a box.', lang: 'fr' }, { text: 'Nowhere in the page', lang: 'fr' }] });
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '11')!.findings.map((finding) => finding.message)).toEqual([
      'Unexpected language `en` for "A note in a box.", expected `fr` as in the source',
      'Cannot find the passage "Nowhere in the page" (fr) in the tags',
    ]);
  });

  it('31: a character no font has, drawn as the .notdef box', async () => {
    const printed = (await printDocument(session.pages, PAGE.replace('A note in a box.', 'A note \uE000 in a box.'))).pdf;
    const report = await checkAccessibility(await postProcess(printed, { lang: 'en', title: 'Fixture page' }), { lang: 'en' });
    expect(failed(report)).toEqual(['31']);
    expect(report.checkpoints.find((checkpoint) => checkpoint.number === '31')!.findings).toEqual([
      { page: 1, element: expect.stringMatching(/^font /), message: 'Unexpected .notdef glyph in "A note □ in a box.": a character is missing from the font' },
    ]);
  });
});
