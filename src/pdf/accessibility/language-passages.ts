import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import type { LanguagePassage } from './types.js';

/**
 * The passages of an HTML document marked with a `lang` other than the document's (`:lang[…]{en}` in the
 * Markdown), with their text as printed: what the checker expects to find in the tags with that language.
 * Hidden elements (aria-hidden, the web page's own navigation) are left out: they are not in the PDF's tags.
 */
export function languagePassages(html: string, documentLang: string): LanguagePassage[] {
  // The inlined fonts (in <style>) and images (data: URLs) are most of the page's bytes and hold no text.
  const tree = fromHtml(withoutStyles(html).replace(/data:[^"'\s)]+/g, 'data:')) as Root;
  const passages: LanguagePassage[] = [];
  const walk = (node: Root | Element, lang: string) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.properties.ariaHidden === 'true' || ['head', 'script', 'style', 'svg', 'nav'].includes(child.tagName)) continue;
      const own = typeof child.properties.lang === 'string' ? child.properties.lang : lang;
      if (child.tagName !== 'html' && own.toLowerCase() !== lang.toLowerCase() && own.toLowerCase() !== documentLang.toLowerCase()) {
        const text = toString(child).replace(/\u00ad/g, '').replace(/\s+/g, ' ').trim();
        if (text) passages.push({ text, lang: own });
        continue;
      }
      walk(child, own);
    }
  };
  walk(tree, documentLang);
  return passages;
}

/** The HTML without its <style> elements (cut by position: a regular expression over a megabyte is slow). */
function withoutStyles(html: string): string {
  let result = '';
  let from = 0;
  for (let start = html.indexOf('<style', from); start >= 0; start = html.indexOf('<style', from)) {
    const end = html.indexOf('</style>', start);
    if (end < 0) break;
    result += html.slice(from, start);
    from = end + '</style>'.length;
  }
  return result + html.slice(from);
}
