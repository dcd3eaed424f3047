import { TemplateError } from './load-templates.js';

const MARKER = '<!-- padding-pages -->';

/** Pages to add so that `pages` becomes a multiple of `multiple` (4 for a saddle-stitched booklet). */
export function paddingFor(pages: number, multiple = 4): number {
  return (multiple - (pages % multiple)) % multiple;
}

/** Inserts `count` blank pages before the back cover, where the layout left its marker. */
export function fillPadding(html: string, count: number): string {
  if (count === 0) return html;
  if (!html.includes(MARKER)) throw new TemplateError(`The layout has no \`${MARKER}\` before the back cover, so pages cannot be added.`);
  return html.replace(MARKER, '<div class="blank-page" aria-hidden="true"></div>'.repeat(count));
}
