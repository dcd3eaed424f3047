import { describe, expect, it } from 'vitest';
import { build } from '../../src/build/build.js';
import { formatMessages } from '../../src/report/format-messages.js';
import { clean, makeProject } from '../helpers/project.js';

/** Checks the basic fixture with the overlay tests/fixtures/rules/<rule> and returns the report, paths relative. */
async function report(rule: string): Promise<string> {
  const project = await makeProject('basic', `rules/${rule}`);
  try {
    const result = await build({ root: project.root, print: false, write: false });
    return clean(formatMessages([result.configFile, ...result.languages.flatMap((language) => language.files)], { cwd: project.root }), project.root);
  } finally {
    await project.cleanup();
  }
}

describe('check rules, one fixture each', () => {
  it('missing-section', async () => {
    expect(await report('missing-section')).toContain('brochure/mk error Missing section `02-details.md` in `mk`  missing-section\n  hint: Copy brochure/en/02-details.md to brochure/mk/ and translate it.');
  });

  it('extra-section', async () => {
    expect(await report('extra-section')).toBe(
      'brochure/mk/03-extra.md:1:1 error Unexpected section `03-extra.md`, the source language has no such file  extra-section\n  hint: Rename it to match a file of brochure/en/, or remove it.',
    );
  });

  it('structure', async () => {
    expect(await report('structure')).toBe(
      'brochure/mk/02-details.md:3:1 error Unexpected level-3 heading (###), expected level-2 heading (##) as at brochure/en/02-details.md:3  structure\n' +
        '  hint: Keep the structure of the source: same headings, boxes, figures and links in the same order.',
    );
  });

  it('stale', async () => {
    expect(await report('stale')).toBe(
      'brochure/mk/01-intro.md:3:1 error Translation out of date: the source of this paragraph changed since the review on 2024-03-01  stale\n' +
        '  hint: brochure/en/01-intro.md:3, word by word:\n' +
        '        “A paragraph with a note. See the next…” → “A paragraph with a footnote. See the next…”\n' +
        '        Update the translation, then run `npm run check -- --mark-reviewed mk/01-intro.md`.',
    );
  });

  it('stale, with a reviewed.json of the older kind (block fingerprints only)', async () => {
    expect(await report('stale-legacy')).toBe(
      'brochure/mk/01-intro.md:1:1 error Translation out of date: brochure/en/01-intro.md changed since the review on 2024-03-01 (1 block changed or added, 1 removed)  stale\n' +
        '  hint: changed in the source at line 3\n' +
        '        This reviewed.json is of the older kind, which does not keep the source as reviewed, so the words that changed cannot be shown.\n' +
        '        Update the translation, then run `npm run check -- --mark-reviewed mk/01-intro.md`: from then on the changes are shown word by word.',
    );
  });

  it('untranslated', async () => {
    expect(await report('untranslated')).toBe(
      'brochure/mk/01-intro.md:3:1 error Not translated: “A paragraph with a footnote. See the next secti…” is the same as in brochure/en/01-intro.md:3  untranslated\n' +
        '  hint: Translate it into mk; names of organisations and documents may stay as they are inside a translated sentence.',
    );
  });

  it('missing-string', async () => {
    expect(await report('missing-string')).toBe(
      'brochure/mk/strings.json:1:1 error Missing UI string `toc.title`  missing-string\n  hint: Add "title": "…" under "toc" in brochure/mk/strings.json (en: “Contents”); it is used in templates/partials/contents.hbs:2:50.',
    );
  });

  it('placeholder-logo', async () => {
    expect(await report('placeholder-logo')).toBe(
      'brochure/brochure.yaml:12:5 warning Replace before print: the logo of `two` (Partner Two) is a placeholder, its name is typeset instead  placeholder-logo\n' +
        '  hint: Put the official logo at assets/logos/two.svg: it replaces the typeset mark in every language, nothing else to change (see assets/logos/README.md).\n' +
        'brochure/brochure.yaml:16:3 warning Replace before print: the logo of `fund` (Sample Fund) is a placeholder, its name is typeset instead  placeholder-logo\n' +
        '  hint: Put the official logo at assets/logos/fund.svg: it replaces the typeset mark in every language, nothing else to change (see assets/logos/README.md).',
    );
  });

  it('unused-string', async () => {
    expect(await report('unused-string')).toBe(
      'brochure/mk/strings.json:12:5 warning Unexpected unused UI string `toc.subtitle`  unused-string\n  hint: No template uses it: remove it, or use it in templates/ with {{t "…"}}.',
    );
  });

  it('plural-forms', async () => {
    expect(await report('plural-forms')).toContain(
      'brochure/mk/strings.json:12:5 error Missing the form of UI string `toc.pages` used for 1, 21, 31, … (`toc.pages_one`)  plural-forms\n' +
        '  hint: Add "pages_one": "…" beside the other forms. In mk a count takes 2 forms: _one for 1, 21, 31, …; _other for 0, 2-20, 22-30, …',
    );
  });

  it('glyph', async () => {
    expect(await report('glyph')).toBe(
      "brochure/mk/01-intro.md:3:18 error Unexpected character `♻` (U+267B), the brochure's fonts cannot print it  glyph\n" +
        '  hint: Replace it with a character the fonts have (for example a plain hyphen or quotation mark), or it prints in a fallback font or as a box.',
    );
  });

  it('typography', async () => {
    expect(await report('typography')).toBe(
      [
        'brochure/mk/01-intro.md:3:10 warning Unexpected straight quotation mark `"`, expected `„…“` in mk  typography',
        '  hint: Write „text“.',
        'brochure/mk/01-intro.md:3:18 warning Unexpected straight quotation mark `"`, expected `„…“` in mk  typography',
        '  hint: Write „text“.',
        'brochure/mk/01-intro.md:3:19 warning Unexpected double space  typography',
        '  hint: Use one space between words.',
      ].join('\n'),
    );
  });

  it('alt-text', async () => {
    expect(await report('alt-text')).toBe(
      'brochure/mk/01-intro.md:10:1 error Missing alt text for image `../../assets/loop.svg`  alt-text\n' +
        '  hint: Describe what the image shows between the brackets, in this language: ![A diagram of …](path).',
    );
  });

  it('links and anchors', async () => {
    expect(await report('broken-anchor')).toBe(
      'brochure/mk/01-intro.md:3:62 error Cannot find anchor `02-details.md#tabla` in this language  link\n' +
        '  hint: Anchors are heading texts written in lower case with hyphens, such as `#a-table` for `## A table`.',
    );
  });
});
