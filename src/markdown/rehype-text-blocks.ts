import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';

/** What a block of text is, for the typographic rules that apply to it. */
export type TextBlockKind = 'paragraph' | 'list-item' | 'heading' | 'cell' | 'caption';

/** One block of running text of a section, with where it was written: what the typographic preflight maps PDF lines to. */
export interface TextBlock {
  kind: TextBlockKind;
  /** Line and column of the block in the Markdown file. */
  line: number;
  column: number;
  /** The block's own text as printed (soft hyphens taken out), without the text of blocks nested in it. */
  text: string;
}

const KINDS: Record<string, TextBlockKind> = {
  p: 'paragraph',
  li: 'list-item',
  h1: 'heading',
  h2: 'heading',
  h3: 'heading',
  h4: 'heading',
  h5: 'heading',
  h6: 'heading',
  td: 'cell',
  th: 'cell',
  dt: 'paragraph',
  dd: 'paragraph',
};
/** Never printed, or not text the reader reads as a block: left out of a block's text. */
const HIDDEN = new Set(['svg', 'script', 'style', 'input', 'template']);

declare module 'vfile' {
  interface DataMap {
    /** The section's blocks of text in reading order, for the typographic preflight of the printed PDF. */
    textBlocks: TextBlock[];
  }
}

function classes(element: Element): string[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value.map(String) : [];
}

function hidden(element: Element): boolean {
  const names = classes(element);
  return HIDDEN.has(element.tagName) || names.includes('sr-only') || names.includes('data-footnote-backref') || element.properties.dataFootnoteBackref !== undefined;
}

/** The text of an element without its hidden parts and without the blocks nested in it. */
function ownText(children: ElementContent[]): string {
  let text = '';
  for (const child of children) {
    if (child.type === 'text') text += child.value;
    else if (child.type === 'element' && !hidden(child) && !(child.tagName in KINDS)) text += ownText(child.children);
  }
  return text;
}

/**
 * Records every block of text of a section (paragraphs, list items, headings, table cells, captions) with its
 * line in the Markdown, in reading order, as `file.data.textBlocks`. The typographic preflight finds the lines
 * of the printed PDF in these texts, so that each finding names the place to edit. Changes nothing in the tree.
 */
export default function rehypeTextBlocks() {
  return (tree: Root, file: VFile) => {
    const blocks: TextBlock[] = [];
    visitParents(tree, 'element', (element, ancestors) => {
      if (hidden(element)) return 'skip';
      const kind = KINDS[element.tagName];
      if (!kind) return undefined;
      const text = ownText(element.children).replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
      if (text === '') return undefined;
      const placed = [element, ...[...ancestors].reverse()].find((node) => node.position)?.position?.start;
      const inCaption = ancestors.some((node) => node.type === 'element' && node.tagName === 'figcaption');
      const title = classes(element).includes('callout-title');
      blocks.push({ kind: title ? 'heading' : inCaption ? 'caption' : kind, line: placed?.line ?? 1, column: placed?.column ?? 1, text });
      return undefined;
    });
    file.data.textBlocks = blocks;
  };
}
