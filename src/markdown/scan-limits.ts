import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';
import { LIMITS } from './remark-limits.js';

/**
 * Budgets of one Markdown file, counted on its text before it is parsed. The Markdown parser takes time that
 * grows faster than the text for some shapes (measured with micromark 4: 10,000 nested list markers on one
 * line, 5,000 emphasis marks or 20,000 footnotes in one file take from seconds to minutes), so these are
 * counted in one pass over the characters first. Real brochure sections stay far below each (the shipped ones:
 * under 100 lines, 80 emphasis marks, 15 brackets).
 */
export const SCAN_LIMITS = {
  /** Lines of one file. */
  lines: 10_000,
  /** `*`, `_` and `~` in one file: emphasis, strong and strikethrough marks (5,000 alternating ones: 3–4 s). */
  emphasisMarks: 2_000,
  /** `[` in one file: links, images, footnotes, task boxes. */
  brackets: 5_000,
  /** Footnote references and definitions (`[^`) in one file. */
  footnotes: 500,
  /** HTML tags (`<` followed by a letter or `/`) in one file. */
  tags: 5_000,
  /** `:::` blocks opened in one file. */
  directives: 1_000,
};

/** HTML elements that never nest: void elements and those whose end tag may be left out. */
const NOT_NESTING = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'rt', 'rp']);

const HTML_TAG = /<(\/?)([a-z][a-z0-9-]*)[^<>]*?(\/?)>/iy;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const CONTAINER_MARKER = /(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/y;

interface Problem {
  reason: string;
  line: number;
  column: number;
  hint: string;
}

/**
 * Counts, in one pass over the text of a Markdown file, what makes parsing slow or the syntax tree deep:
 * lines, nesting of lists, quotes, boxes and HTML, table rows and cells, emphasis marks, brackets, footnotes
 * and tags. Reports the first budget exceeded as an error at the line where it was exceeded and returns false;
 * the file must then not be parsed.
 */
export function scanLimits(file: VFile): boolean {
  const problem = findProblem(String(file.value));
  if (!problem) return true;
  reportError(file, problem.reason, { ruleId: 'limit', place: { line: problem.line, column: problem.column }, hint: problem.hint });
  return false;
}

function findProblem(text: string): Problem | undefined {
  const lines = text.split('\n');
  if (lines.length > SCAN_LIMITS.lines) {
    return { reason: `Unexpected length of ${lines.length} lines, expected at most ${SCAN_LIMITS.lines}`, line: SCAN_LIMITS.lines + 1, column: 1, hint: 'Split the text into several section files.' };
  }
  const counts = { emphasisMarks: 0, brackets: 0, footnotes: 0, tags: 0, directives: 0 };
  let directiveDepth = 0;
  let htmlDepth = 0;
  let table: { start: number; rows: number; cells: number } | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const at = (column: number, reason: string, hint: string): Problem => ({ reason, line: index + 1, column, hint });
    const depth = containerDepth(line);
    if (depth > LIMITS.depth) return at(1, `Unexpected nesting about ${depth} levels deep (lists and quotes), expected at most ${LIMITS.depth}`, 'Lists inside quotes inside lists…: flatten the structure.');

    if (/^\s*:{3,}\s*[a-z]/i.test(line)) {
      directiveDepth++;
      if (++counts.directives > SCAN_LIMITS.directives) return at(1, `Unexpected number of \`:::\` blocks, expected at most ${SCAN_LIMITS.directives} in one file`, 'Split the text into several section files.');
      if (directiveDepth > LIMITS.depth) return at(1, `Unexpected nesting of \`:::\` blocks ${directiveDepth} levels deep, expected at most ${LIMITS.depth}`, 'Close each block with a line `:::` before opening the next.');
    } else if (/^\s*:{3,}\s*$/.test(line)) directiveDepth = Math.max(0, directiveDepth - 1);

    if (line.trim() === '') table = undefined;
    else if (table) {
      table.rows++;
      table.cells += cellsOf(line);
    } else if (line.includes('|') && TABLE_DELIMITER.test(lines[index + 1] ?? '') && lines[index + 1]!.includes('-')) {
      table = { start: index + 1, rows: 1, cells: cellsOf(line) };
    }
    if (table && (table.rows > LIMITS.tableRows || table.cells > LIMITS.tableCells)) {
      return { reason: `Unexpected table of more than ${table.rows > LIMITS.tableRows ? `${LIMITS.tableRows} rows` : `${LIMITS.tableCells} cells`}, expected at most ${LIMITS.tableRows} rows and ${LIMITS.tableCells} cells`, line: table.start, column: 1, hint: 'A brochure page holds a few dozen rows: split the table or put the data in an annex.' };
    }

    for (let column = 0; column < line.length; column++) {
      const char = line[column]!;
      if (char === '*' || char === '_' || char === '~') {
        if (++counts.emphasisMarks > SCAN_LIMITS.emphasisMarks) return at(column + 1, `Unexpected number of \`*\`, \`_\` and \`~\` marks, expected at most ${SCAN_LIMITS.emphasisMarks} in one file`, 'Use emphasis sparingly, or split the text into several section files.');
      } else if (char === '[') {
        if (++counts.brackets > SCAN_LIMITS.brackets) return at(column + 1, `Unexpected number of \`[\` brackets, expected at most ${SCAN_LIMITS.brackets} in one file`, 'Split the text into several section files.');
        if (line[column + 1] === '^' && ++counts.footnotes > SCAN_LIMITS.footnotes) return at(column + 1, `Unexpected number of footnotes, expected at most ${SCAN_LIMITS.footnotes} references and definitions in one file`, 'A brochure page holds a few notes: move long lists of references into an annex.');
      } else if (char === '<' && /[a-z/]/i.test(line[column + 1] ?? '')) {
        if (++counts.tags > SCAN_LIMITS.tags) return at(column + 1, `Unexpected number of HTML tags, expected at most ${SCAN_LIMITS.tags} in one file`, 'Use Markdown instead of HTML.');
        HTML_TAG.lastIndex = column;
        const tag = HTML_TAG.exec(line);
        if (tag && !NOT_NESTING.has(tag[2]!.toLowerCase()) && tag[3] !== '/') {
          htmlDepth = tag[1] ? Math.max(0, htmlDepth - 1) : htmlDepth + 1;
          if (htmlDepth > LIMITS.depth) return at(column + 1, `Unexpected HTML nested ${htmlDepth} levels deep, expected at most ${LIMITS.depth}`, 'Use Markdown instead of HTML, and close every tag you open.');
        }
      }
    }
  }
  return undefined;
}

