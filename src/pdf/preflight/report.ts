/** One check of the preflight, with what was found. */
export interface PreflightCheck {
  check: string;
  severity: 'error' | 'warning' | 'ok';
  detail: string;
  /** The page concerned, when the check is about one. */
  page?: number;
  /** What to do about a failed check. */
  hint?: string;
  /** The id of the photo concerned, so that the message can point at its line in the Markdown. */
  image?: string;
}

/** Sizes in millimetres. */
export interface Size {
  width: number;
  height: number;
}

/** What the preflight read from one PDF: facts only, no judgement. */
export interface PdfFacts {
  variant: 'screen' | 'print' | 'press';
  file: string;
  bytes: number;
  pages: number;
  /** Page size of the first page in millimetres (the CropBox, which is the MediaBox unless set). */
  pageSize: Size;
  /** TrimBox and BleedBox of every page, in millimetres. */
  trimBoxes: Size[];
  bleedBoxes: Size[];
  fonts: Array<{ name: string; embedded: boolean }>;
  tagged: boolean;
  lang: string | undefined;
  outlineEntries: number;
  colourSpaces: string[];
  /** PDF/X: whether there is an output intent, and the GTS_PDFXVersion. */
  outputIntent: boolean;
  pdfxVersion: string | undefined;
}

/** A raster image as placed in the document, measured before printing. */
export interface PlacedImage {
  /** The id the Markdown stage gave the image (`intro-img-1`). */
  id?: string;
  name: string;
  page: number;
  ppi: number;
  /** The photo makes its section run onto another page: the section's title and last page. */
  pushes?: { section: string; page: number };
}

/** The preflight of one PDF: the facts, the photos measured while printing, and the checks. */
export interface PreflightReport extends Omit<PdfFacts, 'trimBoxes' | 'bleedBoxes'> {
  trimBox?: Size;
  bleedBox?: Size;
  images: PlacedImage[];
  checks: PreflightCheck[];
}
