import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream, decodePDFRawStream, type PDFDocument, type PDFObject } from '@cantoo/pdf-lib';
import type { PageGeometry } from '../templates/page-css.js';
import { readOutline } from './fix-outline.js';
import { CONTENT_COLOUR } from './clean-soft-hyphens.js';

const MM_PER_POINT = 25.4 / 72;
/** Screen PDFs larger than this get a warning: they are sent by e-mail and downloaded on phones. */
export const SCREEN_SIZE_BUDGET = 5 * 1024 * 1024;
/** Tolerance for box sizes, in millimetres (PDF numbers are written with two decimals of a point). */
const TOLERANCE_MM = 0.05;

/** One check of the preflight, with what was found. */
export interface PreflightCheck {
  check: string;
  severity: 'error' | 'warning' | 'ok';
  detail: string;
}

/** What the preflight read from one PDF, and what it concluded. */
export interface PreflightReport {
  variant: 'screen' | 'print' | 'press';
  file: string;
  bytes: number;
  pages: number;
  /** Page size of the first page in millimetres (the MediaBox, or the CropBox when set). */
  pageSize: { width: number; height: number };
  trimBox?: { width: number; height: number };
  bleedBox?: { width: number; height: number };
  fonts: Array<{ name: string; embedded: boolean }>;
  tagged: boolean;
  lang: string | undefined;
  outlineEntries: number;
  images: Array<{ name: string; page: number; ppi: number }>;
  colourSpaces: string[];
  checks: PreflightCheck[];
}

/** A raster image as placed in the document, measured before printing. */
export interface PlacedImage {
  name: string;
  page: number;
  ppi: number;
}

export interface PreflightOptions {
  variant: 'screen' | 'print' | 'press';
  file: string;
  bytes: number;
  geometry: PageGeometry;
  lang: string;
  images?: PlacedImage[];
  /** PostScript name prefixes of the bundled fonts, such as `NotoSans`; any other font is a system fallback. */
  bundledFonts?: string[];
  /** Colour spaces of the page content when already known (saves decoding every content stream again). */
  contentColourSpaces?: Set<string>;
}

/** Reads a PDF's pages, boxes, fonts, structure and images and checks them against what its variant needs. */
export function preflight(document: PDFDocument, options: PreflightOptions): PreflightReport {
  const pages = document.getPages();
  const first = pages[0];
  const size = (box: { width: number; height: number } | undefined) =>
    box ? { width: round(box.width * MM_PER_POINT), height: round(box.height * MM_PER_POINT) } : { width: 0, height: 0 };
  const fonts = collectFonts(document);
  const markInfo = document.catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  const tagged = String(markInfo?.get(PDFName.of('Marked')) ?? '') === 'true' && document.catalog.has(PDFName.of('StructTreeRoot'));
  const langObject = document.catalog.get(PDFName.of('Lang'));
  const lang = langObject ? String(langObject).replace(/^\(|\)$/g, '') : undefined;
  const report: PreflightReport = {
    variant: options.variant,
    file: options.file,
    bytes: options.bytes,
    pages: pages.length,
    pageSize: size(first?.getCropBox()),
    trimBox: options.variant !== 'screen' ? size(first?.getTrimBox()) : undefined,
    bleedBox: options.variant !== 'screen' ? size(first?.getBleedBox()) : undefined,
    fonts,
    tagged,
    lang,
    outlineEntries: readOutline(document).length,
    images: options.images ?? [],
    colourSpaces: collectColourSpaces(document, options.contentColourSpaces),
    checks: [],
  };
  const check = (name: string, passed: boolean, detail: string, severity: 'error' | 'warning' = 'error') =>
    report.checks.push({ check: name, severity: passed ? 'ok' : severity, detail });

  const missing = fonts.filter((font) => !font.embedded).map((font) => font.name);
  if (options.bundledFonts) {
    const foreign = fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).filter((name) => !options.bundledFonts!.some((prefix) => name.startsWith(`${prefix}-`) || name === prefix));
    check('bundled fonts only', foreign.length === 0, foreign.length === 0 ? 'every font is one of the brochure\'s' : `system fallback fonts: ${[...new Set(foreign)].join(', ')}; some characters are missing from the bundled fonts`);
  }
  check('fonts embedded', missing.length === 0, missing.length === 0 ? `${fonts.length} of ${fonts.length}` : `not embedded: ${missing.join(', ')}`);
  if (options.variant === 'press') {
    const intents = document.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
    check('output intent', (intents?.size() ?? 0) > 0, intents ? 'GTS_PDFX output intent with a CMYK profile' : 'no output intent');
    const version = (document as unknown as { getInfoDict(): PDFDict }).getInfoDict().get(PDFName.of('GTS_PDFXVersion'));
    check('PDF/X version', version !== undefined, version ? String(version).replace(/^\(|\)$/g, '') : 'no GTS_PDFXVersion');
    check('CMYK only', !report.colourSpaces.includes('DeviceRGB'), report.colourSpaces.join(', ') || 'no colour operators');
  }
  if (options.variant !== 'screen') {
    const { trimWidth, trimHeight, bleed } = options.geometry;
    check('page count', pages.length % 4 === 0, `${pages.length} pages${pages.length % 4 === 0 ? ', a multiple of 4' : ', not a multiple of 4 for saddle stitching'}`);
    const wrongTrim = pages.findIndex((page) => !near(page.getTrimBox(), trimWidth, trimHeight));
    check('TrimBox', wrongTrim < 0, wrongTrim < 0 ? `${trimWidth} × ${trimHeight} mm on every page` : `page ${wrongTrim + 1} is ${fmt(size(pages[wrongTrim]!.getTrimBox()))}, expected ${trimWidth} × ${trimHeight} mm`);
    const wrongBleed = pages.findIndex((page) => !near(page.getBleedBox(), trimWidth + 2 * bleed, trimHeight + 2 * bleed));
    check('BleedBox', wrongBleed < 0, wrongBleed < 0 ? `${bleed} mm beyond the trim on every page` : `page ${wrongBleed + 1} is ${fmt(size(pages[wrongBleed]!.getBleedBox()))}, expected ${bleed} mm beyond the trim`);
    for (const image of report.images) {
      if (image.ppi < 150) check('image resolution', false, `${image.name} on page ${image.page}: ${image.ppi} ppi, expected at least 150 (300 for print)`);
      else if (image.ppi < 300) check('image resolution', false, `${image.name} on page ${image.page}: ${image.ppi} ppi, 300 recommended for print`, 'warning');
    }
    if (report.images.every((image) => image.ppi >= 300)) check('image resolution', true, report.images.length === 0 ? 'no raster images' : `${report.images.length} images, all 300 ppi or more`);
  } else {
    check('tagged', tagged, tagged ? 'structure tree present' : 'the PDF is not tagged');
    check('language', lang === options.lang, lang ? `/Lang ${lang}` : 'no /Lang');
    check('bookmarks', report.outlineEntries > 0, `${report.outlineEntries} entries`, 'warning');
    check('file size', options.bytes <= SCREEN_SIZE_BUDGET, `${(options.bytes / 1024 / 1024).toFixed(2)} MB of ${SCREEN_SIZE_BUDGET / 1024 / 1024} MB budget`, 'warning');
  }
  return report;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function near(box: { width: number; height: number }, width: number, height: number): boolean {
  return Math.abs(box.width * MM_PER_POINT - width) <= TOLERANCE_MM && Math.abs(box.height * MM_PER_POINT - height) <= TOLERANCE_MM;
}

