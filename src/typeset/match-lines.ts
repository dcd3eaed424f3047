import type { TextPage } from './read-text-lines.js';
import type { PageFrame } from './page-frame.js';
import type { PlacedLine, SourceBlock } from './types.js';

/** Text in the margin band beyond this (mm) from the text area is a running header or a page number. */
const MARGIN_TOLERANCE = 1;
/** How many of the following lines may confirm where a block starts (a figure's labels may come between). */
const LOOKAHEAD = 40;

/** Text as compared: compatibility forms folded (ligatures), no white space, no soft hyphens. */
export function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u00ad\u200b\u2060\ufeff]/gu, '').replace(/\u2011/g, '-');
}

const HYPHEN_END = /[-\u2010]$/u;

type Variant = { text: string; hyphen?: 'soft' | 'hard' };

/** The number or bullet an ordered or unordered list draws before its first line (not in the source's text). */
const LIST_MARKER = /^(?:\d{1,3}[.)]|[a-z][.)]|[•◦▪‣–])/u;

/**
 * A line's text as it may be written in the source: with its final hyphen (written) or without (hyphenation),
 * and with or without a list marker in front.
 */
function variants(text: string): Variant[] {
  if (text === '') return [];
  const bases = LIST_MARKER.test(text) && text.replace(LIST_MARKER, '') !== '' ? [text, text.replace(LIST_MARKER, '')] : [text];
  return bases.flatMap((base): Variant[] =>
    HYPHEN_END.test(base) ? [{ text: base, hyphen: 'hard' }, ...(base.length > 1 ? [{ text: base.slice(0, -1), hyphen: 'soft' as const }] : [])] : [{ text: base }],
  );
}

/**
 * Finds each printed line in the text of the Markdown blocks. Lines of running text follow the blocks one after
 * the other: a line goes on where the last one ended, or starts a later block. A block's start is only taken
 * when one of the next lines goes on right after it and none before that repeats it, so that the contents page
 * (which repeats the headings) or a figure label does not take a block's place. A line ending in a hyphen is a hyphenated word (`soft`) when
 * the text has no hyphen there, and a break after a written hyphen (`hard`) otherwise. Lines in the margins,
 * and lines not found (figures, covers, contents), keep no block.
 */
export function matchLines(pages: TextPage[], blocks: SourceBlock[], frame: (page: number) => PageFrame): PlacedLine[] {
  const starts: number[] = [];
  let stream = '';
  for (const block of blocks) {
    starts.push(stream.length);
    stream += normalise(block.text);
  }
  const placed: PlacedLine[] = pages.flatMap((page) => {
    const area = frame(page.page);
    return page.lines.map((line) => ({ ...line, margin: line.baseline < area.top - MARGIN_TOLERANCE || line.top > area.bottom + MARGIN_TOLERANCE }));
  });
  const texts = placed.map((line) => (line.margin ? [] : variants(normalise(line.text))));
  const isStart = new Set(starts);
  const blockAt = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  };
  const at = (index: number, position: number) => texts[index]!.find((variant) => stream.startsWith(variant.text, position));
  // A later line that goes on right after it confirms a block's start, unless a line in between repeats it: then
  // that one is the block's start (the contents page repeats the headings before the sections print them).
  const confirmed = (index: number, start: number, end: number) => {
    if (end === stream.length) return true;
    for (let next = index + 1, seen = 0; next < placed.length && seen < LOOKAHEAD; next++) {
      if (texts[next]!.length === 0) continue;
      seen++;
      if (at(next, end)) return true;
      if (at(next, start)) return false;
    }
    return false;
  };

  let cursor = 0;
  let previous = -1;
  // Text of the block being read that no line printed, right after the last matched line: it was clipped. Only
  // when no unmatched line came between (that one would hold the text, printed in a way not recognised).
  const noteMissing = (upTo: number, index: number) => {
    if (previous < 0 || upTo <= cursor) return;
    for (let between = previous + 1; between < index; between++) if (texts[between]!.length > 0) return;
    placed[previous]!.missing = stream.slice(cursor, upTo);
  };
  for (const [index, line] of placed.entries()) {
    if (texts[index]!.length === 0 || blocks.length === 0) continue;
    let found: { position: number; variant: Variant } | undefined;
    // Going on in the block being read: right where the last line ended, or a little further if a line was missed.
    if (!isStart.has(cursor)) {
      const blockEnd = starts[blockAt(cursor) + 1] ?? stream.length;
      for (const variant of texts[index]!) {
        const position = stream.indexOf(variant.text, cursor);
        if (position >= 0 && position + variant.text.length <= blockEnd && (!found || position < found.position)) found = { position, variant };
      }
    }
    // Or starting a block: the next one, or a later one, when a following line confirms it.
    for (let block = blockAt(cursor) + (isStart.has(cursor) ? 0 : 1); !found && block < starts.length; block++) {
      const variant = at(index, starts[block]!);
      if (variant && confirmed(index, starts[block]!, starts[block]! + variant.text.length)) found = { position: starts[block]!, variant };
    }
    if (!found) continue;
    const current = isStart.has(cursor) ? undefined : blockAt(cursor);
    if (current !== undefined) noteMissing(blockAt(found.position) === current ? found.position : (starts[current + 1] ?? stream.length), index);
    line.block = blockAt(found.position);
    if (found.variant.hyphen) line.hyphen = found.variant.hyphen;
    cursor = found.position + found.variant.text.length;
    previous = index;
  }
  if (cursor > 0 && !isStart.has(cursor)) noteMissing(starts[blockAt(cursor) + 1] ?? stream.length, placed.length);
  return placed;
}
