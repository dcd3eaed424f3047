import path from 'node:path';
import type { Image, Nodes, Root } from 'mdast';
import { SKIP, visitParents } from 'unist-util-visit-parents';
import type { VFile } from 'vfile';
import { FIGURES_FOLDER } from '../content/read-language.js';
import type { ParsedLanguage } from '../markdown/parse-language.js';
import { inlineOf, plainText, type Context, type Inline } from './inline.js';
import type { Segment, SegmentKind } from './types.js';

export type { Segment, SegmentKind } from './types.js';
import { figureSegments, frontMatterSegments, stringSegments } from './data-segments.js';

const made = new WeakMap<ParsedLanguage, Map<string, Segment[]>>();

/** Every translatable text of a language, file by file, in reading order (made once per parsed language). */
export function segmentsOf(language: ParsedLanguage): Map<string, Segment[]> {
  const known = made.get(language);
  if (known) return known;
  const files = new Map<string, Segment[]>();
  made.set(language, files);
  const nameOf = (file: VFile) => path.relative(language.folder, file.path).split(path.sep).join('/');
  if (language.documentTree) files.set(nameOf(language.document), frontMatterSegments(language.document, language.documentTree, nameOf(language.document)));
  for (const { file, tree, unreadable } of language.parsed.values()) if (!unreadable) files.set(nameOf(file), markdownSegments(file, tree, nameOf(file)));
  if (language.stringTree) files.set(nameOf(language.strings), stringSegments(language.strings, nameOf(language.strings)));
  for (const figure of language.figures) files.set(`${FIGURES_FOLDER}/${figure.basename}`, figureSegments(figure, `${FIGURES_FOLDER}/${figure.basename}`));
  return files;
}

/** The translatable texts of a section: block by block, with box titles, alt texts and captions apart. */
export function markdownSegments(file: VFile, tree: Root, name: string): Segment[] {
  const text = String(file.value);
  const out: Segment[] = [];
  const add = (kind: SegmentKind, inline: Inline, start: number, end: number, context: Context) => {
    if (!/\p{L}/u.test(plainText(inline))) return; // Numbers and codes alone need no translation.
    const before = text.slice(0, start).split('\n');
    out.push({ name, id: String(out.length + 1), kind, text: text.slice(start, end), inline, context, start, end, line: before.length, column: before.at(-1)!.length + 1, file });
  };
  visitParents(tree, (node: Nodes, ancestors: Nodes[]) => {
    if (node.type !== 'heading' && node.type !== 'paragraph' && node.type !== 'tableCell') return undefined;
    if (node.children.length === 0 || !node.children[0]!.position || !node.children.at(-1)!.position) return SKIP;
    const parent = ancestors.at(-1);
    const only = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''));
    if (node.type === 'paragraph' && only.length === 1 && only[0]!.type === 'image') {
      const alt = altRange(text, only[0] as Image);
      if (alt) add('alt-text', [(only[0] as Image).alt ?? ''], alt.start, alt.end, 'bracket');
      return SKIP;
    }
    const start = node.children[0]!.position!.start.offset!;
    const end = node.children.at(-1)!.position!.end.offset!;
    const inline = inlineOf(node.children, text);
    if (node.type === 'heading') add('heading', inline, start, end, 'block');
    else if (node.type === 'tableCell') add('table-cell', inline, start, end, 'cell');
    else if (node.data?.directiveLabel) add('box-title', inline, start, end, 'bracket');
    else if (parent?.type === 'listItem') add('list-item', inline, start, end, 'block');
    else if (parent?.type === 'containerDirective' && parent.name === 'figure') add('caption', inline, start, end, 'block');
    else add('paragraph', inline, start, end, 'block');
    return SKIP;
  });
  return out;
}

/** The offsets of an image's alt text between `![` and its `]`. */
function altRange(text: string, image: Image): { start: number; end: number } | undefined {
  const start = image.position?.start.offset;
  if (start === undefined || text.slice(start, start + 2) !== '![') return undefined;
  let depth = 0;
  for (let at = start + 2; at < text.length; at++) {
    const char = text[at];
    if (char === '\\') at++;
    else if (char === '[') depth++;
    else if (char === ']') {
      if (depth === 0) return { start: start + 2, end: at };
      depth--;
    }
  }
  return undefined;
}

/**
 * The segments of a translation paired with the source's: UI strings and front matter by key, the others by
 * their place in the file, when both files have the same kinds of text in the same order. Undefined when they
 * do not (the translation's structure differs: it has to be fixed in the file itself).
 */
export function pairSegments(source: Segment[], target: Segment[]): Map<Segment, Segment | undefined> | undefined {
  const keyed = source[0]?.kind === 'ui-string' || source[0]?.kind === 'document-text';
  if (keyed) {
    const byId = new Map(target.map((segment) => [segment.id, segment]));
    return new Map(source.map((segment) => [segment, byId.get(segment.id)]));
  }
  if (source.length !== target.length || source.some((segment, index) => segment.kind !== target[index]!.kind)) return undefined;
  return new Map(source.map((segment, index) => [segment, target[index]]));
}
