import path from 'node:path';
import type { VFile } from 'vfile';
import type { SectionFrontMatter } from '../config/schema.js';
import type { AssetStore } from '../content/asset-store.js';
import type { PhotoCredits } from '../content/load-photo-credits.js';
import { hasErrors, reportError } from '../report/messages.js';
import { createSectionProcessor } from './create-processor.js';
import type { ParsedLanguage } from './parse-language.js';
import './types.js';

/** One section as the templates see it. */
export interface SectionView {
  id: string;
  /** Classes from the section's front matter, for the stylesheet. */
  className: string | null;
  title: string;
  headingId: string;
  html: string;
}

/** What the Markdown stage needs besides the parsed language. */
export interface TransformOptions {
  assets: AssetStore;
  /** brochure/photos/ and its credits, for the photo-credit check and the imprint. */
  credits?: PhotoCredits;
  /** The icons folder, for the boxes' icons. */
  iconsFolder: string;
  footnoteLabel: string;
  footnoteBackLabel: string;
  hyphenate: boolean;
  /** Fewest letters a line-end hyphen leaves before and after it. */
  hyphenLimits: { before: number; after: number };
}

/**
 * The Markdown stage of one language: each parsed section is transformed (front matter, boxes, sanitising,
 * images, links between sections, typography) and written as HTML. Works on the trees parsed once for the
 * checks, which are not needed afterwards. Sections with errors give no view; their messages are on their files.
 */
export async function transformSections(language: ParsedLanguage, options: TransformOptions): Promise<SectionView[]> {
  const sections = [...language.parsed.values()].filter((section) => !section.unreadable);
  const processor = createSectionProcessor({
    assets: options.assets,
    credits: options.credits,
    sections: new Map(sections.map(({ file }) => [file.basename!, file.data.sectionId!])),
    footnoteLabel: options.footnoteLabel,
    footnoteBackLabel: options.footnoteBackLabel,
    lang: language.lang,
    hyphenate: options.hyphenate,
    hyphenLimits: options.hyphenLimits,
    typeset: language.typeset,
    iconsPath: path.relative(language.folder, options.iconsFolder).split(path.sep).join('/'),
  });
  const views = await Promise.all(
    sections.map(async ({ file, tree }): Promise<SectionView | undefined> => {
      try {
        const html = processor.stringify(await processor.run(tree, file), file);
        if (hasErrors([file])) return undefined;
        const frontMatter = file.data.frontMatter as SectionFrontMatter | undefined;
        return { id: file.data.sectionId!, className: frontMatter?.class ?? null, title: file.data.title ?? '', headingId: file.data.headingId ?? file.data.sectionId!, html };
      } catch (cause) {
        reportError(file, `Cannot process this section: ${(cause as Error).message}`, { ruleId: 'markdown', hint: 'Look at the Markdown near the position given, or report this as a bug with the file attached.' });
        return undefined;
      }
    }),
  );
  checkAnchors(sections.map(({ file }) => file));
  return views.filter((view): view is SectionView => view !== undefined);
}

/** Every `#anchor` a section links to must exist in the document (a section id or an id inside one). */
function checkAnchors(sections: VFile[]): void {
  const known = new Set(sections.flatMap((file) => [file.data.sectionId!, ...(file.data.ids ?? [])]));
  for (const file of sections) {
    for (const link of file.data.internalLinks ?? []) {
      if (known.has(link.id)) continue;
      reportError(file, `Cannot find anchor \`${link.written}\` in this language`, {
        ruleId: 'link',
        place: link.place,
        hint: 'Anchors are heading texts written in lower case with hyphens, such as `#a-table` for `## A table`.',
      });
    }
  }
}
