import crypto from 'node:crypto';
import type { Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';

/** A top-level block of a section (heading, paragraph, list, table, directive…), fingerprinted. */
export interface Block {
  type: string;
  /** sha256 of the block's Markdown with white space folded, first 16 hex digits. */
  hash: string;
  line: number;
  /** The block's text, shortened, for messages. */
  excerpt: string;
}

/** The blocks of a section, front matter excluded, in order. */
export function sectionBlocks(tree: Root, file: VFile): Block[] {
  const text = String(file.value);
  return tree.children
    .filter((node): node is Exclude<RootContent, { type: 'yaml' }> => node.type !== 'yaml')
    .map((node) => {
      const start = node.position?.start.offset ?? 0;
      const end = node.position?.end.offset ?? start;
      const source = text.slice(start, end).replace(/\s+/g, ' ').trim();
      const plain = toString(node).replace(/\s+/g, ' ').trim();
      return {
        type: node.type,
        hash: crypto.createHash('sha256').update(source).digest('hex').slice(0, 16),
        line: node.position?.start.line ?? 1,
        excerpt: shorten(plain, 60),
      };
    });
}

/** Text cut at a word boundary to at most `length` characters, with an ellipsis when cut. */
export function shorten(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = text.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}
