import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';

/** One section of a web page, as its texts. */
export interface SectionText {
  /** The section's id (its file name without the number). */
  id: string;
  /** The section's title (its first heading). */
  title: string;
  /** Headings, paragraphs, list items, table cells and captions, in reading order. */
  blocks: string[];
}

const BLOCKS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'td', 'th', 'figcaption', 'dt', 'dd']);
/** Blocks whose text is in blocks inside them (a list item holding paragraphs) are left to those. */
const INNER = new Set(['p', 'ul', 'ol', 'table', 'figure']);

/**
 * The texts of a brochure's web page (dist/<lang>/index.html), section by section: what a reader reads, with the
 * typesetting the build adds taken out again (soft hyphens, no-break spaces), so that two editions compare by
 * their words.
 */
export function sectionTexts(html: string): SectionText[] {
  const tree: Root = fromHtml(html);
  const sections: SectionText[] = [];
  const walk = (node: Root | Element, into?: SectionText) => {
    for (const child of node.children as ElementContent[]) {
      if (child.type !== 'element') continue;
      const classes = Array.isArray(child.properties.className) ? child.properties.className.map(String) : [];
      if (child.tagName === 'section' && classes.includes('section') && typeof child.properties.id === 'string') {
        const section: SectionText = { id: child.properties.id, title: '', blocks: [] };
        sections.push(section);
        walk(child, section);
        section.title = section.blocks[0] ?? section.id;
        continue;
      }
      if (into && BLOCKS.has(child.tagName) && !child.children.some((inner) => inner.type === 'element' && INNER.has(inner.tagName))) {
        const text = plain(toString(child));
        if (text) into.blocks.push(text);
        continue;
      }
      walk(child, into);
    }
  };
  walk(tree);
  return sections;
}

/** Text as read: soft hyphens out, every kind of space one space. */
export function plain(text: string): string {
  return text.replace(/\u00ad/g, '').replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim();
}
