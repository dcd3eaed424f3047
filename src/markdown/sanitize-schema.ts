import { defaultSchema } from 'rehype-sanitize';
import type { Schema } from 'hast-util-sanitize';
import { FIGURE_WIDTHS } from './figure-widths.js';

/** Elements whose content goes too when they are removed: it is code, hidden, or a page of its own. */
export const STRIP = ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'template', 'noscript', 'link', 'meta', 'base', 'title', 'textarea', 'select', 'button', 'form', 'svg', 'math', 'canvas', 'audio', 'video'];

/** Elements that can run script, load from elsewhere or submit data: their presence is an error, not a slip. */
export const ACTIVE_ELEMENTS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'link', 'meta', 'base', 'form', 'svg', 'math']);

const without = (list: readonly unknown[], ...names: string[]) => list.filter((item) => !names.includes(typeof item === 'string' ? item : String((item as unknown[])[0])));

/**
 * What a brochure's Markdown may contain once raw HTML is parsed: GitHub's schema, without the parts that can
 * hide text in print (collapsed <details>, width/height on anything), with the classes our directives make,
 * and no id clobbering (ids are made unique per section by rehypeSectionLinks instead).
 */
export const brochureSchema: Schema = {
  ...defaultSchema,
  tagNames: [...without(defaultSchema.tagNames ?? [], 'details', 'summary', 'input'), 'input', 'aside', 'figure', 'figcaption', 'abbr', 'small', 'mark'] as string[],
  strip: STRIP,
  clobber: [],
  clobberPrefix: '',
  attributes: {
    ...defaultSchema.attributes,
    '*': without(defaultSchema.attributes?.['*'] ?? [], 'width', 'height', 'color', 'size', 'border', 'hSpace', 'accessKey', 'tabIndex') as NonNullable<Schema['attributes']>['*'],
    aside: [['className', 'callout', 'callout-tip', 'callout-note', 'callout-example']],
    figure: [['className', 'figure', ...FIGURE_WIDTHS.map((width) => `figure-width-${width}`)]],
    div: [['className', 'columns', 'page-break', 'figure-media']],
    p: [['className', 'callout-title'], ['role', 'paragraph']],
    span: [['ariaHidden', 'false']],
    img: [...(defaultSchema.attributes?.img ?? []), ['className', 'callout-icon']],
    h2: [['className', 'footnotes-title']],
    abbr: ['title'],
  },
  // Image addresses of any kind reach rehypeImages, which puts the file into the page or says why it cannot
  // (a web or `file:` address, `data:`…) and removes the address; nothing is ever loaded from one.
  protocols: { ...defaultSchema.protocols, href: ['http', 'https', 'mailto'], src: undefined },
};
