import { decodeUrl } from './decode-url.js';
import type { Root, Element } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';
import { reportError } from '../report/messages.js';
import { asciiId } from './ascii-id.js';
import './types.js';

export interface RehypeSectionLinksOptions {
  /** Section ids of the document by Markdown file name (`03-business-models.md` -> `business-models`). */
  sections: ReadonlyMap<string, string>;
}

const FOOTNOTE_PREFIX = 'user-content-';
const WEB_LINK = /^(https?:\/\/[^\s/]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i;

/**
 * Makes the ids of one section unique in the whole document by prefixing them with the section id, and points
 * links at them: `#x` and `02-intro.md#x` become `#<section>-x`, `02-intro.md` becomes `#<section>`. A link
 * to anything else than a section, an anchor or a web or mail address is an error.
 */
export default function rehypeSectionLinks(options: RehypeSectionLinksOptions) {
  return (tree: Root, file: VFile) => {
    const sectionId = file.data.sectionId;
    if (!sectionId) throw new Error('rehypeSectionLinks needs file.data.sectionId');
    const prefix = (id: string) => asciiId(`${sectionId}-${id.startsWith(FOOTNOTE_PREFIX) ? id.slice(FOOTNOTE_PREFIX.length) : id}`);
    const ids: string[] = [];
    const headings: string[] = [];
    file.data.headings = headings;
    const internalLinks: NonNullable<VFile['data']['internalLinks']> = [];
    file.data.ids = ids;
    file.data.internalLinks = internalLinks;
    visit(tree, 'element', (node: Element) => {
      const { properties } = node;
      if (typeof properties.id === 'string') {
        properties.id = prefix(properties.id);
        ids.push(properties.id);
      }
      if (Array.isArray(properties.ariaDescribedBy)) properties.ariaDescribedBy = properties.ariaDescribedBy.map((id) => prefix(String(id)));
      if (/^h[1-6]$/.test(node.tagName)) headings.push(toString(node));
      if (node.tagName === 'h1' && !file.data.headingId && typeof properties.id === 'string') file.data.headingId = properties.id;
      if (node.tagName !== 'a' || typeof properties.href !== 'string') return;
      const href = properties.href;
      if (href.startsWith('#')) {
        properties.href = `#${prefix(decodeUrl(href.slice(1)))}`;
        internalLinks.push({ id: properties.href.slice(1), written: href, place: node.position });
        return;
      }
      if (WEB_LINK.test(href)) return;
      const [target = '', anchor] = href.split('#', 2);
      const targetId = options.sections.get(decodeUrl(target).replace(/^\.\//, ''));
      if (targetId) {
        properties.href = anchor ? `#${asciiId(`${targetId}-${decodeUrl(anchor)}`)}` : `#${targetId}`;
        internalLinks.push({ id: properties.href.slice(1), written: href, place: node.position });
        return;
      }
      reportError(file, `Cannot resolve link \`${href}\`, expected a web address, a section file or an \`#anchor\``, {
        ruleId: 'link',
        place: node.position,
        hint: /^[a-z]+:/i.test(href) || href.startsWith('www.')
          ? 'Write web addresses in full, such as `https://example.org/page`.'
          : `Link to a section by its file name in this folder: ${[...options.sections.keys()].slice(0, 3).map((name) => `\`${name}\``).join(', ')}.`,
      });
    });
  };
}
