import type { Nodes, PhrasingContent } from 'mdast';
import { toMarkdown } from 'mdast-util-to-markdown';

/** Kinds of inline Markdown a translator must keep: pairs around text, and codes that stand alone. */
export type PlaceholderKind = 'bold' | 'italic' | 'link' | 'strike' | 'code' | 'nbsp' | 'break' | 'html' | 'footnote' | 'image' | 'variable' | 'other';

/** A protected placeholder: `native` is the Markdown (or `{{name}}`) it stands for, never shown for editing. */
export interface Placeholder {
  tag: 'open' | 'close' | 'self';
  /** Numbered in the order the placeholders open in the source; a pair shares its id. */
  id: number;
  kind: PlaceholderKind;
  native: string;
}

/** A translatable text: plain text and protected placeholders, in order. */
export type Inline = Array<string | Placeholder>;

const PAIRED: Partial<Record<string, PlaceholderKind>> = { strong: 'bold', emphasis: 'italic', link: 'link', linkReference: 'link', delete: 'strike' };
const SELF: Partial<Record<string, PlaceholderKind>> = { inlineCode: 'code', break: 'break', html: 'html', footnoteReference: 'footnote', image: 'image', imageReference: 'image' };

/** The inline content of Markdown phrasing nodes, read from the file's text so that every code is kept as written. */
export function inlineOf(children: readonly PhrasingContent[], text: string): Inline {
  const out: Inline = [];
  let next = 1;
  const slice = (node: Nodes) => text.slice(node.position!.start.offset!, node.position!.end.offset!);
  const walk = (nodes: readonly Nodes[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        // A no-break space is a placeholder: translation tools show it, and it is easy to lose when retyping.
        node.value.split('\u00a0').forEach((part, index) => {
          if (index > 0) out.push({ tag: 'self', id: next++, kind: 'nbsp', native: '\u00a0' });
          if (part) out.push(part);
        });
        continue;
      }
      const children = 'children' in node ? (node.children as Nodes[]) : [];
      const paired = PAIRED[node.type];
      if (paired && children.length > 0 && node.position && children[0]!.position) {
        const start = node.position.start.offset!;
        const first = children[0]!.position!.start.offset!;
        const last = children.at(-1)!.position!.end.offset!;
        const id = next++;
        out.push({ tag: 'open', id, kind: paired, native: text.slice(start, first) });
        walk(children);
        out.push({ tag: 'close', id, kind: paired, native: text.slice(last, node.position.end.offset!) });
        continue;
      }
      out.push({ tag: 'self', id: next++, kind: SELF[node.type] ?? 'other', native: node.position ? slice(node) : '' });
    }
  };
  walk(children as Nodes[]);
  return merge(out);
}

/** `{{name}}` placeholders of a UI string as protected placeholders. */
export function inlineOfString(value: string): Inline {
  const out: Inline = [];
  let next = 1;
  let last = 0;
  for (const match of value.matchAll(/\{\{[^{}]*\}\}|\u00a0/g)) {
    if (match.index > last) out.push(value.slice(last, match.index));
    out.push({ tag: 'self', id: next++, kind: match[0] === '\u00a0' ? 'nbsp' : 'variable', native: match[0] });
    last = match.index + match[0].length;
  }
  if (last < value.length) out.push(value.slice(last));
  return out;
}

/** Text runs side by side joined into one. */
function merge(inline: Inline): Inline {
  const out: Inline = [];
  for (const part of inline) {
    if (typeof part === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += part;
    else out.push(part);
  }
  return out;
}

/** What a reader sees: the text with the placeholders' own text (a link's words), without the codes. */
export function plainText(inline: Inline): string {
  return inline.map((part) => (typeof part === 'string' ? part : part.kind === 'nbsp' ? ' ' : part.tag === 'self' && part.kind === 'code' ? part.native.replace(/^`+|`+$/g, '') : '')).join('');
}

/** Words of a text, as translation agencies count them. */
export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}][\p{L}\p{N}'’‑-]*/gu) ?? []).length;
}

/** Where a text goes, for what it must escape: a table cell cannot hold `|`, a title or alt text no bare `]`. */
export type Context = 'block' | 'cell' | 'bracket' | 'plain';

/**
 * Markdown for a translated text: its text escaped where Markdown would read it as syntax, its placeholders
 * as their codes. `plain` (UI strings, SVG text, front matter) is written as it is.
 */
export function toMarkdownText(inline: Inline, context: Context): string {
  if (context === 'plain') return inline.map((part) => (typeof part === 'string' ? part : part.native)).join('');
  return inline
    .map((part, index) => {
      if (typeof part !== 'string') return part.native;
      let escaped = escapeText(part);
      if (index === 0) escaped = escaped.replace(/^(#{1,6}(?=\s)|[-+*>](?=\s)|\d+(?=[.)]\s))/, (match) => `\\${match}`.replace(/^\\(\d+)/, '$1\\'));
      if (context === 'cell') escaped = escaped.replace(/(?<!\\)\|/g, '\\|');
      if (context === 'bracket') escaped = escaped.replace(/(?<!\\)([[\]])/g, '\\$1');
      return escaped;
    })
    .join('');
}

/** Text escaped by mdast-util-to-markdown; letters around it keep its own spaces from being encoded. */
function escapeText(value: string): string {
  if (!/[\\`*_[\]<>&#!~|]/.test(value)) return value;
  const written = toMarkdown({ type: 'paragraph', children: [{ type: 'text', value: `a${value}a` }] }).replace(/\n$/, '');
  return written.slice(1, -1);
}
