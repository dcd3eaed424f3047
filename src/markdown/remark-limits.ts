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
};

/**
 * Refuses Markdown nested deeper, or tables larger, than a brochure ever needs, with the position of the
 * offending block; the section's content is then dropped so that no later stage works on it.
 */
export default function remarkLimits() {
  return (tree: Root, file: VFile) => {
    let nodes = 0;
    let problem = false;
    const stack: Array<{ node: Nodes; depth: number }> = [{ node: tree, depth: 0 }];
    while (stack.length > 0 && !problem) {
      const { node, depth } = stack.pop()!;
      nodes++;
      if (depth > LIMITS.depth) {
        reportError(file, `Unexpected nesting ${depth} levels deep, expected at most ${LIMITS.depth}`, {
          ruleId: 'limit',
          place: node.position,
          hint: 'Lists inside quotes inside lists…: flatten the structure.',
        });
        problem = true;
      } else if (node.type === 'table') {
        const cells = node.children.reduce((sum, row) => sum + row.children.length, 0);
        if (node.children.length > LIMITS.tableRows || cells > LIMITS.tableCells) {
          reportError(file, `Unexpected table of ${node.children.length} rows and ${cells} cells, expected at most ${LIMITS.tableRows} rows and ${LIMITS.tableCells} cells`, {
            ruleId: 'limit',
            place: node.position,
            hint: 'A brochure page holds a few dozen rows: split the table or put the data in an annex.',
          });
          problem = true;
        }
      } else if (nodes > LIMITS.nodes) {
        reportError(file, `Unexpected size of the section: more than ${LIMITS.nodes} Markdown elements`, { ruleId: 'limit', hint: 'Split it into several section files.' });
        problem = true;
      }
      if ('children' in node) for (const child of (node as Parent).children) stack.push({ node: child as Nodes, depth: depth + 1 });
    }
    if (problem) tree.children = [];
  };
}
