import type { TextBlock } from '../markdown/rehype-text-blocks.js';
import type { TextLine } from './read-text-lines.js';
import type { PageFrame } from './page-frame.js';

/** A block of text of a section file, with the file it was written in. */
export interface SourceBlock extends TextBlock {
  /** Path of the Markdown file (as its VFile has it). */
  file: string;
}

/** A printed line, with the block of the Markdown it belongs to. */
export interface PlacedLine extends TextLine {
  /** Index into the blocks, or undefined for text that is not from a section (covers, contents, figures, margins). */
  block?: number;
  /** The line ends in a hyphen: `soft` where a word was hyphenated, `hard` after a hyphen written in the text. */
  hyphen?: 'soft' | 'hard';
  /** Drawn in the top or bottom margin (running header, page number). */
  margin: boolean;
  /** Text of the block that should follow this line but is not in the PDF (clipped at the edge of its column). */
  missing?: string;
}

/** The rules of the typographic preflight. */
export const TYPESET_RULES = [
  'hyphen-fragment',
  'hyphen-last-line',
  'short-last-line',
  'hyphen-ladder',
  'hyphen-break',
  'heading-at-bottom',
  'lone-line',
  'overflow',
] as const;

export type TypesetRuleId = (typeof TYPESET_RULES)[number];

/** Fewest letters a line-end hyphen may leave on each side. */
export interface HyphenLimits {
  before: number;
  after: number;
}

/** One typographic defect of the printed PDF. */
export interface Finding {
  ruleId: TypesetRuleId;
  /** Page of the screen PDF, from 1. */
  page: number;
  /** The Markdown file and line of the block; absent for text that comes from the templates or strings. */
  file?: string;
  line?: number;
  column?: number;
  message: string;
  hint: string;
}

/** What every rule gets: the lines in the order drawn, with their blocks, and the page geometry. */
export interface RuleContext {
  lines: PlacedLine[];
  blocks: SourceBlock[];
  /** The lines of each block, in order, by block index. */
  linesOf: Map<number, PlacedLine[]>;
  frame: (page: number) => PageFrame;
  limits: HyphenLimits;
  /** Language of the document, for the hints. */
  lang: string;
}

/** A rule of the typographic preflight: reads the context, returns its findings. */
export type TypesetRule = (context: RuleContext) => Finding[];
