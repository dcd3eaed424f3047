import { describe, expect, it } from 'vitest';
import { checkPages, type TypographicPreflightOptions } from '../../src/typeset/typographic-preflight.js';
import { matchLines } from '../../src/typeset/match-lines.js';
import { pageFrame } from '../../src/typeset/page-frame.js';
import type { TextLine, TextPage } from '../../src/typeset/read-text-lines.js';
import type { SourceBlock } from '../../src/typeset/types.js';

// Text positions as pdf.js gives them, made by hand: an A5 page, text area 14-134 mm across and 15-194 mm down.
const GEOMETRY = { trimWidth: 148, trimHeight: 210, margins: { top: 15, bottom: 16, inner: 14, outer: 14 } };
const FILE = '/project/brochure/en/01-text.md';

/** A line of body text at `baseline` mm from the top, from the left margin to `right` mm. */
function line(page: number, baseline: number, text: string, right = 130, left = 14, size = 8.9): TextLine {
  return { page, text, left, right, top: baseline - 2.4, baseline, size };
}

function pages(...lines: TextLine[]): TextPage[] {
  const numbers = [...new Set(lines.map((entry) => entry.page))].sort((a, b) => a - b);
  return numbers.map((page) => ({ page, width: 148, height: 210, lines: lines.filter((entry) => entry.page === page) }));
}

function block(line: number, text: string, kind: SourceBlock['kind'] = 'paragraph'): SourceBlock {
  return { file: FILE, line, column: 1, kind, text };
}

function check(input: TextPage[], blocks: SourceBlock[], options: Partial<TypographicPreflightOptions> = {}): string[] {
  const findings = checkPages(input, { lang: 'bs', limits: { before: 2, after: 3 }, blocks, geometry: GEOMETRY, ...options });
  return findings.map((finding) => `${finding.file ? `${finding.file.split('/').pop()}:${finding.line}` : '-'} ${finding.ruleId}: ${finding.message}`);
}

