import type { DocumentFrontMatter, SectionFrontMatter } from '../config/schema.js';

declare module 'vfile' {
  interface DataMap {
    /** Validated front matter of the file (a section's, or the document's for index.md). */
    frontMatter: SectionFrontMatter | DocumentFrontMatter;
    /** Id of the section, from its file name (`03-business-models.md` -> `business-models`). */
    sectionId: string;
    /** Plain text of the section's first heading, or its `tocTitle`. */
    title: string;
    /** Id of the element holding the section's first heading. */
    headingId: string;
    /** Ids of the raster images of the section, for the resolution check. */
    rasterImages: string[];
    /** Where each raster image (by id) is written in the Markdown, for messages about it after printing. */
    imagePlaces: Record<string, import('unist').Point | undefined>;
    /** The photos of the section with their credits (author and licence), in order, for the imprint. */
    photoCredits: Array<{ photo: string; author: string; licence: string }>;
    /** Text of every heading of the section, in order. */
    headings: string[];
    /** Ids defined in the section. */
    ids: string[];
    /** Links to `#ids` anywhere in the document, with where they were written. */
    internalLinks: Array<{ id: string; written: string; place: import('unist').Position | undefined }>;
  }
}

export {};
