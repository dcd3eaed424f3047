import type { Finding, PlacedLine, TypesetRule } from '../types.js';
import { finding, quote, widthOf } from './words.js';

/** Blocks of running text: what the last-line and page-break rules apply to (not headings, not table cells). */
const RUNNING = new Set(['paragraph', 'list-item', 'caption']);
/** A last line shorter than this share of the block's longest line is short. */
const SHORT_SHARE = 0.25;

/** A paragraph, list item or caption whose last line is one short word. */
export const shortLastLine: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const [index, lines] of context.linesOf) {
    if (!RUNNING.has(context.blocks[index]!.kind) || lines.length < 2) continue;
    const last = lines.at(-1)!;
    if (last.text.includes(' ') || lines.at(-2)!.hyphen === 'soft') continue; // The hyphen's own rule reports that.
    const measure = Math.max(...lines.map(widthOf));
    if (widthOf(last) >= SHORT_SHARE * measure) continue;
    findings.push(
      finding(context, 'short-last-line', last, `Unexpected one-word last line ${quote(last.text)} on page ${last.page}`, 'Reword the paragraph a little so that its last line holds at least two words.'),
    );
  }
  return findings;
};

/** The lines of running text of the page that follow `line`, up to the next heading. */
function followers(lines: PlacedLine[], from: number, isHeading: (line: PlacedLine) => boolean): { onPage: number; next: PlacedLine | undefined } {
  const page = lines[from]!.page;
  let onPage = 0;
  for (let index = from + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.margin || line.block === undefined) continue;
    if (line.page !== page || isHeading(line)) return { onPage, next: line };
    onPage++;
  }
  return { onPage, next: undefined };
}

/** How close to the foot of the text area (mm) a heading is in "the last lines of a page": about five lines. */
const FOOT = 25;

/**
 * A heading in the last lines of a page with fewer than two lines of its text after it there, its text going
 * on overleaf. A heading higher up a page that ends early (a page break written in the text) is not one.
 */
export const headingAtBottom: TypesetRule = (context) => {
  const findings: Finding[] = [];
  const isHeading = (line: PlacedLine) => context.blocks[line.block!]!.kind === 'heading';
  for (const [block, lines] of context.linesOf) {
    if (context.blocks[block]!.kind !== 'heading') continue;
    const last = lines.at(-1)!;
    if (last.baseline < context.frame(last.page).bottom - FOOT) continue;
    const { onPage, next } = followers(context.lines, context.lines.indexOf(last), isHeading);
    if (onPage >= 2 || !next || next.page === last.page || isHeading(next)) continue;
    const text = lines.map((line) => line.text).join(' ');
    findings.push(
      finding(
        context,
        'heading-at-bottom',
        last,
        `Unexpected heading ${quote(text)} in the last lines of page ${last.page}, with ${onPage === 0 ? 'no line' : '1 line'} of its text below it`,
        'A heading belongs with at least two lines of its text: shorten the text before it a little, or start the part on the next page with `::pagebreak`.',
      ),
    );
  }
  return findings;
};

/** A paragraph split over two pages with one line alone at the foot of the first or the top of the second. */
export const loneLine: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const [index, lines] of context.linesOf) {
    if (!RUNNING.has(context.blocks[index]!.kind) || lines.length < 2) continue;
    const first = lines[0]!;
    const last = lines.at(-1)!;
    if (first.page === last.page) continue;
    const hint = 'Keep at least two lines of a paragraph together: shorten or lengthen the text before it by a line, or reword the paragraph a little.';
    if (lines.filter((line) => line.page === first.page).length === 1) {
      findings.push(finding(context, 'lone-line', first, `Unexpected single first line of a paragraph alone at the foot of page ${first.page}`, hint));
    }
    if (lines.filter((line) => line.page === last.page).length === 1) {
      findings.push(finding(context, 'lone-line', last, `Unexpected single last line of a paragraph alone at the top of page ${last.page}`, hint));
    }
  }
  return findings;
};