describe('the rules of the typographic preflight, one case each', () => {
  it('hyphen-fragment: a break leaving fewer letters than the limits', () => {
    const text = 'Firme mogu bolje iskoristiti ostatke materijala u proizvodnji.';
    expect(check(pages(line(3, 40, 'Firme mogu bolje iskoristi-'), line(3, 44.5, 'ti ostatke materijala u proizvodnji.', 80)), [block(5, text)])).toEqual([
      '01-text.md:5 hyphen-fragment: Unexpected hyphenation `iskoristi-ti` on page 3: 2 letters after the hyphen, expected at least 3',
    ]);
    expect(check(pages(line(3, 40, 'Firme mogu bolje i-'), line(3, 44.5, 'skoristiti ostatke.', 60)), [block(5, 'Firme mogu bolje iskoristiti ostatke.')])).toEqual([
      '01-text.md:5 hyphen-fragment: Unexpected hyphenation `i-skoristiti` on page 3: 1 letter before the hyphen, expected at least 2',
    ]);
    // The limits come from brochure.yaml.
    expect(check(pages(line(3, 40, 'Firme mogu bolje iskoristi-'), line(3, 44.5, 'ti ostatke materijala u proizvodnji.', 80)), [block(5, text)], { limits: { before: 2, after: 2 } })).toEqual([]);
  });

  it('hyphen-last-line: a paragraph whose last line is the end of a hyphenated word', () => {
    expect(check(pages(line(3, 40, 'Ovo smanjuje troškove i po-'), line(3, 44.5, 'trošnju.', 30)), [block(7, 'Ovo smanjuje troškove i potrošnju.')])).toEqual([
      '01-text.md:7 hyphen-last-line: Unexpected last line `trošnju.` on page 3: only the end of the hyphenated word `po-trošnju`',
    ]);
  });

  it('short-last-line: a one-word last line shorter than a quarter of the paragraph', () => {
    expect(check(pages(line(3, 40, 'It started in June 2020 and runs for twelve'), line(3, 44.5, 'months.', 26)), [block(3, 'It started in June 2020 and runs for twelve months.')])).toEqual([
      '01-text.md:3 short-last-line: Unexpected one-word last line `months.` on page 3',
    ]);
    // Two words, or a long word, are fine; so is a table cell.
    expect(check(pages(line(3, 40, 'It started in June 2020 and runs for'), line(3, 44.5, 'twelve months.', 40)), [block(3, 'It started in June 2020 and runs for twelve months.')])).toEqual([]);
    expect(check(pages(line(3, 40, 'It started in June 2020 and runs for twelve', 60, 14, 7.1), line(3, 43, 'months.', 22, 14, 7.1)), [block(3, 'It started in June 2020 and runs for twelve months.', 'cell')])).toEqual([]);
  });

  it('hyphen-ladder: more than two hyphenated lines in a row', () => {
    const text = 'Одвојувањето на отпадот може да ги намали трошоците за одвезување и планирањето на производството.';
    const lines = [line(10, 40, 'Одвојувањето на отпа-'), line(10, 44.5, 'дот може да ги намали трошо-'), line(10, 49, 'ците за одвезување и плани-'), line(10, 53.5, 'рањето на производството.', 90)];
    expect(check(pages(...lines), [block(6, text)])).toEqual(['01-text.md:6 hyphen-ladder: Unexpected 3 hyphenated lines in a row on page 10, expected at most 2']);
  });

  it('hyphen-break: a word hyphenated across a page or a column', () => {
    const text = 'Целта е во корист на сегашните и идните генерации.';
    expect(check(pages(line(5, 190, 'Целта е во корист на сегаш-'), line(6, 20, 'ните и идните генерации.', 90)), [block(15, text)])).toEqual([
      '01-text.md:15 hyphen-break: Unexpected word `сегаш-ните` hyphenated across pages 5 and 6',
      '01-text.md:15 lone-line: Unexpected single first line of a paragraph alone at the foot of page 5',
      '01-text.md:15 lone-line: Unexpected single last line of a paragraph alone at the top of page 6',
    ]);
    const column = [line(5, 120, 'Целта е во корист на сегаш-', 70), line(5, 40, 'ните и идните генерации.', 128, 76)];
    expect(check(pages(...column), [block(15, text)])).toEqual(['01-text.md:15 hyphen-break: Unexpected word `сегаш-ните` hyphenated across a column break on page 5']);
  });

  it('heading-at-bottom: a heading with fewer than two lines of its text below it on its page', () => {
    const blocks = [block(1, 'Who runs it', 'heading'), block(3, 'The project is led by a foundation from North Macedonia, in partnership with two others.')];
    expect(check(pages(line(7, 188, 'Who runs it', 40, 14, 11), line(8, 20, 'The project is led by a foundation from North Macedonia, in partnership'), line(8, 24.5, 'with two others.', 50)), blocks)).toEqual([
      '01-text.md:1 heading-at-bottom: Unexpected heading `Who runs it` in the last lines of page 7, with no line of its text below it',
    ]);
    expect(check(pages(line(7, 184, 'Who runs it', 40, 14, 11), line(7, 190, 'The project is led by a foundation from North Macedonia, in partnership'), line(8, 20, 'with two others.', 50)), blocks)).toEqual([
      '01-text.md:1 heading-at-bottom: Unexpected heading `Who runs it` in the last lines of page 7, with 1 line of its text below it',
      '01-text.md:3 lone-line: Unexpected single first line of a paragraph alone at the foot of page 7',
      '01-text.md:3 lone-line: Unexpected single last line of a paragraph alone at the top of page 8',
    ]);
    // Higher up a page that ends early (a page break written in the text) it is not in the last lines.
    expect(check(pages(line(7, 120, 'Who runs it', 40, 14, 11), line(8, 20, 'The project is led by a foundation from North Macedonia, in partnership'), line(8, 24.5, 'with two others.', 50)), blocks)).toEqual([]);
  });

  it('lone-line: one line of a paragraph alone at the top or the foot of a page', () => {
    const text = 'Repair, maintenance and sorting are done locally and need skilled people close to home, which creates jobs.';
    const widow = [line(11, 186, 'Repair, maintenance and sorting are done locally and need skilled'), line(11, 190.5, 'people close to home, which'), line(12, 20, 'creates jobs.', 40)];
    expect(check(pages(...widow), [block(9, text)])).toEqual(['01-text.md:9 lone-line: Unexpected single last line of a paragraph alone at the top of page 12']);
  });

  it('overflow: text running into the margin, past its column, or below the text area', () => {
    const url = 'ellenmacarthurfoundationpublicationsonthecirculareconomyandmore.org';
    expect(check(pages(line(3, 40, `See ${url}`, 141.3)), [block(2, `See ${url}`)])).toEqual([
      '01-text.md:2 overflow: Unexpected text `See ellenmacarthurfoundationpublications…` running 7.3 mm into the right margin on page 3',
    ]);
    const cells = [block(4, 'Remanufacturingextraordinary', 'cell'), block(4, 'Use parts', 'cell')];
    expect(check(pages(line(6, 60, 'Remanufacturingextraordinary', 50, 15, 7.1), line(6, 60, 'Use parts', 60, 44, 7.1)), cells)).toEqual([
      '01-text.md:4 overflow: Unexpected text `Remanufacturingextraordinary` running past its column into `Use parts` on page 6',
    ]);
    // Clipped at the edge of its column: the rest of the word is not in the PDF at all.
    const clipped = [line(3, 40, 'For more, see', 34), line(3, 44.5, 'ellenmacarthurfoundationpublicationsinthe', 134.5), line(3, 49, 'and its reports.', 36)];
    expect(check(pages(...clipped), [block(2, 'For more, see ellenmacarthurfoundationpublicationsinthewesternbalkans.org and its reports.')])).toEqual([
      '01-text.md:2 overflow: Unexpected text `ellenmacarthurfoundationpublicationsinthe` cut off at the edge of its column on page 3: `westernbalkans.org` is not printed',
    ]);
    // A page number in the foot margin is expected; other text there is not.
    expect(check(pages(line(4, 203, '4', 16, 14, 8), line(4, 203, 'and the rest of the contents.', 60)), [])).toEqual([
      '- overflow: Unexpected text `and the rest of the contents.` running into the bottom margin on page 4',
    ]);
  });
});

