import type { PageGeometry } from '../../templates/page-css.js';
import type { PdfFacts, PlacedImage, PreflightCheck, PreflightReport, Size } from './report.js';

/** Screen PDFs larger than this get a warning: they are sent by e-mail and downloaded on phones. */
export const SCREEN_SIZE_BUDGET = 5 * 1024 * 1024;
/** Photos under this resolution in print fail; under PRINT_PPI they get a warning. */
export const MIN_PPI = 150;
export const PRINT_PPI = 300;
/** Tolerance for box sizes, in millimetres (PDF numbers are written with two decimals of a point). */
const TOLERANCE_MM = 0.05;

const HINTS: Record<string, string> = {
  'image resolution': 'Use a larger image (at its printed width, 300 pixels per inch), or print it smaller.',
  'file size': 'Large photos make the PDF heavy: export them smaller before adding them.',
  'bundled fonts only': 'A character of the text is not in Noto Sans/Serif: find it (pdffonts shows the page), replace it, or add a font to templates/ that has it.',
  'photo page break': 'Make the photo smaller (`:::figure{width=50%}`), move it, or shorten the text of the section a little, so that the section keeps to its pages.',
  'page count': 'Check that templates/layout.hbs keeps the `<!-- padding-pages -->` marker before the back cover.',
};

/** What a PDF of its variant must be, besides what every PDF must be. */
export interface Expectations {
  geometry: PageGeometry;
  lang: string;
  /** Photos as measured in the print layout (print variant). */
  images?: PlacedImage[];
  /** PostScript name prefixes of the bundled fonts, such as `NotoSans`; any other font is a system fallback. */
  bundledFonts?: string[];
}

/** Judges the facts of one PDF against what its variant needs: the preflight report. */
export function preflightReport(facts: PdfFacts, expected: Expectations): PreflightReport {
  const checks: PreflightCheck[] = [];
  const check = (name: string, passed: boolean, detail: string, severity: 'error' | 'warning' = 'error', page?: number, image?: string) =>
    checks.push({ check: name, severity: passed ? 'ok' : severity, detail, ...(page ? { page } : {}), ...(!passed && HINTS[name] ? { hint: HINTS[name] } : {}), ...(image ? { image } : {}) });
  const images = expected.images ?? [];

  if (expected.bundledFonts) {
    const foreign = facts.fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).filter((name) => !expected.bundledFonts!.some((prefix) => name.startsWith(`${prefix}-`) || name === prefix));
    check('bundled fonts only', foreign.length === 0, foreign.length === 0 ? "every font is one of the brochure's" : `system fallback fonts: ${[...new Set(foreign)].join(', ')}; some characters are missing from the bundled fonts`);
  }
  const missing = facts.fonts.filter((font) => !font.embedded).map((font) => font.name);
  check('fonts embedded', missing.length === 0, missing.length === 0 ? `${facts.fonts.length} of ${facts.fonts.length}` : `not embedded: ${missing.join(', ')}`);
  // The press PDF's own checks (output intent, PDF/X, CMYK, ink, black plate) are in press-preflight.ts.
  if (facts.variant !== 'screen') {
    const { trimWidth, trimHeight, bleed } = expected.geometry;
    check('page count', facts.pages % 4 === 0, `${facts.pages} pages${facts.pages % 4 === 0 ? ', a multiple of 4' : ', not a multiple of 4 for saddle stitching'}`);
    const wrongTrim = facts.trimBoxes.findIndex((box) => !near(box, trimWidth, trimHeight));
    check('TrimBox', wrongTrim < 0, wrongTrim < 0 ? `${trimWidth} × ${trimHeight} mm on every page` : `page ${wrongTrim + 1} is ${fmt(facts.trimBoxes[wrongTrim]!)}, expected ${trimWidth} × ${trimHeight} mm`, 'error', wrongTrim + 1);
    const wrongBleed = facts.bleedBoxes.findIndex((box) => !near(box, trimWidth + 2 * bleed, trimHeight + 2 * bleed));
    check('BleedBox', wrongBleed < 0, wrongBleed < 0 ? `${bleed} mm beyond the trim on every page` : `page ${wrongBleed + 1} is ${fmt(facts.bleedBoxes[wrongBleed]!)}, expected ${bleed} mm beyond the trim`, 'error', wrongBleed + 1);
    for (const image of images) {
      if (image.ppi < MIN_PPI) check('image resolution', false, `${image.name} on page ${image.page}: ${image.ppi} ppi, expected at least ${MIN_PPI} (${PRINT_PPI} for print)`, 'error', image.page, image.id);
      else if (image.ppi < PRINT_PPI) check('image resolution', false, `${image.name} on page ${image.page}: ${image.ppi} ppi, ${PRINT_PPI} recommended for print`, 'warning', image.page, image.id);
    }
    for (const image of images.filter((entry) => entry.pushes)) {
      check('photo page break', false, `${image.name} on page ${image.page} pushes the section “${image.pushes!.section}” over a page break: it runs onto page ${image.pushes!.page}`, 'warning', image.page, image.id);
    }
    if (images.every((image) => image.ppi >= PRINT_PPI)) check('image resolution', true, images.length === 0 ? 'no raster images' : `${images.length} images, all ${PRINT_PPI} ppi or more`);
  } else {
    check('tagged', facts.tagged, facts.tagged ? 'structure tree present' : 'the PDF is not tagged');
    check('language', facts.lang === expected.lang, facts.lang ? `/Lang ${facts.lang}` : 'no /Lang');
    check('bookmarks', facts.outlineEntries > 0, `${facts.outlineEntries} entries`, 'warning');
    check('file size', facts.bytes <= SCREEN_SIZE_BUDGET, `${(facts.bytes / 1024 / 1024).toFixed(2)} MB of ${SCREEN_SIZE_BUDGET / 1024 / 1024} MB budget`, 'warning');
  }
  const { trimBoxes, bleedBoxes, ...rest } = facts;
  return {
    ...rest,
    ...(facts.variant !== 'screen' ? { trimBox: trimBoxes[0], bleedBox: bleedBoxes[0] } : {}),
    images: facts.variant === 'print' ? images : [],
    checks,
  };
}

function near(box: Size, width: number, height: number): boolean {
  return Math.abs(box.width - width) <= TOLERANCE_MM && Math.abs(box.height - height) <= TOLERANCE_MM;
}

function fmt(size: Size): string {
  return `${size.width} × ${size.height} mm`;
}
