/** Marker the contents template leaves for a page number: `<span class="toc-page" data-target="ID"></span>`. */
const PAGE_SLOT = /(<span class="toc-page" data-target=")([^"]+)(">)(<\/span>)/g;

/** Ids the contents page links to, in order. */
export function contentsTargets(html: string): string[] {
  return [...html.matchAll(PAGE_SLOT)].map((match) => match[2]!);
}

/**
 * Writes the page numbers into the table of contents. The slots have a fixed minimum width in the stylesheet,
 * so filling them does not move anything else.
 */
export function fillContents(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(PAGE_SLOT, (whole, open: string, id: string, close: string, end: string) => {
    const page = pages.get(id);
    return page === undefined ? whole : `${open}${id}${close}${page}${end}`;
  });
}
