import type { VFile } from 'vfile';
import type { Context, Inline } from './inline.js';

/** What a translatable text is, for the translator's note and for how it is written back. */
export type SegmentKind = 'heading' | 'paragraph' | 'list-item' | 'table-cell' | 'box-title' | 'alt-text' | 'caption' | 'figure-text' | 'ui-string' | 'document-text';

/** One translatable text of a file: a heading, paragraph, list item, table cell, box title, alt text, caption, SVG text or UI string. */
export interface Segment {
  /** The file, relative to the language folder: `02-circular-economy.md`, `strings.json`, `figures/x.svg`. */
  name: string;
  /** Unique in the file: its number in reading order, or the key of a UI string or front matter field. */
  id: string;
  kind: SegmentKind;
  /** The text as written in the file (Markdown in Markdown files, the value itself elsewhere). */
  text: string;
  inline: Inline;
  /** What its text must escape when written back. */
  context: Context;
  /** Offsets of the written form in the file: what an import replaces. */
  start: number;
  end: number;
  /** An SVG label set on several lines (tspans): the markup between its lines, which an import keeps. */
  lineBreaks?: string[];
  line: number;
  column: number;
  file: VFile;
}
