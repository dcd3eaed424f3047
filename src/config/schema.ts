import { z } from 'zod';
import { DEFAULT_PRINTING, PRINTING_CONDITIONS, type PrintingConditionName } from '../pdf/printing-conditions.js';

/** Trim sizes the print stylesheet knows, in millimetres (width x height, portrait). */
export const TRIM_SIZES = {
  A5: { width: 148, height: 210 },
  A4: { width: 210, height: 297 },
} as const;

const languageCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language code such as `en`, `mk` or `sr-Latn`');

const projectPath = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith('/') && !/^[a-z]+:/i.test(value), 'a path relative to the project folder');

/** One organisation on the cover and back cover; its name and country are UI strings (`partners.<id>.*`). */
export const organisationSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'a short id in lower case, such as `psm`').describe('Key of the organisation in each strings.json (`partners.<id>.name`).'),
  logo: projectPath.optional().describe('SVG logo or wordmark, relative to the project folder; not printed when absent.'),
  placeholder: z
    .boolean()
    .optional()
    .describe('The organisation\'s logo is still to come: until a file is at `logo`, its mark is typeset from its name in each language, and `npm run check` warns "replace before print".'),
  website: z.url({ protocol: /^https?$/ }).optional().describe('Web address printed on the back cover; not printed when absent.'),
  email: z.email().optional().describe('Contact e-mail printed on the back cover; not printed when absent.'),
});

/** Fewest letters a line-end hyphen leaves before and after it; what is not given comes from `default`, then 2 and 3. */
export const hyphenLimitSchema = z.strictObject({
  before: z.number().int().min(1).max(6).optional().describe('Fewest letters before a line-end hyphen.'),
  after: z.number().int().min(1).max(6).optional().describe('Fewest letters after it, at the start of the next line.'),
});

/** The font families the brochure bundles (src/templates/font-faces.ts); brand fonts are chosen among them. */
export const BRAND_FONTS = ['Noto Sans', 'Noto Serif'] as const;

/** A colour as staff write it: `#rrggbb`. Nothing else can reach the stylesheet (no CSS can be injected). */
const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour written `#rrggbb` in quotes, such as `"#1f5c4a"`');

