import type { Root, Nodes, Parent } from 'mdast';
import type { VFile } from 'vfile';
import { reportError } from '../report/messages.js';

/** Limits that stop hostile or broken Markdown before it can exhaust the stack or the time of a build. */
export const LIMITS = {
  /** Nested blocks and inlines (lists in quotes in lists…); real brochures stay under 10. */
  depth: 40,
  /** Rows of one table. */
  tableRows: 300,
  /** Cells of one table. */
  tableCells: 3000,
  /** Nodes in one section file. */
  nodes: 200_000,
  /** Footnote definitions in one section file (each is printed at the end of the section). */
  footnotes: 300,
};

/**
 * Refuses Markdown nested deeper, or tables larger, than a brochure ever needs, with the position of the
 * offending block; the section's content is then dropped so that no later stage works on it.
 */
export default function remarkLimits() {
  return (tree: Root, file: VFile) => {
    if (!checkTreeLimits(tree, file)) tree.children = [];
  };
}

/**
 * Walks a syntax tree without recursion and reports, at its position, the first node nested deeper than
 * LIMITS.depth, the first table over its rows or cells, too many footnotes or too many nodes. Returns false
 * when a limit was passed: later stages (several of which recurse) must not work on the tree.
 */
export function checkTreeLimits(tree: Root, file: VFile): boolean {
  let nodes = 0;
  let footnotes = 0;
  const stack: Array<{ node: Nodes; depth: number }> = [{ node: tree, depth: 0 }];
  const refuse = (reason: string, place: Nodes['position'], hint: string) => {
    reportError(file, reason, { ruleId: 'limit', place, hint });
    return false;
  };
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    nodes++;
    if (depth > LIMITS.depth) {
      return refuse(`Unexpected nesting ${depth} levels deep, expected at most ${LIMITS.depth}`, node.position, 'Lists inside quotes inside lists…: flatten the structure.');
    }
    if (node.type === 'table') {
      const cells = node.children.reduce((sum, row) => sum + row.children.length, 0);
      if (node.children.length > LIMITS.tableRows || cells > LIMITS.tableCells) {
        return refuse(`Unexpected table of ${node.children.length} rows and ${cells} cells, expected at most ${LIMITS.tableRows} rows and ${LIMITS.tableCells} cells`, node.position, 'A brochure page holds a few dozen rows: split the table or put the data in an annex.');
      }
    }
    if (node.type === 'footnoteDefinition' && ++footnotes > LIMITS.footnotes) {
      return refuse(`Unexpected number of footnotes, expected at most ${LIMITS.footnotes} in one section`, node.position, 'A brochure page holds a few notes: move long lists of references into an annex.');
    }
    if (nodes > LIMITS.nodes) return refuse(`Unexpected size of the section: more than ${LIMITS.nodes} Markdown elements`, node.position, 'Split it into several section files.');
    if ('children' in node) for (const child of (node as Parent).children) stack.push({ node: child as Nodes, depth: depth + 1 });
  }
  return true;
}
