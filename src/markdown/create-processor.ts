import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkDirective from 'remark-directive';
import remarkRehype from 'remark-rehype';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import { sectionFrontMatterSchema } from '../config/schema.js';
import type { AssetStore } from '../content/asset-store.js';
import type { PhotoCredits } from '../content/load-photo-credits.js';
import remarkFrontMatter from './remark-front-matter.js';
import remarkSectionTitle from './remark-section-title.js';
import remarkLimits from './remark-limits.js';
import remarkBrochureDirectives from './remark-brochure-directives.js';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeReportUnsafe from './rehype-report-unsafe.js';
import { brochureSchema } from './sanitize-schema.js';
import rehypeSectionLinks from './rehype-section-links.js';
import rehypeImages from './rehype-images.js';
import rehypeNoBreakSpaces from './rehype-no-break-spaces.js';
import rehypeHyphenate from './rehype-hyphenate.js';
import rehypeTaskListLabels from './rehype-task-list-labels.js';
import rehypeTextBlocks from './rehype-text-blocks.js';

export interface SectionProcessorOptions {
  assets: AssetStore;
  /** brochure/photos/ and its credits.yaml: a photo without a credit is reported (not checked when absent). */
  credits?: PhotoCredits;
  /** Section ids by file name, for links between sections. */
  sections: ReadonlyMap<string, string>;
  /** Heading of the footnotes list, in the document's language. */
  footnoteLabel: string;
  /** Accessible label of a footnote's back link; `{{reference}}` is replaced by the note's number. */
  footnoteBackLabel: string;
  /** The icons folder relative to a section file. */
  iconsPath: string;
  /** Language of the text, for its typographic rules and hyphenation. */
  lang?: string;
  /** Put soft hyphens into running text; true by default. */
  hyphenate?: boolean;
  /**
   * Only CommonMark: no front matter, tables, boxes, typography or links between sections; raw HTML is still
   * sanitised. For measuring the Markdown stage against the CommonMark specification. False by default.
   */
  commonmarkOnly?: boolean;
  /** Fewest letters a line-end hyphen leaves before and after it (brochure.yaml `hyphenLimits`); 2 and 3 by default. */
  hyphenLimits?: { before: number; after: number };
  /** The language's own hyphenation.txt (words and their breaks) and no-break.txt (names), when it has them. */
  typeset?: { hyphenation: ReadonlyMap<string, readonly number[]>; names: readonly string[] };
}

/**
 * The parser every reading of a section shares (checks and build): CommonMark with front matter, GitHub
 * tables, footnotes and task lists, and the `:::box` directives. Syntax only: never fails on broken text.
 */
export function createParser(options: { commonmarkOnly?: boolean } = {}): Processor<MdastRoot> {
  if (options.commonmarkOnly) return unified().use(remarkParse) as unknown as Processor<MdastRoot>;
  return unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).use(remarkDirective) as unknown as Processor<MdastRoot>;
}

/**
 * The unified processor that turns one section into HTML for the templates: `parse` gives the same tree as
 * createParser, `run` transforms a parsed tree (validation, boxes, sanitising, images, typography) and
 * `stringify` writes the HTML.
 */
export function createSectionProcessor(options: SectionProcessorOptions): Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string> {
  const full = options.commonmarkOnly !== true;
  const lang = options.lang ?? 'en';
  return unified()
    .use(remarkParse)
    .use(full ? [[remarkFrontmatter, ['yaml']], [remarkFrontMatter, { schema: sectionFrontMatterSchema }], remarkGfm, remarkDirective, remarkSectionTitle] : [])
    .use(remarkLimits)
    .use(full ? [[remarkBrochureDirectives, { iconsPath: options.iconsPath }]] : [])
    .use(remarkRehype, {
      allowDangerousHtml: true,
      footnoteLabel: options.footnoteLabel,
      footnoteLabelProperties: { className: ['footnotes-title'] },
      footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
        options.footnoteBackLabel.replace('{{reference}}', String(referenceIndex + 1) + (rereferenceIndex > 1 ? `-${rereferenceIndex}` : '')),
    })
    .use(rehypeRaw)
    .use(rehypeReportUnsafe, { schema: brochureSchema })
    .use(rehypeSanitize, brochureSchema)
    .use(
      full
        ? [rehypeSlug, [rehypeNoBreakSpaces, { lang, names: options.typeset?.names }], [rehypeSectionLinks, { sections: options.sections }], rehypeTaskListLabels]
        : [],
    )
    .use(rehypeImages, { assets: options.assets, credits: options.credits })
    .use(full && options.hyphenate !== false ? [[rehypeHyphenate, { lang, limits: options.hyphenLimits, exceptions: options.typeset?.hyphenation, names: options.typeset?.names }]] : [])
    .use(full ? [rehypeTextBlocks] : [])
    .use(rehypeStringify) as unknown as Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;
}
