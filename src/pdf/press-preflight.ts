import { readFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, type PDFPage } from '@cantoo/pdf-lib';
import { LOAD_OPTIONS } from './pdf-lib-options.js';
import type { PreflightCheck } from './preflight/report.js';
import { decodeStream } from './content-streams.js';
import { fontsUsed } from './fonts-used.js';
import { cmykToLab, type Cmyk } from './icc-lookup.js';
import { measureInkCoverage } from './ink-coverage.js';
import { pageColours } from './page-colours.js';
import { PRINTING_CONDITIONS, profilePath, type PrintingConditionName } from './printing-conditions.js';

/** One check of the press PDF; `page` (from 1) when it concerns one page. */
export type PressPreflightCheck = PreflightCheck;

/** What the press PDF is checked against. */
export interface PressPreflightOptions {
  /** The printing condition the PDF was made for (brochure.yaml `printing`); default fogra39. */
  printing?: PrintingConditionName;
  /** Expected trim size and bleed in millimetres; when given, the boxes of every page are measured against them. */
  geometry?: { trimWidth: number; trimHeight: number; bleed: number };
  /** The Ghostscript command, for measuring the ink; default `gs`. */
  gs?: string;
}

const MM_PER_POINT = 25.4 / 72;
/** Text this close to grey (CIELAB chroma) and this dark is grey or black text, which belongs on the black plate. */
const GREY_CHROMA = 12;
const GREY_LIGHTNESS = 75;

/**
 * Checks a press-ready PDF for a print shop: the output intent names the printing condition and embeds its
 * profile, the PDF/X version, no RGB left, fonts embedded, TrimBox and BleedBox on every page, total ink at most
 * the condition's limit everywhere (measured on a rendering of each page), and grey or black text on the black
 * plate only. Each failure is an error with its page and what to do.
 */
export async function pressPreflight(pdf: Uint8Array, options: PressPreflightOptions = {}): Promise<PressPreflightCheck[]> {
  const printing = options.printing ?? 'fogra39';
  const condition = PRINTING_CONDITIONS[printing];
  const profile = await readFile(profilePath(printing));
  const document = await PDFDocument.load(pdf, LOAD_OPTIONS);
  const pages = document.getPages();
  const checks: PressPreflightCheck[] = [];
  const report = (check: string, failures: Array<{ page?: number; detail: string }>, ok: string) => {
    if (failures.length === 0) checks.push({ check, severity: 'ok', detail: ok });
    for (const failure of failures) checks.push({ check, severity: 'error', detail: failure.page ? `page ${failure.page}: ${failure.detail}` : failure.detail, ...(failure.page ? { page: failure.page } : {}) });
  };

  report('output intent', outputIntentProblems(document, printing, profile), `${condition.identifier} (${condition.info}), its profile embedded`);
  const version = String((document as unknown as { getInfoDict(): PDFDict }).getInfoDict().get(PDFName.of('GTS_PDFXVersion')) ?? '').replace(/^\(|\)$/g, '');
  const header = /^%PDF-(\d\.\d)/.exec(Buffer.from(pdf.subarray(0, 16)).toString('latin1'))?.[1] ?? '?';
  report('PDF/X version', version.startsWith('PDF/X-3') && header <= '1.4' ? [] : [{ detail: `${version ? `Unexpected PDF/X version \`${version}\`` : 'No PDF/X version'} in PDF ${header}, expected PDF/X-3 (PDF 1.3 or 1.4); make the press-ready PDF again with --press-ready` }], `${version}, PDF ${header}`);

  const colours = pageColours(document);
  report('CMYK only', colours.filter((page) => page.rgb.length > 0).map((page) => ({ page: page.page, detail: `RGB left (${[...new Set(page.rgb)].slice(0, 4).join(', ')}); the conversion missed it: report this with the PDF` })), 'no RGB on any page');
  report('fonts embedded', pages.flatMap((page, index) => {
    const missing = fontsUsed(document, [page]).filter((font) => !font.embedded).map((font) => font.name);
    return missing.length > 0 ? [{ page: index + 1, detail: `fonts not embedded: ${[...new Set(missing)].join(', ')}; the print shop's fonts would replace them` }] : [];
  }), 'every font on every page');
  report('TrimBox and BleedBox', pages.flatMap((page, index) => boxProblems(page, options.geometry).map((detail) => ({ page: index + 1, detail }))), options.geometry ? `trim ${options.geometry.trimWidth} × ${options.geometry.trimHeight} mm, bleed ${options.geometry.bleed} mm on every page` : 'on every page');

  const ink = await measureInkCoverage(pdf, { gs: options.gs });
  const highest = Math.max(0, ...ink.map((page) => page.maximum));
  report('ink coverage', ink.filter((page) => Math.round(page.maximum) > condition.inkLimit).map((page) => ({
    page: page.page,
    detail: `${Math.round(page.maximum)} % ink (C+M+Y+K) at ${page.x} mm from the left and ${page.y} mm from the top of the bleed box, more than the ${condition.inkLimit} % that ${condition.identifier} allows; colours there did not go through the profile (a CMYK image or artwork?): use it in RGB, or one made for ${condition.identifier}`,
  })), `at most ${Math.round(highest)} % on any page (${condition.identifier} allows ${condition.inkLimit} %)`);

  const lab = cmykToLab(profile);
  report('grey text on black only', colours.flatMap(({ page, text }) => {
    const inks = [...text.values()].filter(({ colour }) => colour.space === 'DeviceCMYK' && colour.values.length === 4 && isGreyInFourInks(lab, colour.values as unknown as Cmyk));
    if (inks.length === 0) return [];
    const count = inks.reduce((sum, entry) => sum + entry.count, 0);
    const example = inks.sort((a, b) => b.count - a.count)[0]!.colour.values.map((value, channel) => `${'CMYK'[channel]} ${Math.round(value * 100)} %`).join(' ');
    return [{ page, detail: `grey or black text in several inks (${example}), ${count} time${count === 1 ? '' : 's'}; it blurs when the plates are out of register: add its colour to --press-black-only in templates/style.css` }];
  }), 'body text and other grey or black text on the black plate (K) only');
  return checks;
}

