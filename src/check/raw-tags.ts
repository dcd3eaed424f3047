/**
 * Attributes of raw HTML that hold words, which a translation translates; every other attribute (class, id,
 * align, lang, href…) styles or points somewhere and must be written as in the source.
 */
const WORD_ATTRIBUTES = new Set(['title', 'alt', 'abbr', 'label', 'summary', 'aria-label', 'aria-description']);

const START_TAG = /<([a-z][a-z0-9-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/**
 * The start tags of a piece of raw HTML, each written the same way whatever the language: the element's name
 * and its attributes in order of name, class names sorted, word attributes (title, alt…) left out.
 * `<SPAN title="Hallo" class="b a">` gives `<span class="a b">`.
 */
export function rawTags(html: string): string[] {
  const tags: string[] = [];
  for (const match of html.matchAll(START_TAG)) {
    const attributes: string[] = [];
    for (const attribute of match[2]!.matchAll(ATTRIBUTE)) {
      const name = attribute[1]!.toLowerCase();
      if (WORD_ATTRIBUTES.has(name)) continue;
      let value = attribute[2] ?? attribute[3] ?? attribute[4];
      if (name === 'class' && value !== undefined) value = value.split(/\s+/).filter(Boolean).sort().join(' ');
      attributes.push(value === undefined ? name : `${name}="${value}"`);
    }
    tags.push(`<${match[1]!.toLowerCase()}${attributes.sort().map((attribute) => ` ${attribute}`).join('')}>`);
  }
  return tags;
}