/**
 * How deep the containers a line opens can be nested: one level per list marker or `>` at its start, and one
 * per two columns of indentation before them (a nested list item is indented by at least two). A line
 * without a marker opens nothing.
 */
function containerDepth(line: string): number {
  let index = 0;
  let indent = 0;
  for (; line[index] === ' ' || line[index] === '\t'; index++) indent += line[index] === '\t' ? 4 : 1;
  let markers = 0;
  // Markers are short: a line of 10,000 of them is cut off as soon as it passes the limit.
  while (markers <= LIMITS.depth) {
    CONTAINER_MARKER.lastIndex = index;
    const match = CONTAINER_MARKER.exec(line);
    if (!match) break;
    markers++;
    index += match[0].length;
    while (line[index] === ' ' || line[index] === '\t') index++;
  }
  return markers === 0 ? 0 : markers + Math.floor(indent / 2);
}

/** Cells of a table row as written: one fewer than its pipes, at least one. */
function cellsOf(line: string): number {
  let pipes = 0;
  for (let index = 0; index < line.length; index++) if (line[index] === '|' && line[index - 1] !== '\\') pipes++;
  const trimmed = line.trim();
  return Math.max(1, pipes + 1 - (trimmed.startsWith('|') ? 1 : 0) - (trimmed.endsWith('|') && !trimmed.endsWith('\\|') ? 1 : 0));
}
