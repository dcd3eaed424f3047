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
  /** Fewest letters a line-end hyphen leaves before and after it (brochure.yaml `hyphenLimits`); 2 and 3 by default. */
  hyphenLimits?: { before: number; after: number };
  /** The language's own hyphenation.txt (words and their breaks) and no-break.txt (names), when it has them. */
  typeset?: { hyphenation: ReadonlyMap<string, readonly number[]>; names: readonly string[] };
}

/** The unified processor that turns one section's Markdown into HTML for the templates. */
export function createSectionProcessor(options: SectionProcessorOptions): Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string> {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkFrontMatter, { schema: sectionFrontMatterSchema })
    .use(remarkGfm)
    .use(remarkDirective)
    .use(remarkSectionTitle)
    .use(remarkLimits)
    .use(remarkBrochureDirectives, { iconsPath: options.iconsPath })
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
    .use(rehypeSlug)
    .use(rehypeNoBreakSpaces, { lang: options.lang ?? 'en', names: options.typeset?.names })
    .use(rehypeSectionLinks, { sections: options.sections })
    .use(rehypeTaskListLabels)
    .use(rehypeImages, { assets: options.assets })
    .use(
      options.hyphenate === false
        ? []
        : [[rehypeHyphenate, { lang: options.lang ?? 'en', limits: options.hyphenLimits, exceptions: options.typeset?.hyphenation, names: options.typeset?.names }]],
    )
    .use(rehypeTextBlocks)
    .use(rehypeStringify) as unknown as Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>;
}
