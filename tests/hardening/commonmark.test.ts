import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import rehypeStringify from 'rehype-stringify';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; html: string; number: number; section: string }> };

/** The Markdown stage with the brochure's extensions off: plain CommonMark, raw HTML passed through as the spec expects. */
const commonmark = unified().use(remarkParse).use(remarkRehype, { allowDangerousHtml: true }).use(rehypeStringify, { allowDangerousHtml: true });

/**
 * Compares HTML as the spec's own runner does, ignoring what does not change the document: white space between
 * block tags, and how characters are escaped (both sides are parsed and written again by the same serialiser).
 */
function normalise(html: string): string {
  return toHtml(fromHtml(html.replace(/\r\n?/g, '\n').trim(), { fragment: true }))
    .replace(/>\s+</g, '><')
    .trim();
}

describe('CommonMark specification', () => {
  it(`passes the spec's examples (${spec.tests.length}) with the brochure extensions off`, () => {
    const failures: Array<{ example: number; section: string }> = [];
    for (const test of spec.tests) {
      // The spec text shows tabs as →.
      const actual = normalise(String(commonmark.processSync(test.markdown.replace(/→/g, '\t'))));
      if (actual !== normalise(test.html.replace(/→/g, '\t'))) failures.push({ example: test.number, section: test.section });
    }
    const passed = spec.tests.length - failures.length;
    const bySection = new Map<string, number[]>();
    for (const failure of failures) bySection.set(failure.section, [...(bySection.get(failure.section) ?? []), failure.example]);
    console.log(
      `CommonMark: ${passed} of ${spec.tests.length} examples pass (${((100 * passed) / spec.tests.length).toFixed(1)}%).` +
        [...bySection].map(([section, examples]) => `\n  ${section}: examples ${examples.join(', ')}`).join(''),
    );
    // micromark implements CommonMark 0.31 completely; any failure here is a regression in our Markdown stage.
    expect(failures).toEqual([]);
  });
});
