import type { Root, Text } from 'hast';
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import { visitParents } from 'unist-util-visit-parents';
import type { Schema } from 'hast-util-sanitize';
import { reportError, reportWarning } from '../report/messages.js';
import { ACTIVE_ELEMENTS, STRIP } from './sanitize-schema.js';

const UNSAFE_URL = /^\s*(javascript|vbscript|data(?!:image\/(png|jpe?g|gif|webp);))\s*:/i;

type AttributeRule = NonNullable<Schema['attributes']>[string][number];
type Report = (file: VFile, reason: string, options: Parameters<typeof report.error>[2]) => void;

const report = { error: reportError, warning: reportWarning };
/** Problems of each severity named per section. */
const MAX_SHOWN = 20;

/**
 * Says what rehype-sanitize is about to remove, at its position: active content (script, frames, event
 * handlers, javascript: links) as errors, and everything else it drops (elements, `style`, `srcset`, classes
 * and other attributes) as warnings; text that looks like an HTML tag but was not read as one (`<iframe
 * src=file:…>` inside a paragraph) is printed as it stands, which is said too. The removal itself is
 * rehype-sanitize's job; this only tells the writer.
 */
export default function rehypeReportUnsafe(options: { schema: Schema }) {
  const allowedTags = new Set(options.schema.tagNames ?? []);
  const knownTags = new Set([...allowedTags, ...ACTIVE_ELEMENTS, ...STRIP]);
  return (tree: Root, file: VFile) => {
    // The first few problems of each kind are named; the rest are counted (thousands say nothing more).
    const shown = { error: 0, warning: 0 };
    const limited = (severity: 'error' | 'warning'): Report => (target, reason, options) => {
      if (++shown[severity] <= MAX_SHOWN) report[severity](target, reason, options);
    };
    const [reportError, reportWarning] = [limited('error'), limited('warning')];
    visitParents(tree, (node, ancestors) => {
      // Text in code is meant literally: `<iframe>` in backticks is how a tag is written as text.
      if (node.type === 'text') {
        if (ancestors.some((ancestor) => ancestor.type === 'element' && (ancestor.tagName === 'code' || ancestor.tagName === 'pre'))) return;
        // Text made by a plugin (the words of a link found in plain text) has no place of its own.
        literalTags(node, nearestStart(ancestors), file, knownTags, reportError, reportWarning);
        return;
      }
      if (node.type !== 'element') return;
      const tag = node.tagName.toLowerCase();
      // HTML re-parsed from pieces (a tag opened in one block and closed in another) can lack a position:
      // point at the nearest enclosing element that has one.
      const place = node.position ?? nearestStart(ancestors);
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
        const shown = attributeName(name);
        if (/^on/i.test(name)) {
          reportError(file, `Unexpected event handler \`${shown}\` on \`<${tag}>\`, it is removed`, { ruleId: 'unsafe-html', place, hint: 'The brochure runs no script; delete the attribute.' });
        } else if (name === 'href' && UNSAFE_URL.test(text)) {
          reportError(file, `Unexpected \`${text.split(':')[0]!.trim()}:\` address in \`${name}\` of \`<${tag}>\`, it is removed`, { ruleId: 'unsafe-html', place, hint: 'Link to a web address (https://…) or a section file.' });
        } else {
          const dropped = droppedValues(options.schema, tag, name, value);
          if (dropped === undefined) continue;
          reportWarning(file, `Unexpected ${dropped ? `${shown} \`${dropped}\`` : `\`${shown}\` attribute`} on \`<${tag}>\`, it is removed`, {
            ruleId: 'unsafe-html',
            place,
            hint: name === 'srcSet' ? 'An image is the file named in `![Alt text](path)`, put into the page at its full resolution.' : 'The layout comes from templates/style.css and the boxes, the same for every language.',
          });
        }
      }
    });
    for (const severity of ['error', 'warning'] as const) {
      if (shown[severity] <= MAX_SHOWN) continue;
      (severity === 'error' ? report.error : report.warning)(file, `Unexpected HTML: ${shown[severity] - MAX_SHOWN} more ${severity}s like those above`, { ruleId: 'unsafe-html', hint: 'Use Markdown instead of HTML.' });
    }
  };
}

/** Where a node without a place of its own is said to be: where the nearest enclosing node that has one starts. */
function nearestStart(ancestors: ReadonlyArray<{ position?: Position }>): Point {
  return ancestors.findLast((ancestor) => ancestor.position)?.position?.start ?? { line: 1, column: 1 };
}

/**
 * What rehype-sanitize drops of an attribute: undefined when it keeps all of it, '' when it drops the whole
 * attribute, or the values it drops (classes not allowed on that element).
 */
function droppedValues(schema: Schema, tag: string, name: string, value: unknown): string | undefined {
  const rules: AttributeRule[] = [...(schema.attributes?.[tag] ?? []), ...(schema.attributes?.['*'] ?? [])];
  const matching = rules.filter((rule) => (typeof rule === 'string' ? rule : rule[0]) === name || (typeof rule === 'string' && /^(aria|data)\*$/.test(rule) && name.startsWith(rule.slice(0, 4))));
  if (matching.length === 0) return '';
  if (matching.some((rule) => typeof rule === 'string')) return undefined;
  const values = Array.isArray(value) ? value : [value];
  const allowed = (item: unknown) => matching.some((rule) => (rule as unknown[]).slice(1).some((accepted) => (accepted instanceof RegExp ? accepted.test(String(item)) : accepted === item)));
  const dropped = values.filter((item) => !allowed(item));
  return dropped.length === 0 ? undefined : dropped.join(' ');
}

/** `srcSet` -> `srcset`, `className` -> `class`, `ariaLabel` -> `aria-label`: as written in HTML. */
function attributeName(property: string): string {
  if (property === 'className') return 'class';
  if (/^(aria|data)[A-Z]/.test(property)) return property.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
  return property.toLowerCase();
}

/**
 * A tag written in a way the Markdown parser does not read as HTML (inside a paragraph, with an unquoted
 * address) is printed as text: `<iframe src=file:///…>` appears in the brochure. Said at its place, found from
 * the text's own start, or at `outer` (the nearest element with a place) for a text that has none, as an
 * error for tags that would run or load something (what was meant is not allowed either), else as a warning.
 */
function literalTags(node: Text, outer: Point, file: VFile, knownTags: ReadonlySet<string>, reportError: Report, reportWarning: Report): void {
  const start = node.position?.start;
  // Line and column found by walking forward from the previous match: linear in the text, however many tags.
  let { line, column } = start ?? outer;
  let from = 0;
  for (const match of node.value.matchAll(/<\/?([a-z][a-z0-9]*)(?=\s+[a-z-]+\s*=|\s*\/?>)/gi)) {
    const tag = match[1]!.toLowerCase();
    if (!knownTags.has(tag)) continue;
    for (; from < match.index; from++) {
      if (node.value[from] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    const place = start ? { line, column } : outer;
    const report = ACTIVE_ELEMENTS.has(tag) ? reportError : reportWarning;
    report(file, `Unexpected \`${match[0]}…\` written as text, it is printed as it stands`, {
      ruleId: 'unsafe-html',
      place,
      hint: ACTIVE_ELEMENTS.has(tag) ? 'The brochure may not run script or load anything from elsewhere; delete it.' : 'Use Markdown instead of HTML, or write `&lt;` for a `<` that is meant as text.',
    });
  }
}
