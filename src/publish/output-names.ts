/** A file of the output, relative to the output folder. */
export interface OutputFile {
  path: string;
  data: Uint8Array | string;
}

/** The PDFs a language can have. */
export type PdfVariant = 'screen' | 'print' | 'press' | 'booklet';

/** What a file of dist/<lang>/ is. */
export type OutputVariant = PdfVariant | 'web' | 'preflight';

/** The PDFs in the order they are listed and packed. */
export const PDF_VARIANTS: readonly PdfVariant[] = ['screen', 'print', 'press', 'booklet'];

/** The path of a language's file inside the output folder: `mk/circular-economy-mk-print.pdf`. */
export function outputPath(slug: string, lang: string, variant: OutputVariant): string {
  if (variant === 'web') return `${lang}/index.html`;
  if (variant === 'preflight') return `${lang}/preflight.json`;
  return `${lang}/${slug}-${lang}${variant === 'screen' ? '' : `-${variant}`}.pdf`;
}

/** The name of a language's file in its folder: `circular-economy-mk-print.pdf`. */
export function outputFileName(slug: string, lang: string, variant: OutputVariant): string {
  return outputPath(slug, lang, variant).split('/')[1]!;
}

/** Which variant a file of dist/<lang>/ is, by its name. */
export function variantOf(name: string): OutputVariant {
  if (name === 'index.html') return 'web';
  if (name === 'preflight.json') return 'preflight';
  for (const variant of ['print', 'press', 'booklet'] as const) if (name.endsWith(`-${variant}.pdf`)) return variant;
  return 'screen';
}