/** Relative luminance of `#rrggbb` (WCAG 2), for the contrast of white text on the primary colour. */
function luminance(hex: string): number {
  const channel = (index: number) => {
    const value = parseInt(hex.slice(1 + 2 * index, 3 + 2 * index), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The look of the brochure that staff may change: colours, cover picture and fonts (brand: in brochure.yaml). */
export const brandSchema = z.strictObject({
  primary: colour
    .default('#1f5c4a')
    .refine((value) => 1.05 / (luminance(value) + 0.05) >= 4.5, 'a colour dark enough for white text on it (contrast 4.5:1 or more), such as `"#1f5c4a"`')
    .describe('Main colour: the cover, headings, page numbers, table heads, the bar of the web page and the download page. Dark enough for white text.'),
  secondary: colour.default('#2e7d5b').describe('Second colour: sub-headings, numbers in the contents, box borders, tick boxes; its pale tints are the box and table backgrounds.'),
  accent: colour.default('#e0a526').describe('Accent colour: the rule above each section title, example boxes, the centre of the cover art, the co-financing line on the cover.'),
  coverImage: projectPath
    .optional()
    .describe('A picture or logo on the cover in place of the drawn circles: an SVG, PNG or JPEG in the project, such as `brochure/photos/cover.jpg` (a photo needs its credit in brochure/photos/credits.yaml).'),
  headingFont: z.enum(BRAND_FONTS).default('Noto Sans').describe('Font of the headings, the cover, boxes\' titles, tables and page numbers: `Noto Sans` or `Noto Serif`.'),
  bodyFont: z.enum(BRAND_FONTS).default('Noto Serif').describe('Font of the running text: `Noto Serif` or `Noto Sans`.'),
});

export type ResolvedBrand = z.output<typeof brandSchema>;

/** The limits of a language when brochure.yaml gives none: 2 letters before the hyphen, 3 after it. */
export const DEFAULT_HYPHEN_LIMITS = { before: 2, after: 3 } as const;

/** brochure/brochure.yaml: settings for the whole brochure. */
export const brochureConfigSchema = z.strictObject({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by hyphens, such as `circular-economy`')
    .describe('File name stem of every output: dist/<lang>/<slug>-<lang>.pdf.'),
  sourceLanguage: languageCode.describe('The language the others are translated from.'),
  languages: z.array(languageCode).min(1).describe('Languages to build, in this order; each has a folder brochure/<lang>/.'),
  trim: z.enum(Object.keys(TRIM_SIZES) as [keyof typeof TRIM_SIZES]).default('A5').describe('Trim size of the printed page.'),
  bleed: z.number().min(0).max(10).default(3).describe('Bleed of the print PDF in millimetres: backgrounds that touch the edge extend this far beyond the trim.'),
  margins: z
    .strictObject({
      top: z.number().min(5).max(40).default(15),
      bottom: z.number().min(5).max(40).default(16),
      inner: z.number().min(5).max(40).default(14),
      outer: z.number().min(5).max(40).default(14),
    })
    .default({ top: 15, bottom: 16, inner: 14, outer: 14 })
    .describe('Page margins in millimetres; inner is the side of the fold.'),
  printing: z
    .enum(Object.keys(PRINTING_CONDITIONS) as [PrintingConditionName, ...PrintingConditionName[]])
    .default(DEFAULT_PRINTING)
    .describe('Printing condition of the press-ready PDF (--press-ready): `fogra39` for coated paper (gloss or matt), `fogra29` for uncoated paper; ask the print shop.'),
  hyphenation: z.boolean().default(true).describe('Hyphenate running text (soft hyphens from each language\'s patterns); headings, names and links never.'),
  hyphenLimits: z
    .record(z.string().regex(/^(default|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/, '`default` or a language code such as `mk`'), hyphenLimitSchema)
    .default({})
    .describe('Fewest letters a line-end hyphen leaves before and after it, per language or for all: `mk: { before: 2, after: 3 }`, `default: { after: 3 }`. The hyphenator keeps to them and the typographic preflight reports breaks that do not. 2 before and 3 after when not given.'),
  version: z.string().min(1).describe('Edition printed on the back cover, such as `1.0`.'),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date written YYYY, YYYY-MM or YYYY-MM-DD (in quotes)')
    .describe('Date of the edition, in quotes: `"2021"`, `"2021-05"` or `"2021-05-31"`.'),
  partners: z.array(organisationSchema).min(1).describe('Project partners, in the order printed (see below).'),
  funder: organisationSchema.optional().describe('The co-financing organisation, printed with the co-financing notice (same fields as a partner).'),
  brand: brandSchema
    .default({ primary: '#1f5c4a', secondary: '#2e7d5b', accent: '#e0a526', headingFont: 'Noto Sans', bodyFont: 'Noto Serif' })
    .describe('Colours, cover picture and fonts: `primary`, `secondary`, `accent` (`"#rrggbb"`), `coverImage`, `headingFont` and `bodyFont` (see below).'),
  accessibilityReviewed: z
    .array(languageCode)
    .default([])
    .describe(
      'Languages whose screen PDF a person has reviewed for what software cannot check (reading order, alt text that says what each image shows, colour contrast of images): only these are identified as PDF/UA (pdfuaid:part 1), and only when every machine check passes. Take a language out when its content changes.',
    ),
}).superRefine((config, context) => {
  // A misspelt language under hyphenLimits would be ignored without a word: it is an error like any other typo.
  for (const key of Object.keys(config.hyphenLimits)) {
    if (key !== 'default' && !config.languages.includes(key)) {
      context.addIssue({ code: 'custom', path: ['hyphenLimits', key], message: `\`${key}\` is not one of \`languages\` (${config.languages.join(', ')}) nor \`default\`` });
    }
  }
  config.accessibilityReviewed.forEach((lang, index) => {
    if (!config.languages.includes(lang)) {
      context.addIssue({ code: 'custom', path: ['accessibilityReviewed', index], message: `\`${lang}\` is not one of \`languages\` (${config.languages.join(', ')})` });
    }
  });
});

/** The hyphen limits of `lang`: its own entry, then `default`, then 2 before and 3 after. */
export function resolveHyphenLimits(config: Pick<ResolvedBrochureConfig, 'hyphenLimits'>, lang: string): { before: number; after: number } {
  const own = config.hyphenLimits[lang] ?? config.hyphenLimits[lang.split('-')[0]!];
  const all = config.hyphenLimits.default;
  return {
    before: own?.before ?? all?.before ?? DEFAULT_HYPHEN_LIMITS.before,
    after: own?.after ?? all?.after ?? DEFAULT_HYPHEN_LIMITS.after,
  };
}

export type BrochureConfigOptions = z.input<typeof brochureConfigSchema>;
export type ResolvedBrochureConfig = z.output<typeof brochureConfigSchema>;
export type Organisation = z.output<typeof organisationSchema>;

/** Text that is printed: no control characters (a form feed or a carriage return prints as a box, or worse). */
const printableText = z
  .string()
  .min(1)
  .regex(/^[^\p{Cc}]*$/u, 'text without control characters (a form feed, a carriage return…); write it on one line');

/** Front matter of brochure/<lang>/index.md: the document as a whole. */
export const documentFrontMatterSchema = z.strictObject({
  title: printableText.describe('Title on the cover and in the PDF metadata.'),
  subtitle: printableText.optional().describe('Subtitle on the cover.'),
  description: printableText.optional().describe('One sentence for the PDF Subject and the web page description.'),
  keywords: z.array(z.string().min(1)).optional().describe('PDF keywords.'),
});

export type DocumentFrontMatter = z.output<typeof documentFrontMatterSchema>;

/** Front matter of a section file (optional). */
export const sectionFrontMatterSchema = z.strictObject({
  tocTitle: printableText.optional().describe('Shorter title for the table of contents; the first heading by default.'),
  class: z
    .string()
    .regex(/^[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*$/, 'class names in lower case, such as `glossary`')
    .optional()
    .describe('Class of the section for templates/style.css (`glossary`, `action-plan`); the same in every language.'),
});

export type SectionFrontMatter = z.output<typeof sectionFrontMatterSchema>;