function isGreyInFourInks(lab: ReturnType<typeof cmykToLab>, [c, m, y, k]: Cmyk): boolean {
  if (c + m + y < 0.01) return false;
  const { L, a, b } = lab([c, m, y, k]);
  return L < GREY_LIGHTNESS && Math.hypot(a, b) < GREY_CHROMA;
}

function outputIntentProblems(document: PDFDocument, printing: PrintingConditionName, profile: Uint8Array): Array<{ detail: string }> {
  const condition = PRINTING_CONDITIONS[printing];
  const intents = document.catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  const intent = intents?.asArray().map((ref) => document.context.lookup(ref)).find((value): value is PDFDict => value instanceof PDFDict && String(value.get(PDFName.of('S'))) === '/GTS_PDFX');
  if (!intent) return [{ detail: 'No PDF/X output intent: the print shop cannot tell which printing condition the colours are for; make the press-ready PDF again with --press-ready' }];
  const text = (key: string) => String(intent.get(PDFName.of(key)) ?? '').replace(/^\(|\)$/g, '');
  const problems: Array<{ detail: string }> = [];
  if (text('OutputConditionIdentifier') !== condition.identifier) {
    problems.push({ detail: `Unexpected output condition \`${text('OutputConditionIdentifier') || 'none'}\`, expected \`${condition.identifier}\` (brochure.yaml \`printing: ${printing}\`)` });
  }
  if (text('RegistryName') !== 'http://www.color.org') problems.push({ detail: `Unexpected registry \`${text('RegistryName') || 'none'}\`, expected \`http://www.color.org\`` });
  const embedded = document.context.lookup(intent.get(PDFName.of('DestOutputProfile')));
  if (!(embedded instanceof PDFRawStream)) problems.push({ detail: `The output intent has no profile; expected the ${condition.identifier} profile embedded` });
  else if (!Buffer.from(decodeStream(embedded)).equals(Buffer.from(profile))) problems.push({ detail: `The embedded profile is not this tool's ${condition.identifier} profile (assets/profiles/${condition.profile})` });
  return problems;
}

function boxProblems(page: PDFPage, geometry: PressPreflightOptions['geometry']): string[] {
  const problems: string[] = [];
  for (const [box, width, height] of [['TrimBox', geometry?.trimWidth, geometry?.trimHeight], ['BleedBox', geometry && geometry.trimWidth + 2 * geometry.bleed, geometry && geometry.trimHeight + 2 * geometry.bleed]] as const) {
    const value = page.node.get(PDFName.of(box));
    if (!(value instanceof PDFArray)) {
      problems.push(`no ${box}; the print shop cannot tell where the page is cut`);
      continue;
    }
    const [x1, y1, x2, y2] = value.asArray().map((number) => Number(String(number)));
    const size = [Math.abs(x2! - x1!) * MM_PER_POINT, Math.abs(y2! - y1!) * MM_PER_POINT];
    if (width !== undefined && height !== undefined && (Math.abs(size[0]! - width) > 0.1 || Math.abs(size[1]! - height) > 0.1)) {
      problems.push(`${box} is ${size.map((mm) => mm.toFixed(1)).join(' × ')} mm, expected ${width} × ${height} mm`);
    }
  }
  return problems;
}

