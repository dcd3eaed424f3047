import type { Element, ElementContent } from 'hast';

/** Elements that can run script, embed other documents or fetch from outside; removed from every SVG. */
const FORBIDDEN = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'audio', 'video', 'image', 'animate', 'set', 'handler', 'listener']);

/**
 * Removes from an SVG everything that could run script or load anything (event handlers, external references,
 * style sheets with url()), in place; what stays is drawing and text.
 */
export function sanitizeSvg(svg: Element): void {
  svg.children = cleanChildren(svg.children);
  cleanProperties(svg);
}

function cleanChildren(children: ElementContent[]): ElementContent[] {
  const kept: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'comment') continue;
    if (child.type !== 'element') {
      kept.push(child);
      continue;
    }
    if (FORBIDDEN.has(child.tagName.toLowerCase())) continue;
    if (child.tagName === 'style') {
      const text = child.children.map((node) => (node.type === 'text' ? node.value : '')).join('');
      if (/url\s*\(|@import|expression\s*\(/i.test(text)) continue;
    }
    cleanProperties(child);
    child.children = cleanChildren(child.children);
    kept.push(child);
  }
  return kept;
}

function cleanProperties(element: Element): void {
  for (const [name, value] of Object.entries(element.properties)) {
    const lower = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    if (lower.startsWith('on')) delete element.properties[name];
    else if ((lower === 'href' || lower === 'xlinkhref') && !text.startsWith('#')) delete element.properties[name];
    else if (/url\s*\(\s*['"]?(?!#)/i.test(text) || /javascript:/i.test(text)) delete element.properties[name];
  }
}
