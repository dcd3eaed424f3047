import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { VFile } from 'vfile';
import { AssetStore } from '../../src/content/asset-store.js';
import { createSectionProcessor } from '../../src/markdown/create-processor.js';
import { REPO } from '../helpers/project.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as { tests: Array<{ markdown: string; html: string; number: number; section: string }> };
const FIXTURE = path.join(REPO, 'tests', 'fixtures', 'basic');

/** The project's own section processor with the brochure's extensions off: the Markdown stage as it builds. */
const processor = createSectionProcessor({
  assets: new AssetStore(FIXTURE),
  sections: new Map(),
  footnoteLabel: 'Notes',
  footnoteBackLabel: 'Back',
  iconsPath: '../../assets/icons',
  commonmarkOnly: true,
});

/**
 * Compares HTML as the spec's own runner does, ignoring what does not change the document: white space between
 * block tags, and how characters are escaped (both sides are parsed and written again by the same serialiser).
 */
function normalise(html: string): string {
  return toHtml(fromHtml(html.replace(/\r\n?/g, '\n').trim(), { fragment: true }))
    .replace(/>\s+</g, '><')
    .trim();
}

/**
 * Why the brochure differs from plain CommonMark: on purpose, raw HTML is sanitised (only harmless formatting
 * stays), images must be files of the project (they are put into the page), and a link address with a scheme
 * other than http, https or mailto is dropped; and one known difference of the HTML stage (rehype-raw parses
 * the HTML again, and HTML parsing drops the first line break of a <pre>): a code block whose first line is
 * empty loses that line. Anything else is a regression.
 */
function explained(markdown: string): string | undefined {
  if (/<[a-zA-Z/!?]/.test(markdown)) return 'raw HTML is sanitised';
  if (/!\[/.test(markdown)) return 'images must be files of the project';
  if (/\]\(\S*:/.test(markdown)) return 'link addresses with other schemes are dropped';
  if (/^(`{3,}|~{3,})[^\n]*\n\s*\n/m.test(markdown)) return 'a code block loses its first empty line (rehype-raw)';
  return undefined;
}

describe('CommonMark specification', () => {
  it(`the project's Markdown stage with the extensions off passes every example (${spec.tests.length}) but those it changes for a stated reason`, async () => {
    const failures: Array<{ example: number; section: string; reason: string | undefined }> = [];
    for (const test of spec.tests) {
      // The spec text shows tabs as →.
      const file = new VFile({ path: path.join(FIXTURE, 'brochure', 'en', '01-intro.md'), cwd: FIXTURE, value: test.markdown.replace(/→/g, '\t') });
      file.data.sectionId = 'intro';
      const actual = normalise(String(await processor.process(file)));
      if (actual !== normalise(test.html.replace(/→/g, '\t'))) failures.push({ example: test.number, section: test.section, reason: explained(test.markdown) });
    }
    const passed = spec.tests.length - failures.length;
    const byReason = new Map<string, number[]>();
    for (const failure of failures) byReason.set(failure.reason ?? 'unexplained', [...(byReason.get(failure.reason ?? 'unexplained') ?? []), failure.example]);
    console.log(
      `CommonMark: the brochure's Markdown stage passes ${passed} of ${spec.tests.length} examples (${((100 * passed) / spec.tests.length).toFixed(1)}%); it differs in:` +
        [...byReason].map(([reason, examples]) => `\n  ${reason}: examples ${examples.join(', ')}`).join(''),
    );
    expect(failures.filter((failure) => failure.reason === undefined).map((failure) => `${failure.example} (${failure.section})`)).toEqual([]);
    expect(passed / spec.tests.length).toBeGreaterThan(0.75);
  });
});
