import type { Root } from 'mdast';
import type { ContainerDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';

/**
 * Mistakes the Markdown parser takes silently, found on the tree parsed once: a front matter that is opened
 * with `---` and never closed (the parser then reads it as text), a box (`:::callout` …) that is never
 * closed (every later box would nest inside it), and a box opening line the parser could not read (a missing
 * `]` or `}`), each at its own line. Returns true when the front matter is unclosed.
 */
export function checkSyntax(file: VFile, tree: Root): boolean {
  const unclosed = unclosedFrontMatter(file, tree);
  checkBoxes(file, tree);
  return unclosed;
}

/** A file that starts with `---` but whose front matter the parser did not find: its closing `---` is missing. */
function unclosedFrontMatter(file: VFile, tree: Root): boolean {
  const text = String(file.value);
  if (!/^---[ \t]*(\n|$)/.test(text) || tree.children[0]?.type === 'yaml') return false;
  reportError(file, 'Unexpected end of front matter: the front matter opened at line 1 is never closed with `---`', {
    ruleId: 'front-matter',
    place: { line: 1, column: 1 },
    hint: 'Add a line `---` after the last setting (such as `title: …`), before the text starts.',
  });
  return true;
}

const FENCE = /^(:{3,})/;

function fenceLength(text: string, offset: number | undefined): number {
  return offset === undefined ? 3 : (FENCE.exec(text.slice(offset))?.[1]?.length ?? 3);
}

/** Whether the box ends with its own closing line (`:::`), rather than where its parent or the file ends. */
function isClosed(text: string, node: ContainerDirective): boolean {
  const end = node.position?.end.offset;
  if (end === undefined) return true;
  const lineStart = text.lastIndexOf('\n', end - 1) + 1;
  return /^\s*:{3,}\s*$/.test(text.slice(lineStart, end)) && end > lineStart;
}

function checkBoxes(file: VFile, tree: Root): void {
  const text = String(file.value);
  const reported = new Set<ContainerDirective>();
  visit(tree, 'containerDirective', (node: ContainerDirective) => {
    if (reported.has(node)) return;
    const own = fenceLength(text, node.position?.start.offset);
    // A box inside a box needs a longer fence around it (`::::columns` … `:::callout` … `:::` … `::::`): a box
    // that starts inside one with the same fence means the first was never closed.
    const inner = node.children.find((child): child is ContainerDirective => child.type === 'containerDirective' && fenceLength(text, child.position?.start.offset) >= own);
    if (inner) {
      reported.add(node);
      // The inner box's closing line closed the outer one: the inner box is fine as written.
      reported.add(inner);
      unclosedBox(file, node, `Close it with a line \`:::\` before the box that starts at line ${inner.position?.start.line ?? '?'}.`);
      return;
    }
    if (!isClosed(text, node)) {
      reported.add(node);
      unclosedBox(file, node, 'Close it with a line `:::` after its last line of text.');
    }
  });
  visit(tree, 'paragraph', (node) => {
    const start = node.position?.start.offset;
    if (start === undefined || node.data?.directiveLabel) return;
    const firstLine = text.slice(start, text.indexOf('\n', start) < 0 ? undefined : text.indexOf('\n', start));
    if (!/^:{2,}[a-z]/i.test(firstLine)) return;
    reportError(file, `Unexpected box opening \`${firstLine.trim()}\`: ${openingProblem(firstLine)}`, {
      ruleId: 'directive',
      place: node.position?.start,
      hint: 'Write a box as `:::callout[Title]{.tip}` on a line of its own, then its text, then a line `:::`.',
    });
  });
}

function unclosedBox(file: VFile, node: ContainerDirective, hint: string): void {
  reportError(file, `Unexpected unclosed box \`:::${node.name}\`: the box opened here is never closed`, {
    ruleId: 'directive',
    place: node.position?.start,
    hint,
  });
}

/** What is wrong with an opening line the parser did not take as a box. */
function openingProblem(line: string): string {
  const count = (pattern: RegExp) => (line.match(pattern) ?? []).length;
  if (count(/\[/g) > count(/\]/g)) return 'missing `]` after the title';
  if (count(/\{/g) > count(/\}/g)) return 'missing `}` after the settings';
  if (count(/\]/g) > count(/\[/g)) return 'missing `[` before the title';
  return 'expected `:::name[Title]{settings}` with nothing after it';
}