function fmt(size: { width: number; height: number }): string {
  return `${size.width} × ${size.height} mm`;
}

/** Every font used by the pages (and the forms they draw), with whether its program is in the file. */
function collectFonts(document: PDFDocument): Array<{ name: string; embedded: boolean }> {
  const found = new Map<string, boolean>();
  const seen = new Set<PDFObject>();
  const visitResources = (resources: PDFDict | undefined) => {
    if (!resources || seen.has(resources)) return;
    seen.add(resources);
    const fonts = resources.lookupMaybe(PDFName.of('Font'), PDFDict);
    for (const [, ref] of fonts?.entries() ?? []) {
      const font = document.context.lookup(ref);
      if (!(font instanceof PDFDict)) continue;
      const name = String(font.get(PDFName.of('BaseFont')) ?? font.get(PDFName.of('Name')) ?? '(unnamed)').replace(/^\//, '');
      found.set(name, (found.get(name) ?? true) && isEmbedded(document, font));
    }
    const xObjects = resources.lookupMaybe(PDFName.of('XObject'), PDFDict);
    for (const [, ref] of xObjects?.entries() ?? []) {
      const xObject = document.context.lookup(ref);
      if (xObject instanceof PDFStream) visitResources(xObject.dict.lookupMaybe(PDFName.of('Resources'), PDFDict));
    }
  };
  for (const page of document.getPages()) visitResources(page.node.Resources());
  return [...found].map(([name, embedded]) => ({ name, embedded })).sort((a, b) => a.name.localeCompare(b.name));
}

function isEmbedded(document: PDFDocument, font: PDFDict): boolean {
  const subtype = String(font.get(PDFName.of('Subtype')));
  if (subtype === '/Type3') return true;
  let descriptorHolder: PDFDict = font;
  if (subtype === '/Type0') {
    const descendants = font.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray);
    const descendant = descendants ? document.context.lookup(descendants.get(0)) : undefined;
    if (!(descendant instanceof PDFDict)) return false;
    descriptorHolder = descendant;
  }
  const descriptor = descriptorHolder.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
  return ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor?.has(PDFName.of(key)));
}

/** Colour spaces used: by the page content's colour operators, named in the resources, and of images. */
function collectColourSpaces(document: PDFDocument, known?: Set<string>): string[] {
  const spaces = new Set<string>(known);
  for (const page of known ? [] : document.getPages()) {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => document.context.lookup(ref)) : [contents];
    for (const stream of streams) {
      if (!(stream instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      for (const { space, pattern } of CONTENT_COLOUR) if (pattern.test(text)) spaces.add(space);
    }
  }
  const describe = (value: PDFObject | undefined): string => {
    const resolved = value instanceof PDFRef ? document.context.lookup(value) : value;
    if (resolved instanceof PDFArray) return describe(resolved.get(0));
    return String(resolved ?? '').replace(/^\//, '');
  };
  for (const page of document.getPages()) {
    const resources = page.node.Resources();
    for (const [, value] of resources?.lookupMaybe(PDFName.of('ColorSpace'), PDFDict)?.entries() ?? []) spaces.add(describe(value));
    for (const [, ref] of resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? []) {
      const xObject = document.context.lookup(ref);
      if (xObject instanceof PDFStream && String(xObject.dict.get(PDFName.of('Subtype'))) === '/Image') spaces.add(describe(xObject.dict.get(PDFName.of('ColorSpace'))));
    }
  }
  return [...spaces].filter(Boolean).sort();
}
