/**
 * The web page of a language as packed into that language's own zip: the links to the other languages' web
 * pages are taken out of its language menu, since the zip does not hold them (the page then links only to its
 * PDFs, which are in the zip). The zip of every language keeps the page as built.
 */
export function webPageForZip(html: string, lang: string): string {
  return html.replace(/<li>\s*<a href="\.\.\/([^/"]+)\/index\.html"[^>]*>[^<]*<\/a>\s*<\/li>/g, (item, target: string) => (target === lang ? item : ''));
}
