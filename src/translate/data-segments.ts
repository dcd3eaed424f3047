import type { Root } from 'mdast';
import type { Element, Root as HastRoot, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { inlineOfString } from './inline.js';
import type { Segment, SegmentKind } from './types.js';

/** Fields of index.md's front matter that are text for readers. */
const DOCUMENT_FIELDS = ['title', 'subtitle', 'description', 'keywords'];

function segment(file: VFile, name: string, id: string, kind: SegmentKind, value: string, start: number, end: number): Segment {
  const before = String(file.value).slice(0, start).split('\n');
  return { name, id, kind, text: value, inline: inlineOfString(value), context: 'plain', start, end, line: before.length, column: before.at(-1)!.length + 1, file };
}

/** UI strings by their dotted key; the replaceable part is the quoted JSON string. */
export function stringSegments(file: VFile, name: string): Segment[] {
  const out: Segment[] = [];
  const walk = (node: YamlNode | null, prefix: string) => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value as YamlNode | null;
      if (isScalar(value) && typeof value.value === 'string' && value.range) out.push(segment(file, name, `${prefix}${key}`, 'ui-string', value.value, value.range[0], value.range[1]));
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(parseDocument(String(file.value)).contents, '');
  return out;
}

/** Title, subtitle, description and keywords of index.md; the replaceable part is the YAML scalar as written. */
export function frontMatterSegments(file: VFile, tree: Root, name: string): Segment[] {
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  const start = yaml?.position?.start.offset;
  if (!yaml || start === undefined) return [];
  const text = String(file.value);
  const offset = text.indexOf('\n', start) + 1;
  const contents = parseDocument(yaml.value).contents;
  if (!isMap(contents)) return [];
  const out: Segment[] = [];
  const add = (id: string, node: unknown) => {
    if (isScalar(node) && typeof node.value === 'string' && node.range) out.push(segment(file, name, id, 'document-text', node.value, offset + node.range[0], offset + node.range[1]));
  };
  for (const pair of contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!DOCUMENT_FIELDS.includes(key)) continue;
    if (isSeq(pair.value)) pair.value.items.forEach((item, index) => add(`${key}.${index + 1}`, item));
    else add(key, pair.value);
  }
  return out;
}

/** The text an SVG figure prints (`<text>` and `<tspan>`), in document order; markup and white space around are kept. */
export function figureSegments(file: VFile, name: string): Segment[] {
  const out: Segment[] = [];
  const value = String(file.value);
  const tree: HastRoot = fromHtml(value, { fragment: true, space: 'svg' });
  // One text per <text> element; a label set on several lines (tspans) is one text with a line break per line.
  const labels = new Map<Element, Array<{ text: string; start: number; end: number }>>();
  visitParents(tree, 'text', (node: Text, ancestors) => {
    const parent = ancestors.at(-1) as Element | undefined;
    if (!parent || (parent.tagName !== 'text' && parent.tagName !== 'tspan')) return;
    const label = ([...ancestors].reverse().find((ancestor) => (ancestor as Element).tagName === 'text') ?? parent) as Element;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || !/\p{L}/u.test(node.value)) return;
    const raw = value.slice(start, end);
    const lines = labels.get(label) ?? [];
    lines.push({ text: node.value.trim(), start: start + raw.length - raw.trimStart().length, end: end - (raw.length - raw.trimEnd().length) });
    labels.set(label, lines);
  });
  for (const lines of labels.values()) {
    const made = segment(file, name, String(out.length + 1), 'figure-text', lines.map((line) => line.text).join('\n'), lines[0]!.start, lines.at(-1)!.end);
    if (lines.length > 1) made.lineBreaks = lines.slice(1).map((line, index) => value.slice(lines[index]!.end, line.start));
    out.push(made);
  }
  return out;
}
