import type { Finding, PlacedLine, TypesetRule } from '../types.js';
import { finding, quote } from './words.js';

/** Ink may stand out of the text area by this much (mm): italics, punctuation hanging a little. */
const TOLERANCE = 0.5;
const HINT = 'A word or a line too long for its place: shorten it, allow it to break (a long address or number), or make the column wider.';

/** What is printed in the margins on purpose: the page number at the foot, the running header at the head. */
function marginMark(line: PlacedLine): boolean {
  return /^\d{1,4}$/.test(line.text) || line.size <= 7.5;
}

/** Text that runs into the margin, or past its column into the text beside it. */
export const overflow: TypesetRule = (context) => {
  const findings: Finding[] = [];
  for (const line of context.lines) {
    const area = context.frame(line.page);
    if (line.margin) {
      if (line.top > area.bottom && !marginMark(line)) {
        findings.push(finding(context, 'overflow', line, `Unexpected text ${quote(line.text)} running into the bottom margin on page ${line.page}`, HINT));
      }
      continue;
    }
    if (line.missing) {
      findings.push(
        finding(context, 'overflow', line, `Unexpected text ${quote(line.text)} cut off at the edge of its column on page ${line.page}: ${quote(line.missing)} is not printed`, HINT),
      );
      continue;
    }
    const side = line.right > area.right + TOLERANCE ? { name: 'right', by: line.right - area.right } : line.left < area.left - TOLERANCE ? { name: 'left', by: area.left - line.left } : undefined;
    if (side) {
      findings.push(finding(context, 'overflow', line, `Unexpected text ${quote(line.text)} running ${side.by.toFixed(1)} mm into the ${side.name} margin on page ${line.page}`, HINT));
    }
  }
  // Two pieces of text of the same size on one baseline that overlap: one ran past its column or table cell.
  const byPage = new Map<number, PlacedLine[]>();
  for (const line of context.lines) if (!line.margin) byPage.set(line.page, [...(byPage.get(line.page) ?? []), line]);
  for (const lines of byPage.values()) {
    for (const [index, line] of lines.entries()) {
      for (const other of lines.slice(index + 1)) {
        if (Math.abs(other.baseline - line.baseline) > 0.3 || Math.abs(other.size - line.size) > 0.3) continue;
        const [left, right] = line.left <= other.left ? [line, other] : [other, line];
        if (left.right - right.left <= TOLERANCE) continue;
        findings.push(
          finding(context, 'overflow', left, `Unexpected text ${quote(left.text)} running past its column into ${quote(right.text)} on page ${line.page}`, HINT),
        );
      }
    }
  }
  return findings;
};
