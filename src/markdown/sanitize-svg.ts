import type { Element, ElementContent } from 'hast';

/** Bounds of one SVG image: what a diagram, icon or logo needs, far from what stalls the parser or the print. */
export const SVG_LIMITS = {
  /** Elements nested in each other (the HTML parser recurses once per level). */
  depth: 100,
  /** Elements written in the file. */
  elements: 50_000,
  /** Elements drawn once every `<use>` is counted as a copy of what it refers to (a `<use>` bomb draws billions). */
  drawn: 50_000,
};

/**
 * Elements an SVG image may keep: drawing, text, gradients, clipping and the like. Anything else (script,
 * `<style>`, foreignObject, images, animation, links) is removed with its content.
 */
const ALLOWED = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon', 'text', 'tspan', 'textpath',
  'lineargradient', 'radialgradient', 'stop', 'pattern', 'clippath', 'mask', 'marker',
]);

/** Styles a `style` attribute may set; each becomes the presentation attribute of the same name. */
const PRESENTATION = new Set([
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'stroke-dashoffset',
  'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit', 'opacity', 'font-family', 'font-size', 'font-style', 'font-weight',
  'text-anchor', 'dominant-baseline', 'letter-spacing', 'word-spacing', 'text-decoration', 'stop-color', 'stop-opacity',
  'visibility', 'display', 'clip-rule',
]);

/** What the outer `<svg>` element keeps: its drawing area, namespaces, accessibility, and inherited paint and fonts. */
const ROOT_PROPERTY = /^(viewBox|preserveAspectRatio|xmlns.*|version|role|aria.*|id|width|height|fill.*|stroke.*|font.*|textAnchor|color)$/;

/** CSS functions an attribute value may call: colours and transforms; `url()` only to an id of the image. */
const FUNCTIONS = new Set(['rgb', 'rgba', 'hsl', 'hsla', 'translate', 'rotate', 'scale', 'matrix', 'skewx', 'skewy', 'url']);

/**
 * The text of an SVG file before it is parsed: too deeply nested, or too many elements, for the parser (which
 * recurses) and the print. Returns the reason, or undefined.
 */
export function svgTextProblem(text: string): string | undefined {
  let depth = 0;
  let elements = 0;
  for (const match of text.matchAll(/<(\/?)[a-z][^<>]*?(\/?)>/gi)) {
    if (match[1]) depth = Math.max(0, depth - 1);
    else {
      if (++elements > SVG_LIMITS.elements) return `more than ${SVG_LIMITS.elements} elements`;
      if (!match[2] && ++depth > SVG_LIMITS.depth) return `elements nested more than ${SVG_LIMITS.depth} levels deep`;
    }
  }
  return undefined;
}

/**
 * Cleans an SVG image in place so that it can only draw inside its own box: no script, no event handlers, no
 * references outside the image, and no style sheets or classes (a `<style>` in an inline SVG would style the
 * whole document). The `style` attribute becomes presentation attributes (fill, font-size…) with values that
 * cannot load anything: a value with a CSS escape or a function other than colours, transforms and `url(#id)`
 * is dropped. Returns a problem that makes the image unusable (a `<use>` bomb), or undefined.
 */
export function sanitizeSvg(svg: Element): string | undefined {
  svg.children = cleanChildren(svg.children);
  cleanProperties(svg);
  // The image's own box is a box of the page: it keeps its size and position, and clips what it draws
  // (`overflow="visible"` or a `transform` on it could draw over the rest of the page).
  for (const name of Object.keys(svg.properties)) if (!ROOT_PROPERTY.test(name)) delete svg.properties[name];
  const drawn = drawnElements(svg);
  return drawn > SVG_LIMITS.drawn ? `its \`<use>\` elements draw more than ${SVG_LIMITS.drawn} elements` : undefined;
}

function cleanChildren(children: ElementContent[]): ElementContent[] {
  const kept: ElementContent[] = [];
  for (const child of children) {
    if (child.type === 'comment') continue;
    if (child.type !== 'element') {
      kept.push(child);
      continue;
    }
    if (!ALLOWED.has(child.tagName.toLowerCase())) continue;
    cleanProperties(child);
    child.children = cleanChildren(child.children);
    kept.push(child);
  }
  return kept;
}