describe('matchLines: from printed lines to the Markdown blocks', () => {
  const frame = (page: number) => pageFrame(page, GEOMETRY);

  it('does not take the contents page for the sections, even where it repeats their headings', () => {
    const blocks = [block(1, 'About the project', 'heading'), block(3, 'A regional project that helps small firms.')];
    const placed = matchLines(pages(line(2, 40, 'About the project', 60), line(2, 50, 'Glossary', 40), line(3, 30, 'About the project', 60, 14, 18), line(3, 40, 'A regional project that helps small firms.', 90)), blocks, frame);
    expect(placed.map((entry) => [entry.page, entry.text, entry.block])).toEqual([
      [2, 'About the project', undefined],
      [2, 'Glossary', undefined],
      [3, 'About the project', 0],
      [3, 'A regional project that helps small firms.', 1],
    ]);
  });

  it('tells a hyphenated word from a break after a written hyphen, and reads past list numbers and margins', () => {
    const blocks = [block(2, 'Name a person and set a goal for civil-society organisations.', 'list-item')];
    const placed = matchLines(pages(line(15, 10, 'Getting started', 60, 100, 7), line(15, 30, '1. Name a person and set a goal for civil-'), line(15, 34.5, 'society organi-'), line(15, 39, 'sations.', 30)), blocks, frame);
    expect(placed.map((entry) => [entry.text, entry.block, entry.hyphen, entry.margin])).toEqual([
      ['Getting started', undefined, undefined, true],
      ['1. Name a person and set a goal for civil-', 0, 'hard', false],
      ['society organi-', 0, 'soft', false],
      ['sations.', 0, undefined, false],
    ]);
  });

  it('leaves out text set over every page on purpose (the draft band)', () => {
    const input = pages(line(3, 92, 'DRAFT – TRANSLATION NOT', 200, 30, 14), line(3, 97, 'COMPLETE', 80, 60, 14));
    expect(check(input, [], { ignore: ['Draft – translation not complete'] })).toEqual([]);
    expect(check(input, [])).toEqual(['- overflow: Unexpected text `DRAFT – TRANSLATION NOT` running 66.0 mm into the right margin on page 3']);
  });
});
