import type { TextPage } from './read-text-lines.js';
import { matchLines, normalise } from './match-lines.js';
import { pageFrame, type FrameGeometry } from './page-frame.js';
import { hyphenBreak, hyphenFragment, hyphenLadder, hyphenLastLine } from './rules/hyphenation.js';
import { headingAtBottom, loneLine, shortLastLine } from './rules/page-breaks.js';
import { overflow } from './rules/overflow.js';
import type { Finding, HyphenLimits, PlacedLine, RuleContext, SourceBlock, TypesetRule } from './types.js';

export type { Finding, HyphenLimits, SourceBlock } from './types.js';

/** The rules, in the order their findings are listed for a page. */
const RULES: TypesetRule[] = [hyphenFragment, hyphenLastLine, shortLastLine, hyphenLadder, hyphenBreak, headingAtBottom, loneLine, overflow];

/** What the typographic preflight needs besides the PDF. */
export interface TypographicPreflightOptions {
  /** Language of the document, for the hints. */
  lang: string;
  /** Fewest letters a line-end hyphen may leave on each side (brochure.yaml `hyphenLimits`). */
  limits: HyphenLimits;
  /** The blocks of text of the sections, in document order, with their files and lines. */
  blocks: SourceBlock[];
  /** Trim size and margins, in millimetres. */
  geometry: FrameGeometry;
  /** Text set over the pages on purpose, such as the draft band (in any case, wrapped or not): left out. */
  ignore?: string[];
}

/**
 * The typographic preflight of a printed PDF, from where every line was set (read-text-lines.ts): finds each
 * line in the Markdown blocks, and reports bad hyphenation, short and lone last lines, hyphen ladders, words
 * hyphenated over a page or column, headings at the foot of a page, lone lines of a paragraph and text running
 * out of its column or into the margin. Findings are sorted by page; they say nothing of severity.
 */
export function checkPages(pages: TextPage[], options: TypographicPreflightOptions): Finding[] {
  const frame = (page: number) => pageFrame(page, options.geometry);
  const ignored = (options.ignore ?? []).map((text) => normalise(text).toUpperCase()).filter(Boolean);
  const kept = ignored.length === 0 ? pages : pages.map((page) => ({ ...page, lines: page.lines.filter((line) => !ignored.some((text) => text.includes(normalise(line.text).toUpperCase()))) }));
  const lines = matchLines(kept, options.blocks, frame);
  const linesOf = new Map<number, PlacedLine[]>();
  for (const line of lines) {
    if (line.block === undefined) continue;
    const list = linesOf.get(line.block);
    if (list) list.push(line);
    else linesOf.set(line.block, [line]);
  }
  const context: RuleContext = { lines, blocks: options.blocks, linesOf, frame, limits: options.limits, lang: options.lang };
  const findings = RULES.flatMap((rule) => rule(context));
  return findings.map((entry, order) => ({ entry, order })).sort((a, b) => a.entry.page - b.entry.page || a.order - b.order).map(({ entry }) => entry);
}
