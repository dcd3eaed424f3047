import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { reportWarning } from '../report/messages.js';

/**
 * Reports raw HTML in Markdown: it is left out of the document (it could run script or load from the web), so
 * the writer is told instead of the text silently disappearing.
 */
export default function remarkRawHtml() {
  return (tree: Root, file: VFile) => {
    visit(tree, 'html', (node) => {
      if (/^<!--[\s\S]*-->$/.test(node.value.trim())) return;
      reportWarning(file, `Unexpected raw HTML \`${node.value.trim().slice(0, 40)}\`, it is left out of the brochure`, {
        ruleId: 'raw-html',
        place: node.position,
        hint: 'Use Markdown or a directive (callout, figure, columns, pagebreak) instead.',
      });
    });
  };
}
