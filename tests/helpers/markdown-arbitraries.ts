import fc from 'fast-check';

/** Pieces of brochure Markdown, including the syntax that goes wrong most: directives, front matter, raw HTML. */
const TOKENS = [
  '# ', '## ', '### ', 'Heading', 'text', 'Ќ ѓ ѕ џ', 'č ć đ š ž ë ç', ' ', '  ', '\n', '\n\n', '\t', '\r\n', '\uFEFF', '\u00a0',
  '*', '**', '_', '`', '```', '> ', '- ', '1. ', '- [ ] ', '| a | b |', '|---|---|', '[^1]', '[^1]: note', '---', '\n---\n',
  'tocTitle: x', 'tocTitle: [1, 2]', 'a: &a [x]', 'b: *a', ':::callout[Title]{.tip icon=savings}', ':::callout{.nope}', ':::figure',
  ':::columns', ':::', '::pagebreak', '::unknown', ':text', '{', '}', '[', ']', '(', ')', '![alt](../../assets/loop.svg)',
  '![](missing.png)', '![x](http://example.org/x.png)', '[link](02-details.md#a-table)', '[bad](nowhere.md)', '[anchor](#x)',
  '<script>alert(1)</script>', '<b onclick="x()">', '</b>', '<span style="display:none">', '<!-- c -->', '&amp;', '&#0;', '\\',
  'https://example.org', 'mailto:a@b.c', '<', '>', '"', "'", '„', '“',
];

/** Random token soup that looks enough like Markdown to reach every plugin. */
export const markdownish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((tokens) => tokens.join(''));

/** A real section with random edits: characters inserted, deleted or replaced at random places. */
export function mutated(source: string) {
  const edit = fc.record({
    at: fc.nat({ max: Math.max(0, source.length) }),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 })),
  });
  return fc.array(edit, { minLength: 1, maxLength: 8 }).map((edits) =>
    edits.reduce((text, { at, remove, insert }) => {
      const position = Math.min(at, text.length);
      return text.slice(0, position) + insert + text.slice(position + remove);
    }, source),
  );
}