function cleanProperties(element: Element): void {
  const style = element.properties.style;
  delete element.properties.style;
  delete element.properties.className;
  if (typeof style === 'string') {
    for (const declaration of style.split(';')) {
      const [name = '', ...rest] = declaration.split(':');
      const property = name.trim().toLowerCase();
      if (PRESENTATION.has(property)) element.properties[camelCase(property)] = rest.join(':').replace(/!important/i, '').trim();
    }
  }
  for (const [name, value] of Object.entries(element.properties)) {
    const lower = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(' ') : String(value);
    if (lower.startsWith('on')) delete element.properties[name];
    else if ((lower === 'href' || lower === 'xlinkhref') && !/^#[\w.:-]+$/.test(text)) delete element.properties[name];
    else if (!safeValue(text)) delete element.properties[name];
  }
}

/** A value that cannot make the browser load anything, whatever CSS or URL parser reads it. */
function safeValue(text: string): boolean {
  // CSS escapes (`u\72l(`) would hide a function from the check below; no drawing needs a backslash.
  if (text.includes('\\') || /javascript:|@import|expression/i.test(text)) return false;
  for (const match of text.matchAll(/([a-z-]+)\(\s*(['"]?)\s*(.)/gi)) {
    const name = match[1]!.toLowerCase();
    if (!FUNCTIONS.has(name)) return false;
    if (name === 'url' && match[3] !== '#') return false;
  }
  return true;
}

function camelCase(property: string): string {
  return property.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/**
 * How many elements the image draws: each element once, and each `<use>` as many as the element it refers to
 * draws (a `<use>` of a group of ten `<use>`s of a group of ten… multiplies). A reference in a loop counts as
 * too many. Stops counting as soon as the limit is passed.
 */
function drawnElements(svg: Element): number {
  const byId = new Map<string, Element>();
  const stack: Element[] = [svg];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (typeof element.properties.id === 'string') byId.set(element.properties.id, element);
    for (const child of element.children) if (child.type === 'element') stack.push(child);
  }
  const memo = new Map<Element, number>();
  const count = (element: Element, visiting: Set<Element>): number => {
    const known = memo.get(element);
    if (known !== undefined) return known;
    // A loop, or a chain of references longer than any drawing needs (and than the stack allows).
    if (visiting.has(element) || visiting.size > 2 * SVG_LIMITS.depth) return Number.POSITIVE_INFINITY;
    visiting.add(element);
    let total = 1;
    const href = element.properties.href ?? element.properties.xLinkHref ?? element.properties.xlinkHref;
    if (element.tagName.toLowerCase() === 'use' && typeof href === 'string') {
      const target = byId.get(href.slice(1));
      if (target) total += count(target, visiting);
    }
    for (const child of element.children) {
      if (total > SVG_LIMITS.drawn) break;
      if (child.type === 'element') total += count(child, visiting);
    }
    visiting.delete(element);
    memo.set(element, total);
    return total;
  };
  return count(svg, new Set());
}

/**
 * Gives every id of an SVG image placed in the page a prefix, and points its references (`href="#a"`,
 * `url(#a)`, `aria-labelledby`) at the new ids: an image's ids cannot clash with the page's (a figure with
 * `id="contents"` would move the contents' page numbers), nor with another copy of the same image.
 */
export function prefixIds(svg: Element, prefix: string): void {
  const renamed = new Map<string, string>();
  const elements: Element[] = [];
  const stack: Element[] = [svg];
  while (stack.length > 0) {
    const element = stack.pop()!;
    elements.push(element);
    if (typeof element.properties.id === 'string') renamed.set(element.properties.id, `${prefix}${element.properties.id}`);
    for (const child of element.children) if (child.type === 'element') stack.push(child);
  }
  const rename = (id: string) => renamed.get(id) ?? id;
  for (const element of elements) {
    for (const [name, value] of Object.entries(element.properties)) {
      if (name === 'id' && typeof value === 'string') element.properties.id = rename(value);
      else if (/^(href|xLinkHref)$/.test(name) && typeof value === 'string' && value.startsWith('#')) element.properties[name] = `#${rename(value.slice(1))}`;
      else if (/^aria(LabelledBy|DescribedBy)$/.test(name) && Array.isArray(value)) element.properties[name] = value.map((id) => rename(String(id)));
      else if (typeof value === 'string' && value.includes('url(')) element.properties[name] = value.replace(/url\(\s*(['"]?)#([^'")\s]+)\1\s*\)/g, (_, quote: string, id: string) => `url(${quote}#${rename(id)}${quote})`);
    }
  }
}
