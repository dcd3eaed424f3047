import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import type { Schema } from 'hast-util-sanitize';
import { reportError, reportWarning } from '../report/messages.js';
import { ACTIVE_ELEMENTS } from './sanitize-schema.js';

const UNSAFE_URL = /^\s*(javascript|vbscript|data(?!:image\/(png|jpe?g|gif|webp);))\s*:/i;

/**
 * Says what rehype-sanitize is about to remove, at its position: active content (script, frames, event
 * handlers, javascript: links) as errors, formatting the brochure does not allow (style, classes, unknown
 * elements) as warnings. The removal itself is rehype-sanitize's job; this only tells the writer.
 */
export default function rehypeReportUnsafe(options: { schema: Schema }) {
  const allowedTags = new Set(options.schema.tagNames ?? []);
  return (tree: Root, file: VFile) => {
    visitParents(tree, 'element', (node: Element, ancestors) => {
      const tag = node.tagName.toLowerCase();
      // HTML re-parsed from pieces (a tag opened in one block and closed in another) can lack a position:
      // point at the nearest enclosing element that has one.
      const place = node.position ?? [...ancestors].reverse().find((ancestor) => ancestor.position)?.position ?? { line: 1, column: 1 };
      if (!allowedTags.has(tag)) {
        const report = ACTIVE_ELEMENTS.has(tag) ? reportError : reportWarning;
        report(file, `Unexpected \`<${tag}>\` in the Markdown, it is removed`, {
          ruleId: 'unsafe-html',
          place,
          hint: ACTIVE_ELEMENTS.has(tag)
            ? 'The brochure may not run script or load anything from elsewhere; delete this element.'
            : 'Use Markdown or a directive (callout, figure, columns, pagebreak) instead.',
        });
        return;
      }
      for (const [name, value] of Object.entries(node.properties)) {
        const text = Array.isArray(value) ? value.join(' ') : String(value);
        if (/^on/i.test(name)) {
          reportError(file, `Unexpected event handler \`${name.toLowerCase()}\` on \`<${tag}>\`, it is removed`, { ruleId: 'unsafe-html', place, hint: 'The brochure runs no script; delete the attribute.' });
        } else if ((name === 'href' || name === 'src') && UNSAFE_URL.test(text)) {
          reportError(file, `Unexpected \`${text.split(':')[0]!.trim()}:\` address in \`${name}\` of \`<${tag}>\`, it is removed`, { ruleId: 'unsafe-html', place, hint: 'Link to a web address (https://…) or a section file.' });
        } else if (name === 'style' || name === 'hidden') {
          reportWarning(file, `Unexpected \`${name}\` attribute on \`<${tag}>\`, it is removed`, { ruleId: 'unsafe-html', place, hint: 'The layout comes from templates/style.css, the same for every language.' });
        }
      }
    });
  };
}
